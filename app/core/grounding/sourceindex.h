// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"
#include "grounding/textfolding.h"

#include <QString>

#include <cstdint>
#include <span>
#include <string_view>
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
    // The tokens equal to `token` (indices into folded().tokens, ascending); empty when none.
    std::span<const std::uint32_t> tokenPostings(std::u32string_view token) const;
    // The distinct tokens of the document whose length is `length` (for fuzzy look-ups), and a
    // bit mask of the characters of each (bit c % 64): a cheap test before an edit distance.
    std::span<const std::uint32_t> tokensOfLength(std::size_t length) const;
    std::span<const std::uint64_t> maskOfTokensOfLength(std::size_t length) const;
    static std::uint64_t charMask(std::u32string_view token);
    std::u32string_view tokenText(std::uint32_t token) const
    {
        const FoldedText::Token &t = m_folded.tokens[token];
        return std::u32string_view(m_folded.chars).substr(t.begin, t.end - t.begin);
    }

    // The original span of folded chars [begin, end).
    TextSpan originalSpan(std::uint32_t begin, std::uint32_t end) const;

private:
    // Tokens grouped by a key: an open-addressing table maps a key to its group, and the tokens of
    // each group lie together in ascending order (a counting sort). Linear to build, with no
    // allocation per distinct key: a hash map of vectors, or sorting, made indexing a large
    // document several times slower.
    struct GroupedTokens {
        std::vector<std::uint64_t> slotKeys;
        std::vector<std::uint32_t> slotGroups; // noGroup when the slot is empty
        std::vector<std::uint32_t> groupStart; // groups + 1 offsets into tokens
        std::vector<std::uint32_t> tokens;
        int shift = 64;

        static constexpr std::uint32_t noGroup = 0xFFFFFFFF;
        void build(const std::vector<std::uint64_t> &keyOfToken);
        std::span<const std::uint32_t> find(std::uint64_t key) const;
        std::span<const std::uint32_t> group(std::uint32_t g) const;
        std::uint32_t groupCount() const { return std::uint32_t(groupStart.size()) - 1; }
        std::size_t slotOf(std::uint64_t key) const;
    };
    static std::uint64_t prefixKey(std::u32string_view token);

    QString m_document;
    FoldedText m_folded;
    GroupedTokens m_byPrefix; // first (up to) three folded chars of a token
    GroupedTokens m_byToken; // hash of the whole token (compared again on use)
    // token length -> one token of each distinct text of that length, and their char masks
    std::vector<std::vector<std::uint32_t>> m_vocabulary;
    std::vector<std::vector<std::uint64_t>> m_vocabularyMasks;
};

} // namespace Formwork
