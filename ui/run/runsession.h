// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractionrun.h"
#include "extraction/extractiontypes.h"
#include "grounding/chunkedextraction.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <map>
#include <memory>
#include <optional>
#include <utility>

namespace Formwork {

class ChunkedRunRecorder;
class HistoryDatabase;
class LlmBackend;
class RunRecorder;
struct StoredRun;

namespace Ui {

// The current run of the window: the one seam between the authoring side (model picker, prompt,
// schema) and the results side (attempt timeline, result viewer). The authoring side starts and
// cancels runs here; the results side only reads from it and listens to its signals. It owns the
// ExtractionRun it starts and keeps every finished attempt, the live stream of the attempt under
// way and the final result, so a view created late can still show the whole run.
class RunSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunSession)

public:
    enum class State {
        Idle, // nothing run yet, or cleared
        Running,
        Succeeded,
        Failed,
    };
    Q_ENUM(State)

    explicit RunSession(QObject *parent = nullptr);
    ~RunSession() override;

    // Starts a run of `config` on `backend` (not owned; it must outlive the run). A run still
    // going is cancelled first. The previous run's attempts are dropped (cleared() is emitted).
    void start(LlmBackend *backend, const ExtractionConfig &config);
    // Starts a chunked run (issue 13): `document`, which stands in the last user message of
    // `config`, is split and the chunks extracted, options.concurrency at a time
    // (ChunkedExtraction), pass after pass; the merged value is the result. The session looks like
    // one run of many attempts: they are numbered across the chunks in the order they finish and
    // each names its chunk (attemptChunk(), and the first of its notes). With several chunks
    // running, one attempt at a time is the live one (its stream, liveChunk()); the others show
    // when they finish. When the previous chunked run of the same document and settings was
    // cancelled, its valid chunks are kept and not asked again (resumedChunks()). The run is
    // stored in the history as one run with its chunks (ChunkedRunRecorder), as the CLI does.
    void startChunked(LlmBackend *backend, const ExtractionConfig &config, const QString &document,
                      const ChunkedExtractionOptions &options);
    // Stops the run in flight; it ends with finished() and reason Cancelled. No-op when idle.
    void cancel();
    // Shows `jsonText` checked against `schema` without a model ("Validate JSON..."): a finished
    // run of one attempt whose raw reply is the text, so both result views can show it.
    void showValidation(const QString &jsonText, const Schema &schema);
    // Shows a run from the history as if it had just happened: its attempts (requests, replies
    // with their errors placed again, usage), its result. Read-only: isStored() is true until the
    // next run; nothing is sent and nothing is stored again. Refused (false) while a run is going.
    bool showStored(const StoredRun &run);
    // Every run started here is stored in the history at `path` (opened on the first run); empty
    // (the default): runs are not stored.
    void setHistoryPath(const QString &path);
    QString historyPath() const { return m_historyPath; }
    // Makes the last parsed value of a failed run the result, its failures kept (accepted()).
    // Returns false when there is nothing to accept.
    bool acceptAnyway();
    // Forgets everything (a new workspace was opened).
    void clear();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    bool isFinished() const { return m_state == State::Succeeded || m_state == State::Failed; }

    // The configuration of the current (or last) run.
    const ExtractionConfig &config() const { return m_config; }
    const RunStartInfo &startInfo() const { return m_startInfo; }
    // Every finished attempt, in order.
    const QList<AttemptRecord> &attempts() const { return m_attempts; }
    // The attempt under way (1-based), 0 when none; with the newest stream view of its reply.
    int liveAttempt() const { return m_liveAttempt; }
    int maxAttempts() const { return m_maxAttempts; }
    const StreamProgress &liveProgress() const { return m_liveProgress; }
    // Resends after transient backend failures, in order (each names its attempt).
    const QList<TransportRetry> &transportRetries() const { return m_transportRetries; }
    QStringList warnings() const { return m_warnings; }
    // Valid once finished.
    const RunResult &result() const { return m_result; }
    // The user accepted the invalid value of a failed run (result().value, result().attempts).
    bool isAccepted() const { return m_accepted; }
    // The run shown comes from the history (showStored()): its id and when it ran.
    bool isStored() const { return m_storedRunId > 0; }
    qint64 storedRunId() const { return m_storedRunId; }
    QDateTime storedRunTime() const { return m_storedRunTime; }
    // The history id of the current (or last) run started here, 0 when it is not stored.
    qint64 historyRunId() const;
    // The ExtractionRun of the run in flight (nullptr when none); for the request preview.
    ExtractionRun *run() const { return m_run; }

    // --- runs of chunks (startChunked) ---
    bool isChunked() const { return m_chunkCount > 0; }
    int chunkCount() const { return m_chunkCount; }
    // The chunk under way (1-based; the last one once finished), 0 before the first.
    int liveChunk() const { return m_liveChunk; }
    // The live attempt counted within its chunk (1-based), 0 when none is under way.
    int liveChunkAttempt() const;
    int chunksDone() const { return m_chunksDone; } // chunk runs finished, over all passes
    int runningChunks() const { return int(m_chunkRuns.size()); } // chunk runs under way now
    int chunkPass() const { return m_chunkPass; } // 1-based
    int chunkPasses() const { return m_chunkPasses; }
    int resumedChunks() const { return m_resumedChunks; }
    // The chunk (0-based) and pass (0-based) of attempt `number`; {-1, -1} in a single run.
    std::pair<int, int> attemptChunk(int number) const;
    // An attempt of another chunk under way beside the live one (several chunks at once): it has
    // no stream shown, but is listed with its resends as they happen.
    struct RunningChunkAttempt {
        int number = 0; // provisional: numbered on after the live attempt (they are numbered as they end)
        int chunk = 0; // 0-based
        int pass = 0; // 0-based
        int resends = 0; // within this attempt, so far
        bool receiving = false; // its reply has begun
    };
    // In chunk order; empty in a single run and when at most one attempt is under way.
    QList<RunningChunkAttempt> otherRunningAttempts() const;
    // The text that was split, and the whole outcome once finished (merged value, conflicts,
    // grounding in whole-document offsets); null before.
    const QString &chunkedDocument() const { return m_chunkedDocument; }
    const ChunkedResult *chunkedResult() const { return m_chunkedDone ? &m_chunkedResult : nullptr; }

Q_SIGNALS:
    void cleared();
    void stateChanged(Formwork::Ui::RunSession::State state);
    void started(const Formwork::RunStartInfo &info);
    void attemptStarted(int attempt, int maxAttempts);
    void streamProgressed(const Formwork::StreamProgress &progress);
    void transportRetryScheduled(const Formwork::TransportRetry &retry);
    void attemptFinished(const Formwork::AttemptRecord &attempt);
    void warningAdded(const QString &message);
    // Exactly once per run: success, failure or cancel.
    void finished(const Formwork::RunResult &result);
    // A run of chunks moved on: chunk `chunk` (1-based) of `count` started, in pass `pass` of `passes`.
    void chunkProgressed(int chunk, int count, int pass, int passes);
    // otherRunningAttempts() changed: one started or ended, or was resent.
    void runningAttemptsChanged();
    void accepted(const Formwork::RunResult &result);
    // The run that just ended is in the history under `runId`.
    void recorded(qint64 runId);
    // The history could not be opened or written; the run goes on.
    void historyError(const QString &message);

private:
    void setState(State state);
    void reset();
    void onFinished(const RunResult &result);
    void record(ExtractionRun *run, LlmBackend *backend, const ExtractionConfig &config);
    void replay(const RunStartInfo &info, const QList<AttemptRecord> &attempts, const RunResult &result);
    void followChunk(int index, int count, ExtractionRun *run);
    // The attempt of chunk run `run` becomes the live one (attemptStarted() for it).
    void followAttempt(ExtractionRun *run);
    void onChunkAttemptFinished(ExtractionRun *run, const AttemptRecord &attempt);
    void onChunkRunFinished(int index);
    void recordChunked(ChunkedExtraction *chunked, LlmBackend *backend, const ExtractionConfig &config);
    bool openHistory();
    void addWarning(const QString &message);
    void onChunkedFinished(const ChunkedResult &result);

    QPointer<ExtractionRun> m_run;
    ExtractionConfig m_config;
    RunStartInfo m_startInfo;
    State m_state = State::Idle;
    QList<AttemptRecord> m_attempts;
    int m_liveAttempt = 0;
    int m_maxAttempts = 0;
    StreamProgress m_liveProgress;
    QList<TransportRetry> m_transportRetries;
    QStringList m_warnings;
    RunResult m_result;
    bool m_accepted = false;
    qint64 m_storedRunId = 0;
    QDateTime m_storedRunTime;
    QString m_historyPath;
    std::unique_ptr<HistoryDatabase> m_history;
    QPointer<RunRecorder> m_recorder;

    QPointer<ChunkedExtraction> m_chunked;
    QPointer<ChunkedRunRecorder> m_chunkedRecorder;
    // The chunk runs under way (owned by m_chunked): their chunk and pass, whether an attempt of
    // theirs is going and its newest stream; m_run is the one whose attempt is live.
    struct ChunkRunState {
        int chunk = 0;
        int pass = 0;
        bool inAttempt = false;
        int maxAttempts = 0;
        QList<TransportRetry> resends; // of the attempt under way
        StreamProgress progress;
    };
    std::map<ExtractionRun *, ChunkRunState> m_chunkRuns;
    QString m_chunkedDocument;
    ChunkedResult m_chunkedResult;
    bool m_chunkedDone = false;
    QList<std::pair<int, int>> m_attemptChunks; // per attempt: chunk, pass
    int m_chunkCount = 0;
    int m_liveChunk = 0;
    int m_chunksDone = 0;
    int m_chunkPass = 0;
    int m_chunkPasses = 0;
    int m_resumedChunks = 0;
    QElapsedTimer m_chunkClock;
    // The last cancelled run of chunks, to resume: a digest of what it ran, and what it had.
    QByteArray m_chunkedKey;
    std::optional<std::pair<QByteArray, ChunkedResult>> m_cancelledChunks;
};

} // namespace Ui
} // namespace Formwork
