// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace Formwork {
namespace Ui {

// The edits the field editor makes to a schema document. Each one changes only what it is about:
// property order and every other keyword stay as they are. Fields are addressed by the JSON
// Pointer of their schema ("/properties/a", "/$defs/item", "/properties/a/items/properties/b").
// A function that cannot apply (unknown pointer, name taken) leaves the document unchanged.
namespace SchemaFieldEdits {

using Json = nlohmann::ordered_json;

// The pointer of the object schema that holds the child fields of `fieldPointer` ("" = root),
// creating "properties" (and turning a bare field into an object) when needed.
std::optional<std::string> ensureContainer(Json &doc, const std::string &fieldPointer);

// Adds a string property named `name` (made unique) to the container of `parentField` ("" for the
// root), after `afterField` when it is one of its siblings, else at the end. Returns its pointer.
std::optional<std::string> addField(Json &doc, const std::string &parentField, const std::string &afterField,
                                    const std::string &name);
// Adds an object schema to `$defs` (or `definitions` when the document uses that). Returns its pointer.
std::optional<std::string> addDefinition(Json &doc, const std::string &name);
bool removeField(Json &doc, const std::string &field);
// Returns the new pointer; nullopt when the name is empty or taken.
std::optional<std::string> renameField(Json &doc, const std::string &field, const std::string &newName);
// Moves the field `delta` places among its siblings (clamped). False when nothing moved.
bool moveField(Json &doc, const std::string &field, int delta);

bool setRequired(Json &doc, const std::string &field, bool required);
bool setNullable(Json &doc, const std::string &field, bool nullable);
// "string", "number", "integer", "boolean", "object", "array", "null", or "$ref" (with setRef).
bool setType(Json &doc, const std::string &field, const std::string &type);
bool setItemsType(Json &doc, const std::string &field, const std::string &type);
// Points the field (or, for an array, its items when `items`) at `#/$defs/<definition>`.
bool setRef(Json &doc, const std::string &field, const std::string &definition, bool items = false);
// Sets or (nullopt) removes a keyword of the field's non-null schema: "format", "minimum",
// "maximum", "pattern", "enum". "description" goes on the field's own schema.
bool setKeyword(Json &doc, const std::string &field, const std::string &keyword, const std::optional<Json> &value);

// The field's non-null schema (inside `anyOf` when nullable is written that way).
const Json *effectiveSchema(const Json &doc, const std::string &field);

// A name not yet used in `object`: base, base2, base3...
std::string uniqueName(const Json &object, const std::string &base);

} // namespace SchemaFieldEdits
} // namespace Ui
} // namespace Formwork
