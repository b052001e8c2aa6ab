// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemafieldedits.h"

#include "schemaeditor/schemafieldtree.h"
#include "json/sourcemap.h"

#include <algorithm>

namespace Formwork {
namespace Ui {
namespace SchemaFieldEdits {

namespace {

Json *resolve(Json &doc, const std::string &pointer)
{
    try {
        const Json::json_pointer ptr(pointer);
        if (!doc.contains(ptr))
            return nullptr;
        return &doc[ptr];
    } catch (const Json::exception &) {
        return nullptr;
    }
}

const Json *resolve(const Json &doc, const std::string &pointer)
{
    try {
        const Json::json_pointer ptr(pointer);
        if (!doc.contains(ptr))
            return nullptr;
        return &doc[ptr];
    } catch (const Json::exception &) {
        return nullptr;
    }
}

// The object that holds the field as a member ("properties" or "$defs") and the field's name.
struct Location {
    Json *members = nullptr;
    Json *container = nullptr; // the object schema with "required"; nullptr for $defs entries
    std::string name;
};

Location locate(Json &doc, const std::string &field)
{
    Location location;
    location.name = lastPointerToken(field);
    const std::string membersPointer = parentPointer(field);
    location.members = resolve(doc, membersPointer);
    if (!location.members || !location.members->is_object() || !location.members->contains(location.name))
        return {};
    if (lastPointerToken(membersPointer) == "properties")
        location.container = resolve(doc, parentPointer(membersPointer));
    return location;
}

// An empty object with room for `members` members. Growing it instead would copy every value it
// holds: its members are (const key, value) pairs, whose move may throw, so std::vector copies
// them when it grows; for an edit at the top level of a 5 MB schema, a deep copy of all of it.
Json objectWithRoom(size_t members)
{
    Json object = Json::object();
    object.get_ref<Json::object_t &>().reserve(members);
    return object;
}

// Rebuilds an object with `key` at `index`; other members keep their order.
void insertAt(Json &object, size_t index, const std::string &key, Json value)
{
    Json rebuilt = objectWithRoom(object.size() + 1);
    size_t i = 0;
    for (auto it = object.begin(); it != object.end(); ++it, ++i) {
        if (i == index)
            rebuilt[key] = std::move(value);
        rebuilt[it.key()] = std::move(it.value());
    }
    if (!rebuilt.contains(key))
        rebuilt[key] = std::move(value);
    object = std::move(rebuilt);
}

size_t indexOf(const Json &object, const std::string &key)
{
    size_t i = 0;
    for (auto it = object.begin(); it != object.end(); ++it, ++i) {
        if (it.key() == key)
            return i;
    }
    return object.size();
}

Json *effective(Json &doc, const std::string &field)
{
    Json *schema = resolve(doc, field);
    if (!schema)
        return nullptr;
    const FieldShape shape = FieldShape::of(*schema);
    return shape.effectiveSuffix.empty() ? schema : resolve(doc, field + shape.effectiveSuffix);
}

bool isScalarTypeName(const std::string &type)
{
    static const char *const names[] = { "string", "number", "integer", "boolean", "object", "array", "null" };
    return std::any_of(std::begin(names), std::end(names), [&type](const char *n) { return type == n; });
}

void writeType(Json &schema, const std::string &type, bool nullable)
{
    schema.erase("$ref");
    if (nullable && type != "null")
        schema["type"] = Json::array({ type, "null" });
    else
        schema["type"] = type;
    if (type == "object" && !schema.contains("properties"))
        schema["properties"] = Json::object();
    if (type == "array" && !schema.contains("items"))
        schema["items"] = Json { { "type", "string" } };
}

std::string defsKey(const Json &doc)
{
    if (!doc.contains("$defs") && doc.contains("definitions"))
        return "definitions";
    return "$defs";
}

} // namespace

std::string uniqueName(const Json &object, const std::string &base)
{
    if (!object.is_object() || !object.contains(base))
        return base;
    for (int i = 2;; ++i) {
        const std::string candidate = base + std::to_string(i);
        if (!object.contains(candidate))
            return candidate;
    }
}

const Json *effectiveSchema(const Json &doc, const std::string &field)
{
    const Json *schema = resolve(doc, field);
    if (!schema)
        return nullptr;
    const FieldShape shape = FieldShape::of(*schema);
    return shape.effectiveSuffix.empty() ? schema : resolve(doc, field + shape.effectiveSuffix);
}

std::optional<std::string> ensureContainer(Json &doc, const std::string &fieldPointer)
{
    Json *schema = resolve(doc, fieldPointer);
    if (!schema || !schema->is_object())
        return std::nullopt;
    const FieldShape shape = FieldShape::of(*schema);
    if (shape.hasContainer) {
        Json *container = resolve(doc, fieldPointer + shape.containerSuffix);
        if (!container->contains("properties"))
            (*container)["properties"] = Json::object();
        return fieldPointer + shape.containerSuffix;
    }
    if (fieldPointer.empty() || shape.baseType.empty() || shape.baseType == "object") {
        if (!schema->contains("type"))
            insertAt(*schema, schema->contains("$schema") ? 1 : 0, "type", "object");
        (*schema)["properties"] = Json::object();
        return fieldPointer;
    }
    if (shape.baseType == "array") {
        Json *arraySchema = resolve(doc, fieldPointer + shape.effectiveSuffix);
        Json &items = (*arraySchema)["items"];
        if (!items.is_object() || items.contains("$ref") || (items.contains("type") && items["type"] != "object"))
            items = Json { { "type", "object" } };
        if (!items.contains("properties"))
            items["properties"] = Json::object();
        return fieldPointer + shape.effectiveSuffix + "/items";
    }
    return std::nullopt;
}

std::optional<std::string> addField(Json &doc, const std::string &parentField, const std::string &afterField,
                                    const std::string &name)
{
    const auto containerPointer = ensureContainer(doc, parentField);
    if (!containerPointer)
        return std::nullopt;
    Json &properties = (*resolve(doc, *containerPointer))["properties"];
    if (!properties.is_object())
        return std::nullopt;
    const std::string unique = uniqueName(properties, name.empty() ? std::string("field") : name);
    const std::string propertiesPointer = *containerPointer + "/properties";
    size_t index = properties.size();
    if (!afterField.empty() && parentPointer(afterField) == propertiesPointer) {
        const size_t after = indexOf(properties, lastPointerToken(afterField));
        if (after < properties.size())
            index = after + 1;
    }
    insertAt(properties, index, unique, Json { { "type", "string" } });
    return SourceMap::appendToken(propertiesPointer, unique);
}

std::optional<std::string> addDefinition(Json &doc, const std::string &name)
{
    if (!doc.is_object())
        return std::nullopt;
    const std::string key = defsKey(doc);
    Json &defs = doc[key];
    if (!defs.is_object())
        return std::nullopt;
    const std::string unique = uniqueName(defs, name.empty() ? std::string("item") : name);
    defs[unique] = Json { { "type", "object" }, { "properties", Json::object() } };
    return SourceMap::appendToken(SourceMap::appendToken("", key), unique);
}

bool removeField(Json &doc, const std::string &field)
{
    const Location location = locate(doc, field);
    if (!location.members)
        return false;
    location.members->erase(location.name);
    if (location.container && location.container->contains("required")) {
        Json &required = (*location.container)["required"];
        if (required.is_array()) {
            required.erase(std::remove(required.begin(), required.end(), Json(location.name)), required.end());
            if (required.empty())
                location.container->erase("required");
        }
    }
    return true;
}

std::optional<std::string> renameField(Json &doc, const std::string &field, const std::string &newName)
{
    const Location location = locate(doc, field);
    if (!location.members || newName.empty())
        return std::nullopt;
    if (newName == location.name)
        return field;
    if (location.members->contains(newName))
        return std::nullopt;
    Json rebuilt = objectWithRoom(location.members->size());
    for (auto it = location.members->begin(); it != location.members->end(); ++it)
        rebuilt[it.key() == location.name ? newName : it.key()] = std::move(it.value());
    *location.members = std::move(rebuilt);
    if (location.container && location.container->contains("required")
        && (*location.container)["required"].is_array()) {
        for (Json &entry : (*location.container)["required"]) {
            if (entry == location.name)
                entry = newName;
        }
    }
    return SourceMap::appendToken(parentPointer(field), newName);
}

bool moveField(Json &doc, const std::string &field, int delta)
{
    const Location location = locate(doc, field);
    if (!location.members)
        return false;
    const size_t from = indexOf(*location.members, location.name);
    const long long target = std::clamp<long long>(static_cast<long long>(from) + delta, 0,
                                                   static_cast<long long>(location.members->size()) - 1);
    if (size_t(target) == from)
        return false;
    Json value = std::move((*location.members)[location.name]);
    location.members->erase(location.name);
    insertAt(*location.members, size_t(target), location.name, std::move(value));
    return true;
}

bool setRequired(Json &doc, const std::string &field, bool required)
{
    const Location location = locate(doc, field);
    if (!location.container)
        return false;
    Json &container = *location.container;
    if (!container.contains("required") || !container["required"].is_array()) {
        if (!required)
            return true;
        container["required"] = Json::array();
    }
    Json &list = container["required"];
    const auto present = std::find(list.begin(), list.end(), Json(location.name));
    if (required && present == list.end())
        list.push_back(location.name);
    else if (!required && present != list.end())
        list.erase(present);
    if (list.empty())
        container.erase("required");
    return true;
}

bool setNullable(Json &doc, const std::string &field, bool nullable)
{
    Json *schema = resolve(doc, field);
    if (!schema || !schema->is_object())
        return false;
    const FieldShape shape = FieldShape::of(*schema);
    if (shape.nullable == nullable)
        return true;
    if (shape.nullableByAnyOf) {
        // Unwrap: the non-null branch's keywords take the place of anyOf, siblings stay.
        Json branch = (*resolve(doc, field + shape.effectiveSuffix));
        const size_t at = indexOf(*schema, "anyOf");
        schema->erase("anyOf");
        size_t i = at;
        for (auto it = branch.begin(); it != branch.end(); ++it)
            insertAt(*schema, i++, it.key(), it.value());
        return true;
    }
    if (schema->contains("enum") && (*schema)["enum"].is_array()) {
        Json &values = (*schema)["enum"];
        if (nullable)
            values.push_back(nullptr);
        else
            values.erase(std::remove(values.begin(), values.end(), Json(nullptr)), values.end());
    }
    if (schema->contains("type")) {
        Json &type = (*schema)["type"];
        Json list = type.is_array() ? type : Json::array({ type });
        if (nullable)
            list.push_back("null");
        else
            list.erase(std::remove(list.begin(), list.end(), Json("null")), list.end());
        type = list.size() == 1 ? list.front() : list;
        return true;
    }
    if (schema->contains("enum"))
        return true;
    if (!nullable)
        return true;
    // A $ref (or an untyped schema): wrap the constraining keywords in anyOf with null.
    static const char *const annotations[] = { "title", "description", "default", "examples", "$comment" };
    Json branch = Json::object();
    Json kept = Json::object();
    for (auto it = schema->begin(); it != schema->end(); ++it) {
        const bool annotation = std::any_of(std::begin(annotations), std::end(annotations),
                                            [&it](const char *a) { return it.key() == a; });
        (annotation ? kept : branch)[it.key()] = it.value();
    }
    kept["anyOf"] = Json::array({ branch, Json { { "type", "null" } } });
    *schema = std::move(kept);
    return true;
}

bool setType(Json &doc, const std::string &field, const std::string &type)
{
    Json *schema = effective(doc, field);
    if (!schema || !schema->is_object())
        return false;
    const FieldShape shape = FieldShape::of(*resolve(doc, field));
    const bool nullableInType = shape.nullable && !shape.nullableByAnyOf;
    if (type == "$ref") {
        if (!schema->contains("$ref"))
            (*schema)["$ref"] = "#/" + defsKey(doc) + "/";
        schema->erase("type");
        return true;
    }
    if (!isScalarTypeName(type))
        return false;
    writeType(*schema, type, nullableInType);
    return true;
}

bool setItemsType(Json &doc, const std::string &field, const std::string &type)
{
    Json *schema = effective(doc, field);
    if (!schema || !schema->is_object() || !isScalarTypeName(type))
        return false;
    Json &items = (*schema)["items"];
    if (!items.is_object())
        items = Json::object();
    writeType(items, type, false);
    return true;
}

bool setRef(Json &doc, const std::string &field, const std::string &definition, bool items)
{
    Json *schema = effective(doc, field);
    if (!schema || !schema->is_object())
        return false;
    Json &target = items ? (*schema)["items"] : *schema;
    if (!target.is_object())
        target = Json::object();
    target.erase("type");
    target["$ref"] = "#/" + defsKey(doc) + "/" + SourceMap::appendToken("", definition).substr(1);
    return true;
}

bool setKeyword(Json &doc, const std::string &field, const std::string &keyword, const std::optional<Json> &value)
{
    Json *schema = keyword == "description" ? resolve(doc, field) : effective(doc, field);
    if (!schema || !schema->is_object())
        return false;
    if (value)
        (*schema)[keyword] = *value;
    else
        schema->erase(keyword);
    return true;
}

} // namespace SchemaFieldEdits
} // namespace Ui
} // namespace Formwork
