// SPDX-License-Identifier: GPL-3.0-or-later
#include "backendtestsupport.h"
#include "fakeollama.h"
#include "llm/openaibackend.h"
#include "llm/serverprobe.h"
#include "settle.h"
#include "testdata.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
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

namespace {

constexpr int Wait = 5000;

} // namespace

// The OpenAI-compatible backend against FakeOllama's /v1 (reference/ollama-api.md 5, 8).
class TestOpenAiBackend final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager *m_nam = nullptr;
    FakeOllama *m_fake = nullptr;
    OpenAiBackend *m_backend = nullptr;

    BackendConfig config() const { return Formwork::Test::fakeBackendConfig(*m_fake); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_nam = new QNetworkAccessManager(this);
        m_fake = new FakeOllama(this);
        QVERIFY(m_fake->listen());
        m_backend = new OpenAiBackend(m_nam, config(), this);
    }

    void cleanup()
    {
        delete m_backend;
        delete m_fake; // may be null: a test closed the server
        delete m_nam;
    }

    // reference 5.1: both SSE shapes (>= 0.32.6 and older), usage chunk with include_usage.
    void chatStream_shapes_finishedWithUsage_data()
    {
        QTest::addColumn<int>("flavor");
        QTest::addColumn<QString>("thinkingKey");
        QTest::newRow("ollama-0.32.6") << int(FakeOllama::OpenAiFlavor::Ollama) << QStringLiteral("reasoning");
        QTest::newRow("ollama-old") << int(FakeOllama::OpenAiFlavor::OllamaOld) << QStringLiteral("reasoning");
        QTest::newRow("llama-server") << int(FakeOllama::OpenAiFlavor::LlamaServer)
                                      << QStringLiteral("reasoning_content");
    }

    void chatStream_shapes_finishedWithUsage()
    {
        QFETCH(int, flavor);
        m_fake->setOpenAiFlavor(FakeOllama::OpenAiFlavor(flavor));
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a"), QStringLiteral("ge\":22}") });
        reply.thinking = QStringList { QStringLiteral("Hmm") };
        reply.splitBytes = 11;
        reply.pieceDelayMs = 1;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        const ChatResult result = chat.result();
        QCOMPARE(result.content, QStringLiteral("{\"age\":22}"));
        QCOMPARE(result.thinking, QStringLiteral("Hmm"));
        QCOMPARE(result.finishReason, QStringLiteral("stop"));
        QCOMPARE(result.usage.promptTokens, 26);
        QCOMPARE(result.usage.completionTokens, 12);
        QCOMPARE(chat.deltas.count(), 3);
        const auto sent = m_fake->requestsTo("/v1/chat/completions");
        QCOMPARE(sent.size(), 1);
        QCOMPARE(result.requestJson, sent.first().body);
        QVERIFY(sent.first().json["stream_options"]["include_usage"] == Json(true));
    }

    void chatStream_crlfEvents_parsed()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{}") });
        reply.crlf = true;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{}"));
    }

    // reference 8: llama-server's mid-stream data: {"error":{...}} and no [DONE].
    void chatStream_llamaServerErrorEvent_generationFailed()
    {
        m_fake->setOpenAiFlavor(FakeOllama::OpenAiFlavor::LlamaServer);
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a") });
        reply.midStreamError = QStringLiteral("slot crashed");
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.error().kind, Kind::GenerationFailed);
        QCOMPARE(chat.error().detail, QStringLiteral("slot crashed"));
    }

    // reference 5.1: Ollama's /v1 loses a mid-stream error: a blank chunk, no [DONE].
    void chatStream_ollamaLostError_streamBroken()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a") });
        reply.midStreamError = QStringLiteral("lost");
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.error().kind, Kind::StreamBroken);
    }

    void chatStream_connectionClosed_streamBroken()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("{\"a") });
        reply.closeMidStream = true;
        m_fake->enqueueChat(reply);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(chat.error().kind, Kind::StreamBroken);
    }

    // Both backends end a broken stream the same way: the decoder's sentence and, in brackets,
    // what the transport saw (the OpenAI copy used to drop the transport's part).
    void chatStream_connectionClosed_detailNamesTheTransportError()
    {
        // Qt reports the close as a transport error in most runs, not all (it may see a clean
        // end): a few tries show whether the transport's words are ever kept.
        bool transportNamed = false;
        for (int i = 0; i < 5 && !transportNamed; ++i) {
            FakeReply reply = FakeReply::text({ QStringLiteral("{\"a") });
            reply.closeMidStream = true;
            m_fake->enqueueChat(reply);
            ChatRun chat(m_backend->chat(simpleChatRequest()));
            QVERIFY(chat.waitFailed());
            const QString detail = chat.error().detail;
            QVERIFY2(detail.startsWith(u"the stream ended without [DONE]"), qPrintable(detail));
            transportNamed = detail.startsWith(u"the stream ended without [DONE] (") && detail.endsWith(u')');
        }
        QVERIFY(transportNamed);
    }

    // reference 5.1 / 8: error bodies before the stream.
    void chatError_beforeStream_typedError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::newRow("not-found") << 404
                                   << QByteArray("{\"error\":{\"message\":\"model 'llama3.2' not "
                                                 "found\",\"type\":\"not_found_error\",\"param\":null,\"code\":null}}")
                                   << int(Kind::ModelNotFound);
        QTest::newRow("too-short")
            << 400
            << QByteArray("{\"error\":{\"message\":\"[] is too short - "
                          "'messages'\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
            << int(Kind::InvalidRequest);
        QTest::newRow("llama-schema") << 400
                                      << QByteArray("{\"error\":{\"code\":400,\"message\":\"JSON schema conversion "
                                                    "failed:\\nx\",\"type\":\"invalid_request_error\"}}")
                                      << int(Kind::InvalidSchema);
        QTest::newRow("llama-loading")
            << 503
            << QByteArray("{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}")
            << int(Kind::ModelLoading);
        QTest::newRow("llama-context")
            << 400
            << QByteArray("{\"error\":{\"code\":400,\"message\":\"too long\",\"type\":\"exceed_context_size_error\"}}")
            << int(Kind::ContextExceeded);
        QTest::newRow("llama-permission")
            << 403 << QByteArray("{\"error\":{\"code\":403,\"message\":\"forbidden\",\"type\":\"permission_error\"}}")
            << int(Kind::Unauthorized);
        QTest::newRow("llama-not-found")
            << 404
            << QByteArray("{\"error\":{\"code\":404,\"message\":\"model not loaded\",\"type\":\"not_found_error\"}}")
            << int(Kind::ModelNotFound);
        QTest::newRow("llama-server-error")
            << 500 << QByteArray("{\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}")
            << int(Kind::ServerError);
        QTest::newRow("llama-not-supported")
            << 501
            << QByteArray("{\"error\":{\"code\":501,\"message\":\"not supported\",\"type\":\"not_supported_error\"}}")
            << int(Kind::Unsupported);
        QTest::newRow("llama-bad-response-format")
            << 400
            << QByteArray("{\"error\":{\"code\":400,\"message\":\"response_format type must be one of text or "
                          "json_object, but got: xml\",\"type\":\"invalid_request_error\"}}")
            << int(Kind::InvalidRequest);
        QTest::newRow("ollama-api-error")
            << 500
            << QByteArray("{\"error\":{\"message\":\"llama runner process has "
                          "terminated\",\"type\":\"api_error\",\"param\":null,\"code\":null}}")
            << int(Kind::ModelLoadFailed);
        QTest::newRow("auth")
            << 401
            << QByteArray(
                   "{\"error\":{\"code\":401,\"message\":\"Invalid API Key\",\"type\":\"authentication_error\"}}")
            << int(Kind::Unauthorized);
    }

    void chatError_beforeStream_typedError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        m_fake->enqueueChat(FakeReply::error(status, body));
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        QCOMPARE(kindName(chat.error().kind), kindName(Kind(kind)));
        QCOMPARE(chat.error().httpStatus, status);
    }

    // response_format json_schema keeps the schema's key order; tools + tool_choice.
    void chatRequest_schemaAndTools_wireJson()
    {
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Schema;
        request.schemaName = QStringLiteral("person");
        request.schema = Json::parse(readTestData(QStringLiteral("llm/schema-ordered.json")).toStdString());
        request.tools.append({ QStringLiteral("extract"), QString(), Json::parse("{\"type\":\"object\"}") });
        request.toolChoice = QStringLiteral("extract");
        request.options.temperature = 0.0;
        request.options.numPredict = 100;
        request.think = ThinkMode::Off;
        request.messages.first().images.append(QByteArray("\x89PNGdata"));
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        const auto received = m_fake->requestsTo("/v1/chat/completions").first();
        const Json &sent = received.json;
        QVERIFY(sent["response_format"]["type"] == Json("json_schema"));
        QVERIFY(sent["response_format"]["json_schema"]["name"] == Json("person"));
        QVERIFY(received.body.indexOf("\"zeta\"") < received.body.indexOf("\"alpha\""));
        QVERIFY(sent["tool_choice"]["function"]["name"] == Json("extract"));
        QVERIFY(sent["temperature"] == Json(0.0));
        QVERIFY(sent["max_tokens"] == Json(100));
        QVERIFY(sent["reasoning_effort"] == Json("none"));
        const std::string url = sent["messages"][0]["content"][1]["image_url"]["url"].get<std::string>();
        QVERIFY(url.rfind("data:image/png;base64,", 0) == 0);
    }

    void chatRequest_jsonMode_jsonObject()
    {
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Json;
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        QVERIFY(m_fake->requestsTo("/v1/chat/completions").first().json["response_format"]["type"]
                == Json("json_object"));
    }

    void chatStream_toolCalls_merged()
    {
        FakeReply reply;
        reply.toolCalls.append({ QStringLiteral("call_9"), QStringLiteral("extract"), "{\"name\":\"x\"}" });
        m_fake->enqueueChat(reply);
        ChatRequest request = simpleChatRequest();
        request.responseMode = ResponseMode::Tools;
        request.tools.append({ QStringLiteral("extract"), QString(), Json::parse("{\"type\":\"object\"}") });
        request.toolChoice = QStringLiteral("required");
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        const ChatResult result = chat.result();
        QCOMPARE(result.toolCalls.size(), 1);
        QCOMPARE(result.toolCalls.first().argumentsJson, QStringLiteral("{\"name\":\"x\"}"));
        QCOMPARE(result.finishReason, QStringLiteral("tool_calls"));
        QVERIFY(m_fake->requestsTo("/v1/chat/completions").first().json["tool_choice"] == Json("required"));
    }

    void chatNonStreaming_finished()
    {
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("{\"a\":1}") }));
        ChatRequest request = simpleChatRequest();
        request.stream = false;
        ChatRun chat(m_backend->chat(request));
        QVERIFY(chat.waitFinished());
        QCOMPARE(chat.result().content, QStringLiteral("{\"a\":1}"));
        QCOMPARE(chat.result().usage.promptTokens, 26);
        QVERIFY(!m_fake->requestsTo("/v1/chat/completions").first().json.contains("stream_options"));
    }

    void cancel_midStream_noSignal()
    {
        FakeReply reply = FakeReply::text({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
        reply.pieceDelayMs = 100;
        m_fake->enqueueChat(reply);
        QPointer<ChatJob> job = m_backend->chat(simpleChatRequest());
        QSignalSpy deltas(job, &ChatJob::delta);
        QSignalSpy finished(job, &ChatJob::finished);
        QSignalSpy failed(job, &ChatJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(deltas.count(), 1, Wait);
        job->cancel();
        // Once the job is gone and no reply lives, nothing more can come.
        QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), Wait);
        QVERIFY(Formwork::Test::settleNetwork(m_nam, Wait));
        QCOMPARE(deltas.count(), 1);
        QVERIFY(finished.isEmpty());
        QVERIFY(failed.isEmpty());
    }

    void bearerToken_sentButNeverLogged()
    {
        const QByteArray secret = "sk-openai-secret-xyz";
        BackendConfig c = config();
        c.bearerToken = QString::fromLatin1(secret);
        m_backend->setConfig(c);
        auto log = std::make_unique<Formwork::Test::LogCapture>(QStringLiteral("formwork.core.llm.debug=true"));
        ModelListJob *list = m_backend->listModels();
        QSignalSpy listed(list, &ModelListJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, Wait);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFinished());
        const QStringList logLines = log->lines();
        log.reset();
        QVERIFY(!logLines.isEmpty());
        for (const QString &line : logLines)
            QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
        QVERIFY(!chat.result().requestJson.contains(secret));
        for (const auto &request : m_fake->requests())
            QCOMPARE(request.headers.value("authorization"), "Bearer " + secret);
    }

    // reference 5.2 / 8: /v1/models shapes.
    void listModels_ollamaShape_ids()
    {
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        const auto models = finished.first().first().value<QList<ModelInfo>>();
        QCOMPARE(models.size(), 2); // the fake's two pulled models
        QCOMPARE(models.first().name, QStringLiteral("llama3.2:latest"));
        QCOMPARE(models.last().name, QStringLiteral("llama3.1:8b"));
        QVERIFY(!models.first().capabilitiesKnown);
    }

    void listModels_dataNull_empty()
    {
        m_fake->setV1ModelsJson(readTestData(QStringLiteral("llm/v1-models-empty.json")));
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        QVERIFY(finished.first().first().value<QList<ModelInfo>>().isEmpty());
    }

    void listModels_llamaServerEmptyStringSize_tolerated()
    {
        m_fake->setV1ModelsJson(readTestData(QStringLiteral("llm/v1-models-llama-server.json")));
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QSignalSpy failed(job, &ModelListJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        const auto models = finished.first().first().value<QList<ModelInfo>>();
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.first().name, QStringLiteral("m.gguf"));
        QCOMPARE(models.first().contextLength, 131072);
        QCOMPARE(models.first().sizeBytes, 4912898304LL);
        QCOMPARE(models.first().parameterSize, QStringLiteral("8.0B"));
        QVERIFY(models.first().hasCapability(u"completion"));
    }

    // A doubled /v1 on llama-server: its JSON 404 "File Not Found" is a wrong address, not a
    // missing model, and the message names the URL that was tried (issue 11).
    void llamaServerWrongPath_noSuchEndpointNamingTheUrl()
    {
        m_fake->actAsLlamaServer();
        BackendConfig c = config();
        c.baseUrl.setPath(QStringLiteral("/v1/v1"));
        m_backend->setConfig(c);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        const BackendError error = chat.error();
        QCOMPARE(kindName(error.kind), kindName(Kind::EndpointNotFound));
        QCOMPARE(error.httpStatus, 404);
        const QString url = m_fake->baseUrl().toString() + QStringLiteral("/v1/v1/chat/completions");
        QCOMPARE(error.url.toString(), url);
        QVERIFY2(userMessage(error).contains(url), qPrintable(userMessage(error)));
        QVERIFY(!userMessage(error).contains(QLatin1String("not installed")));
    }

    void llamaServerPromptOverContext_keepsTheServersNumbers()
    {
        m_fake->actAsLlamaServer();
        m_fake->enqueueChat(FakeReply::error(400, FakeOllama::llamaContextErrorBody(6581, 2048)));
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        const BackendError error = chat.error();
        QCOMPARE(kindName(error.kind), kindName(Kind::ContextExceeded));
        QVERIFY2(userMessage(error).contains(QLatin1String("6581 tokens, the context holds 2048")),
                 qPrintable(userMessage(error)));
    }

    void unreachable_messageNamesTheUrl()
    {
        BackendConfig c = config();
        const quint16 port = m_fake->port();
        delete m_fake;
        m_fake = nullptr;
        c.baseUrl.setPort(port);
        m_backend->setConfig(c);
        ChatRun chat(m_backend->chat(simpleChatRequest()));
        QVERIFY(chat.waitFailed());
        const BackendError error = chat.error();
        QCOMPARE(kindName(error.kind), kindName(Kind::Unreachable));
        QVERIFY2(userMessage(error).contains(
                     QStringLiteral("The server at http://127.0.0.1:%1 cannot be reached.").arg(port)),
                 qPrintable(userMessage(error)));
    }

    // llama-server's /v1/models: n_params of a small model, the slot context, the served model loaded.
    void listModels_llamaServerMeta_paramsSlotContextLoaded()
    {
        m_fake->actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024);
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        const auto models = finished.first().first().value<QList<ModelInfo>>();
        QCOMPARE(models.size(), 1);
        const ModelInfo &model = models.first();
        QCOMPARE(model.name, QStringLiteral("/models/tiny.gguf"));
        QCOMPARE(model.parameterSize, QStringLiteral("4.2M"));
        QCOMPARE(model.contextLength, 2048);
        QCOMPARE(model.runtimeContextLength, 1024);
        QVERIFY(model.loaded);
    }

    ServerInfo probe(const BackendConfig &c)
    {
        m_backend->setConfig(c);
        ServerProbeJob *job = m_backend->probeServer();
        QSignalSpy finished(job, &ServerProbeJob::finished);
        QSignalSpy failed(job, &ServerProbeJob::failed);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, Wait); }();
        return finished.isEmpty() ? ServerInfo() : finished.first().first().value<ServerInfo>();
    }

    // llama-server is known by /v1/models (owned_by, Server header) and described by /props;
    // a base URL ending in /v1 probes the same root (issue 11).
    void probe_llamaServer_kindSlotContextTools_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("root") << QString();
        QTest::newRow("v1") << QStringLiteral("/v1");
    }

    void probe_llamaServer_kindSlotContextTools()
    {
        QFETCH(QString, path);
        m_fake->actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024, false);
        BackendConfig c = config();
        c.baseUrl.setPath(path);
        const ServerInfo info = probe(c);
        QCOMPARE(serverKindName(info.kind), QStringLiteral("llama-server"));
        QCOMPARE(info.modelId, QStringLiteral("/models/tiny.gguf"));
        QCOMPARE(info.slotContext, 1024);
        QCOMPARE(info.slotCount, 2);
        QCOMPARE(info.version, QStringLiteral("b0-unknown"));
        QVERIFY(info.supportsTools.has_value());
        QVERIFY(!*info.supportsTools);
        QCOMPARE(m_backend->serverInfo().kind, ServerKind::LlamaServer);
        QCOMPARE(m_fake->requests().size(), 2); // /v1/models and /props: cheap
        QVERIFY(m_fake->requestsTo("/api/version").isEmpty());
        QVERIFY(describeServer(info).contains(QLatin1String("llama-server")));
    }

    void probe_ollama_kindAndVersion()
    {
        const ServerInfo info = probe(config());
        QCOMPARE(serverKindName(info.kind), QStringLiteral("ollama"));
        QCOMPARE(info.version, QStringLiteral("0.32.15"));
    }

    void probe_v1OnlyServer_openAiCompatibleOfUnknownKind()
    {
        m_fake->setRouteReply("/api/version", FakeReply::error(404, "{\"detail\":\"Not Found\"}"));
        const ServerInfo info = probe(config());
        QCOMPARE(serverKindName(info.kind), QStringLiteral("openai-compatible"));
    }

    void probe_unreachable_fails()
    {
        BackendConfig c = config();
        delete m_fake;
        m_fake = nullptr;
        m_backend->setConfig(c);
        ServerProbeJob *job = m_backend->probeServer();
        QSignalSpy failed(job, &ServerProbeJob::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QCOMPARE(kindName(firstError(failed).kind), kindName(Kind::Unreachable));
    }

    void probeModels_ownerNamesTheServer_data()
    {
        QTest::addColumn<QByteArray>("owner");
        QTest::addColumn<QString>("kind");
        QTest::newRow("vllm") << QByteArray("vllm") << QStringLiteral("vllm");
        QTest::newRow("lm-studio") << QByteArray("organization_owner") << QStringLiteral("lm-studio");
        QTest::newRow("llama.cpp") << QByteArray("llamacpp") << QStringLiteral("llama-server");
        QTest::newRow("ollama /v1") << QByteArray("library") << QStringLiteral("unknown");
    }

    void probeModels_ownerNamesTheServer()
    {
        QFETCH(QByteArray, owner);
        QFETCH(QString, kind);
        ServerInfo info;
        ServerProbeJob::readModels("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"owned_by\":\""
                                       + owner + "\"}]}",
                                   {}, info);
        QCOMPARE(serverKindName(info.kind), kind);
    }

    void baseUrlWithV1_notDoubled()
    {
        BackendConfig c = config();
        c.baseUrl.setPath(QStringLiteral("/v1"));
        m_backend->setConfig(c);
        ModelListJob *job = m_backend->listModels();
        QSignalSpy finished(job, &ModelListJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(m_fake->requests().first().path, QByteArray("/v1/models"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiBackend)
#include "tst_openaibackend.moc"
