// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchinput.h"
#include "batch/batchtypes.h"
#include "common/result.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace Formwork {

class BatchRunner;
class HistoryDatabase;
struct StoredRun;

namespace Ui {

class BatchFilterProxy;
class BatchResultsModel;

// The Batch pane: an input (CSV, JSONL or a folder) run through the window's schema, prompt and
// model, row by row, into a grid with a coloured status per row; filters, pause, cancel, re-run
// of the failed rows and export. Every row goes into the history.
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
    // The history file (default: HistoryDatabase::defaultPath()); empty: no history.
    void setHistoryPath(const QString &path) { m_historyPath = path; }
    void setInputPath(const QString &path);

    // Checks the settings, then reads the input off the GUI thread (progress in the pane) and
    // starts. False (the reason shown in the pane) when it cannot even begin; a problem found in
    // the input (naming its file and line) comes later through batchRefused().
    bool startBatch();
    bool isReading() const { return m_reading; }
    bool rerunFailed();
    void cancelBatch();
    void setPaused(bool paused);
    bool isRunning() const;
    // Writes the valid rows (format from the file name); an empty string or the error sentence.
    QString exportTo(const QString &path) const;

    // Loads the stored run of the current grid row and emits storedRunOpened() (the drill-down
    // to its attempt timeline). False (the reason in the pane) when the row has no stored run.
    bool openCurrentRow();
    QAction *openRowAction() const { return m_openRowAction; }
    QTableView *table() const { return m_table; }

    BatchResultsModel *resultsModel() const { return m_model; }
    BatchFilterProxy *filterProxy() const { return m_proxy; }
    QString message() const;

Q_SIGNALS:
    void batchFinished(const Formwork::BatchSummary &summary);
    // The batch did not start: the input or the settings are wrong (the same text as message()).
    void batchRefused(const QString &message);
    // A row's run to show in the attempt timeline (with its attempts).
    void storedRunOpened(const Formwork::StoredRun &run);

private:
    bool run(const BatchInput &input, const QList<int> &indexes);
    void onInputRead(const Result<BatchInput, QString> &input);
    bool refuse(const QString &message);
    void showMessage(const QString &text);
    void updateButtons();
    void onProgress(const BatchProgress &progress);
    void chooseFile();
    void chooseFolder();
    void chooseExport();

    ConfigProvider m_provider;
    QString m_historyPath;
    QNetworkAccessManager *m_network;
    std::unique_ptr<HistoryDatabase> m_history;
    QPointer<BatchRunner> m_runner;
    bool m_reading = false;
    BatchInput m_input; // the whole input of the grid
    QList<int> m_indexes; // grid row of each row of the running batch
    qint64 m_batchId = 0; // in the history
    nlohmann::ordered_json m_schema;

    QLineEdit *m_inputEdit;
    QLineEdit *m_expectedEdit;
    QSpinBox *m_concurrency;
    QPushButton *m_runButton;
    QPushButton *m_pauseButton;
    QPushButton *m_cancelButton;
    QPushButton *m_rerunButton;
    QPushButton *m_exportButton;
    QComboBox *m_filter;
    QProgressBar *m_progressBar;
    QLabel *m_progressLabel;
    QLabel *m_message;
    QTableView *m_table;
    BatchResultsModel *m_model;
    BatchFilterProxy *m_proxy;
    QAction *m_openRowAction;
};

} // namespace Ui
} // namespace Formwork
