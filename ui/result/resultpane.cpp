// SPDX-License-Identifier: GPL-3.0-or-later
#include "result/resultpane.h"

#include "common/backgroundwork.h"
#include "editor/codeeditor.h"
#include "export/atomicfile.h"
#include "export/csvexport.h"
#include "export/jsonexport.h"
#include "result/resulttreemodel.h"
#include "run/runsession.h"
#include "run/runstatus.h"
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

using Json = nlohmann::ordered_json;

namespace {

// Lines of pretty JSON beyond this are not put into the JSON view (see renderJsonView()).
constexpr qsizetype jsonViewLimitBytes = 512 * 1024;
// Values from a reply shorter than this are formatted on the GUI thread, at once.
constexpr qsizetype smallValueChars = 64 * 1024;

// The attempt a run's value came from, or nullptr.
const AttemptRecord *valueAttemptOf(const RunSession &session)
{
    const RunResult &result = session.result();
    const QList<AttemptRecord> &attempts = result.attempts.isEmpty() ? session.attempts() : result.attempts;
    for (const AttemptRecord &attempt : attempts) {
        if (attempt.number == result.valueAttempt)
            return &attempt;
    }
    return nullptr;
}

QToolButton *toolButtonFor(QAction *action, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

ResultPane::ResultPane(RunSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new ResultTreeModel(this))
    , m_verdict(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeView(this))
    , m_json(new CodeEditor(this))
    , m_jsonNotice(new QLabel(this))
    , m_conflicts(new QLabel(this))
    , m_exportButton(new QToolButton(this))
{
    m_verdict->setObjectName(QStringLiteral("resultVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_conflicts->setObjectName(QStringLiteral("resultConflicts"));
    m_conflicts->setWordWrap(true);
    m_conflicts->setTextFormat(Qt::PlainText);
    m_conflicts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_conflicts->setToolTip(tr("The chunks of the document gave different values here; the value most chunks "
                               "gave is kept (on a tie, the earliest chunk's). Check them in the Source pane."));
    m_conflicts->hide();

    m_tree->setObjectName(QStringLiteral("resultTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // keeps scrolling through huge arrays cheap
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ResultTreeModel::ValueColumn, QHeaderView::Stretch);
    m_model->setPalette(palette());

    m_json->setObjectName(QStringLiteral("resultJson"));
    m_json->setReadOnly(true);

    m_jsonNotice->setObjectName(QStringLiteral("resultJsonNotice"));
    m_jsonNotice->setWordWrap(true);
    m_jsonNotice->hide();
    auto *jsonPage = new QWidget(this);
    jsonPage->setObjectName(QStringLiteral("resultJsonPage"));
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    jsonLayout->addWidget(m_jsonNotice);
    jsonLayout->addWidget(m_json, 1);
    m_jsonPage = jsonPage;

    m_tabs->setObjectName(QStringLiteral("resultTabs"));
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_jsonPage, tr("JSON"));

    createActions();

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    // One Copy button with a menu keeps the row narrow enough for a side dock.
    auto *copyButton = new QToolButton(this);
    copyButton->setObjectName(QStringLiteral("copyButton"));
    copyButton->setText(tr("Copy"));
    copyButton->setToolTip(tr("Copy the selected value, its JSON Pointer, or it as JSON"));
    copyButton->setPopupMode(QToolButton::InstantPopup);
    auto *copyMenu = new QMenu(copyButton);
    copyMenu->setObjectName(QStringLiteral("copyMenu"));
    copyMenu->setToolTipsVisible(true);
    copyMenu->addActions({ m_copyValueAction, m_copyPointerAction, m_copyJsonAction });
    copyButton->setMenu(copyMenu);
    buttons->addWidget(copyButton);
    buttons->addStretch(1);
    buttons->addWidget(toolButtonFor(m_acceptAction, QStringLiteral("acceptAnywayButton"), this));
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Write the result to a file: JSON, or CSV with one header row and one row"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    exportMenu->setToolTipsVisible(true);
    exportMenu->addAction(m_exportJsonAction);
    exportMenu->addAction(m_exportCsvAction);
    m_exportButton->setMenu(exportMenu);
    buttons->addWidget(m_exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_verdict);
    layout->addWidget(m_conflicts);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    connect(m_tabs, &QTabWidget::currentChanged, this, &ResultPane::fillJsonIfShown);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &ResultPane::showTreeContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { Q_EMIT currentPointerChanged(m_model->pointerAt(current)); });

    connect(m_session, &RunSession::cleared, this, &ResultPane::clearValue);
    connect(m_session, &RunSession::stateChanged, this, &ResultPane::updateVerdict);
    connect(m_session, &RunSession::attemptStarted, this, &ResultPane::updateVerdict);
    connect(m_session, &RunSession::finished, this, &ResultPane::showFromSession);
    connect(m_session, &RunSession::accepted, this, &ResultPane::showFromSession);
    showFromSession(); // a pane made after the run still shows it
}

ResultPane::~ResultPane() = default;

void ResultPane::createActions()
{
    m_copyValueAction = new QAction(tr("Copy Value"), this);
    m_copyValueAction->setObjectName(QStringLiteral("copyValueAction"));
    m_copyValueAction->setToolTip(tr("Copy the selected value to the clipboard (a string as plain text, "
                                     "anything else as JSON)"));
    m_copyValueAction->setShortcut(QKeySequence::Copy);
    m_copyValueAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyValueAction, &QAction::triggered, this, &ResultPane::copyValue);
    m_tree->addAction(m_copyValueAction);

    m_copyPointerAction = new QAction(tr("Copy JSON Pointer"), this);
    m_copyPointerAction->setObjectName(QStringLiteral("copyPointerAction"));
    m_copyPointerAction->setToolTip(tr("Copy the path of the selected value as a JSON Pointer, e.g. /items/0/price"));
    m_copyPointerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyPointerAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyPointerAction, &QAction::triggered, this, &ResultPane::copyPointer);
    m_tree->addAction(m_copyPointerAction);

    m_copyJsonAction = new QAction(tr("Copy as JSON"), this);
    m_copyJsonAction->setObjectName(QStringLiteral("copyJsonAction"));
    m_copyJsonAction->setToolTip(tr("Copy the selected value as indented JSON text"));
    m_copyJsonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_copyJsonAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyJsonAction, &QAction::triggered, this, &ResultPane::copyJson);
    m_tree->addAction(m_copyJsonAction);

    m_acceptAction = new QAction(tr("Accept Anyway"), this);
    m_acceptAction->setObjectName(QStringLiteral("acceptAnywayAction"));
    m_acceptAction->setToolTip(tr("Use the last value of the failed run as the result; its validation "
                                  "failures stay flagged"));
    connect(m_acceptAction, &QAction::triggered, this, &ResultPane::acceptAnyway);

    m_exportJsonAction = new QAction(tr("JSON\u2026"), this);
    m_exportJsonAction->setObjectName(QStringLiteral("exportJsonAction"));
    m_exportJsonAction->setToolTip(tr("Save the result as an indented JSON file, key order kept"));
    connect(m_exportJsonAction, &QAction::triggered, this, [this] { exportWithDialog(ExportFormat::Json); });

    m_exportCsvAction = new QAction(tr("CSV (One Row)\u2026"), this);
    m_exportCsvAction->setObjectName(QStringLiteral("exportCsvAction"));
    m_exportCsvAction->setToolTip(tr("Save the result as CSV: a header row and one row, nested fields as "
                                     "dotted columns in schema order"));
    connect(m_exportCsvAction, &QAction::triggered, this, [this] { exportWithDialog(ExportFormat::Csv); });
}

bool ResultPane::hasValue() const
{
    return m_model->hasValue();
}

QString ResultPane::verdictText() const
{
    return m_verdict->text();
}

void ResultPane::showFromSession()
{
    const bool show = m_session->state() == RunSession::State::Succeeded
        || (m_session->isAccepted() && m_session->result().hasValue);
    if (show)
        showValue();
    else
        clearValue();
}

void ResultPane::showValue()
{
    const AttemptRecord *source = valueAttemptOf(*m_session);
    QList<ValidationError> errors = source && m_session->isAccepted() ? source->errors : QList<ValidationError>();
    if (const ChunkedResult *chunked = m_session->chunkedResult())
        errors = chunked->mergedErrors; // the merged value's own errors, not a chunk attempt's
    m_model->setValue(m_session->result().value, errors);
    const QModelIndex root = m_model->index(0, 0);
    m_tree->expand(root);
    m_tree->resizeColumnToContents(ResultTreeModel::KeyColumn);
    m_tree->setCurrentIndex(root);
    m_json->clear();
    m_jsonNotice->hide();
    m_jsonStale = true;
    fillJsonIfShown();
    updateVerdict();
    updateConflicts();
    updateActions();
}

// Conflicts between chunks are shown with the merged value, never hidden; so are the errors of the
// merged value against the full schema (a required member no chunk found: the chunks were not asked
// for it, chunkSchemaOf()), even when the failed run's value is not shown.
void ResultPane::updateConflicts()
{
    const ChunkedResult *chunked = m_session->chunkedResult();
    const bool conflicts = chunked && !chunked->merged.conflicts.empty() && m_model->rowCount(QModelIndex()) > 0;
    const bool errors = chunked && !chunked->mergedErrors.isEmpty();
    if (!conflicts && !errors) {
        m_conflicts->clear();
        m_conflicts->hide();
        return;
    }
    QStringList lines;
    if (errors) {
        lines.append(tr("The merged value does not match the schema (%n error(s)):", nullptr,
                        int(chunked->mergedErrors.size())));
        for (const ValidationError &error : chunked->mergedErrors)
            lines.append(QStringLiteral("\u2022 ") + error.text());
    }
    if (conflicts) {
        lines.append(tr("%n conflict(s) between chunks:", nullptr, int(chunked->merged.conflicts.size())));
        for (const MergeConflict &conflict : chunked->merged.conflicts)
            lines.append(QStringLiteral("\u2022 ") + mergeConflictText(conflict));
    }
    m_conflicts->setText(lines.join(u'\n'));
    QPalette labelPalette = palette();
    labelPalette.setColor(QPalette::WindowText, m_model->errorColor());
    m_conflicts->setPalette(labelPalette);
    m_conflicts->show();
}

void ResultPane::clearValue()
{
    m_model->clear();
    m_json->clear();
    m_json->setErrorMarks({});
    m_jsonNotice->hide();
    m_jsonStale = false;
    ++m_jsonGeneration; // a render still under way is for a value no longer shown
    updateVerdict();
    updateConflicts();
    updateActions();
}

void ResultPane::fillJsonIfShown()
{
    if (!m_jsonStale || m_tabs->currentWidget() != m_jsonPage)
        return;
    m_jsonStale = false;
    const AttemptRecord *source = m_session->isAccepted() ? valueAttemptOf(*m_session) : nullptr;
    const QList<ValidationError> errors = source ? source->errors : QList<ValidationError>();
    const std::shared_ptr<const Json> value = m_model->sharedValue();
    const quint64 generation = ++m_jsonGeneration;
    // The reply's size tells how big the value is without writing it out: small values are shown
    // at once, large ones are formatted on a worker thread so the window never waits for them.
    const AttemptRecord *origin = valueAttemptOf(*m_session);
    const bool small = origin && origin->extractedText.size() < smallValueChars;
    if (small) {
        applyJsonView(renderJsonView(value, errors));
        return;
    }
    m_json->clear();
    m_json->setErrorMarks({});
    m_json->setPlaceholderText(tr("Formatting the JSON\u2026"));
    auto *watcher = new QFutureWatcher<JsonViewText>(this);
    connect(watcher, &QFutureWatcher<JsonViewText>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_jsonGeneration)
            applyJsonView(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), &renderJsonView, value, errors));
}

ResultPane::JsonViewText ResultPane::renderJsonView(const std::shared_ptr<const Json> &value,
                                                    const QList<ValidationError> &errors)
{
    JsonViewText view;
    const QByteArray text = resultToJson(*value);
    view.totalBytes = text.size();
    // A text document of many megabytes takes seconds to lay out and highlight, so the view shows
    // whole lines up to a limit; copy and export always take the whole value.
    view.shownBytes = text.size() <= jsonViewLimitBytes
        ? text.size()
        : qMax<qsizetype>(text.lastIndexOf('\n', jsonViewLimitBytes - 1), 0) + 1;
    view.text = QString::fromUtf8(text.constData(), view.shownBytes);
    if (view.text.endsWith(u'\n'))
        view.text.chop(1); // no empty last line in the view
    if (errors.isEmpty())
        return view;

    // Underline the failing values, found in the pretty text by parsing it once more.
    const std::string_view utf8(text.constData(), std::size_t(text.size()));
    const auto parsed = parseJson(utf8);
    if (!parsed)
        return view;
    const TextPositions positions(utf8);
    for (const ValidationError &error : errors) {
        const auto range = parsed->sourceMap.valueRange(error.instancePath.toStdString());
        if (!range || range->begin >= view.shownBytes)
            continue;
        const SourceRange utf16 = positions.toUtf16(*range);
        view.marks.append({ int(utf16.begin), int(qMin(utf16.length(), view.text.size() - utf16.begin)) });
    }
    return view;
}

void ResultPane::applyJsonView(const JsonViewText &view)
{
    m_json->setPlaceholderText({});
    m_json->setPlainText(view.text);
    m_json->setErrorMarks(view.marks);
    const bool truncated = view.shownBytes < view.totalBytes;
    m_jsonNotice->setVisible(truncated);
    if (truncated) {
        const QLocale locale;
        m_jsonNotice->setText(
            tr("Showing the first %1 of %2. Copy as JSON or Export gives the whole value.")
                .arg(locale.formattedDataSize(view.shownBytes), locale.formattedDataSize(view.totalBytes)));
    }
    Q_EMIT jsonViewUpdated();
}

void ResultPane::updateVerdict()
{
    const RunResult &result = m_session->result();
    QString text;
    bool problem = false;
    if (const QString chunked = chunkedVerdictText(*m_session); !chunked.isEmpty()) {
        // A run of chunks has no one attempt its value came from.
        m_verdict->setText(chunked);
        QPalette labelPalette = palette();
        if (m_session->state() == RunSession::State::Failed)
            labelPalette.setColor(QPalette::WindowText, m_model->errorColor());
        m_verdict->setPalette(labelPalette);
        updateActions();
        return;
    }
    switch (m_session->state()) {
    case RunSession::State::Idle:
        text = tr("No result yet. Run the extraction to see the value here.");
        break;
    case RunSession::State::Running:
        text = m_session->liveAttempt() > 0
            ? tr("Running attempt %1 of %2\u2026").arg(m_session->liveAttempt()).arg(m_session->maxAttempts())
            : tr("Running\u2026");
        break;
    case RunSession::State::Succeeded:
        text = tr("Valid on attempt %1 of %2.").arg(result.valueAttempt).arg(m_session->maxAttempts());
        break;
    case RunSession::State::Failed: {
        problem = true;
        const AttemptRecord *source = valueAttemptOf(*m_session);
        const int failures = source ? int(source->errors.size()) : 0;
        if (m_session->isAccepted()) {
            text = tr("Accepted with %n failure(s): the value of attempt %1 does not match the schema; "
                      "the failing values are flagged.",
                      nullptr, failures)
                       .arg(result.valueAttempt);
        } else {
            text = result.reason == RunFailureReason::Cancelled ? tr("Cancelled: %1").arg(runFailureText(result))
                                                                : tr("Failed: %1").arg(runFailureText(result));
            if (result.hasValue) {
                text += u' '
                    + tr("Accept anyway to use the value of attempt %1 with its %n failure(s) flagged.", nullptr,
                         failures)
                          .arg(result.valueAttempt);
            }
        }
        break;
    }
    }
    m_verdict->setText(text);
    QPalette labelPalette = palette();
    if (problem)
        labelPalette.setColor(QPalette::WindowText, m_model->errorColor());
    m_verdict->setPalette(labelPalette);
    updateActions();
}

void ResultPane::updateActions()
{
    const bool value = m_model->hasValue();
    m_copyValueAction->setEnabled(value);
    m_copyPointerAction->setEnabled(value);
    m_copyJsonAction->setEnabled(value);
    m_exportButton->setEnabled(value);
    m_exportJsonAction->setEnabled(value);
    m_exportCsvAction->setEnabled(value);
    m_acceptAction->setEnabled(m_session->state() == RunSession::State::Failed && m_session->result().hasValue
                               && !m_session->isAccepted());
}

QModelIndex ResultPane::currentOrRoot() const
{
    const QModelIndex current = m_tree->currentIndex();
    return current.isValid() ? current.siblingAtColumn(ResultTreeModel::KeyColumn) : m_model->index(0, 0);
}

QString ResultPane::selectedPointer() const
{
    return m_model->pointerAt(currentOrRoot());
}

bool ResultPane::selectPointer(const QString &pointer)
{
    const QModelIndex index = m_model->indexForPointer(pointer);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void ResultPane::copyValue()
{
    const QModelIndex index = currentOrRoot();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(index.data(ResultTreeModel::ValueTextRole).toString());
}

void ResultPane::copyPointer()
{
    const QModelIndex index = currentOrRoot();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(m_model->pointerAt(index));
}

void ResultPane::copyJson()
{
    const QModelIndex index = currentOrRoot();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(index.data(ResultTreeModel::JsonTextRole).toString());
}

bool ResultPane::acceptAnyway()
{
    return m_session->acceptAnyway(); // accepted() brings the value back here
}

QByteArray ResultPane::exportBytes(ExportFormat format) const
{
    switch (format) {
    case ExportFormat::Json:
        return resultToJson(m_model->value());
    case ExportFormat::Csv: {
        const auto &schema = m_session->config().schema;
        return toCsv(flattenRows({ m_model->value() }, schema ? schema->document() : Json()));
    }
    }
    return {};
}

bool ResultPane::exportTo(const QString &path, ExportFormat format, QString *error)
{
    if (!m_model->hasValue()) {
        if (error)
            *error = tr("There is no result to export yet.");
        return false;
    }
    const QString failure = writeFileAtomically(path, exportBytes(format));
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        return false;
    }
    Q_EMIT exported(path);
    return true;
}

void ResultPane::exportWithDialog(ExportFormat format)
{
    if (m_lastExportDir.isEmpty())
        m_lastExportDir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const bool json = format == ExportFormat::Json;
    const QString suggested
        = QDir(m_lastExportDir).filePath(json ? QStringLiteral("result.json") : QStringLiteral("result.csv"));
    const QString path = QFileDialog::getSaveFileName(
        this, json ? tr("Export Result as JSON") : tr("Export Result as CSV"), suggested,
        json ? tr("JSON files (*.json);;All files (*)") : tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastExportDir = QFileInfo(path).absolutePath();
    QString error;
    if (!exportTo(path, format, &error))
        QMessageBox::warning(this, tr("Export Failed"), error);
}

void ResultPane::showTreeContextMenu(const QPoint &position)
{
    if (!m_model->hasValue())
        return;
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addAction(m_copyValueAction);
    menu.addAction(m_copyPointerAction);
    menu.addAction(m_copyJsonAction);
    menu.addSeparator();
    menu.addAction(m_exportJsonAction);
    menu.addAction(m_exportCsvAction);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

void ResultPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        m_model->setPalette(palette());
        updateVerdict();
    }
}

} // namespace Ui
} // namespace Formwork
