// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchinput.h"
#include "batch/batchtypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QTimer;

namespace Formwork {

class ExtractionRun;
class HistoryDatabase;
class LlmBackend;

// Runs every row of a batch through its own ExtractionRun, with at most `concurrency` rows at
// once per endpoint. An endpoint that fails with a transport error is taken out for a while and
// its rows go to the others. With a history, every row's run and attempts are committed as they
// finish, and rows already finished in that batch (an earlier session) are not run again.
class BatchRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchRunner)

public:
    // `network` and `history` (may be null) must outlive the runner.
    BatchRunner(QNetworkAccessManager *network, const BatchConfig &config, const BatchInput &input,
                QObject *parent = nullptr);
    ~BatchRunner() override;

    // Record into `history` under `batchId` (made with HistoryDatabase::createBatch).
    void setHistory(HistoryDatabase *history, qint64 batchId);

    void start();
    void pause();
    void resume();
    // Stops every run in flight (they are stored as cancelled) and ends with finished(Cancelled).
    void cancel();

    bool isRunning() const { return m_started && !m_finished; }
    bool isPaused() const { return m_paused; }
    const QList<BatchRowResult> &results() const { return m_results; }
    BatchProgress progress() const;
    const BatchSummary &summary() const { return m_summary; }
    // How many finished rows so far failed each named check, rows resumed from the history included.
    QList<CheckFailureCount> checkFailureCounts() const;

Q_SIGNALS:
    void rowStarted(int index, const QString &endpoint);
    void rowFinished(const Formwork::BatchRowResult &row);
    void progressChanged(const Formwork::BatchProgress &progress);
    void endpointTakenOut(const QString &endpoint, const QString &reason);
    void endpointRestored(const QString &endpoint);
    // A history write failed: the batch goes on, but a resume may redo rows.
    void historyError(const QString &message);
    void finished(const Formwork::BatchSummary &summary);

private:
    struct Endpoint {
        BatchEndpoint config;
        LlmBackend *backend = nullptr;
        int inFlight = 0;
        bool down = false;
        QTimer *retryTimer = nullptr;
    };
    struct Active {
        int row = -1;
        int endpoint = -1;
        qint64 runId = 0;
        bool moveToOther = false; // cancelled by us to go to another endpoint
    };

    void loadFinishedFromHistory();
    void scheduleDispatch();
    void dispatch();
    int pickEndpoint() const;
    void startRow(int row, int endpoint);
    void onRunEnded(ExtractionRun *run, const RunResult &result);
    void finishRow(int row, const Active &active, const RunResult &result);
    void takeOut(int endpoint, const QString &reason);
    bool anotherEndpointUp(int endpoint) const;
    void checkDone();
    QString settingsJson() const;

    QNetworkAccessManager *m_network;
    BatchConfig m_config;
    BatchInput m_input;
    HistoryDatabase *m_history = nullptr;
    qint64 m_batchId = 0;
    QString m_schemaJson;
    QString m_settingsJson;

    QList<Endpoint> m_endpoints;
    QHash<ExtractionRun *, Active> m_active;
    QList<int> m_queue;
    QList<int> m_requeues;
    QList<BatchRowResult> m_results;
    BatchSummary m_summary;
    QElapsedTimer m_clock;
    int m_doneThisSession = 0;
    bool m_started = false;
    bool m_paused = false;
    bool m_cancelling = false;
    bool m_finished = false;
    bool m_dispatchScheduled = false;
};

} // namespace Formwork
