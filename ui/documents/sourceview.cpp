// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/sourceview.h"

#include "common/backgroundwork.h"
#include "highlighting/colormix.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QFutureWatcher>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QThread>
#include <QtConcurrent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace Formwork {
namespace Ui {

namespace {

constexpr int PointerRole = Qt::UserRole + 1;

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
    , m_text(new QPlainTextEdit(this))
    , m_ungrounded(new QListWidget(this))
{
    m_summary->setObjectName(QStringLiteral("sourceSummary"));
    m_summary->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("sourceText"));
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setToolTip(tr("The run's input text; click a highlighted value to select its field in the result"));
    m_text->viewport()->installEventFilter(this);
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, &SourceView::scheduleHighlights);
    connect(m_text->horizontalScrollBar(), &QScrollBar::valueChanged, this, &SourceView::scheduleHighlights);
    m_ungrounded->setObjectName(QStringLiteral("sourceUngrounded"));
    m_ungrounded->setToolTip(tr("Values not found in the source (possible inventions), found at several places, "
                                "or found only as similar text"));
    m_ungrounded->setMaximumHeight(fontMetrics().height() * 7);
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
    m_spans.clear();
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
    applyHighlights();
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
    applyHighlights();
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
        placeSpans();
        applyHighlights();
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
        document->setPlainText(text);
        // Each block's QTextLayout made here: the view's first layout then only resets them.
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
            block.layout();
        document->moveToThread(guiThread);
        return document;
    }));
}

void SourceView::adoptDocument(QTextDocument *document)
{
    // Asked before the swap: the view's first document belongs to its text control, which deletes
    // it on the swap (it is small); the long ones are this view's, freed apart.
    m_text->setExtraSelections({}); // their cursors point into the old document
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
    static const QRegularExpression index(QStringLiteral("/\\d+(?=/|$)"));
    QString field = pointer;
    return field.replace(index, QStringLiteral("/*"));
}

void SourceView::setGrounding(const Grounding &grounding)
{
    m_grounding = grounding;
    placeSpans();
    assignColors();
    applyHighlights();
    fillLists();
}

// The spans that lie in the text shown, sorted; none while a long text is still being laid out.
void SourceView::placeSpans()
{
    m_spans.clear();
    m_longestSpan = 0;
    if (m_loading)
        return;
    const qsizetype length = m_text->document()->characterCount() - 1; // without the final separator
    for (std::size_t i = 0; i < m_grounding.values().size(); ++i)
        for (const TextSpan &span : m_grounding.values()[i].spans)
            if (span.begin >= 0 && span.end <= length && span.begin < span.end)
                m_spans.push_back({ span, i });
    std::sort(m_spans.begin(), m_spans.end(),
              [](const PlacedSpan &a, const PlacedSpan &b) { return a.span.begin < b.span.begin; });
    for (const PlacedSpan &placed : m_spans)
        m_longestSpan = std::max(m_longestSpan, placed.span.end - placed.span.begin);
}

// One hue per field, turned from the palette's highlight colour by the golden angle so that
// neighbouring fields differ, then mixed into the base colour as a tint.
void SourceView::assignColors()
{
    m_fieldColors.clear();
    const QColor base = palette().color(QPalette::Base);
    const QColor accent = palette().color(QPalette::Highlight).toHsv();
    const int saturation = std::max(accent.hsvSaturation(), 120);
    const int value = std::max(accent.value(), 160);
    int n = 0;
    for (const GroundedValue &v : m_grounding.values()) {
        const QString field = fieldOf(QString::fromStdString(v.pointer));
        if (!v.isGrounded() || m_fieldColors.contains(field))
            continue;
        const int hue = (std::max(accent.hsvHue(), 0) + int(137.508 * n++)) % 360;
        m_fieldColors.insert(field, mixColors(base, QColor::fromHsv(hue, saturation, value), 0.4));
    }
}

QColor SourceView::fieldColor(const QString &pointer) const
{
    const GroundedValue *v = m_grounding.find(pointer.toStdString());
    if (!v || !v->isGrounded())
        return QColor();
    return m_fieldColors.value(fieldOf(pointer));
}

void SourceView::scheduleHighlights()
{
    if (std::exchange(m_highlightsPending, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_highlightsPending = false;
        applyHighlights();
    });
}

void SourceView::applyHighlights()
{
    // The characters in view, with a screen's margin above and below for smooth scrolling.
    const QRect view = m_text->viewport()->rect();
    const int margin = view.height();
    const qsizetype first = m_text->cursorForPosition(QPoint(0, -margin)).position();
    const qsizetype last = m_text->cursorForPosition(QPoint(view.width(), view.height() + margin)).position();
    auto it = std::lower_bound(m_spans.begin(), m_spans.end(), first - m_longestSpan,
                               [](const PlacedSpan &s, qsizetype position) { return s.span.begin < position; });
    QList<QTextEdit::ExtraSelection> selections;
    const QColor text = palette().color(QPalette::Text);
    for (; it != m_spans.end() && it->span.begin <= last; ++it) {
        const PlacedSpan &placed = *it;
        if (placed.span.end < first)
            continue;
        const GroundedValue &v = m_grounding.values()[placed.value];
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_text->document());
        selection.cursor.setPosition(int(placed.span.begin));
        selection.cursor.setPosition(int(placed.span.end), QTextCursor::KeepAnchor);
        selection.format.setBackground(m_fieldColors.value(fieldOf(QString::fromStdString(v.pointer))));
        selection.format.setForeground(text);
        if (v.kind == MatchKind::Fuzzy || v.kind == MatchKind::Ambiguous) {
            selection.format.setUnderlineStyle(v.kind == MatchKind::Fuzzy ? QTextCharFormat::WaveUnderline
                                                                          : QTextCharFormat::DotLine);
            selection.format.setUnderlineColor(text);
        }
        selections.append(selection);
    }
    m_text->setExtraSelections(selections);
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
    m_summary->setText(missing == 0
                           ? tr("All %n value(s) found in the source.", nullptr, int(m_grounding.size()))
                           : tr("%1 of %2 values found in the source; %3 not found (possible inventions).")
                                 .arg(found)
                                 .arg(m_grounding.size())
                                 .arg(missing));
}

QString SourceView::pointerAt(qsizetype position) const
{
    // Spans are sorted by begin; the innermost (last starting) span that contains the position wins.
    auto it = std::upper_bound(m_spans.begin(), m_spans.end(), position,
                               [](qsizetype p, const PlacedSpan &s) { return p < s.span.begin; });
    while (it != m_spans.begin()) {
        --it;
        if (position < it->span.end)
            return QString::fromStdString(m_grounding.values()[it->value].pointer);
        if (position - it->span.begin > 4096) // spans this long are rare; stop looking back
            break;
    }
    return QString();
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
    if (watched == m_text->viewport() && event->type() == QEvent::Resize)
        scheduleHighlights();
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
    if (event->type() == QEvent::PaletteChange) {
        assignColors();
        applyHighlights();
    }
}

} // namespace Ui
} // namespace Formwork
