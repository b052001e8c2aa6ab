// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/backendjobs.h"
#include "llm/llmtypes.h"

#include <QObject>

class QNetworkAccessManager;

namespace Formwork {

class ServerProbeJob;

// One LLM server. Every call is asynchronous and returns a job that reports through signals;
// nothing blocks. Jobs are children of the backend and delete themselves when they end.
class LlmBackend : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LlmBackend)

public:
    ~LlmBackend() override;

    virtual BackendApi api() const = 0;
    QUrl baseUrl() const { return m_config.baseUrl; }
    const BackendConfig &config() const { return m_config; }
    // A new configuration is a new connection: the server is probed again.
    void setConfig(const BackendConfig &config)
    {
        m_config = config;
        m_server = ServerInfo();
    }
    QNetworkAccessManager *network() const { return m_network; }

    virtual ChatJob *chat(const ChatRequest &request) = 0;
    // Every model the server offers, embedding models included (the catalog hides them).
    virtual ModelListJob *listModels() = 0;

    // What answers at the base URL, once a probe finished (kind Unknown before).
    const ServerInfo &serverInfo() const { return m_server; }
    void setServerInfo(const ServerInfo &info) { m_server = info; }
    // Probes the server (serverprobe.h); a successful probe is kept as serverInfo().
    ServerProbeJob *probeServer();

    // Makes a backend for `api` on `network` (which must outlive it).
    static LlmBackend *create(BackendApi api, QNetworkAccessManager *network, const BackendConfig &config,
                              QObject *parent = nullptr);

protected:
    LlmBackend(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent);

private:
    QNetworkAccessManager *m_network;
    BackendConfig m_config;
    ServerInfo m_server;
};

} // namespace Formwork
