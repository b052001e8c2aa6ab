// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace Formwork {

// Rewrites an ECMA-262 regular expression (JSON Schema `pattern`, Unicode mode) into the PCRE2
// dialect of QRegularExpression where the two differ: `$` only matches at the very end, `\s`
// covers Unicode white space, and long Unicode property names (\p{Letter}, \p{Script=Greek}) map
// to PCRE2's short ones.
std::string ecmaToPcre(std::string_view pattern);
// Whether `pattern` is an ECMA-262 Pattern under the `u` flag (the `regex` format), early errors
// included: back references to missing groups, duplicate group names, reversed class ranges.
// Unicode property names are checked for their shape only.
bool isValidEcmaPattern(std::string_view pattern);

} // namespace Formwork

#include <bitset>
#include <cstdint>
#include <optional>
#include <vector>

namespace Formwork {

// A matcher for the patterns schemas use most, e.g. "^INV-[0-9]{4,8}$" or "^[A-Z]{2}$", without
// converting the text to UTF-16 and running PCRE2 on it: a sequence of ASCII literals, positive
// ASCII classes ([A-Z0-9_-], \d, \w), each with an optional quantifier (? * + {n} {n,} {n,m},
// lazy or not), optionally anchored with ^ and $. compile() refuses every other pattern, and
// those go to QRegularExpression. Since every atom matches one ASCII byte, matching the UTF-8
// bytes gives the same answer as ECMA-262 matching on the UTF-16 text.
class SimplePattern
{
public:
    enum class Match { No, Yes, TooComplex };

    static std::optional<SimplePattern> compile(std::string_view ecmaPattern);
    // TooComplex when backtracking would take too many steps: the caller asks the regex engine.
    Match matches(std::string_view utf8) const;

private:
    struct Atom {
        std::bitset<128> bytes;
        std::uint32_t min = 1;
        std::uint32_t max = 1;
    };
    bool matchFrom(std::size_t atom, std::size_t pos, std::string_view text, int &budget) const;

    std::vector<Atom> m_atoms;
    bool m_anchoredStart = false;
    bool m_anchoredEnd = false;
};

} // namespace Formwork
