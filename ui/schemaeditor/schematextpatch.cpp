// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schematextpatch.h"

#include "common/compactjson.h"
#include "schemaeditor/schemalint.h"
#include "json/sourcemap.h"
#include "json/textpositions.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

// A replacement in bytes of the map's UTF-8 text.
struct ByteEdit {
    qsizetype begin = 0;
    qsizetype end = 0;
    std::string text;
};

// How the text around a value is laid out: one member per line (with the line's indentation) or
// all on one line (with or without a space inside the braces).
struct Layout {
    bool multiline = true;
    std::string indent; // of the line the value starts on
    bool padded = false; // "{ a }" rather than "{a}" on one line
    bool arraysOnOneLine = true; // arrays of scalars ("required", "enum") on one line
    std::string colon = ": "; // between a key and its value
    std::string comma = ", "; // between members or elements on one line
};

bool isPrefixPointer(std::string_view prefix, std::string_view pointer)
{
    if (prefix.empty())
        return true;
    return pointer.substr(0, prefix.size()) == prefix
        && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

class Patcher
{
public:
    Patcher(const SchemaTextMap &map, const std::vector<SchemaEditScope> &scopes)
        : m_map(map)
        , m_text(map.utf8.constData(), size_t(map.utf8.size()))
        , m_scopes(scopes)
    {
        m_unit = detectUnit();
        detectSeparators();
    }

    bool diff(const std::string &pointer, const Json &before, const Json &after, bool deep)
    {
        if (!deep) {
            bool onPath = false;
            for (const SchemaEditScope &scope : m_scopes) {
                if (isPrefixPointer(scope.pointer, pointer) && scope.deep)
                    deep = true;
                if (isPrefixPointer(pointer, scope.pointer))
                    onPath = true;
            }
            if (!deep && !onPath)
                return true; // nothing the edit touched is in here
        }
        const bool bothObjects = before.is_object() && after.is_object();
        if (deep || !bothObjects) {
            if (before == after)
                return true;
        }
        const auto range = m_map.sourceMap.valueRange(pointer);
        if (!range)
            return false;
        if (bothObjects)
            return diffObject(pointer, *range, before, after, deep);
        m_edits.push_back({ range->begin, range->end, write(after, layoutOf(*range)) });
        return true;
    }

    std::vector<ByteEdit> takeEdits() { return std::move(m_edits); }

private:
    struct Member {
        std::string key;
        SourceRange keyRange;
        SourceRange valueRange;
        const Json *value = nullptr;
    };

    bool diffObject(const std::string &pointer, SourceRange range, const Json &before, const Json &after, bool deep)
    {
        std::vector<Member> old;
        old.reserve(before.size());
        for (auto it = before.begin(); it != before.end(); ++it) {
            const std::string child = SourceMap::appendToken(pointer, it.key());
            const auto key = m_map.sourceMap.keyRange(child);
            const auto value = m_map.sourceMap.valueRange(child);
            if (!key || !value)
                return false;
            old.push_back({ it.key(), *key, *value, &it.value() });
        }
        std::unordered_map<std::string_view, size_t> newIndex;
        std::vector<std::string_view> newKeys;
        std::vector<const Json *> newValues;
        newKeys.reserve(after.size());
        newValues.reserve(after.size());
        for (auto it = after.begin(); it != after.end(); ++it) {
            newIndex.emplace(it.key(), newKeys.size());
            newKeys.push_back(it.key());
            newValues.push_back(&it.value());
        }
        const std::vector<bool> kept = keptMembers(old, newIndex);
        // A member renamed in place: the only one gone and the only one new, in the same slot.
        std::vector<size_t> gone;
        for (size_t i = 0; i < old.size(); ++i) {
            if (!kept[i])
                gone.push_back(i);
        }
        std::vector<int> survivorOf(newKeys.size(), -1); // new index -> old index it keeps the text of
        for (size_t i = 0; i < old.size(); ++i) {
            if (kept[i])
                survivorOf[newIndex.at(old[i].key)] = int(i);
        }
        std::vector<size_t> added;
        for (size_t j = 0; j < newKeys.size(); ++j) {
            if (survivorOf[j] < 0 && !before.contains(std::string(newKeys[j])))
                added.push_back(j);
        }
        if (gone.size() == 1 && added.size() == 1 && !newIndex.contains(old[gone[0]].key)) {
            const size_t i = gone[0];
            const size_t j = added[0];
            const auto keptBefore = [&](size_t count, auto isKept) {
                size_t n = 0;
                for (size_t k = 0; k < count; ++k)
                    n += isKept(k) ? 1 : 0;
                return n;
            };
            const bool sameSlot = keptBefore(i, [&](size_t k) { return bool(kept[k]); })
                == keptBefore(j, [&](size_t k) { return survivorOf[k] >= 0; });
            if (sameSlot && *old[i].value == *newValues[j]) {
                m_edits.push_back({ old[i].keyRange.begin, old[i].keyRange.end, compactJson(Json(newKeys[j])) });
                survivorOf[j] = int(i);
                gone.clear();
            }
        }
        bool anySurvivor = false;
        for (const int s : survivorOf)
            anySurvivor = anySurvivor || s >= 0;
        if (!anySurvivor && !old.empty()) {
            m_edits.push_back({ range.begin, range.end, write(after, layoutOf(range)) });
            return true;
        }
        const Layout layout = memberLayout(range, old);
        // Members that stay: only their values can differ.
        for (size_t j = 0; j < newKeys.size(); ++j) {
            const int i = survivorOf[j];
            if (i < 0 || old[size_t(i)].key != newKeys[j])
                continue;
            if (!diff(SourceMap::appendToken(pointer, newKeys[j]), *old[size_t(i)].value, *newValues[j], deep))
                return false;
        }
        removeMembers(old, survivorOf, range);
        insertMembers(old, survivorOf, newKeys, newValues, range, layout);
        return true;
    }

    // The old members whose text stays where it is: the longest run of members that keep their
    // relative order in the new object. The others are removed (and re-added where they go now).
    static std::vector<bool> keptMembers(const std::vector<Member> &old,
                                         const std::unordered_map<std::string_view, size_t> &newIndex)
    {
        std::vector<bool> kept(old.size(), false);
        std::vector<size_t> oldOf; // the common members, as old indices
        std::vector<size_t> order; // their new indices
        for (size_t i = 0; i < old.size(); ++i) {
            const auto found = newIndex.find(old[i].key);
            if (found != newIndex.end()) {
                oldOf.push_back(i);
                order.push_back(found->second);
            }
        }
        // Longest increasing subsequence of `order` (patience sorting), with back links.
        std::vector<size_t> tails;
        std::vector<long> previous(order.size(), -1);
        for (size_t k = 0; k < order.size(); ++k) {
            const auto at = std::lower_bound(tails.begin(), tails.end(), order[k],
                                             [&order](size_t t, size_t value) { return order[t] < value; });
            if (at != tails.begin())
                previous[k] = long(*(at - 1));
            if (at == tails.end())
                tails.push_back(k);
            else
                *at = k;
        }
        for (long k = tails.empty() ? -1 : long(tails.back()); k >= 0; k = previous[size_t(k)])
            kept[oldOf[size_t(k)]] = true;
        return kept;
    }

    void removeMembers(const std::vector<Member> &old, const std::vector<int> &survivorOf, SourceRange range)
    {
        std::vector<bool> stays(old.size(), false);
        for (const int i : survivorOf) {
            if (i >= 0)
                stays[size_t(i)] = true;
        }
        for (size_t a = 0; a < old.size();) {
            if (stays[a]) {
                ++a;
                continue;
            }
            size_t b = a;
            while (b + 1 < old.size() && !stays[b + 1])
                ++b;
            if (b + 1 < old.size()) // up to the next member, which takes the run's place
                m_edits.push_back({ old[a].keyRange.begin, old[b + 1].keyRange.begin, {} });
            else if (a > 0) // the last ones: from the end of the member before, its comma gone
                m_edits.push_back({ old[a - 1].valueRange.end, old[b].valueRange.end, {} });
            else
                m_edits.push_back({ range.begin + 1, range.end - 1, {} });
            a = b + 1;
        }
    }

    void insertMembers(const std::vector<Member> &old, const std::vector<int> &survivorOf,
                       const std::vector<std::string_view> &newKeys, const std::vector<const Json *> &newValues,
                       SourceRange range, const Layout &layout)
    {
        const Layout valueLayout = siblingValueLayout(old, layout);
        // What goes between two members ("," included).
        const std::string separator = layout.multiline ? ",\n" + layout.indent : layout.comma;
        for (size_t j = 0; j < newKeys.size();) {
            if (survivorOf[j] >= 0) {
                ++j;
                continue;
            }
            size_t end = j;
            while (end < newKeys.size() && survivorOf[end] < 0)
                ++end;
            std::vector<std::string> texts;
            for (size_t k = j; k < end; ++k)
                texts.push_back(memberText(old, newKeys[k], *newValues[k], valueLayout));
            std::string text;
            if (j > 0) { // after the member before it, which stays
                for (const std::string &member : texts)
                    text += separator + member;
                const qsizetype at = old[size_t(survivorOf[j - 1])].valueRange.end;
                m_edits.push_back({ at, at, std::move(text) });
            } else if (end < newKeys.size()) { // before the first member that stays
                for (const std::string &member : texts)
                    text += member + separator;
                const qsizetype at = old[size_t(survivorOf[end])].keyRange.begin;
                m_edits.push_back({ at, at, std::move(text) });
            } else { // the object had no member (all removed ones were replaced above)
                const std::string closing
                    = layout.multiline ? "\n" + outerIndent(range) : std::string(layout.padded ? " " : "");
                text = layout.multiline ? "\n" + layout.indent : std::string(layout.padded ? " " : "");
                for (size_t k = 0; k < texts.size(); ++k)
                    text += (k > 0 ? separator : std::string()) + texts[k];
                m_edits.push_back({ range.begin + 1, range.end - 1, text + closing });
            }
            j = end;
        }
    }

    // A member as it will read: its old text when it only moved, else written anew.
    std::string memberText(const std::vector<Member> &old, std::string_view key, const Json &value,
                           const Layout &layout) const
    {
        for (const Member &member : old) {
            if (member.key == key && *member.value == value) {
                return std::string(m_text.substr(size_t(member.keyRange.begin),
                                                 size_t(member.valueRange.end - member.keyRange.begin)));
            }
        }
        return compactJson(Json(key)) + layout.colon + write(value, layout);
    }

    // New members' objects are written like their siblings' objects: on one line when those are.
    Layout siblingValueLayout(const std::vector<Member> &old, const Layout &layout) const
    {
        for (const Member &member : old) {
            if (!member.value->is_object() || member.value->empty())
                continue;
            const std::string_view text
                = m_text.substr(size_t(member.valueRange.begin), size_t(member.valueRange.length()));
            Layout sibling = layout;
            sibling.multiline = layout.multiline && text.find('\n') != std::string_view::npos;
            sibling.padded = text.size() > 2 && text[1] == ' ';
            if (!sibling.multiline) {
                sibling.colon = text.find("\": ") != std::string_view::npos ? ": " : ":";
                sibling.comma = text.find(", ") != std::string_view::npos ? ", " : ",";
            }
            return sibling;
        }
        return layout;
    }

    // The layout of an object's members: that of its first member, else one level deeper than
    // the line it starts on (on one line when it is written on one line).
    Layout memberLayout(SourceRange range, const std::vector<Member> &old) const
    {
        Layout layout;
        const std::string_view object = m_text.substr(size_t(range.begin), size_t(range.length()));
        layout.padded = object.size() > 2 && object[1] == ' ';
        if (!old.empty()) {
            const std::string_view head
                = m_text.substr(size_t(range.begin), size_t(old.front().keyRange.begin - range.begin));
            layout.multiline = head.find('\n') != std::string_view::npos;
            layout.indent = layout.multiline ? lineIndent(old.front().keyRange.begin) : lineIndent(range.begin);
            layout.colon = between(old.front().keyRange.end, old.front().valueRange.begin, m_colon);
            layout.comma = old.size() > 1 ? between(old[0].valueRange.end, old[1].keyRange.begin, m_comma) : m_comma;
            return layout;
        }
        layout.colon = m_colon;
        layout.comma = m_comma;
        // An empty object on a line of its own ("properties": {} and nothing after) gets its members
        // on lines of their own.
        layout.multiline = object.find('\n') != std::string_view::npos || lineEndsAfter(range.end);
        layout.indent = lineIndent(range.begin) + (layout.multiline ? m_unit : std::string());
        return layout;
    }

    // The layout a value is rewritten in: as it was written (an object or array on several lines,
    // or on one), else (a scalar becoming an object) like the line it is on.
    Layout layoutOf(SourceRange range) const
    {
        Layout layout;
        const std::string_view value = m_text.substr(size_t(range.begin), size_t(range.length()));
        layout.indent = lineIndent(range.begin);
        layout.colon = m_colon;
        layout.comma = value.find(',') == std::string_view::npos ? m_comma
            : value.find(", ") != std::string_view::npos         ? ", "
                                                                 : ",";
        layout.multiline = value.find('\n') != std::string_view::npos;
        layout.padded = value.size() > 2 && value[1] == ' ';
        layout.arraysOnOneLine = !(layout.multiline && !value.empty() && value.front() == '[');
        if (!value.empty() && value.front() != '{' && value.front() != '[') {
            layout.multiline = lineEndsAfter(range.end);
            layout.padded = true;
        }
        return layout;
    }

    // Writes a value whose first character goes where the layout's line already is.
    std::string write(const Json &value, const Layout &layout) const
    {
        if (value.is_object() && !value.empty()) {
            Layout inner = layout;
            inner.indent = layout.multiline ? layout.indent + m_unit : layout.indent;
            std::string out = "{";
            bool first = true;
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (layout.multiline)
                    out += (first ? "\n" : ",\n") + inner.indent;
                else
                    out += first ? std::string(layout.padded ? " " : "") : layout.comma;
                out += compactJson(Json(it.key())) + layout.colon + write(it.value(), inner);
                first = false;
            }
            out += layout.multiline ? "\n" + layout.indent + "}" : std::string(layout.padded ? " }" : "}");
            return out;
        }
        if (value.is_array() && !value.empty()) {
            // Arrays of scalars ("required", "enum", "type") stay on one line.
            const bool scalars = std::all_of(value.begin(), value.end(),
                                             [](const Json &v) { return !v.is_object() && !v.is_array(); });
            Layout inner = layout;
            inner.multiline = layout.multiline && !(scalars && layout.arraysOnOneLine);
            inner.arraysOnOneLine = true;
            inner.indent = inner.multiline ? layout.indent + m_unit : layout.indent;
            std::string out = "[";
            bool first = true;
            for (const Json &element : value) {
                if (inner.multiline)
                    out += (first ? "\n" : ",\n") + inner.indent;
                else if (!first)
                    out += layout.comma;
                out += write(element, inner);
                first = false;
            }
            out += inner.multiline ? "\n" + layout.indent + "]" : std::string("]");
            return out;
        }
        return compactJson(value);
    }

    std::string lineIndent(qsizetype position) const
    {
        const size_t lineStart = position > 0 ? m_text.rfind('\n', size_t(position - 1)) : std::string_view::npos;
        const size_t begin = lineStart == std::string_view::npos ? 0 : lineStart + 1;
        size_t end = begin;
        while (end < m_text.size() && (m_text[end] == ' ' || m_text[end] == '\t'))
            ++end;
        return std::string(m_text.substr(begin, end - begin));
    }

    std::string outerIndent(SourceRange range) const { return lineIndent(range.begin); }

    bool lineEndsAfter(qsizetype position) const
    {
        size_t at = size_t(position);
        while (at < m_text.size() && (m_text[at] == ' ' || m_text[at] == '\t' || m_text[at] == ','))
            ++at;
        return at >= m_text.size() || m_text[at] == '\n' || m_text[at] == '\r';
    }

    // The text between two positions when it is only a separator (spaces and at most one , or :).
    std::string between(qsizetype begin, qsizetype end, const std::string &fallback) const
    {
        if (begin < 0 || end < begin || end - begin > 8)
            return fallback;
        const std::string_view text = m_text.substr(size_t(begin), size_t(end - begin));
        if (text.find('\n') != std::string_view::npos)
            return fallback;
        return std::string(text);
    }

    // How the root writes ":" and "," on one line, for values written where no sibling shows it.
    void detectSeparators()
    {
        const Json &doc = *m_map.document;
        if (!doc.is_object() || doc.empty())
            return;
        auto it = doc.begin();
        const std::string first = SourceMap::appendToken("", it.key());
        const auto key = m_map.sourceMap.keyRange(first);
        const auto value = m_map.sourceMap.valueRange(first);
        if (!key || !value)
            return;
        m_colon = between(key->end, value->begin, m_colon);
        if (++it == doc.end())
            return;
        const auto next = m_map.sourceMap.keyRange(SourceMap::appendToken("", it.key()));
        if (next) {
            const std::string comma = between(value->end, next->begin, m_comma);
            if (comma.find('\n') == std::string::npos && comma != m_comma)
                m_comma = comma;
        }
    }

    // The indentation one level adds: that of the root's first member, else two spaces.
    std::string detectUnit() const
    {
        const Json &doc = *m_map.document;
        if (doc.is_object() && !doc.empty()) {
            const auto key = m_map.sourceMap.keyRange(SourceMap::appendToken("", doc.begin().key()));
            const auto root = m_map.sourceMap.valueRange("");
            if (key && root) {
                const std::string head(m_text.substr(size_t(root->begin), size_t(key->begin - root->begin)));
                if (head.find('\n') != std::string::npos) {
                    const std::string inner = lineIndent(key->begin);
                    const std::string outer = lineIndent(root->begin);
                    if (inner.size() > outer.size())
                        return inner.substr(outer.size());
                }
            }
        }
        return "  ";
    }

    const SchemaTextMap &m_map;
    std::string_view m_text;
    const std::vector<SchemaEditScope> &m_scopes;
    std::string m_unit;
    std::string m_colon = ": ";
    std::string m_comma = ", ";
    std::vector<ByteEdit> m_edits;
};

} // namespace

std::optional<QList<SchemaTextReplacement>> schemaTextPatch(const SchemaTextMap &map, const Json &after,
                                                            const std::vector<SchemaEditScope> &scopes)
{
    if (!map.document || !map.positions)
        return std::nullopt;
    Patcher patcher(map, scopes);
    if (!patcher.diff({}, *map.document, after, false))
        return std::nullopt;
    std::vector<ByteEdit> edits = patcher.takeEdits();
    std::sort(edits.begin(), edits.end(), [](const ByteEdit &a, const ByteEdit &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    QList<SchemaTextReplacement> replacements;
    for (ByteEdit &edit : edits) {
        if (!replacements.isEmpty()) {
            // Edits that touch (an insertion where a removal ends) become one replacement.
            SchemaTextReplacement &last = replacements.last();
            const qsizetype begin = map.positions->toUtf16(edit.begin);
            if (begin < last.end)
                return std::nullopt; // overlapping: not a change this patcher makes
        }
        const SourceRange chars = map.positions->toUtf16(SourceRange { edit.begin, edit.end });
        replacements.append({ chars.begin, chars.end, QString::fromStdString(edit.text) });
    }
    return replacements;
}

namespace {

// The base text of [begin, end) with the replacements inside it applied.
QString patchedSpan(const SchemaTextMap &base, qsizetype begin, qsizetype end,
                    const QList<SchemaTextReplacement> &replacements, qsizetype &next)
{
    const auto baseText = [&base](qsizetype from, qsizetype to) {
        const qsizetype a = base.positions->toByteOffset(from);
        const qsizetype b = base.positions->toByteOffset(to);
        return QString::fromUtf8(base.utf8.constData() + a, b - a);
    };
    QString text;
    qsizetype at = begin;
    // Every replacement lies inside one span (the spans were joined over all of them).
    while (next < replacements.size() && replacements.at(next).end <= end) {
        const SchemaTextReplacement &r = replacements.at(next++);
        text += baseText(at, r.begin);
        text += r.text;
        at = r.end;
    }
    text += baseText(at, end);
    return text;
}

} // namespace

QList<SchemaTextReplacement> composeTextPatches(const SchemaTextMap &base, const QList<SchemaTextReplacement> &applied,
                                                const QList<SchemaTextReplacement> &wanted)
{
    // Spans of the base text that either patch touches, joined where they overlap or meet: outside
    // them the text now and the wanted text both equal the base text.
    struct Span {
        qsizetype begin;
        qsizetype end;
    };
    std::vector<Span> spans;
    spans.reserve(size_t(applied.size() + wanted.size()));
    for (const auto *list : { &applied, &wanted }) {
        for (const SchemaTextReplacement &r : *list)
            spans.push_back({ r.begin, r.end });
    }
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; });
    std::vector<Span> joined;
    for (const Span &span : spans) {
        if (!joined.empty() && span.begin <= joined.back().end)
            joined.back().end = std::max(joined.back().end, span.end);
        else
            joined.push_back(span);
    }
    QList<SchemaTextReplacement> result;
    qsizetype nextApplied = 0;
    qsizetype nextWanted = 0;
    qsizetype shift = 0; // how much longer the text now is than the base text before the span
    for (const Span &span : joined) {
        const QString now = patchedSpan(base, span.begin, span.end, applied, nextApplied);
        const QString next = patchedSpan(base, span.begin, span.end, wanted, nextWanted);
        const qsizetype at = span.begin + shift;
        shift += now.size() - (span.end - span.begin);
        if (now == next)
            continue;
        // Only what differs, so the cursor and the text around stay where they are.
        qsizetype prefix = 0;
        const qsizetype limit = std::min(now.size(), next.size());
        while (prefix < limit && now.at(prefix) == next.at(prefix))
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < limit - prefix && now.at(now.size() - 1 - suffix) == next.at(next.size() - 1 - suffix))
            ++suffix;
        result.append({ at + prefix, at + now.size() - suffix, next.mid(prefix, next.size() - prefix - suffix) });
    }
    return result;
}

} // namespace Ui
} // namespace Formwork
