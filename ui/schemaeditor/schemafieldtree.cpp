// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemafieldtree.h"

#include "json/sourcemap.h"

#include <QCoreApplication>

#include <algorithm>

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
    for (const char *prefix : { "#/$defs/", "#/definitions/" }) {
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

namespace {

bool isPrefix(std::string_view prefix, std::string_view pointer)
{
    if (prefix.empty())
        return true;
    return pointer.substr(0, prefix.size()) == prefix
        && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

const Json *schemaAt(const Json &document, const std::string &pointer)
{
    try {
        const Json::json_pointer ptr(pointer);
        return document.contains(ptr) ? &document[ptr] : nullptr;
    } catch (const Json::exception &) {
        return nullptr;
    }
}

QString descriptionOf(const Json &schema)
{
    if (schema.is_object() && schema.contains("description") && schema["description"].is_string())
        return qs(schema["description"].get<std::string>());
    return {};
}

std::unique_ptr<SchemaField> makeField(SchemaField::Kind kind, std::string pointer, const std::string &name,
                                       const Json &schema, bool required)
{
    auto field = std::make_unique<SchemaField>();
    field->kind = kind;
    field->pointer = std::move(pointer);
    field->name = qs(name);
    const FieldShape shape = FieldShape::of(schema);
    field->type = shape.displayType();
    field->nullable = shape.nullable;
    field->required = required;
    field->description = descriptionOf(schema);
    field->hasChildContainer = shape.hasContainer;
    return field;
}

} // namespace

// Where one sync looks: the scopes of the change.
struct SchemaFieldTree::SyncContext {
    const std::vector<SchemaEditScope> &scopes;
    SchemaFieldTreeObserver &observer;

    // Whether anything under `pointer` may have changed: a scope at or below it, or a deep one above.
    bool touches(const std::string &pointer) const
    {
        for (const SchemaEditScope &scope : scopes) {
            if (isPrefix(pointer, scope.pointer) || (scope.deep && isPrefix(scope.pointer, pointer)))
                return true;
        }
        return false;
    }
};

std::shared_ptr<SchemaFieldTree> SchemaFieldTree::build(const Json &document)
{
    auto tree = std::make_shared<SchemaFieldTree>();
    tree->m_root.hasChildContainer = document.is_object();
    tree->adopt(tree->m_root, tree->makeChildren(tree->m_root, document, 0, true));
    return tree;
}

// The rows `parent` has in `document`, each with its own rows when `deep` (not yet in the tree).
std::vector<std::unique_ptr<SchemaField>> SchemaFieldTree::makeChildren(const SchemaField &parent, const Json &document,
                                                                        int depth, bool deep)
{
    std::vector<std::unique_ptr<SchemaField>> children;
    if (depth > MaxDepth)
        return children;
    const auto add = [&](std::unique_ptr<SchemaField> field) {
        if (deep)
            field->children = makeChildren(*field, document, depth + 1, true);
        children.push_back(std::move(field));
    };
    if (parent.kind == SchemaField::Kind::DefinitionGroup) {
        const Json *defs = schemaAt(document, parent.pointer);
        if (!defs || !defs->is_object())
            return children;
        for (auto it = defs->begin(); it != defs->end(); ++it)
            add(makeField(SchemaField::Kind::Definition, SourceMap::appendToken(parent.pointer, it.key()), it.key(),
                          it.value(), false));
        return children;
    }
    const bool isRoot = &parent == &m_root;
    const Json *schema = isRoot ? &document : schemaAt(document, parent.pointer);
    if (!schema || !schema->is_object())
        return children;
    const Json *container = schema;
    std::string containerPointer = parent.pointer;
    if (!isRoot) {
        const FieldShape shape = FieldShape::of(*schema);
        if (!shape.hasContainer)
            return children;
        container = &(*schema)[Json::json_pointer(shape.containerSuffix)];
        containerPointer += shape.containerSuffix;
    }
    if (container->is_object() && container->contains("properties") && (*container)["properties"].is_object()) {
        std::vector<std::string> required;
        if (container->contains("required") && (*container)["required"].is_array()) {
            for (const Json &name : (*container)["required"]) {
                if (name.is_string())
                    required.push_back(name.get<std::string>());
            }
        }
        const Json &properties = (*container)["properties"];
        const std::string propertiesPointer = containerPointer + "/properties";
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const bool isRequired = std::find(required.begin(), required.end(), it.key()) != required.end();
            add(makeField(SchemaField::Kind::Property, SourceMap::appendToken(propertiesPointer, it.key()), it.key(),
                          it.value(), isRequired));
        }
    }
    if (!isRoot)
        return children;
    for (const char *key : { "$defs", "definitions" }) {
        if (!document.contains(key) || !document[key].is_object())
            continue;
        auto group = std::make_unique<SchemaField>();
        group->kind = SchemaField::Kind::DefinitionGroup;
        group->pointer = SourceMap::appendToken("", key);
        group->name = QString::fromLatin1(key);
        add(std::move(group));
    }
    return children;
}

// Puts new rows under `parent` (after its others) and indexes them with everything below.
void SchemaFieldTree::adopt(SchemaField &parent, std::vector<std::unique_ptr<SchemaField>> children)
{
    for (auto &child : children) {
        child->parent = &parent;
        child->row = int(parent.children.size());
        index(*child);
        parent.children.push_back(std::move(child));
    }
}

void SchemaFieldTree::index(SchemaField &field)
{
    m_byPointer[field.pointer] = &field;
    for (std::size_t i = 0; i < field.children.size(); ++i) {
        SchemaField &child = *field.children[i];
        child.parent = &field;
        child.row = int(i);
        index(child);
    }
}

void SchemaFieldTree::unindex(const SchemaField &field)
{
    const auto it = m_byPointer.find(field.pointer);
    if (it != m_byPointer.end() && it->second == &field)
        m_byPointer.erase(it);
    for (const auto &child : field.children)
        unindex(*child);
}

void SchemaFieldTree::sync(const Json &document, const std::vector<SchemaEditScope> &scopes,
                           SchemaFieldTreeObserver &observer)
{
    SyncContext context { scopes, observer };
    m_root.hasChildContainer = document.is_object();
    syncChildren(m_root, document, 0, context);
}

// Brings the rows under `parent` up to date: rows whose pointer stays keep their object (and
// their rows, synced where the change reaches), the others are removed or made anew.
void SchemaFieldTree::syncChildren(SchemaField &parent, const Json &document, int depth, SyncContext &context)
{
    // The rows alone; their own rows are made for new rows only, below.
    std::vector<std::unique_ptr<SchemaField>> fresh = makeChildren(parent, document, depth, false);
    std::unordered_map<std::string_view, std::size_t> newIndex;
    for (std::size_t j = 0; j < fresh.size(); ++j)
        newIndex.emplace(fresh[j]->pointer, j);
    // The rows that stay: the longest run of old rows that keeps its order (as the text patch does).
    std::vector<std::size_t> oldOf;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < parent.children.size(); ++i) {
        const auto found = newIndex.find(parent.children[i]->pointer);
        if (found != newIndex.end()) {
            oldOf.push_back(i);
            order.push_back(found->second);
        }
    }
    std::vector<std::size_t> tails;
    std::vector<long> previous(order.size(), -1);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto at = std::lower_bound(tails.begin(), tails.end(), order[k],
                                         [&order](std::size_t t, std::size_t value) { return order[t] < value; });
        if (at != tails.begin())
            previous[k] = long(*(at - 1));
        if (at == tails.end())
            tails.push_back(k);
        else
            *at = k;
    }
    std::vector<bool> stays(parent.children.size(), false);
    std::vector<bool> kept(fresh.size(), false);
    for (long k = tails.empty() ? -1 : long(tails.back()); k >= 0; k = previous[std::size_t(k)]) {
        stays[oldOf[std::size_t(k)]] = true;
        kept[order[std::size_t(k)]] = true;
    }
    // Remove the rest, the last run first so the rows before keep their numbers.
    for (std::size_t end = parent.children.size(); end > 0;) {
        if (stays[end - 1]) {
            --end;
            continue;
        }
        std::size_t begin = end - 1;
        while (begin > 0 && !stays[begin - 1])
            --begin;
        context.observer.beginRemoveFields(parent, int(begin), int(end - 1));
        for (std::size_t i = begin; i < end; ++i)
            unindex(*parent.children[i]);
        std::vector<std::unique_ptr<SchemaField>> removed;
        for (std::size_t i = begin; i < end; ++i)
            removed.push_back(std::move(parent.children[i]));
        parent.children.erase(parent.children.begin() + long(begin), parent.children.begin() + long(end));
        for (std::size_t i = begin; i < parent.children.size(); ++i)
            parent.children[i]->row = int(i);
        context.observer.endRemoveFields();
        end = begin;
    }
    // Insert the new ones where they go, run by run; the kept ones take what they show now.
    for (std::size_t j = 0; j < fresh.size();) {
        if (kept[j]) {
            SchemaField &old = *parent.children[j];
            if (!old.sameDisplay(*fresh[j])) {
                old.name = fresh[j]->name;
                old.type = fresh[j]->type;
                old.description = fresh[j]->description;
                old.required = fresh[j]->required;
                old.nullable = fresh[j]->nullable;
                old.hasChildContainer = fresh[j]->hasChildContainer;
                context.observer.fieldChanged(old);
            }
            if (context.touches(old.pointer))
                syncChildren(old, document, depth + 1, context);
            ++j;
            continue;
        }
        std::size_t end = j;
        while (end < fresh.size() && !kept[end])
            ++end;
        for (std::size_t k = j; k < end; ++k)
            fresh[k]->children = makeChildren(*fresh[k], document, depth + 1, true);
        context.observer.beginInsertFields(parent, int(j), int(end - 1));
        for (std::size_t k = j; k < end; ++k)
            parent.children.insert(parent.children.begin() + long(k), std::move(fresh[k]));
        for (std::size_t i = j; i < parent.children.size(); ++i) {
            parent.children[i]->parent = &parent;
            parent.children[i]->row = int(i);
        }
        for (std::size_t k = j; k < end; ++k)
            index(*parent.children[k]);
        context.observer.endInsertFields();
        j = end;
    }
}

namespace {

// New members (each maybe a whole subtree of fields) beyond this: the tree is built anew instead.
constexpr std::size_t MaxNewMembers = 32;

// Depth first; false once over the limit.
bool collectChanges(const std::string &pointer, const Json &a, const Json &b, std::vector<SchemaEditScope> &scopes,
                    std::size_t limit, std::size_t &newMembers)
{
    if (a == b)
        return true;
    if (!a.is_object() || !b.is_object()) {
        scopes.push_back({ pointer, true });
        return scopes.size() <= limit;
    }
    bool sameKeys = a.size() == b.size();
    for (auto i = a.begin(), j = b.begin(); sameKeys && i != a.end(); ++i, ++j)
        sameKeys = i.key() == j.key();
    if (!sameKeys) {
        scopes.push_back({ pointer, false });
        for (auto j = b.begin(); j != b.end(); ++j)
            newMembers += a.contains(j.key()) ? 0 : 1;
        if (scopes.size() > limit || newMembers > MaxNewMembers)
            return false;
    }
    for (auto j = b.begin(); j != b.end(); ++j) {
        const auto i = a.find(j.key());
        if (i != a.end()
            && !collectChanges(SourceMap::appendToken(pointer, j.key()), *i, j.value(), scopes, limit, newMembers))
            return false;
    }
    return true;
}

} // namespace

std::optional<std::vector<SchemaEditScope>> documentChanges(const Json &before, const Json &after, std::size_t limit)
{
    if (before.type() != after.type())
        return std::nullopt;
    std::vector<SchemaEditScope> scopes;
    std::size_t newMembers = 0;
    if (!collectChanges(std::string(), before, after, scopes, limit, newMembers))
        return std::nullopt;
    return scopes;
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

bool applyChanges(Json &target, const Json &source, const std::vector<SchemaEditScope> &changes)
{
    try {
        for (const SchemaEditScope &change : changes) {
            const Json::json_pointer pointer(change.pointer);
            const Json &from = source.at(pointer);
            Json &to = target.at(pointer);
            if (change.deep || !from.is_object() || !to.is_object()) {
                to = from;
                continue;
            }
            // The members as they are now, in their order; the values of those that stay are kept
            // (the scopes below say where they changed).
            Json members = Json::object();
            for (auto it = from.begin(); it != from.end(); ++it) {
                const auto old = to.find(it.key());
                members[it.key()] = old != to.end() ? std::move(*old) : it.value();
            }
            to = std::move(members);
        }
    } catch (const Json::exception &) {
        return false;
    }
    return true;
}

} // namespace Ui
} // namespace Formwork
