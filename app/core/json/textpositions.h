// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sourcemap.h"

#include <string_view>
#include <vector>

namespace Formwork {

// 1-based line and column; the column counts UTF-16 code units, as QString and QTextCursor do.
struct LineColumn {
    int line = 1;
    int column = 1;

    friend bool operator==(const LineColumn &, const LineColumn &) = default;
};

// Translates byte offsets of a UTF-8 text into the positions the GUI works with: QString (UTF-16)
// indices and line/column. Invalid UTF-8 bytes count as one UTF-16 unit each, like the U+FFFD
// that QString::fromUtf8 puts in their place. Keeps a view: the text must outlive this object.
class TextPositions
{
public:
    explicit TextPositions(std::string_view utf8);

    // An offset inside a multi-byte character maps to the start of that character.
    qsizetype toUtf16(qsizetype byteOffset) const;
    SourceRange toUtf16(SourceRange bytes) const;
    // The byte offset where the UTF-16 position's character starts.
    qsizetype toByteOffset(qsizetype utf16Position) const;
    LineColumn lineColumn(qsizetype byteOffset) const;

private:
    struct Checkpoint {
        qsizetype byteOffset;
        qsizetype utf16Position;
    };

    std::string_view m_text;
    std::vector<Checkpoint> m_checkpoints;
    std::vector<qsizetype> m_lineStarts;
};

// One-off conversions, linear in the offset; use TextPositions for many lookups on one text.
qsizetype utf16Position(std::string_view utf8, qsizetype byteOffset);
LineColumn lineColumnAt(std::string_view utf8, qsizetype byteOffset);

} // namespace Formwork
