// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checkpaths.h"

#include "json/sourcemap.h"

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

std::string unescapeToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
            out += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

const Json *child(const Json &parent, const std::string &token)
{
    if (parent.is_object()) {
        const auto it = parent.find(token);
        return it == parent.end() ? nullptr : &*it;
    }
    if (parent.is_array() && !token.empty() && token.find_first_not_of("0123456789") == std::string::npos
        && token.size() < 10) {
        const std::size_t index = std::stoul(token);
        return index < parent.size() ? &parent[index] : nullptr;
    }
    return nullptr;
}

void expand(const Json &here, const std::string &pointer, std::string_view rest, std::vector<std::string> &out)
{
    if (rest.empty()) {
        out.push_back(pointer);
        return;
    }
    rest.remove_prefix(1); // the '/'
    const std::size_t end = std::min(rest.find('/'), rest.size());
    const std::string token = unescapeToken(rest.substr(0, end));
    const std::string_view after = rest.substr(end);
    if (token == "*") {
        if (here.is_array()) {
            for (std::size_t i = 0; i < here.size(); ++i)
                expand(here[i], SourceMap::appendToken(pointer, std::to_string(i)), after, out);
        } else if (here.is_object()) {
            for (const auto &[key, member] : here.items())
                expand(member, SourceMap::appendToken(pointer, key), after, out);
        }
        return;
    }
    if (const Json *next = child(here, token))
        expand(*next, SourceMap::appendToken(pointer, token), after, out);
}

} // namespace

std::vector<std::string> expandCheckPath(const Json &value, std::string_view path)
{
    std::vector<std::string> out;
    expand(value, std::string(), path, out);
    return out;
}

const Json *valueAtPointer(const Json &value, std::string_view pointer)
{
    const Json *here = &value;
    while (here && !pointer.empty()) {
        pointer.remove_prefix(1);
        const std::size_t end = std::min(pointer.find('/'), pointer.size());
        here = child(*here, unescapeToken(pointer.substr(0, end)));
        pointer.remove_prefix(end);
    }
    return here;
}

} // namespace Formwork
