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
