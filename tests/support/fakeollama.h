// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "fakerequestcheck.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace Formwork {
namespace Test {

struct FakeToolCall {
    QString id;
    QString name;
    QByteArray argumentsJson = QByteArrayLiteral("{}"); // a JSON object
};

// One scripted reply to a chat request (or to any route, see FakeOllama::setRouteReply). The
// shapes follow reference/ollama-api.md: NDJSON for /api/chat (3.3), SSE for /v1 (5.1, 8).
struct FakeReply {
    // --- a successful generation ---
    QStringList thinking; // pieces, sent before the content
    QStringList content; // pieces: one NDJSON line / SSE event each
    QList<FakeToolCall> toolCalls;
    QString doneReason = QStringLiteral("stop");
    bool contentOnDoneLine = false; // the last content piece rides on the done:true line
    qint64 promptTokens = 26;
    qint64 evalTokens = 12;
    qint64 loadNs = 574751416;
    qint64 promptEvalNs = 1502000000;
    qint64 evalNs = 175000000;
    qint64 totalNs = 2254970291;

    // --- an error before the stream (reference 3.4): status + body, no stream ---
    int status = 200;
    QByteArray errorBody; // e.g. {"error":"model 'x' not found"}
    QByteArray contentType; // overrides the default content type

    // --- errors during the stream ---
    QString midStreamError; // after the pieces: an {"error":...} line / data: event, then close
    bool closeMidStream = false; // close after the pieces, without a done line or [DONE]
    bool stallMidStream = false; // stop after the pieces and keep the connection open

    // --- framing ---
    int firstByteDelayMs = 0; // e.g. model loading
    int pieceDelayMs = 0; // between two writes
    int splitBytes = 0; // cut the body into writes of this many bytes (0: one write per line/event)
    bool crlf = false; // "\r\n" line endings
    bool chunked = true; // Transfer-Encoding: chunked; false: Connection: close, body ends at close
    QByteArray rawBody; // sent verbatim as the body instead of a generated one

    // --- llama-server (actAsLlamaServer) ---
    // Stopped by the slot's context: finish_reason "length" with prompt + completion tokens equal
    // to the slot context, whatever max_tokens was (reference llama-server.md, end-to-end runs).
    bool stopAtContext = false;

    static FakeReply text(const QStringList &pieces)
    {
        FakeReply reply;
        reply.content = pieces;
        return reply;
    }
    static FakeReply error(int status, const QByteArray &body)
    {
        FakeReply reply;
        reply.status = status;
        reply.errorBody = body;
        return reply;
    }
};

struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    nlohmann::ordered_json json; // the body parsed (discarded value when not JSON)
};

// A loopback HTTP server that speaks Ollama's native API and the OpenAI-compatible API, for
// tests (conventions.md rule 7). Listens on port 0; chat replies come from a queue.
class FakeOllama final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeOllama)

public:
    enum class OpenAiFlavor {
        Ollama, // >= 0.32.6 shape; a mid-stream error becomes an empty chunk (reference 5.1)
        OllamaOld, // < 0.32.6: role and finish_reason on content chunks
        LlamaServer, // reasoning_content; data: {"error":{...}} mid-stream (reference 8)
    };

    explicit FakeOllama(QObject *parent = nullptr);
    ~FakeOllama() override;

    // On `port`, or on a free one for 0 (a test can make a closed port start listening).
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;

    void setVersion(const QString &version) { m_version = version; }
    // The pulled models: a default model the new list leaves out is gone (chat answers 404).
    void setTagsJson(const QByteArray &json);
    void setPsJson(const QByteArray &json) { m_ps = json; }
    void setShowJson(const QString &model, const QByteArray &json) { m_show.insert(model, json); }
    // Until set, /v1/models lists what /api/tags lists (one store on a real server).
    void setV1ModelsJson(const QByteArray &json)
    {
        m_v1Models = json;
        m_v1FromTags = false;
    }
    // Pulls one more model: listed by /api/tags and /v1/models, answered by /api/show. Generation
    // routes refuse a model the fake does not have with a 404, as Ollama does (reference 3.4).
    void addModel(const QString &name,
                  const QStringList &capabilities = { QStringLiteral("completion"), QStringLiteral("tools") });
    void setOpenAiFlavor(OpenAiFlavor flavor) { m_flavor = flavor; }
    // Answers as llama.cpp's llama-server does (reference/llama-server.md): `Server: llama.cpp` on
    // every response, /health, /props and /v1/models with `meta` (slot context `slotContext`,
    // `n_params`), the model id in every chat response whatever was asked, a 404 JSON
    // not_found_error for / and every /api/* or unknown route, a bare json_object answered with
    // free text to the token limit, and an object tool_choice logged as a wrong type.
    void actAsLlamaServer(const QString &modelId = QStringLiteral("/models/tiny.gguf"), int slotContext = 1024,
                          bool supportsTools = false);
    // What llama-server would have logged (e.g. "Wrong type supplied for parameter 'tool_choice'").
    const QStringList &serverLog() const { return m_serverLog; }
    // llama-server's 400 for a prompt longer than the slot context.
    static QByteArray llamaContextErrorBody(int promptTokens, int context);
    // Answers every request to `path` with `reply` (status + errorBody, or rawBody).
    void setRouteReply(const QByteArray &path, const FakeReply &reply) { m_routeReplies.insert(path, reply); }
    void enqueueChat(const FakeReply &reply) { m_chatQueue.enqueue(reply); }
    // Answers a chat request from what it asks (consulted before the queue; nullopt falls back
    // to the queue), for batches whose rows run in any order.
    using ChatResponder = std::function<std::optional<FakeReply>(const RecordedRequest &request)>;
    void setChatResponder(ChatResponder responder) { m_responder = std::move(responder); }
    // Stops listening and drops every open connection: a server that went down.
    void shutDown();

    // Loads a script (the format fake-ollama reads): {"version", "tags", "models":[name or
    // {"name","capabilities"}...] (pulled besides the defaults), "ps", "show":{model:...},
    // "v1_models", "flavor", "chat":[reply...], "routes":{path:reply}}; a reply is an object with the
    // FakeReply fields in snake_case. Returns false with `error` set on a bad script.
    bool loadScript(const QByteArray &script, QString *error = nullptr);

    const QList<RecordedRequest> &requests() const { return m_requests; }
    QList<RecordedRequest> requestsTo(const QByteArray &path) const;
    int openConnections() const;

Q_SIGNALS:
    void requestReceived(const QByteArray &method, const QByteArray &path);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const RecordedRequest &request);
    void sendSimple(QTcpSocket *socket, int status, const QByteArray &contentType, const QByteArray &body,
                    bool close = false, bool head = false);
    // generate: /api/generate's lines ("response" in place of "message", reference 4).
    void sendChat(QTcpSocket *socket, const RecordedRequest &request, const FakeReply &reply, bool openAi,
                  bool generate = false);
    // A pulled model: listed by /api/tags or /v1/models, or given /api/show data.
    std::optional<FakeModel> findModel(const QString &name) const;

    QTcpServer *m_server;
    QString m_version = QStringLiteral("0.32.15");
    QByteArray m_tags;
    QByteArray m_ps;
    QHash<QString, QByteArray> m_show;
    bool m_v1FromTags = true;
    QStringList m_defaultModels; // pulled by the constructor, until a tags list leaves them out
    QByteArray m_v1Models;
    OpenAiFlavor m_flavor = OpenAiFlavor::Ollama;
    QHash<QByteArray, FakeReply> m_routeReplies;
    QQueue<FakeReply> m_chatQueue;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    ChatResponder m_responder;
    bool m_llama = false;
    QString m_llamaModel;
    int m_slotContext = 0;
    bool m_llamaTools = false;
    QByteArray m_serverHeader;
    QStringList m_serverLog;

    void handleLlamaServer(QTcpSocket *socket, const RecordedRequest &request);
};

} // namespace Test
} // namespace Formwork
