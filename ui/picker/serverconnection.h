// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/backendjobs.h"
#include "llm/llmbackend.h"
#include "llm/llmtypes.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace Formwork {
class ServerProbeJob;

namespace Ui {

// The server the GUI talks to: one QNetworkAccessManager and the LlmBackend for a host URL, an API
// kind and an optional API key (sent as a bearer token; never logged). Changing the host or the
// API makes a new backend (backendChanged()); the old one is deleted once its jobs in flight (a run,
// say) have ended, so take backend() again after backendChanged() and keep no pointer to the old
// one. Widgets never see a QNetworkReply.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    // Makes the backend for `host` (a connectable URL, see hostresolver.h) and `api`. Nothing
    // happens when both are unchanged.
    void setServer(const QUrl &host, BackendApi api);
    // The bearer token of every later request; empty: none. Keeps the backend.
    void setApiKey(const QString &key);

    QUrl host() const { return m_host; }
    BackendApi api() const { return m_api; }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    LlmBackend *backend() const { return m_backend; }
    QNetworkAccessManager *network() const { return m_network; }

    // Asks the server who it is: Ollama reports its version (GET /api/version), an
    // OpenAI-compatible server its model count (GET /v1/models). Ends with connectionTested; a
    // test in flight is cancelled by a new one and by setServer().
    void testConnection();
    bool isTesting() const { return !m_test.isNull(); }
    // What answers at the host (kind Unknown until a probe succeeded). Every new backend is
    // probed at once, quietly (serverDetected() reports it), because the request dialect depends
    // on it: llama-server enforces json mode only with the schema inside `json_object`.
    ServerInfo serverInfo() const { return m_backend ? m_backend->serverInfo() : ServerInfo(); }
    // Calls `then` (unless `context` is gone) once the server's kind is settled: at once when it is
    // known, else after the probe under way, or a new one, has ended. A probe that finds nothing
    // still calls `then`; serverInfo() stays Unknown and requests use the plain dialect.
    void whenServerKnown(QObject *context, std::function<void()> then);
    bool isProbing() const { return !m_probe.isNull(); }
    // After whenServerKnown(), what a run takes from the server (one home for single runs and
    // batches): its kind decides the request dialect, and its slot context stands in for the
    // model's runtime context when that is not known.
    void applyServerInfo(ServerInfo &server, ModelInfo &model) const;

    // True when a key for `host` would cross the network in clear text: plain http to a host
    // that is not loopback.
    static bool keyTravelsInClear(const QUrl &host);
    // "Ollama (native API)" / "OpenAI-compatible (/v1)".
    static QString apiDisplayName(BackendApi api);

Q_SIGNALS:
    void backendChanged();
    // `message` is one plain sentence: the version or model count, or what went wrong.
    void connectionTested(bool ok, const QString &message);
    // The connection test probed the server (serverprobe.h): Ollama, llama-server, vLLM...
    void serverDetected(const Formwork::ServerInfo &info);

private:
    void retire(LlmBackend *backend);
    void probeServer();
    void cancelProbe();
    void cancelTest();
    void testOllama();
    void testOpenAi();
    void reportFailure(const QString &error);

    QNetworkAccessManager *m_network;
    QPointer<LlmBackend> m_backend;
    QPointer<BackendJob> m_test;
    QPointer<ServerProbeJob> m_probe; // the quiet probe of a new backend
    QUrl m_host;
    BackendApi m_api = BackendApi::Ollama;
    QString m_apiKey;
};

} // namespace Ui
} // namespace Formwork
