// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/batchpane.h"

#include "batch/batchfilterproxy.h"
#include "batch/batchresultsmodel.h"
#include "batch/batchrunner.h"
#include "export/rowexport.h"
#include "store/historydatabase.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Formwork {
namespace Ui {

BatchPane::BatchPane(QWidget *parent)
    : QWidget(parent)
    , m_historyPath(HistoryDatabase::defaultPath())
    , m_network(new QNetworkAccessManager(this))
    , m_inputEdit(new QLineEdit(this))
    , m_expectedEdit(new QLineEdit(this))
    , m_concurrency(new QSpinBox(this))
    , m_runButton(new QPushButton(tr("Run Batch"), this))
    , m_pauseButton(new QPushButton(tr("Pause"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_rerunButton(new QPushButton(tr("Re-run Failed"), this))
    , m_exportButton(new QPushButton(tr("Export..."), this))
    , m_filter(new QComboBox(this))
    , m_progressBar(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new BatchResultsModel(this))
    , m_proxy(new BatchFilterProxy(this))
    , m_openRowAction(new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Row in Timeline"), this))
{
    m_inputEdit->setObjectName(QStringLiteral("batchInputEdit"));
    m_inputEdit->setPlaceholderText(tr("rows.csv, rows.jsonl or a folder of .txt / .md files"));
    m_expectedEdit->setObjectName(QStringLiteral("batchExpectedEdit"));
    m_expectedEdit->setPlaceholderText(tr("optional: a column with the expected JSON"));
    m_concurrency->setObjectName(QStringLiteral("batchConcurrencySpin"));
    m_concurrency->setRange(1, 64);
    m_concurrency->setToolTip(tr("Rows sent at once (a local Ollama serializes unless OLLAMA_NUM_PARALLEL is set)"));
    auto *fileButton = new QPushButton(tr("File..."), this);
    fileButton->setObjectName(QStringLiteral("batchChooseFileButton"));
    fileButton->setToolTip(tr("Choose a CSV or JSONL file of rows"));
    auto *folderButton = new QPushButton(tr("Folder..."), this);
    folderButton->setObjectName(QStringLiteral("batchChooseFolderButton"));
    folderButton->setToolTip(tr("Choose a folder of .txt / .md files ({{text}} and {{filename}})"));
    m_runButton->setObjectName(QStringLiteral("batchRunButton"));
    m_runButton->setToolTip(tr("Run every row through the current schema, prompt and model"));
    m_pauseButton->setObjectName(QStringLiteral("batchPauseButton"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Send no new rows until resumed; rows under way finish"));
    m_cancelButton->setObjectName(QStringLiteral("batchCancelButton"));
    m_cancelButton->setToolTip(tr("Stop the batch; finished rows stay in the history"));
    m_rerunButton->setObjectName(QStringLiteral("batchRerunFailedButton"));
    m_rerunButton->setToolTip(tr("Run the failed rows again"));
    m_exportButton->setObjectName(QStringLiteral("batchExportButton"));
    m_exportButton->setToolTip(tr("Save the valid rows as CSV, JSONL or JSON, each with its row id"));
    m_filter->setObjectName(QStringLiteral("batchFilterCombo"));
    m_filter->addItem(tr("All rows"), int(BatchFilterProxy::Filter::All));
    m_filter->addItem(tr("Failed"), int(BatchFilterProxy::Filter::Failed));
    m_filter->addItem(tr("Retried"), int(BatchFilterProxy::Filter::Retried));
    m_filter->addItem(tr("Disagreeing with expected"), int(BatchFilterProxy::Filter::Disagreeing));
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
    // Drill-down: a row's attempts in the Attempts pane (Return, double-click or the context menu).
    m_openRowAction->setObjectName(QStringLiteral("actionBatchOpenRowInTimeline"));
    m_openRowAction->setShortcut(QKeySequence(Qt::Key_Return));
    m_openRowAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openRowAction->setToolTip(tr("Show the selected row's attempts in the Attempts pane: every request, reply "
                                   "and error, read-only (Return or double-click)"));
    connect(m_openRowAction, &QAction::triggered, this, &BatchPane::openCurrentRow);
    m_table->addAction(m_openRowAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_table, &QTableView::doubleClicked, m_openRowAction, &QAction::trigger);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_inputEdit, 1);
    inputRow->addWidget(fileButton);
    inputRow->addWidget(folderButton);
    auto *form = new QFormLayout;
    form->addRow(tr("&Input:"), inputRow);
    form->addRow(tr("&Expected column:"), m_expectedEdit);
    form->addRow(tr("Rows at &once:"), m_concurrency);
    auto *buttons = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *> { m_runButton, m_pauseButton, m_cancelButton, m_rerunButton,
                                                         m_exportButton })
        buttons->addWidget(w);
    buttons->addStretch(1);
    buttons->addWidget(m_filter);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(fileButton, &QPushButton::clicked, this, &BatchPane::chooseFile);
    connect(folderButton, &QPushButton::clicked, this, &BatchPane::chooseFolder);
    connect(m_runButton, &QPushButton::clicked, this, &BatchPane::startBatch);
    connect(m_pauseButton, &QPushButton::toggled, this, &BatchPane::setPaused);
    connect(m_cancelButton, &QPushButton::clicked, this, &BatchPane::cancelBatch);
    connect(m_rerunButton, &QPushButton::clicked, this, &BatchPane::rerunFailed);
    connect(m_exportButton, &QPushButton::clicked, this, &BatchPane::chooseExport);
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setFilter(BatchFilterProxy::Filter(m_filter->currentData().toInt()));
    });
    updateButtons();
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

bool BatchPane::startBatch()
{
    if (isRunning() || m_reading)
        return false;
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
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onInputRead(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path, options] { return readBatchInput(path, options); }));
    return true;
}

void BatchPane::onInputRead(const Result<BatchInput, QString> &input)
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
    QList<int> indexes;
    for (qsizetype i = 0; i < input->rows.size(); ++i)
        indexes.append(int(i));
    const BatchInput previous = m_input;
    m_input = *input;
    if (!run(*input, indexes))
        m_input = previous;
}

bool BatchPane::refuse(const QString &message)
{
    showMessage(message);
    Q_EMIT batchRefused(message);
    return false;
}

bool BatchPane::rerunFailed()
{
    if (isRunning())
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
    return run(failed, indexes);
}

bool BatchPane::run(const BatchInput &input, const QList<int> &indexes)
{
    if (!m_provider)
        return refuse(tr("The batch has nothing to run with."));
    auto config = m_provider();
    if (!config)
        return refuse(config.error());
    // The prompt's variables must all come from the input's columns.
    const QStringList used = templateVariableNames(config->prompt.systemPrompt + u'\n' + config->prompt.userPrompt);
    for (const QString &name : used) {
        if (!input.columns.contains(name))
            return refuse(tr("The prompt uses {{%1}} but the input has no such column (it has: %2).")
                              .arg(name, input.columns.join(QStringLiteral(", "))));
    }
    for (BatchEndpoint &endpoint : config->endpoints)
        endpoint.concurrency = m_concurrency->value();
    m_schema = config->schema ? config->schema->document() : nlohmann::ordered_json();
    if (indexes.size() == m_input.rows.size())
        m_model->reset(m_input, m_schema);
    m_indexes = indexes;

    showMessage(QString());
    if (!m_history && !m_historyPath.isEmpty()) {
        m_history = std::make_unique<HistoryDatabase>();
        if (const QString problem = m_history->open(m_historyPath); !problem.isEmpty()) {
            m_history.reset();
            showMessage(tr("%1 The batch runs without a history.").arg(problem));
        }
    }
    delete m_runner;
    m_runner = new BatchRunner(m_network, *config, input, this);
    if (m_history) {
        StoredBatch batch;
        batch.inputPath = QFileInfo(input.path).absoluteFilePath();
        batch.inputFingerprint = input.fingerprint;
        batch.model = config->model;
        batch.mode = extractionModeName(config->prompt.mode);
        batch.schemaJson = QString::fromStdString(m_schema.dump());
        batch.rowCount = int(input.rows.size());
        m_batchId = m_history->createBatch(batch);
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
    });
    connect(m_runner, &BatchRunner::progressChanged, this, &BatchPane::onProgress);
    connect(m_runner, &BatchRunner::endpointTakenOut, this, [this](const QString &endpoint, const QString &reason) {
        showMessage(tr("%1 taken out: %2").arg(endpoint, reason));
    });
    connect(m_runner, &BatchRunner::finished, this, [this](const BatchSummary &summary) {
        if (summary.outcome != BatchSummary::Outcome::Finished && !summary.message.isEmpty())
            showMessage(summary.message);
        if (m_history && m_batchId > 0)
            m_history->setBatchStatus(m_batchId, summary.outcome == BatchSummary::Outcome::Finished
                                                     ? QStringLiteral("finished")
                                                     : QStringLiteral("stopped"));
        m_pauseButton->setChecked(false);
        updateButtons();
        Q_EMIT batchFinished(summary);
    });
    m_runner->start();
    updateButtons();
    return true;
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
    if (m_runner)
        m_runner->cancel();
}

void BatchPane::setPaused(bool paused)
{
    if (!m_runner)
        return;
    if (paused)
        m_runner->pause();
    else
        m_runner->resume();
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused);
}

void BatchPane::onProgress(const BatchProgress &p)
{
    m_progressBar->setRange(0, std::max(1, p.total));
    m_progressBar->setValue(p.done);
    QString text = tr("%1/%2 done, %3 valid first try, %4 after reasks, %5 failed")
                       .arg(p.done)
                       .arg(p.total)
                       .arg(p.validFirstTry)
                       .arg(p.validAfterReasks)
                       .arg(p.failed);
    if (p.rowsPerMinute > 0)
        text += tr(", %1 rows/min").arg(p.rowsPerMinute, 0, 'f', 1);
    if (p.etaSeconds >= 0 && p.done < p.total)
        text += tr(", about %n s left", nullptr, int(std::min<qint64>(p.etaSeconds, 1 << 30)));
    if (p.paused)
        text += tr(" (paused)");
    m_progressLabel->setText(text);
}

void BatchPane::updateButtons()
{
    const bool running = isRunning() || m_reading;
    m_runButton->setEnabled(!running);
    m_pauseButton->setEnabled(isRunning());
    m_cancelButton->setEnabled(isRunning());
    m_rerunButton->setEnabled(!running && m_model->rowCount() > 0);
    m_exportButton->setEnabled(!running && m_model->rowCount() > 0);
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
    const QString path = QFileDialog::getExistingDirectory(this, tr("Folder of .txt / .md Files"), m_inputEdit->text());
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
