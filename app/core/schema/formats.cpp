// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/formats.h"

#include <cctype>
#include <string>
#include <vector>

namespace Formwork {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isAlpha(char c)
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

bool validHostname(std::string_view s)
{
    if (s.empty() || s.size() > 253)
        return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const std::string_view label
            = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label) {
            if (!isAlpha(c) && !isDigit(c) && c != '-')
                return false;
        }
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
        if (start == s.size())
            return true; // a trailing dot (fully qualified)
    }
}

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

bool validEmail(std::string_view s)
{
    const std::size_t at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == s.size())
        return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    static const std::string_view allowed = "!#$%&'*+-/=?^_`{|}~.";
    for (char c : local) {
        if (!isAlpha(c) && !isDigit(c) && allowed.find(c) == std::string_view::npos)
            return false;
    }
    if (domain.front() == '[' && domain.back() == ']') {
        const std::string_view literal = domain.substr(1, domain.size() - 2);
        if (literal.substr(0, 5) == "IPv6:")
            return validIpv6(literal.substr(5));
        return validIpv4(literal);
    }
    return validHostname(domain);
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

bool validUri(std::string_view s)
{
    // scheme ":" hier-part, with no characters that must be percent-encoded.
    if (s.empty() || !isAlpha(s[0]))
        return false;
    std::size_t pos = 1;
    while (pos < s.size() && (isAlpha(s[pos]) || isDigit(s[pos]) || s[pos] == '+' || s[pos] == '-' || s[pos] == '.'))
        ++pos;
    if (pos >= s.size() || s[pos] != ':')
        return false;
    static const std::string_view allowed = "-._~:/?#[]@!$&'()*+,;=%";
    for (std::size_t i = pos + 1; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size() || !isHex(s[i + 1]) || !isHex(s[i + 2]))
                return false;
            i += 2;
            continue;
        }
        if (!isAlpha(c) && !isDigit(c) && allowed.find(c) == std::string_view::npos)
            return false;
    }
    // An authority, when present, must not contain '[' or ']' outside an IP literal; keep it simple.
    const std::string_view rest = s.substr(pos + 1);
    if (rest.substr(0, 2) == "//") {
        const std::size_t end = rest.find_first_of("/?#", 2);
        const std::string_view authority
            = rest.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2);
        const std::size_t atSign = authority.rfind('@');
        const std::string_view host = atSign == std::string_view::npos ? authority : authority.substr(atSign + 1);
        if (host.find('[') != std::string_view::npos && host.front() != '[')
            return false;
    }
    return true;
}

} // namespace

FormatKind formatKindFromName(std::string_view name)
{
    if (name == "date")
        return FormatKind::Date;
    if (name == "time")
        return FormatKind::Time;
    if (name == "date-time")
        return FormatKind::DateTime;
    if (name == "email")
        return FormatKind::Email;
    if (name == "uuid")
        return FormatKind::Uuid;
    if (name == "uri")
        return FormatKind::Uri;
    if (name == "ipv4")
        return FormatKind::Ipv4;
    if (name == "ipv6")
        return FormatKind::Ipv6;
    if (name == "hostname")
        return FormatKind::Hostname;
    return FormatKind::Unknown;
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
        return validEmail(value);
    case FormatKind::Uuid:
        return validUuid(value);
    case FormatKind::Uri:
        return validUri(value);
    case FormatKind::Ipv4:
        return validIpv4(value);
    case FormatKind::Ipv6:
        return validIpv6(value);
    case FormatKind::Hostname:
        return validHostname(value);
    }
    return true;
}

} // namespace Formwork
