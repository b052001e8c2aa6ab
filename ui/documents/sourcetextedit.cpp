// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/sourcetextedit.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPaintEvent>
#include <QResizeEvent>
#include <QTextBlock>
#include <QTextLayout>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {

// A wave under [x1, x2] at `y`: two pixels high, four wide per period.
void drawWave(QPainter &painter, qreal x1, qreal x2, qreal y)
{
    QPainterPath path(QPointF(x1, y));
    bool up = true;
    for (qreal x = x1 + 2; x <= x2; x += 2, up = !up)
        path.lineTo(x, up ? y - 2 : y);
    painter.drawPath(path);
}

} // namespace

SourceTextEdit::SourceTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
}

SourceTextEdit::~SourceTextEdit() = default;

void SourceTextEdit::setHighlights(std::shared_ptr<const SourceHighlights> highlights, QList<QColor> fieldColors)
{
    m_highlights = std::move(highlights);
    m_fieldColors = std::move(fieldColors);
    viewport()->update();
}

QList<SourceTextEdit::Piece> SourceTextEdit::piecesIn(const QRect &region) const
{
    QList<Piece> pieces;
    if (!m_highlights || m_highlights->isEmpty())
        return pieces;
    QPointF offset = contentOffset();
    for (QTextBlock block = firstVisibleBlock(); block.isValid() && offset.y() <= region.bottom();
         block = block.next()) {
        if (!block.isVisible())
            continue;
        const QRectF blockRect = blockBoundingRect(block).translated(offset);
        offset.ry() += blockRect.height();
        if (blockRect.bottom() < region.top())
            continue;
        const qsizetype start = block.position();
        const qsizetype end = start + block.length() - 1; // without the separator
        const auto [first, last] = m_highlights->around(start, end);
        const QTextLayout *layout = block.layout();
        for (auto it = first; it != last; ++it) {
            if (it->end <= start)
                continue;
            const int from = int(std::max(it->begin, start) - start);
            const int to = int(std::min(it->end, end) - start);
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const int lineStart = line.textStart();
                const int lineEnd = lineStart + line.textLength();
                if (to <= lineStart || from >= lineEnd)
                    continue;
                const qreal x1 = line.cursorToX(std::max(from, lineStart));
                const qreal x2 = line.cursorToX(std::min(to, lineEnd));
                const QPointF topLeft = blockRect.topLeft() + layout->position();
                Piece piece;
                piece.rect
                    = QRectF(topLeft.x() + std::min(x1, x2), topLeft.y() + line.y(), std::abs(x2 - x1), line.height());
                piece.color = m_fieldColors.value(qsizetype(it->field));
                piece.style = it->style;
                piece.begin = it->begin;
                piece.end = it->end;
                piece.baseline = topLeft.y() + line.y() + line.ascent();
                pieces.append(piece);
            }
        }
    }
    return pieces;
}

void SourceTextEdit::noteLineCount(QTextBlock &block)
{
    block.setUserState(int(block.text().count(QChar::LineSeparator)) + 1);
}

void SourceTextEdit::presetLineCounts()
{
    QTextDocument *text = document();
    bool changed = false;
    for (QTextBlock block = text->begin(); block.isValid(); block = block.next()) {
        if (block.userState() > block.lineCount()) {
            block.setLineCount(block.userState());
            changed = true;
        }
    }
    if (!changed)
        return;
    QAbstractTextDocumentLayout *layout = text->documentLayout();
    Q_EMIT layout->documentSizeChanged(layout->documentSize()); // the scroll bar's new range
}

void SourceTextEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    // A new width lays every block out again, each counted as one line until it is in sight.
    if (event->oldSize().width() != event->size().width())
        presetLineCounts();
}

void SourceTextEdit::paintEvent(QPaintEvent *event)
{
    const QList<Piece> pieces = piecesIn(event->rect());
    if (!pieces.isEmpty()) {
        // Under the text: QPlainTextEdit paints no background of its own over this (the viewport's
        // is filled before the paint event), and draws the user's selection on top.
        QPainter painter(viewport());
        painter.setClipRect(event->rect());
        for (const Piece &piece : pieces)
            painter.fillRect(piece.rect, piece.color);
    }
    QPlainTextEdit::paintEvent(event);
    const bool underlines = std::any_of(pieces.cbegin(), pieces.cend(), [](const Piece &piece) {
        return piece.style != SourceHighlights::Style::Plain;
    });
    if (!underlines)
        return;
    QPainter painter(viewport());
    painter.setClipRect(event->rect());
    const QColor text = palette().color(QPalette::Text);
    for (const Piece &piece : pieces) {
        const qreal y = std::min(piece.baseline + 2, piece.rect.bottom() - 1);
        if (piece.style == SourceHighlights::Style::Wave) {
            painter.setPen(QPen(text, 1));
            drawWave(painter, piece.rect.left(), piece.rect.right(), y);
        } else if (piece.style == SourceHighlights::Style::Dots) {
            painter.setPen(QPen(text, 1, Qt::DotLine));
            painter.drawLine(QPointF(piece.rect.left(), y), QPointF(piece.rect.right(), y));
        }
    }
}

} // namespace Ui
} // namespace Formwork
