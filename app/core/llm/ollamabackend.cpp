// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/ollamabackend.h"

#include "common/logging.h"
#include "llm/jsonutil_p.h"
#include "llm/streamdecoders.h"

namespace Formwork {

using namespace LlmDetail;

namespace {

BackendError protocolError(const QString &what, const QByteArray &body)
{
    BackendError error;
    error.kind = BackendError::Kind::ProtocolError;
    error.detail = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(body.left(200)));
    return error;
}

void applyDetails(const Json &details, ModelInfo &info)
{
    if (!details.is_object())
        return;
    info.format = qstr(details, "format");
    info.family = qstr(details, "family");
    info.parameterSize = qstr(details, "parameter_size");
    info.quantization = qstr(details, "quantization_level");
    const qint64 context = int64(details, "context_length", 0);
    if (context > 0)
        info.contextLength = context;
}

ModelInfo parseListEntry(const Json &entry)
{
    ModelInfo info;
    info.name = qstr(entry, "name");
    if (info.name.isEmpty())
        info.name = qstr(entry, "model");
    info.digest = qstr(entry, "digest");
    info.sizeBytes = int64(entry, "size");
    info.modifiedAt = parseTimestamp(qstr(entry, "modified_at"));
    info.remote = entry.contains("remote_model") || entry.contains("remote_host");
    if (entry.contains("details"))
        applyDetails(entry["details"], info);
    const auto caps = entry.find("capabilities");
    if (caps != entry.end() && caps->is_array()) {
        info.capabilitiesKnown = true;
        for (const auto &c : *caps) {
            if (c.is_string())
                info.capabilities.append(QString::fromStdString(c.get<std::string>()));
        }
    }
    return info;
}

QList<ModelInfo> parseModelArray(const QByteArray &body, bool *ok)
{
    QList<ModelInfo> models;
    const Json json = parse(body);
    const bool valid
        = json.is_object() && json.contains("models") && (json["models"].is_array() || json["models"].is_null());
    if (ok)
        *ok = valid;
    if (!valid || !json["models"].is_array())
        return models;
    for (const auto &entry : json["models"]) {
        if (entry.is_object())
            models.append(parseListEntry(entry));
    }
    return models;
}

} // namespace

OllamaBackend::OllamaBackend(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : LlmBackend(network, config, parent)
{
}

OllamaBackend::~OllamaBackend() = default;

void OllamaBackend::clearCaches()
{
    m_version.reset();
    m_showCache.clear();
    m_digestByName.clear();
}

QString OllamaBackend::cacheKey(const QString &name) const
{
    const QString digest = m_digestByName.value(name);
    return digest.isEmpty() ? QStringLiteral("name:") + name : digest;
}

QByteArray OllamaBackend::buildChatBody(const ChatRequest &request, bool sendThink)
{
    Json body = Json::object();
    body["model"] = utf8(request.model);
    Json messages = Json::array();
    for (const ChatMessage &message : request.messages) {
        Json m = Json::object();
        m["role"] = utf8(message.role);
        m["content"] = utf8(message.content);
        if (!message.thinking.isEmpty())
            m["thinking"] = utf8(message.thinking);
        if (!message.images.isEmpty()) {
            Json images = Json::array();
            for (const QByteArray &image : message.images)
                images.push_back(image.toBase64().toStdString());
            m["images"] = std::move(images);
        }
        if (!message.toolCalls.isEmpty()) {
            Json calls = Json::array();
            for (const ToolCall &call : message.toolCalls) {
                Json function = Json::object();
                function["name"] = utf8(call.name);
                Json arguments = parse(call.argumentsJson.toUtf8());
                function["arguments"] = arguments.is_object() ? arguments : Json::object();
                Json c = Json::object();
                if (!call.id.isEmpty())
                    c["id"] = utf8(call.id);
                c["function"] = std::move(function);
                calls.push_back(std::move(c));
            }
            m["tool_calls"] = std::move(calls);
        }
        if (!message.toolName.isEmpty())
            m["tool_name"] = utf8(message.toolName);
        messages.push_back(std::move(m));
    }
    body["messages"] = std::move(messages);
    body["stream"] = request.stream;
    if (request.responseMode == ResponseMode::Schema)
        body["format"] = request.schema.is_null() ? Json::object() : request.schema; // a raw object (reference 3.1)
    else if (request.responseMode == ResponseMode::Json)
        body["format"] = "json";
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
    }
    const ChatOptions &o = request.options;
    Json options = Json::object();
    if (o.temperature)
        options["temperature"] = *o.temperature;
    if (o.seed)
        options["seed"] = *o.seed;
    if (o.numCtx)
        options["num_ctx"] = *o.numCtx;
    if (o.numPredict)
        options["num_predict"] = *o.numPredict;
    if (o.topP)
        options["top_p"] = *o.topP;
    if (o.topK)
        options["top_k"] = *o.topK;
    if (!o.stop.isEmpty()) {
        Json stop = Json::array();
        for (const QString &s : o.stop)
            stop.push_back(utf8(s));
        options["stop"] = std::move(stop);
    }
    if (!options.empty())
        body["options"] = std::move(options);
    if (!request.keepAlive.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = request.keepAlive.toLongLong(&isNumber);
        if (isNumber)
            body["keep_alive"] = seconds;
        else
            body["keep_alive"] = utf8(request.keepAlive);
    }
    if (sendThink) {
        switch (request.think) {
        case ThinkMode::Default:
            break;
        case ThinkMode::Off:
            body["think"] = false;
            break;
        case ThinkMode::On:
            body["think"] = true;
            break;
        case ThinkMode::Low:
            body["think"] = "low";
            break;
        case ThinkMode::Medium:
            body["think"] = "medium";
            break;
        case ThinkMode::High:
            body["think"] = "high";
            break;
        case ThinkMode::Max:
            body["think"] = "max";
            break;
        }
    }
    return dump(body);
}

QList<ModelInfo> OllamaBackend::parseTags(const QByteArray &body)
{
    return parseModelArray(body, nullptr);
}

ModelInfo OllamaBackend::parseShow(const QString &name, const QByteArray &body)
{
    ModelInfo info;
    info.name = name;
    const Json json = parse(body);
    if (!json.is_object())
        return info;
    if (json.contains("details"))
        applyDetails(json["details"], info);
    const auto modelInfo = json.find("model_info");
    if (modelInfo != json.end() && modelInfo->is_object()) {
        const QString arch = qstr(*modelInfo, "general.architecture");
        if (!arch.isEmpty())
            info.contextLength = int64(*modelInfo, (arch + QStringLiteral(".context_length")).toUtf8().constData(),
                                       info.contextLength);
    }
    const auto caps = json.find("capabilities");
    if (caps != json.end() && caps->is_array()) {
        info.capabilitiesKnown = true;
        for (const auto &c : *caps) {
            if (c.is_string())
                info.capabilities.append(QString::fromStdString(c.get<std::string>()));
        }
    }
    info.remote = json.contains("remote_model") || json.contains("remote_host");
    return info;
}

QList<ModelInfo> OllamaBackend::parsePs(const QByteArray &body)
{
    QList<ModelInfo> models = parseModelArray(body, nullptr);
    const Json json = parse(body);
    for (qsizetype i = 0; i < models.size(); ++i) {
        const Json &entry = json["models"][size_t(i)];
        models[i].loaded = true;
        models[i].vramBytes = int64(entry, "size_vram", 0);
        models[i].runtimeContextLength = int64(entry, "context_length", 0);
    }
    return models;
}

VersionJob *OllamaBackend::fetchVersion()
{
    auto *job = new VersionJob(network(), config(), this);
    QMetaObject::invokeMethod(
        job,
        [this, job] {
            if (job->isFinished())
                return;
            m_version.reset();
            probeVersion(job, [job](const ServerVersion &version) { job->complete(version); });
        },
        Qt::QueuedConnection);
    return job;
}

void OllamaBackend::probeVersion(BackendJob *job, const std::function<void(const ServerVersion &)> &next)
{
    if (m_version) {
        next(*m_version);
        return;
    }
    job->send({ QByteArrayLiteral("GET"), QStringLiteral("/api/version"), {}, false }, {},
              [this, job, next](const BackendJob::HttpOutcome &outcome) {
                  if (!outcome.isSuccess()) {
                      job->fail(errorFromOutcome(outcome, job->model()));
                      return;
                  }
                  const Json json = parse(outcome.body);
                  if (!json.is_object() || !json.contains("version")) {
                      job->fail(protocolError(QStringLiteral("/api/version"), outcome.body));
                      return;
                  }
                  m_version = ServerVersion::parse(qstr(json, "version"));
                  next(*m_version);
              });
}

void OllamaBackend::probeCapabilities(BackendJob *job, const QString &name,
                                      const std::function<void(const ModelInfo &)> &next)
{
    const QString key = cacheKey(name);
    const auto cached = m_showCache.constFind(key);
    if (cached != m_showCache.constEnd()) {
        next(*cached);
        return;
    }
    Json request = Json::object();
    request["model"] = utf8(name);
    job->send({ QByteArrayLiteral("POST"), QStringLiteral("/api/show"), dump(request), false }, {},
              [this, job, name, key, next](const BackendJob::HttpOutcome &outcome) {
                  if (!outcome.isSuccess()) {
                      job->fail(errorFromOutcome(outcome, name));
                      return;
                  }
                  const ModelInfo info = parseShow(name, outcome.body);
                  m_showCache.insert(key, info);
                  next(info);
              });
}

ModelDetailsJob *OllamaBackend::showModel(const QString &name)
{
    auto *job = new ModelDetailsJob(network(), config(), this);
    job->setModel(name);
    QMetaObject::invokeMethod(
        job,
        [this, job, name] {
            if (!job->isFinished())
                probeCapabilities(job, name, [job](const ModelInfo &info) { job->complete(info); });
        },
        Qt::QueuedConnection);
    return job;
}

ChatJob *OllamaBackend::chat(const ChatRequest &request)
{
    auto *job = new ChatJob(network(), config(), this);
    job->setModel(request.model);
    QMetaObject::invokeMethod(
        job,
        [this, job, request] {
            if (job->isFinished())
                return;
            auto afterVersion = [this, job, request](const ServerVersion &version) {
                if (request.responseMode == ResponseMode::Schema && !version.atLeast(0, 5, 0)) {
                    BackendError error;
                    error.kind = BackendError::Kind::Unsupported;
                    error.detail = QStringLiteral("a JSON schema format needs Ollama 0.5.0 or later; the server is %1")
                                       .arg(version.text);
                    job->fail(error);
                    return;
                }
                if (request.responseMode == ResponseMode::Schema && !version.atLeast(0, 5, 2))
                    qCWarning(lcLlm) << "Ollama" << version.text
                                     << "loses the schema's property order (fixed in 0.5.2)";
                if (request.think == ThinkMode::Default) {
                    sendChat(job, request, false);
                    return;
                }
                probeCapabilities(job, request.model, [this, job, request](const ModelInfo &info) {
                    const bool thinking = info.hasCapability(u"thinking");
                    if (!thinking)
                        qCInfo(lcLlm) << "not sending think: the model does not list thinking" << request.model;
                    sendChat(job, request, thinking);
                });
            };
            if (request.responseMode == ResponseMode::Schema)
                probeVersion(job, afterVersion);
            else
                afterVersion(ServerVersion());
        },
        Qt::QueuedConnection);
    return job;
}

void OllamaBackend::sendChat(ChatJob *job, const ChatRequest &request, bool sendThink)
{
    const QByteArray body = buildChatBody(request, sendThink);
    job->setRequestJson(body);
    auto decoder = std::make_shared<NdjsonChatDecoder>();
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
    job->send({ QByteArrayLiteral("POST"), QStringLiteral("/api/chat"), body, stream }, onData,
              [job, decoder, stream, model](const BackendJob::HttpOutcome &outcome) {
                  const bool httpOk = outcome.status >= 200 && outcome.status < 300;
                  if (!httpOk || (!stream && outcome.transportError)) {
                      job->fail(errorFromOutcome(outcome, model));
                      return;
                  }
                  if (!stream) {
                      auto result = parseNativeChatResponse(outcome.body, model);
                      if (!result) {
                          job->fail(result.error());
                          return;
                      }
                      job->completeWhole(std::move(result).value());
                      return;
                  }
                  decoder->finish();
                  if (decoder->hasError()) {
                      BackendError error = *decoder->error();
                      if (error.kind == BackendError::Kind::StreamBroken && outcome.transportError)
                          error.detail += QStringLiteral(" (%1)").arg(outcome.transportError->detail);
                      job->fail(error);
                  } else {
                      job->complete(decoder->takeResult());
                  }
              });
}

ModelListJob *OllamaBackend::listModels()
{
    auto *job = new ModelListJob(network(), config(), this);
    QMetaObject::invokeMethod(
        job,
        [this, job] {
            if (job->isFinished())
                return;
            job->send({ QByteArrayLiteral("GET"), QStringLiteral("/api/tags"), {}, false }, {},
                      [this, job](const BackendJob::HttpOutcome &outcome) {
                          if (!outcome.isSuccess()) {
                              job->fail(errorFromOutcome(outcome, {}));
                              return;
                          }
                          bool ok = false;
                          auto models = std::make_shared<QList<ModelInfo>>(parseModelArray(outcome.body, &ok));
                          if (!ok) {
                              job->fail(protocolError(QStringLiteral("/api/tags"), outcome.body));
                              return;
                          }
                          for (const ModelInfo &model : std::as_const(*models)) {
                              if (!model.digest.isEmpty())
                                  m_digestByName.insert(model.name, model.digest);
                              // Tags of >= 0.30 carry the capabilities: no /api/show needed for `think` gating.
                              if (model.capabilitiesKnown && model.contextLength > 0)
                                  m_showCache.insert(cacheKey(model.name), model);
                          }
                          showNext(job, models, 0);
                      });
        },
        Qt::QueuedConnection);
    return job;
}

// Fills capabilities and context length from /api/show for servers older than 0.30, one model
// at a time (cached by digest), then marks loaded models from /api/ps.
void OllamaBackend::showNext(ModelListJob *job, std::shared_ptr<QList<ModelInfo>> models, qsizetype index)
{
    while (index < models->size() && (*models)[index].capabilitiesKnown && (*models)[index].contextLength > 0)
        ++index;
    if (index < models->size()) {
        const QString name = (*models)[index].name;
        const QString key = cacheKey(name);
        auto merge = [models, index](const ModelInfo &shown) {
            ModelInfo &m = (*models)[index];
            if (!m.capabilitiesKnown && shown.capabilitiesKnown) {
                m.capabilities = shown.capabilities;
                m.capabilitiesKnown = true;
            }
            if (m.contextLength <= 0)
                m.contextLength = shown.contextLength;
        };
        const auto cached = m_showCache.constFind(key);
        if (cached != m_showCache.constEnd()) {
            merge(*cached);
            showNext(job, models, index + 1);
            return;
        }
        Json request = Json::object();
        request["model"] = utf8(name);
        job->send({ QByteArrayLiteral("POST"), QStringLiteral("/api/show"), dump(request), false }, {},
                  [this, job, models, index, name, key, merge](const BackendJob::HttpOutcome &outcome) {
                      if (outcome.transportError) {
                          job->fail(errorFromOutcome(outcome, name));
                          return;
                      }
                      if (outcome.isSuccess()) {
                          const ModelInfo shown = parseShow(name, outcome.body);
                          m_showCache.insert(key, shown);
                          merge(shown);
                      } else {
                          qCWarning(lcLlm) << "/api/show failed for" << name << outcome.status;
                      }
                      showNext(job, models, index + 1);
                  });
        return;
    }
    job->send({ QByteArrayLiteral("GET"), QStringLiteral("/api/ps"), {}, false }, {},
              [job, models](const BackendJob::HttpOutcome &outcome) {
                  if (outcome.isSuccess()) {
                      for (const ModelInfo &running : parsePs(outcome.body)) {
                          for (ModelInfo &m : *models) {
                              if (m.name == running.name) {
                                  m.loaded = true;
                                  m.vramBytes = running.vramBytes;
                                  m.runtimeContextLength = running.runtimeContextLength;
                              }
                          }
                      }
                  } else if (outcome.transportError) {
                      job->fail(*outcome.transportError);
                      return;
                  }
                  job->complete(*models);
              });
}

ModelListJob *OllamaBackend::runningModels()
{
    auto *job = new ModelListJob(network(), config(), this);
    QMetaObject::invokeMethod(
        job,
        [job] {
            if (job->isFinished())
                return;
            job->send({ QByteArrayLiteral("GET"), QStringLiteral("/api/ps"), {}, false }, {},
                      [job](const BackendJob::HttpOutcome &outcome) {
                          if (!outcome.isSuccess())
                              job->fail(errorFromOutcome(outcome, {}));
                          else
                              job->complete(parsePs(outcome.body));
                      });
        },
        Qt::QueuedConnection);
    return job;
}

} // namespace Formwork
