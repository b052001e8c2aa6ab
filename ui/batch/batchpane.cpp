// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/batchpane.h"

#include "batch/batchfilterproxy.h"
#include "batch/batchresultsmodel.h"
#include "batch/batchrunner.h"
#include "batch/comparisonmodel.h"
#include "batch/comparisonrunner.h"
#include "common/backgroundwork.h"
#include "documents/documenttext.h"
#include "export/rowexport.h"
#include "grounding/grounder.h"
#include "picker/serverconnection.h"
#include "store/historydatabase.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QSet>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <utility>

namespace Formwork {
namespace Ui {

BatchPane::BatchPane(QWidget *parent)
    : QWidget(parent)
    , m_historyPath(HistoryDatabase::defaultPath())
    , m_network(new QNetworkAccessManager(this))
    , m_inputEdit(new QLineEdit(this))
    , m_expectedEdit(new QLineEdit(this))
    , m_concurrency(new QSpinBox(this))
    , m_filter(new QComboBox(this))
    , m_progressBar(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_message(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableView(this))
    , m_variantModels(new QListWidget(this))
    , m_variantPrompt(new QLineEdit(this))
    , m_variantCount(new QLabel(this))
    , m_comparisonTable(new QTableView(this))
    , m_comparisonModel(new ComparisonModel(this))
    , m_model(new BatchResultsModel(this))
    , m_proxy(new BatchFilterProxy(this))
    , m_openRowAction(new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Row in Timeline"), this))
{
    createActions();
    m_inputEdit->setObjectName(QStringLiteral("batchInputEdit"));
    m_inputEdit->setPlaceholderText(tr("rows.csv, rows.jsonl or a folder of documents (.txt, .md, .pdf, .html)"));
    m_expectedEdit->setObjectName(QStringLiteral("batchExpectedEdit"));
    m_expectedEdit->setPlaceholderText(tr("optional: a column with the expected JSON"));
    m_concurrency->setObjectName(QStringLiteral("batchConcurrencySpin"));
    m_concurrency->setRange(1, 64);
    m_concurrency->setToolTip(tr("Rows sent at once (a local Ollama serializes unless OLLAMA_NUM_PARALLEL is set)"));
    m_filter->setObjectName(QStringLiteral("batchFilterCombo"));
    m_filter->addItem(tr("All rows"), int(BatchFilterProxy::Filter::All));
    m_filter->addItem(tr("Failed"), int(BatchFilterProxy::Filter::Failed));
    m_filter->addItem(tr("Retried"), int(BatchFilterProxy::Filter::Retried));
    m_filter->addItem(tr("Disagreeing with expected"), int(BatchFilterProxy::Filter::Disagreeing));
    m_filter->setToolTip(tr("Show every row, the failed ones, the ones that needed reasks, or the ones whose "
                            "result differs from the expected value"));
    m_progressBar->setObjectName(QStringLiteral("batchProgressBar"));
    m_progressLabel->setObjectName(QStringLiteral("batchProgressLabel"));
    m_message->setObjectName(QStringLiteral("batchMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("batchTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide(); // the Row column names each row
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->addAction(m_openRowAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_table, &QTableView::doubleClicked, m_openRowAction, &QAction::trigger);

    // Buttons that mirror the actions (text, tooltip, enabled and checked state).
    const auto button = [this](QAction *action, const QString &name) {
        auto *b = new QToolButton(this);
        b->setObjectName(name);
        b->setDefaultAction(action);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        return b;
    };
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_inputEdit, 1);
    inputRow->addWidget(button(m_chooseFileAction, QStringLiteral("batchChooseFileButton")));
    inputRow->addWidget(button(m_chooseFolderAction, QStringLiteral("batchChooseFolderButton")));
    // Labels of rows that hold a layout need their buddy set by hand for the mnemonic to work.
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(m_expectedEdit, 1);
    optionsRow->addWidget(label(tr("Rows at &once:"), m_concurrency));
    optionsRow->addWidget(m_concurrency);
    auto *form = new QFormLayout;
    form->addRow(label(tr("&Input:"), m_inputEdit), inputRow);
    form->addRow(label(tr("&Expected column:"), m_expectedEdit), optionsRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(button(m_runAction, QStringLiteral("batchRunButton")));
    buttons->addWidget(button(m_pauseAction, QStringLiteral("batchPauseButton")));
    buttons->addWidget(button(m_resumeAction, QStringLiteral("batchResumeButton")));
    buttons->addWidget(button(m_cancelAction, QStringLiteral("batchCancelButton")));
    buttons->addWidget(button(m_rerunAction, QStringLiteral("batchRerunFailedButton")));
    buttons->addWidget(button(m_exportAction, QStringLiteral("batchExportButton")));
    buttons->addStretch(1);
    buttons->addWidget(m_filter);

    auto *rowsTab = new QWidget(this);
    auto *rowsLayout = new QVBoxLayout(rowsTab);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addLayout(buttons);
    rowsLayout->addWidget(m_table, 1);
    m_tabs->setObjectName(QStringLiteral("batchTabs"));
    m_tabs->addTab(rowsTab, tr("&Rows"));
    m_tabs->addTab(createComparisonTab(), tr("&Comparison"));
    m_tabs->setDocumentMode(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_progressLabel);
    m_checksLabel = new QLabel(this);
    m_checksLabel->setObjectName(QStringLiteral("batchCheckFailuresLabel"));
    m_checksLabel->setWordWrap(true);
    m_checksLabel->setToolTip(tr("How many finished rows failed each named check (hard, and soft apart), rows "
                                 "resumed from the history included"));
    m_checksLabel->hide();
    layout->addWidget(m_checksLabel);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);

    connect(m_filter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setFilter(BatchFilterProxy::Filter(m_filter->currentData().toInt())); });
    updateButtons();
}

void BatchPane::createActions()
{
    const auto make = [this](const char *icon, const QString &text, const QString &name, const QString &tip) {
        auto *action = new QAction(QIcon::fromTheme(QLatin1String(icon)), text, this);
        action->setObjectName(name);
        action->setToolTip(tip);
        return action;
    };
    m_runAction = make("media-playback-start", tr("Run &Batch"), QStringLiteral("actionBatchRun"),
                       tr("Run every row of the input through the current schema, prompt and model (Ctrl+Shift+B)"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    connect(m_runAction, &QAction::triggered, this, &BatchPane::startBatch);
    m_pauseAction = make("media-playback-pause", tr("&Pause Batch"), QStringLiteral("actionBatchPause"),
                         tr("Send no new rows of the batch or the comparison until resumed; rows under way finish"));
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, this, &BatchPane::setPaused);
    m_resumeAction
        = make("media-seek-forward", tr("Res&ume Batch"), QStringLiteral("actionBatchResume"),
               tr("Go on after a pause, or run what a cancelled batch or comparison did not finish (finished "
                  "rows are not sent again)"));
    connect(m_resumeAction, &QAction::triggered, this, &BatchPane::resumeBatch);
    m_cancelAction = make("process-stop", tr("&Cancel Batch"), QStringLiteral("actionBatchCancel"),
                          tr("Stop the batch or the comparison; finished rows stay in the grid and the history "
                             "(Resume Batch goes on)"));
    connect(m_cancelAction, &QAction::triggered, this, &BatchPane::cancelBatch);
    m_rerunAction = make("view-refresh", tr("Re-run &Failed Rows"), QStringLiteral("actionBatchRerunFailed"),
                         tr("Run the invalid and failed rows of the grid again"));
    connect(m_rerunAction, &QAction::triggered, this, &BatchPane::rerunFailed);
    m_exportAction = make("document-save-as", tr("&Export Batch Results..."), QStringLiteral("actionBatchExport"),
                          tr("Save the valid rows as CSV, JSONL or JSON, each with its row id"));
    connect(m_exportAction, &QAction::triggered, this, &BatchPane::chooseExport);
    m_chooseFileAction = make("document-open", tr("Choose Batch &Input File..."),
                              QStringLiteral("actionBatchChooseInputFile"), tr("Choose a CSV or JSONL file of rows"));
    m_chooseFileAction->setIconText(tr("File..."));
    connect(m_chooseFileAction, &QAction::triggered, this, &BatchPane::chooseFile);
    m_chooseFolderAction
        = make("folder-open", tr("Choose Batch Input &Folder..."), QStringLiteral("actionBatchChooseInputFolder"),
               tr("Choose a folder of documents: .txt, .md, .pdf and .html files ({{text}} and {{filename}})"));
    m_chooseFolderAction->setIconText(tr("Folder..."));
    connect(m_chooseFolderAction, &QAction::triggered, this, &BatchPane::chooseFolder);
    m_compareAction = make("view-statistics", tr("C&ompare Variants"), QStringLiteral("actionBatchCompare"),
                           tr("Run the input once per variant checked in the Comparison tab (models × modes) and "
                              "show their figures side by side"));
    connect(m_compareAction, &QAction::triggered, this, [this] {
        showComparison();
        startComparison();
    });

    // Drill-down: a row's attempts in the Attempts pane (Return, double-click or the context menu).
    m_openRowAction->setObjectName(QStringLiteral("actionBatchOpenRowInTimeline"));
    m_openRowAction->setShortcut(QKeySequence(Qt::Key_Return));
    m_openRowAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openRowAction->setToolTip(tr("Show the selected row's attempts in the Attempts pane: every request, reply "
                                   "and error, read-only (Return or double-click)"));
    connect(m_openRowAction, &QAction::triggered, this, &BatchPane::openCurrentRow);
}

// The Comparison tab: which variants, then the grid of their figures.
QWidget *BatchPane::createComparisonTab()
{
    auto *tab = new QWidget(this);
    m_variantModels->setObjectName(QStringLiteral("batchVariantModelList"));
    m_variantModels->setToolTip(tr("The models to compare (from the Model pane's server)"));
    connect(m_variantModels, &QListWidget::itemChanged, this, &BatchPane::updateVariantCount);
    auto *modes = new QGridLayout;
    for (const ExtractionMode mode :
         { ExtractionMode::Schema, ExtractionMode::Json, ExtractionMode::MdJson, ExtractionMode::Tools }) {
        auto *box = new QCheckBox(extractionModeName(mode), this);
        box->setObjectName(QStringLiteral("batchVariantMode_%1").arg(extractionModeName(mode)));
        box->setProperty("mode", int(mode));
        box->setToolTip(tr("Compare the %1 mode").arg(extractionModeName(mode)));
        connect(box, &QCheckBox::toggled, this, &BatchPane::updateVariantCount);
        modes->addWidget(box, int(m_variantModes.size()) / 2, int(m_variantModes.size()) % 2);
        m_variantModes.append(box);
    }
    m_variantPrompt->setObjectName(QStringLiteral("batchVariantPromptEdit"));
    m_variantPrompt->setPlaceholderText(tr("optional: another user prompt"));
    m_variantPrompt->setToolTip(tr("When given, every model and mode also runs with this user prompt instead of the "
                                   "window's, as a variant of its own"));
    m_variantPrompt->setClearButtonEnabled(true);
    connect(m_variantPrompt, &QLineEdit::textChanged, this, &BatchPane::updateVariantCount);
    m_variantCount->setObjectName(QStringLiteral("batchVariantCountLabel"));
    m_variantCount->setWordWrap(true);
    auto *compare = new QToolButton(this);
    compare->setObjectName(QStringLiteral("batchCompareButton"));
    compare->setDefaultAction(m_compareAction);
    compare->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *cancel = new QToolButton(this);
    cancel->setObjectName(QStringLiteral("batchCompareCancelButton"));
    cancel->setDefaultAction(m_cancelAction);
    cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *form = new QFormLayout;
    form->addRow(tr("&Models:"), m_variantModels);
    auto *modesLabel = new QLabel(tr("Mo&des:"), this);
    modesLabel->setBuddy(m_variantModes.constFirst());
    form->addRow(modesLabel, modes);
    form->addRow(tr("Second &prompt:"), m_variantPrompt);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(compare);
    buttons->addWidget(cancel);
    buttons->addStretch(1);
    form->addRow(m_variantCount);
    form->addRow(buttons);
    auto *picker = new QWidget(this);
    picker->setLayout(form);
    picker->setMaximumWidth(picker->fontMetrics().averageCharWidth() * 60);
    m_variantModels->setMaximumHeight(m_variantModels->fontMetrics().height() * 7);

    m_comparisonTable->setObjectName(QStringLiteral("batchComparisonTable"));
    m_comparisonTable->setModel(m_comparisonModel);
    m_comparisonTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_comparisonTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_comparisonTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *layout = new QHBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(picker);
    layout->addWidget(m_comparisonTable, 1);
    updateVariantCount();
    return tab;
}

void BatchPane::populateMenu(QMenu *menu) const
{
    menu->addAction(m_chooseFileAction);
    menu->addAction(m_chooseFolderAction);
    menu->addSeparator();
    menu->addAction(m_runAction);
    menu->addAction(m_pauseAction);
    menu->addAction(m_resumeAction);
    menu->addAction(m_cancelAction);
    menu->addAction(m_rerunAction);
    menu->addSeparator();
    menu->addAction(m_compareAction);
    menu->addSeparator();
    menu->addAction(m_openRowAction);
    menu->addAction(m_exportAction);
}

BatchPane::~BatchPane()
{
    delete m_runner; // before the history it writes to
}

void BatchPane::setInputPath(const QString &path)
{
    m_inputEdit->setText(QDir::toNativeSeparators(path));
}

QString BatchPane::message() const
{
    return m_message->text();
}

void BatchPane::showMessage(const QString &text)
{
    m_message->setText(text);
}

bool BatchPane::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

bool BatchPane::isComparing() const
{
    return !m_comparison.isNull();
}

bool BatchPane::isBusy() const
{
    return m_reading || m_waitingForServer || isRunning() || isComparing();
}

bool BatchPane::startBatch()
{
    return readInputThen([this](const BatchInput &input) {
        QList<int> indexes;
        for (qsizetype i = 0; i < input.rows.size(); ++i)
            indexes.append(int(i));
        const BatchInput previous = m_input;
        m_input = input;
        if (!run(input, indexes))
            m_input = previous;
    });
}

bool BatchPane::readInputThen(InputHandler then)
{
    if (isBusy())
        return false;
    if (m_readyGate && !m_readyGate([this, then] { readInputThen(then); })) {
        showMessage(tr("Checking the schema; the batch starts when it is checked."));
        return true;
    }
    // The settings first: a missing model is said at once, before a big file is read.
    if (!m_provider)
        return refuse(tr("The batch has nothing to run with."));
    if (auto config = m_provider(); !config)
        return refuse(config.error());
    const QString path = QDir::fromNativeSeparators(m_inputEdit->text().trimmed());
    if (path.isEmpty())
        return refuse(tr("Choose an input file or folder first."));
    BatchInputOptions options;
    options.expectedColumn = m_expectedEdit->text().trimmed();
    options.documents = documentReaderForBatches(); // a folder may hold PDFs and HTML pages
    // From the reading thread: queued to the pane, which may be gone by then (QPointer).
    QPointer<QProgressBar> bar = m_progressBar;
    QPointer<QLabel> label = m_progressLabel;
    const QString name = QFileInfo(path).fileName();
    options.progress = [bar, label, name](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(bar, [bar, label, name, done, total] {
            if (!bar || !label)
                return;
            bar->setRange(0, 1000);
            bar->setValue(total > 0 ? int(done * 1000 / total) : 0);
            label->setText(tr("Reading %1: %2 of %3 KB").arg(name).arg(done / 1024).arg(total / 1024));
        });
    };
    m_reading = true;
    showMessage(QString());
    m_progressBar->setRange(0, 0); // busy until the first block
    m_progressLabel->setText(tr("Reading %1...").arg(name));
    updateButtons();
    auto *watcher = new QFutureWatcher<Result<BatchInput, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, then = std::move(then)] {
        watcher->deleteLater();
        onInputRead(watcher->result(), then);
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [path, options] { return readBatchInput(path, options); }));
    return true;
}

void BatchPane::onInputRead(const Result<BatchInput, QString> &input, const InputHandler &then)
{
    m_reading = false;
    m_progressBar->setRange(0, 1);
    m_progressBar->setValue(0);
    m_progressLabel->clear();
    updateButtons();
    if (!input) {
        refuse(input.error());
        return;
    }
    if (input->rows.isEmpty()) {
        refuse(tr("The input has no rows."));
        return;
    }
    // The server was probed while the input was read; a batch rarely waits here.
    whenServerKnown([then, rows = *input] { then(rows); });
}

// The same wait as a single run (ServerConnection::whenServerKnown): the request dialect depends
// on what answers. Cancel while waiting drops `then`.
void BatchPane::whenServerKnown(std::function<void()> then)
{
    if (!m_connection) {
        then();
        return;
    }
    m_waitingForServer = true;
    m_progressLabel->setText(tr("Asking the server what it is..."));
    updateButtons();
    m_connection->whenServerKnown(this, [this, then = std::move(then)] {
        if (!std::exchange(m_waitingForServer, false))
            return;
        m_progressLabel->clear();
        updateButtons();
        then();
    });
}

std::optional<BatchConfig> BatchPane::configOrRefuse(const BatchInput &input)
{
    if (!m_provider) {
        refuse(tr("The batch has nothing to run with."));
        return std::nullopt;
    }
    auto config = m_provider();
    if (!config) {
        refuse(config.error());
        return std::nullopt;
    }
    // The prompt's variables must all come from the input's columns.
    const QStringList used = templateVariableNames(config->prompt.systemPrompt + u'\n' + config->prompt.userPrompt);
    for (const QString &name : used) {
        if (!input.columns.contains(name)) {
            refuse(tr("The prompt uses {{%1}} but the input has no such column (it has: %2).")
                       .arg(name, input.columns.join(QStringLiteral(", "))));
            return std::nullopt;
        }
    }
    for (BatchEndpoint &endpoint : config->endpoints)
        endpoint.concurrency = m_concurrency->value();
    if (m_connection)
        m_connection->applyServerInfo(config->server, config->modelInfo);
    return std::move(config).value();
}

bool BatchPane::refuse(const QString &message)
{
    showMessage(message);
    Q_EMIT batchRefused(message);
    return false;
}

bool BatchPane::rerunFailed()
{
    if (isBusy())
        return false;
    BatchInput failed = m_input;
    failed.rows.clear();
    QList<int> indexes;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const BatchRowStatus status = m_model->rowResult(i).status;
        if (status == BatchRowStatus::Invalid || status == BatchRowStatus::Error) {
            failed.rows.append(m_input.rows.at(i));
            indexes.append(i);
        }
    }
    if (failed.rows.isEmpty()) {
        showMessage(tr("No failed rows to run again."));
        return false;
    }
    whenServerKnown([this, failed, indexes] { run(failed, indexes); });
    return true;
}

QList<int> BatchPane::unfinishedRows() const
{
    QList<int> rows;
    if (m_model->rowCount() != m_input.rows.size())
        return rows;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const BatchRowStatus status = m_model->rowResult(i).status;
        if (status == BatchRowStatus::Pending || status == BatchRowStatus::Running
            || status == BatchRowStatus::Cancelled)
            rows.append(i);
    }
    return rows;
}

bool BatchPane::resumeBatch()
{
    if (isPaused()) {
        setPaused(false);
        return true;
    }
    if (isBusy())
        return false;
    const QList<int> indexes = unfinishedRows();
    if (m_comparisonResumable && (m_tabs->currentIndex() == 1 || indexes.isEmpty()))
        return resumeComparison();
    if (indexes.isEmpty()) {
        showMessage(tr("Every row has run; nothing to resume."));
        return false;
    }
    BatchInput rest = m_input;
    rest.rows.clear();
    for (const int i : indexes)
        rest.rows.append(m_input.rows.at(i));
    whenServerKnown([this, rest, indexes] { run(rest, indexes, true); });
    return true;
}

bool BatchPane::run(const BatchInput &input, const QList<int> &indexes, bool sameBatch)
{
    std::optional<BatchConfig> config = configOrRefuse(input);
    if (!config)
        return false;
    m_schema = config->schema ? config->schema->document() : nlohmann::ordered_json();
    if (indexes.size() == m_input.rows.size() && !sameBatch)
        m_model->reset(m_input, m_schema);
    m_indexes = indexes;

    showMessage(QString());
    openHistory();
    delete m_runner;
    m_runner = new BatchRunner(m_network, *config, input, this);
    if (m_history) {
        if (!sameBatch || m_batchId <= 0) {
            StoredBatch batch;
            batch.inputPath = QFileInfo(input.path).absoluteFilePath();
            batch.inputFingerprint = input.fingerprint;
            batch.model = config->model;
            batch.mode = extractionModeName(config->prompt.mode);
            batch.schemaJson = QString::fromStdString(m_schema.dump());
            batch.rowCount = int(input.rows.size());
            m_batchId = m_history->createBatch(batch);
        }
        if (m_batchId > 0)
            m_runner->setHistory(m_history.get(), m_batchId);
    }
    connect(m_runner, &BatchRunner::rowStarted, this, [this](int row, const QString &) {
        BatchRowResult r = m_model->rowResult(m_indexes.at(row));
        r.status = BatchRowStatus::Running;
        m_model->updateRow(r);
    });
    connect(m_runner, &BatchRunner::rowFinished, this, [this](const BatchRowResult &row) {
        BatchRowResult mapped = row;
        mapped.index = m_indexes.at(row.index);
        m_model->updateRow(mapped);
        groundRow(mapped);
    });
    connect(m_runner, &BatchRunner::progressChanged, this, &BatchPane::onProgress);
    connect(m_runner, &BatchRunner::endpointTakenOut, this, [this](const QString &endpoint, const QString &reason) {
        showMessage(tr("%1 taken out: %2").arg(endpoint, reason));
    });
    connect(m_runner, &BatchRunner::finished, this, [this](const BatchSummary &summary) {
        if (summary.outcome != BatchSummary::Outcome::Finished && !summary.message.isEmpty())
            showMessage(summary.message);
        if (m_history && m_batchId > 0)
            m_history->setBatchStatus(m_batchId,
                                      summary.outcome == BatchSummary::Outcome::Finished ? QStringLiteral("finished")
                                                                                         : QStringLiteral("stopped"));
        m_pauseAction->setChecked(false);
        fitColumns();
        updateButtons();
        Q_EMIT batchFinished(summary);
    });
    m_runner->start();
    updateButtons();
    return true;
}

bool BatchPane::openHistory()
{
    if (!m_history && !m_historyPath.isEmpty()) {
        m_history = std::make_unique<HistoryDatabase>();
        if (const QString problem = m_history->open(m_historyPath); !problem.isEmpty()) {
            m_history.reset();
            showMessage(tr("%1 The batch runs without a history.").arg(problem));
        }
    }
    return m_history != nullptr;
}

bool BatchPane::openCurrentRow()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        showMessage(tr("Select a row to open."));
        return false;
    }
    const BatchRowResult &row = m_model->rowResult(current.row());
    if (row.runId == 0 || !m_history) {
        showMessage(row.status == BatchRowStatus::Pending
                        ? tr("Row %1 has not run yet.").arg(row.rowId)
                        : tr("Row %1 was not stored in the history, so its attempts cannot be shown.").arg(row.rowId));
        return false;
    }
    const std::optional<StoredRun> run = m_history->run(row.runId);
    if (!run) {
        showMessage(tr("The run of row %1 is no longer in the history.").arg(row.rowId));
        return false;
    }
    Q_EMIT storedRunOpened(*run);
    return true;
}

void BatchPane::cancelBatch()
{
    m_waitingForServer = false;
    if (m_runner)
        m_runner->cancel();
    if (m_comparison)
        m_comparison->cancel();
    updateButtons();
}

bool BatchPane::isPaused() const
{
    return (isRunning() && m_runner->isPaused()) || (isComparing() && m_comparison->isPaused());
}

void BatchPane::setPaused(bool paused)
{
    if (m_runner) {
        if (paused)
            m_runner->pause();
        else
            m_runner->resume();
    }
    if (m_comparison) {
        if (paused)
            m_comparison->pause();
        else
            m_comparison->resume();
    }
    if (m_pauseAction->isChecked() != paused)
        m_pauseAction->setChecked(paused);
    updateButtons();
}

void BatchPane::onProgress(const BatchProgress &p)
{
    m_progressBar->setRange(0, std::max(1, p.total));
    m_progressBar->setValue(p.done);
    QString text = batchProgressText(p);
    if (p.paused)
        text += tr(" (paused)");
    m_progressLabel->setText(text);
    const QString checks = m_runner ? checkFailureCountsText(m_runner->checkFailureCounts()) : QString();
    m_checksLabel->setText(checks);
    m_checksLabel->setVisible(!checks.isEmpty());
}

// Issue 13: a valid row's values looked for in its input text (its variables' values), off the
// GUI thread; the field headers show the share found.
void BatchPane::groundRow(const BatchRowResult &row)
{
    if (row.status != BatchRowStatus::Valid || !row.hasValue || row.index >= m_input.rows.size())
        return;
    QStringList texts;
    for (const PromptVariable &variable : m_input.rows.at(row.index).variables)
        texts.append(variable.value);
    QString document = texts.join(QStringLiteral("\n\n"));
    if (document.trimmed().isEmpty())
        return;
    const quint64 generation = m_model->rowGeneration(row.index);
    auto *watcher = new QFutureWatcher<BatchResultsModel::RowGrounding>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, index = row.index, generation] {
        watcher->deleteLater();
        m_model->setRowGrounding(index, generation, watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run(backgroundPool(), [document = std::move(document), value = row.value, schema = m_schema] {
            GroundingOptions options;
            options.scope = GroundingScope(schema);
            Grounder grounder(document, options);
            BatchResultsModel::RowGrounding fields;
            const Grounding grounding = grounder.ground(value);
            for (const GroundedValue &v : grounding.values()) {
                // "/name/0" belongs to "name": the pointer's first token, unescaped by the JSON library.
                auto pointer = nlohmann::ordered_json::json_pointer(v.pointer);
                if (pointer.empty())
                    continue;
                while (!pointer.parent_pointer().empty())
                    pointer = pointer.parent_pointer();
                BatchResultsModel::FieldGrounding &f = fields[pointer.back()];
                ++f.total;
                f.grounded += v.isGrounded() ? 1 : 0;
            }
            return fields;
        }));
}

// Columns as wide as their values once they are known, but no wider than about 40 characters.
void BatchPane::fitColumns()
{
    const int widest = m_table->fontMetrics().averageCharWidth() * 40;
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_proxy->columnCount(); ++column)
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), widest));
}

// Every action follows the state: what runs, whether it is paused, what the grid holds.
void BatchPane::updateButtons()
{
    const bool busy = isBusy();
    const bool hasRows = m_model->rowCount() > 0;
    m_runAction->setEnabled(!busy);
    m_pauseAction->setEnabled(isRunning() || isComparing());
    m_resumeAction->setEnabled(isPaused() || (!busy && (!unfinishedRows().isEmpty() || m_comparisonResumable)));
    m_cancelAction->setEnabled(m_waitingForServer || isRunning() || isComparing());
    m_rerunAction->setEnabled(!busy && hasRows);
    m_exportAction->setEnabled(!busy && hasRows);
    m_compareAction->setEnabled(!busy && !selectedVariants().isEmpty());
    m_chooseFileAction->setEnabled(!busy);
    m_chooseFolderAction->setEnabled(!busy);
}

void BatchPane::setModelNames(const QStringList &names)
{
    QSet<QString> checked;
    for (int i = 0; i < m_variantModels->count(); ++i) {
        if (m_variantModels->item(i)->checkState() == Qt::Checked)
            checked.insert(m_variantModels->item(i)->text());
    }
    const QSignalBlocker blocker(m_variantModels);
    m_variantModels->clear();
    for (const QString &name : names) {
        auto *item = new QListWidgetItem(name, m_variantModels);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    updateVariantCount();
}

QList<BatchVariant> BatchPane::selectedVariants() const
{
    QStringList prompts { QString() };
    if (const QString second = m_variantPrompt->text().trimmed(); !second.isEmpty())
        prompts.append(second);
    QList<BatchVariant> variants;
    for (int i = 0; i < m_variantModels->count(); ++i) {
        if (m_variantModels->item(i)->checkState() != Qt::Checked)
            continue;
        for (const QCheckBox *box : m_variantModes) {
            if (!box->isChecked())
                continue;
            for (qsizetype p = 0; p < prompts.size(); ++p) {
                BatchVariant variant;
                variant.model = m_variantModels->item(i)->text();
                variant.mode = ExtractionMode(box->property("mode").toInt());
                if (p > 0) {
                    variant.userPrompt = prompts.at(p);
                    variant.promptName = tr("prompt 2"); // "model / mode / prompt 2"
                }
                if (m_modelLookup)
                    variant.modelInfo = m_modelLookup(variant.model);
                variants.append(variant);
            }
        }
    }
    return variants;
}

void BatchPane::checkVariant(const QString &model, ExtractionMode mode)
{
    QList<QListWidgetItem *> items = m_variantModels->findItems(model, Qt::MatchExactly);
    if (items.isEmpty()) {
        auto *item = new QListWidgetItem(model, m_variantModels);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        items.append(item);
    }
    items.first()->setCheckState(Qt::Checked);
    for (QCheckBox *box : std::as_const(m_variantModes)) {
        if (ExtractionMode(box->property("mode").toInt()) == mode)
            box->setChecked(true);
    }
    updateVariantCount();
}

void BatchPane::updateVariantCount()
{
    const qsizetype count = selectedVariants().size();
    m_variantCount->setText(count == 0 ? tr("Check at least one model and one mode.")
                                       : tr("%n variant(s), each over every row of the input.", nullptr, int(count)));
    if (m_compareAction)
        m_compareAction->setEnabled(!isBusy() && count > 0);
}

void BatchPane::showComparison()
{
    m_tabs->setCurrentIndex(1);
}

bool BatchPane::startComparison()
{
    const QList<BatchVariant> variants = selectedVariants();
    if (variants.isEmpty())
        return refuse(tr("Check at least one model and one mode in the Comparison tab."));
    return readInputThen([this, variants](const BatchInput &input) { runComparison(input, variants); });
}

bool BatchPane::resumeComparison()
{
    if (isBusy() || !m_comparisonResumable || !m_comparisonRun) {
        if (!isBusy())
            showMessage(tr("No stopped comparison to resume."));
        return false;
    }
    showComparison();
    const ComparisonRun previous = *m_comparisonRun;
    whenServerKnown([this, previous] { runComparison(previous.input, previous.variants, previous.batchIds); });
    return true;
}

// One history batch per variant, recorded like a batch's rows (0 for each without a history).
QList<qint64> BatchPane::createComparisonBatches(const BatchInput &input, const QList<BatchVariant> &variants)
{
    QList<qint64> ids;
    const bool stored = openHistory();
    for (const BatchVariant &variant : variants) {
        if (!stored) {
            ids.append(0);
            continue;
        }
        StoredBatch batch;
        batch.inputPath = QFileInfo(input.path).absoluteFilePath();
        batch.inputFingerprint = input.fingerprint;
        batch.outPath = comparisonBatchKey(input.path, variant, variant.userPrompt ? variant.promptName : QString());
        batch.model = variant.model;
        batch.mode = extractionModeName(variant.mode);
        batch.schemaJson = QString::fromStdString(m_schema.dump());
        batch.rowCount = int(input.rows.size());
        ids.append(m_history->createBatch(batch));
    }
    return ids;
}

void BatchPane::runComparison(const BatchInput &input, const QList<BatchVariant> &variants, QList<qint64> batchIds)
{
    std::optional<BatchConfig> config = configOrRefuse(input);
    if (!config)
        return;
    // A second prompt may name a variable the input lacks: say so before anything is sent.
    for (const BatchVariant &variant : variants) {
        if (!variant.userPrompt)
            continue;
        for (const QString &name : templateVariableNames(*variant.userPrompt)) {
            if (!input.columns.contains(name)) {
                refuse(tr("The second prompt uses {{%1}} but the input has no such column (it has: %2).")
                           .arg(name, input.columns.join(QStringLiteral(", "))));
                return;
            }
        }
    }
    showMessage(QString());
    m_schema = config->schema ? config->schema->document() : nlohmann::ordered_json();
    if (batchIds.isEmpty())
        batchIds = createComparisonBatches(input, variants);
    m_comparisonRun = ComparisonRun { input, variants, batchIds };
    m_comparisonResumable = false;
    m_comparisonModel->reset(variants);
    auto *runner = new ComparisonRunner(m_network, *config, input, variants, this);
    m_comparison = runner;
    if (m_history)
        runner->setHistory(m_history.get(), batchIds);
    const qsizetype rows = input.rows.size();
    const auto total = int(std::min<qint64>(qint64(rows) * variants.size(), std::numeric_limits<int>::max()));
    m_progressBar->setRange(0, std::max(1, total));
    m_progressBar->setValue(0);
    connect(runner, &ComparisonRunner::progressChanged, this,
            [this, variants, rows](int index, const BatchProgress &p) {
                m_comparisonModel->setRunning(index, p);
                m_progressBar->setValue(int(index * rows + p.done));
                QString text = tr("Variant %1 of %2 (%3): %4/%5 rows")
                                   .arg(index + 1)
                                   .arg(variants.size())
                                   .arg(variants.at(index).displayName())
                                   .arg(p.done)
                                   .arg(p.total);
                if (p.paused)
                    text += tr(" (paused)");
                m_progressLabel->setText(text);
            });
    connect(runner, &ComparisonRunner::variantStarted, this,
            [this](int index) { m_comparisonModel->setRunning(index, BatchProgress {}); });
    connect(runner, &ComparisonRunner::variantFinished, m_comparisonModel, &ComparisonModel::setStats);
    connect(runner, &ComparisonRunner::pausedChanged, this, &BatchPane::updateButtons);
    connect(runner, &ComparisonRunner::historyError, this, &BatchPane::showMessage);
    connect(runner, &ComparisonRunner::finished, this, [this, runner](const QList<VariantStats> &grid) {
        runner->deleteLater();
        m_comparison = nullptr;
        onComparisonFinished(grid);
    });
    runner->start();
    updateButtons();
}

void BatchPane::onComparisonFinished(const QList<VariantStats> &grid)
{
    const qsizetype variants = m_comparisonRun ? m_comparisonRun->variants.size() : grid.size();
    const auto complete = qsizetype(std::count_if(grid.cbegin(), grid.cend(), [](const VariantStats &s) {
        return s.outcome == BatchSummary::Outcome::Finished;
    }));
    const bool whole = complete == variants && grid.size() == variants;
    const QList<qint64> ids = m_comparisonRun ? m_comparisonRun->batchIds : QList<qint64>();
    const bool stored = m_history && std::any_of(ids.cbegin(), ids.cend(), [](qint64 id) { return id > 0; });
    for (const qint64 id : ids) {
        if (m_history && id > 0)
            m_history->setBatchStatus(id, whole ? QStringLiteral("finished") : QStringLiteral("stopped"));
    }
    m_comparisonResumable = !whole && stored;
    if (!whole)
        showMessage(m_comparisonResumable
                        ? tr("The comparison stopped: %1 of %2 variants ran to the end (Resume Batch goes on).")
                              .arg(complete)
                              .arg(variants)
                        : tr("The comparison stopped: %1 of %2 variants ran to the end.").arg(complete).arg(variants));
    m_progressLabel->setText(tr("Comparison of %n variant(s) done.", nullptr, int(grid.size())));
    m_pauseAction->setChecked(false);
    updateButtons();
    Q_EMIT comparisonFinished();
}

QString BatchPane::exportTo(const QString &path) const
{
    QList<ExportRow> rows;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const BatchRowResult &row = m_model->rowResult(i);
        if (row.status == BatchRowStatus::Valid)
            rows.append(ExportRow { row.rowId, row.value });
    }
    return writeRows(path, rows, m_schema);
}

void BatchPane::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Batch Input"), m_inputEdit->text(),
                                                      tr("Rows (*.csv *.jsonl *.ndjson)"));
    if (!path.isEmpty())
        setInputPath(path);
}

void BatchPane::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Folder of Documents"), m_inputEdit->text());
    if (!path.isEmpty())
        setInputPath(path);
}

void BatchPane::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Batch Results"), QString(),
                                                      tr("CSV (*.csv);;JSON Lines (*.jsonl);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    const QString error = exportTo(path);
    showMessage(error.isEmpty() ? tr("Saved %1.").arg(QDir::toNativeSeparators(path)) : error);
}

} // namespace Ui
} // namespace Formwork
