// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemafieldtree.h"

#include "json/sourcemap.h"

#include <QCoreApplication>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

constexpr int MaxDepth = 200;

bool isNullSchema(const Json &schema)
{
    return schema.is_object() && schema.size() == 1 && schema.contains("type") && schema["type"] == "null";
}

QString qs(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// The type named by a schema, without "null": "string", "integer | string", "$ref", "object"...
std::string typeOf(const Json &schema, bool *nullable)
{
    if (!schema.is_object())
        return schema.is_boolean() ? (schema.get<bool>() ? "any" : "never") : std::string();
    if (schema.contains("type")) {
        const Json &type = schema["type"];
        if (type.is_string())
            return type.get<std::string>();
        if (type.is_array()) {
            std::string joined;
            for (const Json &entry : type) {
                if (!entry.is_string())
                    continue;
                if (entry == "null") {
                    if (nullable)
                        *nullable = true;
                    continue;
                }
                if (!joined.empty())
                    joined += " | ";
                joined += entry.get<std::string>();
            }
            return joined.empty() ? std::string("null") : joined;
        }
    }
    if (schema.contains("$ref"))
        return "$ref";
    if (schema.contains("properties"))
        return "object";
    if (schema.contains("items") || schema.contains("prefixItems"))
        return "array";
    if (schema.contains("enum"))
        return "enum";
    if (schema.contains("const"))
        return "const";
    return {};
}

std::string refName(const std::string &ref)
{
    for (const char *prefix : {"#/$defs/", "#/definitions/"}) {
        const std::string_view p(prefix);
        if (ref.compare(0, p.size(), p) == 0)
            return lastPointerToken(ref.substr(1));
    }
    return ref;
}

bool isObjectSchema(const Json &schema)
{
    if (!schema.is_object())
        return false;
    if (schema.contains("properties") && schema["properties"].is_object())
        return true;
    bool nullable = false;
    return typeOf(schema, &nullable) == "object";
}

} // namespace

bool SchemaField::sameDisplay(const SchemaField &other) const
{
    return kind == other.kind && name == other.name && type == other.type && description == other.description
        && required == other.required && nullable == other.nullable && hasChildContainer == other.hasChildContainer;
}

FieldShape FieldShape::of(const Json &schema)
{
    FieldShape shape;
    const Json *effective = &schema;
    if (schema.is_object() && schema.contains("anyOf") && schema["anyOf"].is_array() && schema["anyOf"].size() == 2) {
        const Json &anyOf = schema["anyOf"];
        for (int i = 0; i < 2; ++i) {
            if (isNullSchema(anyOf[size_t(i)]) && !isNullSchema(anyOf[size_t(1 - i)])) {
                effective = &anyOf[size_t(1 - i)];
                shape.effectiveSuffix = "/anyOf/" + std::to_string(1 - i);
                shape.nullable = true;
                shape.nullableByAnyOf = true;
                break;
            }
        }
    }
    shape.baseType = typeOf(*effective, &shape.nullable);
    if (shape.baseType == "$ref" && (*effective)["$ref"].is_string())
        shape.refTarget = (*effective)["$ref"].get<std::string>();
    if (isObjectSchema(*effective)) {
        shape.hasContainer = true;
        shape.containerSuffix = shape.effectiveSuffix;
    } else if (shape.baseType == "array" && effective->contains("items")) {
        const Json &items = (*effective)["items"];
        shape.itemsType = typeOf(items, nullptr);
        if (shape.itemsType == "$ref" && items["$ref"].is_string())
            shape.itemsType = "$ref " + refName(items["$ref"].get<std::string>());
        if (isObjectSchema(items)) {
            shape.hasContainer = true;
            shape.containerSuffix = shape.effectiveSuffix + "/items";
        }
    }
    return shape;
}

QString FieldShape::displayType() const
{
    QString type;
    if (baseType == "$ref")
        type = QStringLiteral("$ref ") + qs(refName(refTarget));
    else if (baseType == "array" && !itemsType.empty())
        type = QCoreApplication::translate("Formwork::Ui::SchemaFieldModel", "array of %1").arg(qs(itemsType));
    else
        type = qs(baseType);
    return type;
}

std::string lastPointerToken(std::string_view pointer)
{
    const size_t slash = pointer.rfind('/');
    if (slash == std::string_view::npos)
        return {};
    std::string token;
    const std::string_view raw = pointer.substr(slash + 1);
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size()) {
            token.push_back(raw[i + 1] == '1' ? '/' : '~');
            ++i;
        } else {
            token.push_back(raw[i]);
        }
    }
    return token;
}

std::string parentPointer(std::string_view pointer)
{
    const size_t slash = pointer.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(pointer.substr(0, slash));
}

std::shared_ptr<const SchemaFieldTree> SchemaFieldTree::build(const Json &document)
{
    auto tree = std::make_shared<SchemaFieldTree>();
    if (!document.is_object())
        return tree;
    tree->m_root.hasChildContainer = true;
    tree->addProperties(tree->m_root, document, std::string(), 0);
    for (const char *key : {"$defs", "definitions"}) {
        if (!document.contains(key) || !document[key].is_object())
            continue;
        auto group = std::make_unique<SchemaField>();
        group->kind = SchemaField::Kind::DefinitionGroup;
        group->pointer = SourceMap::appendToken("", key);
        group->name = QString::fromLatin1(key);
        SchemaField &groupNode = tree->addNode(tree->m_root, std::move(group));
        const Json &defs = document[key];
        for (auto it = defs.begin(); it != defs.end(); ++it) {
            auto def = std::make_unique<SchemaField>();
            def->kind = SchemaField::Kind::Definition;
            def->pointer = SourceMap::appendToken(groupNode.pointer, it.key());
            def->name = qs(it.key());
            const FieldShape shape = FieldShape::of(it.value());
            def->type = shape.displayType();
            def->nullable = shape.nullable;
            if (it.value().is_object() && it.value().contains("description") && it.value()["description"].is_string())
                def->description = qs(it.value()["description"].get<std::string>());
            def->hasChildContainer = shape.hasContainer;
            SchemaField &defNode = tree->addNode(groupNode, std::move(def));
            if (shape.hasContainer)
                tree->addProperties(defNode, it.value()[Json::json_pointer(shape.containerSuffix)],
                                    defNode.pointer + shape.containerSuffix, 1);
        }
    }
    return tree;
}

SchemaField &SchemaFieldTree::addNode(SchemaField &parent, std::unique_ptr<SchemaField> node)
{
    node->parent = &parent;
    node->row = int(parent.children.size());
    node->id = m_nodes.size();
    m_nodes.push_back(node.get());
    m_order.push_back(node->pointer);
    m_byPointer.emplace(node->pointer, node.get());
    parent.children.push_back(std::move(node));
    return *parent.children.back();
}

void SchemaFieldTree::addProperties(SchemaField &parent, const Json &container, const std::string &containerPointer,
                                    int depth)
{
    if (depth > MaxDepth || !container.is_object() || !container.contains("properties"))
        return;
    const Json &properties = container["properties"];
    if (!properties.is_object())
        return;
    std::vector<std::string> required;
    if (container.contains("required") && container["required"].is_array()) {
        for (const Json &name : container["required"]) {
            if (name.is_string())
                required.push_back(name.get<std::string>());
        }
    }
    const std::string propertiesPointer = containerPointer + "/properties";
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        auto field = std::make_unique<SchemaField>();
        field->pointer = SourceMap::appendToken(propertiesPointer, it.key());
        field->name = qs(it.key());
        const Json &schema = it.value();
        const FieldShape shape = FieldShape::of(schema);
        field->type = shape.displayType();
        field->nullable = shape.nullable;
        field->required = std::find(required.begin(), required.end(), it.key()) != required.end();
        if (schema.is_object() && schema.contains("description") && schema["description"].is_string())
            field->description = qs(schema["description"].get<std::string>());
        field->hasChildContainer = shape.hasContainer;
        SchemaField &node = addNode(parent, std::move(field));
        if (shape.hasContainer)
            addProperties(node, schema[Json::json_pointer(shape.containerSuffix)], node.pointer + shape.containerSuffix,
                          depth + 1);
    }
}

SchemaFieldTreeDiff SchemaFieldTree::diff(const SchemaFieldTree &before, const SchemaFieldTree &after)
{
    SchemaFieldTreeDiff result;
    result.sameShape = before.m_order == after.m_order;
    if (!result.sameShape)
        return result;
    for (std::size_t id = 0; id < after.m_nodes.size(); ++id) {
        if (!after.m_nodes[id]->sameDisplay(*before.m_nodes[id]))
            result.changed.push_back(id);
    }
    return result;
}

const SchemaField *SchemaFieldTree::find(std::string_view pointer) const
{
    const auto it = m_byPointer.find(std::string(pointer));
    return it == m_byPointer.end() ? nullptr : it->second;
}

const SchemaField *SchemaFieldTree::fieldContaining(std::string_view schemaPointer) const
{
    std::string pointer(schemaPointer);
    while (!pointer.empty()) {
        if (const SchemaField *field = find(pointer))
            return field;
        pointer = parentPointer(pointer);
    }
    return nullptr;
}

} // namespace Ui
} // namespace Formwork
