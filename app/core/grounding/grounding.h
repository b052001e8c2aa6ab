// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {

// How an extracted value was found in the source document, best first.
enum class MatchKind {
    Exact, // the value's text, character for character
    Tolerant, // equal after folding case, whitespace, punctuation, line-break hyphenation, diacritics
              // (also a number or date written another way: 1250 as "1,250.00")
    Fuzzy, // similar enough (score below 1): perhaps a typo or a paraphrase
    Ambiguous, // found at more than one place; every span is kept
    Absent, // not found in the source: a possible invention
};

QString matchKindName(MatchKind kind); // "exact", "tolerant", ... (stable, used in JSON)
std::optional<MatchKind> matchKindFromName(QStringView name);

// A half-open range [begin, end) of UTF-16 code units in the document (QString offsets).
struct TextSpan {
    qsizetype begin = 0;
    qsizetype end = 0;

    qsizetype length() const { return end - begin; }
    friend bool operator==(const TextSpan &, const TextSpan &) = default;
};

// One extracted value and where it stands in the document.
struct GroundedValue {
    std::string pointer; // JSON Pointer of the value in the result
    QString text; // the value as it was looked for (a number as JSON writes it)
    MatchKind kind = MatchKind::Absent;
    // 1 for an exact match, 0.9 for a tolerant one, the similarity (at least the fuzzy threshold,
    // below 0.9) for a fuzzy one, 0 when absent. An ambiguous value keeps the score of its matches.
    double score = 0.0;
    std::vector<TextSpan> spans; // in document order; several when ambiguous, none when absent

    bool isGrounded() const { return kind != MatchKind::Absent; }
};

// The alignment of one extracted value with its source document: the one type the checks, the
// batch grid, the CLI trace, the source view and the report consume.
class Grounding
{
public:
    Grounding() = default;
    explicit Grounding(std::vector<GroundedValue> values);

    const std::vector<GroundedValue> &values() const { return m_values; }
    // The value at a JSON Pointer; nullptr when that pointer was not grounded (objects, arrays,
    // booleans, null and empty strings are not).
    const GroundedValue *find(std::string_view pointer) const;
    bool isEmpty() const { return m_values.empty(); }
    qsizetype size() const { return qsizetype(m_values.size()); }
    qsizetype count(MatchKind kind) const;
    // Share of the values found in the source (any kind but absent); 1 when there are none.
    double groundedRate() const;

    // Moves every span by delta code units, e.g. from a chunk to the whole document.
    void shift(qsizetype delta);
    // Adds the values of `other` (used when merging the groundings of chunks).
    void append(const Grounding &other);

    // {"/name": {"kind": "exact", "score": 1, "spans": [[10, 22]], "text": "..."}, ...}
    nlohmann::ordered_json toJson() const;
    // Reads what toJson() wrote; values it cannot read are skipped.
    static Grounding fromJson(const nlohmann::ordered_json &json);

private:
    void reindex();

    std::vector<GroundedValue> m_values;
    std::unordered_map<std::string, std::size_t> m_byPointer;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::Grounding)
