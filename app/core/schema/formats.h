// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

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
};

FormatKind formatKindFromName(std::string_view name);
// Whether `value` is a valid instance of `kind` (RFC 3339 dates and times, RFC 5321 addresses
// in a simplified form, RFC 4122 UUIDs, RFC 3986 absolute URIs, RFC 2673/4291 addresses, RFC 1123
// host names). Unknown formats always pass.
bool matchesFormat(FormatKind kind, std::string_view value);

} // namespace Formwork
