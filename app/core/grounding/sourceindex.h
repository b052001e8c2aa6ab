// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"
#include "grounding/textfolding.h"

#include <QString>

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {

// A document folded once and indexed by its tokens, so that each extracted value is looked up
// instead of scanned for: a 1 MB document is folded and indexed in a few milliseconds, and a
// value then costs a hash lookup and a comparison per candidate word.
class SourceIndex
{
public:
    explicit SourceIndex(QString document);

    const QString &document() const { return m_document; }
    const FoldedText &folded() const { return m_folded; }

    // Where the folded value starts in the folded document, at the start of a token and ending at
    // the end of one ("york" is found in "New York," but not in "Yorkshire").
    std::vector<std::uint32_t> tolerantMatches(const FoldedText &value) const;
    // The tokens equal to `token` (indices into folded().tokens); empty when there are none.
    const std::vector<std::uint32_t> &tokenPostings(std::u32string_view token) const;
    // The distinct tokens of the document whose length is `length` (for fuzzy look-ups).
    const std::vector<std::uint32_t> &tokensOfLength(std::size_t length) const;
    std::u32string_view tokenText(std::uint32_t token) const;

    // The original span of folded chars [begin, end).
    TextSpan originalSpan(std::uint32_t begin, std::uint32_t end) const;

private:
    static std::uint64_t prefixKey(std::u32string_view token);

    QString m_document;
    FoldedText m_folded;
    // first (up to) three folded chars of a token -> tokens starting so
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_byPrefix;
    // hash of a whole token -> tokens with that hash (compared again on use)
    std::unordered_map<std::size_t, std::vector<std::uint32_t>> m_byToken;
    // token length -> one token of each distinct text of that length
    std::unordered_map<std::size_t, std::vector<std::uint32_t>> m_vocabulary;
    std::vector<std::uint32_t> m_none;
};

} // namespace Formwork
