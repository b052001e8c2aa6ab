// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/sourceview.h"

#include "common/backgroundwork.h"
#include "documents/sourcehighlights.h"
#include "documents/sourcetextedit.h"
#include "highlighting/colormix.h"

#include <QEvent>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QStyle>
#include <QtConcurrent>
#include <QTextBlock>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace Formwork {
namespace Ui {

namespace {

constexpr int PointerRole = Qt::UserRole + 1;

// Lines joined into blocks of about this many characters (see groupLines()).
constexpr qsizetype GroupedBlockChars = 1024;

// The text with most line breaks turned into line separators (U+2028), so that the document has a
// block per few dozen lines instead of one per line. QPlainTextEdit::setDocument() visits every
// block on the GUI thread (it resets each one's layout: 19 ms for the 77,000 lines of a 5 MB
// text); a few thousand blocks take a millisecond. A line separator is one character, like the
// paragraph break it replaces, so every offset stays the same, the lines still break where they
// did, and toPlainText() gives "\n" for both.
QString groupLines(QString text)
{
    qsizetype blockStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\n')
            continue;
        if (i - blockStart < GroupedBlockChars)
            text[i] = QChar::LineSeparator;
        else
            blockStart = i + 1;
    }
    return text;
}

// Freeing a long document takes about as long as building it: not on the GUI thread. Without a
// parent and a thread it may be deleted by a worker.
void disposeDocument(QTextDocument *document)
{
    document->setParent(nullptr);
    document->moveToThread(nullptr);
    backgroundPool()->start([document] { delete document; });
}

} // namespace

SourceView::SourceView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_text(new SourceTextEdit(this))
    , m_ungrounded(new QListWidget(this))
    , m_highlights(std::make_shared<const SourceHighlights>())
{
    m_summary->setObjectName(QStringLiteral("sourceSummary"));
    m_summary->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("sourceText"));
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setToolTip(tr("The run's input text; click a highlighted value to select its field in the result"));
    m_text->viewport()->installEventFilter(this);
    m_ungrounded->setObjectName(QStringLiteral("sourceUngrounded"));
    m_ungrounded->setToolTip(tr("Values not found in the source (possible inventions), found at several places, "
                                "or found only as similar text"));
    m_ungrounded->setMaximumHeight(fontMetrics().height() * 7);
    // One line each: measuring every entry when the list is shown or resized took 30 ms for 1,000.
    m_ungrounded->setUniformItemSizes(true);
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_ungrounded->setIconSize(QSize(icon, icon));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_ungrounded);
    connect(m_ungrounded, &QListWidget::itemActivated, this, &SourceView::activateItem);
    connect(m_ungrounded, &QListWidget::itemClicked, this, &SourceView::activateItem);
    clear();
}

SourceView::~SourceView()
{
    // Documents still being laid out are freed when they arrive (a watcher done with its
    // document has no parent any more).
    // QFutureWatcher<T> has no Q_OBJECT of its own (Qt 6.8's findChildren requires one): find the
    // base, then the document watchers among them.
    for (auto *base : findChildren<QFutureWatcherBase *>(Qt::FindDirectChildrenOnly)) {
        auto *watcher = dynamic_cast<QFutureWatcher<QTextDocument *> *>(base);
        if (!watcher)
            continue;
        watcher->disconnect(this);
        watcher->future().then(QtFuture::Launch::Sync, [](QTextDocument *document) { document->deleteLater(); });
    }
}

void SourceView::setDocument(const QString &text)
{
    m_grounding = Grounding();
    showHighlights(std::make_shared<const SourceHighlights>());
    m_document = text;
    m_pendingPointer.clear();
    ++m_loadGeneration; // a layout still under way is for another text
    if (text.size() >= BackgroundChars) {
        loadInBackground(text);
        return;
    }
    m_loading = false;
    showText(text);
    Q_EMIT documentShown();
}

// A short text: set here, into a document of the view's own.
void SourceView::showText(const QString &text)
{
    m_text->setPlaceholderText(QString());
    if (m_text->document()->parent() == m_text) {
        // The last long document was ours: a fresh small one instead, the long one freed apart.
        auto *document = new QTextDocument(m_text);
        document->setDocumentLayout(new QPlainTextDocumentLayout(document));
        document->setUndoRedoEnabled(false);
        document->setPlainText(text);
        adoptDocument(document);
    } else {
        m_text->setPlainText(text);
    }
    fillLists();
}

// Setting a multi-megabyte text on the GUI thread took most of a second (the text into blocks,
// then a layout per block). A QTextDocument may be built in another thread and moved to this one;
// what is left here is the view taking it over (a pass over the blocks, measured by
// tests/bench/bench_sourceview).
void SourceView::loadInBackground(const QString &text)
{
    m_loading = true;
    auto *empty = new QTextDocument(m_text);
    empty->setDocumentLayout(new QPlainTextDocumentLayout(empty));
    adoptDocument(empty);
    m_text->setPlaceholderText(tr("Laying out the document (%1 characters)\u2026").arg(text.size()));
    fillLists();
    const quint64 generation = m_loadGeneration;
    QThread *guiThread = thread();
    const QFont font = m_text->font();
    const QTextOption option = m_text->document()->defaultTextOption();
    auto *watcher = new QFutureWatcher<QTextDocument *>(this);
    connect(watcher, &QFutureWatcher<QTextDocument *>::finished, this, [this, watcher, generation] {
        watcher->setParent(nullptr);
        watcher->deleteLater();
        QTextDocument *document = watcher->result();
        if (generation != m_loadGeneration) {
            disposeDocument(document); // another text came meanwhile
            return;
        }
        m_loading = false;
        m_text->setPlaceholderText(QString());
        document->setParent(m_text);
        adoptDocument(document);
        m_text->presetLineCounts();
        fillLists();
        if (!m_pendingPointer.isEmpty())
            selectPointer(std::exchange(m_pendingPointer, QString()));
        Q_EMIT documentShown();
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [text, font, option, guiThread] {
        auto *document = new QTextDocument;
        document->setUndoRedoEnabled(false);
        document->setDefaultFont(font);
        document->setDefaultTextOption(option);
        document->setDocumentLayout(new QPlainTextDocumentLayout(document));
        document->setPlainText(groupLines(text));
        // Each block's QTextLayout made here: the view's first layout then only resets them.
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            block.layout();
            SourceTextEdit::noteLineCount(block);
        }
        document->moveToThread(guiThread);
        return document;
    }));
}

void SourceView::adoptDocument(QTextDocument *document)
{
    // Asked before the swap: the view's first document belongs to its text control, which deletes
    // it on the swap (it is small); the long ones are this view's, freed apart.
    QTextDocument *old = m_text->document();
    const bool ours = old && old != document && old->parent() == m_text;
    m_text->setDocument(document);
    if (ours)
        disposeDocument(old);
}

void SourceView::clear()
{
    setDocument(QString());
    m_summary->setText(tr("Run an extraction to see its values in the input text."));
}

QString SourceView::fieldOf(const QString &pointer)
{
    return SourceHighlights::fieldOf(pointer);
}

// Few spans are placed here at once; many (an ambiguous phrase is marked everywhere it stands:
// tens of thousands in a long document) on a worker, so the GUI thread never sorts them.
void SourceView::setGrounding(const Grounding &grounding)
{
    m_grounding = grounding;
    const quint64 generation = ++m_groundingGeneration;
    std::size_t spans = 0;
    for (const GroundedValue &v : m_grounding.values())
        spans += v.spans.size();
    const qsizetype length = m_document.size();
    if (spans < BackgroundSpans) {
        m_placing = false;
        showHighlights(std::make_shared<const SourceHighlights>(m_grounding, length));
        fillLists();
        Q_EMIT highlightsShown();
        return;
    }
    m_placing = true;
    showHighlights(std::make_shared<const SourceHighlights>());
    fillLists();
    using Placed = std::shared_ptr<const SourceHighlights>;
    auto *watcher = new QFutureWatcher<Placed>(this);
    connect(watcher, &QFutureWatcher<Placed>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_groundingGeneration)
            return; // another grounding (or document) came meanwhile
        m_placing = false;
        showHighlights(watcher->result());
        Q_EMIT highlightsShown();
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [grounding = m_grounding, length]() -> Placed {
        return std::make_shared<const SourceHighlights>(grounding, length);
    }));
}

// One hue per field, turned from the palette's highlight colour by the golden angle so that
// neighbouring fields differ, then mixed into the base colour as a tint.
void SourceView::showHighlights(std::shared_ptr<const SourceHighlights> highlights)
{
    m_highlights = std::move(highlights);
    m_fieldColors.clear();
    const QColor base = palette().color(QPalette::Base);
    const QColor accent = palette().color(QPalette::Highlight).toHsv();
    const int saturation = std::max(accent.hsvSaturation(), 120);
    const int value = std::max(accent.value(), 160);
    QList<QColor> colors;
    colors.reserve(m_highlights->fields().size());
    for (qsizetype n = 0; n < m_highlights->fields().size(); ++n) {
        const int hue = (std::max(accent.hsvHue(), 0) + int(137.508 * double(n))) % 360;
        colors.append(mixColors(base, QColor::fromHsv(hue, saturation, value), 0.4));
        m_fieldColors.insert(m_highlights->fields()[n], colors.back());
    }
    m_text->setHighlights(m_highlights, colors);
}

QColor SourceView::fieldColor(const QString &pointer) const
{
    const GroundedValue *v = m_grounding.find(pointer.toStdString());
    if (!v || !v->isGrounded())
        return QColor();
    return m_fieldColors.value(fieldOf(pointer));
}

void SourceView::fillLists()
{
    m_ungrounded->clear();
    qsizetype found = 0;
    for (const GroundedValue &v : m_grounding.values()) {
        const QString pointer = QString::fromStdString(v.pointer);
        QString line;
        switch (v.kind) {
        case MatchKind::Absent:
            line = tr("%1: \u201c%2\u201d not found in the source").arg(pointer, v.text);
            break;
        case MatchKind::Ambiguous:
            line = tr("%1: \u201c%2\u201d found at %n places", nullptr, int(v.spans.size())).arg(pointer, v.text);
            break;
        case MatchKind::Fuzzy:
            line = tr("%1: only similar text found (%2% alike)").arg(pointer).arg(qRound(v.score * 100));
            break;
        default:
            break;
        }
        found += v.isGrounded() ? 1 : 0;
        if (line.isEmpty())
            continue;
        auto *item = new QListWidgetItem(line, m_ungrounded);
        item->setData(PointerRole, pointer);
        if (v.kind == MatchKind::Absent)
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    m_ungrounded->setVisible(m_ungrounded->count() > 0);
    if (m_grounding.isEmpty()) {
        m_summary->setText(m_document.isEmpty() ? QString() : tr("No values to look for in the source."));
        return;
    }
    const qsizetype missing = m_grounding.size() - found;
    m_summary->setText(missing == 0 ? tr("All %n value(s) found in the source.", nullptr, int(m_grounding.size()))
                                    : tr("%1 of %2 values found in the source; %3 not found (possible inventions).")
                                          .arg(found)
                                          .arg(m_grounding.size())
                                          .arg(missing));
}

QString SourceView::pointerAt(qsizetype position) const
{
    const SourceHighlights::Span *span = m_highlights->at(position);
    return span ? QString::fromStdString(m_grounding.values()[span->value].pointer) : QString();
}

bool SourceView::selectPointer(const QString &pointer)
{
    const GroundedValue *v = m_grounding.find(pointer.toStdString());
    if (!v || v->spans.empty())
        return false;
    if (m_loading) {
        m_pendingPointer = pointer; // selected when the text arrives
        return true;
    }
    const TextSpan span = v->spans.front();
    const qsizetype length = m_text->document()->characterCount() - 1;
    if (span.end > length)
        return false;
    QTextCursor cursor(m_text->document());
    cursor.setPosition(int(span.begin));
    cursor.setPosition(int(span.end), QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->centerCursor();
    return true;
}

void SourceView::activateItem(QListWidgetItem *item)
{
    const QString pointer = item->data(PointerRole).toString();
    selectPointer(pointer);
    Q_EMIT pointerClicked(pointer);
}

bool SourceView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton && !m_text->textCursor().hasSelection()) {
            const QString pointer = pointerAt(m_text->cursorForPosition(mouse->position().toPoint()).position());
            if (!pointer.isEmpty())
                Q_EMIT pointerClicked(pointer);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SourceView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showHighlights(m_highlights);
}

} // namespace Ui
} // namespace Formwork
