// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/ecmaregex.h"

#include <map>

namespace Formwork {

namespace {

std::string propertyName(const std::string &name)
{
    static const std::map<std::string, std::string> categories = {
        { "Letter", "L" },
        { "Cased_Letter", "L&" },
        { "Uppercase_Letter", "Lu" },
        { "Lowercase_Letter", "Ll" },
        { "Titlecase_Letter", "Lt" },
        { "Modifier_Letter", "Lm" },
        { "Other_Letter", "Lo" },
        { "Mark", "M" },
        { "Combining_Mark", "M" },
        { "Nonspacing_Mark", "Mn" },
        { "Spacing_Mark", "Mc" },
        { "Enclosing_Mark", "Me" },
        { "Number", "N" },
        { "Decimal_Number", "Nd" },
        { "digit", "Nd" },
        { "Letter_Number", "Nl" },
        { "Other_Number", "No" },
        { "Punctuation", "P" },
        { "punct", "P" },
        { "Connector_Punctuation", "Pc" },
        { "Dash_Punctuation", "Pd" },
        { "Open_Punctuation", "Ps" },
        { "Close_Punctuation", "Pe" },
        { "Initial_Punctuation", "Pi" },
        { "Final_Punctuation", "Pf" },
        { "Other_Punctuation", "Po" },
        { "Symbol", "S" },
        { "Math_Symbol", "Sm" },
        { "Currency_Symbol", "Sc" },
        { "Modifier_Symbol", "Sk" },
        { "Other_Symbol", "So" },
        { "Separator", "Z" },
        { "Space_Separator", "Zs" },
        { "Line_Separator", "Zl" },
        { "Paragraph_Separator", "Zp" },
        { "Other", "C" },
        { "Control", "Cc" },
        { "cntrl", "Cc" },
        { "Format", "Cf" },
        { "Surrogate", "Cs" },
        { "Private_Use", "Co" },
        { "Unassigned", "Cn" },
    };
    std::string value = name;
    const std::size_t equals = value.find('=');
    if (equals != std::string::npos) {
        const std::string key = value.substr(0, equals);
        value = value.substr(equals + 1);
        if (key == "Script" || key == "sc" || key == "Script_Extensions" || key == "scx")
            return value;
    }
    const auto it = categories.find(value);
    return it == categories.end() ? value : it->second;
}

// ECMA-262 WhiteSpace and LineTerminator, as class members.
const char *const whiteSpaceMembers = "\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
                                      "\\x{202f}\\x{205f}\\x{3000}\\x{feff}";

} // namespace

std::string ecmaToPcre(std::string_view pattern)
{
    std::string out;
    out.reserve(pattern.size() + 8);
    bool inClass = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            const char next = pattern[i + 1];
            if ((next == 'p' || next == 'P') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
                const std::size_t close = pattern.find('}', i + 3);
                if (close != std::string_view::npos) {
                    out += '\\';
                    out += next;
                    out += '{' + propertyName(std::string(pattern.substr(i + 3, close - i - 3))) + '}';
                    i = close;
                    continue;
                }
            }
            if (next == 's') {
                out += inClass ? std::string(whiteSpaceMembers) : "[" + std::string(whiteSpaceMembers) + "]";
                ++i;
                continue;
            }
            if (next == 'S' && !inClass) {
                out += "[^" + std::string(whiteSpaceMembers) + "]";
                ++i;
                continue;
            }
            out += c;
            out += next;
            ++i;
            continue;
        }
        if (inClass) {
            if (c == ']')
                inClass = false;
            out += c;
            continue;
        }
        if (c == '[') {
            inClass = true;
            out += c;
            // A leading ']' or '^]' is a literal in PCRE but closes an empty class in ECMA-262.
            if (i + 1 < pattern.size() && pattern[i + 1] == '^') {
                out += '^';
                ++i;
            }
            if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
                // "[]" matches nothing, "[^]" matches anything.
                const bool negated = out.back() == '^';
                out.resize(out.size() - (negated ? 2 : 1));
                out += negated ? "[\\s\\S]" : "(?!)";
                inClass = false;
                ++i;
            }
            continue;
        }
        if (c == '$') {
            out += "(?!(?s:.))";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace Formwork

namespace Formwork {

namespace {

using ByteSet = std::bitset<128>;

bool isAsciiAlnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void addRange(ByteSet &set, char first, char last)
{
    for (int c = first; c <= last; ++c)
        set.set(std::size_t(c));
}

// \d and \w (ASCII in ECMA-262 without the i flag); nullopt for any other class escape.
std::optional<ByteSet> classEscape(char letter)
{
    ByteSet set;
    if (letter == 'd') {
        addRange(set, '0', '9');
    } else if (letter == 'w') {
        addRange(set, '0', '9');
        addRange(set, 'a', 'z');
        addRange(set, 'A', 'Z');
        set.set('_');
    } else {
        return std::nullopt;
    }
    return set;
}

// Reads the pattern left to right; every unsupported construct ends the parse with nullopt.
class SimplePatternParser
{
public:
    explicit SimplePatternParser(std::string_view pattern)
        : m_p(pattern)
    {
    }

    // The next atom's bytes at m_i, advancing past it.
    std::optional<ByteSet> atom()
    {
        const char c = m_p[m_i];
        if (c == '[')
            return characterClass();
        if (c == '\\')
            return escape(false);
        if (static_cast<unsigned char>(c) >= 0x80
            || std::string_view(".^$|()[]{}*+?").find(c) != std::string_view::npos)
            return std::nullopt;
        ++m_i;
        ByteSet set;
        set.set(std::size_t(c));
        return set;
    }

    // A quantifier after an atom, if any: {min, max}; false when it is malformed.
    bool quantifier(std::uint32_t &min, std::uint32_t &max)
    {
        constexpr std::uint32_t unbounded = 0xFFFFFFFF;
        min = max = 1;
        if (m_i >= m_p.size())
            return true;
        const char c = m_p[m_i];
        if (c == '?' || c == '*' || c == '+') {
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : unbounded;
            ++m_i;
        } else if (c == '{') {
            ++m_i;
            if (!number(min))
                return false;
            max = min;
            if (m_i < m_p.size() && m_p[m_i] == ',') {
                ++m_i;
                max = unbounded;
                if (m_i < m_p.size() && m_p[m_i] != '}' && !number(max))
                    return false;
            }
            if (m_i >= m_p.size() || m_p[m_i] != '}' || max < min)
                return false;
            ++m_i;
        } else {
            return true;
        }
        if (m_i < m_p.size() && m_p[m_i] == '?') // lazy: the same yes or no
            ++m_i;
        return m_i >= m_p.size() || std::string_view("?*+{").find(m_p[m_i]) == std::string_view::npos;
    }

    bool atEnd() const { return m_i >= m_p.size(); }
    std::size_t position() const { return m_i; }
    void skip() { ++m_i; }

private:
    bool number(std::uint32_t &out)
    {
        const std::size_t start = m_i;
        out = 0;
        while (m_i < m_p.size() && m_p[m_i] >= '0' && m_p[m_i] <= '9' && m_i - start < 4)
            out = out * 10 + std::uint32_t(m_p[m_i++] - '0');
        return m_i > start && (m_i >= m_p.size() || m_p[m_i] < '0' || m_p[m_i] > '9');
    }

    // After a backslash: \d, \w, or an escaped ASCII punctuation character (a literal).
    std::optional<ByteSet> escape(bool inClass)
    {
        if (m_i + 1 >= m_p.size())
            return std::nullopt;
        const char c = m_p[m_i + 1];
        m_i += 2;
        if (const auto set = classEscape(c))
            return set;
        if (static_cast<unsigned char>(c) >= 0x80 || isAsciiAlnum(c) || c == '_' || c == ' '
            || static_cast<unsigned char>(c) < 0x21 || (c == '-' && !inClass))
            return std::nullopt;
        ByteSet set;
        set.set(std::size_t(c));
        return set;
    }

    // One plain class member: an ASCII character that needs no escape.
    std::optional<char> classCharacter()
    {
        const char c = m_p[m_i];
        if (static_cast<unsigned char>(c) >= 0x80 || c == '\\' || c == ']' || c == '[')
            return std::nullopt;
        ++m_i;
        return c;
    }

    std::optional<ByteSet> characterClass()
    {
        ++m_i; // '['
        if (m_i >= m_p.size() || m_p[m_i] == '^' || m_p[m_i] == ']')
            return std::nullopt;
        ByteSet set;
        while (m_i < m_p.size() && m_p[m_i] != ']') {
            if (m_p[m_i] == '\\') {
                const auto escaped = escape(true);
                if (!escaped || (m_i < m_p.size() && m_p[m_i] == '-' && m_i + 1 < m_p.size() && m_p[m_i + 1] != ']'))
                    return std::nullopt; // a range from an escape: left to the regex engine
                set |= *escaped;
                continue;
            }
            const auto first = classCharacter();
            if (!first)
                return std::nullopt;
            if (m_i + 1 < m_p.size() && m_p[m_i] == '-' && m_p[m_i + 1] != ']') {
                ++m_i;
                const auto last = classCharacter();
                if (!last || *last < *first)
                    return std::nullopt;
                addRange(set, *first, *last);
            } else {
                set.set(std::size_t(*first));
            }
        }
        if (m_i >= m_p.size())
            return std::nullopt;
        ++m_i; // ']'
        return set;
    }

    std::string_view m_p;
    std::size_t m_i = 0;
};

} // namespace

std::optional<SimplePattern> SimplePattern::compile(std::string_view ecmaPattern)
{
    SimplePattern pattern;
    if (ecmaPattern.starts_with('^')) {
        pattern.m_anchoredStart = true;
        ecmaPattern.remove_prefix(1);
    }
    // A final $ anchors unless it is escaped (an odd number of backslashes before it).
    if (ecmaPattern.ends_with('$')) {
        std::size_t backslashes = 0;
        while (backslashes + 1 < ecmaPattern.size() && ecmaPattern[ecmaPattern.size() - 2 - backslashes] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0) {
            pattern.m_anchoredEnd = true;
            ecmaPattern.remove_suffix(1);
        }
    }
    SimplePatternParser parser(ecmaPattern);
    while (!parser.atEnd()) {
        Atom atom;
        const auto bytes = parser.atom();
        if (!bytes || !parser.quantifier(atom.min, atom.max))
            return std::nullopt;
        atom.bytes = *bytes;
        pattern.m_atoms.push_back(atom);
    }
    return pattern;
}

bool SimplePattern::matchFrom(std::size_t atom, std::size_t pos, std::string_view text, int &budget) const
{
    if (atom == m_atoms.size())
        return !m_anchoredEnd || pos == text.size();
    if (--budget < 0)
        return false;
    const Atom &a = m_atoms[atom];
    std::size_t run = 0;
    while (run < a.max && pos + run < text.size()) {
        const auto byte = static_cast<unsigned char>(text[pos + run]);
        if (byte >= 0x80 || !a.bytes.test(byte))
            break;
        ++run;
    }
    if (run < a.min)
        return false;
    for (std::size_t take = run;; --take) {
        if (matchFrom(atom + 1, pos + take, text, budget))
            return true;
        if (take == a.min || budget < 0)
            return false;
    }
}

SimplePattern::Match SimplePattern::matches(std::string_view utf8) const
{
    int budget = 10000;
    const std::size_t lastStart = m_anchoredStart ? 0 : utf8.size();
    for (std::size_t start = 0; start <= lastStart; ++start) {
        if (matchFrom(0, start, utf8, budget))
            return Match::Yes;
        if (budget < 0)
            return Match::TooComplex;
    }
    return Match::No;
}

} // namespace Formwork
