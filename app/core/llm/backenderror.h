// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/llmtypes.h"

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace Formwork {

// A failed backend call as a value (conventions.md rule 5). `detail` keeps the server's own text
// (or Qt's network error text) for a details view; userMessage() gives the plain sentence.
struct BackendError {
    enum class Kind {
        Unreachable, // connection refused, host not found, TLS failure
        Timeout, // no first byte in time, or the stream stalled
        Cancelled, // aborted by someone other than the caller of cancel()
        ModelNotFound, // 404 "model 'x' not found": suggest `ollama pull x`
        ModelLacksCapability, // "does not support tools/thinking/chat"; see `capability`
        InvalidSchema, // "invalid JSON schema in format", "JSON schema conversion failed"
        InvalidRequest, // other 400s: missing body, bad option type, bad response_format...
        ContextExceeded, // llama-server exceed_context_size_error
        ServerBusy, // 503 "server busy" (queue full)
        ModelLoading, // llama-server 503 unavailable_error while loading
        ModelLoadFailed, // 500 load failure / out of memory
        Unauthorized, // 401/403
        EndpointNotFound, // 404 "404 page not found": wrong API for this server
        Unsupported, // the server is too old for a feature (e.g. a schema `format` before 0.5.0)
        ServerError, // other 5xx
        HttpError, // any other HTTP status
        GenerationFailed, // an {"error":...} line/event after the stream began
        StreamBroken, // the connection closed before done:true / [DONE]
        ProtocolError, // a reply that is not the JSON it should be
    };

    Kind kind = Kind::HttpError;
    QString detail; // the server's text, untranslated
    int httpStatus = 0; // 0 when no HTTP response arrived
    QString model; // the model of the request, when known
    QString capability; // for ModelLacksCapability: tools, thinking, chat, vision...
    QUrl url; // the URL that was tried (no user info), when known
    // For ContextExceeded: the server's own numbers (llama-server's n_prompt_tokens and n_ctx); 0 when unknown.
    qint64 promptTokens = 0;
    qint64 contextTokens = 0;

    // Worth resending unchanged after a pause (design.md: transport failures are not reasks).
    bool isTransient() const;
};

// The plain, translated sentence for the user.
QString userMessage(const BackendError &error);
// A stable, untranslated name of the kind ("ModelNotFound"), for logs, JSON output and tests.
QString kindName(BackendError::Kind kind);

// Maps a non-2xx response (status + body, either API shape) to a typed error
// (reference/ollama-api.md sections 3.4, 5.1 and 8).
BackendError errorFromHttp(int status, const QByteArray &body, const QString &model = {});
// Maps the text of an error reported inside a stream (an NDJSON {"error":...} line or an SSE
// data: {"error":{...}} event).
BackendError errorFromStream(const QString &text, const QString &model = {});
// The message text of an error body: {"error":"..."} or {"error":{"message":"..."}}; the raw body otherwise.
QString errorTextFromBody(const QByteArray &body, QString *type = nullptr);

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::BackendError)
