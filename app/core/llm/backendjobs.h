// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "llm/backenderror.h"
#include "llm/llmtypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Formwork {

class ChatStreamDecoder;

// Network policy shared by a backend and its jobs (conventions.md rule 6).
struct BackendConfig {
    QUrl baseUrl;
    QString bearerToken; // sent as "Authorization: Bearer ..."; never logged or recorded
    // Until the first byte of a reply. Generous: Ollama loads the model before it sends
    // anything (reference 3.3), which can take minutes.
    int firstByteTimeoutMs = 300000;
    // Between two chunks of a reply once it has started.
    int stallTimeoutMs = 60000;
};

// One asynchronous backend operation, possibly several HTTP requests long. It always ends with
// exactly one of its subclass's `finished(...)` or `failed(...)`, then deletes itself (later), unless
// cancel() was called: after cancel() no signal is emitted at all.
class BackendJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendJob)

public:
    ~BackendJob() override;

    // Aborts the request in flight. Safe at any moment, also from a slot of this job.
    void cancel();
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    // Every HTTP request this job sent so far, with the bearer token replaced by "***".
    const QList<SentRequest> &sentRequests() const { return m_sent; }

Q_SIGNALS:
    void failed(const Formwork::BackendError &error);

public:
    // --- for backend implementations ---
    struct HttpCall {
        QByteArray method = QByteArrayLiteral("GET");
        QString path; // appended to the base URL's path
        QByteArray body; // JSON, for POST
        bool streaming = false;

        static HttpCall get(const QString &path) { return { QByteArrayLiteral("GET"), path, {}, false }; }
        static HttpCall post(const QString &path, const QByteArray &body, bool streaming = false)
        {
            return { QByteArrayLiteral("POST"), path, body, streaming };
        }
    };
    struct HttpOutcome {
        int status = 0;
        QByteArray body; // the whole body, unless the call was streaming and succeeded
        std::optional<BackendError> transportError; // no HTTP response, a timeout or a broken connection
        QUrl url; // where the request went (no user info)
        QByteArray serverHeader; // the response's Server header ("llama.cpp"), empty when absent
        bool isSuccess() const { return !transportError && status >= 200 && status < 300; }
    };
    using DataHandler = std::function<void(QByteArrayView)>;
    using DoneHandler = std::function<void(const HttpOutcome &)>;
    using BodyHandler = std::function<void(const QByteArray &body)>;

    // Runs `step` from the event loop, so that whoever asked for the job can connect to its
    // signals first; not at all when the job was cancelled in between.
    void startLater(const std::function<void()> &step);

    // Sends one request. For a streaming call with a 2xx status, body bytes go to `onData` as
    // they arrive; `onDone` is called once at the end (not after cancel() or a timeout).
    void send(const HttpCall &call, const DataHandler &onData, const DoneHandler &onDone);
    // Sends a request that must succeed: without a 2xx response the job fails with the typed
    // error (errorFromOutcome); with one, the whole body goes to `onBody`.
    void fetch(const HttpCall &call, const BodyHandler &onBody);
    // Ends the job with failed(error).
    void fail(BackendError error);
    // Ends the job after a subclass emitted its success signal.
    void markFinished();
    QString model() const { return m_model; }
    void setModel(const QString &model) { m_model = model; }
    const BackendConfig &config() const { return m_config; }

protected:
    BackendJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent);

private:
    void onTimeout();
    void releaseReply();

    QNetworkAccessManager *m_network;
    BackendConfig m_config;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    bool m_gotFirstByte = false;
    bool m_finished = false;
    bool m_cancelled = false;
    QString m_model;
    QList<SentRequest> m_sent;
};

// The typed error of a failed HTTP call: the transport error when there was no response,
// otherwise the one the status and body map to.
BackendError errorFromOutcome(const BackendJob::HttpOutcome &outcome, const QString &model);

// A reply of a discovery route (/api/tags, /v1/models...) that is not the expected JSON.
BackendError unexpectedReply(const QString &route, const QByteArray &body);

// A chat request in flight: deltas while it streams, then finished(ChatResult) or failed(BackendError).
class ChatJob final : public BackendJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatJob)

public:
    using WholeReplyParser
        = std::function<Result<ChatResult, BackendError>(const QByteArray &body, const QString &model)>;
    // What differs between the APIs in one chat exchange; exchange() does the rest.
    struct Dialect {
        QString path; // the chat route
        QByteArray body; // the request JSON
        bool stream = true;
        std::shared_ptr<ChatStreamDecoder> decoder; // reads a streamed reply
        WholeReplyParser parseWhole; // reads a reply that came in one piece (stream: false)
    };

    explicit ChatJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~ChatJob() override;

    // Sends the chat request and ends the job with its result or its typed error.
    void exchange(const Dialect &dialect);

    // The exact JSON body of the chat request, once it was sent (it never contains the token).
    QByteArray requestJson() const { return m_requestJson; }
    // Emits delta() and records the time to the first token.
    void deliverDelta(const ChatDelta &delta);
    // Fills wall time, time to first token and the request JSON, emits finished(), ends the job.
    void complete(ChatResult result);
    // For a reply that arrived in one piece (stream: false): one delta with all of it, then complete().
    void completeWhole(ChatResult result);

Q_SIGNALS:
    void delta(const Formwork::ChatDelta &delta);
    void finished(const Formwork::ChatResult &result);

private:
    void onStreamData(ChatStreamDecoder &decoder, QByteArrayView data);
    void onReplyEnded(const Dialect &dialect, const HttpOutcome &outcome);
    void finishStream(ChatStreamDecoder &decoder, const HttpOutcome &outcome);

    QByteArray m_requestJson;
    QElapsedTimer m_clock;
    qint64 m_firstTokenMs = -1;
};

// Lists models (/api/tags + /api/show + /api/ps, or /v1/models).
class ModelListJob final : public BackendJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelListJob)

public:
    explicit ModelListJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~ModelListJob() override;
    void complete(const QList<Formwork::ModelInfo> &models);

Q_SIGNALS:
    void finished(const QList<Formwork::ModelInfo> &models);
};

// Details of one model (/api/show).
class ModelDetailsJob final : public BackendJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelDetailsJob)

public:
    explicit ModelDetailsJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~ModelDetailsJob() override;
    void complete(const Formwork::ModelInfo &model);

Q_SIGNALS:
    void finished(const Formwork::ModelInfo &model);
};

// The server version (/api/version).
class VersionJob final : public BackendJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VersionJob)

public:
    explicit VersionJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent = nullptr);
    ~VersionJob() override;
    void complete(const Formwork::ServerVersion &version);

Q_SIGNALS:
    void finished(const Formwork::ServerVersion &version);
};

} // namespace Formwork
