// SPDX-License-Identifier: GPL-3.0-or-later
// The run history in SQLite: schema version, WAL, restart, refusal of newer and damaged files,
// re-validation against an edited schema.
#include "checks/checkfailures.h"
#include "jsoncompare.h"
#include "store/historydatabase.h"
#include "store/historyrevalidation.h"
#include "store/storederrors.h"
#include "store/storedrunreplay.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A raw SQLite connection to set up files the history must refuse.
void rawSql(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql : statements)
            QVERIFY2(q.exec(sql), qPrintable(sql));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

AttemptRecord attempt(int number, const QString &content, AttemptOutcome outcome)
{
    AttemptRecord a;
    a.number = number;
    a.content = content;
    a.outcome = outcome;
    a.requestJson = "{\"model\":\"m\",\"messages\":[]}";
    a.usage.promptTokens = 10 * number;
    a.usage.completionTokens = 5;
    a.wallTimeMs = 12;
    a.errorText = outcome == AttemptOutcome::Valid ? QString() : QStringLiteral("/age: -1 is less than 0");
    return a;
}

RunResult result(bool success, const QString &value, int attempts)
{
    RunResult r;
    r.success = success;
    r.reason = success ? RunFailureReason::None : RunFailureReason::Exhausted;
    r.value = Json::parse(value.toStdString(), nullptr, false);
    r.hasValue = !r.value.is_discarded();
    if (!r.hasValue)
        r.value = Json();
    r.usage.promptTokens = 10;
    r.usage.completionTokens = 5 * attempts;
    r.message = success ? QString() : QStringLiteral("3 attempts, none valid");
    return r;
}

// One finished run with a single attempt whose reply is `content`.
qint64 storeRun(HistoryDatabase &history, qint64 batch, const QString &rowId, const QString &content, bool valid)
{
    RunStart start;
    start.batchId = batch;
    start.rowId = rowId;
    start.model = QStringLiteral("m");
    start.mode = QStringLiteral("schema");
    start.settingsJson = QStringLiteral("{\"tool_name\":\"extract\"}");
    const qint64 id = history.beginRun(start);
    if (id == 0
        || !history.addAttempt(id, attempt(1, content, valid ? AttemptOutcome::Valid : AttemptOutcome::SchemaInvalid)))
        return 0;
    return history.finishRun(id, valid ? QStringLiteral("valid") : QStringLiteral("invalid"), result(valid, content, 1))
        ? id
        : 0;
}

Schema compile(const char *text)
{
    return std::move(Schema::compile(Json::parse(text))).value();
}

} // namespace

class TestHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // One file for the window and formwork-cli (issue 12): not AppDataLocation, which differs
    // between the two programs.
    void defaultPath_sharedByWindowAndCli()
    {
        const QString generic = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        QCOMPARE(HistoryDatabase::defaultPath(), generic + QStringLiteral("/formwork/history.sqlite"));
        QCOMPARE(HistoryDatabase::earlierWindowPath(), generic + QStringLiteral("/Formwork/formwork/history.sqlite"));
        QCOMPARE(HistoryDatabase::earlierCliPath(), generic + QStringLiteral("/Formwork/formwork-cli/history.sqlite"));
    }

    // Each test program has a home of its own (add_formwork_test sets HOME), so test programs run
    // in parallel never share the test-mode default history.
    void defaultPath_underThisTestProgramsOwnHome()
    {
        const QString home = QDir::homePath();
        QVERIFY2(home.endsWith(QStringLiteral("/tests/home/tst_history")), qPrintable(home));
        QVERIFY2(HistoryDatabase::defaultPath().startsWith(home + QLatin1Char('/')),
                 qPrintable(HistoryDatabase::defaultPath()));
    }

    // The window's earlier history, still open and with its runs only in the -wal file, is copied
    // whole; the earlier file stays as it was.
    void adopt_earlierWithUncheckpointedWal_everyRunCopied()
    {
        QTemporaryDir dir;
        const QString window = dir.filePath(QStringLiteral("Formwork/formwork/history.sqlite"));
        const QString target = dir.filePath(QStringLiteral("formwork/history.sqlite"));
        HistoryDatabase earlier;
        QCOMPARE(earlier.open(window), QString());
        for (int i = 1; i <= 3; ++i)
            QVERIFY(storeRun(earlier, 0, QString::number(i), QStringLiteral("{\"age\":1}"), true) > 0);
        QVERIFY(QFileInfo(window + QStringLiteral("-wal")).size() > 0); // not checkpointed: open

        const auto adoption
            = HistoryDatabase::adoptEarlierHistory(target, window, dir.filePath(QStringLiteral("none")));
        QCOMPARE(adoption.error, QString());
        QCOMPARE(adoption.copiedFrom, window);
        QVERIFY(adoption.notice.contains(QDir::toNativeSeparators(window)));
        QVERIFY(QDir(dir.filePath(QStringLiteral("formwork"))).entryList({ QStringLiteral("*.adopt-*") }).isEmpty());
        HistoryDatabase shared;
        QCOMPARE(shared.open(target), QString());
        QCOMPARE(shared.listRuns().size(), 3);
        QCOMPARE(shared.run(shared.listRuns().constFirst().id)->attempts.size(), 1);
        QCOMPARE(earlier.listRuns().size(), 3); // the earlier one works on, untouched
        QVERIFY(storeRun(earlier, 0, QStringLiteral("4"), QStringLiteral("{}"), true) > 0);
    }

    // Both programs had a history: the window's is taken, the CLI's is left in place and named.
    void adopt_bothEarlier_windowsTakenCliNamedInNotice()
    {
        QTemporaryDir dir;
        const QString window = dir.filePath(QStringLiteral("w/history.sqlite"));
        const QString cli = dir.filePath(QStringLiteral("c/history.sqlite"));
        const QString target = dir.filePath(QStringLiteral("shared/history.sqlite"));
        {
            HistoryDatabase w;
            QCOMPARE(w.open(window), QString());
            QVERIFY(storeRun(w, 0, QStringLiteral("window"), QStringLiteral("{}"), true) > 0);
            HistoryDatabase c;
            QCOMPARE(c.open(cli), QString());
            QVERIFY(storeRun(c, 0, QStringLiteral("cli-1"), QStringLiteral("{}"), true) > 0);
            QVERIFY(storeRun(c, 0, QStringLiteral("cli-2"), QStringLiteral("{}"), true) > 0);
        }
        const auto adoption = HistoryDatabase::adoptEarlierHistory(target, window, cli);
        QCOMPARE(adoption.copiedFrom, window);
        QVERIFY2(adoption.notice.contains(QDir::toNativeSeparators(cli)), qPrintable(adoption.notice));
        QVERIFY(!adoption.notice.contains(u'\n'));
        HistoryDatabase shared;
        QCOMPARE(shared.open(target), QString());
        QCOMPARE(shared.listRuns().size(), 1);
        QCOMPARE(shared.listRuns().constFirst().rowId, QStringLiteral("window"));
        HistoryDatabase c;
        QCOMPARE(c.open(cli), QString());
        QCOMPARE(c.listRuns().size(), 2);

        // Once the shared file exists, nothing is copied again.
        shared.close();
        const auto again = HistoryDatabase::adoptEarlierHistory(target, window, cli);
        QCOMPARE(again.copiedFrom, QString());
        QCOMPARE(again.notice, QString());
        QVERIFY(shared.open(target).isEmpty());
        QCOMPARE(shared.listRuns().size(), 1);
    }

    // An earlier file that is not a database is not copied and the shared one is not created, so
    // nothing is lost and the next start tries again.
    void adopt_damagedEarlier_errorAndNothingCreated()
    {
        QTemporaryDir dir;
        const QString window = dir.filePath(QStringLiteral("w.sqlite"));
        QFile file(window);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const QString target = dir.filePath(QStringLiteral("shared/history.sqlite"));
        const auto adoption = HistoryDatabase::adoptEarlierHistory(target, window, QString());
        QVERIFY2(adoption.error.contains(QDir::toNativeSeparators(window)), qPrintable(adoption.error));
        QVERIFY(!QFileInfo::exists(target));
        QCOMPARE(QFileInfo(window).size(), 4096);
    }

    // open() of the default path takes the earlier history over by itself. Under a HOME of its
    // own: the test-mode data folder is shared by every test program, and this one removes files.
    void open_defaultPathFirstTime_takesTheEarlierRunsOver()
    {
        QTemporaryDir home;
        const QByteArray realHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        const auto restore = qScopeGuard([&realHome] { qputenv("HOME", realHome); });
        QVERIFY(HistoryDatabase::defaultPath().startsWith(home.path()));
        {
            HistoryDatabase cli;
            QCOMPARE(cli.open(HistoryDatabase::earlierCliPath()), QString());
            QVERIFY(storeRun(cli, 0, QStringLiteral("from-cli"), QStringLiteral("{}"), true) > 0);
        }
        HistoryDatabase shared;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^note: the history is now ")));
        QCOMPARE(shared.open(HistoryDatabase::defaultPath()), QString());
        QCOMPARE(shared.listRuns().size(), 1);
        QCOMPARE(shared.listRuns().constFirst().rowId, QStringLiteral("from-cli"));
    }

    void open_newFile_walAndVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/history.sqlite"));
        HistoryDatabase history;
        QCOMPARE(history.open(path), QString());
        QVERIFY(history.isOpen());
        QVERIFY(storeRun(history, 0, QStringLiteral("1"), QStringLiteral("{\"age\":1}"), true) > 0);
        history.close();
        rawSql(path, {});
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryDatabase::SchemaVersion);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void open_versionOneFile_upgradedWithEveryRunKept()
    {
        // A history written by the Formwork before the checks (version 1, tests/data/history).
        const QString fixture = Test::testDataPath(QStringLiteral("history/history-v1.sqlite"));
        const QByteArray original = readAll(fixture);
        QVERIFY(!original.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(QFile::copy(fixture, path));
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            const auto run = history.run(1);
            QVERIFY(run.has_value());
            QCOMPARE(run->status, QStringLiteral("valid"));
            QCOMPARE(run->attempts.size(), 2);
            QCOMPARE(run->promptTokens, 50);
            QCOMPARE(run->judgePromptTokens, 0);
            QCOMPARE(run->attempts.at(0).judgeCompletionTokens, 0);
            // The old errors read as what they were: hard schema errors.
            const StoredErrors errors = storedErrorsFrom(run->attempts.at(0).errorsJson);
            QCOMPARE(errors.hard.size(), 1);
            QCOMPARE(errors.hard.first().instancePath, QStringLiteral("/age"));
            QCOMPARE(errors.hard.first().kind, QString());
            QVERIFY(errors.soft.isEmpty());
            QCOMPARE(history.batch(1)->status, QStringLiteral("stopped"));
            // The upgraded file takes runs with the new columns.
            QVERIFY(storeRun(history, 1, QStringLiteral("2"), QStringLiteral("{\"age\":1}"), true) > 0);
            QCOMPARE(history.listRuns(10, 1).size(), 2);
        }
        QCOMPARE(readAll(fixture), original); // the fixture itself is never written
        rawSql(path, {});
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryDatabase::SchemaVersion);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        // Opening it again does not migrate twice.
        HistoryDatabase again;
        QCOMPARE(again.open(path), QString());
        QCOMPARE(again.run(1)->attempts.size(), 2);
    }

    void open_versionTwoFile_upgradedForRunsOfChunks()
    {
        // A history written before runs of chunks were stored (version 2, tests/data/history):
        // its runs read as single runs; the upgraded file takes a run of chunks.
        const QString fixture = Test::testDataPath(QStringLiteral("history/history-v2.sqlite"));
        const QByteArray original = readAll(fixture);
        QVERIFY(!original.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(QFile::copy(fixture, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            const auto single = history.run(2);
            QVERIFY(single.has_value());
            QCOMPARE(single->status, QStringLiteral("valid"));
            QCOMPARE(single->judgePromptTokens, 11); // version 2's columns kept
            QCOMPARE(single->chunksJson, QString());
            QCOMPARE(single->attempts.size(), 1);
            QCOMPARE(single->attempts.at(0).chunk, -1);
            QCOMPARE(single->attempts.at(0).judgeWallMs, 150);
            // Version 4: the run's judge time is summed from its attempts; its requests are unknown.
            QCOMPARE(single->judgeWallMs, 150);
            QCOMPARE(single->judgeRequests, 0);
            QCOMPARE(single->attempts.at(0).judgeRequests, 0);
            QCOMPARE(history.run(1)->attempts.size(), 2);

            RunStart start;
            start.model = QStringLiteral("m");
            start.mode = QStringLiteral("schema");
            const qint64 id = history.beginRun(start);
            QVERIFY(id > 0);
            AttemptRecord first;
            first.number = 1;
            first.outcome = AttemptOutcome::Valid;
            AttemptRecord second = first;
            second.number = 2;
            QVERIFY(history.addChunkAttempt(id, first, 0, 0));
            QVERIFY(history.addChunkAttempt(id, second, 1, 0));
            QVERIFY(history.setRunChunks(id, QStringLiteral("{\"chunks\":[]}")));
            const auto chunked = history.run(id);
            QCOMPARE(chunked->attempts.at(1).chunk, 1);
            QCOMPARE(chunked->attempts.at(1).chunkPass, 0);
            QCOMPARE(chunked->chunksJson, QStringLiteral("{\"chunks\":[]}"));
            QCOMPARE(chunked->attemptCount, 2);
        }
        QCOMPARE(readAll(fixture), original);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryDatabase::SchemaVersion);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        HistoryDatabase again;
        QCOMPARE(again.open(path), QString());
        QCOMPARE(again.listRuns().size(), 3);
    }

    void checkErrors_keepTheirKindSoftnessAndJudgeUsage()
    {
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("history.sqlite"))), QString());
        RunStart start;
        start.model = QStringLiteral("m");
        start.mode = QStringLiteral("json");
        start.schemaJson = QStringLiteral("{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"number\"},"
                                          "\"buyer\":{\"type\":\"string\"}}}");
        start.settingsJson = QStringLiteral("{\"tool_name\":\"extract\"}");
        const qint64 id = history.beginRun(start);
        QVERIFY(id > 0);
        const QString content = QStringLiteral("{\"total\": 5, \"buyer\": \"Zed\"}");
        AttemptRecord a = attempt(1, content, AttemptOutcome::SchemaInvalid);
        ValidationError sum;
        sum.instancePath = QStringLiteral("/total");
        sum.kind = QStringLiteral("expression");
        sum.keyword = QStringLiteral("sum");
        sum.message = QStringLiteral("total must be the sum");
        sum.range = { 10, 11 };
        ValidationError grounded = sum;
        grounded.instancePath = QStringLiteral("/buyer");
        grounded.kind = QStringLiteral("grounding");
        grounded.keyword = QStringLiteral("buyer-in-text");
        grounded.message = QStringLiteral("not found in the input");
        grounded.range = { 23, 28 };
        a.errors = { sum };
        a.softErrors = { grounded };
        a.judgeUsage = { 100, 20 };
        a.judgeWallTimeMs = 333;
        a.judgeRequests = 2;
        a.parsed = true;
        a.value = Json::parse(content.toStdString());
        QVERIFY(history.addAttempt(id, a));
        RunResult r = result(false, content, 1);
        r.attempts = { a };
        r.judgeUsage = { 100, 20 };
        QVERIFY(history.finishRun(id, QStringLiteral("invalid"), r));

        const auto run = history.run(id);
        QVERIFY(run.has_value());
        QCOMPARE(run->judgePromptTokens, 100);
        QCOMPARE(run->judgeCompletionTokens, 20);
        QCOMPARE(run->promptTokens, 10); // the extraction's own, apart
        // Version 4: the judges' time and requests of the run, summed over its attempts.
        QCOMPARE(run->judgeWallMs, 333);
        QCOMPARE(run->judgeRequests, 2);
        const StoredAttempt &stored = run->attempts.first();
        QCOMPARE(stored.judgePromptTokens, 100);
        QCOMPARE(stored.judgeWallMs, 333);
        QCOMPARE(stored.judgeRequests, 2);
        const StoredErrors errors = storedErrorsFrom(stored.errorsJson);
        QCOMPARE(errors.hard.size(), 1);
        QCOMPARE(errors.hard.first().kind, QStringLiteral("expression"));
        QCOMPARE(errors.hard.first().keyword, QStringLiteral("sum"));
        QCOMPARE(errors.hard.first().range.begin, 10);
        QCOMPARE(errors.soft.size(), 1);
        QCOMPARE(errors.soft.first().kind, QStringLiteral("grounding"));
        const QList<CheckFailure> failures = checkFailuresFromJson(run->checkFailuresJson);
        const QList<CheckFailure> expected { { QStringLiteral("sum"), QStringLiteral("expression"), false },
                                             { QStringLiteral("buyer-in-text"), QStringLiteral("grounding"), true } };
        QCOMPARE(failures, expected);

        // The replay shows the check errors again, with their kind and range, beside the schema's.
        const ReplayedRun replay = replayStoredRun(*run);
        QCOMPARE(replay.attempts.size(), 1);
        const AttemptRecord &replayed = replay.attempts.first();
        QCOMPARE(replayed.errors.size(), 1);
        QCOMPARE(replayed.errors.first().kind, QStringLiteral("expression"));
        QCOMPARE(replayed.errors.first().range.end, 11);
        QCOMPARE(replayed.softErrors.size(), 1);
        QCOMPARE(replayed.softErrors.first().keyword, QStringLiteral("buyer-in-text"));
        QCOMPARE(replayed.judgeUsage.promptTokens, 100);
        QCOMPARE(replayed.judgeRequests, 2);
        QCOMPARE(replay.result.judgeUsage.completionTokens, 20);
        QCOMPARE(replay.result.usage.promptTokens, 10);
    }

    void runs_surviveARestart_withEveryAttempt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        qint64 id = 0;
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            StoredBatch batch;
            batch.inputPath = QStringLiteral("/in.csv");
            batch.inputFingerprint = "abc";
            batch.outPath = QStringLiteral("/out.csv");
            batch.model = QStringLiteral("m");
            const qint64 batchId = history.createBatch(batch);
            QVERIFY(batchId > 0);
            RunStart start;
            start.batchId = batchId;
            start.rowId = QStringLiteral("4");
            start.reference = QStringLiteral("in.csv:5");
            start.model = QStringLiteral("m");
            start.mode = QStringLiteral("json");
            start.inputJson = QStringLiteral("{\"text\":\"x\"}");
            id = history.beginRun(start);
            QVERIFY(id > 0);
            AttemptRecord first = attempt(1, QStringLiteral("{\"age\":-1}"), AttemptOutcome::SchemaInvalid);
            first.toolCalls.append(
                ToolCall { 0, QStringLiteral("c1"), QStringLiteral("extract"), QStringLiteral("{}") });
            QVERIFY(history.addAttempt(id, first));
            QVERIFY(history.addAttempt(id, attempt(2, QStringLiteral("{\"age\":3}"), AttemptOutcome::Valid)));
            QVERIFY(history.finishRun(id, QStringLiteral("valid"), result(true, QStringLiteral("{\"age\":3}"), 2)));
            QCOMPARE(history.latestUnfinishedBatch(QStringLiteral("/out.csv"))->id, batchId);
            QVERIFY(history.setBatchStatus(batchId, QStringLiteral("finished")));
            QVERIFY(!history.latestUnfinishedBatch(QStringLiteral("/out.csv")));
        }
        HistoryDatabase reopened;
        QCOMPARE(reopened.open(path), QString());
        const auto run = reopened.run(id);
        QVERIFY(run.has_value());
        QCOMPARE(run->status, QStringLiteral("valid"));
        QCOMPARE(run->rowId, QStringLiteral("4"));
        QCOMPARE(run->reference, QStringLiteral("in.csv:5"));
        QCOMPARE(run->attemptCount, 2);
        QCOMPARE(run->attempts.size(), 2);
        QCOMPARE(run->attempts.at(0).content, QStringLiteral("{\"age\":-1}"));
        QCOMPARE(run->attempts.at(0).outcome, attemptOutcomeName(AttemptOutcome::SchemaInvalid));
        QCOMPARE(run->attempts.at(0).errorText, QStringLiteral("/age: -1 is less than 0"));
        QCOMPARE(run->attempts.at(0).requestJson, QByteArray("{\"model\":\"m\",\"messages\":[]}"));
        QCOMPARE(run->attempts.at(0).toAttemptRecord().toolCalls.size(), 1);
        QCOMPARE(run->attempts.at(1).promptTokens, 20);
        QCOMPARE_JSON(Json::parse(run->resultJson.toStdString()), Json::parse("{\"age\":3}"));
        QVERIFY(run->createdAt.isValid());
        QCOMPARE(reopened.listRuns().size(), 1);
    }

    void finishedRuns_newestFinalRunPerRow_runningAbandoned()
    {
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        const qint64 batch = history.createBatch(StoredBatch());
        QVERIFY(storeRun(history, batch, QStringLiteral("1"), QStringLiteral("{\"age\":1}"), true));
        QVERIFY(storeRun(history, batch, QStringLiteral("2"), QStringLiteral("{\"age\":-2}"), false));
        RunStart start;
        start.batchId = batch;
        start.rowId = QStringLiteral("3");
        const qint64 running = history.beginRun(start);
        QVERIFY(running > 0);
        QCOMPARE(history.finishedRuns(batch).size(), 2);
        QVERIFY(history.abandonRunningRuns(batch));
        QCOMPARE(history.run(running)->status, QStringLiteral("cancelled"));
        QCOMPARE(history.finishedRuns(batch).size(), 2);
        QCOMPARE(history.finishedRuns(batch + 1).size(), 0);
    }

    void searchAndDelete_findByTextAndStatus()
    {
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        const qint64 a = storeRun(history, 0, QStringLiteral("ada"), QStringLiteral("{\"name\":\"Ada_1%\"}"), true);
        const qint64 b = storeRun(history, 0, QStringLiteral("bob"), QStringLiteral("{\"name\":\"Bob\"}"), false);
        QVERIFY(a && b);
        QCOMPARE(history.searchRuns(QString()).size(), 2);
        QCOMPARE(history.searchRuns(QStringLiteral("ADA")).size(), 1);
        QCOMPARE(history.searchRuns(QStringLiteral("a_1%")).constFirst().id, a); // matched literally
        QCOMPARE(history.searchRuns(QStringLiteral("b_b")).size(), 0);
        QCOMPARE(history.searchRuns(QString(), QStringLiteral("invalid")).constFirst().id, b);
        QVERIFY(history.deleteRun(b));
        QVERIFY(!history.run(b));
        QVERIFY(!history.deleteRun(b));
        QCOMPARE(history.listRuns().size(), 1);
    }

    void open_newerVersion_refusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        rawSql(path, { QStringLiteral("CREATE TABLE future(x)"), QStringLiteral("PRAGMA user_version=99") });
        const QByteArray before = readAll(path);
        HistoryDatabase history;
        const QString error = history.open(path);
        QVERIFY2(error.contains(QStringLiteral("newer Formwork")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("h.sqlite")));
        QVERIFY(!history.isOpen());
        QCOMPARE(readAll(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void open_corruptFile_clearMessageAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        QByteArray garbage(8192, 'x');
        garbage.replace(0, 16, "not a database!!");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(garbage);
        }
        HistoryDatabase history;
        const QString error = history.open(path);
        QVERIFY2(error.contains(QStringLiteral("not a SQLite database or it is damaged")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("left untouched")));
        QCOMPARE(readAll(path), garbage);
        // and a second object can still open a good file: the app goes on
        HistoryDatabase other;
        QCOMPARE(other.open(dir.filePath(QStringLiteral("good.sqlite"))), QString());
    }

    void open_foreignSqliteDatabase_refused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        rawSql(path, { QStringLiteral("CREATE TABLE contacts(name)") });
        HistoryDatabase history;
        QVERIFY(history.open(path).contains(QStringLiteral("another program")));
    }

    void revalidate_editedSchema_flipsExactlyTheExpectedRuns()
    {
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        const qint64 batch = history.createBatch(StoredBatch());
        // Stored under {age: integer >= 0}.
        const qint64 young = storeRun(history, batch, QStringLiteral("1"), QStringLiteral("{\"age\": 5}"), true);
        const qint64 old = storeRun(history, batch, QStringLiteral("2"), QStringLiteral("{\"age\": 25}"), true);
        const qint64 negative = storeRun(history, batch, QStringLiteral("3"), QStringLiteral("{\"age\": -1}"), false);
        const qint64 prose = storeRun(history, batch, QStringLiteral("4"), QStringLiteral("no json here"), false);
        QVERIFY(young && old && negative && prose);
        RunStart start;
        start.batchId = batch;
        QVERIFY(history.beginRun(start) > 0); // running: no verdict, not checked

        // The edit: no minimum any more, but at most 20.
        const Schema edited
            = compile("{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\",\"maximum\":20}},"
                      "\"required\":[\"age\"]}");
        const RevalidationReport report = revalidateHistory(history, edited, batch);
        QCOMPARE(report.checked, 4);
        QCOMPARE(report.changes.size(), 2);
        QCOMPARE(report.changes.at(0).runId, old);
        QCOMPARE(report.changes.at(0).before, QStringLiteral("valid"));
        QCOMPARE(report.changes.at(0).after, QStringLiteral("invalid"));
        QVERIFY(report.changes.at(0).errors.join(u'\n').contains(QStringLiteral("/age")));
        QCOMPARE(report.changes.at(1).runId, negative);
        QCOMPARE(report.changes.at(1).after, QStringLiteral("valid"));
        QVERIFY(report.changes.at(1).errors.isEmpty());

        // The same schema as stored: nothing changes.
        const Schema same
            = compile("{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\",\"minimum\":0}},"
                      "\"required\":[\"age\"]}");
        QCOMPARE(revalidateHistory(history, same, batch).changes.size(), 0);
        // One run only.
        QCOMPARE(revalidateHistory(history, edited, 0, { young }).checked, 1);
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
