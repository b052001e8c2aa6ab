// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/serverconnection.h"

#include "llm/backendjobs.h"
#include "llm/llmbackend.h"
#include "llm/ollamabackend.h"
#include "llm/serverprobe.h"

#include <QHostAddress>
#include <QNetworkAccessManager>

#include <memory>

namespace Formwork {
namespace Ui {

ServerConnection::ServerConnection(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

ServerConnection::~ServerConnection()
{
    cancelProbe();
    cancelTest();
}

void ServerConnection::setServer(const QUrl &host, BackendApi api)
{
    if (m_backend && host == m_host && api == m_api)
        return;
    cancelProbe();
    cancelTest();
    m_host = host;
    m_api = api;
    BackendConfig config;
    config.baseUrl = host;
    config.bearerToken = m_apiKey;
    LlmBackend *old = m_backend;
    m_backend = LlmBackend::create(api, m_network, config, this);
    Q_EMIT backendChanged();
    if (old)
        retire(old);
    probeServer();
}

void ServerConnection::probeServer()
{
    cancelProbe();
    m_probe = m_backend->probeServer();
    connect(m_probe, &ServerProbeJob::finished, this, [this](const ServerInfo &info) {
        m_probe = nullptr;
        Q_EMIT serverDetected(info);
    });
    // Nothing answers: the model list says so in words; the next run or test probes again.
    connect(m_probe, &ServerProbeJob::failed, this, [this] { m_probe = nullptr; });
}

void ServerConnection::cancelProbe()
{
    if (m_probe)
        m_probe->cancel();
    m_probe = nullptr;
}

void ServerConnection::whenServerKnown(QObject *context, std::function<void()> then)
{
    if (!m_backend || m_backend->serverInfo().kind != ServerKind::Unknown) {
        then();
        return;
    }
    if (!m_probe)
        probeServer();
    // Jobs delete themselves however they end (finished, failed or cancelled because a new server
    // replaced this one), so `then` runs exactly once; the caller takes backend() afresh.
    connect(m_probe, &QObject::destroyed, context, std::move(then));
}

void ServerConnection::applyServerInfo(ServerInfo &server, ModelInfo &model) const
{
    server = serverInfo();
    if (model.runtimeContextLength == 0)
        model.runtimeContextLength = server.slotContext;
}

// A run or a listing may still be going on the old backend: deleting it would delete its jobs
// without a signal and leave their owners waiting. It goes when its last job has ended (jobs
// always delete themselves), and never inside a slot of one of them.
void ServerConnection::retire(LlmBackend *backend)
{
    const QList<BackendJob *> jobs = backend->findChildren<BackendJob *>(Qt::FindDirectChildrenOnly);
    if (jobs.isEmpty()) {
        backend->deleteLater();
        return;
    }
    // A run may start its next attempt on this backend from the slot that ends the last job, so
    // look again once those are gone instead of deleting at once.
    auto remaining = std::make_shared<qsizetype>(jobs.size());
    for (BackendJob *job : jobs) {
        connect(job, &QObject::destroyed, this, [this, backend, remaining] {
            if (--*remaining == 0)
                QMetaObject::invokeMethod(
                    this, [this, backend] { retire(backend); }, Qt::QueuedConnection);
        });
    }
}

void ServerConnection::setApiKey(const QString &key)
{
    m_apiKey = key;
    if (!m_backend)
        return;
    BackendConfig config = m_backend->config();
    config.bearerToken = key;
    m_backend->setConfig(config);
}

void ServerConnection::cancelTest()
{
    if (m_test)
        m_test->cancel();
    m_test = nullptr;
}

void ServerConnection::testConnection()
{
    cancelTest();
    if (!m_backend) {
        Q_EMIT connectionTested(false, tr("No server address is set."));
        return;
    }
    // The probe says what answers (once per connection test), then the API's own check runs.
    ServerProbeJob *probe = m_backend->probeServer();
    m_test = probe;
    connect(probe, &ServerProbeJob::finished, this, [this](const ServerInfo &info) {
        m_test = nullptr;
        Q_EMIT serverDetected(info);
        if (m_api == BackendApi::Ollama && info.kind != ServerKind::Unknown && info.kind != ServerKind::Ollama) {
            reportFailure(tr("%1 does not speak Ollama's native API. Choose the OpenAI-compatible API.")
                              .arg(serverDisplayName(info.kind)));
            return;
        }
        if (m_api == BackendApi::Ollama && info.kind == ServerKind::Ollama) {
            const ServerVersion version = ServerVersion::parse(info.version);
            const QString text = version.isDev() ? tr("a development build") : version.text;
            Q_EMIT connectionTested(true, tr("Connected to Ollama %1 at %2.").arg(text, m_host.toDisplayString()));
        } else if (m_api == BackendApi::Ollama) {
            testOllama();
        } else {
            testOpenAi();
        }
    });
    connect(probe, &ServerProbeJob::failed, this, [this](const BackendError &error) {
        m_test = nullptr;
        reportFailure(userMessage(error));
    });
}

void ServerConnection::testOllama()
{
    auto *ollama = qobject_cast<OllamaBackend *>(m_backend.data());
    if (!ollama) {
        testOpenAi();
        return;
    }
    VersionJob *job = ollama->fetchVersion();
    m_test = job;
    const QString host = m_host.toDisplayString();
    connect(job, &VersionJob::finished, this, [this, host](const ServerVersion &version) {
        m_test = nullptr;
        const QString text = version.isDev() ? tr("a development build") : version.text;
        Q_EMIT connectionTested(true, tr("Connected to Ollama %1 at %2.").arg(text, host));
    });
    connect(job, &VersionJob::failed, this, [this](const BackendError &error) {
        m_test = nullptr;
        reportFailure(userMessage(error));
    });
}

void ServerConnection::testOpenAi()
{
    ModelListJob *job = m_backend->listModels();
    m_test = job;
    const QString host = m_host.toDisplayString();
    connect(job, &ModelListJob::finished, this, [this, host](const QList<ModelInfo> &models) {
        m_test = nullptr;
        const QString count = models.size() == 1 ? tr("1 model") : tr("%1 models").arg(models.size());
        Q_EMIT connectionTested(true, tr("Connected to %1: the server offers %2.").arg(host, count));
    });
    connect(job, &ModelListJob::failed, this, [this](const BackendError &error) {
        m_test = nullptr;
        reportFailure(userMessage(error));
    });
}

void ServerConnection::reportFailure(const QString &error)
{
    Q_EMIT connectionTested(false, tr("No connection to %1: %2").arg(m_host.toDisplayString(), error));
}

bool ServerConnection::keyTravelsInClear(const QUrl &host)
{
    if (host.scheme() != u"http")
        return false;
    const QString name = host.host();
    if (name.compare(u"localhost", Qt::CaseInsensitive) == 0 || name.endsWith(u".localhost", Qt::CaseInsensitive))
        return false;
    const QHostAddress address(name);
    return address.isNull() || !address.isLoopback();
}

QString ServerConnection::apiDisplayName(BackendApi api)
{
    switch (api) {
    case BackendApi::Ollama:
        return tr("Ollama (native API)");
    case BackendApi::OpenAi:
        return tr("OpenAI-compatible (/v1)");
    }
    return {};
}

} // namespace Ui
} // namespace Formwork
