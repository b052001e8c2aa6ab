// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/formats.h"

#include "schema/ecmaregex.h"
#include "schema/formatparts.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace Formwork {

namespace {

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

constexpr bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads exactly `count` digits at `pos`.
bool readNumber(std::string_view s, std::size_t pos, std::size_t count, int &out)
{
    if (pos + count > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(s[i]))
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool validDate(std::string_view s)
{
    int year = 0, month = 0, day = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !readNumber(s, 0, 4, year) || !readNumber(s, 5, 2, month)
        || !readNumber(s, 8, 2, day))
        return false;
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1)
        return false;
    const int limit = month == 2 && isLeapYear(year) ? 29 : days[month - 1];
    return day <= limit;
}

bool validTime(std::string_view s)
{
    int hour = 0, minute = 0, second = 0;
    if (s.size() < 9 || s[2] != ':' || s[5] != ':' || !readNumber(s, 0, 2, hour) || !readNumber(s, 3, 2, minute)
        || !readNumber(s, 6, 2, second))
        return false;
    std::size_t pos = 8;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < s.size() && isDigit(s[pos]))
            ++pos;
        if (pos == start)
            return false;
    }
    if (pos >= s.size())
        return false;
    int offsetMinutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        if (pos + 1 != s.size())
            return false;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = 0, om = 0;
        if (s.size() != pos + 6 || s[pos + 3] != ':' || !readNumber(s, pos + 1, 2, oh)
            || !readNumber(s, pos + 4, 2, om))
            return false;
        if (oh > 23 || om > 59)
            return false;
        offsetMinutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    } else {
        return false;
    }
    if (hour > 23 || minute > 59 || second > 60)
        return false;
    if (second == 60) {
        // A leap second only exists at 23:59:60 UTC.
        int utc = hour * 60 + minute - offsetMinutes;
        utc = ((utc % 1440) + 1440) % 1440;
        return utc == 23 * 60 + 59;
    }
    return true;
}

bool validDateTime(std::string_view s)
{
    if (s.size() < 20 || (s[10] != 'T' && s[10] != 't'))
        return false;
    return validDate(s.substr(0, 10)) && validTime(s.substr(11));
}

// RFC 5321 quoted-string content: qtext or quoted-pair; `idn` admits UTF-8 (RFC 6531 section 3.3).
bool validQuotedLocal(std::string_view quoted, bool idn)
{
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(quoted[i]);
        if (c == '\\') {
            if (++i == quoted.size())
                return false;
            const unsigned char escaped = static_cast<unsigned char>(quoted[i]);
            if (escaped < 0x20 || escaped == 0x7f || (escaped > 0x7f && !idn))
                return false;
        } else if (c == '"' || c < 0x20 || c == 0x7f || (c > 0x7f && !idn)) {
            return false;
        }
    }
    return true;
}

// RFC 5321 dot-string: atext runs separated by single dots; `idn` admits UTF-8 in atext.
bool validDotAtom(std::string_view local, bool idn)
{
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    static constexpr auto atext = [] {
        std::array<bool, 256> table {};
        for (int c = 0; c < 128; ++c)
            table[std::size_t(c)] = isAlpha(char(c)) || isDigit(char(c))
                || std::string_view("!#$%&'*+-/=?^_`{|}~.").find(char(c)) != std::string_view::npos;
        return table;
    }();
    for (char c : local) {
        const auto byte = static_cast<unsigned char>(c);
        if (!atext[byte] && !(idn && byte > 0x7f))
            return false;
    }
    return true;
}

// RFC 5321 section 4.1.2 Mailbox (`email`), RFC 6531 section 3.3 (`idn-email`: UTF-8 in the local
// part, an internationalized domain name looked up as RFC 5891 section 5 says).
bool validEmail(std::string_view s, bool idn)
{
    const std::size_t at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == s.size())
        return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    constexpr std::size_t maxLocalOctets = 64; // RFC 5321 section 4.5.3.1.1
    if (local.size() > maxLocalOctets)
        return false;
    const bool quoted = local.size() >= 2 && local.front() == '"' && local.back() == '"';
    if (quoted ? !validQuotedLocal(local.substr(1, local.size() - 2), idn) : !validDotAtom(local, idn))
        return false;
    if (domain.front() == '[' && domain.back() == ']') {
        const std::string_view literal = domain.substr(1, domain.size() - 2);
        if (literal.substr(0, 5) == "IPv6:")
            return FormatParts::validIpv6(literal.substr(5));
        return FormatParts::validIpv4(literal);
    }
    return idn ? FormatParts::validIdnHostname(domain, true) : FormatParts::validHostname(domain);
}

bool validUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
        } else if (!isHex(s[i])) {
            return false;
        }
    }
    return true;
}

// RFC 6901: empty, or tokens after '/' where '~' is only followed by '0' or '1'.
bool validJsonPointer(std::string_view s)
{
    if (!s.empty() && s.front() != '/')
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '~' && (i + 1 >= s.size() || (s[i + 1] != '0' && s[i + 1] != '1')))
            return false;
    }
    return true;
}

// draft-bhutton-relative-json-pointer-00: a non-negative integer without leading zeros, an
// optional index manipulation (+N / -N), then '#' or a JSON Pointer.
bool validRelativeJsonPointer(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    if (i == 0 || (s[0] == '0' && i > 1))
        return false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        const std::size_t digits = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == digits || (s[digits] == '0' && i > digits + 1))
            return false;
    }
    const std::string_view rest = s.substr(i);
    return rest == "#" || validJsonPointer(rest);
}

// RFC 3339 appendix A: P, then weeks alone, or date elements in Y M D order and/or T with time
// elements in H M S order; every element has digits and there is at least one.
bool validDuration(std::string_view s)
{
    if (s.size() < 3 || s[0] != 'P')
        return false;
    std::size_t i = 1;
    auto elements = [&](std::string_view units) {
        int found = 0;
        std::size_t next = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            while (i < s.size() && s[i] >= '0' && s[i] <= '9')
                ++i;
            const std::size_t unit = i < s.size() ? units.find(s[i], next) : std::string_view::npos;
            // Units may start anywhere but then follow without a gap (no years and days without months).
            if (unit == std::string_view::npos || (found > 0 && unit != next))
                return -1;
            next = unit + 1;
            ++i;
            ++found;
        }
        return found;
    };
    if (s.back() == 'W' && s.find('T') == std::string_view::npos)
        return elements("W") == 1 && i == s.size();
    const int dateElements = elements("YMD");
    if (dateElements < 0)
        return false;
    if (i == s.size())
        return dateElements > 0;
    if (s[i] != 'T')
        return false;
    ++i;
    return elements("HMS") > 0 && i == s.size();
}

} // namespace

namespace FormatParts {

bool validIpv4(std::string_view s)
{
    int parts = 0;
    std::size_t pos = 0;
    while (true) {
        const std::size_t start = pos;
        int value = 0;
        while (pos < s.size() && isDigit(s[pos])) {
            value = value * 10 + (s[pos] - '0');
            if (value > 255)
                return false;
            ++pos;
        }
        const std::size_t length = pos - start;
        if (length == 0 || length > 3 || (length > 1 && s[start] == '0'))
            return false;
        ++parts;
        if (pos == s.size())
            return parts == 4;
        if (s[pos] != '.' || parts == 4)
            return false;
        ++pos;
    }
}

bool validIpv6(std::string_view s)
{
    if (s.empty() || s.size() > 45)
        return false;
    int groups = 0;
    bool compressed = false;
    std::size_t pos = 0;
    if (s.substr(0, 2) == "::") {
        compressed = true;
        pos = 2;
        if (pos == s.size())
            return true;
    } else if (s[0] == ':') {
        return false;
    }
    while (pos < s.size()) {
        // An embedded IPv4 address ends the address.
        const std::size_t nextColon = s.find(':', pos);
        const std::string_view part
            = s.substr(pos, nextColon == std::string_view::npos ? std::string_view::npos : nextColon - pos);
        if (nextColon == std::string_view::npos && part.find('.') != std::string_view::npos) {
            if (!validIpv4(part))
                return false;
            groups += 2;
            pos = s.size();
            break;
        }
        if (part.empty() || part.size() > 4)
            return false;
        for (char c : part) {
            if (!isHex(c))
                return false;
        }
        ++groups;
        if (nextColon == std::string_view::npos) {
            pos = s.size();
            break;
        }
        pos = nextColon + 1;
        if (pos < s.size() && s[pos] == ':') {
            if (compressed)
                return false;
            compressed = true;
            ++pos;
            if (pos == s.size())
                break;
        } else if (pos == s.size()) {
            return false; // a trailing single colon
        }
    }
    return compressed ? groups < 8 : groups == 8;
}

} // namespace FormatParts

namespace {

struct NamedFormat {
    std::string_view name;
    FormatKind kind;
};

// Every format Formwork asserts, in the order a field editor offers them (the common ones first).
constexpr std::array<NamedFormat, 19> namedFormats { {
    { "date", FormatKind::Date },
    { "time", FormatKind::Time },
    { "date-time", FormatKind::DateTime },
    { "duration", FormatKind::Duration },
    { "email", FormatKind::Email },
    { "idn-email", FormatKind::IdnEmail },
    { "hostname", FormatKind::Hostname },
    { "idn-hostname", FormatKind::IdnHostname },
    { "ipv4", FormatKind::Ipv4 },
    { "ipv6", FormatKind::Ipv6 },
    { "uri", FormatKind::Uri },
    { "uri-reference", FormatKind::UriReference },
    { "iri", FormatKind::Iri },
    { "iri-reference", FormatKind::IriReference },
    { "uri-template", FormatKind::UriTemplate },
    { "uuid", FormatKind::Uuid },
    { "json-pointer", FormatKind::JsonPointer },
    { "relative-json-pointer", FormatKind::RelativeJsonPointer },
    { "regex", FormatKind::Regex },
} };

} // namespace

FormatKind formatKindFromName(std::string_view name)
{
    for (const NamedFormat &format : namedFormats) {
        if (format.name == name)
            return format.kind;
    }
    return FormatKind::Unknown;
}

std::vector<std::string_view> knownFormatNames()
{
    std::vector<std::string_view> names;
    names.reserve(namedFormats.size());
    for (const NamedFormat &format : namedFormats)
        names.push_back(format.name);
    return names;
}

bool matchesFormat(FormatKind kind, std::string_view value)
{
    switch (kind) {
    case FormatKind::Unknown:
        return true;
    case FormatKind::Date:
        return validDate(value);
    case FormatKind::Time:
        return validTime(value);
    case FormatKind::DateTime:
        return validDateTime(value);
    case FormatKind::Email:
        return validEmail(value, false);
    case FormatKind::IdnEmail:
        return validEmail(value, true);
    case FormatKind::Uuid:
        return validUuid(value);
    case FormatKind::Uri:
        return FormatParts::validUri(value, FormatParts::UriKind::Uri);
    case FormatKind::UriReference:
        return FormatParts::validUri(value, FormatParts::UriKind::UriReference);
    case FormatKind::Iri:
        return FormatParts::validUri(value, FormatParts::UriKind::Iri);
    case FormatKind::IriReference:
        return FormatParts::validUri(value, FormatParts::UriKind::IriReference);
    case FormatKind::UriTemplate:
        return FormatParts::validUriTemplate(value);
    case FormatKind::Regex:
        return isValidEcmaPattern(value);
    case FormatKind::Ipv4:
        return FormatParts::validIpv4(value);
    case FormatKind::Ipv6:
        return FormatParts::validIpv6(value);
    case FormatKind::Hostname:
        return FormatParts::validHostname(value);
    case FormatKind::IdnHostname:
        return FormatParts::validIdnHostname(value);
    case FormatKind::JsonPointer:
        return validJsonPointer(value);
    case FormatKind::RelativeJsonPointer:
        return validRelativeJsonPointer(value);
    case FormatKind::Duration:
        return validDuration(value);
    }
    return true;
}

} // namespace Formwork
