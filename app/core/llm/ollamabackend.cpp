// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/ollamabackend.h"

#include "common/logging.h"
#include "llm/jsonutil_p.h"
#include "llm/streamdecoders.h"

namespace Formwork {

using namespace LlmDetail;

namespace {

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

// Servers >= 0.30 list the capabilities in /api/tags, all in /api/show.
void applyCapabilities(const Json &object, ModelInfo &info)
{
    const auto caps = object.find("capabilities");
    if (caps != object.end() && caps->is_array()) {
        info.capabilitiesKnown = true;
        info.capabilities = stringList(*caps);
    }
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
    applyCapabilities(entry, info);
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

namespace {

// Native tool calls carry their arguments as an object, not as a string.
Json toolCallsJson(const QList<ToolCall> &toolCalls)
{
    Json calls = Json::array();
    for (const ToolCall &call : toolCalls) {
        Json function = Json::object();
        function["name"] = utf8(call.name);
        Json arguments = parse(call.argumentsJson.toUtf8());
        function["arguments"] = arguments.is_object() ? arguments : Json::object();
        Json c = Json::object();
        setNonEmpty(c, "id", call.id);
        c["function"] = std::move(function);
        calls.push_back(std::move(c));
    }
    return calls;
}

Json messageJson(const ChatMessage &message)
{
    Json m = Json::object();
    m["role"] = utf8(message.role);
    m["content"] = utf8(message.content);
    setNonEmpty(m, "thinking", message.thinking);
    if (!message.images.isEmpty()) {
        Json images = Json::array();
        for (const QByteArray &image : message.images)
            images.push_back(image.toBase64().toStdString());
        m["images"] = std::move(images);
    }
    if (!message.toolCalls.isEmpty())
        m["tool_calls"] = toolCallsJson(message.toolCalls);
    setNonEmpty(m, "tool_name", message.toolName);
    return m;
}

// The sampling options, in Ollama's "options" object (reference 3.1).
Json optionsJson(const ChatOptions &o)
{
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
    if (!o.stop.isEmpty())
        options["stop"] = stringArray(o.stop);
    return options;
}

// "300" is seconds, "5m" a duration Ollama parses itself.
Json keepAliveJson(const QString &keepAlive)
{
    bool isNumber = false;
    const qint64 seconds = keepAlive.toLongLong(&isNumber);
    return isNumber ? Json(seconds) : Json(utf8(keepAlive));
}

Json thinkJson(ThinkMode think)
{
    if (think == ThinkMode::Off || think == ThinkMode::On)
        return think == ThinkMode::On;
    const char *level = thinkLevelName(think);
    return level ? Json(level) : Json();
}

} // namespace

QByteArray OllamaBackend::buildChatBody(const ChatRequest &request, bool sendThink)
{
    Json body = chatBodyStart(request, messageJson);
    if (request.responseMode == ResponseMode::Schema)
        body["format"] = request.schema.is_null() ? Json::object() : request.schema; // a raw object (reference 3.1)
    else if (request.responseMode == ResponseMode::Json)
        body["format"] = "json";
    if (!request.tools.isEmpty())
        body["tools"] = toolsJson(request.tools);
    if (Json options = optionsJson(request.options); !options.empty())
        body["options"] = std::move(options);
    if (!request.keepAlive.isEmpty())
        body["keep_alive"] = keepAliveJson(request.keepAlive);
    if (Json think = thinkJson(request.think); sendThink && !think.is_null())
        body["think"] = std::move(think);
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
    applyCapabilities(json, info);
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
    job->startLater([this, job] {
        m_version.reset();
        probeVersion(job, [job](const ServerVersion &version) { job->complete(version); });
    });
    return job;
}

void OllamaBackend::probeVersion(BackendJob *job, const std::function<void(const ServerVersion &)> &next)
{
    if (m_version) {
        next(*m_version);
        return;
    }
    job->fetch(BackendJob::HttpCall::get(QStringLiteral("/api/version")), [this, job, next](const QByteArray &body) {
        const Json json = parse(body);
        if (!json.is_object() || !json.contains("version")) {
            job->fail(unexpectedReply(QStringLiteral("/api/version"), body));
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
    job->fetch(showCall(name), [this, name, key, next](const QByteArray &body) {
        const ModelInfo info = parseShow(name, body);
        m_showCache.insert(key, info);
        next(info);
    });
}

ModelDetailsJob *OllamaBackend::showModel(const QString &name)
{
    auto *job = new ModelDetailsJob(network(), config(), this);
    job->setModel(name);
    job->startLater(
        [this, job, name] { probeCapabilities(job, name, [job](const ModelInfo &info) { job->complete(info); }); });
    return job;
}

ChatJob *OllamaBackend::chat(const ChatRequest &request)
{
    auto *job = new ChatJob(network(), config(), this);
    job->setModel(request.model);
    job->startLater([this, job, request] {
        // Only a schema `format` depends on the server version: ask for it only then.
        if (request.responseMode == ResponseMode::Schema)
            probeVersion(job,
                         [this, job, request](const ServerVersion &version) { chatOnVersion(job, request, version); });
        else
            chatOnVersion(job, request, ServerVersion());
    });
    return job;
}

void OllamaBackend::chatOnVersion(ChatJob *job, const ChatRequest &request, const ServerVersion &version)
{
    if (request.responseMode == ResponseMode::Schema && !version.atLeast(0, 5, 0)) {
        BackendError error;
        error.kind = BackendError::Kind::Unsupported;
        error.detail
            = QStringLiteral("a JSON schema format needs Ollama 0.5.0 or later; the server is %1").arg(version.text);
        job->fail(error);
        return;
    }
    if (request.responseMode == ResponseMode::Schema && !version.atLeast(0, 5, 2))
        qCWarning(lcLlm) << "Ollama" << version.text << "loses the schema's property order (fixed in 0.5.2)";
    if (request.think == ThinkMode::Default) {
        sendChat(job, request, false);
        return;
    }
    // `think` makes a model without the capability fail the request: send it only where it is listed.
    probeCapabilities(job, request.model, [this, job, request](const ModelInfo &info) {
        const bool thinking = info.hasCapability(u"thinking");
        if (!thinking)
            qCInfo(lcLlm) << "not sending think: the model does not list thinking" << request.model;
        sendChat(job, request, thinking);
    });
}

void OllamaBackend::sendChat(ChatJob *job, const ChatRequest &request, bool sendThink)
{
    job->exchange({ QStringLiteral("/api/chat"), buildChatBody(request, sendThink), request.stream,
                    std::make_shared<NdjsonChatDecoder>(), parseNativeChatResponse });
}

BackendJob::HttpCall OllamaBackend::showCall(const QString &name)
{
    Json request = Json::object();
    request["model"] = utf8(name);
    return BackendJob::HttpCall::post(QStringLiteral("/api/show"), dump(request));
}

ModelListJob *OllamaBackend::listModels()
{
    auto *job = new ModelListJob(network(), config(), this);
    job->startLater([this, job] {
        job->fetch(BackendJob::HttpCall::get(QStringLiteral("/api/tags")), [this, job](const QByteArray &body) {
            bool ok = false;
            auto models = std::make_shared<QList<ModelInfo>>(parseModelArray(body, &ok));
            if (!ok) {
                job->fail(unexpectedReply(QStringLiteral("/api/tags"), body));
                return;
            }
            rememberListed(*models);
            showNext(job, models, 0);
        });
    });
    return job;
}

void OllamaBackend::rememberListed(const QList<ModelInfo> &models)
{
    for (const ModelInfo &model : models) {
        if (!model.digest.isEmpty())
            m_digestByName.insert(model.name, model.digest);
        // Tags of >= 0.30 carry the capabilities: no /api/show needed for `think` gating.
        if (model.capabilitiesKnown && model.contextLength > 0)
            m_showCache.insert(cacheKey(model.name), model);
    }
}

namespace {

// What a listed model lacks that /api/show knows (servers older than 0.30).
bool needsShow(const ModelInfo &model)
{
    return !model.capabilitiesKnown || model.contextLength <= 0;
}

void mergeShown(ModelInfo &model, const ModelInfo &shown)
{
    if (!model.capabilitiesKnown && shown.capabilitiesKnown) {
        model.capabilities = shown.capabilities;
        model.capabilitiesKnown = true;
    }
    if (model.contextLength <= 0)
        model.contextLength = shown.contextLength;
}

} // namespace

// Fills capabilities and context length from /api/show for servers older than 0.30, one model
// at a time (cached by digest), then marks loaded models from /api/ps.
void OllamaBackend::showNext(ModelListJob *job, std::shared_ptr<QList<ModelInfo>> models, qsizetype index)
{
    while (index < models->size() && !needsShow((*models)[index]))
        ++index;
    if (index == models->size()) {
        markRunning(job, models);
        return;
    }
    const QString name = (*models)[index].name;
    const QString key = cacheKey(name);
    const auto cached = m_showCache.constFind(key);
    if (cached != m_showCache.constEnd()) {
        mergeShown((*models)[index], *cached);
        showNext(job, models, index + 1);
        return;
    }
    job->send(showCall(name), {}, [this, job, models, index, name, key](const BackendJob::HttpOutcome &outcome) {
        if (outcome.transportError) {
            job->fail(errorFromOutcome(outcome, name));
            return;
        }
        // One model the server cannot show does not spoil the list.
        if (outcome.isSuccess()) {
            const ModelInfo shown = parseShow(name, outcome.body);
            m_showCache.insert(key, shown);
            mergeShown((*models)[index], shown);
        } else {
            qCWarning(lcLlm) << "/api/show failed for" << name << outcome.status;
        }
        showNext(job, models, index + 1);
    });
}

void OllamaBackend::markRunning(ModelListJob *job, std::shared_ptr<QList<ModelInfo>> models)
{
    job->send(BackendJob::HttpCall::get(QStringLiteral("/api/ps")), {},
              [job, models](const BackendJob::HttpOutcome &outcome) {
                  if (outcome.transportError) {
                      job->fail(*outcome.transportError);
                      return;
                  }
                  // A server without /api/ps still lists its models, none of them marked loaded.
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
                  }
                  job->complete(*models);
              });
}

ModelListJob *OllamaBackend::runningModels()
{
    auto *job = new ModelListJob(network(), config(), this);
    job->startLater([job] {
        job->fetch(BackendJob::HttpCall::get(QStringLiteral("/api/ps")),
                   [job](const QByteArray &body) { job->complete(parsePs(body)); });
    });
    return job;
}

} // namespace Formwork
