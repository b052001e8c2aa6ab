// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/chunkmerger.h"

#include "json/sourcemap.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <unordered_map>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

// A value of one chunk and where it stands in that chunk's result.
struct Source {
    std::size_t result = 0; // index into the results
    const Json *value = nullptr;
    std::string pointer;
};

class Merger
{
public:
    Merger(const std::vector<ChunkResult> &results, const MergeOptions &options)
        : m_results(results)
        , m_itemKey(options.itemKey.toStdString())
    {
    }

    MergedResult run()
    {
        std::vector<Source> roots;
        for (std::size_t i = 0; i < m_results.size(); ++i)
            roots.push_back({ i, &m_results[i].value, std::string() });
        MergedResult merged;
        merged.value = merge(roots, std::string());
        merged.conflicts = std::move(m_conflicts);
        merged.grounding = Grounding(std::move(m_grounded));
        return merged;
    }

private:
    int passOf(const Source &s) const { return m_results[s.result].pass; }

    // Only the sources of the earliest pass among them: a recall pass never overrides.
    void keepEarliestPass(std::vector<Source> &sources) const
    {
        if (sources.empty())
            return;
        int earliest = passOf(sources.front());
        for (const Source &s : sources)
            earliest = std::min(earliest, passOf(s));
        std::erase_if(sources, [this, earliest](const Source &s) { return passOf(s) != earliest; });
    }

    Json merge(std::vector<Source> sources, const std::string &pointer)
    {
        std::erase_if(sources, [](const Source &s) { return s.value->is_null(); });
        if (sources.empty())
            return Json();
        const bool objects
            = std::all_of(sources.begin(), sources.end(), [](const Source &s) { return s.value->is_object(); });
        const bool arrays
            = std::all_of(sources.begin(), sources.end(), [](const Source &s) { return s.value->is_array(); });
        if (objects)
            return mergeObjects(sources, pointer);
        if (arrays)
            return mergeArrays(sources, pointer);
        return mergeScalars(sources, pointer);
    }

    Json mergeObjects(const std::vector<Source> &sources, const std::string &pointer)
    {
        std::vector<std::string> keys;
        for (const Source &s : sources)
            for (const auto &[key, member] : s.value->items())
                if (std::find(keys.begin(), keys.end(), key) == keys.end())
                    keys.push_back(key);
        Json out = Json::object();
        for (const std::string &key : keys) {
            std::vector<Source> members;
            for (const Source &s : sources)
                if (const auto it = s.value->find(key); it != s.value->end())
                    members.push_back({ s.result, &*it, SourceMap::appendToken(s.pointer, key) });
            out[key] = merge(std::move(members), SourceMap::appendToken(pointer, key));
        }
        return out;
    }

    // The identity of an array item: its key member when it has one, else the whole item.
    std::string identity(const Json &item) const
    {
        if (!m_itemKey.empty() && item.is_object())
            if (const auto it = item.find(m_itemKey); it != item.end() && !it->is_null())
                return "key:" + it->dump();
        return "item:" + item.dump();
    }

    Json mergeArrays(const std::vector<Source> &sources, const std::string &pointer)
    {
        std::vector<std::vector<Source>> groups;
        std::unordered_map<std::string, std::size_t> byIdentity;
        for (const Source &s : sources) {
            std::unordered_map<std::string, int> seenInThisChunk; // equal items within one chunk are kept
            for (std::size_t i = 0; i < s.value->size(); ++i) {
                const Json &item = (*s.value)[i];
                const std::string id = identity(item);
                const std::string occurrence = id + '#' + std::to_string(seenInThisChunk[id]++);
                Source element { s.result, &item, SourceMap::appendToken(s.pointer, std::to_string(i)) };
                const auto [it, fresh] = byIdentity.emplace(occurrence, groups.size());
                if (fresh)
                    groups.push_back({ element });
                else
                    groups[it->second].push_back(element);
            }
        }
        Json out = Json::array();
        for (std::size_t g = 0; g < groups.size(); ++g) {
            keepEarliestPass(groups[g]); // an item a recall pass finds again is not added twice
            out.push_back(merge(std::move(groups[g]), SourceMap::appendToken(pointer, std::to_string(g))));
        }
        return out;
    }

    Json mergeScalars(std::vector<Source> sources, const std::string &pointer)
    {
        keepEarliestPass(sources);
        std::vector<Json> values;
        std::vector<std::vector<std::size_t>> givenBy; // indices into sources
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const auto it = std::find(values.begin(), values.end(), *sources[i].value);
            if (it == values.end()) {
                values.push_back(*sources[i].value);
                givenBy.push_back({ i });
            } else {
                givenBy[std::size_t(it - values.begin())].push_back(i);
            }
        }
        std::size_t chosen = 0;
        for (std::size_t v = 1; v < values.size(); ++v)
            if (givenBy[v].size() > givenBy[chosen].size())
                chosen = v;
        if (values.size() > 1) {
            MergeConflict conflict;
            conflict.pointer = pointer;
            conflict.values = values;
            for (const auto &indices : givenBy) {
                std::vector<int> chunks;
                for (const std::size_t i : indices)
                    chunks.push_back(m_results[sources[i].result].chunk.index);
                conflict.chunks.push_back(std::move(chunks));
            }
            conflict.chosen = chosen;
            m_conflicts.push_back(std::move(conflict));
        }
        std::vector<Source> winners;
        for (const std::size_t i : givenBy[chosen])
            winners.push_back(sources[i]);
        ground(winners, pointer);
        return values[chosen];
    }

    // The merged value's grounding: the spans its chunks found, in whole-document offsets.
    void ground(const std::vector<Source> &sources, const std::string &pointer)
    {
        GroundedValue merged;
        merged.pointer = pointer;
        bool any = false;
        MatchKind best = MatchKind::Absent;
        for (const Source &s : sources) {
            const ChunkResult &result = m_results[s.result];
            const GroundedValue *v = result.grounding.find(s.pointer);
            if (!v)
                continue;
            if (!any || v->score > merged.score) {
                merged.score = v->score;
                merged.text = v->text;
            }
            any = true;
            if (v->kind != MatchKind::Absent && (best == MatchKind::Absent || int(v->kind) < int(best)))
                best = v->kind;
            for (const TextSpan &span : v->spans)
                merged.spans.push_back({ span.begin + result.chunk.begin, span.end + result.chunk.begin });
        }
        if (!any)
            return;
        std::sort(merged.spans.begin(), merged.spans.end(), [](const TextSpan &a, const TextSpan &b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
        });
        merged.spans.erase(std::unique(merged.spans.begin(), merged.spans.end()), merged.spans.end());
        merged.kind = merged.spans.empty() ? MatchKind::Absent : merged.spans.size() > 1 ? MatchKind::Ambiguous : best;
        if (merged.spans.empty())
            merged.score = 0.0;
        m_grounded.push_back(std::move(merged));
    }

    const std::vector<ChunkResult> &m_results;
    std::string m_itemKey;
    std::vector<MergeConflict> m_conflicts;
    std::vector<GroundedValue> m_grounded;
};

} // namespace

MergedResult mergeChunkResults(const std::vector<ChunkResult> &results, const MergeOptions &options)
{
    return Merger(results, options).run();
}

QString mergeConflictText(const MergeConflict &conflict)
{
    QStringList values;
    for (std::size_t v = 0; v < conflict.values.size(); ++v) {
        QStringList chunks;
        for (const int c : conflict.chunks[v])
            chunks.append(QString::number(c + 1));
        values.append(QCoreApplication::translate("Formwork::ChunkMerger", "%1 (chunk %2)")
                          .arg(QString::fromStdString(conflict.values[v].dump()), chunks.join(QStringLiteral(", "))));
    }
    return QCoreApplication::translate("Formwork::ChunkMerger", "conflict at %1: %2; kept %3")
        .arg(QString::fromStdString(conflict.pointer), values.join(QStringLiteral(" vs ")),
             QString::fromStdString(conflict.values[conflict.chosen].dump()));
}

} // namespace Formwork
