// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison runner on FakeOllama: each variant runs with its own model's info (context,
// capabilities), pauses and resumes, and records its rows in the history under a batch of its own.
#include "batch/comparisonrunner.h"
#include "batchscript.h"
#include "fakeollama.h"
#include "store/historydatabase.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace Formwork;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::RecordedRequest;
using Json = nlohmann::ordered_json;

namespace {

BatchInput input(int rows)
{
    auto parsed = parseCsvInput(BatchScript::csv(rows), QStringLiteral("rows.csv"));
    return parsed ? *parsed : BatchInput();
}

ModelInfo model(const QString &name, qint64 runtimeContext, const QStringList &capabilities)
{
    ModelInfo info;
    info.name = name;
    info.runtimeContextLength = runtimeContext;
    info.contextLength = runtimeContext;
    info.capabilities = capabilities;
    info.capabilitiesKnown = true;
    return info;
}

BatchConfig config(const QUrl &url)
{
    BatchConfig c;
    c.endpoints.append(BatchEndpoint { url, 1 });
    c.model = QStringLiteral("wide");
    c.modelInfo = model(QStringLiteral("wide"), 8192,
                        { QStringLiteral("completion"), QStringLiteral("tools"), QStringLiteral("thinking") });
    c.schema = std::move(Schema::compile(Json::parse(BatchScript::schema().toStdString()))).value();
    c.prompt.userPrompt = QStringLiteral("item: {{item}}");
    c.prompt.maxAttempts = 3;
    c.prompt.think = ThinkMode::On;
    c.backoffBaseMs = 5;
    return c;
}

bool waitForOne(QSignalSpy &spy, int timeoutMs)
{
    return spy.count() == 1 || (spy.wait(timeoutMs) && spy.count() == 1);
}

} // namespace

class TestComparisonRunner final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // "narrow" has a 32-token context and can neither think nor call tools; "wide" (the base
    // model) has 8192 tokens and can. Every first reply is cut off at 26 + 12 tokens: for wide a
    // truncation worth a reask, for narrow a full context, as a single run of narrow finds.
    void variantOnAnotherModel_getsThatModelsContextAndCapabilities()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("wide"),
                        { QStringLiteral("completion"), QStringLiteral("tools"), QStringLiteral("thinking") });
        server.addModel(QStringLiteral("narrow"), { QStringLiteral("completion") });
        // A cut-off retry repeats the messages, so the fake counts the requests per model and row.
        auto asked = std::make_shared<std::map<std::pair<std::string, int>, int>>();
        server.setChatResponder([asked](const RecordedRequest &request) -> std::optional<FakeReply> {
            const int n = BatchScript::rowOf(request);
            if (++(*asked)[{ request.json.value("model", std::string()), n }] > 1)
                return FakeReply::text({ BatchScript::replyFor(n, 2) });
            FakeReply cut = FakeReply::text({ QStringLiteral("{\"name\": \"P%1\", \"age\"").arg(n) });
            cut.doneReason = QStringLiteral("length");
            return cut;
        });
        const ModelInfo narrow = model(QStringLiteral("narrow"), 32, { QStringLiteral("completion") });
        QList<BatchVariant> variants { { QStringLiteral("wide"), ExtractionMode::Schema, std::nullopt, {} },
                                       { QStringLiteral("narrow"), ExtractionMode::Schema, std::nullopt, {} },
                                       { QStringLiteral("narrow"), ExtractionMode::Tools, std::nullopt, {} },
                                       { QStringLiteral("other"), ExtractionMode::Schema, std::nullopt, {} } };
        variants[1].modelInfo = narrow;
        variants[2].modelInfo = narrow;
        BatchConfig base = config(server.baseUrl());
        base.server.slotContext = 4096;
        ComparisonRunner comparison(&m_network, base, input(3), variants.mid(0, 3));

        // What each variant runs with: its own info; an unknown model gets the server's context,
        // never the base model's info.
        QCOMPARE(comparison.variantConfig(0).modelInfo.runtimeContextLength, qint64(8192));
        QCOMPARE(comparison.variantConfig(1).modelInfo.runtimeContextLength, qint64(32));
        QCOMPARE(comparison.variantConfig(1).modelInfo.capabilities, QStringList { QStringLiteral("completion") });
        ComparisonRunner withOther(&m_network, base, input(1), variants);
        const ModelInfo other = withOther.variantConfig(3).modelInfo;
        QCOMPARE(other.name, QStringLiteral("other"));
        QVERIFY(!other.capabilitiesKnown);
        QCOMPARE(other.runtimeContextLength, qint64(4096));

        QSignalSpy finished(&comparison, &ComparisonRunner::finished);
        comparison.start();
        QVERIFY(waitForOne(finished, 30000));
        const QList<VariantStats> &grid = comparison.grid();
        QCOMPARE(grid.size(), 3);
        QCOMPARE(grid.at(0).validAfterReasks, 3); // wide: cut off, reasked with more room
        QCOMPARE(grid.at(0).attempts, 6);
        QCOMPARE(grid.at(1).failed, 3); // narrow: the context is full, more num_predict cannot help
        QCOMPARE(grid.at(1).attempts, 3);
        QCOMPARE(grid.at(2).failed, 3); // narrow cannot call tools: refused before sending
        QCOMPARE(grid.at(2).attempts, 0);

        int wide = 0;
        int narrowRequests = 0;
        for (const RecordedRequest &request : server.requestsTo("/api/chat")) {
            const std::string name = request.json.value("model", std::string());
            if (name == "wide") {
                ++wide;
                QVERIFY(request.json.value("think", Json()) == Json(true)); // wide thinks
            } else {
                ++narrowRequests;
                QVERIFY(!request.json.contains("think")); // narrow cannot: not sent
                QVERIFY(!request.json.contains("tools"));
            }
        }
        QCOMPARE(wide, 6);
        QCOMPARE(narrowRequests, 3);
    }

    void fullContextMessage_namesTheVariantsContext()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("narrow"), { QStringLiteral("completion") });
        server.setChatResponder([](const RecordedRequest &) -> std::optional<FakeReply> {
            FakeReply cut = FakeReply::text({ QStringLiteral("{\"name\": ") });
            cut.doneReason = QStringLiteral("length");
            return cut;
        });
        BatchVariant variant { QStringLiteral("narrow"), ExtractionMode::Schema, std::nullopt, {} };
        variant.modelInfo = model(QStringLiteral("narrow"), 32, { QStringLiteral("completion") });
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        const qint64 batch = history.createBatch(StoredBatch());
        ComparisonRunner comparison(&m_network, config(server.baseUrl()), input(1), { variant });
        comparison.setHistory(&history, { batch });
        QSignalSpy finished(&comparison, &ComparisonRunner::finished);
        comparison.start();
        QVERIFY(waitForOne(finished, 30000));
        const QList<StoredRun> runs = history.listRuns(10, batch);
        QCOMPARE(runs.size(), 1);
        QVERIFY2(runs.constFirst().message.contains(QStringLiteral("all 32 tokens")),
                 qPrintable(runs.constFirst().message));
    }

    // Pause holds the comparison across the start of the next variant; resume goes on.
    // Each variant's rows land in its own batch of the history; a second comparison with the same
    // batches runs nothing again.
    void pauseAcrossVariants_thenHistoryPerVariant_resumeRunsNothingTwice()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("wide"));
        server.addModel(QStringLiteral("b"));
        server.setChatResponder(BatchScript::responder());
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        const QList<qint64> batches { history.createBatch(StoredBatch()), history.createBatch(StoredBatch()) };
        const QList<BatchVariant> variants { { QStringLiteral("wide"), ExtractionMode::Schema, std::nullopt, {} },
                                             { QStringLiteral("b"), ExtractionMode::Json, std::nullopt, {} } };
        BatchConfig base = config(server.baseUrl());
        base.prompt.think = ThinkMode::Default;
        auto comparison = std::make_unique<ComparisonRunner>(&m_network, base, input(4), variants);
        comparison->setHistory(&history, batches);
        QSignalSpy finished(comparison.get(), &ComparisonRunner::finished);
        QSignalSpy variantFinished(comparison.get(), &ComparisonRunner::variantFinished);
        QSignalSpy paused(comparison.get(), &ComparisonRunner::pausedChanged);
        QSignalSpy started(comparison.get(), &ComparisonRunner::variantStarted);
        // Paused between two variants: the next one starts paused.
        connect(comparison.get(), &ComparisonRunner::variantFinished, this, [&comparison](int index) {
            if (index == 0)
                comparison->pause();
        });
        comparison->start();
        QTRY_COMPARE_WITH_TIMEOUT(variantFinished.count(), 1, 30000);
        QVERIFY(comparison->isPaused());
        QCOMPARE(paused.count(), 1);
        QSignalSpy more(&server, &FakeOllama::requestReceived);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 5000);
        QVERIFY(!more.wait(300)); // variant b started paused: nothing is sent
        QCOMPARE(finished.count(), 0);
        comparison->resume();
        QVERIFY(waitForOne(finished, 30000));
        QCOMPARE(comparison->grid().size(), 2);
        QCOMPARE(comparison->grid().at(1).validFirstTry, 3);
        QCOMPARE(comparison->grid().at(1).validAfterReasks, 1);
        for (int i = 0; i < 2; ++i) {
            const QList<StoredRun> runs = history.finishedRuns(batches.at(i));
            QCOMPARE(runs.size(), 4);
            QCOMPARE(runs.constFirst().model, variants.at(i).model);
        }

        const qsizetype asked = server.requestsTo("/api/chat").size();
        ComparisonRunner again(&m_network, base, input(4), variants);
        again.setHistory(&history, batches);
        QSignalSpy againFinished(&again, &ComparisonRunner::finished);
        again.start();
        QVERIFY(waitForOne(againFinished, 30000));
        QCOMPARE(server.requestsTo("/api/chat").size(), asked); // every row came from the history
        QCOMPARE(again.grid().at(1).validAfterReasks, 1);
        QCOMPARE(again.grid().at(1).attempts, 5);
    }
};

QTEST_GUILESS_MAIN(TestComparisonRunner)
#include "tst_comparisonrunner.moc"
