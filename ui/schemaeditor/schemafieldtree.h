// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {
namespace Ui {

// One row of the field tree: a property of an object schema, a `$defs` entry, or the `$defs`
// group itself. What the row shows is computed once, when the tree is built.
struct SchemaField {
    enum class Kind { Property, Definition, DefinitionGroup };

    Kind kind = Kind::Property;
    std::string pointer; // JSON Pointer of the field's schema in the document
    QString name;
    QString type; // "string", "array of object", "$ref item", ...
    QString description;
    bool required = false;
    bool nullable = false;
    bool hasChildContainer = false; // an object (or array of objects) that can take fields

    const SchemaField *parent = nullptr;
    int row = 0;
    std::size_t id = 0; // position in SchemaFieldTree::order(): stable while the shape is
    std::vector<std::unique_ptr<SchemaField>> children;

    bool sameDisplay(const SchemaField &other) const;
};

// What changed between two trees of the same document's history.
struct SchemaFieldTreeDiff {
    bool sameShape = false; // same fields in the same places: rows can stay
    std::vector<std::size_t> changed; // ids whose row shows something new (only when sameShape)
};

// The fields of a schema document as a tree: the root object's properties, nested objects'
// properties, the properties of array items that are objects, and the `$defs` (or draft-07
// `definitions`) entries. Immutable once built, so it can be built on a worker thread.
class SchemaFieldTree
{
public:
    static std::shared_ptr<const SchemaFieldTree> build(const nlohmann::ordered_json &document);

    const SchemaField &root() const { return m_root; }
    const SchemaField *find(std::string_view pointer) const;
    // The innermost field whose schema contains `schemaPointer` (token-wise prefix); nullptr when none.
    const SchemaField *fieldContaining(std::string_view schemaPointer) const;
    // Every field's pointer in tree order; equal orders mean equal tree shapes.
    const std::vector<std::string> &order() const { return m_order; }
    std::size_t size() const { return m_order.size(); }
    const SchemaField *at(std::size_t id) const { return id < m_nodes.size() ? m_nodes[id] : nullptr; }

    // Linear in the size; meant for the worker thread that built `after`.
    static SchemaFieldTreeDiff diff(const SchemaFieldTree &before, const SchemaFieldTree &after);

private:
    void addProperties(SchemaField &parent, const nlohmann::ordered_json &container, const std::string &containerPointer,
                       int depth);
    SchemaField &addNode(SchemaField &parent, std::unique_ptr<SchemaField> node);

    SchemaField m_root;
    std::vector<std::string> m_order;
    std::vector<const SchemaField *> m_nodes;
    std::unordered_map<std::string, const SchemaField *> m_byPointer;
};

// What a field's schema says, seen through the two ways of writing "or null":
// `"type": [T, "null"]` and `"anyOf": [S, {"type": "null"}]`.
struct FieldShape {
    std::string effectiveSuffix; // "" or "/anyOf/<i>": where the non-null schema is
    std::string containerSuffix; // relative to the field: the object schema holding its child fields
    bool hasContainer = false;
    bool nullable = false;
    bool nullableByAnyOf = false;
    std::string baseType; // "string", "object", "array", "$ref", "" (none) ...
    std::string itemsType; // for arrays
    std::string refTarget; // "#/$defs/item"

    static FieldShape of(const nlohmann::ordered_json &schema);
    QString displayType() const;
};

// Last token of a pointer, unescaped; "" for the root.
std::string lastPointerToken(std::string_view pointer);
// The pointer without its last token.
std::string parentPointer(std::string_view pointer);

} // namespace Ui
} // namespace Formwork
