// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/backendjobs.h"

#include "common/logging.h"
#include "llm/streamdecoders.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace Formwork {

namespace {

BackendError transportError(QNetworkReply::NetworkError code, const QString &text, bool gotBytes)
{
    BackendError error;
    error.detail = text;
    switch (code) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::UnknownContentError:
        error.kind = gotBytes ? BackendError::Kind::StreamBroken : BackendError::Kind::Unreachable;
        break;
    case QNetworkReply::TimeoutError:
        error.kind = BackendError::Kind::Timeout;
        break;
    case QNetworkReply::OperationCanceledError:
        error.kind = BackendError::Kind::Cancelled;
        break;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        error.kind = BackendError::Kind::ProtocolError;
        break;
    default:
        error.kind = BackendError::Kind::Unreachable;
        break;
    }
    return error;
}

QUrl joinPath(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

} // namespace

BackendJob::BackendJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(config)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &BackendJob::onTimeout);
}

BackendJob::~BackendJob()
{
    releaseReply();
}

void BackendJob::releaseReply()
{
    m_timer.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
}

void BackendJob::cancel()
{
    if (m_finished)
        return;
    qCDebug(lcLlm) << "cancelled" << metaObject()->className();
    m_finished = true;
    m_cancelled = true;
    releaseReply();
    deleteLater();
}

void BackendJob::fail(BackendError error)
{
    if (m_finished)
        return;
    if (error.model.isEmpty())
        error.model = m_model;
    if (error.url.isEmpty() && !m_sent.isEmpty())
        error.url = m_sent.constLast().url;
    qCDebug(lcLlm) << "failed:" << kindName(error.kind) << error.httpStatus << error.detail;
    m_finished = true;
    releaseReply();
    Q_EMIT failed(error);
    deleteLater();
}

void BackendJob::markFinished()
{
    if (m_finished)
        return;
    m_finished = true;
    releaseReply();
    deleteLater();
}

void BackendJob::onTimeout()
{
    BackendError error;
    error.kind = BackendError::Kind::Timeout;
    error.detail = m_gotFirstByte
        ? QStringLiteral("no data for %1 ms while the reply was streaming").arg(m_config.stallTimeoutMs)
        : QStringLiteral("no response within %1 ms").arg(m_config.firstByteTimeoutMs);
    fail(error);
}

void BackendJob::startLater(const std::function<void()> &step)
{
    QMetaObject::invokeMethod(
        this,
        [this, step] {
            if (!isFinished())
                step();
        },
        Qt::QueuedConnection);
}

void BackendJob::fetch(const HttpCall &call, const BodyHandler &onBody)
{
    send(call, {}, [this, onBody](const HttpOutcome &outcome) {
        if (outcome.isSuccess())
            onBody(outcome.body);
        else
            fail(errorFromOutcome(outcome, model()));
    });
}

void BackendJob::send(const HttpCall &call, const DataHandler &onData, const DoneHandler &onDone)
{
    Q_ASSERT(!m_reply);
    const QUrl url = joinPath(m_config.baseUrl, call.path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Formwork"));
    request.setRawHeader("Accept",
                         call.streaming ? QByteArrayLiteral("application/x-ndjson, text/event-stream, application/json")
                                        : QByteArrayLiteral("application/json"));
    SentRequest sent;
    sent.method = call.method;
    sent.url = url.adjusted(QUrl::RemoveUserInfo);
    sent.body = call.body;
    sent.headers.append({ QByteArrayLiteral("Accept"), request.rawHeader("Accept") });
    if (!call.body.isEmpty() || call.method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        sent.headers.append({ QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
    }
    if (!m_config.bearerToken.isEmpty()) {
        // Never carry the token to another origin through a redirect.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        request.setRawHeader("Authorization", "Bearer " + m_config.bearerToken.toUtf8());
        sent.headers.append({ QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ***") });
    }
    m_sent.append(sent);
    qCDebug(lcLlm) << call.method << sent.url.toDisplayString();

    m_gotFirstByte = false;
    QNetworkReply *reply = m_network->sendCustomRequest(request, call.method, call.body);
    m_reply = reply;
    if (m_config.firstByteTimeoutMs > 0)
        m_timer.start(m_config.firstByteTimeoutMs);

    auto body = std::make_shared<QByteArray>();
    const bool streaming = call.streaming;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, body, streaming, onData] {
        m_gotFirstByte = true;
        if (m_config.stallTimeoutMs > 0)
            m_timer.start(m_config.stallTimeoutMs);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray chunk = reply->readAll();
        if (streaming && status >= 200 && status < 300 && onData)
            onData(chunk); // may end the job (an error line): nothing may touch `reply` after this
        else
            body->append(chunk);
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, onDone] {
        if (reply != m_reply)
            return;
        m_timer.stop();
        HttpOutcome outcome;
        outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        outcome.url = reply->url().adjusted(QUrl::RemoveUserInfo);
        outcome.serverHeader = reply->rawHeader("Server");
        body->append(reply->readAll());
        outcome.body = std::move(*body);
        const auto code = reply->error();
        // An HTTP error status also sets error(); only errors without a usable response are transport errors.
        if (code != QNetworkReply::NoError && (outcome.status == 0 || code < QNetworkReply::ContentAccessDenied))
            outcome.transportError = transportError(code, reply->errorString(), m_gotFirstByte);
        m_reply = nullptr;
        reply->disconnect(this);
        reply->deleteLater();
        onDone(outcome);
    });
}

ChatJob::ChatJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : BackendJob(network, config, parent)
{
    m_clock.start();
}

ChatJob::~ChatJob() = default;

void ChatJob::exchange(const Dialect &dialect)
{
    m_requestJson = dialect.body;
    const std::shared_ptr<ChatStreamDecoder> decoder = dialect.decoder;
    decoder->setModel(model());
    decoder->onDelta = [this](const ChatDelta &chunk) { deliverDelta(chunk); };
    DataHandler onData;
    if (dialect.stream)
        onData = [this, decoder](QByteArrayView data) { onStreamData(*decoder, data); };
    send(HttpCall::post(dialect.path, dialect.body, dialect.stream), onData,
         [this, dialect](const HttpOutcome &outcome) { onReplyEnded(dialect, outcome); });
}

// A line may end the job early: an error line, or the done marker before the connection closes.
void ChatJob::onStreamData(ChatStreamDecoder &decoder, QByteArrayView data)
{
    decoder.feed(data);
    if (decoder.hasError())
        fail(*decoder.error());
    else if (decoder.isDone())
        complete(decoder.takeResult());
}

void ChatJob::onReplyEnded(const Dialect &dialect, const HttpOutcome &outcome)
{
    const bool httpOk = outcome.status >= 200 && outcome.status < 300;
    // A streamed reply that broke after a 2xx status is the decoder's to judge (finishStream).
    if (!httpOk || (!dialect.stream && outcome.transportError)) {
        fail(errorFromOutcome(outcome, model()));
        return;
    }
    if (dialect.stream) {
        finishStream(*dialect.decoder, outcome);
        return;
    }
    auto result = dialect.parseWhole(outcome.body, model());
    if (result)
        completeWhole(std::move(result).value());
    else
        fail(result.error());
}

void ChatJob::finishStream(ChatStreamDecoder &decoder, const HttpOutcome &outcome)
{
    decoder.finish();
    if (!decoder.hasError()) {
        complete(decoder.takeResult());
        return;
    }
    BackendError error = *decoder.error();
    // The decoder only knows the stream stopped; the transport knows why ("Connection reset").
    if (error.kind == BackendError::Kind::StreamBroken && outcome.transportError)
        error.detail += QStringLiteral(" (%1)").arg(outcome.transportError->detail);
    fail(error);
}

void ChatJob::deliverDelta(const ChatDelta &chunk)
{
    if (isFinished())
        return;
    if (m_firstTokenMs < 0)
        m_firstTokenMs = m_clock.elapsed();
    Q_EMIT delta(chunk);
}

void ChatJob::completeWhole(ChatResult result)
{
    ChatDelta whole;
    whole.content = result.content;
    whole.thinking = result.thinking;
    whole.toolCalls = result.toolCalls;
    if (!whole.content.isEmpty() || !whole.thinking.isEmpty() || !whole.toolCalls.isEmpty())
        deliverDelta(whole);
    complete(std::move(result));
}

void ChatJob::complete(ChatResult result)
{
    if (isFinished())
        return;
    result.wallTimeMs = m_clock.elapsed();
    result.timeToFirstTokenMs = m_firstTokenMs;
    if (result.timeToFirstTokenMs < 0 && (!result.content.isEmpty() || !result.thinking.isEmpty()))
        result.timeToFirstTokenMs = result.wallTimeMs;
    result.requestJson = m_requestJson;
    if (result.model.isEmpty())
        result.model = model();
    Q_EMIT finished(result);
    markFinished();
}

ModelListJob::ModelListJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : BackendJob(network, config, parent)
{
}

ModelListJob::~ModelListJob() = default;

void ModelListJob::complete(const QList<ModelInfo> &models)
{
    if (isFinished())
        return;
    Q_EMIT finished(models);
    markFinished();
}

ModelDetailsJob::ModelDetailsJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : BackendJob(network, config, parent)
{
}

ModelDetailsJob::~ModelDetailsJob() = default;

void ModelDetailsJob::complete(const ModelInfo &model)
{
    if (isFinished())
        return;
    Q_EMIT finished(model);
    markFinished();
}

VersionJob::VersionJob(QNetworkAccessManager *network, const BackendConfig &config, QObject *parent)
    : BackendJob(network, config, parent)
{
}

VersionJob::~VersionJob() = default;

void VersionJob::complete(const ServerVersion &version)
{
    if (isFinished())
        return;
    Q_EMIT finished(version);
    markFinished();
}

BackendError unexpectedReply(const QString &route, const QByteArray &body)
{
    BackendError error;
    error.kind = BackendError::Kind::ProtocolError;
    error.detail = QStringLiteral("%1: %2").arg(route, QString::fromUtf8(body.left(200)));
    return error;
}

BackendError errorFromOutcome(const BackendJob::HttpOutcome &outcome, const QString &model)
{
    BackendError error
        = outcome.transportError ? *outcome.transportError : errorFromHttp(outcome.status, outcome.body, model);
    error.model = model;
    error.url = outcome.url;
    // A route that names no model cannot be missing one: the address or the API is wrong.
    static const QStringList modelFree = { QStringLiteral("/models"), QStringLiteral("/api/tags"),
                                           QStringLiteral("/api/version"), QStringLiteral("/api/ps") };
    if (error.kind == BackendError::Kind::ModelNotFound
        && std::any_of(modelFree.cbegin(), modelFree.cend(),
                       [&outcome](const QString &route) { return outcome.url.path().endsWith(route); }))
        error.kind = BackendError::Kind::EndpointNotFound;
    return error;
}

} // namespace Formwork
