// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "jsoncompare.h"
#include "llm/llmbackend.h"
#include "llm/serverprobe.h"
#include "settle.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::FakeToolCall;
using Formwork::Test::parseQ;
using Formwork::Test::q;
using Json = nlohmann::ordered_json;

Q_DECLARE_METATYPE(Formwork::ExtractionMode)

namespace {

std::string str(const Json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

const char *const validPerson = "{'name': 'Ada', 'age': 36}";
const char *const negativeAge = "{'name': 'Ada', 'age': -1}";

} // namespace

class TestExtractionRun final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<FakeOllama> m_fake;
    LlmBackend *m_backend = nullptr;

    void makeBackend(BackendApi api = BackendApi::Ollama)
    {
        delete m_backend;
        BackendConfig bc;
        bc.baseUrl = m_fake->baseUrl();
        bc.firstByteTimeoutMs = 5000;
        bc.stallTimeoutMs = 5000;
        m_backend = LlmBackend::create(api, &m_nam, bc, this);
    }

    QList<Test::RecordedRequest> chatRequests() const
    {
        QList<Test::RecordedRequest> all = m_fake->requestsTo("/api/chat");
        all.append(m_fake->requestsTo("/v1/chat/completions"));
        return all;
    }

    // Runs to the end; returns the result and checks that exactly the expected signal fired.
    RunResult runToEnd(ExtractionRun &run, bool expectSuccess, int timeoutMs = 10000)
    {
        QSignalSpy ok(&run, &ExtractionRun::succeeded);
        QSignalSpy fail(&run, &ExtractionRun::failed);
        run.start();
        QSignalSpy &expected = expectSuccess ? ok : fail;
        QSignalSpy &other = expectSuccess ? fail : ok;
        [&] { QTRY_COMPARE_WITH_TIMEOUT(expected.count(), 1, timeoutMs); }();
        if (expected.count() != 1)
            return {};
        [&] { QVERIFY(Test::settleNetwork(&m_nam)); }(); // nothing else may follow
        [&] { QCOMPARE(other.count(), 0); }();
        [&] { QCOMPARE(expected.count(), 1); }();
        return expected.first().first().value<RunResult>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Test::registerRunMetaTypes();
    }

    void init()
    {
        m_fake = std::make_unique<FakeOllama>();
        QVERIFY(m_fake->listen());
        makeBackend();
    }

    void cleanup()
    {
        delete m_backend;
        m_backend = nullptr;
        m_fake.reset();
    }

    void validFirstTime_succeedsWithOneSchemaRequest()
    {
        FakeReply reply = FakeReply::text({ q("{'name': "), q("'Ada', 'age': 36}") });
        reply.firstByteDelayMs = 40; // the attempt's times have something to measure
        reply.pieceDelayMs = 30;
        m_fake->enqueueChat(reply);
        ExtractionRun run(m_backend, Test::personRunConfig());
        const RunResult result = runToEnd(run, true);
        QVERIFY(result.success);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE_JSON(result.value, parseQ(validPerson));
        QCOMPARE(result.transportRetries, 0);
        QCOMPARE(result.usage.promptTokens, 26);
        QCOMPARE(result.usage.completionTokens, 12);

        const auto requests = chatRequests();
        QCOMPARE(requests.size(), 1);
        const Json &body = requests.first().json;
        // format is the user's schema, property order kept
        QCOMPARE_JSON(body["format"], Test::personSchema().document());
        QCOMPARE(body["format"]["properties"].begin().key(), std::string("name"));
        QCOMPARE(body["messages"].size(), 2u);
        QCOMPARE(str(body["messages"][0]["role"]), std::string("system"));
        QVERIFY(str(body["messages"][0]["content"]).find("\"minimum\": 0") != std::string::npos);
        QVERIFY(body["options"]["num_predict"].get<int>() > 0);
        QCOMPARE(result.attempts.first().requestJson, requests.first().body);
        QCOMPARE(result.attempts.first().timings.loadNs, 574751416);
        // Lower bounds only: the fake's timers never fire early, a busy machine only adds time.
        const AttemptRecord &attempt = result.attempts.first();
        QVERIFY2(attempt.timeToFirstTokenMs >= 40, qPrintable(QString::number(attempt.timeToFirstTokenMs)));
        QVERIFY2(attempt.wallTimeMs >= attempt.timeToFirstTokenMs + 30,
                 qPrintable(QString::number(attempt.wallTimeMs)));
    }

    void existingSystemMessage_schemaPromptAppendedAfterBlankLine()
    {
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionConfig c = Test::personRunConfig(ExtractionMode::Json);
        ChatMessage system;
        system.role = QStringLiteral("system");
        system.content = QStringLiteral("You are precise.");
        c.messages.prepend(system);
        ExtractionRun run(m_backend, c);
        runToEnd(run, true);
        const Json body = chatRequests().first().json;
        QCOMPARE(body["messages"].size(), 2u);
        QCOMPARE(str(body["format"]), std::string("json"));
        const std::string content = str(body["messages"][0]["content"]);
        QVERIFY(content.rfind("You are precise.\n\n", 0) == 0);
        QVERIFY(content.find("\"title\": \"Person\"") != std::string::npos);
    }

    void invalidThenValid_secondRequestEchoesOutputAndErrors()
    {
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        QSignalSpy finishedSpy(&run, &ExtractionRun::attemptFinished);
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE(finishedSpy.count(), 2);
        const AttemptRecord first = result.attempts.first();
        QCOMPARE(first.outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(first.errors.size(), 1);
        QCOMPARE(first.errors.first().instancePath, QStringLiteral("/age"));
        // the range points at -1 in the raw content
        const QByteArray raw = first.content.toUtf8();
        QCOMPARE(raw.mid(first.errors.first().range.begin,
                         first.errors.first().range.end - first.errors.first().range.begin),
                 QByteArray("-1"));
        QCOMPARE(result.usage.promptTokens, 52);
        QCOMPARE(result.attempts.at(0).usage.promptTokens, 26);
        QCOMPARE(result.attempts.at(0).cumulativePromptTokens, 26);
        QCOMPARE(result.attempts.at(1).usage.promptTokens, 26);
        QCOMPARE(result.attempts.at(1).cumulativePromptTokens, 52);
        QCOMPARE(result.attempts.at(1).cumulativeCompletionTokens, 24);

        const auto requests = chatRequests();
        QCOMPARE(requests.size(), 2);
        const Json &one = requests.at(0).json;
        const Json &two = requests.at(1).json;
        QCOMPARE(one["messages"].size(), 2u); // the base conversation is not mutated
        QCOMPARE(two["messages"].size(), 4u);
        QCOMPARE_JSON(two["messages"][0], one["messages"][0]);
        QCOMPARE_JSON(two["messages"][1], one["messages"][1]);
        QCOMPARE(str(two["messages"][2]["role"]), std::string("assistant"));
        QCOMPARE(QString::fromStdString(str(two["messages"][2]["content"])), q(negativeAge));
        QCOMPARE(str(two["messages"][3]["role"]), std::string("user"));
        const QString reask = QString::fromStdString(str(two["messages"][3]["content"]));
        QVERIFY2(reask.startsWith(QStringLiteral("Recall the function correctly, fix the errors")), qPrintable(reask));
        QVERIFY2(reask.contains(QStringLiteral("/age")), qPrintable(reask));
        QVERIFY2(reask.contains(QStringLiteral("minimum")), qPrintable(reask));
        QCOMPARE(run.requestForAttempt(1).messages.size(), 2);
    }

    void alwaysInvalid_failsExhaustedAfterNAttempts()
    {
        for (int i = 0; i < 3; ++i)
            m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        ExtractionConfig c = Test::personRunConfig();
        c.limits.maxAttempts = 3;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Exhausted);
        QCOMPARE(result.attempts.size(), 3);
        QCOMPARE(chatRequests().size(), 3);
        QCOMPARE(chatRequests().last().json["messages"].size(), 6u);
        QVERIFY(result.hasValue);
        QCOMPARE_JSON(result.value, parseQ(negativeAge));
        QCOMPARE(result.valueAttempt, 3);
        QCOMPARE(result.usage.completionTokens, 36);
    }

    void unparseableProseThenValid_reasksWithParseProblem()
    {
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("Sorry, I cannot help with that.") }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Json));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::NoJson);
        const Json two = chatRequests().at(1).json;
        QCOMPARE(str(two["messages"][2]["content"]), std::string("Sorry, I cannot help with that."));
        QVERIFY(str(two["messages"][3]["content"]).find("no JSON") != std::string::npos);
    }

    void brokenJsonThenValid_reaskQuotesLineAndColumn()
    {
        m_fake->enqueueChat(FakeReply::text({ q("{'name': 'Ada', 'age': 36,}") }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Json));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::ParseError);
        QVERIFY(result.attempts.first().parseErrorOffset > 0);
        const std::string reask = str(chatRequests().at(1).json["messages"][3]["content"]);
        QVERIFY2(reask.find("line 1, column") != std::string::npos, reask.c_str());
    }

    void mdJsonFencedWithProse_extractsTheFence()
    {
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("Here is the result:\n```json\n"), q(validPerson),
                                              QStringLiteral("\n```\nAnything else?") }));
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::MdJson));
        const RunResult result = runToEnd(run, true);
        QCOMPARE_JSON(result.value, parseQ(validPerson));
        const AttemptRecord &a = result.attempts.first();
        QCOMPARE(a.span.begin, qsizetype(QByteArray("Here is the result:\n```json\n").size()));
        const Json body = chatRequests().first().json;
        QVERIFY(!body.contains("format"));
        QCOMPARE(body["messages"].size(), 2u); // the fence request is merged into the user message
        const std::string user = str(body["messages"][1]["content"]);
        QVERIFY(user.rfind("Ada Lovelace is 36 years old.\n\n", 0) == 0);
        QVERIFY(user.find("```json") != std::string::npos);
    }

    void backticksInsideAStringValue_validFirstTimeInEveryTextMode_data()
    {
        QTest::addColumn<ExtractionMode>("mode");
        QTest::newRow("schema") << ExtractionMode::Schema;
        QTest::newRow("json") << ExtractionMode::Json;
        QTest::newRow("md-json") << ExtractionMode::MdJson;
    }

    // A string holding a code fence is not a fence: the reply is valid, nothing is reasked.
    void backticksInsideAStringValue_validFirstTimeInEveryTextMode()
    {
        QFETCH(ExtractionMode, mode);
        m_fake->enqueueChat(FakeReply::text({ q("{'name': '```py\\nprint(1)\\n```', 'age': 36}") }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig(mode));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.value["name"].get<std::string>(), std::string("```py\nprint(1)\n```"));
        QCOMPARE(chatRequests().size(), 1);
    }

    void mdJsonInvalid_usesMarkdownReaskWording()
    {
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("```json\n"), q(negativeAge), QStringLiteral("\n```") }));
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("```json\n"), q(validPerson), QStringLiteral("\n```") }));
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::MdJson));
        runToEnd(run, true);
        const std::string reask = str(chatRequests().at(1).json["messages"][3]["content"]);
        QVERIFY2(reask.rfind("Correct your JSON ONLY RESPONSE", 0) == 0, reask.c_str());
    }

    void thinkTagsBeforeJson_jsonAfterThinkingIsUsed()
    {
        m_fake->enqueueChat(
            FakeReply::text({ q("<think>The user wants {'name': 1}. Fine.</think>\n"), q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Json));
        const RunResult result = runToEnd(run, true);
        QCOMPARE_JSON(result.value, parseQ(validPerson));
        QVERIFY(result.attempts.first().span.begin > 0);
    }

    void thinkingModel_thinkingKeptApartAndThinkSent()
    {
        m_fake->setShowJson(QStringLiteral("qwen3:8b"),
                            q("{'capabilities': ['completion', 'thinking'], 'model_info': {}}").toUtf8());
        FakeReply reply = FakeReply::text({ q(validPerson) });
        reply.thinking = { q("Maybe {'name': 'Bob'"), QStringLiteral(" but no.") };
        m_fake->enqueueChat(reply);
        ExtractionConfig c = Test::personRunConfig();
        c.model = QStringLiteral("qwen3:8b");
        c.think = ThinkMode::On;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, true);
        QCOMPARE_JSON(result.value, parseQ(validPerson));
        QCOMPARE(result.attempts.first().thinking, q("Maybe {'name': 'Bob' but no."));
        const Json body = chatRequests().first().json;
        QCOMPARE_JSON(body["think"], Json(true));
    }

    void modelWithoutThinking_thinkNotSent()
    {
        m_fake->setShowJson(QStringLiteral("llama3.1:8b"), q("{'capabilities': ['completion', 'tools']}").toUtf8());
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionConfig c = Test::personRunConfig();
        c.think = ThinkMode::On;
        ExtractionRun run(m_backend, c);
        runToEnd(run, true);
        QVERIFY(!chatRequests().first().json.contains("think"));
    }

    void doneReasonLength_nextAttemptRaisesNumPredict()
    {
        FakeReply cut = FakeReply::text({ q("{'name': 'Ada Lov") });
        cut.doneReason = QStringLiteral("length");
        m_fake->enqueueChat(cut);
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionConfig c = Test::personRunConfig();
        c.options.numPredict = 100;
        ExtractionRun run(m_backend, c);
        QSignalSpy warnings(&run, &ExtractionRun::warning);
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::Truncated);
        QCOMPARE(result.attempts.first().doneReason, QStringLiteral("length"));
        const auto requests = chatRequests();
        QCOMPARE_JSON(requests.at(0).json["options"]["num_predict"], Json(100));
        QCOMPARE_JSON(requests.at(1).json["options"]["num_predict"], Json(200));
        // a cut-off reply is resent, not reasked
        QCOMPARE_JSON(requests.at(1).json["messages"], requests.at(0).json["messages"]);
        bool said = false;
        for (const auto &w : warnings)
            said = said || w.first().toString().contains(QStringLiteral("200"));
        QVERIFY(said);
    }

    void doneReasonLengthAtCap_failsWithLength()
    {
        FakeReply cut = FakeReply::text({ q("{'name': 'Ada Lov") });
        cut.doneReason = QStringLiteral("length");
        m_fake->enqueueChat(cut);
        ExtractionConfig c = Test::personRunConfig();
        c.options.numPredict = 100;
        c.limits.maxNumPredict = 100;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Length);
        QCOMPARE(chatRequests().size(), 1);
    }

    // Every attempt cut off: the final message says so, and no note promises an attempt that
    // never comes (issue 11).
    void everyAttemptCutOff_finalMessageSaysSo()
    {
        for (int i = 0; i < 2; ++i) {
            FakeReply cut = FakeReply::text({ q("{'name': 'Ada Lov") });
            cut.doneReason = QStringLiteral("length");
            m_fake->enqueueChat(cut);
        }
        ExtractionConfig c = Test::personRunConfig();
        c.options.numPredict = 100;
        c.limits.maxAttempts = 2;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Exhausted);
        QVERIFY2(result.message.contains(QLatin1String("Every attempt was cut off")), qPrintable(result.message));
        QVERIFY(result.message.contains(QLatin1String("num_predict 200")));
        QCOMPARE(result.attempts.size(), 2);
        QVERIFY(result.attempts.first().notes.join(u' ').contains(QLatin1String("next attempt")));
        QVERIFY2(!result.attempts.last().notes.join(u' ').contains(QLatin1String("next attempt")),
                 qPrintable(result.attempts.last().notes.join(u' ')));
    }

    // llama-server stops a reply when prompt + completion fill the slot: more num_predict cannot
    // help, so the run ends with "the context is full" after one request (issue 11).
    void llamaServerSlotFull_contextFullWithoutRaisingNumPredict()
    {
        m_fake->actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024);
        FakeReply full = FakeReply::text({ q("{'name': 'Ada Lov") });
        full.promptTokens = 1000;
        full.stopAtContext = true;
        m_fake->enqueueChat(full);
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        makeBackend(BackendApi::OpenAi);
        ExtractionConfig c = Test::personRunConfig();
        c.modelInfo.runtimeContextLength = 1024; // what /props and /v1/models meta.n_ctx report
        c.options.numPredict = 4000;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::ContextFull);
        QCOMPARE(runFailureReasonName(result.reason), QStringLiteral("context-full"));
        QVERIFY2(result.message.contains(QLatin1String("The context is full")), qPrintable(result.message));
        QVERIFY(result.message.contains(QLatin1String("1000 tokens")));
        QVERIFY(result.message.contains(QLatin1String("24 tokens")));
        QCOMPARE(chatRequests().size(), 1);
        QVERIFY(!result.attempts.first().notes.join(u' ').contains(QLatin1String("raises num_predict")));
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::ContextFull); // not "truncated"
        QCOMPARE(attemptOutcomeName(result.attempts.first().outcome), QStringLiteral("context-full"));
    }

    // A cut-off reply that uses up the token budget: the run ends on the budget, so neither the
    // note nor a warning may promise a next attempt with a larger num_predict (issue 11).
    void cutOffAtTheBudget_promisesNoNextAttempt()
    {
        FakeReply cut = FakeReply::text({ q("{'name': 'Ada Lov") });
        cut.doneReason = QStringLiteral("length");
        m_fake->enqueueChat(cut);
        ExtractionConfig c = Test::personRunConfig();
        c.options.numPredict = 100;
        c.limits.maxAttempts = 3;
        c.limits.tokenBudget = 30; // the reply costs 26 + 12
        ExtractionRun run(m_backend, c);
        QSignalSpy warnings(&run, &ExtractionRun::warning);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Budget);
        QCOMPARE(chatRequests().size(), 1);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::Truncated);
        const QString notes = result.attempts.first().notes.join(u' ');
        QVERIFY2(notes.contains(QLatin1String("cut off at num_predict 100")), qPrintable(notes));
        QVERIFY2(!notes.contains(QLatin1String("next attempt")), qPrintable(notes));
        for (const auto &w : warnings)
            QVERIFY2(!w.first().toString().contains(QLatin1String("next attempt")), qPrintable(w.first().toString()));
    }

    void resentAttempt_keepsNoEarlierError()
    {
        m_fake->enqueueChat(FakeReply::error(503, QByteArray("{\"error\":\"server busy\"}")));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().transportRetries, 1);
        QVERIFY(!result.attempts.first().backendError.has_value());
        const QString notes = result.attempts.first().notes.join(u' ');
        QVERIFY2(notes.contains(QLatin1String("Resent after")), qPrintable(notes));
        QVERIFY2(!notes.contains(QLatin1String(".;")) && !notes.contains(QLatin1String(".:")), qPrintable(notes));
    }

    // A deadline that ends the wait for an unreachable server is a backend failure (exit 3).
    void unreachableUntilTheDeadline_failsAsBackend()
    {
        const quint16 port = m_fake->port();
        m_fake.reset();
        delete m_backend;
        BackendConfig bc;
        bc.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_backend = LlmBackend::create(BackendApi::Ollama, &m_nam, bc, this);
        ExtractionConfig c = Test::personRunConfig();
        c.limits.backoffBaseMs = 5000;
        c.limits.backoffMaxMs = 5000;
        c.limits.deadlineMs = 1000;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Backend);
        QVERIFY(result.backendError.has_value());
        QCOMPARE(result.backendError->kind, BackendError::Kind::Unreachable);
        QVERIFY2(result.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(result.message));
        m_fake = std::make_unique<FakeOllama>(); // for cleanup()
    }

    void loading500ThenSuccess_oneAttemptOneTransportRetry()
    {
        m_fake->enqueueChat(FakeReply::error(500, QByteArray("{\"error\":\"llm server loading model\"}")));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        QSignalSpy retries(&run, &ExtractionRun::transportRetryScheduled);
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.transportRetries, 1);
        QCOMPARE(result.attempts.first().transportRetries, 1);
        QCOMPARE(retries.count(), 1);
        const auto retry = retries.first().first().value<TransportRetry>();
        QCOMPARE(retry.error.httpStatus, 500);
        QCOMPARE(retry.delayMs, 5); // base delay, jitter centred
        const auto requests = chatRequests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).body, requests.at(1).body); // resent unchanged
    }

    void busy503_resentWithBackoff()
    {
        m_fake->enqueueChat(FakeReply::error(503, QByteArray("{\"error\":\"server busy, please try again.\"}")));
        m_fake->enqueueChat(FakeReply::error(503, QByteArray("{\"error\":\"server busy, please try again.\"}")));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        QSignalSpy retries(&run, &ExtractionRun::transportRetryScheduled);
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.transportRetries, 2);
        QCOMPARE(retries.count(), 2);
        QCOMPARE(retries.at(0).first().value<TransportRetry>().error.kind, BackendError::Kind::ServerBusy);
        QCOMPARE(retries.at(1).first().value<TransportRetry>().delayMs, 10); // doubled
        QCOMPARE(chatRequests().size(), 3);
    }

    void transientFailuresBeyondLimit_failWithBackendError()
    {
        for (int i = 0; i < 3; ++i)
            m_fake->enqueueChat(FakeReply::error(503, QByteArray("{\"error\":\"server busy\"}")));
        ExtractionConfig c = Test::personRunConfig();
        c.limits.maxTransportRetries = 2;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Backend);
        QVERIFY(result.backendError.has_value());
        QCOMPARE(result.backendError->kind, BackendError::Kind::ServerBusy);
        QCOMPARE(result.transportRetries, 2);
        QCOMPARE(chatRequests().size(), 3);
    }

    void modelNotFound_failsAtOnceWithBackendError()
    {
        // No scripted reply: the fake refuses a model it does not have, as Ollama does.
        ExtractionConfig config = Test::personRunConfig();
        config.model = QStringLiteral("nope");
        ExtractionRun run(m_backend, config);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Backend);
        QCOMPARE(result.backendError->kind, BackendError::Kind::ModelNotFound);
        QCOMPARE(result.backendError->detail, QStringLiteral("model 'nope' not found"));
        QCOMPARE(result.transportRetries, 0);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::BackendFailed);
    }

    void connectionDroppedMidStream_resentAndSucceeds()
    {
        FakeReply dropped = FakeReply::text({ q("{'name': "), q("'Ad") });
        dropped.closeMidStream = true;
        m_fake->enqueueChat(dropped);
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        QSignalSpy retries(&run, &ExtractionRun::transportRetryScheduled);
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.transportRetries, 1);
        QCOMPARE(retries.first().first().value<TransportRetry>().error.kind, BackendError::Kind::StreamBroken);
        QCOMPARE(chatRequests().size(), 2);
    }

    void cancelMidStream_failsCancelledAndStopsRequest()
    {
        FakeReply stalled = FakeReply::text({ q("{'name': "), q("'Ada'") });
        stalled.stallMidStream = true;
        m_fake->enqueueChat(stalled);
        ExtractionConfig c = Test::personRunConfig();
        ExtractionRun run(m_backend, c);
        run.setStreamThrottleMs(0);
        QSignalSpy deltas(&run, &ExtractionRun::streamDelta);
        QSignalSpy ok(&run, &ExtractionRun::succeeded);
        QSignalSpy fail(&run, &ExtractionRun::failed);
        run.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            !deltas.isEmpty() && deltas.last().first().value<StreamProgress>().content == q("{'name': 'Ada'"), 5000);
        const auto progress = deltas.last().first().value<StreamProgress>();
        QVERIFY(progress.hasPartialValue);
        QCOMPARE_JSON(progress.partialValue(), parseQ("{'name': 'Ada'}"));
        QVERIFY(progress.completePointers().count("/name") == 1);
        run.cancel();
        QCOMPARE(fail.count(), 1);
        QCOMPARE(ok.count(), 0);
        const auto result = fail.first().first().value<RunResult>();
        QCOMPARE(result.reason, RunFailureReason::Cancelled);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::Cancelled);
        QCOMPARE(result.attempts.first().content, q("{'name': 'Ada'"));
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, 5000);
        QVERIFY(Test::settleNetwork(&m_nam));
        QCOMPARE(fail.count(), 1);
    }

    void cancelFromAttemptFinished_noFurtherRequest()
    {
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        connect(&run, &ExtractionRun::attemptFinished, &run, [&run] { run.cancel(); });
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Cancelled);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::SchemaInvalid);
        // The wait is the point: a reask would come after the backoff (at most backoffMaxMs).
        QTest::qWait(4 * Test::personRunConfig().limits.backoffMaxMs);
        QVERIFY(Test::settleNetwork(&m_nam));
        QCOMPARE(chatRequests().size(), 1);
    }

    void streamDeltas_throttledWithFinalOne()
    {
        FakeReply slow = FakeReply::text(
            { q("{'name'"), q(": 'A"), q("da'"), q(", 'age'"), QStringLiteral(": 3"), QStringLiteral("6}") });
        slow.pieceDelayMs = 30;
        m_fake->enqueueChat(slow);
        ExtractionRun run(m_backend, Test::personRunConfig());
        run.setStreamThrottleMs(100);
        QSignalSpy deltas(&run, &ExtractionRun::streamDelta);
        runToEnd(run, true);
        QVERIFY(deltas.count() >= 1);
        QVERIFY2(deltas.count() < 6, qPrintable(QString::number(deltas.count())));
        const auto last = deltas.last().first().value<StreamProgress>();
        QVERIFY(last.final);
        QCOMPARE_JSON(last.partialValue(), parseQ(validPerson));
        QVERIFY(last.complete);
    }

    void toolsZeroToolCalls_reasksWithUserMessage()
    {
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("Ada is 36.") }));
        FakeReply call;
        call.toolCalls
            = { FakeToolCall { QStringLiteral("call_1"), QStringLiteral("Person"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(call);
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Tools));
        QSignalSpy warnings(&run, &ExtractionRun::warning);
        const RunResult result = runToEnd(run, true);
        QCOMPARE_JSON(result.value, parseQ(validPerson));
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::NoJson);
        QVERIFY(!warnings.isEmpty());
        QVERIFY(warnings.first().first().toString().contains(QStringLiteral("tool_choice")));
        const auto requests = chatRequests();
        const Json &one = requests.at(0).json;
        QCOMPARE(one["messages"].size(), 1u); // no schema prompt in tools mode
        QCOMPARE(str(one["tools"][0]["function"]["name"]), std::string("Person"));
        QCOMPARE_JSON(one["tools"][0]["function"]["parameters"], Test::personSchema().document());
        const Json &two = requests.at(1).json;
        QCOMPARE(two["messages"].size(), 3u);
        QCOMPARE(str(two["messages"][1]["role"]), std::string("assistant"));
        QCOMPARE(str(two["messages"][2]["role"]), std::string("user"));
        QVERIFY(str(two["messages"][2]["content"]).rfind("Validation Error found:", 0) == 0);
    }

    void toolsWrongToolName_reasksWithToolMessage()
    {
        FakeReply wrong;
        wrong.toolCalls
            = { FakeToolCall { QStringLiteral("call_1"), QStringLiteral("lookup"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(wrong);
        FakeReply right;
        right.toolCalls
            = { FakeToolCall { QStringLiteral("call_2"), QStringLiteral("Person"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(right);
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Tools));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);
        const Json two = chatRequests().at(1).json;
        QCOMPARE(two["messages"].size(), 3u);
        QCOMPARE(str(two["messages"][1]["tool_calls"][0]["function"]["name"]), std::string("lookup"));
        QCOMPARE(str(two["messages"][2]["role"]), std::string("tool"));
        QCOMPARE(str(two["messages"][2]["tool_name"]), std::string("lookup"));
        QVERIFY(str(two["messages"][2]["content"]).find("`Person`") != std::string::npos);
    }

    void toolsArgumentsAsObject_validatedAndReasked()
    {
        FakeReply invalid;
        invalid.toolCalls
            = { FakeToolCall { QStringLiteral("c1"), QStringLiteral("Person"), q(negativeAge).toUtf8() } };
        m_fake->enqueueChat(invalid);
        FakeReply valid;
        valid.toolCalls = { FakeToolCall { QStringLiteral("c2"), QStringLiteral("Person"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(valid);
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Tools));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.first().outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE_JSON(result.attempts.first().value, parseQ(negativeAge));
        const AttemptRecord &first = result.attempts.first();
        const QByteArray args = first.extractedText.toUtf8();
        const auto range = first.errors.first().range;
        QCOMPARE(args.mid(range.begin, range.end - range.begin), QByteArray("-1"));
        const Json two = chatRequests().at(1).json;
        QCOMPARE_JSON(two["messages"][1]["tool_calls"][0]["function"]["arguments"], parseQ(negativeAge));
        QCOMPARE(str(two["messages"][2]["role"]), std::string("tool"));
        QVERIFY(str(two["messages"][2]["content"]).find("/age") != std::string::npos);
    }

    void toolsModelWithoutToolsCapability_refusedBeforeSending()
    {
        ExtractionConfig c = Test::personRunConfig(ExtractionMode::Tools);
        c.modelInfo.name = c.model;
        c.modelInfo.capabilities = { QStringLiteral("completion") };
        c.modelInfo.capabilitiesKnown = true;
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Backend);
        QVERIFY(result.backendError.has_value());
        QCOMPARE(result.backendError->kind, BackendError::Kind::ModelLacksCapability);
        QCOMPARE(result.backendError->capability, QStringLiteral("tools"));
        QCOMPARE(chatRequests().size(), 0);
    }

    void openAiSchemaMode_sendsJsonSchemaResponseFormat()
    {
        makeBackend(BackendApi::OpenAi);
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, Test::personRunConfig());
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);
        const auto requests = m_fake->requestsTo("/v1/chat/completions");
        QCOMPARE(requests.size(), 2);
        const Json &one = requests.at(0).json;
        QCOMPARE(str(one["response_format"]["type"]), std::string("json_schema"));
        QCOMPARE_JSON(one["response_format"]["json_schema"]["schema"], Test::personSchema().document());
        QVERIFY(one.contains("max_tokens"));
        QCOMPARE(requests.at(1).json["messages"].size(), 4u);
    }

    void openAiToolsArgumentsAsString_reasksWithToolCallId()
    {
        makeBackend(BackendApi::OpenAi);
        FakeReply invalid;
        invalid.toolCalls
            = { FakeToolCall { QStringLiteral("call_9"), QStringLiteral("Person"), q(negativeAge).toUtf8() } };
        m_fake->enqueueChat(invalid);
        FakeReply valid;
        valid.toolCalls
            = { FakeToolCall { QStringLiteral("call_10"), QStringLiteral("Person"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(valid);
        ExtractionRun run(m_backend, Test::personRunConfig(ExtractionMode::Tools));
        const RunResult result = runToEnd(run, true);
        QCOMPARE_JSON(result.value, parseQ(validPerson));
        const auto requests = m_fake->requestsTo("/v1/chat/completions");
        QCOMPARE(requests.size(), 2);
        QCOMPARE(str(requests.at(0).json["tool_choice"]["function"]["name"]), std::string("Person"));
        const Json &two = requests.at(1).json;
        QCOMPARE(two["messages"].size(), 3u);
        QCOMPARE(str(two["messages"][2]["role"]), std::string("tool"));
        QCOMPARE(str(two["messages"][2]["tool_call_id"]), std::string("call_9"));
        QVERIFY(str(two["messages"][2]["content"]).find("/age") != std::string::npos);
    }

    void deadlineReached_failsWithDeadline()
    {
        FakeReply slow = FakeReply::text({ q(validPerson) });
        slow.firstByteDelayMs = 3000;
        m_fake->enqueueChat(slow);
        ExtractionConfig c = Test::personRunConfig();
        c.limits.deadlineMs = 200;
        ExtractionRun run(m_backend, c);
        QElapsedTimer clock;
        clock.start();
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Deadline);
        QVERIFY(clock.elapsed() < 2500);
        QCOMPARE(result.attempts.size(), 1);
    }

    void deadlineShorterThanBackoff_failsWithDeadlineWithoutResending()
    {
        m_fake->enqueueChat(FakeReply::error(503, QByteArray("{\"error\":\"server busy\"}")));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionConfig c = Test::personRunConfig();
        c.limits.backoffBaseMs = 5000;
        c.limits.backoffMaxMs = 5000;
        c.limits.deadlineMs = 1000;
        ExtractionRun run(m_backend, c);
        QElapsedTimer clock;
        clock.start();
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Deadline);
        QVERIFY(clock.elapsed() < 900);
        QVERIFY(result.backendError.has_value());
        QCOMPARE(result.backendError->kind, BackendError::Kind::ServerBusy);
        QCOMPARE(chatRequests().size(), 1);
    }

    void tokenBudgetReached_failsWithBudget()
    {
        for (int i = 0; i < 3; ++i)
            m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        ExtractionConfig c = Test::personRunConfig();
        c.limits.maxAttempts = 5;
        c.limits.tokenBudget = 50; // each reply costs 26 + 12
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Budget);
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE(result.usage.total(), 76);
        QVERIFY(result.hasValue);
    }

    void editedTemplates_showUpInRequests()
    {
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionConfig c = Test::personRunConfig();
        c.templates.schemaPrompt = QStringLiteral("SCHEMA FOLLOWS\n{{schema}}\nEND");
        c.templates.reaskJson = QStringLiteral("PLEASE FIX:\n{{errors}}\nTHANKS");
        ExtractionRun run(m_backend, c);
        runToEnd(run, true);
        const Json two = chatRequests().at(1).json;
        const std::string system = str(two["messages"][0]["content"]);
        QVERIFY2(system.rfind("SCHEMA FOLLOWS\n{", 0) == 0, system.c_str());
        QVERIFY(system.size() > 4 && system.compare(system.size() - 4, 4, "\nEND") == 0);
        const std::string reask = str(two["messages"][3]["content"]);
        QVERIFY2(reask.rfind("PLEASE FIX:\n/age", 0) == 0, reask.c_str());
        QVERIFY(reask.find("\nTHANKS") != std::string::npos);
    }

    void ignoredKeywords_warnedNotDropped()
    {
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionConfig c = Test::personRunConfig();
        Json doc = Test::personSchema().document();
        doc["properties"]["score"] = parseQ("{'type': 'number', 'multipleOf': 0.5}");
        c.schema = Schema::compile(doc).value();
        ExtractionRun run(m_backend, c);
        QSignalSpy started(&run, &ExtractionRun::runStarted);
        runToEnd(run, true);
        QCOMPARE(started.count(), 1);
        const auto info = started.first().first().value<RunStartInfo>();
        bool warned = false;
        for (const QString &w : info.warnings)
            warned = warned || w.contains(QStringLiteral("multipleOf"));
        QVERIFY2(warned, qPrintable(info.warnings.join(u'\n')));
        QCOMPARE_JSON(chatRequests().first().json["format"]["properties"]["score"]["multipleOf"], Json(0.5));
    }

    // The fake as llama-server, an OpenAI backend on it, and what the probe found.
    ServerInfo llamaServer(bool supportsTools = false)
    {
        m_fake->actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024, supportsTools);
        makeBackend(BackendApi::OpenAi);
        ServerProbeJob *job = m_backend->probeServer();
        QSignalSpy finished(job, &ServerProbeJob::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000); }();
        return finished.isEmpty() ? ServerInfo() : finished.first().first().value<ServerInfo>();
    }

    QStringList startWarnings(ExtractionRun &run, bool expectSuccess)
    {
        QSignalSpy started(&run, &ExtractionRun::runStarted);
        runToEnd(run, expectSuccess);
        return started.isEmpty() ? QStringList() : started.first().first().value<RunStartInfo>().warnings;
    }

    // A bare json_object is not enforced by llama-server (free text to the limit): json mode
    // sends the schema inside it (issue 11).
    void llamaServerJsonMode_schemaInsideJsonObject_validFirstTime()
    {
        ExtractionConfig c = Test::personRunConfig(ExtractionMode::Json);
        c.server = llamaServer();
        c.model = c.server.modelId;
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, c);
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        const Json format = chatRequests().first().json["response_format"];
        QCOMPARE(str(format["type"]), std::string("json_object"));
        QCOMPARE_JSON(format["schema"], Test::personSchema().document());
    }

    void llamaServerTools_toolChoiceAsString_notLoggedAsWrongType()
    {
        ExtractionConfig c = Test::personRunConfig(ExtractionMode::Tools);
        c.server = llamaServer(true);
        c.model = c.server.modelId;
        FakeReply call;
        call.toolCalls
            = { FakeToolCall { QStringLiteral("call_1"), QStringLiteral("Person"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(call);
        ExtractionRun run(m_backend, c);
        const QStringList warnings = startWarnings(run, true);
        QCOMPARE(str(chatRequests().first().json["tool_choice"]), std::string("required"));
        QVERIFY2(m_fake->serverLog().isEmpty(), qPrintable(m_fake->serverLog().join(u'\n')));
        QVERIFY2(!warnings.join(u' ').contains(QLatin1String("Ollama")), qPrintable(warnings.join(u'\n')));
    }

    // A template without tool support: the warning names llama-server, never Ollama.
    void llamaServerToolsWithoutTemplateSupport_warningNamesTheServer()
    {
        ExtractionConfig c = Test::personRunConfig(ExtractionMode::Tools);
        c.server = llamaServer(false);
        c.model = c.server.modelId;
        c.limits.maxAttempts = 1;
        FakeReply call;
        call.toolCalls
            = { FakeToolCall { QStringLiteral("call_1"), QStringLiteral("Person"), q(validPerson).toUtf8() } };
        m_fake->enqueueChat(call);
        ExtractionRun run(m_backend, c);
        const QString warnings = startWarnings(run, false).join(u'\n');
        QVERIFY2(warnings.contains(QLatin1String("llama.cpp's llama-server")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QLatin1String("no tool support")), qPrintable(warnings));
        QVERIFY2(!warnings.contains(QLatin1String("Ollama")), qPrintable(warnings));
    }

    // Any model name runs on a single-model server: a warning says so, the attempt keeps the
    // model that answered.
    void llamaServerOtherModelName_runsWithItsModelAndWarns()
    {
        ExtractionConfig c = Test::personRunConfig();
        c.server = llamaServer();
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        ExtractionRun run(m_backend, c);
        const QString warnings = startWarnings(run, true).join(u'\n');
        QVERIFY2(warnings.contains(QLatin1String("serves only the model /models/tiny.gguf: the run uses it, not "
                                                 "llama3.1:8b.")),
                 qPrintable(warnings));
        QCOMPARE(m_fake->requestsTo("/v1/chat/completions").size(), 1);
    }

    void enforcementWarnings_perServer_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("absent");
        QTest::newRow("ollama") << int(ServerKind::Ollama) << QStringLiteral("may make Ollama reject the schema")
                                << QStringLiteral("llama-server");
        QTest::newRow("llama-server") << int(ServerKind::LlamaServer)
                                      << QStringLiteral("'pattern' at /properties/name is not enforced by llama.cpp's "
                                                        "llama-server")
                                      << QStringLiteral("reject");
        QTest::newRow("unknown") << int(ServerKind::OpenAiCompatible)
                                 << QStringLiteral("Which schema keywords an OpenAI-compatible server of unknown kind "
                                                   "enforces is not known")
                                 << QStringLiteral("'pattern'");
    }

    // Ollama's rules for Ollama, llama-server's for llama-server, "not known" otherwise.
    void enforcementWarnings_perServer()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        QFETCH(QString, absent);
        ExtractionConfig c = Test::personRunConfig();
        Json doc = Test::personSchema().document();
        doc["properties"]["name"]["pattern"] = "[A-Z]";
        c.schema = Schema::compile(doc).value();
        c.server.kind = ServerKind(kind);
        const auto base = buildBaseRequest(c, BackendApi::OpenAi);
        QVERIFY(base);
        const QString warnings = base->warnings.join(u'\n');
        QVERIFY2(warnings.contains(expected), qPrintable(warnings));
        QVERIFY2(!warnings.contains(absent), qPrintable(warnings));
    }

    void defaultNumPredict_boundedAndGrowsWithSchema()
    {
        const int small = defaultNumPredict(Test::personSchema().document(), false);
        QVERIFY(small >= 1024 && small <= 8192);
        Json big = Json::object();
        for (int i = 0; i < 400; ++i)
            big["properties"]["field" + std::to_string(i)] = parseQ("{'type': 'string', 'description': 'some field'}");
        QVERIFY(defaultNumPredict(big, false) > small);
        QCOMPARE(defaultNumPredict(big, false), 8192);
        QVERIFY(defaultNumPredict(Test::personSchema().document(), true) > small);
    }
};

QTEST_GUILESS_MAIN(TestExtractionRun)
#include "tst_extractionrun.moc"
