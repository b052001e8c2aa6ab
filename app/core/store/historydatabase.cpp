// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/historydatabase.h"

#include "checks/checkfailures.h"
#include "common/compactjson.h"
#include "store/storederrors.h"

#include <QCoreApplication>
#include <QDebug>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>
#include <QVariant>

#include <algorithm>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

// "Fwk1": marks a SQLite file as a Formwork history, so another program's database is refused.
constexpr qint64 ApplicationId = 0x46776B31;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime timeFrom(const QVariant &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    time.setTimeZone(QTimeZone::utc()); // setTimeSpec() is deprecated in Qt 6.8; utc() exists in 6.4 too
    return time;
}

// Version 1: batches, runs, attempts.
const char *const SchemaV1[] = {
    "CREATE TABLE batches(id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, input_path TEXT, "
    "input_fingerprint TEXT, out_path TEXT, model TEXT, mode TEXT, schema_json TEXT, settings_json TEXT, "
    "row_count INTEGER, status TEXT NOT NULL)",
    "CREATE TABLE runs(id INTEGER PRIMARY KEY, batch_id INTEGER REFERENCES batches(id) ON DELETE CASCADE, "
    "row_id TEXT, reference TEXT, created_at TEXT NOT NULL, finished_at TEXT, model TEXT, mode TEXT, "
    "endpoint TEXT, schema_json TEXT, settings_json TEXT, input_json TEXT, status TEXT NOT NULL, "
    "attempt_count INTEGER DEFAULT 0, result_json TEXT, message TEXT, prompt_tokens INTEGER DEFAULT 0, "
    "completion_tokens INTEGER DEFAULT 0, wall_ms INTEGER DEFAULT 0)",
    "CREATE INDEX runs_by_batch ON runs(batch_id, row_id, status)",
    "CREATE TABLE attempts(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "CASCADE, number INTEGER NOT NULL, outcome TEXT, request_json BLOB, content TEXT, thinking TEXT, "
    "tool_calls_json TEXT, done_reason TEXT, errors_json TEXT, error_text TEXT, backend_error TEXT, "
    "prompt_tokens INTEGER, completion_tokens INTEGER, timings_json TEXT, wall_ms INTEGER, "
    "UNIQUE(run_id, number))",
};

// Version 2 (issue 14): the checks beyond the schema. Each error in attempts.errors_json keeps its
// kind and whether it was soft (storederrors.h; version 1 entries read as hard schema errors), the
// judges' usage is kept apart from the extraction's, and a run keeps the checks that failed.
const char *const SchemaV2[] = {
    "ALTER TABLE attempts ADD COLUMN judge_prompt_tokens INTEGER DEFAULT 0",
    "ALTER TABLE attempts ADD COLUMN judge_completion_tokens INTEGER DEFAULT 0",
    "ALTER TABLE attempts ADD COLUMN judge_wall_ms INTEGER DEFAULT 0",
    "ALTER TABLE runs ADD COLUMN judge_prompt_tokens INTEGER DEFAULT 0",
    "ALTER TABLE runs ADD COLUMN judge_completion_tokens INTEGER DEFAULT 0",
    "ALTER TABLE runs ADD COLUMN check_failures_json TEXT",
};

// Version 3 (issue 13): runs of chunks. Each attempt names its chunk and recall pass (NULL in a
// single run); the run keeps its chunks, their outcomes, the merge's conflicts and errors.
const char *const SchemaV3[] = {
    "ALTER TABLE attempts ADD COLUMN chunk INTEGER",
    "ALTER TABLE attempts ADD COLUMN chunk_pass INTEGER",
    "ALTER TABLE runs ADD COLUMN chunks_json TEXT",
};

// Version 4 (issue 14): the judges' requests of each attempt, and the judges' time and requests of
// each run, so that a resumed batch row shows what its model-judged rules cost. The earlier runs
// get the sums of their attempts (RunJudgeSums): their time, and 0 requests (not counted then).
const char *const SchemaV4[] = {
    "ALTER TABLE attempts ADD COLUMN judge_requests INTEGER DEFAULT 0",
    "ALTER TABLE runs ADD COLUMN judge_wall_ms INTEGER DEFAULT 0",
    "ALTER TABLE runs ADD COLUMN judge_requests INTEGER DEFAULT 0",
};

// A run's judge time and requests: the sums over its stored attempts (those of a run of chunks
// too), set when it finishes.
const char *const RunJudgeSums
    = "judge_wall_ms=(SELECT COALESCE(SUM(judge_wall_ms), 0) FROM attempts WHERE run_id=runs.id), "
      "judge_requests=(SELECT COALESCE(SUM(judge_requests), 0) FROM attempts WHERE run_id=runs.id)";

const char *const RunColumns
    = "id, batch_id, row_id, reference, created_at, finished_at, model, mode, endpoint, "
      "schema_json, settings_json, input_json, status, attempt_count, result_json, "
      "message, prompt_tokens, completion_tokens, wall_ms, judge_prompt_tokens, "
      "judge_completion_tokens, check_failures_json, chunks_json, judge_wall_ms, judge_requests";

StoredRun runFrom(const QSqlQuery &q)
{
    StoredRun run;
    run.id = q.value(0).toLongLong();
    run.batchId = q.value(1).toLongLong();
    run.rowId = q.value(2).toString();
    run.reference = q.value(3).toString();
    run.createdAt = timeFrom(q.value(4));
    run.finishedAt = timeFrom(q.value(5));
    run.model = q.value(6).toString();
    run.mode = q.value(7).toString();
    run.endpoint = q.value(8).toString();
    run.schemaJson = q.value(9).toString();
    run.settingsJson = q.value(10).toString();
    run.inputJson = q.value(11).toString();
    run.status = q.value(12).toString();
    run.attemptCount = q.value(13).toInt();
    run.resultJson = q.value(14).toString();
    run.message = q.value(15).toString();
    run.promptTokens = q.value(16).toLongLong();
    run.completionTokens = q.value(17).toLongLong();
    run.wallMs = q.value(18).toLongLong();
    run.judgePromptTokens = q.value(19).toLongLong();
    run.judgeCompletionTokens = q.value(20).toLongLong();
    run.checkFailuresJson = q.value(21).toString();
    run.chunksJson = q.value(22).toString();
    run.judgeWallMs = q.value(23).toLongLong();
    run.judgeRequests = q.value(24).toInt();
    return run;
}

StoredBatch batchFrom(const QSqlQuery &q)
{
    StoredBatch batch;
    batch.id = q.value(0).toLongLong();
    batch.createdAt = timeFrom(q.value(1));
    batch.inputPath = q.value(2).toString();
    batch.inputFingerprint = q.value(3).toByteArray();
    batch.outPath = q.value(4).toString();
    batch.model = q.value(5).toString();
    batch.mode = q.value(6).toString();
    batch.schemaJson = q.value(7).toString();
    batch.settingsJson = q.value(8).toString();
    batch.rowCount = q.value(9).toInt();
    batch.status = q.value(10).toString();
    return batch;
}

const char *const BatchColumns = "id, created_at, input_path, input_fingerprint, out_path, model, mode, schema_json, "
                                 "settings_json, row_count, status";

} // namespace

QList<CheckFailure> decidingCheckFailures(const RunResult &result)
{
    const AttemptRecord *attempt = decidingAttempt(result);
    return attempt ? checkFailuresOf(*attempt) : QList<CheckFailure>();
}

AttemptRecord StoredAttempt::toAttemptRecord() const
{
    AttemptRecord record;
    record.number = number;
    record.content = content;
    record.thinking = thinking;
    record.doneReason = doneReason;
    record.requestJson = requestJson;
    const Json calls = Json::parse(toolCallsJson.toStdString(), nullptr, false);
    if (calls.is_array()) {
        for (const Json &call : calls) {
            ToolCall tool;
            tool.id = QString::fromStdString(call.value("id", std::string()));
            tool.name = QString::fromStdString(call.value("name", std::string()));
            tool.argumentsJson = QString::fromStdString(call.value("arguments", std::string()));
            record.toolCalls.append(tool);
        }
    }
    return record;
}

QString historyStatusOf(const RunResult &result)
{
    if (result.success)
        return QStringLiteral("valid");
    switch (result.reason) {
    case RunFailureReason::Cancelled:
        return QStringLiteral("cancelled");
    case RunFailureReason::Backend:
    case RunFailureReason::Configuration:
        return QStringLiteral("error");
    default:
        return QStringLiteral("invalid");
    }
}

HistoryDatabase::HistoryDatabase()
    : m_connection(QStringLiteral("formwork-history-%1").arg(quintptr(this), 0, 16))
{
}

HistoryDatabase::~HistoryDatabase()
{
    close();
}

QString HistoryDatabase::defaultPath()
{
    // Not AppDataLocation: that differs between formwork and formwork-cli, and both show one history.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("formwork/history.sqlite"));
}

QString HistoryDatabase::earlierWindowPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Formwork/formwork/history.sqlite"));
}

QString HistoryDatabase::earlierCliPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Formwork/formwork-cli/history.sqlite"));
}

namespace {

// A consistent copy of the SQLite file `from` (its -wal included) at `to`, which must not exist;
// empty or the reason.
QString copyThroughSqlite(const QString &from, const QString &to)
{
    const QString connection = QStringLiteral("formwork-history-adopt-%1").arg(quintptr(&from), 0, 16);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(from);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("VACUUM INTO ?"));
            q.addBindValue(to);
            if (!q.exec())
                error = q.lastError().text();
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

} // namespace

HistoryDatabase::Adoption HistoryDatabase::adoptEarlierHistory(const QString &target, const QString &windowPath,
                                                               const QString &cliPath)
{
    Adoption adoption;
    if (QFileInfo::exists(target))
        return adoption;
    const bool window = QFileInfo(windowPath).isFile();
    const bool cli = QFileInfo(cliPath).isFile();
    if (!window && !cli)
        return adoption;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return adoption; // open() says so
    const QString from = window ? windowPath : cliPath;
    QDir().mkpath(QFileInfo(target).absolutePath());
    // Beside the target, so the rename cannot cross file systems; named per process, so two
    // programs starting at once do not write into one file (the second rename fails, harmlessly).
    const QString partial = QStringLiteral("%1.adopt-%2").arg(target).arg(QCoreApplication::applicationPid());
    QFile::remove(partial);
    if (const QString error = copyThroughSqlite(from, partial); !error.isEmpty()) {
        QFile::remove(partial);
        adoption.error
            = QCoreApplication::translate("Formwork::History", "The earlier history %1 could not be copied to %2: %3")
                  .arg(QDir::toNativeSeparators(from), QDir::toNativeSeparators(target), error);
        return adoption;
    }
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial); // another program took the history over first
        return adoption;
    }
    adoption.copiedFrom = from;
    if (window && cli)
        adoption.notice = QCoreApplication::translate("Formwork::History",
                                                      "note: the history is now %1 (from the window's %2); "
                                                      "formwork-cli's earlier runs stay in %3 (use --history %3 "
                                                      "to see them).")
                              .arg(QDir::toNativeSeparators(target), QDir::toNativeSeparators(windowPath),
                                   QDir::toNativeSeparators(cliPath));
    else
        adoption.notice = QCoreApplication::translate("Formwork::History",
                                                      "note: the history is now %1, shared by the window and "
                                                      "formwork-cli (copied from %2, which is left as it was).")
                              .arg(QDir::toNativeSeparators(target), QDir::toNativeSeparators(from));
    return adoption;
}

void HistoryDatabase::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_open = false;
}

QString HistoryDatabase::fail(const QString &message)
{
    m_error = message;
    return message;
}

bool HistoryDatabase::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(sql))
        return true;
    fail(QCoreApplication::translate("Formwork::History", "The history %1 could not be written: %2")
             .arg(QDir::toNativeSeparators(m_path), q.lastError().text()));
    return false;
}

std::optional<QSqlQuery> HistoryDatabase::write(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q;
}

QString HistoryDatabase::open(const QString &path)
{
    close();
    m_error.clear();
    m_path = path;
    const QString shown = QDir::toNativeSeparators(path);
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return fail(QCoreApplication::translate(
            "Formwork::History",
            "The history cannot be opened: Qt's SQLite driver is missing (install libqt6sql6-sqlite)."));
    if (path == defaultPath() && !QFileInfo::exists(path)) {
        // The first start with the shared history: the runs of the per-program one come along.
        const Adoption adoption = adoptEarlierHistory(path, earlierWindowPath(), earlierCliPath());
        if (!adoption.error.isEmpty())
            return fail(adoption.error);
        if (!adoption.notice.isEmpty())
            qWarning().noquote() << adoption.notice;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            const QString reason = db.lastError().text();
            db = QSqlDatabase();
            close();
            return fail(QCoreApplication::translate("Formwork::History", "The history %1 cannot be opened: %2")
                            .arg(shown, reason));
        }
    }
    // Reading first: a damaged or foreign file fails here, before anything is written to it.
    auto refuse = [this, &shown](const QString &why) {
        close();
        return fail(
            QCoreApplication::translate("Formwork::History", "The history %1 was not opened and was left untouched: %2")
                .arg(shown, why));
    };
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return refuse(QCoreApplication::translate(
                          "Formwork::History",
                          "it is not a SQLite database or it is damaged (%1). Move it away to start a new history.")
                          .arg(q.lastError().text()));
    const int version = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
        return refuse(
            QCoreApplication::translate("Formwork::History", "it is damaged (%1).").arg(q.lastError().text()));
    const qint64 applicationId = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return refuse(
            QCoreApplication::translate("Formwork::History", "it is damaged (%1). Move it away to start a new history.")
                .arg(q.lastError().text()));
    const int objects = q.value(0).toInt();
    if (version > SchemaVersion)
        return refuse(QCoreApplication::translate(
                          "Formwork::History",
                          "it was written by a newer Formwork (history version %1; this one reads up to %2).")
                          .arg(version)
                          .arg(SchemaVersion));
    if ((applicationId != 0 && applicationId != ApplicationId) || (version == 0 && objects > 0))
        return refuse(QCoreApplication::translate("Formwork::History", "it is a SQLite database of another program."));
    q.finish();

    m_open = true;
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"))) {
        const QString message = m_error;
        close();
        return fail(message);
    }
    if (const QString error = migrate(version); !error.isEmpty()) {
        close();
        return fail(error);
    }
    return {};
}

QString HistoryDatabase::migrate(int from)
{
    if (from == SchemaVersion)
        return {};
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    bool ok = true;
    if (from < 1) {
        for (const char *sql : SchemaV1)
            ok = ok && exec(QString::fromLatin1(sql));
        ok = ok && exec(QStringLiteral("PRAGMA application_id=%1").arg(ApplicationId));
    }
    if (from < 2) {
        for (const char *sql : SchemaV2)
            ok = ok && exec(QString::fromLatin1(sql));
    }
    if (from < 3) {
        for (const char *sql : SchemaV3)
            ok = ok && exec(QString::fromLatin1(sql));
    }
    if (from < 4) {
        for (const char *sql : SchemaV4)
            ok = ok && exec(QString::fromLatin1(sql));
        ok = ok && exec(QStringLiteral("UPDATE runs SET ") + QLatin1String(RunJudgeSums));
    }
    // Later versions add their steps here: if (from < 5) { ... }
    ok = ok && exec(QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion));
    if (!ok || !db.commit()) {
        const QString message = m_error.isEmpty() ? db.lastError().text() : m_error;
        db.rollback();
        return message;
    }
    return {};
}

qint64 HistoryDatabase::createBatch(const StoredBatch &batch)
{
    const std::optional<QSqlQuery> q
        = write(QStringLiteral("INSERT INTO batches(created_at, input_path, input_fingerprint, out_path, model, mode, "
                               "schema_json, settings_json, row_count, status) VALUES(?,?,?,?,?,?,?,?,?,?)"),
                { now(), batch.inputPath, QString::fromLatin1(batch.inputFingerprint), batch.outPath, batch.model,
                  batch.mode, batch.schemaJson, batch.settingsJson, batch.rowCount,
                  batch.status.isEmpty() ? QStringLiteral("running") : batch.status });
    return q ? q->lastInsertId().toLongLong() : 0;
}

bool HistoryDatabase::setBatchStatus(qint64 batchId, const QString &status)
{
    return write(QStringLiteral("UPDATE batches SET status=? WHERE id=?"), { status, batchId }).has_value();
}

std::optional<StoredBatch> HistoryDatabase::batch(qint64 batchId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT %1 FROM batches WHERE id=?").arg(QLatin1String(BatchColumns)));
    q.addBindValue(batchId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return batchFrom(q);
}

std::optional<StoredBatch> HistoryDatabase::latestUnfinishedBatch(const QString &outPath)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT %1 FROM batches WHERE out_path=? AND status<>'finished' ORDER BY id DESC LIMIT 1")
                  .arg(QLatin1String(BatchColumns)));
    q.addBindValue(outPath);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return batchFrom(q);
}

qint64 HistoryDatabase::beginRun(const RunStart &start)
{
    const std::optional<QSqlQuery> q
        = write(QStringLiteral("INSERT INTO runs(batch_id, row_id, reference, created_at, model, mode, endpoint, "
                               "schema_json, settings_json, input_json, status) VALUES(?,?,?,?,?,?,?,?,?,?,'running')"),
                { start.batchId > 0 ? QVariant(start.batchId) : QVariant(), start.rowId, start.reference, now(),
                  start.model, start.mode, start.endpoint, start.schemaJson, start.settingsJson, start.inputJson });
    return q ? q->lastInsertId().toLongLong() : 0;
}

bool HistoryDatabase::addAttempt(qint64 runId, const AttemptRecord &attempt)
{
    return insertAttempt(runId, attempt, -1, -1);
}

bool HistoryDatabase::addChunkAttempt(qint64 runId, const AttemptRecord &attempt, int chunk, int pass)
{
    return insertAttempt(runId, attempt, std::max(chunk, 0), std::max(pass, 0));
}

bool HistoryDatabase::setRunChunks(qint64 runId, const QString &chunksJson)
{
    return write(QStringLiteral("UPDATE runs SET chunks_json=? WHERE id=?"), { chunksJson, runId }).has_value();
}

bool HistoryDatabase::insertAttempt(qint64 runId, const AttemptRecord &a, int chunk, int pass)
{
    Json calls = Json::array();
    for (const ToolCall &call : a.toolCalls)
        calls.push_back(
            Json { { "id", utf8(call.id) }, { "name", utf8(call.name) }, { "arguments", utf8(call.argumentsJson) } });
    const Json timings { { "load_ns", a.timings.loadNs },
                         { "prompt_eval_ns", a.timings.promptEvalNs },
                         { "eval_ns", a.timings.evalNs },
                         { "total_ns", a.timings.totalNs },
                         { "first_token_ms", a.timeToFirstTokenMs } };
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO attempts(run_id, number, outcome, request_json, content, thinking, "
        "tool_calls_json, done_reason, errors_json, error_text, backend_error, prompt_tokens, "
        "completion_tokens, timings_json, wall_ms, judge_prompt_tokens, judge_completion_tokens, "
        "judge_wall_ms, chunk, chunk_pass, judge_requests) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(runId);
    q.addBindValue(a.number);
    q.addBindValue(attemptOutcomeName(a.outcome));
    q.addBindValue(a.requestJson);
    q.addBindValue(a.content);
    q.addBindValue(a.thinking);
    q.addBindValue(compactJsonText(calls));
    q.addBindValue(a.doneReason);
    q.addBindValue(storedErrorsJson(a));
    q.addBindValue(a.errorText);
    q.addBindValue(a.backendError ? QStringLiteral("%1: %2").arg(kindName(a.backendError->kind), a.backendError->detail)
                                  : QString());
    q.addBindValue(a.usage.promptTokens);
    q.addBindValue(a.usage.completionTokens);
    q.addBindValue(compactJsonText(timings));
    q.addBindValue(a.wallTimeMs);
    q.addBindValue(a.judgeUsage.promptTokens);
    q.addBindValue(a.judgeUsage.completionTokens);
    q.addBindValue(a.judgeWallTimeMs);
    q.addBindValue(chunk >= 0 ? QVariant(chunk) : QVariant());
    q.addBindValue(pass >= 0 ? QVariant(pass) : QVariant());
    q.addBindValue(a.judgeRequests);
    bool ok = q.exec();
    if (ok) {
        QSqlQuery count(db);
        count.prepare(QStringLiteral("UPDATE runs SET attempt_count=(SELECT count(*) FROM attempts WHERE run_id=?) "
                                     "WHERE id=?"));
        count.addBindValue(runId);
        count.addBindValue(runId);
        ok = count.exec();
        if (!ok)
            fail(count.lastError().text());
    } else {
        fail(q.lastError().text());
    }
    if (!ok || !db.commit()) {
        db.rollback();
        return false;
    }
    return true;
}

bool HistoryDatabase::finishRun(qint64 runId, const QString &status, const RunResult &result)
{
    return write(QStringLiteral("UPDATE runs SET status=?, finished_at=?, result_json=?, message=?, prompt_tokens=?, "
                                "completion_tokens=?, wall_ms=?, judge_prompt_tokens=?, judge_completion_tokens=?, "
                                "check_failures_json=?, %1 WHERE id=?")
                     .arg(QLatin1String(RunJudgeSums)),
                 { status, now(), result.hasValue ? compactJsonText(result.value) : QString(), result.message,
                   result.usage.promptTokens, result.usage.completionTokens, result.wallTimeMs,
                   result.judgeUsage.promptTokens, result.judgeUsage.completionTokens,
                   checkFailuresJson(decidingCheckFailures(result)), runId })
        .has_value();
}

bool HistoryDatabase::abandonRunningRuns(qint64 batchId)
{
    return write(QStringLiteral("UPDATE runs SET status='cancelled', message=? WHERE batch_id=? AND status='running'"),
                 { QCoreApplication::translate("Formwork::History", "Interrupted before it finished."), batchId })
        .has_value();
}

QList<StoredRun> HistoryDatabase::finishedRuns(qint64 batchId)
{
    QList<StoredRun> runs;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id IN (SELECT max(id) FROM runs WHERE batch_id=? AND status "
                             "IN ('valid','invalid') GROUP BY row_id) ORDER BY id")
                  .arg(QLatin1String(RunColumns)));
    q.addBindValue(batchId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return runs;
    }
    while (q.next())
        runs.append(runFrom(q));
    return runs;
}

QList<StoredRun> HistoryDatabase::listRuns(int limit, qint64 batchId)
{
    QList<StoredRun> runs;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    const QString where = batchId > 0 ? QStringLiteral("WHERE batch_id=?") : QString();
    q.prepare(QStringLiteral("SELECT %1 FROM runs %2 ORDER BY id DESC LIMIT ?").arg(QLatin1String(RunColumns), where));
    if (batchId > 0)
        q.addBindValue(batchId);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(q.lastError().text());
        return runs;
    }
    while (q.next())
        runs.append(runFrom(q));
    return runs;
}

std::optional<StoredRun> HistoryDatabase::run(qint64 runId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id=?").arg(QLatin1String(RunColumns)));
    q.addBindValue(runId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    StoredRun run = runFrom(q);
    QSqlQuery a(QSqlDatabase::database(m_connection, false));
    a.setForwardOnly(true);
    a.prepare(QStringLiteral(
        "SELECT number, outcome, request_json, content, thinking, tool_calls_json, done_reason, "
        "errors_json, error_text, backend_error, prompt_tokens, completion_tokens, timings_json, "
        "wall_ms, judge_prompt_tokens, judge_completion_tokens, judge_wall_ms, chunk, chunk_pass, judge_requests "
        "FROM attempts "
        "WHERE run_id=? "
        "ORDER BY number"));
    a.addBindValue(runId);
    if (!a.exec())
        return run;
    while (a.next()) {
        StoredAttempt attempt;
        attempt.number = a.value(0).toInt();
        attempt.outcome = a.value(1).toString();
        attempt.requestJson = a.value(2).toByteArray();
        attempt.content = a.value(3).toString();
        attempt.thinking = a.value(4).toString();
        attempt.toolCallsJson = a.value(5).toString();
        attempt.doneReason = a.value(6).toString();
        attempt.errorsJson = a.value(7).toString();
        attempt.errorText = a.value(8).toString();
        attempt.backendError = a.value(9).toString();
        attempt.promptTokens = a.value(10).toLongLong();
        attempt.completionTokens = a.value(11).toLongLong();
        attempt.timingsJson = a.value(12).toString();
        attempt.wallMs = a.value(13).toLongLong();
        attempt.judgePromptTokens = a.value(14).toLongLong();
        attempt.judgeCompletionTokens = a.value(15).toLongLong();
        attempt.judgeWallMs = a.value(16).toLongLong();
        attempt.chunk = a.value(17).isNull() ? -1 : a.value(17).toInt();
        attempt.chunkPass = a.value(18).isNull() ? -1 : a.value(18).toInt();
        attempt.judgeRequests = a.value(19).toInt();
        run.attempts.append(attempt);
    }
    return run;
}

QList<StoredRun> HistoryDatabase::searchRuns(const QString &text, const QString &status, int limit)
{
    RunFilter filter;
    filter.text = text;
    filter.status = status;
    filter.limit = limit;
    return findRuns(filter);
}

QList<StoredRun> HistoryDatabase::findRuns(const RunFilter &filter)
{
    QList<StoredRun> runs;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    QStringList where;
    QVariantList values;
    if (!filter.text.isEmpty()) {
        const QStringList columns = { QStringLiteral("model"), QStringLiteral("row_id"), QStringLiteral("reference"),
                                      QStringLiteral("input_json"), QStringLiteral("result_json") };
        // The text is matched literally: LIKE's own wildcards in it are escaped.
        QString literal = filter.text;
        literal.replace(QStringLiteral("\\"), QStringLiteral("\\\\"))
            .replace(QStringLiteral("%"), QStringLiteral("\\%"))
            .replace(QStringLiteral("_"), QStringLiteral("\\_"));
        QStringList matches;
        for (const QString &column : columns) {
            matches.append(QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(column));
            values.append(QString(u'%' + literal + u'%'));
        }
        where.append(QString(u'(' + matches.join(QStringLiteral(" OR ")) + u')'));
    }
    const auto exactly = [&where, &values](const char *column, const QString &value) {
        if (value.isEmpty())
            return;
        where.append(QStringLiteral("%1 = ?").arg(QLatin1String(column)));
        values.append(value);
    };
    exactly("status", filter.status);
    exactly("model", filter.model);
    exactly("schema_json", filter.schemaJson);
    // created_at is ISO 8601 in UTC with milliseconds, so text order is time order.
    if (filter.from.isValid()) {
        where.append(QStringLiteral("created_at >= ?"));
        values.append(filter.from.toUTC().toString(Qt::ISODateWithMs));
    }
    if (filter.to.isValid()) {
        where.append(QStringLiteral("created_at < ?"));
        values.append(filter.to.toUTC().toString(Qt::ISODateWithMs));
    }
    const QString clause = where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    q.prepare(QStringLiteral("SELECT %1 FROM runs %2 ORDER BY id DESC LIMIT %3")
                  .arg(QLatin1String(RunColumns), clause)
                  .arg(std::max(1, filter.limit)));
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    if (!q.exec()) {
        fail(q.lastError().text());
        return runs;
    }
    while (q.next())
        runs.append(runFrom(q));
    return runs;
}

QStringList HistoryDatabase::runModels()
{
    QStringList models;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT DISTINCT model FROM runs WHERE model IS NOT NULL AND model <> '' ORDER BY model"))) {
        fail(q.lastError().text());
        return models;
    }
    while (q.next())
        models.append(q.value(0).toString());
    return models;
}

bool HistoryDatabase::deleteRun(qint64 runId)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM attempts WHERE run_id=?"));
    q.addBindValue(runId);
    bool ok = q.exec();
    QSqlQuery r(db);
    r.prepare(QStringLiteral("DELETE FROM runs WHERE id=?"));
    r.addBindValue(runId);
    ok = ok && r.exec() && r.numRowsAffected() == 1;
    if (!ok || !db.commit()) {
        fail(q.lastError().isValid() ? q.lastError().text() : r.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

} // namespace Formwork
