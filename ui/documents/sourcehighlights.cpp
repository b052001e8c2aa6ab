// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/sourcehighlights.h"

#include <QHash>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {

// Array indices, without a regular expression: this runs once per value of a large result.
bool isIndex(QStringView segment)
{
    return !segment.isEmpty() && std::all_of(segment.begin(), segment.end(), [](QChar c) { return c.isDigit(); });
}

SourceHighlights::Style styleOf(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Fuzzy:
        return SourceHighlights::Style::Wave;
    case MatchKind::Ambiguous:
        return SourceHighlights::Style::Dots;
    default:
        return SourceHighlights::Style::Plain;
    }
}

} // namespace

SourceHighlights::SourceHighlights(const Grounding &grounding, qsizetype length)
{
    QHash<QString, std::uint32_t> fieldIndex;
    const std::vector<GroundedValue> &values = grounding.values();
    for (std::size_t i = 0; i < values.size(); ++i) {
        const GroundedValue &v = values[i];
        if (!v.isGrounded())
            continue;
        const QString field = fieldOf(QString::fromStdString(v.pointer));
        auto it = fieldIndex.constFind(field);
        if (it == fieldIndex.constEnd()) {
            it = fieldIndex.insert(field, std::uint32_t(m_fields.size()));
            m_fields.append(field);
        }
        for (const TextSpan &span : v.spans)
            if (span.begin >= 0 && span.end <= length && span.begin < span.end)
                m_spans.push_back({ span.begin, span.end, std::uint32_t(i), *it, styleOf(v.kind) });
    }
    std::stable_sort(m_spans.begin(), m_spans.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; });
    for (const Span &span : m_spans)
        m_longest = std::max(m_longest, span.end - span.begin);
}

auto SourceHighlights::around(qsizetype from, qsizetype to) const
    -> std::pair<std::vector<Span>::const_iterator, std::vector<Span>::const_iterator>
{
    // A span overlapping `from` begins at most the longest span's length before it.
    const auto first = std::lower_bound(m_spans.begin(), m_spans.end(), from - m_longest,
                                        [](const Span &s, qsizetype position) { return s.begin < position; });
    const auto last = std::lower_bound(first, m_spans.end(), to,
                                       [](const Span &s, qsizetype position) { return s.begin < position; });
    return { first, last };
}

const SourceHighlights::Span *SourceHighlights::at(qsizetype position) const
{
    // Spans are sorted by begin; the innermost (last starting) span that contains the position wins.
    auto it = std::upper_bound(m_spans.begin(), m_spans.end(), position,
                               [](qsizetype p, const Span &s) { return p < s.begin; });
    while (it != m_spans.begin()) {
        --it;
        if (position < it->end)
            return &*it;
        if (position - it->begin > m_longest)
            break;
    }
    return nullptr;
}

QString SourceHighlights::fieldOf(const QString &pointer)
{
    QString field;
    field.reserve(pointer.size());
    qsizetype start = 0;
    while (start < pointer.size()) {
        qsizetype end = pointer.indexOf(u'/', start + 1);
        if (end < 0)
            end = pointer.size();
        const QStringView segment = QStringView(pointer).mid(start, end - start);
        // A segment is "/name"; an index segment becomes "/*".
        if (segment.startsWith(u'/') && isIndex(segment.mid(1)))
            field += QStringLiteral("/*");
        else
            field += segment;
        start = end;
    }
    return field;
}

} // namespace Ui
} // namespace Formwork
