// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

namespace Formwork {

// A JSON Schema (2020-12) that the example value satisfies, as a user would write it by hand:
// - every key of an object is a property, in the example's order, and required;
// - the items of an array are merged: the union of the keys of its objects (first-seen order),
//   required only when present in every object; differing scalar types become a type list;
// - a null seen for a value makes it nullable (`"type": [T, "null"]`);
// - a string property gets a `format` when all of its strings are dates, date-times, e-mail
//   addresses, URIs or UUIDs.
// The result has no `$schema`; the caller adds one when it writes a document.
nlohmann::ordered_json inferSchema(const nlohmann::ordered_json &example);

} // namespace Formwork
