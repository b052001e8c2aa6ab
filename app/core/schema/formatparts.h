// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

// The checks behind matchesFormat() that live in their own files (host names, URIs, templates),
// shared with the formats that embed them (e-mail domains, URI hosts). Internal to the schema
// module.
namespace Formwork::FormatParts {

bool validIpv4(std::string_view s);
bool validIpv6(std::string_view s);

// RFC 1123 host name; labels that start with "xn--" must be valid IDNA2008 A-labels.
bool validHostname(std::string_view s);
// IDNA2008 (RFC 5890-5893) internationalized host name: U-labels, A-labels or NR-LDH labels
// separated by any of the four IDNA dots. `lookup` normalizes the labels to NFC first (the
// RFC 5891 section 5 lookup protocol, as RFC 6531 mail domains use); otherwise a U-label must
// already be in NFC (section 4, registration).
bool validIdnHostname(std::string_view s, bool lookup = false);

enum class UriKind { Uri, UriReference, Iri, IriReference };
// RFC 3986 URI / URI-reference and RFC 3987 IRI / IRI-reference syntax.
bool validUri(std::string_view s, UriKind kind);
// RFC 6570 URI Template syntax (level 4).
bool validUriTemplate(std::string_view s);

} // namespace Formwork::FormatParts
