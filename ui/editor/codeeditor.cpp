// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"

#include "editor/blocklocallayout.h"
#include "highlighting/jsonhighlighting.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace Formwork {
namespace Ui {

namespace {

class LineNumberArea final : public QWidget
{
public:
    explicit LineNumberArea(CodeEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return { m_editor->lineNumberAreaWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor *m_editor;
};

QTextDocument *newDocument(QObject *parent)
{
    auto *document = new QTextDocument(parent);
    document->setDocumentLayout(new BlockLocalLayout(document));
    return document;
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new LineNumberArea(this))
    , m_highlighting(nullptr)
{
    // Typing repaints only the line typed in, not the whole view (see BlockLocalLayout).
    setDocument(newDocument(this));
    m_highlighting = new JsonHighlighting(document());
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    m_highlighting->applyPalette(palette());
    m_highlighting->styleView(this);
    // A theme chosen in the View menu brings its own background; the error marks take its colour.
    connect(m_highlighting, &JsonHighlighting::themeChanged, this, [this] {
        m_highlighting->styleView(this);
        refreshExtraSelections();
    });

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    updateLineNumberAreaWidth();
}

CodeEditor::~CodeEditor() = default;

void CodeEditor::setErrorMarks(const QList<ErrorMark> &marks)
{
    m_errorMarks = marks;
    refreshExtraSelections();
}

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(digits, 3);
}

void CodeEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_lineNumberArea->setGeometry(QRect(contents.left(), contents.top(), lineNumberAreaWidth(), contents.height()));
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        m_highlighting->applyPalette(palette());
        refreshExtraSelections();
    }
}

void CodeEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));

    QSet<int> errorBlocks;
    for (const ErrorMark &mark : std::as_const(m_errorMarks))
        errorBlocks.insert(document()->findBlock(mark.position).blockNumber());

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int width = m_lineNumberArea->width() - 4;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool hasError = errorBlocks.contains(block.blockNumber());
            painter.setPen(hasError ? m_highlighting->errorColor() : palette().color(QPalette::PlaceholderText));
            painter.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void CodeEditor::refreshExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QColor errorColor = m_highlighting->errorColor();
    QColor lineTint = errorColor;
    lineTint.setAlpha(40);
    for (const ErrorMark &mark : std::as_const(m_errorMarks)) {
        QTextEdit::ExtraSelection line;
        line.format.setBackground(lineTint);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(document());
        line.cursor.setPosition(qBound(0, mark.position, document()->characterCount() - 1));
        selections.append(line);

        QTextEdit::ExtraSelection span;
        span.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        span.format.setUnderlineColor(errorColor);
        span.cursor = QTextCursor(document());
        const int last = document()->characterCount() - 1;
        const int begin = qBound(0, mark.position, last);
        span.cursor.setPosition(begin);
        span.cursor.setPosition(qBound(begin, mark.position + qMax(1, mark.length), last), QTextCursor::KeepAnchor);
        selections.append(span);
    }
    setExtraSelections(selections);
    m_lineNumberArea->update();
}

} // namespace Ui
} // namespace Formwork
