// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/backenderror.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace Formwork {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool containsCi(const QString &haystack, QLatin1String needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}

// `"x" does not support thinking` or `registry.ollama.ai/library/x:latest does not support tools`.
QString unsupportedCapability(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("does not support (tools|thinking|chat|vision|completion|insert|embedding|image|audio)\\b"));
    const auto match = re.match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

// Classification by text alone; `status` refines it when there is one.
BackendError::Kind kindFromText(const QString &text, const QString &type, int status)
{
    using Kind = BackendError::Kind;
    if (type == u"not_supported_error")
        return Kind::Unsupported;
    if (containsCi(text, QLatin1String("invalid json schema"))
        || containsCi(text, QLatin1String("json schema conversion failed"))
        || containsCi(text, QLatin1String("invalid format:")))
        return Kind::InvalidSchema;
    // What a server older than 0.5.0 says to a schema object (reference 3.4 and 6.1).
    if (text.contains(QLatin1String("ChatRequest.format of type string")))
        return Kind::Unsupported;
    if (!unsupportedCapability(text).isEmpty())
        return Kind::ModelLacksCapability;
    if (type == u"exceed_context_size_error" || containsCi(text, QLatin1String("exceeds the available context")))
        return Kind::ContextExceeded;
    if (containsCi(text, QLatin1String("server busy")) || containsCi(text, QLatin1String("maximum pending requests")))
        return Kind::ServerBusy;
    if (type == u"unavailable_error" || (status == 503 && containsCi(text, QLatin1String("loading"))))
        return Kind::ModelLoading;
    // A 404 names a missing model only when its text says so: llama-server's "File Not Found"
    // (also not_found_error) and Ollama's "404 page not found" are a wrong address or API.
    const bool missing
        = containsCi(text, QLatin1String("not found")) || containsCi(text, QLatin1String("does not exist"));
    if ((missing || type == u"not_found_error") && containsCi(text, QLatin1String("model")))
        return Kind::ModelNotFound;
    if (type == u"not_found_error")
        return Kind::EndpointNotFound;
    if (type == u"authentication_error" || type == u"permission_error")
        return Kind::Unauthorized;
    if (type == u"not_supported_error")
        return Kind::Unsupported;
    if (containsCi(text, QLatin1String("error loading model")) || containsCi(text, QLatin1String("out of memory"))
        || containsCi(text, QLatin1String("runner process has terminated"))
        || containsCi(text, QLatin1String("unable to load model")))
        return Kind::ModelLoadFailed;
    if (containsCi(text, QLatin1String("must be of type")))
        return Kind::InvalidRequest;
    return Kind::HttpError;
}

} // namespace

bool BackendError::isTransient() const
{
    switch (kind) {
    case Kind::Timeout:
    case Kind::ServerBusy:
    case Kind::ModelLoading:
    case Kind::ServerError:
    case Kind::StreamBroken:
    case Kind::GenerationFailed:
        return true;
    default:
        return false;
    }
}

QString errorTextFromBody(const QByteArray &body, QString *type)
{
    const auto json = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (!json.is_discarded() && json.is_object()) {
        const auto it = json.find("error");
        if (it != json.end()) {
            if (it->is_string())
                return fromStd(it->get<std::string>());
            if (it->is_object()) {
                if (type && it->contains("type") && (*it)["type"].is_string())
                    *type = fromStd((*it)["type"].get<std::string>());
                if (it->contains("message") && (*it)["message"].is_string())
                    return fromStd((*it)["message"].get<std::string>());
                return fromStd(it->dump());
            }
        }
        // vLLM: {"object":"error","message":"...","type":"NotFoundError","code":404}
        if (json.contains("message") && json["message"].is_string()) {
            if (type && json.contains("type") && json["type"].is_string())
                *type = fromStd(json["type"].get<std::string>());
            return fromStd(json["message"].get<std::string>());
        }
    }
    return QString::fromUtf8(body).trimmed();
}

namespace {

// llama-server's exceed_context_size_error carries n_prompt_tokens and n_ctx; its message says
// "request (6581 tokens) exceeds the available context size (2048 tokens)".
void readContextNumbers(BackendError &error, const QByteArray &body)
{
    const auto json = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (!json.is_discarded() && json.is_object() && json.contains("error") && json["error"].is_object()) {
        const auto &e = json["error"];
        if (e.contains("n_prompt_tokens") && e["n_prompt_tokens"].is_number_integer())
            error.promptTokens = e["n_prompt_tokens"].get<qint64>();
        if (e.contains("n_ctx") && e["n_ctx"].is_number_integer())
            error.contextTokens = e["n_ctx"].get<qint64>();
    }
    static const QRegularExpression re(QStringLiteral("\\((\\d+) tokens\\).*\\((\\d+) tokens\\)"));
    const auto match = re.match(error.detail);
    if (match.hasMatch()) {
        if (error.promptTokens == 0)
            error.promptTokens = match.captured(1).toLongLong();
        if (error.contextTokens == 0)
            error.contextTokens = match.captured(2).toLongLong();
    }
}

QString shownUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toDisplayString();
}

} // namespace

BackendError errorFromHttp(int status, const QByteArray &body, const QString &model)
{
    using Kind = BackendError::Kind;
    BackendError error;
    error.httpStatus = status;
    error.model = model;
    QString type;
    error.detail = errorTextFromBody(body, &type);
    error.capability = unsupportedCapability(error.detail);

    Kind kind = kindFromText(error.detail, type, status);
    if (kind == Kind::HttpError) {
        if (status == 404)
            kind = Kind::EndpointNotFound;
        else if (status == 401 || status == 403)
            kind = Kind::Unauthorized;
        else if (status == 503)
            kind = Kind::ServerBusy;
        else if (status == 501)
            kind = Kind::Unsupported;
        else if (status == 400 || status == 422)
            kind = Kind::InvalidRequest;
        else if (status >= 500)
            kind = Kind::ServerError;
    }
    error.kind = kind;
    if (kind == Kind::ContextExceeded)
        readContextNumbers(error, body);
    return error;
}

BackendError errorFromStream(const QString &text, const QString &model)
{
    BackendError error;
    error.model = model;
    error.detail = text;
    error.capability = unsupportedCapability(text);
    const auto kind = kindFromText(text, {}, 200);
    error.kind = kind == BackendError::Kind::HttpError ? BackendError::Kind::GenerationFailed : kind;
    return error;
}

QString kindName(BackendError::Kind kind)
{
    using Kind = BackendError::Kind;
    switch (kind) {
    case Kind::Unreachable:
        return QStringLiteral("Unreachable");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    case Kind::Cancelled:
        return QStringLiteral("Cancelled");
    case Kind::ModelNotFound:
        return QStringLiteral("ModelNotFound");
    case Kind::ModelLacksCapability:
        return QStringLiteral("ModelLacksCapability");
    case Kind::InvalidSchema:
        return QStringLiteral("InvalidSchema");
    case Kind::InvalidRequest:
        return QStringLiteral("InvalidRequest");
    case Kind::ContextExceeded:
        return QStringLiteral("ContextExceeded");
    case Kind::ServerBusy:
        return QStringLiteral("ServerBusy");
    case Kind::ModelLoading:
        return QStringLiteral("ModelLoading");
    case Kind::ModelLoadFailed:
        return QStringLiteral("ModelLoadFailed");
    case Kind::Unauthorized:
        return QStringLiteral("Unauthorized");
    case Kind::EndpointNotFound:
        return QStringLiteral("EndpointNotFound");
    case Kind::Unsupported:
        return QStringLiteral("Unsupported");
    case Kind::ServerError:
        return QStringLiteral("ServerError");
    case Kind::HttpError:
        return QStringLiteral("HttpError");
    case Kind::GenerationFailed:
        return QStringLiteral("GenerationFailed");
    case Kind::StreamBroken:
        return QStringLiteral("StreamBroken");
    case Kind::ProtocolError:
        return QStringLiteral("ProtocolError");
    }
    return QStringLiteral("Unknown");
}

QString userMessage(const BackendError &error)
{
    using Kind = BackendError::Kind;
    const QString model
        = error.model.isEmpty() ? QCoreApplication::translate("Formwork::BackendError", "the model") : error.model;
    switch (error.kind) {
    case Kind::Unreachable:
        if (error.url.isValid())
            return QCoreApplication::translate("Formwork::BackendError",
                                               "The server at %1 cannot be reached. Is it running?")
                .arg(shownUrl(error.url.adjusted(QUrl::RemovePath))); // no connection: the path plays no part
        return QCoreApplication::translate("Formwork::BackendError", "The server cannot be reached. Is it running?");
    case Kind::Timeout:
        return QCoreApplication::translate("Formwork::BackendError", "The server did not answer in time.");
    case Kind::Cancelled:
        return QCoreApplication::translate("Formwork::BackendError", "The request was cancelled.");
    case Kind::ModelNotFound:
        if (error.model.isEmpty())
            return QCoreApplication::translate("Formwork::BackendError", "The model is not installed on the server.");
        return QCoreApplication::translate("Formwork::BackendError",
                                           "The model \"%1\" is not installed. Download it with `ollama pull %1`.")
            .arg(error.model);
    case Kind::ModelLacksCapability:
        if (error.capability == u"tools")
            return QCoreApplication::translate("Formwork::BackendError",
                                               "%1 cannot call tools. Choose another mode or model.")
                .arg(model);
        if (error.capability == u"thinking")
            return QCoreApplication::translate("Formwork::BackendError", "%1 does not support thinking.").arg(model);
        if (error.capability == u"chat")
            return QCoreApplication::translate("Formwork::BackendError", "%1 is an embedding model and cannot chat.")
                .arg(model);
        return QCoreApplication::translate("Formwork::BackendError", "%1 does not support this feature (%2).")
            .arg(model, error.capability);
    case Kind::InvalidSchema:
        return QCoreApplication::translate("Formwork::BackendError", "The server could not use the JSON schema.");
    case Kind::InvalidRequest:
        return QCoreApplication::translate("Formwork::BackendError", "The server rejected the request.");
    case Kind::ContextExceeded:
        if (error.promptTokens > 0 && error.contextTokens > 0)
            return QCoreApplication::translate("Formwork::BackendError",
                                               "The prompt does not fit in the model's context: %1 tokens, the "
                                               "context holds %2. Shorten the prompt or start the server with a "
                                               "larger context.")
                .arg(error.promptTokens)
                .arg(error.contextTokens);
        return QCoreApplication::translate("Formwork::BackendError", "The prompt does not fit in the model's context.");
    case Kind::ServerBusy:
        return QCoreApplication::translate("Formwork::BackendError", "The server is busy. Try again shortly.");
    case Kind::ModelLoading:
        return QCoreApplication::translate("Formwork::BackendError", "The model is still loading. Try again shortly.");
    case Kind::ModelLoadFailed:
        return QCoreApplication::translate("Formwork::BackendError", "The server could not load %1.").arg(model);
    case Kind::Unauthorized:
        return QCoreApplication::translate("Formwork::BackendError",
                                           "The server refused the credentials. Check the API key.");
    case Kind::EndpointNotFound:
        if (error.url.isValid())
            return QCoreApplication::translate("Formwork::BackendError",
                                               "The server has no such endpoint: %1. Check the address and the API "
                                               "kind.")
                .arg(shownUrl(error.url));
        return QCoreApplication::translate("Formwork::BackendError",
                                           "The server does not offer this API. Check the address and the API kind.");
    case Kind::Unsupported:
        return QCoreApplication::translate("Formwork::BackendError",
                                           "The server is too old for this feature. Update it.");
    case Kind::ServerError:
        return QCoreApplication::translate("Formwork::BackendError", "The server reported an internal error.");
    case Kind::HttpError:
        return QCoreApplication::translate("Formwork::BackendError", "The server answered with HTTP status %1.")
            .arg(error.httpStatus);
    case Kind::GenerationFailed:
        return QCoreApplication::translate("Formwork::BackendError",
                                           "The model stopped with an error while generating.");
    case Kind::StreamBroken:
        return QCoreApplication::translate("Formwork::BackendError",
                                           "The connection closed before the reply was complete.");
    case Kind::ProtocolError:
        return QCoreApplication::translate("Formwork::BackendError", "The server sent a reply that could not be read.");
    }
    return QCoreApplication::translate("Formwork::BackendError", "Unknown error.");
}

} // namespace Formwork
