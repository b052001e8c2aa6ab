// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"
#include "grounding/grounder.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace Formwork {

// A value a grounding check did not find in the input text.
struct UngroundedValue {
    std::string pointer;
    QString text;
};

// Looks the values of grounding checks up in the input text, with the grounding view's own
// matcher (Grounder): "exact" wants the value character for character, "normalized" also accepts
// it after folding case, whitespace, punctuation and diacritics (and a number or date written the
// way the text writes it). The text is indexed once and kept while it stays the same.
class GroundingCheck
{
public:
    std::vector<UngroundedValue> check(const CheckDefinition &check, const nlohmann::ordered_json &value,
                                       const QString &sourceText);

private:
    Grounder &grounderFor(const QString &sourceText);
    static bool accepted(const GroundedValue &grounded, GroundingMatch match);

    std::optional<Grounder> m_grounder;
};

} // namespace Formwork
