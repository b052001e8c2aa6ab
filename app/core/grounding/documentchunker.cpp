// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/documentchunker.h"

#include <QChar>

#include <algorithm>

namespace Formwork {

namespace {

bool isSentenceEnd(QChar c)
{
    return c == u'.' || c == u'!' || c == u'?' || c == u'\u3002' || c == u'\uff01' || c == u'\uff1f';
}

bool isCjkSentenceEnd(QChar c)
{
    return c == u'\u3002' || c == u'\uff01' || c == u'\uff1f';
}

// A position not between the two halves of a surrogate pair.
qsizetype safeCut(QStringView text, qsizetype at)
{
    if (at > 0 && at < text.size() && text[at].isLowSurrogate() && text[at - 1].isHighSurrogate())
        return at - 1;
    return at;
}

// Is `at` the start of a paragraph (after a blank line)?
bool paragraphStartsAt(QStringView text, qsizetype at)
{
    qsizetype i = at - 1;
    int newlines = 0;
    while (i >= 0 && text[i].isSpace()) {
        newlines += text[i] == u'\n' ? 1 : 0;
        --i;
    }
    return newlines >= 2 && !text[at].isSpace();
}

// Is `at` the start of a sentence (after a sentence end and whitespace, or right after a CJK one)?
bool sentenceStartsAt(QStringView text, qsizetype at)
{
    if (at <= 0 || at >= text.size() || text[at].isSpace())
        return false;
    if (isCjkSentenceEnd(text[at - 1]))
        return true;
    qsizetype i = at - 1;
    if (!text[i].isSpace())
        return false;
    while (i >= 0 && text[i].isSpace())
        --i;
    return i >= 0 && (isSentenceEnd(text[i]) || paragraphStartsAt(text, at));
}

// Where a chunk that may not go past `limit` should end, no earlier than `floor`.
qsizetype chunkEnd(QStringView text, qsizetype floor, qsizetype limit)
{
    for (qsizetype at = limit; at > floor; --at) // a paragraph break
        if (at < text.size() && paragraphStartsAt(text, at))
            return at;
    for (qsizetype at = limit; at > floor; --at) // a sentence end
        if (sentenceStartsAt(text, at))
            return at;
    for (qsizetype at = limit; at > floor; --at) // a line break, then any space
        if (text[at - 1] == u'\n')
            return at;
    for (qsizetype at = limit; at > floor; --at)
        if (text[at - 1].isSpace())
            return at;
    return safeCut(text, limit);
}

// Where the next chunk starts: a sentence start between `from` and `end` if there is one (the
// earliest, so the overlap is as long as asked), else a word start, else `from` itself.
qsizetype nextStart(QStringView text, qsizetype from, qsizetype end)
{
    for (qsizetype at = from; at < end; ++at)
        if (sentenceStartsAt(text, at))
            return at;
    for (qsizetype at = from; at < end; ++at)
        if (at > 0 && text[at - 1].isSpace() && !text[at].isSpace())
            return at;
    return safeCut(text, from);
}

} // namespace

std::vector<DocumentChunk> chunkDocument(QStringView text, const ChunkingOptions &options)
{
    std::vector<DocumentChunk> chunks;
    const qsizetype maxChars = std::max<qsizetype>(options.maxChars, 16);
    const qsizetype overlap = std::clamp<qsizetype>(options.overlapChars, 0, maxChars / 2);
    qsizetype begin = 0;
    while (true) {
        if (text.size() - begin <= maxChars) {
            chunks.push_back({ int(chunks.size()), begin, text.size() });
            return chunks;
        }
        qsizetype end = chunkEnd(text, begin + maxChars / 2, begin + maxChars);
        if (end <= begin) // a surrogate pair at the very start: take it whole
            end = begin + 2;
        chunks.push_back({ int(chunks.size()), begin, end });
        // The next start is at most `overlap` back, and always past this chunk's start.
        qsizetype next = overlap > 0 ? nextStart(text, std::max(end - overlap, begin + 1), end) : end;
        if (next <= begin)
            next = end;
        begin = next;
    }
}

} // namespace Formwork
