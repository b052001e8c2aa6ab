// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>
#include <vector>

namespace Formwork {

// The `format` values Formwork can assert (SchemaOptions::assertFormats).
enum class FormatKind {
    Unknown,
    Date,
    Time,
    DateTime,
    Email,
    Uuid,
    Uri,
    Ipv4,
    Ipv6,
    Hostname,
    JsonPointer,
    RelativeJsonPointer,
    Duration,
    IdnHostname,
    IdnEmail,
    UriReference,
    Iri,
    IriReference,
    UriTemplate,
    Regex,
};

FormatKind formatKindFromName(std::string_view name);
// The names formatKindFromName() knows (every format Formwork asserts), common ones first: the
// one list a field editor offers.
std::vector<std::string_view> knownFormatNames();
// Whether `value` is a valid instance of `kind`: RFC 3339 dates, times and durations, RFC 5321
// and RFC 6531 addresses, RFC 4122 UUIDs, RFC 3986 URIs and references, RFC 3987 IRIs, RFC 6570
// URI templates, RFC 2673/4291 addresses, RFC 1123 host names and IDNA2008 (RFC 5890-5893)
// internationalized ones, RFC 6901 and relative JSON Pointers, ECMA-262 regular expressions.
// Unknown formats always pass.
bool matchesFormat(FormatKind kind, std::string_view value);

} // namespace Formwork
