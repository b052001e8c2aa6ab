// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/openaibackend.h"

#include "common/logging.h"
#include "llm/jsonutil_p.h"
#include "llm/streamdecoders.h"

namespace Formwork {

using namespace LlmDetail;

namespace {

const char *imageMimeType(const QByteArray &image)
{
    if (image.startsWith("\x89PNG"))
        return "image/png";
    if (image.startsWith("\xFF\xD8"))
        return "image/jpeg";
    if (image.startsWith("GIF8"))
        return "image/gif";
    if (image.startsWith("RIFF") && image.mid(8, 4) == "WEBP")
        return "image/webp";
    return "application/octet-stream";
}

// "8.0B", "4.2M": a small model is not "0.0B".
QString parameterCount(qint64 params)
{
    if (params <= 0)
        return {};
    if (params >= 1000000000)
        return QString::number(double(params) / 1e9, 'f', 1) + u'B';
    if (params >= 1000000)
        return QString::number(double(params) / 1e6, 'f', 1) + u'M';
    return QString::number(double(params) / 1e3, 'f', 1) + u'K';
}

} // namespace

OpenAiBackend::OpenAiBackend(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : LlmBackend(network, config, parent)
{
}

OpenAiBackend::~OpenAiBackend() = default;

QString OpenAiBackend::apiPath(const QString &path) const
{
    QString base = baseUrl().path();
    while (base.endsWith(u'/'))
        base.chop(1);
    // A base URL given as ".../v1" already names the API root.
    return base.endsWith(QLatin1String("/v1")) ? path : QStringLiteral("/v1") + path;
}

namespace {

// Text alone is a string; with images, a list of parts with each image as a data URL.
Json contentJson(const ChatMessage &message)
{
    if (message.images.isEmpty())
        return utf8(message.content);
    Json parts = Json::array();
    parts.push_back(Json { { "type", "text" }, { "text", utf8(message.content) } });
    for (const QByteArray &image : message.images) {
        const std::string url
            = std::string("data:") + imageMimeType(image) + ";base64," + image.toBase64().toStdString();
        parts.push_back(Json { { "type", "image_url" }, { "image_url", Json { { "url", url } } } });
    }
    return parts;
}

// OpenAI tool calls need an id and carry their arguments as a string.
Json toolCallsJson(const QList<ToolCall> &toolCalls)
{
    Json calls = Json::array();
    for (const ToolCall &call : toolCalls) {
        Json c = Json::object();
        c["id"] = utf8(call.id.isEmpty() ? QStringLiteral("call_%1").arg(call.index) : call.id);
        c["type"] = "function";
        c["function"] = Json { { "name", utf8(call.name) }, { "arguments", utf8(call.argumentsJson) } };
        calls.push_back(std::move(c));
    }
    return calls;
}

Json messageJson(const ChatMessage &message)
{
    Json m = Json::object();
    m["role"] = utf8(message.role);
    m["content"] = contentJson(message);
    if (!message.toolCalls.isEmpty())
        m["tool_calls"] = toolCallsJson(message.toolCalls);
    setNonEmpty(m, "tool_call_id", message.toolCallId);
    return m;
}

// Null for free text.
Json responseFormat(const ChatRequest &request)
{
    if (request.responseMode == ResponseMode::Schema) {
        Json schema = Json::object();
        schema["name"] = utf8(request.schemaName.isEmpty() ? QStringLiteral("response") : request.schemaName);
        schema["schema"] = request.schema.is_null() ? Json::object() : request.schema;
        schema["strict"] = true;
        return Json { { "type", "json_schema" }, { "json_schema", std::move(schema) } };
    }
    if (request.responseMode != ResponseMode::Json)
        return Json();
    Json format = Json { { "type", "json_object" } };
    // llama-server does not enforce a bare json_object (its empty schema constrains nothing):
    // the schema goes inside, where its grammar enforces it (reference llama-server.md).
    if (request.server == ServerKind::LlamaServer)
        format["schema"] = request.schema.is_object() && !request.schema.empty() ? Json(request.schema)
                                                                                 : Json { { "type", "object" } };
    return format;
}

Json toolChoiceJson(const QString &choice, ServerKind server)
{
    if (choice == u"auto" || choice == u"none" || choice == u"required")
        return utf8(choice);
    // llama-server (and LM Studio, Ollama) take only the string forms: the object form is
    // "Wrong type supplied for parameter 'tool_choice'" there and falls back to auto.
    const bool stringOnly
        = server == ServerKind::LlamaServer || server == ServerKind::LmStudio || server == ServerKind::Ollama;
    if (stringOnly)
        return "required";
    return Json { { "type", "function" }, { "function", Json { { "name", utf8(choice) } } } };
}

// The sampling options, at the top level of the body.
void addOptions(Json &body, const ChatOptions &o)
{
    // Ollama's /v1 sends temperature 1.0 and top_p 1.0 when they are absent (reference 5.1).
    if (o.temperature)
        body["temperature"] = *o.temperature;
    if (o.topP)
        body["top_p"] = *o.topP;
    if (o.seed)
        body["seed"] = *o.seed;
    if (o.numPredict)
        body["max_tokens"] = *o.numPredict;
    if (!o.stop.isEmpty())
        body["stop"] = stringArray(o.stop);
}

} // namespace

QByteArray OpenAiBackend::buildChatBody(const ChatRequest &request)
{
    Json body = chatBodyStart(request, messageJson);
    if (request.stream)
        body["stream_options"] = Json { { "include_usage", true } };
    if (Json format = responseFormat(request); !format.is_null())
        body["response_format"] = std::move(format);
    if (!request.tools.isEmpty()) {
        body["tools"] = toolsJson(request.tools);
        if (!request.toolChoice.isEmpty())
            body["tool_choice"] = toolChoiceJson(request.toolChoice, request.server);
    }
    addOptions(body, request.options);
    // On is the server's default: there is no reasoning_effort that means "some".
    if (request.think == ThinkMode::Off)
        body["reasoning_effort"] = "none";
    else if (const char *level = thinkLevelName(request.think))
        body["reasoning_effort"] = level;
    return dump(body);
}

QList<ModelInfo> OpenAiBackend::parseModels(const QByteArray &body)
{
    QList<ModelInfo> models;
    const Json json = parse(body);
    if (!json.is_object())
        return models;
    // llama-server also sends an Ollama-like "models" array with capabilities (reference 8).
    QHash<QString, QStringList> capabilities;
    const auto extra = json.find("models");
    if (extra != json.end() && extra->is_array()) {
        for (const auto &entry : *extra) {
            const QStringList caps = entry.contains("capabilities") ? stringList(entry["capabilities"]) : QStringList();
            capabilities.insert(qstr(entry, "model").isEmpty() ? qstr(entry, "name") : qstr(entry, "model"), caps);
        }
    }
    const auto data = json.find("data");
    if (data == json.end() || !data->is_array())
        return models; // Ollama sends "data":null for no models (reference 5.2)
    for (const auto &entry : *data) {
        if (!entry.is_object())
            continue;
        ModelInfo info;
        info.name = qstr(entry, "id");
        const qint64 created = int64(entry, "created", 0);
        if (created > 0)
            info.modifiedAt = QDateTime::fromSecsSinceEpoch(created);
        const auto meta = entry.find("meta");
        if (meta != entry.end() && meta->is_object()) {
            info.contextLength = int64(*meta, "n_ctx_train", 0);
            // The per-slot context the server runs with (-c / -np), not the trained maximum.
            info.runtimeContextLength = int64(*meta, "n_ctx", 0);
            info.sizeBytes = int64(*meta, "size");
            info.parameterSize = parameterCount(int64(*meta, "n_params", 0));
        }
        // llama-server lists the one model it serves, loaded (reference llama-server.md 5.1).
        if (qstr(entry, "owned_by") == u"llamacpp" && !entry.contains("status"))
            info.loaded = true;
        const auto caps = capabilities.constFind(info.name);
        if (caps != capabilities.constEnd()) {
            info.capabilities = *caps;
            info.capabilitiesKnown = !caps->isEmpty();
        }
        models.append(info);
    }
    return models;
}

ChatJob *OpenAiBackend::chat(const ChatRequest &request)
{
    auto *job = new ChatJob(network(), config(), this);
    job->setModel(request.model);
    job->startLater([this, job, request] {
        job->exchange({ apiPath(QStringLiteral("/chat/completions")), buildChatBody(request), request.stream,
                        std::make_shared<SseChatDecoder>(), parseOpenAiChatResponse });
    });
    return job;
}

ModelListJob *OpenAiBackend::listModels()
{
    auto *job = new ModelListJob(network(), config(), this);
    job->startLater([this, job] {
        job->fetch(BackendJob::HttpCall::get(apiPath(QStringLiteral("/models"))), [job](const QByteArray &body) {
            const Json json = parse(body);
            if (!json.is_object() || !json.contains("data"))
                job->fail(unexpectedReply(QStringLiteral("/v1/models"), body));
            else
                job->complete(parseModels(body));
        });
    });
    return job;
}

} // namespace Formwork
