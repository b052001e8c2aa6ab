// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "documents/sourcehighlights.h"

#include <QColor>
#include <QList>
#include <QPlainTextEdit>
#include <QTextBlock>

#include <memory>

namespace Formwork {
namespace Ui {

// The Source view's text: a read-only QPlainTextEdit that paints the grounded spans itself, only
// those in the region being painted, under the text (a tint per field) and, for fuzzy or
// ambiguous values, a line under them. Extra selections did the same at a cost the GUI thread
// could not pay on large documents: QPlainTextEdit walks every one for every block it paints and
// finds each one's rectangle on every change (about 100 ms for the spans around one screen).
class SourceTextEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceTextEdit)

public:
    explicit SourceTextEdit(QWidget *parent = nullptr);
    ~SourceTextEdit() override;

    // What to paint: the spans, and a colour per field (by SourceHighlights::Span::field).
    void setHighlights(std::shared_ptr<const SourceHighlights> highlights, QList<QColor> fieldColors);
    const SourceHighlights *highlights() const { return m_highlights.get(); }

    // A highlighted piece of one line, in viewport coordinates.
    struct Piece {
        QRectF rect;
        QColor color;
        SourceHighlights::Style style = SourceHighlights::Style::Plain;
        qsizetype begin = 0; // the span's document range
        qsizetype end = 0;
        qreal baseline = 0; // where an underline goes
    };
    // The pieces that a paint of `region` (viewport coordinates) draws: the blocks in sight only.
    QList<Piece> piecesIn(const QRect &region) const;

    // A long text has its lines grouped into blocks (U+2028 between them). The scroll bar counts
    // lines, and a block not laid out yet counts as one, so the bar's middle was far from the
    // text's middle and its range grew while scrolling. noteLineCount() keeps a block's number of
    // lines in its user state (on any thread, before the document is shown); presetLineCounts()
    // gives every block not yet laid out that many, and runs again after each relayout.
    static void noteLineCount(QTextBlock &block);
    void presetLineCounts();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    std::shared_ptr<const SourceHighlights> m_highlights;
    QList<QColor> m_fieldColors;
};

} // namespace Ui
} // namespace Formwork
