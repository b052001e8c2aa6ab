// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <optional>

namespace Formwork {

// Which wire protocol a backend speaks.
enum class BackendApi {
    Ollama, // native /api/* (reference/ollama-api.md sections 2-3)
    OpenAi, // /v1/* of Ollama, llama-server, LM Studio, vLLM (sections 5 and 8)
};

// What answers at a base URL (serverprobe.h finds out).
enum class ServerKind {
    Unknown, // not probed yet, or nothing recognisable answered
    Ollama, // native /api/* (and its /v1)
    LlamaServer, // llama.cpp's llama-server: /props, owned_by "llamacpp", Server: llama.cpp
    Vllm, // owned_by "vllm"
    LmStudio, // owned_by "organization_owner"
    OpenAiCompatible, // /v1/models answers, the kind is unknown
};

// How the schema reaches the model (design.md section 2, "Modes").
enum class ResponseMode {
    Text, // no constraint
    Json, // Ollama format:"json" / response_format json_object
    Schema, // Ollama format:<schema> / response_format json_schema
    Tools, // the request's tools (and tool_choice) only
};

// The `think` field of the native API; only sent to models listing the `thinking` capability.
enum class ThinkMode { Default, Off, On, Low, Medium, High, Max };

// One tool call, complete (in a result or a request message) or a streamed fragment (in a delta).
struct ToolCall {
    int index = 0;
    QString id;
    QString name;
    // The arguments as JSON text: an object serialised in its original key order (native API),
    // or the string the OpenAI API sends (which, in a delta, is only a fragment).
    QString argumentsJson;

    friend bool operator==(const ToolCall &, const ToolCall &) = default;
};

struct ChatMessage {
    QString role; // system, user, assistant, tool
    QString content;
    QString thinking;
    QList<QByteArray> images; // raw image bytes; base64-encoded on the wire
    QList<ToolCall> toolCalls;
    QString toolName; // for role "tool" (native API)
    QString toolCallId; // for role "tool" (OpenAI API)
};

struct ToolDefinition {
    QString name;
    QString description;
    nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
};

struct ChatOptions {
    std::optional<double> temperature;
    std::optional<qint64> seed;
    std::optional<int> numCtx; // native only; /v1 cannot set it (reference 5.1)
    std::optional<int> numPredict; // max_tokens on /v1
    std::optional<double> topP;
    std::optional<int> topK;
    QStringList stop;
};

// A chat request as a value. The backends turn it into the wire JSON.
struct ChatRequest {
    QString model;
    QList<ChatMessage> messages;
    ResponseMode responseMode = ResponseMode::Text;
    nlohmann::ordered_json schema; // for ResponseMode::Schema; key order is kept on the wire
    QString schemaName = QStringLiteral("response"); // json_schema.name on /v1
    QList<ToolDefinition> tools;
    QString toolChoice; // /v1 only: "auto", "none", "required" or a function name
    ServerKind server = ServerKind::Unknown; // /v1: the dialect to write (json_object schema, tool_choice form)
    ChatOptions options;
    QString keepAlive; // native: "5m", "0", "-1"...; empty = server default
    ThinkMode think = ThinkMode::Default;
    bool stream = true;
};

// A piece of a streamed reply.
struct ChatDelta {
    QString content;
    QString thinking;
    QList<ToolCall> toolCalls; // fragments (OpenAI) or complete calls (native)
};

struct ChatUsage {
    qint64 promptTokens = 0; // prompt_eval_count / prompt_tokens
    qint64 completionTokens = 0; // eval_count / completion_tokens
};

// Server-side timings in nanoseconds (native API only; 0 when absent).
struct ChatTimings {
    qint64 loadNs = 0;
    qint64 promptEvalNs = 0;
    qint64 evalNs = 0;
    qint64 totalNs = 0;
};

struct ChatResult {
    QString model;
    QString content;
    QString thinking;
    QList<ToolCall> toolCalls;
    QString finishReason; // done_reason (native) or finish_reason (/v1)
    ChatUsage usage;
    ChatTimings timings;
    qint64 wallTimeMs = 0;
    qint64 timeToFirstTokenMs = -1; // -1: no token arrived
    QByteArray requestJson; // the exact body that was sent (holds no secret)

    // done_reason "length": the output was cut off, so structured output is probably truncated.
    bool isTruncated() const { return finishReason == u"length"; }
};

// `GET /api/version`. "0.0.0" is a source build: every feature is assumed present.
struct ServerVersion {
    QString text;
    int major = 0;
    int minor = 0;
    int patch = 0;
    bool valid = false;

    static ServerVersion parse(const QString &text);
    bool isDev() const { return valid && major == 0 && minor == 0 && patch == 0; }
    bool atLeast(int maj, int min, int pat) const;
};

// One model of the picker. Fields the server did not report keep their defaults.
struct ModelInfo {
    QString name;
    QString digest;
    qint64 sizeBytes = -1;
    QDateTime modifiedAt;
    QString format; // gguf, safetensors
    QString family;
    QString parameterSize; // "8.0B"
    QString quantization; // "Q4_K_M"
    qint64 contextLength = 0; // trained maximum
    QStringList capabilities;
    bool capabilitiesKnown = false;
    bool remote = false; // remote_model / remote_host (Ollama Cloud)
    bool loaded = false; // listed by /api/ps
    qint64 runtimeContextLength = 0; // /api/ps context_length
    qint64 vramBytes = 0;

    bool hasCapability(QStringView capability) const;
    // Embedding-only models (no `completion`) are hidden from the picker (reference 2.3).
    bool isEmbeddingOnly() const;
    // MLX/safetensors and cloud models accept `format` and ignore it (reference 6.3).
    bool schemaNotEnforced() const;
};

// Everything about one request as it went out, with the bearer token replaced.
struct SentRequest {
    QByteArray method;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::ChatDelta)
Q_DECLARE_METATYPE(Formwork::ChatResult)
Q_DECLARE_METATYPE(Formwork::ServerVersion)
Q_DECLARE_METATYPE(Formwork::ModelInfo)

namespace Formwork {

// The server behind a connection, probed once per connection.
struct ServerInfo {
    ServerKind kind = ServerKind::Unknown;
    QString version; // Ollama's version, llama-server's build_info
    QString modelId; // llama-server: the one model it serves
    qint64 slotContext = 0; // llama-server: per-slot context (/props default_generation_settings.n_ctx)
    int slotCount = 0; // llama-server: total_slots
    std::optional<bool> supportsTools; // llama-server: /props chat_template_caps.supports_tools

    bool isSingleModel() const { return kind == ServerKind::LlamaServer && !modelId.isEmpty(); }
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::ServerInfo)
