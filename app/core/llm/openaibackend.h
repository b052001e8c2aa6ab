// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/llmbackend.h"

namespace Formwork {

// OpenAI-compatible chat completions: Ollama's /v1, llama-server, LM Studio, vLLM
// (reference/ollama-api.md sections 5 and 8). The base URL is the server root; a trailing /v1 is accepted.
class OpenAiBackend final : public LlmBackend
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenAiBackend)

public:
    explicit OpenAiBackend(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~OpenAiBackend() override;

    BackendApi api() const override { return BackendApi::OpenAi; }
    ChatJob *chat(const ChatRequest &request) override;
    ModelListJob *listModels() override;

    static QByteArray buildChatBody(const ChatRequest &request);
    // /v1/models: Ollama's and llama-server's shapes (data may be null; size may be "").
    static QList<ModelInfo> parseModels(const QByteArray &body);

private:
    QString apiPath(const QString &path) const;
};

} // namespace Formwork
