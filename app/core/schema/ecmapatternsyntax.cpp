// SPDX-License-Identifier: GPL-3.0-or-later
// The `regex` format: whether a string is a Pattern of ECMA-262 (section 22.2.1) with the `u`
// flag, as JSON Schema's patterns are. A recursive-descent recogniser of the grammar and its early
// errors; nothing is compiled. PCRE2 (QRegularExpression) cannot tell, since it accepts a superset
// (inline flags, (?P<name>), (?#...), \a, ...).
#include "schema/ecmaregex.h"

#include <QChar>
#include <QList>
#include <QString>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace Formwork {

namespace {

class PatternSyntax
{
public:
    explicit PatternSyntax(std::u32string pattern)
        : m_s(std::move(pattern))
    {
    }

    bool valid()
    {
        if (!disjunction() || !atEnd())
            return false;
        // Early errors: a \N beyond the number of groups, a \k<name> to no group, duplicate names.
        for (std::size_t n : m_backReferences) {
            if (n > m_groups)
                return false;
        }
        std::vector<std::u32string> sorted = m_names;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            return false;
        return std::all_of(m_nameReferences.cbegin(), m_nameReferences.cend(), [&](const std::u32string &name) {
            return std::binary_search(sorted.cbegin(), sorted.cend(), name);
        });
    }

private:
    static constexpr char32_t none = 0xffffffff;
    static constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();
    // A class atom that is a set (\d, \p{L}, ...) rather than one character.
    static constexpr char32_t classSet = 0xfffffffe;

    bool atEnd() const { return m_i >= m_s.size(); }
    char32_t peek(std::size_t ahead = 0) const { return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : none; }
    bool eat(char32_t c)
    {
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }
    bool lookingAt(std::u32string_view text) const { return std::u32string_view(m_s).substr(m_i, text.size()) == text; }

    static bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }
    static bool isHex(char32_t c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    static bool isAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static bool isSyntaxCharacter(char32_t c)
    {
        return c < 0x80 && std::u32string_view(U"^$\\.*+?()[]{}|").find(c) != std::u32string_view::npos;
    }

    bool disjunction()
    {
        if (!alternative())
            return false;
        while (eat('|')) {
            if (!alternative())
                return false;
        }
        return true;
    }

    bool alternative()
    {
        while (!atEnd() && peek() != '|' && peek() != ')') {
            if (!term())
                return false;
        }
        return true;
    }

    bool term()
    {
        const char32_t c = peek();
        if (c == '^' || c == '$') {
            ++m_i;
            return true;
        }
        if (c == '\\' && (peek(1) == 'b' || peek(1) == 'B')) {
            m_i += 2;
            return true;
        }
        if (lookingAt(U"(?=") || lookingAt(U"(?!") || lookingAt(U"(?<=") || lookingAt(U"(?<!")) {
            // Lookarounds are assertions: with the u flag they take no quantifier.
            m_i += peek(2) == '<' ? 4 : 3;
            return disjunction() && eat(')');
        }
        return atom() && quantifier();
    }

    bool atom()
    {
        const char32_t c = peek();
        switch (c) {
        case '.':
            ++m_i;
            return true;
        case '[':
            return characterClass();
        case '\\':
            ++m_i;
            return atomEscape();
        case '(':
            return group();
        default:
            // Outside a class every syntax character needs an escape under the u flag.
            if (isSyntaxCharacter(c))
                return false;
            ++m_i;
            return true;
        }
    }

    bool group()
    {
        ++m_i; // '('
        if (eat('?')) {
            if (eat(':'))
                return disjunction() && eat(')');
            if (!eat('<'))
                return false; // (?P<...>), (?#...), (?i), ... are not ECMA-262
            std::u32string name;
            if (!groupName(name))
                return false;
            m_names.push_back(std::move(name));
        }
        ++m_groups;
        return disjunction() && eat(')');
    }

    // RegExpIdentifierName up to and including its '>'.
    bool groupName(std::u32string &name)
    {
        while (!atEnd() && peek() != '>') {
            const char32_t c = peek();
            const QChar::Category category = QChar::category(c);
            const bool start = c == '$' || c == '_' || QChar::isLetter(c) || category == QChar::Number_Letter;
            const bool part = category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
                || category == QChar::Number_DecimalDigit || category == QChar::Punctuation_Connector || c == 0x200c
                || c == 0x200d;
            if (!(start || (!name.empty() && part)))
                return false;
            name.push_back(c);
            ++m_i;
        }
        return !name.empty() && eat('>');
    }

    bool quantifier()
    {
        const char32_t c = peek();
        if (c == '*' || c == '+' || c == '?') {
            ++m_i;
        } else if (c == '{') {
            ++m_i;
            std::size_t min = 0;
            std::size_t max = 0;
            if (!decimal(min))
                return false;
            max = min;
            if (eat(',')) {
                max = unbounded;
                if (isDigit(peek()) && !decimal(max))
                    return false;
            }
            if (!eat('}') || min > max)
                return false;
        } else {
            return true;
        }
        eat('?'); // lazy
        return true;
    }

    bool decimal(std::size_t &out)
    {
        if (!isDigit(peek()))
            return false;
        out = 0;
        while (isDigit(peek()))
            out = std::min<std::size_t>(out * 10 + (m_s[m_i++] - '0'), unbounded / 16);
        return true;
    }

    bool atomEscape()
    {
        const char32_t c = peek();
        if (c >= '1' && c <= '9') {
            std::size_t n = 0;
            decimal(n);
            m_backReferences.push_back(n);
            return true;
        }
        if (c == 'k') {
            ++m_i;
            std::u32string name;
            if (!eat('<') || !groupName(name))
                return false;
            m_nameReferences.push_back(std::move(name));
            return true;
        }
        if (startsClassEscape())
            return characterClassEscape();
        char32_t ignored = 0;
        return characterEscape(ignored);
    }

    bool startsClassEscape() const
    {
        const char32_t c = peek();
        return c < 0x80 && std::u32string_view(U"dDsSwWpP").find(c) != std::u32string_view::npos;
    }

    // \d \D \s \S \w \W \p{...} \P{...}
    bool characterClassEscape()
    {
        const char32_t c = peek();
        if (c != 'p' && c != 'P') {
            ++m_i;
            return true;
        }
        if (peek(1) != '{')
            return false;
        m_i += 2;
        // UnicodePropertyValueExpression: Name=Value or a lone name or value; the names themselves
        // are left to the regex engine, which reports an unknown property when the schema compiles.
        bool equals = false;
        std::size_t length = 0;
        while (!atEnd() && peek() != '}') {
            const char32_t p = m_s[m_i++];
            if (p == '=' && !equals && length > 0) {
                equals = true;
                length = 0;
                continue;
            }
            if (!isAsciiLetter(p) && !isDigit(p) && p != '_')
                return false;
            ++length;
        }
        return length > 0 && eat('}');
    }

    // CharacterEscape (with the u flag): the character it stands for in `value`.
    bool characterEscape(char32_t &value)
    {
        const char32_t c = peek();
        if (c == none)
            return false;
        ++m_i;
        switch (c) {
        case 'f':
            value = '\f';
            return true;
        case 'n':
            value = '\n';
            return true;
        case 'r':
            value = '\r';
            return true;
        case 't':
            value = '\t';
            return true;
        case 'v':
            value = '\v';
            return true;
        case 'c':
            if (!isAsciiLetter(peek()))
                return false;
            value = m_s[m_i++] % 32;
            return true;
        case '0':
            value = 0;
            return !isDigit(peek()); // no legacy octal escapes with the u flag
        case 'x':
            return hexDigits(2, value);
        case 'u':
            return unicodeEscape(value);
        default:
            value = c;
            return isSyntaxCharacter(c) || c == '/'; // the u flag's IdentityEscape
        }
    }

    static char32_t hexValue(char32_t c) { return isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

    bool hexDigits(std::size_t count, char32_t &value)
    {
        value = 0;
        for (std::size_t k = 0; k < count; ++k) {
            if (!isHex(peek()))
                return false;
            value = value * 16 + hexValue(m_s[m_i++]);
        }
        return true;
    }

    bool unicodeEscape(char32_t &value)
    {
        if (eat('{')) {
            value = 0;
            std::size_t digits = 0;
            while (isHex(peek())) {
                char32_t digit = 0;
                hexDigits(1, digit);
                value = std::min<char32_t>(value * 16 + digit, 0x110000);
                ++digits;
            }
            return digits > 0 && value <= 0x10ffff && eat('}');
        }
        if (!hexDigits(4, value))
            return false;
        // A surrogate pair written as two escapes is one code point.
        if (value >= 0xd800 && value <= 0xdbff && peek() == '\\' && peek(1) == 'u') {
            const std::size_t save = m_i;
            m_i += 2;
            char32_t low = 0;
            if (hexDigits(4, low) && low >= 0xdc00 && low <= 0xdfff)
                value = 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
            else
                m_i = save;
        }
        return true;
    }

    bool characterClass()
    {
        ++m_i; // '['
        eat('^');
        while (!atEnd() && peek() != ']') {
            char32_t from = 0;
            if (!classAtom(from))
                return false;
            if (peek() == '-' && peek(1) != ']' && peek(1) != none) {
                ++m_i;
                char32_t to = 0;
                if (!classAtom(to))
                    return false;
                // With the u flag a range needs two characters, in order.
                if (from == classSet || to == classSet || from > to)
                    return false;
            }
        }
        return eat(']');
    }

    bool classAtom(char32_t &value)
    {
        const char32_t c = peek();
        ++m_i;
        if (c != '\\') {
            value = c;
            return true;
        }
        if (peek() == 'b' || peek() == '-') {
            value = peek() == 'b' ? U'\b' : U'-';
            ++m_i;
            return true;
        }
        if (startsClassEscape()) {
            value = classSet;
            return characterClassEscape();
        }
        return characterEscape(value);
    }

    std::u32string m_s;
    std::size_t m_i = 0;
    std::size_t m_groups = 0;
    std::vector<std::u32string> m_names;
    std::vector<std::u32string> m_nameReferences;
    std::vector<std::size_t> m_backReferences;
};

} // namespace

bool isValidEcmaPattern(std::string_view pattern)
{
    const QList<uint> points = QString::fromUtf8(pattern.data(), qsizetype(pattern.size())).toUcs4();
    return PatternSyntax(std::u32string(points.cbegin(), points.cend())).valid();
}

} // namespace Formwork
