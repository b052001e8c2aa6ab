// SPDX-License-Identifier: GPL-3.0-or-later
// Check results beyond the run (issue 14): what the history keeps of them (each error's kind,
// soft or hard, the judge's usage apart) and how many batch rows failed each named check,
// counted again after a resume from the history. Against FakeOllama.
#include "batch/batchrunner.h"
#include "checks/checkfailures.h"
#include "checks/checksattemptchecker.h"
#include "checks/checksfile.h"
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "invoicetestsupport.h"
#include "llm/llmbackend.h"
#include "store/historydatabase.h"
#include "store/runrecorder.h"
#include "store/storederrors.h"
#include "store/storedrunreplay.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::invoiceAnswer;
using Formwork::Test::invoiceChecks;
using Formwork::Test::invoiceWorkspace;
using Formwork::Test::q;
using Json = nlohmann::ordered_json;

namespace {

QString reply(const Json &value)
{
    return QStringLiteral("Hier ist die Rechnung:\n") + QString::fromStdString(value.dump(2));
}

// Valid, but one line item's description is not in the invoice text (the soft grounding check).
Json inventedDescription()
{
    Json invoice = invoiceAnswer();
    invoice["lineItems"][0]["description"] = "Visiting cards in gold foil";
    return invoice;
}

// Fails the hard sum check.
Json wrongTotal()
{
    Json invoice = invoiceAnswer();
    invoice["total"] = 350.57;
    return invoice;
}

const QList<CheckFailureCount> ExpectedCounts {
    { QStringLiteral("descriptions-in-text"), QStringLiteral("grounding"), 0, 1 },
    { QStringLiteral("total-adds-up"), QStringLiteral("expression"), 2, 0 },
};

bool waitForOne(QSignalSpy &spy, int timeoutMs)
{
    return spy.count() == 1 || (spy.wait(timeoutMs) && spy.count() == 1);
}

} // namespace

class TestCheckFailures final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    BatchConfig batchConfig(const FakeOllama &server) const
    {
        const Workspace workspace = invoiceWorkspace();
        BatchConfig c;
        c.endpoints.append(BatchEndpoint { server.baseUrl(), 1 });
        c.model = QStringLiteral("llama3.1:8b");
        c.schema = std::move(Schema::compile(Json::parse(workspace.schemaText.toStdString()))).value();
        c.prompt = workspace.prompt;
        c.prompt.maxAttempts = 1; // a failing check is not reasked: the row fails on it
        c.backoffBaseMs = 5;
        c.checker = std::make_shared<ChecksAttemptChecker>(invoiceChecks(), nullptr);
        return c;
    }

    static BatchInput threeInvoices()
    {
        const QString text = invoiceWorkspace().prompt.variables.value(0).value;
        QByteArray lines;
        for (int i = 0; i < 3; ++i)
            lines += QByteArray::fromStdString(Json { { "invoice", text.toStdString() } }.dump()) + '\n';
        auto parsed = parseJsonLinesInput(lines, QStringLiteral("rows.jsonl"));
        return parsed ? *parsed : BatchInput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Test::registerRunMetaTypes();
        qRegisterMetaType<CheckReport>();
    }

    void counts_eachCheckOncePerRow_hardAndSoftApart()
    {
        QList<CheckFailureCount> counts;
        const CheckFailure sum { QStringLiteral("sum"), QStringLiteral("expression"), false };
        const CheckFailure soft { QStringLiteral("names"), QStringLiteral("grounding"), true };
        addCheckFailures(counts, { sum, sum, soft });
        addCheckFailures(counts, { sum });
        addCheckFailures(counts, {});
        const QList<CheckFailureCount> expected { { QStringLiteral("sum"), QStringLiteral("expression"), 2, 0 },
                                                  { QStringLiteral("names"), QStringLiteral("grounding"), 0, 1 } };
        QCOMPARE(counts, expected);
        QCOMPARE(checkFailureCountsText(counts),
                 QStringLiteral("checks failed: sum (expression) 2 row(s); names (grounding) 1 soft"));
        QCOMPARE(checkFailureCountsText({}), QString());
        QCOMPARE(checkFailuresFromJson(checkFailuresJson({ sum, soft })), (QList<CheckFailure> { sum, soft }));
        QVERIFY(checkFailuresFromJson(QStringLiteral("not json")).isEmpty());
    }

    void batch_rowsPerFailedCheck_countedAndReadBackOnResume()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueueChat(FakeReply::text({ reply(inventedDescription()) }));
        server.enqueueChat(FakeReply::text({ reply(wrongTotal()) }));
        server.enqueueChat(FakeReply::text({ reply(wrongTotal()) }));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const BatchInput rows = threeInvoices();
        QCOMPARE(rows.rows.size(), 3);
        qint64 batchId = 0;
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            batchId = history.createBatch(StoredBatch());
            BatchRunner runner(&m_network, batchConfig(server), rows);
            runner.setHistory(&history, batchId);
            QSignalSpy finished(&runner, &BatchRunner::finished);
            runner.start();
            QVERIFY(waitForOne(finished, 20000));
            const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
            QCOMPARE(summary.progress.failed, 2);
            QCOMPARE(summary.progress.validFirstTry, 1);
            QCOMPARE(summary.checkFailures, ExpectedCounts);
            QCOMPARE(runner.checkFailureCounts(), ExpectedCounts);
            QCOMPARE(runner.results().at(0).checkFailures.size(), 1);
            QVERIFY(runner.results().at(0).checkFailures.first().soft);
        }
        QCOMPARE(server.requestsTo("/api/chat").size(), 3);

        // A new session on the same batch: every row comes from the history, none is asked again,
        // and the counts are the same.
        HistoryDatabase history;
        QCOMPARE(history.open(path), QString());
        BatchRunner resumed(&m_network, batchConfig(server), rows);
        resumed.setHistory(&history, batchId);
        QSignalSpy finished(&resumed, &BatchRunner::finished);
        resumed.start();
        QVERIFY(waitForOne(finished, 20000));
        const BatchSummary summary = finished.at(0).at(0).value<BatchSummary>();
        QCOMPARE(summary.progress.resumed, 3);
        QCOMPARE(server.requestsTo("/api/chat").size(), 3);
        QCOMPARE(summary.checkFailures, ExpectedCounts);
    }

    void recordedRun_keepsCheckKindsSoftnessAndJudgeUsage()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        BackendConfig bc;
        bc.baseUrl = server.baseUrl();
        std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &m_network, bc, nullptr));
        CheckDefinition rule;
        rule.name = QStringLiteral("buyer-is-a-company");
        rule.kind = CheckKind::Rule;
        rule.path = QStringLiteral("/buyer");
        rule.rule = QStringLiteral("the buyer is the company the invoice is addressed to");
        CheckList checks = invoiceChecks();
        checks.append(rule);
        Json first = inventedDescription();
        first["buyer"] = "Kaffeerösterei Brandt GmbH"; // not in the text: the hard grounding check
        server.enqueueChat(FakeReply::text({ reply(first) }));
        server.enqueueChat(FakeReply::text({ reply(inventedDescription()) }));
        FakeReply verdict = FakeReply::text({ q("{'valid': true, 'reason': 'ok'}") });
        verdict.promptTokens = 70;
        verdict.evalTokens = 9;
        server.enqueueChat(verdict);

        const Workspace workspace = invoiceWorkspace();
        auto config = buildExtractionConfig(workspace.prompt, QStringLiteral("llama3.1:8b"),
                                            *Schema::compile(Json::parse(workspace.schemaText.toStdString())), {});
        QVERIFY(bool(config));
        config->limits.backoffBaseMs = 5;
        config->checker = std::make_shared<ChecksAttemptChecker>(checks, backend.get());
        QTemporaryDir dir;
        HistoryDatabase history;
        QCOMPARE(history.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        ExtractionRun run(backend.get(), *config);
        RunRecorder recorder(&history, singleRunStart(*config, BackendApi::Ollama, server.baseUrl()));
        QVERIFY(recorder.attach(&run));
        QSignalSpy recorded(&recorder, &RunRecorder::recorded);
        run.start();
        QVERIFY(waitForOne(recorded, 20000));

        const auto stored = history.run(recorder.runId());
        QVERIFY(stored.has_value());
        QCOMPARE(stored->status, QStringLiteral("valid"));
        QCOMPARE(stored->attempts.size(), 2);
        // Attempt 1: the hard grounding failure (no judge: a hard local check failed) and the soft one.
        const StoredErrors one = storedErrorsFrom(stored->attempts.at(0).errorsJson);
        QCOMPARE(one.hard.size(), 1);
        QCOMPARE(one.hard.first().kind, QStringLiteral("grounding"));
        QCOMPARE(one.hard.first().keyword, QStringLiteral("buyer-in-text"));
        QCOMPARE(one.soft.size(), 1);
        QCOMPARE(one.soft.first().keyword, QStringLiteral("descriptions-in-text"));
        QCOMPARE(stored->attempts.at(0).judgePromptTokens, 0);
        // Attempt 2: valid, judged; the judge's tokens apart from the extraction's.
        QCOMPARE(stored->attempts.at(1).judgePromptTokens, 70);
        QCOMPARE(stored->attempts.at(1).judgeCompletionTokens, 9);
        QCOMPARE(stored->judgePromptTokens, 70);
        QCOMPARE(stored->promptTokens, 2 * 26);
        const QList<CheckFailure> deciding { { QStringLiteral("descriptions-in-text"), QStringLiteral("grounding"),
                                               true } };
        QCOMPARE(checkFailuresFromJson(stored->checkFailuresJson), deciding);

        // The replay (the History pane's "open in timeline") shows the kinds again, with ranges that
        // cut the value out of the stored reply.
        const ReplayedRun replay = replayStoredRun(*stored);
        QCOMPARE(replay.attempts.size(), 2);
        const AttemptRecord &a = replay.attempts.first();
        QCOMPARE(a.outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(a.errors.size(), 1);
        QCOMPARE(a.errors.first().kind, QStringLiteral("grounding"));
        const QByteArray raw = a.content.toUtf8();
        QCOMPARE(QString::fromUtf8(
                     raw.mid(a.errors.first().range.begin, a.errors.first().range.end - a.errors.first().range.begin)),
                 QStringLiteral("\"Kaffeerösterei Brandt GmbH\""));
        QCOMPARE(a.softErrors.size(), 1);
        QCOMPARE(replay.attempts.at(1).judgeUsage.promptTokens, 70);
        QCOMPARE(replay.result.judgeUsage.completionTokens, 9);
    }
};

QTEST_GUILESS_MAIN(TestCheckFailures)
#include "tst_checkfailures.moc"
