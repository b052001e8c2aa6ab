// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/serverprobe.h"

#include "common/logging.h"
#include "llm/jsonutil_p.h"

#include <QCoreApplication>

namespace Formwork {

using namespace LlmDetail;

namespace {

// The probe looks at the server's root: a base URL given as ".../v1" names the OpenAI API root.
BackendConfig rootConfig(BackendConfig config)
{
    QString path = config.baseUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path.chop(3);
    config.baseUrl.setPath(path);
    // A probe is a few small GETs: it never waits as long as a chat may.
    constexpr int probeTimeoutMs = 10000;
    if (config.firstByteTimeoutMs <= 0 || config.firstByteTimeoutMs > probeTimeoutMs)
        config.firstByteTimeoutMs = probeTimeoutMs;
    return config;
}

} // namespace

QString serverKindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Unknown:
        return QStringLiteral("unknown");
    case ServerKind::Ollama:
        return QStringLiteral("ollama");
    case ServerKind::LlamaServer:
        return QStringLiteral("llama-server");
    case ServerKind::Vllm:
        return QStringLiteral("vllm");
    case ServerKind::LmStudio:
        return QStringLiteral("lm-studio");
    case ServerKind::OpenAiCompatible:
        return QStringLiteral("openai-compatible");
    }
    return QStringLiteral("unknown");
}

QString serverDisplayName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Unknown:
        return QCoreApplication::translate("Formwork::Server", "the server");
    case ServerKind::Ollama:
        return QCoreApplication::translate("Formwork::Server", "Ollama");
    case ServerKind::LlamaServer:
        return QCoreApplication::translate("Formwork::Server", "llama.cpp's llama-server");
    case ServerKind::Vllm:
        return QCoreApplication::translate("Formwork::Server", "vLLM");
    case ServerKind::LmStudio:
        return QCoreApplication::translate("Formwork::Server", "LM Studio");
    case ServerKind::OpenAiCompatible:
        return QCoreApplication::translate("Formwork::Server", "an OpenAI-compatible server of unknown kind");
    }
    return QCoreApplication::translate("Formwork::Server", "the server");
}

QString describeServer(const ServerInfo &info)
{
    if (info.kind == ServerKind::Unknown)
        return QCoreApplication::translate("Formwork::Server", "Server: not recognised.");
    QString text = serverDisplayName(info.kind);
    if (!info.version.isEmpty())
        text += info.kind == ServerKind::LlamaServer
            ? QCoreApplication::translate("Formwork::Server", " (build %1)").arg(info.version)
            : QCoreApplication::translate("Formwork::Server", " %1").arg(info.version);
    if (info.kind == ServerKind::LlamaServer && !info.modelId.isEmpty()) {
        text += QCoreApplication::translate("Formwork::Server", ", serving %1").arg(info.modelId);
        if (info.slotContext > 0)
            text += QCoreApplication::translate("Formwork::Server", " with %1 tokens of context per slot")
                        .arg(info.slotContext);
    }
    return QCoreApplication::translate("Formwork::Server", "Server: %1.").arg(text);
}

ServerProbeJob::ServerProbeJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : BackendJob(network, rootConfig(config), parent)
{
}

ServerProbeJob::~ServerProbeJob() = default;

void ServerProbeJob::start()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!isFinished())
                askModels();
        },
        Qt::QueuedConnection);
}

void ServerProbeJob::readModels(const QByteArray &body, const QByteArray &serverHeader, ServerInfo &info)
{
    if (serverHeader.contains("llama.cpp"))
        info.kind = ServerKind::LlamaServer;
    const Json json = parse(body);
    if (!json.is_object() || !json.contains("data") || !json["data"].is_array())
        return;
    const Json &data = json["data"];
    for (const Json &entry : data) {
        const QString owner = qstr(entry, "owned_by");
        if (owner == u"llamacpp")
            info.kind = ServerKind::LlamaServer;
        else if (owner == u"vllm" && info.kind == ServerKind::Unknown)
            info.kind = ServerKind::Vllm;
        else if ((owner == u"organization_owner" || owner == u"organization-owner") && info.kind == ServerKind::Unknown)
            info.kind = ServerKind::LmStudio;
    }
    if (info.kind == ServerKind::LlamaServer && data.size() == 1) {
        info.modelId = qstr(data[0], "id");
        if (data[0].contains("meta") && data[0]["meta"].is_object())
            info.slotContext = int64(data[0]["meta"], "n_ctx", 0);
    }
}

void ServerProbeJob::readProps(const QByteArray &body, ServerInfo &info)
{
    const Json json = parse(body);
    if (!json.is_object())
        return;
    if (json.contains("default_generation_settings")) {
        const qint64 context = int64(json["default_generation_settings"], "n_ctx", 0);
        if (context > 0)
            info.slotContext = context;
    }
    info.slotCount = int(int64(json, "total_slots", 0));
    if (info.version.isEmpty())
        info.version = qstr(json, "build_info");
    if (info.modelId.isEmpty())
        info.modelId = qstr(json, "model_alias");
    if (json.contains("chat_template_caps") && json["chat_template_caps"].is_object()) {
        const Json &caps = json["chat_template_caps"];
        if (caps.contains("supports_tools") && caps["supports_tools"].is_boolean())
            info.supportsTools = caps["supports_tools"].get<bool>();
    }
}

void ServerProbeJob::askModels()
{
    send({ QByteArrayLiteral("GET"), QStringLiteral("/v1/models"), {}, false }, {},
         [this](const BackendJob::HttpOutcome &outcome) {
             if (outcome.transportError && outcome.transportError->kind == BackendError::Kind::Unreachable) {
                 fail(errorFromOutcome(outcome, {})); // nothing answers at this address
                 return;
             }
             if (outcome.serverHeader.contains("llama.cpp"))
                 m_info.kind = ServerKind::LlamaServer;
             if (outcome.isSuccess()) {
                 m_modelsAnswered = true;
                 readModels(outcome.body, outcome.serverHeader, m_info);
             }
             if (m_info.kind == ServerKind::LlamaServer)
                 askProps();
             else if (m_info.kind == ServerKind::Vllm || m_info.kind == ServerKind::LmStudio)
                 done();
             else
                 askVersion();
         });
}

void ServerProbeJob::askProps()
{
    send({ QByteArrayLiteral("GET"), QStringLiteral("/props"), {}, false }, {},
         [this](const BackendJob::HttpOutcome &outcome) {
             if (outcome.isSuccess())
                 readProps(outcome.body, m_info);
             done();
         });
}

void ServerProbeJob::askVersion()
{
    send({ QByteArrayLiteral("GET"), QStringLiteral("/api/version"), {}, false }, {},
         [this](const BackendJob::HttpOutcome &outcome) {
             const Json json = outcome.isSuccess() ? parse(outcome.body) : Json();
             if (json.is_object() && json.contains("version") && json["version"].is_string()) {
                 m_info.kind = ServerKind::Ollama;
                 m_info.version = qstr(json, "version");
             } else if (m_modelsAnswered) {
                 m_info.kind = ServerKind::OpenAiCompatible;
             } else if (outcome.transportError) {
                 fail(errorFromOutcome(outcome, {}));
                 return;
             }
             done();
         });
}

void ServerProbeJob::done()
{
    if (isFinished())
        return;
    qCDebug(lcLlm) << "server probed:" << serverKindName(m_info.kind) << m_info.version << m_info.modelId;
    Q_EMIT finished(m_info);
    markFinished();
}

} // namespace Formwork
