// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sourcemap.h"

#include <optional>
#include <string_view>

namespace Formwork {

// Where the JSON of a model reply that is still arriving lies, by these rules on the text so far:
// - it is looked for after the last <think> block, and nowhere while one is open (a reply whose
//   template opened the thinking in the prompt starts inside it, up to the first </think>);
// - when a ``` comes before the first { or [, the JSON starts at the first bracket after the
//   fence's line and ends before the next ```; a ` or `` at the end of the text is held back,
//   since it may be the start of that closing fence;
// - otherwise it runs from the first { or [ to the end of the text.
// nullopt while no JSON has begun. The finished reply is read by extractJson() instead, which
// weighs every candidate; this is the cheap, streaming view of it.
std::optional<SourceRange> streamingJsonRange(std::string_view text);

// streamingJsonRange() for a text that grows: update() costs time in proportion to the bytes
// added since the previous call, and range() always equals streamingJsonRange() of the text.
class StreamingJsonLocator
{
public:
    // `text` is the whole text so far: what it was at the previous call plus the new bytes.
    void update(std::string_view text);

    std::optional<SourceRange> range() const;
    // Counts the times the JSON was found to start elsewhere (a thinking block opened or closed):
    // whatever was read from the old range must be read again from the new one.
    int restarts() const { return m_restarts; }

private:
    enum class Thinking { Unknown, Outside, Inside };
    enum class Json { Searching, FenceLine, InFence, Bracketed, Fenced, FenceClosed, EmptyFence };

    void scanThinking(std::string_view text);
    void restartJson(std::size_t from);
    void scanJson(std::string_view text);
    void searchStart(std::string_view text, bool inFence);
    void searchClosingFence(std::string_view text);

    Thinking m_thinking = Thinking::Unknown;
    std::size_t m_thinkingScan = 0; // where the search for the next tag goes on
    std::size_t m_from = 0; // the end of the last thinking block

    Json m_json = Json::Searching;
    std::size_t m_jsonFrom = 0; // the `from` the JSON search below started at
    std::size_t m_jsonScan = 0;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    int m_restarts = 0;
};

} // namespace Formwork
