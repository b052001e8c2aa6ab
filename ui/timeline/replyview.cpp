// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/replyview.h"

#include "common/backgroundwork.h"
#include "highlighting/colormix.h"

#include "highlighting/jsonhighlighter.h"
#include "highlighting/jsonhighlighting.h"

#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHelpEvent>
#include <QMimeData>
#include <QPlainTextDocumentLayout>
#include <QScrollBar>
#include <QtConcurrent/QtConcurrentRun>
#include <QTextBlock>
#include <QTextDocument>
#include <QThread>
#include <QToolTip>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {

// A span longer than this may start far above the block being formatted; such spans are few
// (objects and arrays) and are checked against every block.
constexpr qsizetype longSpan = 2048;

// A shown reply keeps this many lines in one text block, the others joined by U+2028 (a line
// break inside a block, one character like '\n', so positions stay the same). QPlainTextEdit
// relayouts every block of a new document on the GUI thread: a pretty-printed 5 MB reply has
// 300,000 lines, and 16 to a block makes that pass 16 times shorter.
constexpr int linesPerBlock = 16;

QString groupLines(QString text)
{
    int line = 0;
    for (QChar &c : text) {
        if (c == u'\n' && ++line % linesPerBlock != 0)
            c = QChar::LineSeparator;
    }
    return text;
}

bool isNumberChar(QChar c)
{
    return (c >= u'0' && c <= u'9') || c == u'.' || c == u'e' || c == u'E' || c == u'+' || c == u'-';
}

// JSON tokens of text[from, to) as format ranges (block-relative positions). JSON strings never
// hold a raw line break, so each block is tokenised on its own.
void appendJsonTokens(const QString &text, int from, int to, const JsonColorScheme &scheme,
                      QList<QTextLayout::FormatRange> &out)
{
    const auto add = [&out](int start, int length, const QTextCharFormat &format) {
        out.append(QTextLayout::FormatRange { start, length, format });
    };
    for (int i = from; i < to;) {
        const QChar c = text.at(i);
        if (c == u'"') {
            int j = i + 1;
            while (j < to && text.at(j) != u'"')
                j += text.at(j) == u'\\' ? 2 : 1;
            j = std::min(j + 1, to);
            int k = j;
            while (k < to && text.at(k).isSpace())
                ++k;
            add(i, j - i, k < to && text.at(k) == u':' ? scheme.key : scheme.string);
            i = j;
        } else if (c == u'-' || c.isDigit()) {
            int j = i + 1;
            while (j < to && isNumberChar(text.at(j)))
                ++j;
            add(i, j - i, scheme.number);
            i = j;
        } else if (c.isLetter()) {
            int j = i + 1;
            while (j < to && text.at(j).isLetter())
                ++j;
            add(i, j - i, scheme.keyword);
            i = j;
        } else {
            if (!c.isSpace())
                add(i, 1, scheme.punctuation);
            ++i;
        }
    }
}

} // namespace

ReplyView::ReplyView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_colourSource(new QTextDocument(this))
    , m_highlighting(new JsonHighlighting(m_colourSource))
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    updatePaletteColours();
    m_highlighting->styleView(this);
    connect(m_highlighting, &JsonHighlighting::themeChanged, this, [this] {
        m_highlighting->styleView(this);
        updatePaletteColours();
        restartFormatting();
    });
}

ReplyView::~ReplyView()
{
    cancelLoad();
}

void ReplyView::cancelLoad()
{
    ++m_loadGeneration;
    m_loading = false;
    m_pendingSelection = PendingSelection();
    setPlaceholderText(QString());
    if (m_loadPending) {
        // The document on its way is dropped when it arrives, in the GUI thread it was moved to.
        m_loadPending = false;
        m_loadFuture.then(QtFuture::Launch::Sync, [](const LoadedReply &loaded) { loaded.document->deleteLater(); });
        m_loadFuture = {};
    }
}

void ReplyView::loadAsync(const std::function<ReplyRendering()> &render)
{
    cancelLoad();
    m_rendering = ReplyRendering();
    indexSpans();
    showContent(QString());
    m_loading = true;
    setPlaceholderText(tr("Laying out the reply..."));
    const int generation = m_loadGeneration;
    QThread *guiThread = thread();
    const QFont font = this->font();
    const QTextOption option = document()->defaultTextOption();
    m_loadFuture = QtConcurrent::run(backgroundPool(), [render, font, option, guiThread] {
        LoadedReply loaded;
        loaded.rendering = render();
        auto *doc = new QTextDocument;
        doc->setUndoRedoEnabled(false);
        doc->setDefaultFont(font);
        doc->setDefaultTextOption(option);
        doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
        doc->setPlainText(groupLines(loaded.folding.append(loaded.rendering.text)));
        // The view relayouts a new document once, which creates a QTextLayout for every block;
        // created here, the GUI thread's relayout only resets them.
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
            block.layout();
        doc->moveToThread(guiThread);
        loaded.document = doc;
        return loaded;
    });
    m_loadPending = true;
    auto *watcher = new QFutureWatcher<LoadedReply>(this);
    connect(watcher, &QFutureWatcher<LoadedReply>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_loadGeneration)
            return; // cancelLoad() took care of the document
        LoadedReply loaded = watcher->result();
        m_loadPending = false;
        m_loadFuture = {};
        m_loading = false;
        setPlaceholderText(QString());
        m_rendering = std::move(loaded.rendering);
        m_content = m_rendering.text;
        m_folding = std::move(loaded.folding);
        indexSpans();
        loaded.document->setParent(this);
        setDocument(loaded.document); // the empty document before it was a child: deleted
        restartFormatting();
        applyPendingSelection();
        Q_EMIT this->loaded();
    });
    watcher->setFuture(m_loadFuture);
}

void ReplyView::applyPendingSelection()
{
    const PendingSelection pending = m_pendingSelection;
    m_pendingSelection = PendingSelection();
    std::optional<ReplySpan> span;
    if (pending.kind == PendingSelection::Kind::Error)
        span = m_rendering.errorSpan(pending.errorIndex);
    else if (pending.kind == PendingSelection::Kind::ParseError)
        span = m_rendering.parseErrorSpan();
    if (span)
        selectSpan(span->begin, span->length);
}

bool ReplyView::selectError(int errorIndex)
{
    m_pendingSelection = PendingSelection { PendingSelection::Kind::Error, errorIndex };
    if (m_loading)
        return true;
    const bool known = m_rendering.errorSpan(errorIndex).has_value();
    applyPendingSelection();
    return known;
}

bool ReplyView::selectParseError()
{
    m_pendingSelection = PendingSelection { PendingSelection::Kind::ParseError, -1 };
    if (m_loading)
        return true;
    const bool known = m_rendering.parseErrorSpan().has_value();
    applyPendingSelection();
    return known;
}

void ReplyView::setRendering(const ReplyRendering &rendering)
{
    const bool sameText = m_content == rendering.text;
    cancelLoad();
    m_rendering = rendering;
    if (!sameText)
        showContent(rendering.text); // the old marks go with the old blocks
    indexSpans();
    restartFormatting();
}

void ReplyView::setAttempt(const AttemptRecord &attempt, ExtractionMode mode, const QString &toolName)
{
    qsizetype length = attempt.content.size();
    for (const ToolCall &call : attempt.toolCalls)
        length = std::max(length, call.argumentsJson.size());
    // The stream of this attempt is shown already: only the marks are new.
    const bool streamedHere = mode != ExtractionMode::Tools && m_content == attempt.content;
    if (length < m_asyncThreshold || streamedHere) {
        setRendering(ReplyRendering::forAttempt(attempt, mode, toolName));
        return;
    }
    // Everything but the parsed value (a deep copy of which would cost as much as it saves).
    AttemptRecord light;
    light.number = attempt.number;
    light.content = attempt.content;
    light.thinking = attempt.thinking;
    light.toolCalls = attempt.toolCalls;
    light.extracted = attempt.extracted;
    light.span = attempt.span;
    light.parseError = attempt.parseError;
    light.parseErrorOffset = attempt.parseErrorOffset;
    light.errors = attempt.errors;
    light.outcome = attempt.outcome;
    loadAsync([light, mode, toolName] { return ReplyRendering::forAttempt(light, mode, toolName); });
}

void ReplyView::setStreamText(const QString &text)
{
    if (m_loading)
        cancelLoad();
    if (!m_rendering.spans.isEmpty() || !m_rendering.text.isEmpty()) {
        m_rendering = ReplyRendering();
        indexSpans();
        showContent(QString());
        restartFormatting();
    }
    const qsizetype shown = m_content.size();
    if (text.size() < shown || QStringView(text).left(shown) != m_content) {
        showContent(text);
        return;
    }
    if (text.size() == shown)
        return;
    // Follow the end only when the reader is already there.
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    m_content = text;
    cursor.insertText(m_folding.append(QStringView(text).mid(shown)));
    if (atEnd)
        bar->setValue(bar->maximum());
}

void ReplyView::clearReply()
{
    cancelLoad();
    m_rendering = ReplyRendering();
    indexSpans();
    showContent(QString());
    restartFormatting();
}

void ReplyView::showContent(const QString &content)
{
    m_content = content;
    m_folding.clear();
    if (content.isEmpty() && document()->isEmpty())
        return;
    setPlainText(m_folding.append(content));
}

void ReplyView::selectSpan(qsizetype begin, qsizetype length)
{
    const int last = document()->characterCount() - 1;
    QTextCursor cursor(document());
    const qsizetype end = std::clamp<qsizetype>(begin + length, begin, m_content.size());
    const int from = int(std::clamp<qsizetype>(m_folding.toDisplay(begin), 0, last));
    const qsizetype to = length > 0 ? m_folding.toDisplay(end - 1) + 1 : from;
    cursor.setPosition(from);
    cursor.setPosition(int(std::clamp<qsizetype>(to, from, last)), QTextCursor::KeepAnchor);
    setTextCursor(cursor);
    ensureCursorVisible();
}

QString ReplyView::problemsToolTip(int position) const
{
    QStringList lines;
    for (const ReplySpan &span : m_rendering.problemsAt(position))
        lines.append(span.message);
    return lines.join(u'\n');
}

QColor ReplyView::errorColor() const
{
    return m_highlighting->errorColor();
}

QList<QTextLayout::FormatRange> ReplyView::blockFormats(int blockNumber)
{
    QTextBlock block = document()->findBlockByNumber(blockNumber);
    if (!block.isValid())
        return {};
    if (block.userState() != m_generation)
        formatBlock(block);
    return block.layout()->formats();
}

void ReplyView::paintEvent(QPaintEvent *event)
{
    formatVisibleBlocks();
    QPlainTextEdit::paintEvent(event);
}

QMimeData *ReplyView::createMimeDataFromSelection() const
{
    // The reply as received: without the folds of long lines.
    const QTextCursor cursor = textCursor();
    const qsizetype from = m_folding.toContent(cursor.selectionStart());
    const qsizetype to = m_folding.toContent(cursor.selectionEnd());
    auto *data = new QMimeData;
    data->setText(m_content.mid(from, to - from));
    return data;
}

bool ReplyView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint inViewport = viewport()->mapFrom(this, help->pos());
        const QString tip = problemsToolTip(int(m_folding.toContent(cursorForPosition(inViewport).position())));
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void ReplyView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        updatePaletteColours();
        restartFormatting();
    }
}

void ReplyView::updatePaletteColours()
{
    m_highlighting->applyPalette(palette());
    m_tokenScheme = m_highlighting->colorScheme(); // the theme's colours, on either path
    const QPalette &p = palette();
    m_jsonFormat = QTextCharFormat();
    m_jsonFormat.setBackground(mixColors(p.color(QPalette::Base), p.color(QPalette::Highlight), 0.08));
    m_thinkingFormat = QTextCharFormat();
    m_thinkingFormat.setForeground(p.color(QPalette::PlaceholderText));
    m_thinkingFormat.setFontItalic(true);
    m_errorFormat = QTextCharFormat();
    m_errorFormat.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_errorFormat.setUnderlineColor(errorColor());
    // The wavy line alone is thin; a tint makes the failing value stand out at a glance.
    m_errorFormat.setBackground(mixColors(p.color(QPalette::Base), errorColor(), 0.16));
    Q_EMIT coloursChanged();
}

void ReplyView::indexSpans()
{
    m_shortSpans.clear();
    m_longSpans.clear();
    // The spans are kept in shown positions, which count the folds of long lines.
    for (ReplySpan span : std::as_const(m_rendering.spans)) {
        const qsizetype end = span.end();
        span.begin = m_folding.toDisplay(span.begin);
        if (span.length > 0)
            span.length = m_folding.toDisplay(end - 1) + 1 - span.begin;
        (span.length > longSpan ? m_longSpans : m_shortSpans).push_back(span);
    }
    std::stable_sort(m_shortSpans.begin(), m_shortSpans.end(),
                     [](const ReplySpan &a, const ReplySpan &b) { return a.begin < b.begin; });
}

void ReplyView::restartFormatting()
{
    // Blocks remember the generation they were formatted for; a new one formats them again.
    ++m_generation;
    m_formattedBlocks = 0;
    viewport()->update();
}

void ReplyView::formatVisibleBlocks()
{
    if (m_formatting)
        return;
    m_formatting = true;
    const int height = viewport()->height();
    const QPointF offset = contentOffset();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        if (blockBoundingGeometry(block).translated(offset).top() > height)
            break;
        if (block.userState() != m_generation)
            formatBlock(block);
    }
    m_formatting = false;
}

void ReplyView::formatBlock(QTextBlock &block)
{
    block.setUserState(m_generation);
    ++m_formattedBlocks;
    const qsizetype blockBegin = block.position();
    const qsizetype blockEnd = blockBegin + block.length() - 1;
    QList<QTextLayout::FormatRange> formats;
    const auto clip = [&](const ReplySpan &span, int *start, int *length) {
        const qsizetype from = std::max(span.begin, blockBegin);
        const qsizetype to = std::min(span.end(), blockEnd);
        *start = int(from - blockBegin);
        *length = int(to - from);
        return to > from;
    };
    std::vector<const ReplySpan *> here;
    for (const ReplySpan &span : m_longSpans)
        here.push_back(&span);
    auto it = std::lower_bound(m_shortSpans.begin(), m_shortSpans.end(), blockBegin - longSpan,
                               [](const ReplySpan &span, qsizetype position) { return span.begin < position; });
    for (; it != m_shortSpans.end() && it->begin < blockEnd; ++it)
        here.push_back(&*it);

    const JsonColorScheme &scheme = m_tokenScheme;
    // Backgrounds and tokens first, underlines last: later ranges win where they overlap.
    for (const ReplySpan *span : here) {
        int start = 0;
        int length = 0;
        if (!clip(*span, &start, &length))
            continue;
        if (span->kind == ReplySpan::Kind::Json) {
            formats.append(QTextLayout::FormatRange { start, length, m_jsonFormat });
            appendJsonTokens(block.text(), start, start + length, scheme, formats);
        } else if (span->kind == ReplySpan::Kind::Thinking) {
            formats.append(QTextLayout::FormatRange { start, length, m_thinkingFormat });
        }
    }
    for (const ReplySpan *span : here) {
        int start = 0;
        int length = 0;
        if (span->isProblem() && clip(*span, &start, &length))
            formats.append(QTextLayout::FormatRange { start, length, m_errorFormat });
    }
    if (formats.isEmpty() && block.layout()->formats().isEmpty())
        return;
    block.layout()->setFormats(formats);
    document()->markContentsDirty(int(blockBegin), block.length());
}

} // namespace Ui
} // namespace Formwork
