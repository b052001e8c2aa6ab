// SPDX-License-Identifier: GPL-3.0-or-later
#include "backendtestsupport.h"
#include "fakeollama.h"
#include "llm/ollamabackend.h"
#include "settle.h"
#include "testdata.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Formwork;
using Formwork::Test::ChatRun;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::firstError;
using Formwork::Test::firstResult;
using Formwork::Test::readTestData;
using Formwork::Test::simpleChatRequest;
using Kind = BackendError::Kind;
using Json = nlohmann::ordered_json;

Q_DECLARE_METATYPE(Formwork::BackendError::Kind)

namespace {

constexpr int Wait = 5000;

} // namespace

class TestOllamaBackend final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager *m_nam = nullptr;
    FakeOllama *m_fake = nullptr;
    OllamaBackend *m_backend = nullptr;

    BackendConfig config(int firstByteMs = 5000, int stallMs = 5000) const
    {
        return Formwork::Test::fakeBackendConfig(*m_fake, firstByteMs, stallMs);
    }

    int liveReplies() const { return int(m_nam->findChildren<QNetworkReply *>().size()); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_nam = new QNetworkAccessManager(this);
        m_fake = new FakeOllama(this);
        QVERIFY(m_fake->listen());
        m_backend = new OllamaBackend(m_nam, config(), this);
    }

    void cleanup()
    {
        delete m_backend;
        delete m_fake;
        delete m_nam;
    }

    // reference 3.3: a streamed reply, thinking apart from content, metrics in ns.
    void chatStream_thinkingAndContent_finishedWithMetrics()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"age\""), QStringLiteral(": 22}") });
        reply.thinking = QStringList { QStringLiteral("Let me"), QStringLiteral(" think") };
        reply.firstByteDelayMs = 60; // measurable: the first token comes after it, the rest 3 x 30 ms later
        reply.pieceDelayMs = 30;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        const ChatResult result = chat.result();
        QCOMPARE(result.content, QStringLiteral("{\"age\": 22}"));
        QCOMPARE(result.thinking, QStringLiteral("Let me think"));
        QCOMPARE(result.finishReason, QStringLiteral("stop"));
        QCOMPARE(result.usage.promptTokens, 26);
        QCOMPARE(result.usage.completionTokens, 12);
        QCOMPARE(result.timings.loadNs, 574751416LL);
        QCOMPARE(result.timings.totalNs, 2254970291LL);
        // Lower bounds only: the fake's timers never fire early, a busy machine only adds time.
        QVERIFY2(result.timeToFirstTokenMs >= 60, qPrintable(QString::number(result.timeToFirstTokenMs)));
        QVERIFY2(result.wallTimeMs >= result.timeToFirstTokenMs + 3 * 30,
                 qPrintable(QString::number(result.wallTimeMs)));
        QCOMPARE(chat.deltas.count(), 4);
        QCOMPARE(chat.deltas.first().first().value<ChatDelta>().thinking, QStringLiteral("Let me"));
        // The recorded request is exactly what the server received.
        const auto received = m_fake->requestsTo("/api/chat");
        QCOMPARE(received.size(), 1);
        QCOMPARE(result.requestJson, received.first().body);
        QVERIFY(received.first().json["stream"] == Json(true));
        QTRY_COMPARE_WITH_TIMEOUT(liveReplies(), 0, Wait);
    }

    // reference 3.3: chunk boundaries anywhere, in many small reads.
    void chatStream_linesSplitAcrossReads_sameContent()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"name\": \"Zoë\","), QStringLiteral(" \"ok\": true}") });
        reply.splitBytes = 7;
        reply.pieceDelayMs = 1;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{\"name\": \"Zoë\", \"ok\": true}"));
        QCOMPARE(chat.deltas.count(), 2);
    }

    void chatStream_crlfLineEnds_parsed()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{}") });
        reply.crlf = true;
        reply.splitBytes = 5;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{}"));
    }

    void chatStream_connectionCloseFraming_parsed()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\":"), QStringLiteral("1}") });
        reply.chunked = false; // body ends when the server closes
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{\"a\":1}"));
    }

    // reference 3.3: content on the done:true line is part of the answer.
    void chatStream_doneLineCarriesContent_appended()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\":"), QStringLiteral("1}") });
        reply.contentOnDoneLine = true;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{\"a\":1}"));
    }

    void chatStream_tenMegabyteContent_received()
    {
        const QString big(10 * 1024 * 1024, u'z');
        m_fake->enqueueChat(FakeReply::text({ big }));
        ChatJob *job = m_backend->chat(simpleChatRequest());
        QSignalSpy finished(job, &ChatJob::finished);
        QSignalSpy failed(job, &ChatJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(failed.isEmpty());
        QCOMPARE(firstResult(finished).content.size(), big.size());
    }

    void chatStream_nonUtf8Bytes_replacementCharacter()
    {
        FakeReply reply;
        reply.rawBody = QByteArray(
            "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"caf\xE9\"},\"done\":false}\n"
            "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n");
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("caf") + QChar(0xFFFD));
    }

    void chatStream_toolCalls_inResult()
    {
        FakeReply reply;
        reply.toolCalls.append({ QStringLiteral("call_1"), QStringLiteral("extract"), "{\"b\":1,\"a\":2}" });
        m_fake->enqueueChat(reply);
        ChatRequest request = simpleChatRequest();
        request.tools.append(
            { QStringLiteral("extract"), QStringLiteral("Extract"), Json::parse("{\"type\":\"object\"}") });
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        const ChatResult result = chat.result();
        QCOMPARE(result.toolCalls.size(), 1);
        QCOMPARE(result.toolCalls.first().name, QStringLiteral("extract"));
        QCOMPARE(result.toolCalls.first().argumentsJson, QStringLiteral("{\"b\":1,\"a\":2}"));
        QVERIFY(m_fake->requestsTo("/api/chat").first().json["tools"][0]["function"]["name"] == Json("extract"));
    }

    // reference 3.2: done_reason "length" means truncated JSON.
    void chatStream_lengthDoneReason_truncatedFlag()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\": \"abc") });
        reply.doneReason = QStringLiteral("length");
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QVERIFY(chat.result().isTruncated());
    }

    void chatNonStreaming_wholeReply_finished()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"x\""), QStringLiteral(":1}") });
        reply.thinking = QStringList { QStringLiteral("hm") };
        m_fake->enqueueChat(reply);
        ChatRequest request = simpleChatRequest();
        request.stream = false;
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{\"x\":1}"));
        QCOMPARE(chat.result().thinking, QStringLiteral("hm"));
        QCOMPARE(chat.result().usage.completionTokens, 12);
        QVERIFY(m_fake->requestsTo("/api/chat").first().json["stream"] == Json(false));
    }

    // reference 3.4: every error before generation, with the server's text kept.
    void chatError_beforeStream_typedError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("missing-body") << 400 << QByteArray("{\"error\":\"missing request body\"}")
                                      << Kind::InvalidRequest;
        QTest::newRow("model-required") << 400 << QByteArray("{\"error\":\"model is required\"}")
                                        << Kind::InvalidRequest;
        QTest::newRow("not-pulled") << 404 << QByteArray("{\"error\":\"model 'llama3.2' not found\"}")
                                    << Kind::ModelNotFound;
        QTest::newRow("think") << 400 << QByteArray("{\"error\":\"\\\"llama3.2\\\" does not support thinking\"}")
                               << Kind::ModelLacksCapability;
        QTest::newRow("tools")
            << 400 << QByteArray("{\"error\":\"registry.ollama.ai/library/llama3.2:latest does not support tools\"}")
            << Kind::ModelLacksCapability;
        QTest::newRow("embedding") << 400 << QByteArray("{\"error\":\"\\\"nomic\\\" does not support chat\"}")
                                   << Kind::ModelLacksCapability;
        QTest::newRow("busy")
            << 503 << QByteArray("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}")
            << Kind::ServerBusy;
        QTest::newRow("load-failure") << 500
                                      << QByteArray(
                                             "{\"error\":\"llama runner process has terminated: exit status 2\"}")
                                      << Kind::ModelLoadFailed;
        QTest::newRow("schema-old") << 500 << QByteArray("{\"error\":\"invalid JSON schema in format\"}")
                                    << Kind::InvalidSchema;
        QTest::newRow("schema-030")
            << 400 << QByteArray("{\"error\":\"JSON schema conversion failed:\\nError resolving ref #/$defs/X\"}")
            << Kind::InvalidSchema;
        QTest::newRow("decoder") << 400
                                 << QByteArray("{\"error\":\"json: cannot unmarshal number into Go struct field "
                                               "ChatRequest.model of type string\"}")
                                 << Kind::InvalidRequest;
    }

    void chatError_beforeStream_typedError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        m_fake->enqueueChat(FakeReply::error(status, body));
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        const BackendError error = chat.error();
        QCOMPARE(kindName(error.kind), kindName(kind));
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.model, QStringLiteral("llama3.2"));
        QVERIFY(!error.detail.isEmpty());
        if (kind == Kind::ModelNotFound)
            QVERIFY(userMessage(error).contains(QLatin1String("ollama pull llama3.2")));
    }

    // reference 3.4: an {"error":...} line after output started; no done line.
    void chatError_midStreamErrorLine_generationFailed()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\"") });
        reply.midStreamError = QStringLiteral("an error was encountered while running the model");
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.deltas.count(), 1);
        QCOMPARE(chat.error().kind, Kind::GenerationFailed);
        QCOMPARE(chat.error().detail, QStringLiteral("an error was encountered while running the model"));
    }

    void chatError_connectionClosedMidStream_streamBroken()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\"") });
        reply.closeMidStream = true;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(kindName(chat.error().kind), kindName(Kind::StreamBroken));
    }

    void chatError_connectionClosedMidStream_detailNamesTheTransportError()
    {
        // Qt reports the close as a transport error in most runs, not all (it may see a clean
        // end): a few tries show whether the transport's words are ever kept.
        bool transportNamed = false;
        for (int i = 0; i < 5 && !transportNamed; ++i) {
            FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\"") });
            reply.closeMidStream = true;
            m_fake->enqueueChat(reply);
            ChatRun chat(m_backend->chat(simpleChatRequest()));
            QVERIFY(chat.waitFailed());
            const QString detail = chat.error().detail;
            QVERIFY2(detail.startsWith(u"the stream ended before a done:true line"), qPrintable(detail));
            transportNamed = detail.startsWith(u"the stream ended before a done:true line (") && detail.endsWith(u')');
        }
        QVERIFY(transportNamed);
    }

    void chatError_streamStalls_timeout()
    {
        m_backend->setConfig(config(5000, 300));
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\"") });
        reply.stallMidStream = true;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.error().kind, Kind::Timeout);
        QVERIFY(chat.error().detail.contains(QLatin1String("streaming")));
        QTRY_COMPARE_WITH_TIMEOUT(liveReplies(), 0, Wait);
    }

    void chatError_noFirstByte_timeout()
    {
        m_backend->setConfig(config(300, 5000));
        FakeReply reply = FakeReply::text({ QStringLiteral("{}") });
        reply.firstByteDelayMs = 3000;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.error().kind, Kind::Timeout);
        QVERIFY(chat.error().detail.contains(QLatin1String("no response")));
    }

    // reference 3.3: the model loads before the first byte; a long first-byte wait is fine
    // as long as it is within the (separate) first-byte timeout, even when it exceeds the stall timeout.
    void chatSlowFirstByte_modelLoading_succeeds()
    {
        m_backend->setConfig(config(3000, 200));
        FakeReply reply = FakeReply::text({ QStringLiteral("{}") });
        reply.firstByteDelayMs = 600;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QVERIFY(chat.result().timeToFirstTokenMs >= 500);
    }

    void chatError_serverDown_unreachable()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        BackendConfig c = config();
        c.baseUrl.setPort(probe.serverPort());
        probe.close(); // nothing listens there now
        m_backend->setConfig(c);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.error().kind, Kind::Unreachable);
        QCOMPARE(chat.error().httpStatus, 0);
    }

    // reference 8: llama-server has no /api/version: not an Ollama server.
    void chatSchema_serverWithoutNativeApi_endpointNotFound()
    {
        m_fake->setRouteReply("/api/version", FakeReply::error(404, "404 page not found"));
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Schema;
        request.schema = Json::parse("{\"type\":\"object\"}");
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFailed());
        QCOMPARE(kindName(chat.error().kind), kindName(Kind::EndpointNotFound));
    }

    // Cancel at each phase: nothing is emitted afterwards and no reply is left behind.
    void cancel_eachPhase_noSignalNoLeak_data()
    {
        QTest::addColumn<QString>("phase");
        QTest::newRow("before-start") << QStringLiteral("before-start");
        QTest::newRow("version-probe") << QStringLiteral("version-probe");
        QTest::newRow("waiting-first-byte") << QStringLiteral("waiting-first-byte");
        QTest::newRow("mid-stream") << QStringLiteral("mid-stream");
        QTest::newRow("after-finish") << QStringLiteral("after-finish");
    }

    void cancel_eachPhase_noSignalNoLeak()
    {
        QFETCH(QString, phase);
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a\""), QStringLiteral(":1"), QStringLiteral("}") });
        reply.pieceDelayMs = 100;
        if (phase == u"waiting-first-byte")
            reply.firstByteDelayMs = 1000;
        m_fake->enqueueChat(reply);
        ChatRequest request = simpleChatRequest();
        if (phase == u"version-probe") {
            FakeReply slowVersion;
            slowVersion.rawBody = "{\"version\":\"0.32.15\"}";
            slowVersion.firstByteDelayMs = 1000;
            m_fake->setRouteReply("/api/version", slowVersion);
            request.responseMode = ResponseMode::Schema;
        }
        QPointer<ChatJob> job = m_backend->chat(request);
        QSignalSpy deltas(job, &ChatJob::delta);
        QSignalSpy finished(job, &ChatJob::finished);
        QSignalSpy failed(job, &ChatJob::failed);
        if (phase == u"before-start") {
            job->cancel();
        } else if (phase == u"version-probe") {
            QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/api/version").size(), 1, Wait);
            job->cancel();
        } else if (phase == u"waiting-first-byte") {
            QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/api/chat").size(), 1, Wait);
            job->cancel();
        } else if (phase == u"mid-stream") {
            connect(job, &ChatJob::delta, job, [job] { job->cancel(); }); // cancel from inside a slot
            QTRY_COMPARE_WITH_TIMEOUT(deltas.count(), 1, Wait);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
            if (job)
                job->cancel(); // harmless no-op
        }
        // Once the job deleted itself and no reply is alive nothing can emit any more (a job the
        // cancel missed would live on until its reply finished, and count as finished).
        QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), Wait);
        QVERIFY(Formwork::Test::settleNetwork(m_nam, Wait));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.count(), phase == u"after-finish" ? 1 : 0);
        QVERIFY(deltas.count() <= (phase == u"mid-stream" || phase == u"after-finish" ? 3 : 0));
        if (phase == u"mid-stream")
            QCOMPARE(deltas.count(), 1);
        if (phase == u"before-start" || phase == u"version-probe")
            QCOMPARE(m_fake->requestsTo("/api/chat").size(), 0);
    }

    // reference 2.2 / 6.1: a schema `format` needs >= 0.5.0; 0.0.0 is a dev build.
    void versionGate_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("0.4.7") << QStringLiteral("0.4.7") << false;
        QTest::newRow("0.5.0") << QStringLiteral("0.5.0") << true;
        QTest::newRow("0.32.15") << QStringLiteral("0.32.15") << true;
        QTest::newRow("dev") << QStringLiteral("0.0.0") << true;
        QTest::newRow("rc") << QStringLiteral("0.33.0-rc2") << true;
    }

    void versionGate()
    {
        QFETCH(QString, version);
        QFETCH(bool, allowed);
        m_fake->setVersion(version);
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Schema;
        request.schema = Json::parse("{\"type\":\"object\"}");
        ChatJob *job = m_backend->chat(request);
        QSignalSpy finished(job, &ChatJob::finished);
        QSignalSpy failed(job, &ChatJob::failed);
        if (allowed) {
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
            QVERIFY(failed.isEmpty());
            QCOMPARE(m_fake->requestsTo("/api/chat").size(), 1);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
            QVERIFY(finished.isEmpty());
            QCOMPARE(firstError(failed).kind, Kind::Unsupported);
            QVERIFY(firstError(failed).detail.contains(version));
            QCOMPARE(m_fake->requestsTo("/api/chat").size(), 0);
        }
        QCOMPARE(m_backend->cachedVersion()->text, version);
    }

    void versionGate_probedOnceForTwoChats()
    {
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Schema;
        for (int i = 0; i < 2; ++i) {
            ChatRun chat(m_backend->chat(request));
            QVERIFY(chat.waitFinished());
        }
        QCOMPARE(m_fake->requestsTo("/api/version").size(), 1);
    }

    void fetchVersion_parsesVersion()
    {
        m_fake->setVersion(QStringLiteral("0.12.4"));
        VersionJob *job = m_backend->fetchVersion();
        QSignalSpy finished(job, &VersionJob::finished);
        QSignalSpy failed(job, &VersionJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        const auto version = finished.first().first().value<ServerVersion>();
        QCOMPARE(version.minor, 12);
        QVERIFY(version.atLeast(0, 5, 0));
        QVERIFY(!version.atLeast(0, 30, 0));
    }

    // reference 3.1: `think` only for models listing `thinking`; format is a raw object in the
    // user's key order; options, keep_alive, images.
    void chatRequest_wireJson_data()
    {
        QTest::addColumn<bool>("thinkingModel");
        QTest::newRow("thinking-model") << true;
        QTest::newRow("plain-model") << false;
    }

    void chatRequest_wireJson()
    {
        QFETCH(bool, thinkingModel);
        const QString model = thinkingModel ? QStringLiteral("qwen3:8b") : QStringLiteral("llama3.2");
        m_fake->setShowJson(QStringLiteral("qwen3:8b"), readTestData(QStringLiteral("llm/show-qwen3.json")));
        ChatRequest request = simpleChatRequest(model);
        request.responseMode = ResponseMode::Schema;
        request.schema = Json::parse(readTestData(QStringLiteral("llm/schema-ordered.json")).toStdString());
        request.think = ThinkMode::Off;
        request.options.temperature = 0.1;
        request.options.seed = 42;
        request.options.numCtx = 8192;
        request.options.numPredict = 256;
        request.options.topP = 0.9;
        request.options.topK = 20;
        request.options.stop = QStringList { QStringLiteral("###") };
        request.keepAlive = QStringLiteral("0");
        request.messages.first().images.append(QByteArray("\x89PNG raw"));
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        const Json sent = m_fake->requestsTo("/api/chat").first().json;
        QCOMPARE(sent.contains("think"), thinkingModel);
        if (thinkingModel)
            QVERIFY(sent["think"] == Json(false));
        QVERIFY(sent["format"].is_object());
        // Property order of the user's schema is kept on the wire.
        const QByteArray body = m_fake->requestsTo("/api/chat").first().body;
        QVERIFY(body.indexOf("\"zeta\"") < body.indexOf("\"alpha\""));
        QVERIFY(body.indexOf("\"alpha\"") < body.indexOf("\"mid\""));
        QVERIFY(sent["options"]["temperature"] == Json(0.1));
        QVERIFY(sent["options"]["seed"] == Json(42));
        QVERIFY(sent["options"]["num_ctx"] == Json(8192));
        QVERIFY(sent["options"]["num_predict"] == Json(256));
        QVERIFY(sent["options"]["top_k"] == Json(20));
        QVERIFY(sent["options"]["stop"][0] == Json("###"));
        QVERIFY(sent["keep_alive"] == Json(0));
        QVERIFY(sent["messages"][0]["images"][0] == Json(QByteArray("\x89PNG raw").toBase64().toStdString()));
        QCOMPARE(m_fake->requestsTo("/api/show").size(), 1);
    }

    void chatRequest_jsonMode_formatJsonString()
    {
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Json;
        request.keepAlive = QStringLiteral("5m");
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        const Json sent = m_fake->requestsTo("/api/chat").first().json;
        QVERIFY(sent["format"] == Json("json"));
        QVERIFY(sent["keep_alive"] == Json("5m"));
        QVERIFY(!sent.contains("think"));
        QCOMPARE(m_fake->requestsTo("/api/version").size(), 0);
    }

    // The bearer token goes out in the header, never into the logs or the recorded request.
    void bearerToken_sentButNeverLogged()
    {
        const QString secret = QStringLiteral("sk-very-secret-123");
        BackendConfig c = config();
        c.bearerToken = secret;
        m_backend->setConfig(c);
        auto log = std::make_unique<Formwork::Test::LogCapture>(QStringLiteral("formwork.core.llm.debug=true"));
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("{}") }));
        QByteArray requestJson;
        QList<SentRequest> sent;
        for (int i = 0; i < 2; ++i) {
            // The first asks for a model the fake does not have: its 404 is a failed job.
            ChatJob *job
                = m_backend->chat(simpleChatRequest(i == 0 ? QStringLiteral("nosuch") : QStringLiteral("llama3.2")));
            QSignalSpy finished(job, &ChatJob::finished);
            QSignalSpy failed(job, &ChatJob::failed);
            connect(job, &ChatJob::failed, this, [&sent, job] { sent = job->sentRequests(); });
            QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, Wait);
            if (!finished.isEmpty())
                requestJson = firstResult(finished).requestJson;
        }
        const QStringList logLines = log->lines();
        log.reset();
        QVERIFY(!logLines.isEmpty()); // debug logging was on
        for (const QString &line : logLines)
            QVERIFY2(!line.contains(secret), qPrintable(line));
        QVERIFY(!requestJson.isEmpty());
        QVERIFY(!requestJson.contains(secret.toUtf8()));
        QCOMPARE(sent.size(), 1);
        for (const auto &header : sent.first().headers)
            QVERIFY(!header.second.contains(secret.toUtf8()));
        for (const auto &request : m_fake->requestsTo("/api/chat"))
            QCOMPARE(request.headers.value("authorization"), "Bearer " + secret.toUtf8());
    }

    // reference 2.1 / 3.1: on >= 0.30 the tags carry capabilities, so `think` gating needs no /api/show.
    void thinkGating_capabilitiesFromTags_noShow()
    {
        m_fake->setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        ModelListJob *list = m_backend->listModels();
        QSignalSpy listed(list, &ModelListJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, Wait);
        ChatRequest request = simpleChatRequest(QStringLiteral("gpt-oss:120b-cloud"));
        request.think = ThinkMode::High;
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        QCOMPARE(m_fake->requestsTo("/api/show").size(), 0);
        QVERIFY(m_fake->requestsTo("/api/chat").first().json["think"] == Json("high"));
    }

    // reference 2.1 + 2.3: tags without capabilities (< 0.30) are completed from /api/show,
    // once per digest.
    void listModels_oldServer_showFillsCapabilitiesCachedByDigest()
    {
        m_fake->setTagsJson(readTestData(QStringLiteral("llm/tags-old.json")));
        m_fake->setShowJson(QStringLiteral("qwen3:8b"), readTestData(QStringLiteral("llm/show-qwen3.json")));
        m_fake->setShowJson(QStringLiteral("nomic-embed-text:latest"),
                            readTestData(QStringLiteral("llm/show-nomic.json")));
        m_fake->setPsJson(readTestData(QStringLiteral("llm/ps.json")));
        for (int round = 0; round < 2; ++round) {
            ModelListJob *job = m_backend->listModels();
            QSignalSpy finished(job, &ModelListJob::finished);
            QSignalSpy failed(job, &ModelListJob::failed);
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
            QVERIFY(failed.isEmpty());
            const auto models = finished.first().first().value<QList<ModelInfo>>();
            QCOMPARE(models.size(), 2);
            QCOMPARE(models[0].name, QStringLiteral("qwen3:8b"));
            QCOMPARE(models[0].contextLength, 40960);
            QVERIFY(models[0].hasCapability(u"thinking"));
            QCOMPARE(models[0].quantization, QStringLiteral("Q4_K_M"));
            QCOMPARE(models[0].parameterSize, QStringLiteral("8.2B"));
            QCOMPARE(models[0].sizeBytes, 5225388164LL);
            QVERIFY(models[0].modifiedAt.isValid());
            QVERIFY(models[1].isEmbeddingOnly());
        }
        QCOMPARE(m_fake->requestsTo("/api/show").size(), 2); // not again in the second round
    }

    void listModels_newServer_noShowAndLoadedFromPs()
    {
        m_fake->setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        m_fake->setPsJson(readTestData(QStringLiteral("llm/ps.json")));
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        const auto models = finished.first().first().value<QList<ModelInfo>>();
        QCOMPARE(models.size(), 4);
        QCOMPARE(m_fake->requestsTo("/api/show").size(), 0);
        QVERIFY(models[0].loaded);
        QCOMPARE(models[0].runtimeContextLength, 4096);
        QCOMPARE(models[0].contextLength, 131072);
        QVERIFY(!models[0].schemaNotEnforced());
        QVERIFY(models[1].schemaNotEnforced()); // -mlx / safetensors
        QVERIFY(models[2].schemaNotEnforced()); // cloud
        QVERIFY(models[2].remote);
        QVERIFY(models[3].isEmbeddingOnly());
    }

    void listModels_emptyServer_emptyList()
    {
        m_fake->setTagsJson("{\"models\":[]}");
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        QVERIFY(finished.first().first().value<QList<ModelInfo>>().isEmpty());
    }

    void listModels_garbage_protocolError()
    {
        m_fake->setTagsJson("<html>proxy error</html>");
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QVERIFY(finished.isEmpty());
        QCOMPARE(firstError(failed).kind, Kind::ProtocolError);
    }

    void showModel_unknown_modelNotFound()
    {
        ModelDetailsJob *job = m_backend->showModel(QStringLiteral("nosuch"));
        QSignalSpy finished(job, &ModelDetailsJob::finished);
        QSignalSpy failed(job, &ModelDetailsJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QVERIFY(finished.isEmpty());
        QCOMPARE(firstError(failed).kind, Kind::ModelNotFound);
        QCOMPARE(firstError(failed).detail, QStringLiteral("model 'nosuch:latest' not found"));
    }

    void runningModels_listsPs()
    {
        m_fake->setPsJson(readTestData(QStringLiteral("llm/ps.json")));
        ModelListJob *job = m_backend->runningModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        const auto models = finished.first().first().value<QList<ModelInfo>>();
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.first().vramBytes, 5137025024LL);
    }

    // The base URL's path prefix is kept (reference 7: https://example.com/ollama).
    void baseUrlPathPrefix_kept()
    {
        BackendConfig c = config();
        c.baseUrl.setPath(QStringLiteral("/ollama"));
        m_backend->setConfig(c);
        ModelListJob *job = m_backend->listModels();
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QCOMPARE(m_fake->requests().first().path, QByteArray("/ollama/api/tags"));
    }
};

QTEST_GUILESS_MAIN(TestOllamaBackend)
#include "tst_ollamabackend.moc"
