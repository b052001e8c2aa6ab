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

QByteArray OpenAiBackend::buildChatBody(const ChatRequest &request)
{
    Json body = Json::object();
    body["model"] = utf8(request.model);
    Json messages = Json::array();
    for (const ChatMessage &message : request.messages) {
        Json m = Json::object();
        m["role"] = utf8(message.role);
        if (message.images.isEmpty()) {
            m["content"] = utf8(message.content);
        } else {
            Json parts = Json::array();
            parts.push_back(Json { { "type", "text" }, { "text", utf8(message.content) } });
            for (const QByteArray &image : message.images) {
                const std::string url
                    = std::string("data:") + imageMimeType(image) + ";base64," + image.toBase64().toStdString();
                parts.push_back(Json { { "type", "image_url" }, { "image_url", Json { { "url", url } } } });
            }
            m["content"] = std::move(parts);
        }
        if (!message.toolCalls.isEmpty()) {
            Json calls = Json::array();
            for (const ToolCall &call : message.toolCalls) {
                Json c = Json::object();
                c["id"] = utf8(call.id.isEmpty() ? QStringLiteral("call_%1").arg(call.index) : call.id);
                c["type"] = "function";
                c["function"] = Json { { "name", utf8(call.name) }, { "arguments", utf8(call.argumentsJson) } };
                calls.push_back(std::move(c));
            }
            m["tool_calls"] = std::move(calls);
        }
        if (!message.toolCallId.isEmpty())
            m["tool_call_id"] = utf8(message.toolCallId);
        messages.push_back(std::move(m));
    }
    body["messages"] = std::move(messages);
    body["stream"] = request.stream;
    if (request.stream)
        body["stream_options"] = Json { { "include_usage", true } };
    if (request.responseMode == ResponseMode::Schema) {
        Json schema = Json::object();
        schema["name"] = utf8(request.schemaName.isEmpty() ? QStringLiteral("response") : request.schemaName);
        schema["schema"] = request.schema.is_null() ? Json::object() : request.schema;
        schema["strict"] = true;
        body["response_format"] = Json { { "type", "json_schema" }, { "json_schema", std::move(schema) } };
    } else if (request.responseMode == ResponseMode::Json) {
        Json format = Json { { "type", "json_object" } };
        // llama-server does not enforce a bare json_object (its empty schema constrains nothing):
        // the schema goes inside, where its grammar enforces it (reference llama-server.md).
        if (request.server == ServerKind::LlamaServer)
            format["schema"] = request.schema.is_object() && !request.schema.empty() ? Json(request.schema)
                                                                                     : Json { { "type", "object" } };
        body["response_format"] = std::move(format);
    }
    if (!request.tools.isEmpty()) {
        Json tools = Json::array();
        for (const ToolDefinition &tool : request.tools) {
            Json function = Json::object();
            function["name"] = utf8(tool.name);
            if (!tool.description.isEmpty())
                function["description"] = utf8(tool.description);
            function["parameters"] = tool.parameters;
            tools.push_back(Json { { "type", "function" }, { "function", std::move(function) } });
        }
        body["tools"] = std::move(tools);
        if (!request.toolChoice.isEmpty()) {
            const QString &choice = request.toolChoice;
            // llama-server (and LM Studio, Ollama) take only the string forms: the object form is
            // "Wrong type supplied for parameter 'tool_choice'" there and falls back to auto.
            const bool stringOnly = request.server == ServerKind::LlamaServer || request.server == ServerKind::LmStudio
                || request.server == ServerKind::Ollama;
            if (choice == u"auto" || choice == u"none" || choice == u"required")
                body["tool_choice"] = utf8(choice);
            else if (stringOnly)
                body["tool_choice"] = "required";
            else
                body["tool_choice"]
                    = Json { { "type", "function" }, { "function", Json { { "name", utf8(choice) } } } };
        }
    }
    const ChatOptions &o = request.options;
    // Ollama's /v1 sends temperature 1.0 and top_p 1.0 when they are absent (reference 5.1).
    if (o.temperature)
        body["temperature"] = *o.temperature;
    if (o.topP)
        body["top_p"] = *o.topP;
    if (o.seed)
        body["seed"] = *o.seed;
    if (o.numPredict)
        body["max_tokens"] = *o.numPredict;
    if (!o.stop.isEmpty()) {
        Json stop = Json::array();
        for (const QString &s : o.stop)
            stop.push_back(utf8(s));
        body["stop"] = std::move(stop);
    }
    switch (request.think) {
    case ThinkMode::Default:
    case ThinkMode::On:
        break;
    case ThinkMode::Off:
        body["reasoning_effort"] = "none";
        break;
    case ThinkMode::Low:
        body["reasoning_effort"] = "low";
        break;
    case ThinkMode::Medium:
        body["reasoning_effort"] = "medium";
        break;
    case ThinkMode::High:
        body["reasoning_effort"] = "high";
        break;
    case ThinkMode::Max:
        body["reasoning_effort"] = "max";
        break;
    }
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
            QStringList caps;
            if (entry.contains("capabilities") && entry["capabilities"].is_array()) {
                for (const auto &c : entry["capabilities"]) {
                    if (c.is_string())
                        caps.append(QString::fromStdString(c.get<std::string>()));
                }
            }
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
    QMetaObject::invokeMethod(
        job,
        [this, job, request] {
            if (job->isFinished())
                return;
            const QByteArray body = buildChatBody(request);
            job->setRequestJson(body);
            auto decoder = std::make_shared<SseChatDecoder>();
            decoder->setModel(request.model);
            decoder->onDelta = [job](const ChatDelta &delta) { job->deliverDelta(delta); };
            const bool stream = request.stream;
            const QString model = request.model;
            BackendJob::DataHandler onData;
            if (stream) {
                onData = [job, decoder](QByteArrayView data) {
                    decoder->feed(data);
                    if (decoder->hasError())
                        job->fail(*decoder->error());
                    else if (decoder->isDone())
                        job->complete(decoder->takeResult());
                };
            }
            job->send({ QByteArrayLiteral("POST"), apiPath(QStringLiteral("/chat/completions")), body, stream }, onData,
                      [job, decoder, stream, model](const BackendJob::HttpOutcome &outcome) {
                          const bool httpOk = outcome.status >= 200 && outcome.status < 300;
                          if (!httpOk || (!stream && outcome.transportError)) {
                              job->fail(errorFromOutcome(outcome, model));
                              return;
                          }
                          if (!stream) {
                              auto result = parseOpenAiChatResponse(outcome.body, model);
                              if (!result) {
                                  job->fail(result.error());
                                  return;
                              }
                              job->completeWhole(std::move(result).value());
                              return;
                          }
                          decoder->finish();
                          if (decoder->hasError())
                              job->fail(*decoder->error());
                          else
                              job->complete(decoder->takeResult());
                      });
        },
        Qt::QueuedConnection);
    return job;
}

ModelListJob *OpenAiBackend::listModels()
{
    auto *job = new ModelListJob(network(), config(), this);
    QMetaObject::invokeMethod(
        job,
        [this, job] {
            if (job->isFinished())
                return;
            job->send({ QByteArrayLiteral("GET"), apiPath(QStringLiteral("/models")), {}, false }, {},
                      [job](const BackendJob::HttpOutcome &outcome) {
                          if (!outcome.isSuccess()) {
                              job->fail(errorFromOutcome(outcome, {}));
                              return;
                          }
                          const Json json = parse(outcome.body);
                          if (!json.is_object() || !json.contains("data")) {
                              BackendError error;
                              error.kind = BackendError::Kind::ProtocolError;
                              error.detail
                                  = QStringLiteral("/v1/models: %1").arg(QString::fromUtf8(outcome.body.left(200)));
                              job->fail(error);
                              return;
                          }
                          job->complete(parseModels(outcome.body));
                      });
        },
        Qt::QueuedConnection);
    return job;
}

} // namespace Formwork
