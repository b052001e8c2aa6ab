// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace Formwork {

// Minimal RFC 3986 reference resolution, enough for JSON Schema identifiers ($id, $ref):
// http(s) URLs, URNs and relative references. Strings are kept as they are otherwise (no case
// folding, no percent normalisation).
namespace Uri {

// Resolves `reference` against the absolute `base` (RFC 3986 section 5.2).
std::string resolve(std::string_view base, std::string_view reference);
// `uri` without its fragment (and without a trailing '#').
std::string withoutFragment(std::string_view uri);
// The fragment of `uri` (text after the first '#'), empty when there is none.
std::string fragment(std::string_view uri);
// Percent-decodes `text` (%XX sequences); invalid sequences are kept as they are.
std::string percentDecode(std::string_view text);
// Whether `uri` has a scheme ("http:", "urn:", ...).
bool isAbsolute(std::string_view uri);

} // namespace Uri

} // namespace Formwork
