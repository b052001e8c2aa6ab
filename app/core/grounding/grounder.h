// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"
#include "grounding/groundingscope.h"
#include "grounding/sourceindex.h"
#include "grounding/textfolding.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace Formwork {

struct GroundingOptions {
    double fuzzyThreshold = 0.8; // the least similarity a fuzzy match needs (0..1)
    std::size_t maxSpans = 100; // spans kept per value (an ambiguous "the" could have thousands)
    GroundingScope scope; // which values are looked for (by default all strings and numbers)
};

// Aligns extracted values with the document they were extracted from. Built once per document
// (the document is folded and indexed then), it grounds any number of values:
//   Grounder grounder(input);
//   const Grounding grounding = grounder.ground(result);
// Strings are looked for exactly, then tolerantly (TextFolder), then fuzzily (words in common,
// then edit distance on the best windows); numbers as the document writes them ("1,250.00" for
// 1250); ISO dates also as "5 March 2024", "05.03.2024", ... Objects and arrays are walked;
// booleans, null, empty strings and values outside options.scope are not grounded.
class Grounder
{
public:
    explicit Grounder(QString document, GroundingOptions options = {});

    const QString &document() const { return m_index.document(); }

    Grounding ground(const nlohmann::ordered_json &value);
    // One value; nullopt for what is not grounded (booleans, null, empty strings, containers).
    std::optional<GroundedValue> groundValue(const nlohmann::ordered_json &value);

private:
    void walk(const nlohmann::ordered_json &value, const std::string &pointer, std::vector<GroundedValue> &out);
    GroundedValue groundText(const QString &text);
    GroundedValue groundNumber(double value, const QString &written);
    std::vector<TextSpan> tolerantSpans(const FoldedText &folded);
    std::vector<TextSpan> numberSpans(double value) const;
    bool fuzzy(const FoldedText &folded, GroundedValue &out);
    void voteForToken(std::u32string_view token, std::uint32_t position,
                      std::unordered_map<std::uint32_t, std::uint32_t> &votes) const;
    std::optional<std::pair<double, TextSpan>> scoreWindow(const FoldedText &folded, std::uint32_t firstToken) const;
    void finish(GroundedValue &value, std::vector<TextSpan> spans, MatchKind kind, double score) const;

    SourceIndex m_index;
    GroundingOptions m_options;
    TextFolder m_folder;
    std::unordered_map<std::uint64_t, std::vector<TextSpan>> m_numbers; // bits of a double -> spans
};

} // namespace Formwork
