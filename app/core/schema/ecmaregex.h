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

} // namespace Formwork
