// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/llmbackend.h"

#include <QHash>

#include <optional>

namespace Formwork {

// Ollama's native API (reference/ollama-api.md sections 2-3).
class OllamaBackend final : public LlmBackend
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaBackend)

public:
    explicit OllamaBackend(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~OllamaBackend() override;

    BackendApi api() const override { return BackendApi::Ollama; }

    // POST /api/chat. A schema `format` needs server >= 0.5.0 (0.0.0 = dev passes): the version is
    // probed once and cached. `think` is sent only when the model lists `thinking` (probed via
    // /api/show once per model digest).
    ChatJob *chat(const ChatRequest &request) override;
    // GET /api/tags; POST /api/show for models whose tags lack capabilities (< 0.30); GET /api/ps.
    ModelListJob *listModels() override;
    VersionJob *fetchVersion();
    ModelDetailsJob *showModel(const QString &name);
    ModelListJob *runningModels();

    // The version seen last, if any.
    std::optional<ServerVersion> cachedVersion() const { return m_version; }
    void clearCaches();

    // The wire JSON of a chat request. `sendThink`: the model lists `thinking`.
    static QByteArray buildChatBody(const ChatRequest &request, bool sendThink);
    // Parsers of the discovery replies (tolerant: missing fields keep their defaults).
    static QList<ModelInfo> parseTags(const QByteArray &body);
    static ModelInfo parseShow(const QString &name, const QByteArray &body);
    static QList<ModelInfo> parsePs(const QByteArray &body);

private:
    void probeVersion(BackendJob *job, const std::function<void(const ServerVersion &)> &next);
    void probeCapabilities(BackendJob *job, const QString &name, const std::function<void(const ModelInfo &)> &next);
    void chatOnVersion(ChatJob *job, const ChatRequest &request, const ServerVersion &version);
    void sendChat(ChatJob *job, const ChatRequest &request, bool sendThink);
    static BackendJob::HttpCall showCall(const QString &name);
    void rememberListed(const QList<ModelInfo> &models);
    void showNext(ModelListJob *job, std::shared_ptr<QList<ModelInfo>> models, qsizetype index);
    static void markRunning(ModelListJob *job, std::shared_ptr<QList<ModelInfo>> models);
    QString cacheKey(const QString &name) const;

    std::optional<ServerVersion> m_version;
    QHash<QString, ModelInfo> m_showCache; // by digest (or name when no digest is known)
    QHash<QString, QString> m_digestByName;
};

} // namespace Formwork
