// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/uri.h"

#include <cctype>
#include <optional>

namespace Formwork {

namespace Uri {

namespace {

struct Parts {
    std::optional<std::string> scheme;
    std::optional<std::string> authority;
    std::string path;
    std::optional<std::string> query;
    std::optional<std::string> fragment;
};

Parts split(std::string_view s)
{
    Parts p;
    // scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
    std::size_t i = 0;
    if (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0]))) {
        std::size_t j = 1;
        while (j < s.size()
               && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '+' || s[j] == '-' || s[j] == '.'))
            ++j;
        if (j < s.size() && s[j] == ':') {
            p.scheme = std::string(s.substr(0, j));
            i = j + 1;
        }
    }
    const std::size_t hash = s.find('#', i);
    if (hash != std::string_view::npos) {
        p.fragment = std::string(s.substr(hash + 1));
        s = s.substr(0, hash);
    }
    const std::size_t question = s.find('?', i);
    if (question != std::string_view::npos) {
        p.query = std::string(s.substr(question + 1));
        s = s.substr(0, question);
    }
    std::string_view rest = s.substr(i);
    if (rest.substr(0, 2) == "//") {
        const std::size_t slash = rest.find('/', 2);
        p.authority = std::string(rest.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2));
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    p.path = std::string(rest);
    return p;
}

std::string removeDotSegments(std::string_view input)
{
    std::string in(input);
    std::string out;
    while (!in.empty()) {
        if (in.rfind("../", 0) == 0) {
            in.erase(0, 3);
        } else if (in.rfind("./", 0) == 0) {
            in.erase(0, 2);
        } else if (in.rfind("/./", 0) == 0) {
            in.erase(0, 2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.rfind("/../", 0) == 0 || in == "/..") {
            in = in == "/.." ? std::string("/") : in.substr(3);
            const std::size_t last = out.rfind('/');
            out.erase(last == std::string::npos ? 0 : last);
        } else if (in == "." || in == "..") {
            in.clear();
        } else {
            std::size_t next = in.find('/', in[0] == '/' ? 1 : 0);
            if (next == std::string::npos)
                next = in.size();
            out += in.substr(0, next);
            in.erase(0, next);
        }
    }
    return out;
}

std::string merge(const Parts &base, const std::string &path)
{
    if (base.authority && base.path.empty())
        return "/" + path;
    const std::size_t last = base.path.rfind('/');
    if (last == std::string::npos)
        return path;
    return base.path.substr(0, last + 1) + path;
}

std::string join(const Parts &p)
{
    std::string out;
    if (p.scheme)
        out += *p.scheme + ":";
    if (p.authority)
        out += "//" + *p.authority;
    out += p.path;
    if (p.query)
        out += "?" + *p.query;
    if (p.fragment)
        out += "#" + *p.fragment;
    return out;
}

} // namespace

bool isAbsolute(std::string_view uri)
{
    return split(uri).scheme.has_value();
}

std::string resolve(std::string_view base, std::string_view reference)
{
    const Parts r = split(reference);
    const Parts b = split(base);
    Parts t;
    if (r.scheme) {
        t = r;
        t.path = removeDotSegments(r.path);
    } else {
        if (r.authority) {
            t.authority = r.authority;
            t.path = removeDotSegments(r.path);
            t.query = r.query;
        } else {
            if (r.path.empty()) {
                t.path = b.path;
                t.query = r.query ? r.query : b.query;
            } else {
                if (r.path[0] == '/')
                    t.path = removeDotSegments(r.path);
                else
                    t.path = removeDotSegments(merge(b, r.path));
                t.query = r.query;
            }
            t.authority = b.authority;
        }
        t.scheme = b.scheme;
    }
    t.fragment = r.fragment;
    return join(t);
}

std::string withoutFragment(std::string_view uri)
{
    const std::size_t hash = uri.find('#');
    return std::string(uri.substr(0, hash));
}

std::string fragment(std::string_view uri)
{
    const std::size_t hash = uri.find('#');
    return hash == std::string_view::npos ? std::string() : std::string(uri.substr(hash + 1));
}

std::string percentDecode(std::string_view text)
{
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() + 0 && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace Uri

} // namespace Formwork
