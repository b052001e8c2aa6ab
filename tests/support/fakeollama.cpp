// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeollama.h"

#include "fakerequestcheck.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace Formwork {
namespace Test {

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QByteArray dump(const Json &json)
{
    return QByteArray::fromStdString(json.dump(-1, ' ', false, Json::error_handler_t::replace));
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

const QByteArray JsonType = QByteArrayLiteral("application/json; charset=utf-8");
const QByteArray TextType = QByteArrayLiteral("text/plain; charset=utf-8");
const char *CreatedAt = "2025-10-26T17:15:24.166576Z";

// A response body written step by step (reference 3.3: chunk boundaries fall anywhere).
struct Step {
    int delayMs = 0;
    QByteArray data;
    enum Action { Write, Close, Stall, Finish } action = Write;
};

void runSteps(QPointer<QTcpSocket> socket, std::shared_ptr<QList<Step>> steps, bool chunked, bool closeAtEnd)
{
    if (!socket || steps->isEmpty())
        return;
    const Step step = steps->takeFirst();
    auto perform = [socket, steps, chunked, closeAtEnd, step] {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        switch (step.action) {
        case Step::Write:
            if (step.data.isEmpty())
                break; // an empty HTTP chunk would end the body
            if (chunked)
                socket->write(QByteArray::number(step.data.size(), 16) + "\r\n" + step.data + "\r\n");
            else
                socket->write(step.data);
            socket->flush();
            break;
        case Step::Close:
            socket->flush();
            socket->abort();
            return;
        case Step::Stall:
            return; // keep the connection open, send nothing more
        case Step::Finish:
            if (chunked)
                socket->write("0\r\n\r\n");
            socket->flush();
            if (closeAtEnd)
                socket->disconnectFromHost();
            return;
        }
        runSteps(socket, steps, chunked, closeAtEnd);
    };
    if (step.delayMs > 0)
        QTimer::singleShot(step.delayMs, socket.data(), perform);
    else
        perform();
}

Json toolCallsJson(const QList<FakeToolCall> &calls, bool openAi)
{
    Json array = Json::array();
    int index = 0;
    for (const FakeToolCall &call : calls) {
        Json function = Json::object();
        if (!openAi)
            function["index"] = index;
        function["name"] = utf8(call.name);
        if (openAi)
            function["arguments"] = call.argumentsJson.toStdString();
        else
            function["arguments"] = Json::parse(call.argumentsJson.toStdString(), nullptr, false);
        Json c = Json::object();
        if (openAi)
            c["index"] = index;
        if (!call.id.isEmpty())
            c["id"] = utf8(call.id);
        if (openAi)
            c["type"] = "function";
        c["function"] = std::move(function);
        array.push_back(std::move(c));
        ++index;
    }
    return array;
}

QString normalizedModel(const QString &name)
{
    return normalizedModelName(name);
}

// One line of a native stream: /api/chat carries a message, /api/generate its text as "response"
// (reference 3.3, 4).
Json nativeLine(const std::string &model, const Json &message, bool done, bool generate)
{
    Json j = { { "model", model }, { "created_at", CreatedAt } };
    if (generate) {
        j["response"] = message.value("content", std::string());
        if (message.contains("thinking"))
            j["thinking"] = message["thinking"];
    } else {
        j["message"] = message;
    }
    j["done"] = done;
    return j;
}

// The names of the models in a model list: "models"[].name/model (/api/tags) and "data"[].id (/v1/models).
QStringList listedNames(const QByteArray &list)
{
    QStringList names;
    const Json json = Json::parse(list.constBegin(), list.constEnd(), nullptr, false);
    if (!json.is_object())
        return names;
    for (const char *key : { "models", "data" }) {
        const Json entries = json.value(key, Json::array());
        if (!entries.is_array())
            continue;
        for (const Json &entry : entries) {
            for (const char *field : { "name", "model", "id" }) {
                if (entry.is_object() && entry.value(field, Json()).is_string())
                    names.append(QString::fromStdString(entry[field].get<std::string>()));
            }
        }
    }
    return names;
}

QStringList capabilitiesOf(const Json &json)
{
    QStringList capabilities;
    const Json list = json.is_object() ? json.value("capabilities", Json::array()) : Json::array();
    if (list.is_array()) {
        for (const Json &c : list) {
            if (c.is_string())
                capabilities.append(QString::fromStdString(c.get<std::string>()));
        }
    }
    return capabilities;
}

FakeReply replyFromJson(const Json &j)
{
    FakeReply r;
    auto strings = [&](const char *key) {
        QStringList list;
        if (j.contains(key)) {
            for (const auto &s : j[key])
                list.append(QString::fromStdString(s.get<std::string>()));
        }
        return list;
    };
    r.thinking = strings("thinking");
    r.content = strings("content");
    if (j.contains("tool_calls")) {
        for (const auto &c : j["tool_calls"]) {
            FakeToolCall call;
            call.id = QString::fromStdString(c.value("id", std::string()));
            call.name = QString::fromStdString(c.value("name", std::string()));
            call.argumentsJson = QByteArray::fromStdString(c.value("arguments", Json::object()).dump());
            r.toolCalls.append(call);
        }
    }
    r.doneReason = QString::fromStdString(j.value("done_reason", std::string("stop")));
    r.contentOnDoneLine = j.value("content_on_done_line", false);
    r.status = j.value("status", 200);
    if (j.contains("error_body"))
        r.errorBody = j["error_body"].is_string() ? QByteArray::fromStdString(j["error_body"].get<std::string>())
                                                  : dump(j["error_body"]);
    r.contentType = QByteArray::fromStdString(j.value("content_type", std::string()));
    r.midStreamError = QString::fromStdString(j.value("mid_stream_error", std::string()));
    r.closeMidStream = j.value("close_mid_stream", false);
    r.stallMidStream = j.value("stall_mid_stream", false);
    r.firstByteDelayMs = j.value("first_byte_delay_ms", 0);
    r.pieceDelayMs = j.value("piece_delay_ms", 0);
    r.promptTokens = j.value("prompt_tokens", r.promptTokens);
    r.evalTokens = j.value("eval_tokens", r.evalTokens);
    r.splitBytes = j.value("split_bytes", 0);
    r.crlf = j.value("crlf", false);
    r.chunked = j.value("chunked", true);
    r.rawBody = QByteArray::fromStdString(j.value("raw_body", std::string()));
    r.stopAtContext = j.value("stop_at_context", false);
    return r;
}

} // namespace

FakeOllama::FakeOllama(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    Json model = {
        { "name", "llama3.2:latest" },
        { "model", "llama3.2:latest" },
        { "modified_at", "2025-05-04T17:37:44.706015396-07:00" },
        { "size", 2019393189 },
        { "digest", "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72" },
        { "details",
          { { "parent_model", "" },
            { "format", "gguf" },
            { "family", "llama" },
            { "families", { "llama" } },
            { "parameter_size", "3.2B" },
            { "quantization_level", "Q4_K_M" },
            { "context_length", 131072 },
            { "embedding_length", 3072 } } },
        { "capabilities", { "completion", "tools" } },
    };
    m_tags = dump(Json { { "models", Json::array({ model }) } });
    m_ps = QByteArrayLiteral("{\"models\":[]}");
    m_show.insert(
        QStringLiteral("llama3.2:latest"),
        dump(Json { { "details", model["details"] },
                    { "model_info", { { "general.architecture", "llama" }, { "llama.context_length", 131072 } } },
                    { "capabilities", { "completion", "tools" } } }));
    m_v1Models = QByteArrayLiteral(
        "{\"object\":\"list\",\"data\":[{\"id\":\"llama3.2:latest\",\"object\":\"model\",\"created\":1714864664,"
        "\"owned_by\":\"library\"}]}");
    // The model of the tests' person run (extractiontestsupport.h) is pulled too; any other name a
    // test asks for must be added with addModel() or a script, or the chat is a 404.
    addModel(QStringLiteral("llama3.1:8b"));
    m_defaultModels = { QStringLiteral("llama3.2:latest"), QStringLiteral("llama3.1:8b") };
    connect(m_server, &QTcpServer::newConnection, this, &FakeOllama::onNewConnection);
}

FakeOllama::~FakeOllama() = default;

void FakeOllama::addModel(const QString &name, const QStringList &capabilities)
{
    const std::string id = utf8(normalizedModel(name));
    Json caps = Json::array();
    for (const QString &c : capabilities)
        caps.push_back(utf8(c));
    Json tags = Json::parse(m_tags.constBegin(), m_tags.constEnd(), nullptr, false);
    if (!tags.is_object() || !tags.value("models", Json()).is_array())
        tags = Json { { "models", Json::array() } };
    const Json details
        = { { "parent_model", "" },      { "format", "gguf" },       { "family", "llama" },
            { "families", { "llama" } }, { "parameter_size", "1B" }, { "quantization_level", "Q4_K_M" } };
    tags["models"].push_back(Json { { "name", id },
                                    { "model", id },
                                    { "modified_at", "2025-05-04T17:37:44.706015396-07:00" },
                                    { "size", 1000000 },
                                    { "digest", "0000" },
                                    { "details", details },
                                    { "capabilities", caps } });
    m_show.insert(QString::fromStdString(id), dump(Json { { "details", details }, { "capabilities", caps } }));
    setTagsJson(dump(tags));
    Json v1 = Json::parse(m_v1Models.constBegin(), m_v1Models.constEnd(), nullptr, false);
    if (!m_v1FromTags && v1.is_object() && v1.value("data", Json()).is_array()) {
        v1["data"].push_back(
            Json { { "id", id }, { "object", "model" }, { "created", 1714864664 }, { "owned_by", "library" } });
        m_v1Models = dump(v1);
    }
}

void FakeOllama::setTagsJson(const QByteArray &json)
{
    m_tags = json;
    const QStringList listed = listedNames(json);
    for (const QString &name : std::as_const(m_defaultModels)) {
        if (!listed.contains(name, Qt::CaseInsensitive))
            m_show.remove(name);
    }
    if (!m_v1FromTags)
        return;
    // Ollama's /v1/models: the same models; with none, "data" is null (reference 5.2).
    Json data = Json::array();
    for (const QString &name : listedNames(json)) {
        if (std::none_of(data.begin(), data.end(), [&](const Json &d) { return d["id"] == utf8(name); }))
            data.push_back(Json {
                { "id", utf8(name) }, { "object", "model" }, { "created", 1714864664 }, { "owned_by", "library" } });
    }
    m_v1Models = dump(Json { { "object", "list" }, { "data", data.empty() ? Json() : data } });
}

std::optional<FakeModel> FakeOllama::findModel(const QString &name) const
{
    // Matching ignores case and the tag defaults to latest (reference 1, getExistingName).
    const QString wanted = normalizedModel(name);
    auto same
        = [&](const QString &listed) { return normalizedModel(listed).compare(wanted, Qt::CaseInsensitive) == 0; };
    for (auto it = m_show.constBegin(); it != m_show.constEnd(); ++it) {
        if (same(it.key()))
            return FakeModel { it.key(),
                               capabilitiesOf(Json::parse(it->constBegin(), it->constEnd(), nullptr, false)) };
    }
    const Json tags = Json::parse(m_tags.constBegin(), m_tags.constEnd(), nullptr, false);
    if (tags.is_object() && tags.value("models", Json()).is_array()) {
        for (const Json &entry : tags["models"]) {
            if (entry.is_object() && same(QString::fromStdString(entry.value("name", std::string()))))
                return FakeModel { wanted, capabilitiesOf(entry) };
        }
    }
    const QStringList v1 = listedNames(m_v1Models);
    if (std::any_of(v1.cbegin(), v1.cend(), same))
        return FakeModel { wanted, {} };
    return std::nullopt;
}

void FakeOllama::actAsLlamaServer(const QString &modelId, int slotContext, bool supportsTools)
{
    m_llama = true;
    m_flavor = OpenAiFlavor::LlamaServer;
    m_llamaModel = modelId;
    m_slotContext = slotContext;
    m_llamaTools = supportsTools;
    m_serverHeader = QByteArrayLiteral("llama.cpp");
    const std::string id = utf8(modelId);
    const Json details = { { "parent_model", "" }, { "format", "gguf" },     { "family", "" },
                           { "families", { "" } }, { "parameter_size", "" }, { "quantization_level", "" } };
    const Json ollamaLike = { { "name", id },        { "model", id },       { "modified_at", "" },
                              { "size", "" },        { "digest", "" },      { "type", "model" },
                              { "description", "" }, { "tags", { "" } },    { "capabilities", { "completion" } },
                              { "parameters", "" },  { "details", details } };
    const Json meta
        = { { "vocab_type", true }, { "n_vocab", 32064 },    { "n_ctx", slotContext }, { "n_ctx_train", 2048 },
            { "n_embd", 64 },       { "n_params", 4186432 }, { "size", 16745728 },     { "ftype", "all F32" } };
    const Json data = { { "id", id },          { "aliases", { id } },     { "tags", Json::array() },
                        { "object", "model" }, { "created", 1795483346 }, { "owned_by", "llamacpp" },
                        { "meta", meta } };
    m_v1FromTags = false;
    m_v1Models = dump(
        Json { { "models", Json::array({ ollamaLike }) }, { "object", "list" }, { "data", Json::array({ data }) } });
}

QByteArray FakeOllama::llamaContextErrorBody(int promptTokens, int context)
{
    const std::string message = "request (" + std::to_string(promptTokens)
        + " tokens) exceeds the available context size (" + std::to_string(context) + " tokens), try increasing it";
    return dump(Json { { "error",
                         { { "code", 400 },
                           { "message", message },
                           { "type", "exceed_context_size_error" },
                           { "n_prompt_tokens", promptTokens },
                           { "n_ctx", context } } } });
}

void FakeOllama::handleLlamaServer(QTcpSocket *socket, const RecordedRequest &request)
{
    const QByteArray &path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    const bool close = request.headers.value("connection").toLower() == "close";
    auto error = [](int code, const std::string &message, const char *type) {
        return dump(Json { { "error", { { "code", code }, { "message", message }, { "type", type } } } });
    };
    if (get && (path == "/health" || path == "/v1/health")) {
        sendSimple(socket, 200, JsonType, "{\"status\":\"ok\"}", close);
    } else if (get && path == "/props") {
        const Json props = {
            { "default_generation_settings", { { "params", Json::object() }, { "n_ctx", m_slotContext } } },
            { "total_slots", 2 },
            { "model_alias", utf8(m_llamaModel) },
            { "model_path", utf8(m_llamaModel) },
            { "modalities", { { "vision", false }, { "video", false }, { "audio", false } } },
            { "chat_template", "{% for message in messages %}...{% endfor %}" },
            { "chat_template_caps", { { "supports_system_role", true }, { "supports_tools", m_llamaTools } } },
            { "bos_token", "<s>" },
            { "eos_token", "<|endoftext|>" },
            { "build_info", "b0-unknown" },
            { "endpoint_slots", true },
            { "endpoint_metrics", false },
            { "is_sleeping", false },
        };
        sendSimple(socket, 200, JsonType, dump(props), close);
    } else if (get && (path == "/v1/models" || path == "/models")) {
        sendSimple(socket, 200, JsonType, m_v1Models, close);
    } else if (post && (path == "/v1/chat/completions" || path == "/chat/completions")) {
        if (request.json.is_discarded()) {
            sendSimple(socket, 500, JsonType,
                       error(500,
                             "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while "
                             "parsing value - unexpected end of input",
                             "server_error"),
                       close);
            return;
        }
        if (!request.json.contains("messages")) {
            sendSimple(socket, 400, JsonType, error(400, "'messages' is required", "invalid_request_error"), close);
            return;
        }
        FakeReply reply = m_routeReplies.contains(path) ? m_routeReplies.value(path)
            : !m_chatQueue.isEmpty()                    ? m_chatQueue.dequeue()
                                                        : FakeReply::text({ QStringLiteral("{}") });
        const Json format = request.json.value("response_format", Json());
        const std::string type = format.is_object() ? format.value("type", std::string()) : std::string();
        Json schema;
        if (type == "json_object")
            schema = format.value("schema", Json());
        else if (type == "json_schema" && format.contains("json_schema"))
            schema = format["json_schema"].value("schema", Json());
        // json_object maps to an empty schema, which the chat autoparser does not constrain: the
        // model writes free text until the token limit (reference llama-server.md 5.2).
        if ((type == "json_object" || type == "json_schema") && (!schema.is_object() || schema.empty())) {
            reply.content = { QStringLiteral(" drawingez unicode Ada thirty six years") };
            reply.toolCalls.clear();
            reply.doneReason = QStringLiteral("length");
            reply.evalTokens = request.json.value("max_tokens", 24);
        }
        const Json choice = request.json.value("tool_choice", Json());
        if (!choice.is_null() && !choice.is_string())
            m_serverLog.append(QStringLiteral("Wrong type supplied for parameter 'tool_choice'"));
        if (request.json.contains("tools") && !m_llamaTools && !reply.toolCalls.isEmpty()) {
            // A template without tool support: the model answers in plain text.
            reply.content = { QString::fromUtf8(reply.toolCalls.first().argumentsJson) };
            reply.toolCalls.clear();
        }
        if (reply.stopAtContext) {
            reply.doneReason = QStringLiteral("length");
            reply.evalTokens = m_slotContext - reply.promptTokens;
        }
        sendChat(socket, request, reply, true);
    } else {
        // Ollama's routes, GET / and any other path: the same 404, and the connection closes.
        sendSimple(socket, 404, JsonType, error(404, "File Not Found", "not_found_error"), true,
                   request.method == "HEAD");
    }
}

bool FakeOllama::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeOllama::port() const
{
    return m_server->serverPort();
}

QUrl FakeOllama::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QList<RecordedRequest> FakeOllama::requestsTo(const QByteArray &path) const
{
    QList<RecordedRequest> matching;
    for (const RecordedRequest &request : m_requests) {
        if (request.path == path)
            matching.append(request);
    }
    return matching;
}

void FakeOllama::shutDown()
{
    m_server->close();
    const QList<QTcpSocket *> sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

int FakeOllama::openConnections() const
{
    return int(m_buffers.size());
}

bool FakeOllama::loadScript(const QByteArray &script, QString *error)
{
    const Json json = Json::parse(script.constBegin(), script.constEnd(), nullptr, false);
    if (!json.is_object()) {
        if (error)
            *error = QStringLiteral("the script is not a JSON object");
        return false;
    }
    try {
        if (json.contains("version"))
            m_version = QString::fromStdString(json["version"].get<std::string>());
        if (json.contains("tags"))
            setTagsJson(dump(json["tags"]));
        if (json.contains("ps"))
            m_ps = dump(json["ps"]);
        if (json.contains("models")) {
            // Models to pull besides the defaults: a name, or {"name", "capabilities"}.
            for (const auto &model : json["models"]) {
                if (model.is_string()) {
                    addModel(QString::fromStdString(model.get<std::string>()));
                    continue;
                }
                QStringList capabilities;
                for (const auto &c : model.value("capabilities", Json::array({ "completion", "tools" })))
                    capabilities.append(QString::fromStdString(c.get<std::string>()));
                addModel(QString::fromStdString(model.at("name").get<std::string>()), capabilities);
            }
        }
        if (json.contains("v1_models"))
            setV1ModelsJson(dump(json["v1_models"]));
        if (json.contains("show")) {
            for (const auto &[name, value] : json["show"].items())
                m_show.insert(QString::fromStdString(name), dump(value));
        }
        if (json.contains("llama_server")) {
            const Json &llama = json["llama_server"];
            actAsLlamaServer(QString::fromStdString(llama.value("model", std::string("/models/tiny.gguf"))),
                             llama.value("n_ctx", 1024), llama.value("supports_tools", false));
        }
        const std::string flavor = json.value("flavor", std::string(m_llama ? "llama-server" : "ollama"));
        m_flavor = flavor == "llama-server" ? OpenAiFlavor::LlamaServer
            : flavor == "ollama-old"        ? OpenAiFlavor::OllamaOld
                                            : OpenAiFlavor::Ollama;
        if (json.contains("chat")) {
            for (const auto &reply : json["chat"])
                m_chatQueue.enqueue(replyFromJson(reply));
        }
        if (json.contains("routes")) {
            for (const auto &[path, reply] : json["routes"].items())
                m_routeReplies.insert(QByteArray::fromStdString(path), replyFromJson(reply));
        }
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

void FakeOllama::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        // As a real server does: no Nagle delay between the pieces of a streamed reply.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeOllama::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        RecordedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        const qsizetype query = request.path.indexOf('?');
        if (query >= 0)
            request.path.truncate(query);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        request.json = Json::parse(request.body.constBegin(), request.body.constEnd(), nullptr, false);
        m_requests.append(request);
        Q_EMIT requestReceived(request.method, request.path);
        handle(socket, request);
        if (!m_buffers.contains(socket))
            return;
    }
}

void FakeOllama::sendSimple(QTcpSocket *socket, int status, const QByteArray &contentType, const QByteArray &body,
                            bool close, bool head)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: " + contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!m_serverHeader.isEmpty())
        response += "Server: " + m_serverHeader + "\r\n";
    if (close)
        response += "Connection: close\r\n";
    response += "\r\n";
    if (!head)
        response += body;
    socket->write(response);
    socket->flush();
    if (close)
        socket->disconnectFromHost();
}

void FakeOllama::handle(QTcpSocket *socket, const RecordedRequest &request)
{
    const QByteArray &path = request.path;
    const bool head = request.method == "HEAD";
    const bool get = request.method == "GET" || head;
    const bool post = request.method == "POST";
    const bool close = request.headers.value("connection").toLower() == "close";

    const auto route = m_routeReplies.constFind(path);
    if (route != m_routeReplies.constEnd() && !(path == "/api/chat" || path == "/v1/chat/completions")) {
        const FakeReply &reply = *route;
        auto send = [this, socket = QPointer<QTcpSocket>(socket), reply, close, head] {
            if (!socket)
                return;
            const QByteArray body = reply.status == 200 ? reply.rawBody : reply.errorBody;
            sendSimple(socket, reply.status, reply.contentType.isEmpty() ? JsonType : reply.contentType, body,
                       close || !reply.chunked, head);
        };
        if (reply.firstByteDelayMs > 0)
            QTimer::singleShot(reply.firstByteDelayMs, socket, send);
        else
            send();
        return;
    }
    if (m_llama) {
        handleLlamaServer(socket, request);
        return;
    }

    struct Route {
        const char *path;
        bool allowGet;
        bool allowPost;
    };
    static const Route routes[] = {
        { "/", true, false },
        { "/api/version", true, false },
        { "/api/tags", true, false },
        { "/api/show", false, true },
        { "/api/ps", true, false },
        { "/api/chat", false, true },
        { "/api/generate", false, true },
        { "/v1/chat/completions", false, true },
        { "/v1/models", true, false },
    };
    const Route *known = nullptr;
    for (const Route &r : routes) {
        if (path == r.path)
            known = &r;
    }
    if (!known) {
        sendSimple(socket, 404, TextType, "404 page not found", close, head);
        return;
    }
    if ((get && !known->allowGet) || (post && !known->allowPost) || (!get && !post)) {
        sendSimple(socket, 405, TextType, "405 method not allowed", close, head);
        return;
    }

    if (path == "/") {
        sendSimple(socket, 200, TextType, "Ollama is running", close, head);
    } else if (path == "/api/version") {
        sendSimple(socket, 200, JsonType, dump(Json { { "version", utf8(m_version) } }), close, head);
    } else if (path == "/api/tags") {
        sendSimple(socket, 200, JsonType, m_tags, close, head);
    } else if (path == "/api/ps") {
        sendSimple(socket, 200, JsonType, m_ps, close, head);
    } else if (path == "/v1/models") {
        sendSimple(socket, 200, JsonType, m_v1Models, close, head);
    } else if (path == "/api/show") {
        if (request.body.isEmpty()) {
            sendSimple(socket, 400, JsonType, "{\"error\":\"missing request body\"}", close);
            return;
        }
        QString name = QString::fromStdString(request.json.value("model", request.json.value("name", std::string())));
        if (name.isEmpty()) {
            sendSimple(socket, 400, JsonType, "{\"error\":\"model is required\"}", close);
            return;
        }
        const auto found = m_show.constFind(normalizedModel(name));
        const auto raw = m_show.constFind(name);
        if (found != m_show.constEnd())
            sendSimple(socket, 200, JsonType, *found, close);
        else if (raw != m_show.constEnd())
            sendSimple(socket, 200, JsonType, *raw, close);
        else
            sendSimple(socket, 404, JsonType,
                       dump(Json { { "error", "model '" + utf8(normalizedModel(name)) + "' not found" } }), close);
    } else if (path == "/api/chat" || path == "/v1/chat/completions" || path == "/api/generate") {
        const bool openAi = path.startsWith("/v1/");
        const GenerationRoute kind = openAi ? GenerationRoute::OpenAiChat
            : path == "/api/generate"       ? GenerationRoute::Generate
                                            : GenerationRoute::Chat;
        const auto lookup = [this](const QString &name) { return findModel(name); };
        if (const auto refusal = checkGenerationRequest(kind, request.body, request.json, lookup)) {
            sendSimple(socket, refusal->status, JsonType, refusalBody(kind, *refusal), close);
            return;
        }
        FakeReply reply;
        std::optional<FakeReply> responded;
        if (route == m_routeReplies.constEnd() && m_responder)
            responded = m_responder(request);
        if (responded)
            reply = *responded;
        else if (route != m_routeReplies.constEnd())
            reply = *route;
        else if (!m_chatQueue.isEmpty())
            reply = m_chatQueue.dequeue();
        else
            reply = FakeReply::text({ QStringLiteral("{}") });
        sendChat(socket, request, reply, openAi, kind == GenerationRoute::Generate);
    } else {
        sendSimple(socket, 404, TextType, "404 page not found", close, head);
    }
}

void FakeOllama::sendChat(QTcpSocket *socket, const RecordedRequest &request, const FakeReply &reply, bool openAi,
                          bool generate)
{
    const bool close = request.headers.value("connection").toLower() == "close" || !reply.chunked;
    // llama-server answers with its own model id, whatever the request named.
    const std::string model = m_llama ? utf8(m_llamaModel) : request.json.value("model", std::string("llama3.2"));
    const bool stream = request.json.value("stream", !openAi); // native defaults to true, /v1 to false
    const QByteArray eol = reply.crlf ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");

    QPointer<QTcpSocket> guard(socket);
    if (reply.status != 200) {
        const QByteArray body = reply.errorBody;
        auto send = [this, guard, reply, body, close] {
            if (guard)
                sendSimple(guard, reply.status, reply.contentType.isEmpty() ? JsonType : reply.contentType, body,
                           close);
        };
        if (reply.firstByteDelayMs > 0)
            QTimer::singleShot(reply.firstByteDelayMs, socket, send);
        else
            send();
        return;
    }

    QString fullContent = reply.content.join(QString());
    QString fullThinking = reply.thinking.join(QString());
    QList<QByteArray> pieces; // lines or events, in order
    bool terminal = false; // whether the stream ends properly (done line / [DONE])

    if (!stream) {
        QByteArray body;
        if (!reply.midStreamError.isEmpty()) {
            // With stream:false any error is a status + {"error":...} (reference 3.4).
            auto send = [this, guard, reply, close] {
                if (guard) {
                    Json error = Json { { "error", utf8(reply.midStreamError) } };
                    sendSimple(guard, 500, JsonType, dump(error), close);
                }
            };
            QTimer::singleShot(reply.firstByteDelayMs, socket, send);
            return;
        }
        if (!reply.rawBody.isEmpty()) {
            body = reply.rawBody;
        } else if (openAi) {
            Json message = { { "role", "assistant" }, { "content", utf8(fullContent) } };
            if (!fullThinking.isEmpty())
                message[m_flavor == OpenAiFlavor::LlamaServer ? "reasoning_content" : "reasoning"] = utf8(fullThinking);
            if (!reply.toolCalls.isEmpty())
                message["tool_calls"] = toolCallsJson(reply.toolCalls, true);
            body = dump(Json {
                { "id", "chatcmpl-412" },
                { "object", "chat.completion" },
                { "created", 1733445018 },
                { "model", model },
                { "system_fingerprint", "fp_ollama" },
                { "choices",
                  Json::array({ Json {
                      { "index", 0 },
                      { "message", message },
                      { "finish_reason", reply.toolCalls.isEmpty() ? utf8(reply.doneReason) : "tool_calls" } } }) },
                { "usage",
                  { { "prompt_tokens", reply.promptTokens },
                    { "completion_tokens", reply.evalTokens },
                    { "total_tokens", reply.promptTokens + reply.evalTokens } } } });
        } else {
            Json message = { { "role", "assistant" }, { "content", utf8(fullContent) } };
            if (!fullThinking.isEmpty())
                message["thinking"] = utf8(fullThinking);
            if (!reply.toolCalls.isEmpty())
                message["tool_calls"] = toolCallsJson(reply.toolCalls, false);
            Json done = nativeLine(model, message, true, generate);
            done.update(Json { { "done_reason", utf8(reply.doneReason) },
                               { "total_duration", reply.totalNs },
                               { "load_duration", reply.loadNs },
                               { "prompt_eval_count", reply.promptTokens },
                               { "prompt_eval_duration", reply.promptEvalNs },
                               { "eval_count", reply.evalTokens },
                               { "eval_duration", reply.evalNs } });
            body = dump(done);
        }
        auto send = [this, guard, body, close, reply] {
            if (guard)
                sendSimple(guard, 200, reply.contentType.isEmpty() ? JsonType : reply.contentType, body, close);
        };
        QTimer::singleShot(reply.firstByteDelayMs, socket, send);
        return;
    }

    if (!reply.rawBody.isEmpty()) {
        pieces.append(reply.rawBody);
        terminal = true;
    } else if (!openAi) {
        auto line = [&](const Json &message, bool done) { return nativeLine(model, message, done, generate); };
        for (const QString &t : reply.thinking)
            pieces.append(dump(line({ { "role", "assistant" }, { "content", "" }, { "thinking", utf8(t) } }, false))
                          + eol);
        QStringList content = reply.content;
        QString last;
        if (reply.contentOnDoneLine && !content.isEmpty())
            last = content.takeLast();
        for (const QString &c : content)
            pieces.append(dump(line({ { "role", "assistant" }, { "content", utf8(c) } }, false)) + eol);
        if (!reply.toolCalls.isEmpty())
            pieces.append(dump(line({ { "role", "assistant" },
                                      { "content", "" },
                                      { "tool_calls", toolCallsJson(reply.toolCalls, false) } },
                                    false))
                          + eol);
        if (!reply.midStreamError.isEmpty()) {
            pieces.append(dump(Json { { "error", utf8(reply.midStreamError) } }) + eol);
            terminal = true; // the server ends the response after the error line, without done:true
        } else if (!reply.closeMidStream && !reply.stallMidStream) {
            Json done = line({ { "role", "assistant" }, { "content", utf8(last) } }, true);
            done["done_reason"] = utf8(reply.doneReason);
            done["total_duration"] = reply.totalNs;
            done["load_duration"] = reply.loadNs;
            done["prompt_eval_count"] = reply.promptTokens;
            done["prompt_eval_duration"] = reply.promptEvalNs;
            done["eval_count"] = reply.evalTokens;
            done["eval_duration"] = reply.evalNs;
            pieces.append(dump(done) + eol);
            terminal = true;
        }
    } else {
        const bool old = m_flavor == OpenAiFlavor::OllamaOld;
        const char *reasoningKey = m_flavor == OpenAiFlavor::LlamaServer ? "reasoning_content" : "reasoning";
        bool first = true;
        auto chunk = [&](Json delta, const Json &finishReason) -> QByteArray {
            if (first || old)
                delta["role"] = "assistant";
            first = false;
            Json j = { { "id", "chatcmpl-7" },
                       { "object", "chat.completion.chunk" },
                       { "created", 1733445018 },
                       { "model", model },
                       { "system_fingerprint", "fp_ollama" },
                       { "choices",
                         Json::array(
                             { Json { { "index", 0 }, { "delta", delta }, { "finish_reason", finishReason } } }) } };
            return "data: " + dump(j) + eol + eol;
        };
        const QString finish = reply.toolCalls.isEmpty() ? reply.doneReason : QStringLiteral("tool_calls");
        const bool ends = reply.midStreamError.isEmpty() && !reply.closeMidStream && !reply.stallMidStream;
        for (const QString &t : reply.thinking)
            pieces.append(chunk(Json { { reasoningKey, utf8(t) } }, nullptr));
        for (qsizetype i = 0; i < reply.content.size(); ++i) {
            const bool lastOld = old && ends && reply.toolCalls.isEmpty() && i == reply.content.size() - 1;
            pieces.append(chunk(Json { { "content", utf8(reply.content[i]) } }, lastOld ? Json(utf8(finish)) : Json()));
        }
        if (!reply.toolCalls.isEmpty())
            pieces.append(chunk(Json { { "tool_calls", toolCallsJson(reply.toolCalls, true) } },
                                old && ends ? Json(utf8(finish)) : Json()));
        if (!reply.midStreamError.isEmpty()) {
            if (m_flavor == OpenAiFlavor::LlamaServer)
                pieces.append("data: "
                              + dump(Json { { "error",
                                              { { "code", 500 },
                                                { "message", utf8(reply.midStreamError) },
                                                { "type", "server_error" } } } })
                              + eol + eol);
            else
                pieces.append(chunk(Json { { "content", "" } }, nullptr)); // the error is lost (reference 5.1)
            terminal = true; // closes normally, but without [DONE]
        } else if (ends) {
            if (!old || (reply.content.isEmpty() && reply.toolCalls.isEmpty()))
                pieces.append(chunk(Json::object(), utf8(finish)));
            const Json options = request.json.value("stream_options", Json::object());
            if (options.is_object() && options.value("include_usage", false)) {
                Json usage = { { "id", "chatcmpl-7" },
                               { "object", "chat.completion.chunk" },
                               { "created", 1733445018 },
                               { "model", model },
                               { "system_fingerprint", "fp_ollama" },
                               { "choices", Json::array() },
                               { "usage",
                                 { { "prompt_tokens", reply.promptTokens },
                                   { "completion_tokens", reply.evalTokens },
                                   { "total_tokens", reply.promptTokens + reply.evalTokens } } } };
                pieces.append("data: " + dump(usage) + eol + eol);
            }
            pieces.append("data: [DONE]" + eol + eol);
            terminal = true;
        }
    }

    // Re-cut the pieces into writes when asked to (chunk boundaries at arbitrary bytes).
    QList<QByteArray> writes;
    if (reply.splitBytes > 0) {
        const QByteArray all = pieces.join();
        for (qsizetype i = 0; i < all.size(); i += reply.splitBytes)
            writes.append(all.mid(i, reply.splitBytes));
    } else {
        writes = pieces;
    }

    auto steps = std::make_shared<QList<Step>>();
    QByteArray header = "HTTP/1.1 200 OK\r\nContent-Type: "
        + (reply.contentType.isEmpty()
               ? (openAi ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/x-ndjson"))
               : reply.contentType)
        + "\r\n";
    if (!m_serverHeader.isEmpty())
        header += "Server: " + m_serverHeader + "\r\n";
    header += reply.chunked ? QByteArrayLiteral("Transfer-Encoding: chunked\r\n")
                            : QByteArrayLiteral("Connection: close\r\n");
    header += "\r\n";
    // The header goes out raw (never as a body chunk): write it in the first step by hand.
    steps->append({ reply.firstByteDelayMs, {}, Step::Write });
    for (const QByteArray &w : writes)
        steps->append({ reply.pieceDelayMs, w, Step::Write });
    if (reply.stallMidStream)
        steps->append({ 0, {}, Step::Stall });
    else if (!terminal || reply.closeMidStream)
        steps->append({ 0, {}, Step::Close });
    else
        steps->append({ 0, {}, Step::Finish });

    // The first step carries the header only.
    const Step headerStep = steps->takeFirst();
    auto start = [guard, steps, header, chunked = reply.chunked, close] {
        if (!guard)
            return;
        guard->write(header);
        guard->flush();
        runSteps(guard, steps, chunked, close);
    };
    if (headerStep.delayMs > 0)
        QTimer::singleShot(headerStep.delayMs, socket, start);
    else
        start();
}

} // namespace Test
} // namespace Formwork
