// SPDX-License-Identifier: GPL-3.0-or-later
#include "textpositions.h"

#include <algorithm>

namespace Formwork {

namespace {

constexpr qsizetype checkpointSpacing = 256;

struct Character {
    qsizetype bytes;
    qsizetype utf16Units;
};

bool isContinuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

// The well-formed UTF-8 sequence at text[i] (RFC 3629 table), or one invalid byte.
Character characterAt(std::string_view text, qsizetype i)
{
    const auto at = [&](qsizetype k) { return k < qsizetype(text.size()) ? static_cast<unsigned char>(text[k]) : 0; };
    const unsigned char lead = at(i);
    if (lead < 0x80)
        return { 1, 1 };
    const unsigned char second = at(i + 1);
    if (lead >= 0xC2 && lead <= 0xDF)
        return isContinuation(second) ? Character { 2, 1 } : Character { 1, 1 };
    if (lead >= 0xE0 && lead <= 0xEF) {
        const bool secondOk = lead == 0xE0 ? (second >= 0xA0 && second <= 0xBF)
            : lead == 0xED                 ? (second >= 0x80 && second <= 0x9F)
                                           : isContinuation(second);
        return secondOk && isContinuation(at(i + 2)) ? Character { 3, 1 } : Character { 1, 1 };
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const bool secondOk = lead == 0xF0 ? (second >= 0x90 && second <= 0xBF)
            : lead == 0xF4                 ? (second >= 0x80 && second <= 0x8F)
                                           : isContinuation(second);
        return secondOk && isContinuation(at(i + 2)) && isContinuation(at(i + 3)) ? Character { 4, 2 }
                                                                                  : Character { 1, 1 };
    }
    return { 1, 1 };
}

// QString::fromUtf8 drops a leading byte order mark, so it takes no UTF-16 position.
qsizetype bomLength(std::string_view text)
{
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

// Walks characters from a known (byte, utf16) pair up to the character containing byteOffset.
qsizetype walkToByte(std::string_view text, qsizetype byte, qsizetype units, qsizetype byteOffset)
{
    if (byte == 0 && byteOffset >= bomLength(text))
        byte = bomLength(text);
    while (byte < byteOffset) {
        const Character c = characterAt(text, byte);
        if (byte + c.bytes > byteOffset)
            break;
        byte += c.bytes;
        units += c.utf16Units;
    }
    return units;
}

qsizetype clampOffset(std::string_view text, qsizetype offset)
{
    return std::clamp<qsizetype>(offset, 0, qsizetype(text.size()));
}

} // namespace

TextPositions::TextPositions(std::string_view utf8)
    : m_text(utf8)
{
    m_lineStarts.push_back(0);
    m_checkpoints.push_back({ 0, 0 });
    qsizetype units = 0;
    qsizetype nextCheckpoint = checkpointSpacing;
    for (qsizetype i = bomLength(utf8); i < qsizetype(utf8.size());) {
        if (i >= nextCheckpoint) {
            m_checkpoints.push_back({ i, units });
            nextCheckpoint = i + checkpointSpacing;
        }
        if (utf8[i] == '\n')
            m_lineStarts.push_back(i + 1);
        const Character c = characterAt(utf8, i);
        i += c.bytes;
        units += c.utf16Units;
    }
}

qsizetype TextPositions::toUtf16(qsizetype byteOffset) const
{
    byteOffset = clampOffset(m_text, byteOffset);
    const auto after = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), byteOffset,
                                        [](qsizetype offset, const Checkpoint &c) { return offset < c.byteOffset; });
    const Checkpoint &start = *(after - 1);
    return walkToByte(m_text, start.byteOffset, start.utf16Position, byteOffset);
}

SourceRange TextPositions::toUtf16(SourceRange bytes) const
{
    return SourceRange { toUtf16(bytes.begin), toUtf16(bytes.end) };
}

qsizetype TextPositions::toByteOffset(qsizetype utf16Position) const
{
    const auto after
        = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), utf16Position,
                           [](qsizetype position, const Checkpoint &c) { return position < c.utf16Position; });
    qsizetype byte = after == m_checkpoints.begin() ? 0 : (after - 1)->byteOffset;
    byte = std::max(byte, bomLength(m_text));
    qsizetype units = after == m_checkpoints.begin() ? 0 : (after - 1)->utf16Position;
    while (byte < qsizetype(m_text.size())) {
        const Character c = characterAt(m_text, byte);
        if (units + c.utf16Units > utf16Position)
            break;
        byte += c.bytes;
        units += c.utf16Units;
    }
    return byte;
}

LineColumn TextPositions::lineColumn(qsizetype byteOffset) const
{
    byteOffset = clampOffset(m_text, byteOffset);
    const auto after = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), byteOffset);
    const qsizetype lineStart = *(after - 1);
    const int line = int(after - m_lineStarts.begin());
    const qsizetype column = toUtf16(byteOffset) - toUtf16(lineStart) + 1;
    return LineColumn { line, int(column) };
}

qsizetype utf16Position(std::string_view utf8, qsizetype byteOffset)
{
    return walkToByte(utf8, 0, 0, clampOffset(utf8, byteOffset));
}

LineColumn lineColumnAt(std::string_view utf8, qsizetype byteOffset)
{
    byteOffset = clampOffset(utf8, byteOffset);
    const std::string_view before = utf8.substr(0, std::size_t(byteOffset));
    const std::size_t newline = before.rfind('\n');
    const qsizetype lineStart = newline == std::string_view::npos ? 0 : qsizetype(newline) + 1;
    const int line = 1 + int(std::count(before.begin(), before.end(), '\n'));
    const qsizetype column = utf16Position(utf8, byteOffset) - utf16Position(utf8, lineStart) + 1;
    return LineColumn { line, int(column) };
}

} // namespace Formwork
