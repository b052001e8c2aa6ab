// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchinput.h"
#include "batch/batchtypes.h"
#include "batch/comparisonrunner.h"
#include "common/backgroundwork.h"
#include "common/result.h"
#include "picker/serverconnection.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QListWidget;
class QMenu;
class QTabWidget;
class QToolButton;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QSpinBox;
class QTableView;

namespace Formwork {

class BatchRunner;
class HistoryDatabase;
struct StoredRun;

namespace Ui {

class BatchFilterProxy;
class BatchResultsModel;
class ComparisonModel;

// The Batch pane: an input (CSV, JSONL or a folder) run through the window's schema, prompt and
// model, row by row, into a grid with a coloured status per row; filters, pause, cancel, re-run
// of the failed rows and export. Every row goes into the history. A Comparison tab runs the same
// rows over several variants (model × mode × prompt) into a grid of figures.
class BatchPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchPane)

public:
    // What the window knows: schema, model, server and prompt; an error sentence when it cannot run.
    using ConfigProvider = std::function<Result<BatchConfig, QString>()>;

    explicit BatchPane(QWidget *parent = nullptr);
    ~BatchPane() override;

    void setConfigProvider(ConfigProvider provider) { m_provider = std::move(provider); }
    // Asked before the input is read for a start; none: always ready.
    void setReadyGate(ReadyGate gate) { m_readyGate = std::move(gate); }
    // The history file (default: HistoryDatabase::defaultPath()); empty: no history.
    void setHistoryPath(const QString &path) { m_historyPath = path; }
    void setInputPath(const QString &path);
    // The server the window talks to: a batch (and a comparison) waits for its probe, like a
    // single run, so requests are built for what answers (llama-server's json mode). Unset: no
    // wait, the provider's settings as they are.
    void setServerConnection(ServerConnection *connection) { m_connection = connection; }
    // The models the comparison offers (checked ones stay checked).
    void setModelNames(const QStringList &names);
    // What the window knows of a model (the picker's catalog: context lengths, capabilities), so
    // each variant of a comparison runs with its own model's info, as a single run of it would.
    // An empty name back: unknown.
    using ModelInfoLookup = std::function<ModelInfo(const QString &name)>;
    void setModelInfoLookup(ModelInfoLookup lookup) { m_modelLookup = std::move(lookup); }

    // Checks the settings, then reads the input off the GUI thread (progress in the pane) and
    // starts. False (the reason shown in the pane) when it cannot even begin; a problem found in
    // the input (naming its file and line) comes later through batchRefused().
    bool startBatch();
    bool isReading() const { return m_reading; }
    bool rerunFailed();
    // Unpauses a paused batch or comparison, or runs what a cancelled (or cut short) one did not
    // finish, into the same history batches: an interrupted comparison when the Comparison tab is
    // shown or the grid has nothing to resume, else the grid's rows. False when there is nothing
    // to resume.
    bool resumeBatch();
    // Runs an interrupted comparison again over the same history batches: finished rows come from
    // the history, not the server. False when there is none (or it ran without a history).
    bool resumeComparison();
    // Stops the batch or the comparison under way.
    void cancelBatch();
    // Pauses or unpauses the batch or the comparison under way (the Pause action).
    void setPaused(bool paused);
    bool isPaused() const;
    bool isRunning() const;
    bool isComparing() const;
    // Reading the input, waiting for the server probe, running a batch or a comparison.
    bool isBusy() const;
    // Writes the valid rows (format from the file name); an empty string or the error sentence.
    QString exportTo(const QString &path) const;

    // Loads the stored run of the current grid row and emits storedRunOpened() (the drill-down
    // to its attempt timeline). False (the reason in the pane) when the row has no stored run.
    bool openCurrentRow();
    QAction *openRowAction() const { return m_openRowAction; }
    QAction *runAction() const { return m_runAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *resumeAction() const { return m_resumeAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *rerunFailedAction() const { return m_rerunAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *compareAction() const { return m_compareAction; }
    // Every action of the pane, for the window's Batch menu.
    void populateMenu(QMenu *menu) const;

    // The comparison: the variants checked in the Comparison tab (models × modes, and the
    // second user prompt when one is given).
    QList<BatchVariant> selectedVariants() const;
    // Reads the input, waits for the server, then runs it once per selected variant. False (the
    // reason shown) when it cannot begin.
    bool startComparison();
    // Checks `model` (added to the list when missing) and `mode` in the Comparison tab.
    void checkVariant(const QString &model, ExtractionMode mode);
    ComparisonModel *comparisonModel() const { return m_comparisonModel; }
    QTableView *comparisonTable() const { return m_comparisonTable; }
    void showComparison();
    QTableView *table() const { return m_table; }

    BatchResultsModel *resultsModel() const { return m_model; }
    BatchFilterProxy *filterProxy() const { return m_proxy; }
    QString message() const;

Q_SIGNALS:
    void batchFinished(const Formwork::BatchSummary &summary);
    void comparisonFinished();
    // The batch did not start: the input or the settings are wrong (the same text as message()).
    void batchRefused(const QString &message);
    // A row's run to show in the attempt timeline (with its attempts).
    void storedRunOpened(const Formwork::StoredRun &run);

private:
    using InputHandler = std::function<void(const BatchInput &input)>;
    void createActions();
    QWidget *createComparisonTab();
    // Checks the settings and the input path, then reads the input off the GUI thread and waits
    // for the server; `then` gets an input with rows. False (the reason shown) when it cannot begin.
    bool readInputThen(InputHandler then);
    void onInputRead(const Result<BatchInput, QString> &input, const InputHandler &then);
    void whenServerKnown(std::function<void()> then);
    // The window's settings with the server's kind; nullopt (the reason shown) when they are wrong.
    std::optional<BatchConfig> configOrRefuse(const BatchInput &input);
    bool run(const BatchInput &input, const QList<int> &indexes, bool sameBatch = false);
    // Opens the history when there is one to open (a failure is said in the pane); true when open.
    bool openHistory();
    // `batchIds`: the history batches to go on with, one per variant; empty: new ones.
    void runComparison(const BatchInput &input, const QList<BatchVariant> &variants, QList<qint64> batchIds = {});
    QList<qint64> createComparisonBatches(const BatchInput &input, const QList<BatchVariant> &variants);
    void onComparisonFinished(const QList<VariantStats> &grid);
    void updateVariantCount();
    void fitColumns();
    void groundRow(const BatchRowResult &row);
    QList<int> unfinishedRows() const;
    bool refuse(const QString &message);
    void showMessage(const QString &text);
    void updateButtons();
    void onProgress(const BatchProgress &progress);
    void chooseFile();
    void chooseFolder();
    void chooseExport();

    ConfigProvider m_provider;
    ReadyGate m_readyGate;
    ModelInfoLookup m_modelLookup;
    QString m_historyPath;
    QNetworkAccessManager *m_network;
    std::unique_ptr<HistoryDatabase> m_history;
    QPointer<BatchRunner> m_runner;
    QPointer<ComparisonRunner> m_comparison;
    QPointer<ServerConnection> m_connection;
    bool m_reading = false;
    bool m_waitingForServer = false;
    BatchInput m_input; // the whole input of the grid
    QList<int> m_indexes; // grid row of each row of the running batch
    qint64 m_batchId = 0; // in the history
    // The comparison under way, or the last one if it stopped before the end (to resume it).
    struct ComparisonRun {
        BatchInput input;
        QList<BatchVariant> variants;
        QList<qint64> batchIds; // in the history, one per variant
    };
    std::optional<ComparisonRun> m_comparisonRun;
    bool m_comparisonResumable = false;
    nlohmann::ordered_json m_schema;

    QLineEdit *m_inputEdit;
    QLineEdit *m_expectedEdit;
    QSpinBox *m_concurrency;
    QAction *m_runAction;
    QAction *m_pauseAction;
    QAction *m_resumeAction;
    QAction *m_cancelAction;
    QAction *m_rerunAction;
    QAction *m_exportAction;
    QAction *m_chooseFileAction;
    QAction *m_chooseFolderAction;
    QAction *m_compareAction;
    QComboBox *m_filter;
    QProgressBar *m_progressBar;
    QLabel *m_progressLabel;
    QLabel *m_message;
    QTabWidget *m_tabs;
    QTableView *m_table;
    QListWidget *m_variantModels;
    QList<QCheckBox *> m_variantModes;
    QLineEdit *m_variantPrompt;
    QLabel *m_variantCount;
    QTableView *m_comparisonTable;
    ComparisonModel *m_comparisonModel;
    BatchResultsModel *m_model;
    BatchFilterProxy *m_proxy;
    QAction *m_openRowAction;
    // How many rows failed each named check (issue 14); hidden while none did.
    QLabel *m_checksLabel = nullptr;
};

} // namespace Ui
} // namespace Formwork
