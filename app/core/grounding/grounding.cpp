// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/grounding.h"

#include <array>
#include <utility>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::pair<MatchKind, const char16_t *>, 5> kindNames { {
    { MatchKind::Exact, u"exact" },
    { MatchKind::Tolerant, u"tolerant" },
    { MatchKind::Fuzzy, u"fuzzy" },
    { MatchKind::Ambiguous, u"ambiguous" },
    { MatchKind::Absent, u"absent" },
} };

} // namespace

QString matchKindName(MatchKind kind)
{
    for (const auto &[k, name] : kindNames)
        if (k == kind)
            return QString::fromUtf16(name);
    return QString();
}

std::optional<MatchKind> matchKindFromName(QStringView name)
{
    for (const auto &[k, text] : kindNames)
        if (name == QStringView(text))
            return k;
    return std::nullopt;
}

Grounding::Grounding(std::vector<GroundedValue> values)
    : m_values(std::move(values))
{
    reindex();
}

void Grounding::reindex()
{
    m_byPointer.clear();
    m_byPointer.reserve(m_values.size());
    for (std::size_t i = 0; i < m_values.size(); ++i)
        m_byPointer.emplace(m_values[i].pointer, i);
}

const GroundedValue *Grounding::find(std::string_view pointer) const
{
    const auto it = m_byPointer.find(std::string(pointer));
    return it == m_byPointer.end() ? nullptr : &m_values[it->second];
}

qsizetype Grounding::count(MatchKind kind) const
{
    qsizetype n = 0;
    for (const GroundedValue &v : m_values)
        n += v.kind == kind ? 1 : 0;
    return n;
}

double Grounding::groundedRate() const
{
    if (m_values.empty())
        return 1.0;
    return double(size() - count(MatchKind::Absent)) / double(size());
}

void Grounding::shift(qsizetype delta)
{
    for (GroundedValue &v : m_values)
        for (TextSpan &span : v.spans) {
            span.begin += delta;
            span.end += delta;
        }
}

void Grounding::append(const Grounding &other)
{
    m_values.insert(m_values.end(), other.m_values.begin(), other.m_values.end());
    reindex();
}

nlohmann::ordered_json Grounding::toJson() const
{
    Json out = Json::object();
    for (const GroundedValue &v : m_values) {
        Json spans = Json::array();
        for (const TextSpan &span : v.spans)
            spans.push_back(Json::array({ span.begin, span.end }));
        Json entry = Json::object();
        entry["kind"] = matchKindName(v.kind).toStdString();
        // Three decimals are plenty for a similarity and keep the trace readable.
        entry["score"] = double(qRound(v.score * 1000.0)) / 1000.0;
        entry["spans"] = std::move(spans);
        entry["text"] = v.text.toStdString();
        out[v.pointer] = std::move(entry);
    }
    return out;
}

Grounding Grounding::fromJson(const nlohmann::ordered_json &json)
{
    std::vector<GroundedValue> values;
    if (!json.is_object())
        return Grounding();
    for (const auto &[pointer, entry] : json.items()) {
        if (!entry.is_object() || !entry.contains("kind") || !entry["kind"].is_string())
            continue;
        const auto kind = matchKindFromName(QString::fromStdString(entry["kind"].get<std::string>()));
        if (!kind)
            continue;
        GroundedValue v;
        v.pointer = pointer;
        v.kind = *kind;
        if (entry.contains("score") && entry["score"].is_number())
            v.score = entry["score"].get<double>();
        if (entry.contains("text") && entry["text"].is_string())
            v.text = QString::fromStdString(entry["text"].get<std::string>());
        if (entry.contains("spans") && entry["spans"].is_array())
            for (const Json &span : entry["spans"])
                if (span.is_array() && span.size() == 2 && span[0].is_number_integer() && span[1].is_number_integer())
                    v.spans.push_back({ span[0].get<qsizetype>(), span[1].get<qsizetype>() });
        values.push_back(std::move(v));
    }
    return Grounding(std::move(values));
}

} // namespace Formwork
