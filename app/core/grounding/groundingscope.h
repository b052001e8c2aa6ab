// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace Formwork {

// Which values of a result are worth looking for in the source, by the schema: not those whose
// schema is an `enum` or a `const` (labels the model picks, such as a category, not text it
// copies; they would all be reported as "not found"). The schema is walked along the value's
// pointer through properties, items, prefixItems, additionalProperties and local $refs; where the
// walk gets lost (anyOf, remote refs...) the value is looked for.
class GroundingScope
{
public:
    GroundingScope() = default; // everything is in scope
    explicit GroundingScope(nlohmann::ordered_json schema);

    bool includes(std::string_view pointer) const;

private:
    const nlohmann::ordered_json *resolve(const nlohmann::ordered_json *schema) const;

    nlohmann::ordered_json m_schema;
};

} // namespace Formwork
