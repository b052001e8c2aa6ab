// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

#include <optional>

class QSqlQuery;

namespace Formwork {

struct CheckFailure;

// A batch as the history keeps it: enough to resume it and to know it is the same batch.
struct StoredBatch {
    qint64 id = 0;
    QDateTime createdAt;
    QString inputPath;
    QByteArray inputFingerprint; // batchinput's SHA-256 of the input
    QString outPath;
    QString model;
    QString mode;
    QString schemaJson;
    QString settingsJson;
    int rowCount = 0;
    QString status; // running, finished, cancelled, stopped
};

// One attempt, as stored: its exact request, the raw reply and what was made of it.
struct StoredAttempt {
    int number = 0;
    QString outcome; // attemptOutcomeName()
    QByteArray requestJson;
    QString content;
    QString thinking;
    QString toolCallsJson; // [{"id","name","arguments"}]
    QString doneReason;
    QString errorsJson; // storederrors.h: [{"instancePath","keywordLocation","message","kind","soft",...}]
    QString errorText;
    QString backendError; // "Kind: detail", empty when none
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    QString timingsJson;
    qint64 wallMs = 0;
    // The requests of model-judged rules on this attempt, apart from its own usage (version 2).
    qint64 judgePromptTokens = 0;
    qint64 judgeCompletionTokens = 0;
    qint64 judgeWallMs = 0;
    int judgeRequests = 0; // version 4 (0 in an attempt stored before)
    // In a run of chunks (issue 13; version 3): the chunk (0-based) and recall pass (0-based) the
    // attempt belongs to; -1 in a single run.
    int chunk = -1;
    int chunkPass = -1;

    // The parts evaluateReply() reads (content and tool calls).
    AttemptRecord toAttemptRecord() const;
};

// One run (a single extraction or one batch row). Statuses: running, valid, invalid, error,
// cancelled. "valid" and "invalid" are final; the others are redone by a resumed batch.
struct StoredRun {
    qint64 id = 0;
    qint64 batchId = 0; // 0 for a single run
    QString rowId;
    QString reference;
    QDateTime createdAt;
    QDateTime finishedAt;
    QString model;
    QString mode;
    QString endpoint;
    QString schemaJson;
    QString settingsJson; // never holds an API key
    QString inputJson; // the row's variables, or the messages of a single run
    QString status;
    int attemptCount = 0;
    QString resultJson; // the valid value, or the last parsed one; empty when none
    QString message; // why it failed
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 wallMs = 0;
    // Model-judged rules, summed over the attempts, apart from the extraction's (version 2).
    qint64 judgePromptTokens = 0;
    qint64 judgeCompletionTokens = 0;
    // Their time (summed from the attempts for runs stored before) and requests (version 4).
    qint64 judgeWallMs = 0;
    int judgeRequests = 0;
    // The named checks that failed on the deciding attempt (checkfailures.h JSON; version 2).
    QString checkFailuresJson;
    // A run of chunks (issue 13; version 3): its chunks, how each ended, the merge's conflicts and
    // the merged value's errors (chunkedrunrecorder.h JSON); empty for a single run.
    QString chunksJson;
    QList<StoredAttempt> attempts; // filled by run(), not by listRuns()
};

// What a run is started with.
struct RunStart {
    qint64 batchId = 0;
    QString rowId;
    QString reference;
    QString model;
    QString mode;
    QString endpoint;
    QString schemaJson;
    QString settingsJson;
    QString inputJson;
};

// Which runs a search returns; an empty field does not filter.
struct RunFilter {
    QString text; // in the model, row id, input reference, input or result (any case)
    QString status;
    QString model; // exactly
    QString schemaJson; // exactly the stored schema text
    QDateTime from; // created at or after
    QDateTime to; // created before
    int limit = 500;
};

// The run history in SQLite through Qt SQL (design.md section 2, "Store"): WAL, one transaction
// per finished attempt and per finished run, a schema version with migrations. A database from a
// newer Formwork or a damaged file is refused and never written to. Not thread-safe: use it from
// the thread that opened it.
class HistoryDatabase final
{
    Q_DISABLE_COPY_MOVE(HistoryDatabase)

public:
    static constexpr int SchemaVersion = 4;

    HistoryDatabase();
    ~HistoryDatabase();

    // <GenericDataLocation>/formwork/history.sqlite (~/.local/share/formwork/history.sqlite): one
    // history for the window and formwork-cli. open() of this path, while it does not exist yet,
    // first takes over an earlier per-program history (see adoptEarlierHistory()).
    static QString defaultPath();
    // Where the window and formwork-cli kept their histories before they shared one:
    // <GenericDataLocation>/Formwork/formwork/history.sqlite and .../Formwork/formwork-cli/...
    static QString earlierWindowPath();
    static QString earlierCliPath();

    // What adoptEarlierHistory() did.
    struct Adoption {
        QString copiedFrom; // empty: nothing was copied
        QString notice; // one line for the user (stderr), empty when there is nothing to say
        QString error; // the copy failed: nothing was changed, the earlier files are intact
    };
    // When `target` does not exist: copies the window's earlier history there (else the CLI's),
    // through SQLite (VACUUM INTO, so what still sits in its -wal file comes along and a program
    // writing to it meanwhile is no harm), written beside `target` and renamed into place. The
    // earlier files are left as they are. When both exist the CLI's is not merged: the notice
    // names it. Nothing happens when `target` exists.
    static Adoption adoptEarlierHistory(const QString &target, const QString &windowPath, const QString &cliPath);

    // Opens (creating it when missing) and migrates. Returns an empty string, or a sentence naming
    // the file and what is wrong; then nothing was written and the database stays closed.
    QString open(const QString &path);
    void close();
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    // The last failure as a sentence (empty when the last call succeeded).
    QString lastError() const { return m_error; }

    qint64 createBatch(const StoredBatch &batch); // 0 on failure
    bool setBatchStatus(qint64 batchId, const QString &status);
    std::optional<StoredBatch> batch(qint64 batchId);
    // The newest batch for this output file that did not finish, if any.
    std::optional<StoredBatch> latestUnfinishedBatch(const QString &outPath);

    qint64 beginRun(const RunStart &start); // 0 on failure
    bool addAttempt(qint64 runId, const AttemptRecord &attempt);
    // An attempt of a run of chunks: as addAttempt(), naming its chunk and pass (0-based).
    bool addChunkAttempt(qint64 runId, const AttemptRecord &attempt, int chunk, int pass);
    // The chunks of a run of chunks (chunkedrunrecorder.h JSON), kept with the run.
    bool setRunChunks(qint64 runId, const QString &chunksJson);
    bool finishRun(qint64 runId, const QString &status, const RunResult &result);
    // Marks runs left "running" by a crash as "cancelled".
    bool abandonRunningRuns(qint64 batchId);

    // The final (valid / invalid) run of every row of a batch, newest per row.
    QList<StoredRun> finishedRuns(qint64 batchId);
    // Newest first, without attempts. `batchId` 0: every run.
    QList<StoredRun> listRuns(int limit = 100, qint64 batchId = 0);
    // With its attempts.
    std::optional<StoredRun> run(qint64 runId);

    // Runs whose model, row id, input reference, input or result contains `text` (any case), with
    // `status` (empty: any); newest first, without attempts.
    QList<StoredRun> searchRuns(const QString &text, const QString &status = {}, int limit = 500);
    // The runs `filter` lets through, newest first, without attempts.
    QList<StoredRun> findRuns(const RunFilter &filter);
    // The models of the stored runs, sorted.
    QStringList runModels();
    // Deletes a run and its attempts.
    bool deleteRun(qint64 runId);

private:
    QString fail(const QString &message);
    bool exec(const QString &sql);
    // Prepares `sql`, binds `values` in order and runs it; a failure is kept as the error (fail())
    // and gives nothing.
    std::optional<QSqlQuery> write(const QString &sql, const QVariantList &values);
    QString migrate(int from);
    bool insertAttempt(qint64 runId, const AttemptRecord &attempt, int chunk, int pass);

    QString m_connection;
    QString m_path;
    QString m_error;
    bool m_open = false;
};

// A stored status for a finished RunResult: valid, invalid, error or cancelled.
QString historyStatusOf(const RunResult &result);

// The named checks that failed on the attempt that decided the run (its last parsed one).
QList<CheckFailure> decidingCheckFailures(const RunResult &result);

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::StoredRun)
