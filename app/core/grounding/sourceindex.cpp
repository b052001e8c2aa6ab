// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/sourceindex.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace Formwork {

SourceIndex::SourceIndex(QString document)
    : m_document(std::move(document))
{
    TextFolder folder;
    m_folded = folder.foldText(m_document);
    const auto count = std::uint32_t(m_folded.tokens.size());
    const std::hash<std::u32string_view> hash;
    std::vector<std::uint64_t> prefixes(count);
    std::vector<std::uint64_t> hashes(count);
    for (std::uint32_t t = 0; t < count; ++t) {
        const std::u32string_view text = tokenText(t);
        prefixes[t] = prefixKey(text);
        hashes[t] = std::uint64_t(hash(text));
    }
    m_byPrefix.build(prefixes);
    m_byToken.build(hashes);
    for (std::uint32_t g = 0; g < m_byToken.groupCount(); ++g) {
        const std::uint32_t t = m_byToken.group(g).front();
        const std::u32string_view text = tokenText(t);
        if (text.size() >= m_vocabulary.size()) {
            m_vocabulary.resize(text.size() + 1);
            m_vocabularyMasks.resize(text.size() + 1);
        }
        m_vocabulary[text.size()].push_back(t);
        m_vocabularyMasks[text.size()].push_back(charMask(text));
    }
}

std::size_t SourceIndex::GroupedTokens::slotOf(std::uint64_t key) const
{
    return shift >= 64 ? 0 : std::size_t((key * 0x9E3779B97F4A7C15ULL) >> shift);
}

void SourceIndex::GroupedTokens::build(const std::vector<std::uint64_t> &keyOfToken)
{
    std::size_t capacity = 16;
    shift = 60;
    while (capacity < keyOfToken.size() * 2) {
        capacity *= 2;
        --shift;
    }
    slotKeys.assign(capacity, 0);
    slotGroups.assign(capacity, noGroup);
    std::vector<std::uint32_t> groupOfToken(keyOfToken.size());
    std::vector<std::uint32_t> sizes;
    for (std::size_t t = 0; t < keyOfToken.size(); ++t) {
        const std::uint64_t key = keyOfToken[t];
        std::size_t slot = slotOf(key);
        while (slotGroups[slot] != noGroup && slotKeys[slot] != key)
            slot = (slot + 1) & (capacity - 1);
        if (slotGroups[slot] == noGroup) {
            slotKeys[slot] = key;
            slotGroups[slot] = std::uint32_t(sizes.size());
            sizes.push_back(0);
        }
        groupOfToken[t] = slotGroups[slot];
        ++sizes[slotGroups[slot]];
    }
    groupStart.assign(sizes.size() + 1, 0);
    for (std::size_t g = 0; g < sizes.size(); ++g)
        groupStart[g + 1] = groupStart[g] + sizes[g];
    tokens.assign(keyOfToken.size(), 0);
    std::vector<std::uint32_t> fill(groupStart.begin(), groupStart.end() - 1);
    for (std::size_t t = 0; t < keyOfToken.size(); ++t)
        tokens[fill[groupOfToken[t]]++] = std::uint32_t(t);
}

std::span<const std::uint32_t> SourceIndex::GroupedTokens::group(std::uint32_t g) const
{
    return std::span<const std::uint32_t>(tokens.data() + groupStart[g], groupStart[g + 1] - groupStart[g]);
}

std::span<const std::uint32_t> SourceIndex::GroupedTokens::find(std::uint64_t key) const
{
    if (slotKeys.empty())
        return {};
    std::size_t slot = slotOf(key);
    while (slotGroups[slot] != noGroup) {
        if (slotKeys[slot] == key)
            return group(slotGroups[slot]);
        slot = (slot + 1) & (slotKeys.size() - 1);
    }
    return {};
}

std::uint64_t SourceIndex::prefixKey(std::u32string_view token)
{
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < token.size() && i < 3; ++i)
        key |= std::uint64_t(token[i]) << (21 * i);
    return key;
}

std::uint64_t SourceIndex::charMask(std::u32string_view token)
{
    std::uint64_t mask = 0;
    for (const char32_t c : token)
        mask |= std::uint64_t(1) << (c % 64);
    return mask;
}

std::vector<std::uint32_t> SourceIndex::tolerantMatches(const FoldedText &value) const
{
    std::vector<std::uint32_t> starts;
    if (value.tokens.empty())
        return starts;
    const FoldedText::Token &first = value.tokens.front();
    const std::u32string_view doc(m_folded.chars);
    const std::size_t n = value.chars.size();
    const auto firstToken = std::u32string_view(value.chars).substr(first.begin, first.end - first.begin);
    for (const std::uint32_t t : m_byPrefix.find(prefixKey(firstToken))) {
        const std::uint32_t begin = m_folded.tokens[t].begin;
        if (begin + n <= doc.size() && m_folded.boundary[begin + n] && doc.substr(begin, n) == value.chars)
            starts.push_back(begin);
    }
    return starts;
}

std::span<const std::uint32_t> SourceIndex::tokenPostings(std::u32string_view token) const
{
    const std::span<const std::uint32_t> postings = m_byToken.find(std::hash<std::u32string_view>()(token));
    if (postings.empty() || tokenText(postings.front()) != token)
        return {};
    return postings;
}

std::span<const std::uint32_t> SourceIndex::tokensOfLength(std::size_t length) const
{
    return length < m_vocabulary.size() ? std::span<const std::uint32_t>(m_vocabulary[length])
                                        : std::span<const std::uint32_t>();
}

std::span<const std::uint64_t> SourceIndex::maskOfTokensOfLength(std::size_t length) const
{
    return length < m_vocabularyMasks.size() ? std::span<const std::uint64_t>(m_vocabularyMasks[length])
                                             : std::span<const std::uint64_t>();
}

TextSpan SourceIndex::originalSpan(std::uint32_t begin, std::uint32_t end) const
{
    if (end <= begin)
        return {};
    return { m_folded.origBegin[begin], m_folded.origEnd[end - 1] };
}

} // namespace Formwork
