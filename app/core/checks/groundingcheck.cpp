// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/groundingcheck.h"

#include "checks/checkpaths.h"

namespace Formwork {

namespace {

constexpr double TolerantScore = 0.9; // Grounder's score of a tolerant match (grounding.h)

} // namespace

std::vector<UngroundedValue> GroundingCheck::check(const CheckDefinition &check, const nlohmann::ordered_json &value,
                                                   const QString &sourceText)
{
    std::vector<UngroundedValue> missing;
    Grounder &grounder = grounderFor(sourceText);
    for (const std::string &pointer : expandCheckPath(value, check.path.toStdString())) {
        const nlohmann::ordered_json *target = valueAtPointer(value, pointer);
        if (!target)
            continue;
        const std::optional<GroundedValue> grounded = grounder.groundValue(*target);
        if (grounded && !accepted(*grounded, check.match))
            missing.push_back({ pointer, grounded->text });
    }
    return missing;
}

Grounder &GroundingCheck::grounderFor(const QString &sourceText)
{
    if (!m_grounder || m_grounder->document() != sourceText) {
        GroundingOptions options;
        options.maxSpans = 1; // a check needs to know only whether the value occurs
        m_grounder.emplace(sourceText, options);
    }
    return *m_grounder;
}

bool GroundingCheck::accepted(const GroundedValue &grounded, GroundingMatch match)
{
    if (match == GroundingMatch::Exact)
        return grounded.kind == MatchKind::Exact || (grounded.kind == MatchKind::Ambiguous && grounded.score >= 1.0);
    return grounded.isGrounded() && grounded.score >= TolerantScore;
}

} // namespace Formwork
