// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamingjsonlocator.h"

#include "jsonextractor.h"

#include <algorithm>

namespace Formwork {

namespace {

constexpr std::string_view openThink = "<think>";
constexpr std::string_view closeThink = "</think>";
constexpr std::string_view fence = "```";

// How many of the last bytes are backticks that may begin a fence (at most two: three are one).
std::size_t heldBackBackticks(std::string_view text, std::size_t from)
{
    std::size_t count = 0;
    while (count < fence.size() - 1 && text.size() - count > from && text[text.size() - count - 1] == '`')
        ++count;
    return count;
}

// True when `rest` (the text from some position to its end) may still become `token`.
bool cutOffPrefixOf(std::string_view rest, std::string_view token)
{
    return rest.size() < token.size() && token.starts_with(rest);
}

} // namespace

std::optional<SourceRange> streamingJsonRange(std::string_view text)
{
    std::size_t from = 0;
    for (const SourceRange &range : thinkingRanges(text))
        from = std::max(from, std::size_t(range.end));
    if (from >= text.size())
        return std::nullopt;
    const std::size_t fenceAt = text.find(fence, from);
    const std::size_t bracket = text.find_first_of("{[", from);
    if (fenceAt == std::string_view::npos || (bracket != std::string_view::npos && bracket < fenceAt)) {
        if (bracket == std::string_view::npos)
            return std::nullopt;
        return SourceRange { qsizetype(bracket), qsizetype(text.size()) };
    }
    const std::size_t lineEnd = text.find('\n', fenceAt);
    if (lineEnd == std::string_view::npos)
        return std::nullopt;
    const std::size_t close = text.find(fence, lineEnd + 1);
    const std::string_view content = text.substr(0, close);
    const std::size_t start = content.find_first_of("{[", lineEnd + 1);
    if (start == std::string_view::npos)
        return std::nullopt;
    const std::size_t end = close != std::string_view::npos ? close : text.size() - heldBackBackticks(text, start);
    return SourceRange { qsizetype(start), qsizetype(end) };
}

void StreamingJsonLocator::update(std::string_view text)
{
    scanThinking(text);
    if (m_thinking == Thinking::Inside)
        return;
    if (m_from != m_jsonFrom)
        restartJson(m_from);
    scanJson(text);
}

std::optional<SourceRange> StreamingJsonLocator::range() const
{
    if (m_thinking == Thinking::Inside)
        return std::nullopt;
    switch (m_json) {
    case Json::Bracketed:
    case Json::Fenced:
    case Json::FenceClosed:
        return SourceRange { qsizetype(m_begin), qsizetype(m_end) };
    case Json::Searching:
    case Json::FenceLine:
    case Json::InFence:
    case Json::EmptyFence:
        break;
    }
    return std::nullopt;
}

// Follows the <think> tags as thinkingRanges() reads them; a tag cut off by the end of the text
// is read again when more arrives.
void StreamingJsonLocator::scanThinking(std::string_view text)
{
    while (true) {
        const std::size_t tag = text.find('<', m_thinkingScan);
        if (tag == std::string_view::npos) {
            m_thinkingScan = text.size();
            return;
        }
        const std::string_view rest = text.substr(tag);
        const bool closes = m_thinking != Thinking::Outside; // a first </think> ends a thinking begun in the prompt
        const bool opens = m_thinking != Thinking::Inside;
        if (closes && rest.starts_with(closeThink)) {
            m_thinking = Thinking::Outside;
            m_thinkingScan = m_from = tag + closeThink.size();
        } else if (opens && rest.starts_with(openThink)) {
            m_thinking = Thinking::Inside;
            m_thinkingScan = tag + openThink.size();
            ++m_restarts;
        } else if ((closes && cutOffPrefixOf(rest, closeThink)) || (opens && cutOffPrefixOf(rest, openThink))) {
            m_thinkingScan = tag;
            return;
        } else {
            m_thinkingScan = tag + 1;
        }
    }
}

void StreamingJsonLocator::restartJson(std::size_t from)
{
    m_json = Json::Searching;
    m_jsonFrom = m_jsonScan = from;
    ++m_restarts;
}

void StreamingJsonLocator::scanJson(std::string_view text)
{
    switch (m_json) {
    case Json::Searching:
        return searchStart(text, false);
    case Json::FenceLine: {
        const std::size_t lineEnd = text.find('\n', m_jsonScan);
        if (lineEnd == std::string_view::npos) {
            m_jsonScan = text.size();
            return;
        }
        m_json = Json::InFence;
        m_jsonScan = lineEnd + 1;
        return searchStart(text, true);
    }
    case Json::InFence:
        return searchStart(text, true);
    case Json::Bracketed:
        m_end = text.size();
        return;
    case Json::Fenced:
        return searchClosingFence(text);
    case Json::FenceClosed:
    case Json::EmptyFence:
        return;
    }
}

// The first bracket, or a fence before it (outside a fence: the fence the JSON is in; inside
// one: the fence that closes it before any JSON began).
void StreamingJsonLocator::searchStart(std::string_view text, bool inFence)
{
    while (true) {
        const std::size_t at = text.find_first_of("{[`", m_jsonScan);
        if (at == std::string_view::npos) {
            m_jsonScan = text.size();
            return;
        }
        if (text[at] != '`') {
            m_begin = at;
            m_json = inFence ? Json::Fenced : Json::Bracketed;
            m_jsonScan = at + 1;
            return scanJson(text);
        }
        const std::string_view rest = text.substr(at);
        if (rest.starts_with(fence)) {
            m_json = inFence ? Json::EmptyFence : Json::FenceLine;
            m_jsonScan = at + fence.size();
            return scanJson(text);
        }
        if (cutOffPrefixOf(rest, fence)) {
            m_jsonScan = at;
            return;
        }
        m_jsonScan = at + 1;
    }
}

void StreamingJsonLocator::searchClosingFence(std::string_view text)
{
    const std::size_t close = text.find(fence, m_jsonScan);
    if (close != std::string_view::npos) {
        m_end = close;
        m_json = Json::FenceClosed;
        return;
    }
    m_end = text.size() - heldBackBackticks(text, m_begin);
    // A fence may begin in the last two bytes and end in bytes still to come.
    m_jsonScan = std::max(m_jsonScan, text.size() - std::min(text.size(), fence.size() - 1));
}

} // namespace Formwork
