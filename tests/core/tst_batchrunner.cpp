// SPDX-License-Identifier: GPL-3.0-or-later
// The batch runner on FakeOllama: concurrency, reasks and failures, export, cancel and resume
// through the history, an endpoint going down, expected-value agreement.
#include "batch/batchrunner.h"
#include "batch/comparisonrunner.h"
#include "batchscript.h"
#include "export/rowexport.h"
#include "fakeollama.h"
#include "jsoncompare.h"
#include "store/historydatabase.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Formwork;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Json = nlohmann::ordered_json;

namespace {

BatchInput input(int rows)
{
    auto parsed = parseCsvInput(BatchScript::csv(rows), QStringLiteral("rows.csv"));
    return parsed ? *parsed : BatchInput();
}

BatchConfig config(const QList<QUrl> &urls, int concurrency)
{
    BatchConfig c;
    for (const QUrl &url : urls)
        c.endpoints.append(BatchEndpoint { url, concurrency });
    c.model = QStringLiteral("llama3.1:8b"); // pulled on every FakeOllama
    c.schema = std::move(Schema::compile(Json::parse(BatchScript::schema().toStdString()))).value();
    c.prompt.userPrompt = QStringLiteral("item: {{item}}");
    c.prompt.maxAttempts = 3;
    c.backoffBaseMs = 5;
    return c;
}

// How many first-attempt requests each row got: a row done twice shows up as 2.
std::map<int, int> firstAttemptsPerRow(const FakeOllama &server)
{
    std::map<int, int> counts;
    for (const auto &request : server.requestsTo("/api/chat")) {
        if (BatchScript::attemptOf(request) == 1)
            ++counts[BatchScript::rowOf(request)];
    }
    return counts;
}

// Waits in a real event loop (QTRY's polling sleeps 10 ms between event rounds, which would
// dominate a batch of instant replies).
bool waitForOne(QSignalSpy &spy, int timeoutMs)
{
    return spy.count() == 1 || (spy.wait(timeoutMs) && spy.count() == 1);
}

} // namespace

class TestBatchRunner final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void batch200_concurrency4_countsRequestsAndExports()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        BatchRunner runner(&m_network, config({ server.baseUrl() }, 4), input(200));
        QSignalSpy finished(&runner, &BatchRunner::finished);
        int maxRunning = 0;
        connect(&runner, &BatchRunner::progressChanged, this,
                [&maxRunning](const BatchProgress &p) { maxRunning = std::max(maxRunning, p.running); });
        runner.start();
        QVERIFY(waitForOne(finished, 60000));

        const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
        QCOMPARE(summary.outcome, BatchSummary::Outcome::Finished);
        QCOMPARE(summary.progress.total, 200);
        QCOMPARE(summary.progress.done, 200);
        QCOMPARE(summary.progress.failed, 8); // 7, 32, ..., 182
        QCOMPARE(summary.progress.validAfterReasks, 20); // 3, 13, ..., 193
        QCOMPARE(summary.progress.validFirstTry, 172);
        QCOMPARE(maxRunning, 4);
        QCOMPARE(server.requestsTo("/api/chat").size(), 172 + 20 * 2 + 8 * 3);
        for (const auto &[row, count] : firstAttemptsPerRow(server))
            QCOMPARE(count, 1);

        QList<ExportRow> valid;
        for (const BatchRowResult &row : runner.results()) {
            const int n = row.rowId.toInt();
            QCOMPARE(row.status, BatchScript::failing(n) ? BatchRowStatus::Invalid : BatchRowStatus::Valid);
            if (row.status == BatchRowStatus::Valid) {
                QCOMPARE(row.attempts, BatchScript::reasked(n) ? 2 : 1);
                valid.append(ExportRow { row.rowId, row.value });
            } else {
                QCOMPARE(row.attempts, 3);
                QVERIFY(!row.lastErrors.isEmpty());
                QVERIFY(row.lastErrors.join(u'\n').contains(QStringLiteral("/age")));
            }
        }
        QCOMPARE(valid.size(), 192);

        QTemporaryDir dir;
        const Json schema = Json::parse(BatchScript::schema().toStdString());
        for (const char *name : { "out.csv", "out.jsonl", "out.json" })
            QCOMPARE(writeRows(dir.filePath(QString::fromLatin1(name)), valid, schema), QString());
        QFile csv(dir.filePath(QStringLiteral("out.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        auto table = parseCsvInput(csv.readAll(), csv.fileName());
        QVERIFY(table);
        QCOMPARE(table->columns,
                 QStringList({ QStringLiteral("row_id"), QStringLiteral("name"), QStringLiteral("age") }));
        QCOMPARE(table->rows.size(), 192);
        for (const BatchRow &row : table->rows) {
            const QString id = row.variables.at(0).value;
            QCOMPARE(row.variables.at(1).value, QStringLiteral("P") + id);
            QCOMPARE(row.variables.at(2).value, id);
        }
        QFile jsonl(dir.filePath(QStringLiteral("out.jsonl")));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        auto lines = parseJsonLinesInput(jsonl.readAll(), jsonl.fileName());
        QVERIFY(lines);
        QCOMPARE(lines->rows.size(), 192);
        QCOMPARE(lines->rows.at(2).variables.at(0).value, QStringLiteral("3")); // row 3: valid after a reask
        QCOMPARE(lines->rows.at(2).variables.at(2).value, QStringLiteral("3"));
        QFile json(dir.filePath(QStringLiteral("out.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const Json array = Json::parse(json.readAll().toStdString());
        QCOMPARE(array.size(), size_t(192));
        QCOMPARE_JSON(array[191], Json::parse("{\"row_id\":\"200\",\"name\":\"P200\",\"age\":200}"));
    }

    void cancelAtRow50_resumeFinishesWithoutDoingARowTwice()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const BatchInput rows = input(120);
        qint64 batchId = 0;
        QSet<QString> firstSession;
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            batchId = history.createBatch(StoredBatch());
            BatchRunner runner(&m_network, config({ server.baseUrl() }, 1), rows);
            runner.setHistory(&history, batchId);
            QSignalSpy finished(&runner, &BatchRunner::finished);
            connect(&runner, &BatchRunner::rowFinished, this, [&runner, &firstSession](const BatchRowResult &row) {
                firstSession.insert(row.rowId);
                if (firstSession.size() == 50)
                    runner.cancel();
            });
            runner.start();
            QVERIFY(waitForOne(finished, 30000));
            QCOMPARE(finished.at(0).at(0).value<BatchSummary>().outcome, BatchSummary::Outcome::Cancelled);
            QCOMPARE(firstSession.size(), 50);
            QCOMPARE(history.finishedRuns(batchId).size(), 50);
        }
        const qsizetype requestsBefore = server.requestsTo("/api/chat").size();

        HistoryDatabase history; // a new session, as after a restart
        QCOMPARE(history.open(path), QString());
        BatchRunner resumed(&m_network, config({ server.baseUrl() }, 1), rows);
        resumed.setHistory(&history, batchId);
        QSignalSpy finished(&resumed, &BatchRunner::finished);
        QSet<QString> secondSession;
        connect(&resumed, &BatchRunner::rowFinished, this, [&secondSession](const BatchRowResult &row) {
            QVERIFY(!secondSession.contains(row.rowId));
            secondSession.insert(row.rowId);
        });
        resumed.start();
        QVERIFY(waitForOne(finished, 30000));
        const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
        QCOMPARE(summary.outcome, BatchSummary::Outcome::Finished);
        QCOMPARE(summary.progress.done, 120);
        QCOMPARE(summary.progress.resumed, 50);
        QCOMPARE(secondSession.size(), 70);
        QVERIFY(!secondSession.intersects(firstSession));
        // No first-session row was asked again, and every row was asked exactly once.
        for (const auto &request : server.requestsTo("/api/chat").mid(requestsBefore))
            QVERIFY(!firstSession.contains(QString::number(BatchScript::rowOf(request))));
        const auto counts = firstAttemptsPerRow(server);
        QCOMPARE(int(counts.size()), 120);
        for (const auto &[row, count] : counts)
            QCOMPARE(count, 1);
        QCOMPARE(history.finishedRuns(batchId).size(), 120);
        // Resumed rows carry their stored values.
        QCOMPARE_JSON(resumed.results().at(0).value, Json::parse("{\"name\":\"P1\",\"age\":1}"));
        QVERIFY(resumed.results().at(0).resumed);
    }

    void endpointDownMidBatch_itsRowsFinishElsewhere()
    {
        FakeOllama a;
        FakeOllama b;
        QVERIFY(a.listen());
        QVERIFY(b.listen());
        a.setChatResponder(BatchScript::responder(2));
        b.setChatResponder(BatchScript::responder(2));
        const QString bUrl = b.baseUrl().toString();
        int bRequests = 0;
        connect(&b, &FakeOllama::requestReceived, this, [&b, &bRequests](const QByteArray &, const QByteArray &path) {
            if (path == "/api/chat" && ++bRequests == 10)
                b.shutDown();
        });
        BatchConfig c = config({ a.baseUrl(), b.baseUrl() }, 2);
        c.endpointRetryMs = 600000; // not back within this test
        BatchRunner runner(&m_network, c, input(60));
        QSignalSpy takenOut(&runner, &BatchRunner::endpointTakenOut);
        QSignalSpy finished(&runner, &BatchRunner::finished);
        runner.start();
        QVERIFY(waitForOne(finished, 60000));
        const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
        QCOMPARE(summary.outcome, BatchSummary::Outcome::Finished);
        QCOMPARE(summary.progress.done, 60);
        QCOMPARE(summary.progress.failed, 3); // 7, 32 and 57, as scripted; none lost to the server going down
        QCOMPARE(takenOut.count(), 1);
        QCOMPARE(takenOut.at(0).at(0).toString(), bUrl);
        int onB = 0;
        for (const BatchRowResult &row : runner.results()) {
            QVERIFY(row.isFinal());
            onB += row.endpoint == bUrl ? 1 : 0;
        }
        QVERIFY(onB < 10);
        QVERIFY(a.requestsTo("/api/chat").size() > 50);
    }

    void endpointTakenOut_isTriedAgainLater()
    {
        FakeOllama a;
        FakeOllama b;
        QVERIFY(a.listen());
        QVERIFY(b.listen());
        a.setChatResponder(BatchScript::responder(20));
        b.setChatResponder(BatchScript::responder(20));
        const quint16 bPort = b.port();
        const QUrl bUrl = b.baseUrl();
        b.shutDown(); // down from the start
        BatchConfig c = config({ a.baseUrl(), bUrl }, 1);
        c.endpointRetryMs = 100;
        BatchRunner runner(&m_network, c, input(40));
        QSignalSpy restored(&runner, &BatchRunner::endpointRestored);

        QSignalSpy finished(&runner, &BatchRunner::finished);
        runner.start();
        QTRY_VERIFY_WITH_TIMEOUT(!restored.isEmpty(), 10000);
        QVERIFY(b.listen(bPort)); // back up
        QVERIFY(waitForOne(finished, 60000));
        QCOMPARE(finished.at(0).at(0).value<BatchSummary>().progress.done, 40);
        QVERIFY(!b.requestsTo("/api/chat").isEmpty());
    }

    void everyEndpointUnreachable_stopsAndLeavesRowsPending()
    {
        FakeOllama gone;
        QVERIFY(gone.listen());
        const QUrl url = gone.baseUrl();
        gone.shutDown();
        BatchConfig c = config({ url }, 1);
        c.prompt.maxAttempts = 1;
        BatchRunner runner(&m_network, c, input(5));
        QSignalSpy finished(&runner, &BatchRunner::finished);
        runner.start();
        QVERIFY(waitForOne(finished, 30000));
        const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
        QCOMPARE(summary.outcome, BatchSummary::Outcome::Unreachable);
        QCOMPARE(summary.progress.done, 0);
        QVERIFY(summary.message.contains(QStringLiteral("5 row(s) did not run")));
    }

    void expectedValues_agreementPerFieldAndOverall()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        BatchInputOptions options;
        options.expectedColumn = QStringLiteral("expected");
        // Row 1 agrees; row 2 has the wrong expected age; row 3 has none; row 7 always fails.
        const QByteArray csv = "item,expected\n"
                               "1,\"{\"\"name\"\": \"\"P1\"\", \"\"age\"\": 1}\"\n"
                               "2,\"{\"\"name\"\": \"\"P2\"\", \"\"age\"\": 20}\"\n"
                               "3,\n"
                               "7,\"{\"\"name\"\": \"\"P7\"\", \"\"age\"\": 7}\"\n";
        auto rows = parseCsvInput(csv, QStringLiteral("rows.csv"), options);
        QVERIFY(rows);
        BatchRunner runner(&m_network, config({ server.baseUrl() }, 2), *rows);
        QSignalSpy finished(&runner, &BatchRunner::finished);
        runner.start();
        QVERIFY(waitForOne(finished, 30000));
        const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
        QCOMPARE(summary.rowsWithExpected, 3);
        QCOMPARE(summary.agreement.rows.agreed, 1);
        QCOMPARE(summary.agreement.rows.total, 3);
        QCOMPARE(summary.agreement.leaves.agreed, 3); // row 1: both, row 2: name
        QCOMPARE(summary.agreement.leaves.total, 6);
        QCOMPARE(summary.agreement.fields.at("/name").agreed, 2);
        QCOMPARE(summary.agreement.fields.at("/age").agreed, 1);
        QVERIFY(!runner.results().at(2).agreement.has_value());
        QVERIFY(runner.results().at(0).agreement->allAgree());
    }

    void pause_holdsNewRowsUntilResumed()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder(5));
        BatchRunner runner(&m_network, config({ server.baseUrl() }, 1), input(10));
        QSignalSpy finished(&runner, &BatchRunner::finished);
        int done = 0;
        connect(&runner, &BatchRunner::rowFinished, this, [&runner, &done](const BatchRowResult &) {
            if (++done == 3)
                runner.pause();
        });
        runner.start();
        QTRY_COMPARE_WITH_TIMEOUT(done, 3, 10000);
        QVERIFY(runner.isPaused());
        const qsizetype asked = server.requestsTo("/api/chat").size();
        QSignalSpy started(&runner, &BatchRunner::rowStarted);
        QVERIFY(!started.wait(300)); // nothing new starts while paused
        QCOMPARE(server.requestsTo("/api/chat").size(), asked);
        QCOMPARE(finished.count(), 0);
        runner.resume();
        QVERIFY(waitForOne(finished, 10000));
        QCOMPARE(done, 10);
    }

    void comparisonGrid_twoModelsTwoModes_statsPerVariant()
    {
        // "good" always answers right; "weak" gets the name's case wrong, and in json mode (no
        // grammar) also sends the age as a string first.
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("good"));
        server.addModel(QStringLiteral("weak"));
        static constexpr int goodDelayMs = 60;
        static constexpr int weakDelayMs = 40;
        server.setChatResponder(
            [](const Formwork::Test::RecordedRequest &request) -> std::optional<Formwork::Test::FakeReply> {
                const int n = BatchScript::rowOf(request);
                const bool weak = request.json.value("model", std::string()) == "weak";
                const bool jsonMode = request.json.contains("format") && request.json["format"].is_string();
                const bool first = BatchScript::attemptOf(request) == 1;
                const QString age = weak && jsonMode && first ? QStringLiteral("\"%1\"").arg(n) : QString::number(n);
                auto reply
                    = Formwork::Test::FakeReply::text({ QStringLiteral("{\"name\": \"%1%2\", \"age\": %3}")
                                                            .arg(weak ? QStringLiteral("p") : QStringLiteral("P"))
                                                            .arg(n)
                                                            .arg(age) });
                // Known server time per attempt, so the mean latency has a floor to check.
                reply.firstByteDelayMs = weak ? weakDelayMs : goodDelayMs;
                return reply;
            });
        BatchInputOptions options;
        options.expectedColumn = QStringLiteral("expected");
        QByteArray csv = "item,expected\n";
        for (int n : { 1, 2, 4, 5 })
            csv += QByteArray::number(n) + ",\"{\"\"name\"\": \"\"P" + QByteArray::number(n)
                + "\"\", \"\"age\"\": " + QByteArray::number(n) + "}\"\n";
        auto rows = parseCsvInput(csv, QStringLiteral("rows.csv"), options);
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error()));
        const QList<BatchVariant> variants = {
            { QStringLiteral("good"), ExtractionMode::Schema, std::nullopt, QString() },
            { QStringLiteral("good"), ExtractionMode::Json, std::nullopt, QString() },
            { QStringLiteral("weak"), ExtractionMode::Schema, std::nullopt, QString() },
            { QStringLiteral("weak"), ExtractionMode::Json, std::nullopt, QStringLiteral("weak, json") },
        };
        ComparisonRunner comparison(&m_network, config({ server.baseUrl() }, 2), *rows, variants);
        QSignalSpy finished(&comparison, &ComparisonRunner::finished);
        QSignalSpy variantFinished(&comparison, &ComparisonRunner::variantFinished);
        comparison.start();
        QVERIFY(waitForOne(finished, 30000));
        QCOMPARE(variantFinished.count(), 4);
        const QList<VariantStats> &grid = comparison.grid();
        QCOMPARE(grid.size(), 4);
        QCOMPARE(grid.at(0).variant.displayName(), QStringLiteral("good / schema"));
        QCOMPARE(grid.at(3).variant.displayName(), QStringLiteral("weak, json"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(grid.at(i).validFirstTry, 4);
            QCOMPARE(grid.at(i).attempts, 4);
            QCOMPARE(grid.at(i).promptTokens, 4 * 26);
        }
        QCOMPARE(grid.at(3).validFirstTry, 0);
        QCOMPARE(grid.at(3).validAfterReasks, 4);
        QCOMPARE(grid.at(3).failed, 0);
        QCOMPARE(grid.at(3).attempts, 8);
        QCOMPARE(grid.at(3).completionTokens, 8 * 12);
        QCOMPARE(grid.at(0).agreement.leaves.agreed, 8);
        QCOMPARE(grid.at(2).agreement.fields.at("/name").agreed, 0);
        QCOMPARE(grid.at(2).agreement.fields.at("/age").agreed, 4);
        QCOMPARE(grid.at(3).agreement.rows.agreed, 0);
        // A row's latency is its wall time over all its attempts: at least the server's delay per
        // attempt times the attempts (one, or two in "weak, json" where every row is reasked); 90%
        // of it, as the fake's coarse timer may fire up to 5% early.
        for (int i = 0; i < 4; ++i) {
            const int delayMs = i < 2 ? goodDelayMs : weakDelayMs;
            const double floorMs = 0.9 * delayMs * double(grid.at(i).attempts) / grid.at(i).rows;
            QVERIFY2(grid.at(i).meanLatencyMs >= floorMs,
                     qPrintable(QStringLiteral("variant %1: %2 ms, floor %3 ms")
                                    .arg(i)
                                    .arg(grid.at(i).meanLatencyMs)
                                    .arg(floorMs)));
        }
        // The modes reached the server as asked: json mode sends format "json".
        int jsonRequests = 0;
        for (const auto &request : server.requestsTo("/api/chat"))
            jsonRequests += request.json.contains("format") && request.json["format"].is_string() ? 1 : 0;
        QCOMPARE(jsonRequests, 4 + 8);
    }

    void history_neverHoldsTheApiKey()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            BatchConfig c = config({ server.baseUrl() }, 1);
            c.bearerToken = QStringLiteral("sk-secret-token-1234");
            BatchRunner runner(&m_network, c, input(3));
            runner.setHistory(&history, history.createBatch(StoredBatch()));
            QSignalSpy finished(&runner, &BatchRunner::finished);
            runner.start();
            QVERIFY(waitForOne(finished, 10000));
            QCOMPARE(server.requestsTo("/api/chat").constFirst().headers.value("authorization"),
                     QByteArray("Bearer sk-secret-token-1234"));
            QCOMPARE(history.listRuns().size(), 3);
        }
        QByteArray all;
        for (const QString &file : QStringList { path, path + QStringLiteral("-wal") }) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        QVERIFY(all.contains("item: 2")); // the requests are stored...
        QVERIFY(!all.contains("sk-secret-token-1234")); // ...the key is not
    }
};

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "tst_batchrunner.moc"
