// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace Formwork {

// A text reduced to its letters and digits, case-folded and without diacritics, with the way back
// to the original: what tolerant matching compares. Whitespace and punctuation are dropped but
// remembered as token (word) boundaries, so "New  York," and "new york" fold alike and a match
// can be required to start and end on a word boundary. A hyphen at a line break ("extrac-\ntion")
// and a soft hyphen join the two halves into one token. Letters of scripts written without spaces
// (Han, kana, Thai, ...) are one token each, so a value can start at any of them.
struct FoldedText {
    struct Token {
        std::uint32_t begin = 0; // in `chars`
        std::uint32_t end = 0;
    };

    std::u32string chars; // the folded letters and digits
    std::vector<std::int32_t> origBegin; // per folded char: its first UTF-16 unit in the original
    std::vector<std::int32_t> origEnd; // per folded char: one past its last unit (marks included)
    std::vector<Token> tokens;
    std::vector<bool> boundary; // size chars+1: true where a token starts or ends

    std::size_t size() const { return chars.size(); }
    bool isEmpty() const { return chars.empty(); }
};

// Folds characters; caches what it learns of characters beyond ASCII (decomposition is not cheap).
class TextFolder
{
public:
    enum class CharClass : std::uint8_t { Other, Word, Mark, Separate };

    // Appends the folded form of one code point to `out` and says what kind of character it is.
    CharClass fold(char32_t c, std::u32string &out);
    FoldedText foldText(QStringView text);

private:
    struct Entry {
        std::u32string folded;
        CharClass cls = CharClass::Other;
    };
    const Entry &lookup(char32_t c);

    std::unordered_map<char32_t, Entry> m_cache;
};

} // namespace Formwork
