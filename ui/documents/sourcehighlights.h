// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>
#include <vector>

namespace Formwork {
namespace Ui {

// The grounded spans of a document, placed for painting: sorted by where they begin, each with the
// index of its value and of its field (array elements of one field share a field, so a colour).
// Made from a Grounding on any thread (a document may hold tens of thousands of spans: an
// ambiguous phrase is marked everywhere it stands), then only read; the view paints the ones in
// sight and looks up the one under a click.
class SourceHighlights
{
public:
    enum class Style : std::uint8_t { Plain, Wave, Dots }; // fuzzy values wave, ambiguous ones dot

    struct Span {
        qsizetype begin = 0;
        qsizetype end = 0;
        std::uint32_t value = 0; // index into the grounding's values()
        std::uint32_t field = 0; // index into fields()
        Style style = Style::Plain;
    };

    SourceHighlights() = default;
    // The spans of `grounding` that lie within a text of `length` UTF-16 code units.
    SourceHighlights(const Grounding &grounding, qsizetype length);

    const std::vector<Span> &spans() const { return m_spans; }
    // The fields of the grounded values, in the order they first occur (the colour order).
    const QStringList &fields() const { return m_fields; }
    bool isEmpty() const { return m_spans.empty(); }

    // The spans that overlap [from, to): a range of spans(), some of which may end before `from`
    // (callers skip those).
    std::pair<std::vector<Span>::const_iterator, std::vector<Span>::const_iterator> around(qsizetype from,
                                                                                           qsizetype to) const;
    // The innermost (last starting) span containing `position`; nullptr when none.
    const Span *at(qsizetype position) const;

    // The field a pointer belongs to: array indices left out ("/items/3/name" -> "/items/*/name").
    static QString fieldOf(const QString &pointer);

private:
    std::vector<Span> m_spans;
    QStringList m_fields;
    qsizetype m_longest = 0;
};

} // namespace Ui
} // namespace Formwork
