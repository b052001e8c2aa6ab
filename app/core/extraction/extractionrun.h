// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Formwork {

class AttemptCheckJob;
class ChatJob;
class LlmBackend;
class StreamProgressTracker;

// One extraction: a state machine over attempts (design.md section 2, "Run"), driven by the
// backend job's signals; nothing blocks. A parse or validation failure reasks (the output echoed,
// then the errors quoted); a transient backend failure is resent unchanged after a backoff and not
// counted as an attempt; done_reason "length" raises num_predict for the next attempt. The run
// ends with exactly one of succeeded() or failed(), cancel() included.
class ExtractionRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExtractionRun)

public:
    enum class State { Idle, Running, Waiting, Succeeded, Failed };

    // `backend` must outlive the run.
    explicit ExtractionRun(LlmBackend *backend, const ExtractionConfig &config, QObject *parent = nullptr);
    ~ExtractionRun() override;

    // Starts the first attempt (after returning to the event loop). Does nothing unless Idle.
    void start();
    // Stops at once: the request in flight is aborted and failed(Cancelled) is emitted.
    void cancel();

    State state() const { return m_state; }
    bool isFinished() const { return m_state == State::Succeeded || m_state == State::Failed; }
    const ExtractionConfig &config() const { return m_config; }
    const QList<AttemptRecord> &attempts() const { return m_attempts; }
    RunUsage usage() const { return m_usage; }
    int transportRetries() const { return m_transportRetries; }
    // Valid once finished.
    const RunResult &result() const { return m_result; }
    // The base request (valid after start()); never changed by the run.
    const ChatRequest &baseRequest() const { return m_base; }
    // The request attempt `attempt` (1-based) sends: the base plus the reasks of the attempts before it.
    ChatRequest requestForAttempt(int attempt) const;

    // At most one streamDelta() per interval while a reply streams (plus the final one).
    void setStreamThrottleMs(int ms) { m_throttleMs = ms; }

Q_SIGNALS:
    void runStarted(const Formwork::RunStartInfo &info);
    void attemptStarted(int attempt, int maxAttempts);
    void streamDelta(const Formwork::StreamProgress &progress);
    void transportRetryScheduled(const Formwork::TransportRetry &retry);
    void attemptFinished(const Formwork::AttemptRecord &attempt);
    void warning(const QString &message);
    void succeeded(const Formwork::RunResult &result);
    void failed(const Formwork::RunResult &result);

private:
    void beginAttempt();
    void sendCurrent();
    void onDelta(const ChatDelta &delta);
    void onFinished(const ChatResult &result);
    void startChecks(const ChatResult &result);
    void completeAttempt(const ChatResult &result);
    void onFailed(const BackendError &error);
    void onDeadline();
    void emitProgress(bool final);
    void recordAttempt();
    void stopCurrent(AttemptOutcome outcome, const QString &note);
    void finish(bool success, RunFailureReason reason, const QString &message,
                const std::optional<BackendError> &error = std::nullopt);
    int backoffDelayMs(int retry) const;
    qint64 remainingMs() const;
    bool budgetUsedUp() const;
    bool deadlinePassed() const;
    bool nextAttemptAllowed(int number) const;
    QString deadlineText() const;
    void addWarning(const QString &message);

    QPointer<LlmBackend> m_backend;
    ExtractionConfig m_config;
    ChatRequest m_base;
    QString m_toolName;
    QList<QList<ChatMessage>> m_overlays; // the reask messages of attempts 1..n
    QList<int> m_numPredict; // num_predict of attempts 1..n
    QList<AttemptRecord> m_attempts;
    AttemptRecord m_current;
    bool m_currentOpen = false; // m_current is under way and not yet in m_attempts
    QPointer<ChatJob> m_job;
    State m_state = State::Idle;
    RunUsage m_usage;
    RunUsage m_judgeUsage; // model-judged checks, apart from m_usage
    QPointer<AttemptCheckJob> m_checkJob; // the checks of m_current under way
    int m_transportRetries = 0;
    QStringList m_warnings;
    RunResult m_result;

    QElapsedTimer m_runClock;
    QTimer m_deadlineTimer;
    QTimer m_backoffTimer;

    // streaming
    QString m_liveContent;
    QString m_liveThinking;
    QString m_liveArguments;
    std::unique_ptr<StreamProgressTracker> m_tracker; // the partial value, kept up to date
    QElapsedTimer m_lastProgress;
    QTimer m_throttleTimer;
    int m_throttleMs = 50;
    qint64 m_lastProgressCostMs = 0;
};

} // namespace Formwork
