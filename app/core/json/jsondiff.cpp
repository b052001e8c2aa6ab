// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsondiff.h"

#include "sourcemap.h"

#include <unordered_set>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

void diffInto(const Json &before, const Json &after, const std::string &pointer, std::vector<JsonChange> &out);

void removed(const std::string &pointer, const Json &value, std::vector<JsonChange> &out)
{
    out.push_back(JsonChange { JsonChange::Kind::Removed, pointer, value, Json() });
}

void diffObjects(const Json &before, const Json &after, const std::string &pointer, std::vector<JsonChange> &out)
{
    // Members of `before` not in `after` are reported just before the next member both share,
    // so the list reads in the order of the documents.
    auto old = before.begin();
    std::unordered_set<std::string> reported;
    const auto flushRemovedUntil = [&](const std::string *key) {
        for (; old != before.end(); ++old) {
            if (key && old.key() == *key)
                return;
            if (!after.contains(old.key()) && reported.insert(old.key()).second)
                removed(SourceMap::appendToken(pointer, old.key()), old.value(), out);
        }
    };
    for (auto it = after.begin(); it != after.end(); ++it) {
        const std::string childPointer = SourceMap::appendToken(pointer, it.key());
        const auto match = before.find(it.key());
        if (match == before.end()) {
            out.push_back(JsonChange { JsonChange::Kind::Added, childPointer, Json(), it.value() });
            continue;
        }
        flushRemovedUntil(&it.key());
        diffInto(match.value(), it.value(), childPointer, out);
    }
    old = before.begin();
    flushRemovedUntil(nullptr);
}

void diffArrays(const Json &before, const Json &after, const std::string &pointer, std::vector<JsonChange> &out)
{
    const std::size_t common = std::min(before.size(), after.size());
    for (std::size_t i = 0; i < common; ++i)
        diffInto(before[i], after[i], SourceMap::appendToken(pointer, std::to_string(i)), out);
    for (std::size_t i = common; i < after.size(); ++i)
        out.push_back(JsonChange { JsonChange::Kind::Added, SourceMap::appendToken(pointer, std::to_string(i)), Json(),
                                   after[i] });
    for (std::size_t i = common; i < before.size(); ++i)
        removed(SourceMap::appendToken(pointer, std::to_string(i)), before[i], out);
}

void diffInto(const Json &before, const Json &after, const std::string &pointer, std::vector<JsonChange> &out)
{
    if (before.is_object() && after.is_object()) {
        diffObjects(before, after, pointer, out);
    } else if (before.is_array() && after.is_array()) {
        diffArrays(before, after, pointer, out);
    } else if (before != after) {
        out.push_back(JsonChange { JsonChange::Kind::Changed, pointer, before, after });
    }
}

} // namespace

const char *jsonChangeKindName(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return "added";
    case JsonChange::Kind::Removed:
        return "removed";
    case JsonChange::Kind::Changed:
        break;
    }
    return "changed";
}

std::vector<JsonChange> diffJson(const nlohmann::ordered_json &before, const nlohmann::ordered_json &after)
{
    std::vector<JsonChange> changes;
    diffInto(before, after, std::string(), changes);
    return changes;
}

} // namespace Formwork
