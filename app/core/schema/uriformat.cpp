// SPDX-License-Identifier: GPL-3.0-or-later
// `uri`, `uri-reference`, `iri`, `iri-reference` (RFC 3986 appendix A, RFC 3987 section 2.2) and
// `uri-template` (RFC 6570 section 2), checked on code points so that IRIs can admit `ucschar`
// and `iprivate`.
#include "schema/formatparts.h"

#include <QList>
#include <QString>

#include <string>

namespace Formwork::FormatParts {

namespace {

using Text = std::u32string_view;

bool isDigit(char32_t c)
{
    return c >= '0' && c <= '9';
}

bool isAlpha(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isHex(char32_t c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isUnreserved(char32_t c)
{
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool isSubDelim(char32_t c)
{
    return c < 0x80 && std::string_view("!$&'()*+,;=").find(char(c)) != std::string_view::npos;
}

// RFC 3987 ucschar.
bool isUcsChar(char32_t c)
{
    if ((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xffef))
        return true;
    if (c < 0x10000 || c > 0xefffd)
        return false;
    // Every supplementary plane up to 14 except each plane's last two code points (noncharacters);
    // plane 14 starts at E1000.
    return (c & 0xffff) <= 0xfffd && (c < 0xe0000 || c >= 0xe1000);
}

// RFC 3987 iprivate (allowed in the query only).
bool isPrivate(char32_t c)
{
    return (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xf0000 && c <= 0xffffd) || (c >= 0x100000 && c <= 0x10fffd);
}

std::u32string toCodePoints(std::string_view utf8)
{
    const QList<uint> points = QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).toUcs4();
    return std::u32string(points.cbegin(), points.cend());
}

std::string toAscii(Text s)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s)
        out.push_back(c < 0x80 ? char(c) : '\x7f');
    return out;
}

// Every character of `part` is (i)unreserved, a sub-delimiter, one of `extra`, or a %XX escape.
bool validChars(Text part, std::string_view extra, bool iri, bool privateUse = false)
{
    for (std::size_t i = 0; i < part.size(); ++i) {
        const char32_t c = part[i];
        if (c == '%') {
            if (i + 2 >= part.size() || !isHex(part[i + 1]) || !isHex(part[i + 2]))
                return false;
            i += 2;
        } else if (c < 0x80) {
            if (!isUnreserved(c) && !isSubDelim(c) && extra.find(char(c)) == std::string_view::npos)
                return false;
        } else if (!iri || !(isUcsChar(c) || (privateUse && isPrivate(c)))) {
            return false;
        }
    }
    return true;
}

// IP-literal = "[" ( IPv6address / IPvFuture ) "]", given without its brackets.
bool validIpLiteral(Text literal)
{
    if (!literal.empty() && (literal[0] == 'v' || literal[0] == 'V')) {
        // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
        std::size_t i = 1;
        while (i < literal.size() && isHex(literal[i]))
            ++i;
        if (i == 1 || i >= literal.size() || literal[i] != '.' || i + 1 == literal.size())
            return false;
        return validChars(literal.substr(i + 1), ":", false) && literal.find('%') == Text::npos;
    }
    return validIpv6(toAscii(literal));
}

// authority = [ userinfo "@" ] host [ ":" port ]
bool validAuthority(Text authority, bool iri)
{
    const std::size_t at = authority.find('@');
    Text host = authority;
    if (at != Text::npos) {
        if (!validChars(authority.substr(0, at), ":", iri))
            return false;
        host = authority.substr(at + 1);
    }
    Text port;
    if (!host.empty() && host.front() == '[') {
        const std::size_t close = host.find(']');
        if (close == Text::npos || !validIpLiteral(host.substr(1, close - 1)))
            return false;
        const Text rest = host.substr(close + 1);
        if (!rest.empty() && rest.front() != ':')
            return false;
        port = rest.empty() ? rest : rest.substr(1);
    } else {
        // reg-name (which also covers IPv4address: "999.999.999.999" is a valid reg-name).
        const std::size_t colon = host.find(':');
        if (colon != Text::npos) {
            port = host.substr(colon + 1);
            host = host.substr(0, colon);
        }
        if (!validChars(host, "", iri))
            return false;
    }
    for (char32_t c : port) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

// The length of the scheme and its ':' at the start of `s`, 0 when there is none.
std::size_t schemeLength(Text s)
{
    if (s.empty() || !isAlpha(s[0]))
        return 0;
    std::size_t i = 1;
    while (i < s.size() && (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        ++i;
    return i < s.size() && s[i] == ':' ? i + 1 : 0;
}

bool validReference(Text s, bool absolute, bool iri)
{
    const std::size_t scheme = schemeLength(s);
    if (absolute && scheme == 0)
        return false;
    Text rest = s.substr(scheme);
    const std::size_t hash = rest.find('#');
    if (hash != Text::npos) {
        if (!validChars(rest.substr(hash + 1), ":@/?", iri))
            return false;
        rest = rest.substr(0, hash);
    }
    const std::size_t question = rest.find('?');
    if (question != Text::npos) {
        if (!validChars(rest.substr(question + 1), ":@/?", iri, true))
            return false;
        rest = rest.substr(0, question);
    }
    if (rest.substr(0, 2) == U"//") {
        const std::size_t slash = rest.find('/', 2);
        if (!validAuthority(rest.substr(2, slash == Text::npos ? Text::npos : slash - 2), iri))
            return false;
        rest = slash == Text::npos ? Text() : rest.substr(slash);
    } else if (scheme == 0) {
        // path-noscheme: a relative path's first segment has no ':' (it would read as a scheme).
        const std::size_t colon = rest.find(':');
        if (colon != Text::npos && colon < rest.find('/'))
            return false;
    }
    return validChars(rest, ":@/", iri);
}

// RFC 6570 section 2.3: varname = varchar *( ["."] varchar ), varchar = ALPHA / DIGIT / "_" /
// pct-encoded; then an optional ":" max-length (1 to 9999, no leading zero) or "*".
bool validVarspec(Text spec)
{
    std::size_t i = 0;
    bool afterDot = true;
    while (i < spec.size()) {
        const char32_t c = spec[i];
        if (c == '%') {
            if (i + 2 >= spec.size() || !isHex(spec[i + 1]) || !isHex(spec[i + 2]))
                return false;
            i += 3;
        } else if (isAlpha(c) || isDigit(c) || c == '_') {
            ++i;
        } else if (c == '.' && !afterDot) {
            afterDot = true;
            ++i;
            continue;
        } else {
            break;
        }
        afterDot = false;
    }
    if (i == 0 || afterDot)
        return false;
    const Text modifier = spec.substr(i);
    if (modifier.empty() || modifier == U"*")
        return true;
    if (modifier.front() != ':' || modifier.size() < 2 || modifier.size() > 5 || modifier[1] == '0')
        return false;
    for (char32_t c : modifier.substr(1)) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

// expression = "{" [ operator ] variable-list "}", given without its braces. The operators
// reserved for future extensions ("=", ",", "!", "@", "|") are errors for a processor today
// (section 3.2.1), so a template using them is not valid.
bool validExpression(Text body)
{
    if (!body.empty() && std::u32string_view(U"+#./;?&").find(body.front()) != Text::npos)
        body = body.substr(1);
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = body.find(',', start);
        if (!validVarspec(body.substr(start, comma == Text::npos ? Text::npos : comma - start)))
            return false;
        if (comma == Text::npos)
            return true;
        start = comma + 1;
    }
}

// literals: any character allowed in a URI (reserved, unreserved, pct-encoded) or an IRI
// (ucschar, iprivate), but not CTL, SP, DQUOTE, "%" (except in pct-encoded), "<", ">", "\", "^",
// "`", "{", "|", "}" (section 2.1). The apostrophe is allowed: verified erratum 6937 corrects the
// ranges "%x26 / %x28-3B" to "%x26-3B" (section 3.2.1's own example is '{var}').
bool isLiteral(char32_t c)
{
    if (c >= 0x80)
        return isUcsChar(c) || isPrivate(c);
    return c > 0x20 && c < 0x7f && std::string_view("\"%<>\\^`{|}").find(char(c)) == std::string_view::npos;
}

} // namespace

bool validUri(std::string_view s, UriKind kind)
{
    const std::u32string text = toCodePoints(s);
    const bool iri = kind == UriKind::Iri || kind == UriKind::IriReference;
    const bool absolute = kind == UriKind::Uri || kind == UriKind::Iri;
    return validReference(text, absolute, iri);
}

bool validUriTemplate(std::string_view s)
{
    const std::u32string text = toCodePoints(s);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == '{') {
            const std::size_t close = text.find('}', i);
            if (close == std::u32string::npos || !validExpression(Text(text).substr(i + 1, close - i - 1)))
                return false;
            i = close;
        } else if (c == '%') {
            if (i + 2 >= text.size() || !isHex(text[i + 1]) || !isHex(text[i + 2]))
                return false;
            i += 2;
        } else if (!isLiteral(c)) {
            return false;
        }
    }
    return true;
}

} // namespace Formwork::FormatParts
