// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/sourceindex.h"

#include <functional>
#include <utility>

namespace Formwork {

SourceIndex::SourceIndex(QString document)
    : m_document(std::move(document))
{
    TextFolder folder;
    m_folded = folder.foldText(m_document);
    const std::hash<std::u32string_view> hash;
    for (std::uint32_t t = 0; t < std::uint32_t(m_folded.tokens.size()); ++t) {
        const std::u32string_view text = tokenText(t);
        m_byPrefix[prefixKey(text)].push_back(t);
        std::vector<std::uint32_t> &postings = m_byToken[hash(text)];
        if (postings.empty() || tokenText(postings.front()) != text)
            m_vocabulary[text.size()].push_back(t);
        postings.push_back(t);
    }
}

std::uint64_t SourceIndex::prefixKey(std::u32string_view token)
{
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < token.size() && i < 3; ++i)
        key |= std::uint64_t(token[i]) << (21 * i);
    return key;
}

std::u32string_view SourceIndex::tokenText(std::uint32_t token) const
{
    const FoldedText::Token &t = m_folded.tokens[token];
    return std::u32string_view(m_folded.chars).substr(t.begin, t.end - t.begin);
}

std::vector<std::uint32_t> SourceIndex::tolerantMatches(const FoldedText &value) const
{
    std::vector<std::uint32_t> starts;
    if (value.tokens.empty())
        return starts;
    const FoldedText::Token &first = value.tokens.front();
    const auto candidates
        = m_byPrefix.find(prefixKey(std::u32string_view(value.chars).substr(first.begin, first.end - first.begin)));
    if (candidates == m_byPrefix.end())
        return starts;
    const std::u32string_view doc(m_folded.chars);
    const std::size_t n = value.chars.size();
    for (const std::uint32_t t : candidates->second) {
        const std::uint32_t begin = m_folded.tokens[t].begin;
        if (begin + n <= doc.size() && m_folded.boundary[begin + n] && doc.substr(begin, n) == value.chars)
            starts.push_back(begin);
    }
    return starts;
}

const std::vector<std::uint32_t> &SourceIndex::tokenPostings(std::u32string_view token) const
{
    const auto it = m_byToken.find(std::hash<std::u32string_view>()(token));
    if (it == m_byToken.end() || tokenText(it->second.front()) != token)
        return m_none;
    return it->second;
}

const std::vector<std::uint32_t> &SourceIndex::tokensOfLength(std::size_t length) const
{
    const auto it = m_vocabulary.find(length);
    return it == m_vocabulary.end() ? m_none : it->second;
}

TextSpan SourceIndex::originalSpan(std::uint32_t begin, std::uint32_t end) const
{
    if (end <= begin)
        return {};
    return { m_folded.origBegin[begin], m_folded.origEnd[end - 1] };
}

} // namespace Formwork
