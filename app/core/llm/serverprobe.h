// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/backendjobs.h"
#include "llm/llmtypes.h"

namespace Formwork {

// Stable, untranslated name of a server kind for JSON output and logs: "ollama", "llama-server",
// "vllm", "lm-studio", "openai-compatible", "unknown".
QString serverKindName(ServerKind kind);
// The translated name for sentences: "Ollama", "llama.cpp's llama-server", "vLLM", "LM Studio",
// "an OpenAI-compatible server of unknown kind".
QString serverDisplayName(ServerKind kind);
// One line for the user: the kind, its version, and for llama-server the model and slot context.
QString describeServer(const ServerInfo &info);

// Finds out what answers at a base URL with at most three cheap GETs: /v1/models (its owned_by,
// its Server header), then /props for llama-server or /api/version for Ollama. A trailing /v1 of
// the base URL is ignored. Fails only when nothing answers at all.
class ServerProbeJob final : public BackendJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerProbeJob)

public:
    explicit ServerProbeJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~ServerProbeJob() override;
    // Starts on the next event loop pass, so signals can be connected first.
    void start();

    // The parts of the probe, public for tests: what /v1/models and /props say.
    static void readModels(const QByteArray &body, const QByteArray &serverHeader, ServerInfo &info);
    static void readProps(const QByteArray &body, ServerInfo &info);

Q_SIGNALS:
    void finished(const Formwork::ServerInfo &info);

private:
    void askModels();
    void askProps();
    void askVersion();
    void done();

    ServerInfo m_info;
    bool m_modelsAnswered = false;
};

} // namespace Formwork
