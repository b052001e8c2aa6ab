// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/llmbackend.h"

#include "llm/ollamabackend.h"
#include "llm/openaibackend.h"
#include "llm/serverprobe.h"

#include <QRegularExpression>

namespace Formwork {

ServerVersion ServerVersion::parse(const QString &text)
{
    ServerVersion version;
    version.text = text.trimmed();
    static const QRegularExpression re(QStringLiteral("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?"));
    const auto match = re.match(version.text);
    if (match.hasMatch()) {
        version.major = match.captured(1).toInt();
        version.minor = match.captured(2).toInt();
        version.patch = match.captured(3).toInt();
        version.valid = true;
    }
    return version;
}

bool ServerVersion::atLeast(int maj, int min, int pat) const
{
    if (!valid || isDev())
        return true; // unknown or a source build: assume everything is there
    if (major != maj)
        return major > maj;
    if (minor != min)
        return minor > min;
    return patch >= pat;
}

bool ModelInfo::hasCapability(QStringView capability) const
{
    for (const QString &c : capabilities) {
        if (c == capability)
            return true;
    }
    return false;
}

bool ModelInfo::isEmbeddingOnly() const
{
    return capabilitiesKnown && hasCapability(u"embedding") && !hasCapability(u"completion");
}

bool ModelInfo::schemaNotEnforced() const
{
    return remote || format == u"safetensors" || name.contains(QLatin1String("-mlx"), Qt::CaseInsensitive)
        || name.endsWith(QLatin1String("-cloud")) || name.contains(QLatin1String(":cloud"));
}

LlmBackend::LlmBackend(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(config)
{
}

LlmBackend::~LlmBackend() = default;

ServerProbeJob *LlmBackend::probeServer()
{
    auto *job = new ServerProbeJob(m_network, m_config, this);
    connect(job, &ServerProbeJob::finished, this, [this](const ServerInfo &info) { m_server = info; });
    job->start();
    return job;
}

LlmBackend *LlmBackend::create(BackendApi api, QNetworkAccessManager *network, const BackendConfig &config,
                               QObject *parent)
{
    if (api == BackendApi::OpenAi)
        return new OpenAiBackend(network, config, parent);
    return new OllamaBackend(network, config, parent);
}

} // namespace Formwork
