// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/backenderror.h"

#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using Kind = BackendError::Kind;

Q_DECLARE_METATYPE(Formwork::BackendError::Kind)

// Every error row of reference/ollama-api.md section 3.4 (native), 5.1 (/v1) and 8 (llama-server).
class TestBackendError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void httpError_mapsToKind_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("capability");

        // 3.4, before generation
        QTest::newRow("empty-body") << 400 << QByteArray("{\"error\":\"missing request body\"}") << Kind::InvalidRequest
                                    << QStringLiteral("missing request body") << QString();
        QTest::newRow("malformed-json")
            << 400
            << QByteArray(
                   "{\"error\":\"json: cannot unmarshal string into Go struct field ChatRequest.stream of type bool\"}")
            << Kind::InvalidRequest
            << QStringLiteral("json: cannot unmarshal string into Go struct field ChatRequest.stream of type bool")
            << QString();
        QTest::newRow("pre-0.5-schema")
            << 400
            << QByteArray("{\"error\":\"json: cannot unmarshal object into Go struct field ChatRequest.format of type "
                          "string\"}")
            << Kind::Unsupported
            << QStringLiteral("json: cannot unmarshal object into Go struct field ChatRequest.format of type string")
            << QString();
        QTest::newRow("model-required") << 400 << QByteArray("{\"error\":\"model is required\"}")
                                        << Kind::InvalidRequest << QStringLiteral("model is required") << QString();
        QTest::newRow("model-not-found") << 404 << QByteArray("{\"error\":\"model 'nosuch' not found\"}")
                                         << Kind::ModelNotFound << QStringLiteral("model 'nosuch' not found")
                                         << QString();
        QTest::newRow("think-unsupported")
            << 400 << QByteArray("{\"error\":\"\\\"llama3.2\\\" does not support thinking\"}")
            << Kind::ModelLacksCapability << QStringLiteral("\"llama3.2\" does not support thinking")
            << QStringLiteral("thinking");
        QTest::newRow("tools-unsupported")
            << 400 << QByteArray("{\"error\":\"registry.ollama.ai/library/gemma:latest does not support tools\"}")
            << Kind::ModelLacksCapability
            << QStringLiteral("registry.ollama.ai/library/gemma:latest does not support tools")
            << QStringLiteral("tools");
        QTest::newRow("embedding-chat") << 400
                                        << QByteArray("{\"error\":\"\\\"nomic-embed-text\\\" does not support chat\"}")
                                        << Kind::ModelLacksCapability
                                        << QStringLiteral("\"nomic-embed-text\" does not support chat")
                                        << QStringLiteral("chat");
        QTest::newRow("queue-full")
            << 503 << QByteArray("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}")
            << Kind::ServerBusy << QStringLiteral("server busy, please try again.  maximum pending requests exceeded")
            << QString();
        QTest::newRow("load-failure") << 500
                                      << QByteArray(
                                             "{\"error\":\"llama runner process has terminated: error loading model\"}")
                                      << Kind::ModelLoadFailed
                                      << QStringLiteral("llama runner process has terminated: error loading model")
                                      << QString();
        QTest::newRow("oom") << 500 << QByteArray("{\"error\":\"model requires more system memory (out of memory)\"}")
                             << Kind::ModelLoadFailed
                             << QStringLiteral("model requires more system memory (out of memory)") << QString();
        QTest::newRow("option-type") << 500
                                     << QByteArray("{\"error\":\"option \\\"temperature\\\" must be of type float32\"}")
                                     << Kind::InvalidRequest
                                     << QStringLiteral("option \"temperature\" must be of type float32") << QString();
        // 3.4 during generation / 6.1
        QTest::newRow("schema-500") << 500 << QByteArray("{\"error\":\"invalid JSON schema in format\"}")
                                    << Kind::InvalidSchema << QStringLiteral("invalid JSON schema in format")
                                    << QString();
        QTest::newRow("schema-400-llama")
            << 400 << QByteArray("{\"error\":\"JSON schema conversion failed:\\nError resolving ref #/$defs/X\"}")
            << Kind::InvalidSchema << QStringLiteral("JSON schema conversion failed:\nError resolving ref #/$defs/X")
            << QString();
        QTest::newRow("bad-format-string")
            << 500 << QByteArray("{\"error\":\"invalid format: xml; expected json\"}") << Kind::InvalidSchema
            << QStringLiteral("invalid format: xml; expected json") << QString();
        QTest::newRow("other-500") << 500 << QByteArray("{\"error\":\"something odd\"}") << Kind::ServerError
                                   << QStringLiteral("something odd") << QString();
        // 1: routing
        QTest::newRow("unknown-path") << 404 << QByteArray("404 page not found") << Kind::EndpointNotFound
                                      << QStringLiteral("404 page not found") << QString();
        QTest::newRow("wrong-method") << 405 << QByteArray("405 method not allowed") << Kind::HttpError
                                      << QStringLiteral("405 method not allowed") << QString();
        // 5.1: /v1 errors
        QTest::newRow("v1-not-found") << 404
                                      << QByteArray(
                                             "{\"error\":{\"message\":\"model 'x' not "
                                             "found\",\"type\":\"not_found_error\",\"param\":null,\"code\":null}}")
                                      << Kind::ModelNotFound << QStringLiteral("model 'x' not found") << QString();
        QTest::newRow("v1-too-short")
            << 400
            << QByteArray("{\"error\":{\"message\":\"[] is too short - "
                          "'messages'\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
            << Kind::InvalidRequest << QStringLiteral("[] is too short - 'messages'") << QString();
        // 8: llama-server
        QTest::newRow("llama-invalid")
            << 400
            << QByteArray("{\"error\":{\"code\":400,\"message\":\"response_format type must be one of \\\"text\\\" or "
                          "\\\"json_object\\\", but got: xml\",\"type\":\"invalid_request_error\"}}")
            << Kind::InvalidRequest
            << QStringLiteral("response_format type must be one of \"text\" or \"json_object\", but got: xml")
            << QString();
        QTest::newRow("llama-auth")
            << 401
            << QByteArray(
                   "{\"error\":{\"code\":401,\"message\":\"Invalid API Key\",\"type\":\"authentication_error\"}}")
            << Kind::Unauthorized << QStringLiteral("Invalid API Key") << QString();
        QTest::newRow("llama-permission")
            << 403 << QByteArray("{\"error\":{\"code\":403,\"message\":\"no\",\"type\":\"permission_error\"}}")
            << Kind::Unauthorized << QStringLiteral("no") << QString();
        QTest::newRow("llama-not-found")
            << 404
            << QByteArray("{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}")
            << Kind::EndpointNotFound << QStringLiteral("File Not Found") << QString();
        QTest::newRow("vllm-no-such-model")
            << 404
            << QByteArray("{\"object\":\"error\",\"message\":\"The model `x` does not exist.\",\"type\":"
                          "\"NotFoundError\",\"code\":404}")
            << Kind::ModelNotFound << QStringLiteral("The model `x` does not exist.") << QString();
        QTest::newRow("llama-server-error")
            << 500 << QByteArray("{\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}")
            << Kind::ServerError << QStringLiteral("boom") << QString();
        QTest::newRow("llama-not-supported")
            << 501
            << QByteArray("{\"error\":{\"code\":501,\"message\":\"This server does not support "
                          "embeddings.\",\"type\":\"not_supported_error\"}}")
            << Kind::Unsupported << QStringLiteral("This server does not support embeddings.") << QString();
        QTest::newRow("llama-loading")
            << 503
            << QByteArray("{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}")
            << Kind::ModelLoading << QStringLiteral("Loading model") << QString();
        QTest::newRow("llama-context") << 400
                                       << QByteArray(
                                              "{\"error\":{\"code\":400,\"message\":\"the request exceeds the "
                                              "available context size\",\"type\":\"exceed_context_size_error\"}}")
                                       << Kind::ContextExceeded
                                       << QStringLiteral("the request exceeds the available context size") << QString();
        QTest::newRow("llama-schema") << 400
                                      << QByteArray(
                                             "{\"error\":{\"code\":400,\"message\":\"JSON schema conversion "
                                             "failed:\\nUnrecognized schema\",\"type\":\"invalid_request_error\"}}")
                                      << Kind::InvalidSchema
                                      << QStringLiteral("JSON schema conversion failed:\nUnrecognized schema")
                                      << QString();
    }

    void httpError_mapsToKind()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, detail);
        QFETCH(QString, capability);
        const BackendError error = errorFromHttp(status, body, QStringLiteral("m"));
        QCOMPARE(kindName(error.kind), kindName(kind));
        QCOMPARE(error.detail, detail); // the server's own text is kept for the details view
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.capability, capability);
        QVERIFY(!userMessage(error).isEmpty());
    }

    void modelNotFound_userMessageSuggestsPull()
    {
        const BackendError error
            = errorFromHttp(404, "{\"error\":\"model 'qwen3:8b' not found\"}", QStringLiteral("qwen3:8b"));
        QCOMPARE(error.kind, Kind::ModelNotFound);
        QVERIFY2(userMessage(error).contains(QLatin1String("ollama pull qwen3:8b")), qPrintable(userMessage(error)));
    }

    // llama-server's "File Not Found" says nothing about a model: a wrong path or API (issue 11).
    void llamaServer404_isNoSuchEndpointNamingTheUrl()
    {
        BackendError error = errorFromHttp(
            404, "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}",
            QStringLiteral("tiny"));
        error.url = QUrl(QStringLiteral("http://user:pw@127.0.0.1:8080/v1/v1/chat/completions"));
        QCOMPARE(error.kind, Kind::EndpointNotFound);
        const QString message = userMessage(error);
        QVERIFY2(message.contains(QLatin1String("no such endpoint: http://127.0.0.1:8080/v1/v1/chat/completions.")),
                 qPrintable(message));
        QVERIFY(!message.contains(QLatin1String("pw")));
        QVERIFY(!message.contains(QLatin1String("pull")));
    }

    void unreachable_messageNamesTheUrl()
    {
        BackendError error;
        error.kind = Kind::Unreachable;
        error.url = QUrl(QStringLiteral("http://127.0.0.1:9/api/chat"));
        QCOMPARE(userMessage(error),
                 QStringLiteral("The server at http://127.0.0.1:9 cannot be reached. Is it running?"));
    }

    void contextExceeded_keepsTheServersNumbers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("llama-server fields")
            << QByteArray("{\"error\":{\"code\":400,\"message\":\"request (6581 tokens) exceeds the available "
                          "context size (2048 tokens), try increasing it\",\"type\":\"exceed_context_size_error\","
                          "\"n_prompt_tokens\":6581,\"n_ctx\":2048}}");
        QTest::newRow("message only") << QByteArray(
            "{\"error\":{\"code\":400,\"message\":\"request (6581 tokens) exceeds the available "
            "context size (2048 tokens), try increasing it\",\"type\":\"invalid_request_error\"}}");
    }

    void contextExceeded_keepsTheServersNumbers()
    {
        QFETCH(QByteArray, body);
        const BackendError error = errorFromHttp(400, body, QStringLiteral("tiny"));
        QCOMPARE(error.kind, Kind::ContextExceeded);
        QCOMPARE(error.promptTokens, 6581);
        QCOMPARE(error.contextTokens, 2048);
        QVERIFY2(userMessage(error).contains(QLatin1String("6581 tokens, the context holds 2048")),
                 qPrintable(userMessage(error)));
    }

    void streamError_isGenerationFailedWithText()
    {
        const BackendError error = errorFromStream(QStringLiteral("an error was encountered while running the model"));
        QCOMPARE(error.kind, Kind::GenerationFailed);
        QCOMPARE(error.detail, QStringLiteral("an error was encountered while running the model"));
        QVERIFY(error.isTransient());
    }

    void transientKinds_areTheTransportOnes()
    {
        BackendError error;
        error.kind = Kind::ServerBusy;
        QVERIFY(error.isTransient());
        error.kind = Kind::ModelNotFound;
        QVERIFY(!error.isTransient());
        error.kind = Kind::InvalidSchema;
        QVERIFY(!error.isTransient());
    }
};

QTEST_GUILESS_MAIN(TestBackendError)
#include "tst_backenderror.moc"
