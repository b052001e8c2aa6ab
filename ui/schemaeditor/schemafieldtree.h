// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schemaeditor/schematextpatch.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {
namespace Ui {

// One row of the field tree: a property of an object schema, a `$defs` entry, or the `$defs`
// group itself. What the row shows is computed when the row is made or synced.
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
    std::vector<std::unique_ptr<SchemaField>> children;

    bool sameDisplay(const SchemaField &other) const;
};

// Told by SchemaFieldTree::sync() about each change of rows, before and after it (as an item
// model must tell its views).
class SchemaFieldTreeObserver
{
public:
    virtual ~SchemaFieldTreeObserver() = default;
    virtual void beginInsertFields(const SchemaField &parent, int first, int last) = 0;
    virtual void endInsertFields() = 0;
    virtual void beginRemoveFields(const SchemaField &parent, int first, int last) = 0;
    virtual void endRemoveFields() = 0;
    virtual void fieldChanged(const SchemaField &field) = 0;
};

// The fields of a schema document as a tree: the root object's properties, nested objects'
// properties, the properties of array items that are objects, and the `$defs` (or draft-07
// `definitions`) entries. build() makes one (on any thread); sync() brings it up to date with a
// changed document, looking only where the change is, so rows the change did not touch stay the
// same objects (an item model's indexes and a view's selection and expansion stay valid).
class SchemaFieldTree
{
public:
    static std::shared_ptr<SchemaFieldTree> build(const nlohmann::ordered_json &document);

    // `document` differs from the one the tree was built or last synced from only where `scopes`
    // say (as SchemaEditScope: deep, or only the members of an object).
    void sync(const nlohmann::ordered_json &document, const std::vector<SchemaEditScope> &scopes,
              SchemaFieldTreeObserver &observer);

    const SchemaField &root() const { return m_root; }
    const SchemaField *find(std::string_view pointer) const;
    // The innermost field whose schema contains `schemaPointer` (token-wise prefix); nullptr when none.
    const SchemaField *fieldContaining(std::string_view schemaPointer) const;
    std::size_t size() const { return m_byPointer.size(); }

private:
    struct SyncContext;
    std::vector<std::unique_ptr<SchemaField>>
    makeChildren(const SchemaField &parent, const nlohmann::ordered_json &document, int depth, bool deep);
    void adopt(SchemaField &parent, std::vector<std::unique_ptr<SchemaField>> children);
    void index(SchemaField &field);
    void unindex(const SchemaField &field);
    void syncChildren(SchemaField &parent, const nlohmann::ordered_json &document, int depth, SyncContext &context);

    SchemaField m_root;
    std::unordered_map<std::string, const SchemaField *> m_byPointer;
};

// Where two documents differ, as edit scopes (at most `limit`); nullopt for more (or for a root
// that changed its kind), when building the tree anew is the cheaper way. Empty when equal.
std::optional<std::vector<SchemaEditScope>> documentChanges(const nlohmann::ordered_json &before,
                                                            const nlohmann::ordered_json &after, std::size_t limit);
// Makes `target` (equal to documentChanges()' `before`) equal to `source` (its `after`), copying
// only what `changes` (from documentChanges()) name. False when they do not fit (target unusable).
bool applyChanges(nlohmann::ordered_json &target, const nlohmann::ordered_json &source,
                  const std::vector<SchemaEditScope> &changes);

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
