// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/streamdecoders.h"

#include "common/logging.h"
#include "llm/chatlinescanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

QString qstr(const Json &value)
{
    if (!value.is_string())
        return {};
    const auto &text = value.get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

qint64 integer(const Json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return 0;
    return it->is_number_float() ? qint64(it->get<double>()) : it->get<qint64>();
}

// A member of an object, or null (json::value() throws on a non-object).
const Json &field(const Json &object, const char *key)
{
    static const Json null;
    if (!object.is_object())
        return null;
    const auto it = object.find(key);
    return it == object.end() ? null : *it;
}

// `done` as a bool; json::value() would throw on a value of another type.
bool doneFlag(const Json &object)
{
    const auto it = object.find("done");
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

// Parses one JSON document. Servers should only send UTF-8, but a line with broken bytes must
// not end the stream: the bytes are replaced by U+FFFD and the line is parsed again.
std::optional<Json> parseJson(QByteArrayView text)
{
    auto json = Json::parse(text.begin(), text.end(), nullptr, false);
    if (!json.is_discarded())
        return json;
    const QByteArray repaired = QString::fromUtf8(text).toUtf8();
    if (repaired.size() == text.size() && repaired == text)
        return std::nullopt;
    json = Json::parse(repaired.constBegin(), repaired.constEnd(), nullptr, false);
    if (json.is_discarded())
        return std::nullopt;
    return json;
}

QString errorText(const Json &error)
{
    if (error.is_string())
        return qstr(error);
    if (error.is_object() && error.contains("message"))
        return qstr(error["message"]);
    return QString::fromStdString(error.dump());
}

BackendError protocolError(QByteArrayView line, const QString &model)
{
    BackendError error;
    error.kind = BackendError::Kind::ProtocolError;
    error.model = model;
    error.detail = QStringLiteral("not JSON: %1").arg(QString::fromUtf8(line.first(qMin(line.size(), qsizetype(200)))));
    return error;
}

ToolCall nativeToolCall(const Json &call, int fallbackIndex)
{
    ToolCall tool;
    tool.index = fallbackIndex;
    tool.id = qstr(field(call, "id"));
    const auto function = call.find("function");
    if (function != call.end() && function->is_object()) {
        tool.name = qstr(field(*function, "name"));
        if (function->contains("index") && (*function)["index"].is_number_integer())
            tool.index = (*function)["index"].get<int>();
        const auto arguments = function->find("arguments");
        if (arguments != function->end())
            tool.argumentsJson = arguments->is_string() ? qstr(*arguments) : QString::fromStdString(arguments->dump());
    }
    return tool;
}

// Applies a native chat object (a stream line or the whole stream:false reply) to `result`.
ChatDelta applyNativeChunk(const Json &json, ChatResult &result)
{
    ChatDelta delta;
    if (result.model.isEmpty())
        result.model = qstr(field(json, "model"));
    const auto message = json.find("message");
    if (message != json.end() && message->is_object()) {
        delta.content = qstr(field(*message, "content"));
        delta.thinking = qstr(field(*message, "thinking"));
        const auto calls = message->find("tool_calls");
        if (calls != message->end() && calls->is_array()) {
            for (const auto &call : *calls)
                delta.toolCalls.append(nativeToolCall(call, int(result.toolCalls.size() + delta.toolCalls.size())));
        }
    }
    result.content += delta.content;
    result.thinking += delta.thinking;
    result.toolCalls += delta.toolCalls;
    if (doneFlag(json)) {
        result.finishReason = qstr(field(json, "done_reason"));
        result.usage.promptTokens = integer(json, "prompt_eval_count");
        result.usage.completionTokens = integer(json, "eval_count");
        result.timings.loadNs = integer(json, "load_duration");
        result.timings.promptEvalNs = integer(json, "prompt_eval_duration");
        result.timings.evalNs = integer(json, "eval_duration");
        result.timings.totalNs = integer(json, "total_duration");
    }
    return delta;
}

void applyUsage(const Json &json, ChatResult &result)
{
    const auto usage = json.find("usage");
    if (usage != json.end() && usage->is_object()) {
        result.usage.promptTokens = integer(*usage, "prompt_tokens");
        result.usage.completionTokens = integer(*usage, "completion_tokens");
    }
    // llama-server adds its own timings in milliseconds.
    const auto timings = json.find("timings");
    if (timings != json.end() && timings->is_object()) {
        const auto ms = [&](const char *key) {
            const auto it = timings->find(key);
            return it != timings->end() && it->is_number() ? qint64(it->get<double>() * 1e6) : 0;
        };
        result.timings.promptEvalNs = ms("prompt_ms");
        result.timings.evalNs = ms("predicted_ms");
        result.timings.totalNs = result.timings.promptEvalNs + result.timings.evalNs;
    }
}

QString reasoningOf(const Json &object)
{
    QString text = qstr(field(object, "reasoning"));
    if (text.isEmpty())
        text = qstr(field(object, "reasoning_content"));
    return text;
}

// The fast path: Qt's JSON parser is several times faster than a DOM of ordered_json for the
// small objects of a stream and for very long strings. It sorts object keys, so lines with tool
// calls (whose argument order matters) and lines it rejects (broken UTF-8) take the slow path.
std::optional<QJsonObject> parseQt(QByteArrayView text)
{
    if (text.contains("tool_calls"))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QString qtErrorText(const QJsonValue &error)
{
    if (error.isString())
        return error.toString();
    if (error.isObject() && error.toObject().contains(QLatin1String("message")))
        return error.toObject().value(QLatin1String("message")).toString();
    return QString::fromUtf8(QJsonDocument(error.toObject()).toJson(QJsonDocument::Compact));
}

ChatDelta applyNativeChunkQt(const QJsonObject &json, ChatResult &result, bool *done)
{
    ChatDelta delta;
    if (result.model.isEmpty())
        result.model = json.value(QLatin1String("model")).toString();
    const QJsonObject message = json.value(QLatin1String("message")).toObject();
    delta.content = message.value(QLatin1String("content")).toString();
    delta.thinking = message.value(QLatin1String("thinking")).toString();
    result.content += delta.content;
    result.thinking += delta.thinking;
    *done = json.value(QLatin1String("done")).toBool();
    if (*done) {
        result.finishReason = json.value(QLatin1String("done_reason")).toString();
        result.usage.promptTokens = json.value(QLatin1String("prompt_eval_count")).toInteger();
        result.usage.completionTokens = json.value(QLatin1String("eval_count")).toInteger();
        result.timings.loadNs = json.value(QLatin1String("load_duration")).toInteger();
        result.timings.promptEvalNs = json.value(QLatin1String("prompt_eval_duration")).toInteger();
        result.timings.evalNs = json.value(QLatin1String("eval_duration")).toInteger();
        result.timings.totalNs = json.value(QLatin1String("total_duration")).toInteger();
    }
    return delta;
}

void applyUsageQt(const QJsonObject &json, ChatResult &result)
{
    const QJsonValue usage = json.value(QLatin1String("usage"));
    if (usage.isObject()) {
        result.usage.promptTokens = usage.toObject().value(QLatin1String("prompt_tokens")).toInteger();
        result.usage.completionTokens = usage.toObject().value(QLatin1String("completion_tokens")).toInteger();
    }
    const QJsonValue timings = json.value(QLatin1String("timings"));
    if (timings.isObject()) {
        const QJsonObject t = timings.toObject();
        result.timings.promptEvalNs = qint64(t.value(QLatin1String("prompt_ms")).toDouble() * 1e6);
        result.timings.evalNs = qint64(t.value(QLatin1String("predicted_ms")).toDouble() * 1e6);
        result.timings.totalNs = result.timings.promptEvalNs + result.timings.evalNs;
    }
}

QString reasoningOfQt(const QJsonObject &object)
{
    QString text = object.value(QLatin1String("reasoning")).toString();
    if (text.isEmpty())
        text = object.value(QLatin1String("reasoning_content")).toString();
    return text;
}

// The slow path of a stream line: `text` as a JSON object, or why the stream fails (not an
// object: a protocol error; an `error` member: the server's error mid-stream).
Result<Json, BackendError> streamObject(QByteArrayView text, const QString &model)
{
    auto json = parseJson(text);
    if (!json || !json->is_object())
        return protocolError(text, model);
    if (const auto error = json->find("error"); error != json->end())
        return errorFromStream(errorText(*error), model);
    return std::move(*json);
}

} // namespace

void ChatStreamDecoder::fail(BackendError error)
{
    if (m_error || m_done)
        return;
    if (error.model.isEmpty())
        error.model = m_model;
    m_error = std::move(error);
}

void ChatStreamDecoder::emitDelta(const ChatDelta &delta)
{
    if (delta.content.isEmpty() && delta.thinking.isEmpty() && delta.toolCalls.isEmpty())
        return;
    if (onDelta)
        onDelta(delta);
}

void NdjsonChatDecoder::feed(QByteArrayView data)
{
    m_lines.feed(data, [this](QByteArrayView line) { handleLine(line); });
}

void NdjsonChatDecoder::finish()
{
    const QByteArray rest = m_lines.takeRemainder();
    handleLine(rest);
    if (!m_done && !m_error) {
        BackendError error;
        error.kind = BackendError::Kind::StreamBroken;
        error.detail = QStringLiteral("the stream ended before a done:true line");
        fail(error);
    }
}

void NdjsonChatDecoder::handleLine(QByteArrayView line)
{
    if (m_done || m_error || line.trimmed().isEmpty())
        return;
    if (auto common = scanCommonChatLine(line, m_result.model.isEmpty())) {
        if (m_result.model.isEmpty())
            m_result.model = common->model;
        ChatDelta delta;
        delta.content = std::move(common->content);
        delta.thinking = std::move(common->thinking);
        m_result.content += delta.content;
        m_result.thinking += delta.thinking;
        emitDelta(delta);
        return;
    }
    if (const auto fast = parseQt(line)) {
        const auto error = fast->constFind(QLatin1String("error"));
        if (error != fast->constEnd()) {
            fail(errorFromStream(qtErrorText(*error), m_model));
            return;
        }
        bool done = false;
        emitDelta(applyNativeChunkQt(*fast, m_result, &done));
        m_done = done;
        return;
    }
    const auto json = streamObject(line, m_model);
    if (!json) {
        fail(json.error());
        return;
    }
    emitDelta(applyNativeChunk(*json, m_result));
    if (doneFlag(*json))
        m_done = true;
}

void SseChatDecoder::feed(QByteArrayView data)
{
    m_lines.feed(data, [this](QByteArrayView line) { handleLine(line); });
}

void SseChatDecoder::finish()
{
    const QByteArray rest = m_lines.takeRemainder();
    if (!rest.isEmpty())
        handleLine(rest);
    dispatch();
    if (!m_done && !m_error) {
        if (m_sawFinishReason) {
            qCWarning(lcLlm) << "SSE stream ended without [DONE] after a finish_reason";
            m_done = true;
            return;
        }
        BackendError error;
        error.kind = BackendError::Kind::StreamBroken;
        error.detail = QStringLiteral("the stream ended without [DONE]");
        fail(error);
    }
}

void SseChatDecoder::handleLine(QByteArrayView line)
{
    if (line.isEmpty()) {
        dispatch();
        return;
    }
    if (line.startsWith(':'))
        return; // comment
    if (!line.startsWith("data:"))
        return; // event:, id:, retry: carry nothing for chat
    QByteArrayView value = line.sliced(5);
    if (value.startsWith(' '))
        value = value.sliced(1);
    if (m_hasData)
        m_data.append('\n');
    m_data.append(value.data(), value.size());
    m_hasData = true;
}

void SseChatDecoder::dispatch()
{
    if (!m_hasData)
        return;
    m_hasData = false;
    const QByteArray payload = std::exchange(m_data, {});
    if (m_done || m_error)
        return;
    if (payload.trimmed() == "[DONE]") {
        m_done = true;
        return;
    }
    if (const auto fast = parseQt(payload)) {
        const auto error = fast->constFind(QLatin1String("error"));
        if (error != fast->constEnd()) {
            fail(errorFromStream(qtErrorText(*error), m_model));
            return;
        }
        if (m_result.model.isEmpty())
            m_result.model = fast->value(QLatin1String("model")).toString();
        applyUsageQt(*fast, m_result);
        const QJsonArray choices = fast->value(QLatin1String("choices")).toArray();
        if (choices.isEmpty())
            return;
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject deltaJson = choice.value(QLatin1String("delta")).toObject();
        ChatDelta delta;
        delta.content = deltaJson.value(QLatin1String("content")).toString();
        delta.thinking = reasoningOfQt(deltaJson);
        m_result.content += delta.content;
        m_result.thinking += delta.thinking;
        const QString finishReason = choice.value(QLatin1String("finish_reason")).toString();
        if (!finishReason.isEmpty()) {
            m_result.finishReason = finishReason;
            m_sawFinishReason = true;
        }
        emitDelta(delta);
        return;
    }
    const auto json = streamObject(payload, m_model);
    if (!json) {
        fail(json.error());
        return;
    }
    if (m_result.model.isEmpty())
        m_result.model = qstr(field(*json, "model"));
    applyUsage(*json, m_result);
    const auto choices = json->find("choices");
    if (choices == json->end() || !choices->is_array() || choices->empty())
        return;
    const Json &choice = choices->front();
    ChatDelta delta;
    const auto deltaJson = choice.find("delta");
    if (deltaJson != choice.end() && deltaJson->is_object()) {
        delta.content = qstr(field(*deltaJson, "content"));
        delta.thinking = reasoningOf(*deltaJson);
        const auto calls = deltaJson->find("tool_calls");
        if (calls != deltaJson->end() && calls->is_array()) {
            for (const auto &call : *calls) {
                ToolCall fragment = nativeToolCall(call, 0);
                if (call.contains("index") && call["index"].is_number_integer())
                    fragment.index = call["index"].get<int>();
                delta.toolCalls.append(fragment);
                auto existing = std::find_if(m_result.toolCalls.begin(), m_result.toolCalls.end(),
                                             [&](const ToolCall &c) { return c.index == fragment.index; });
                if (existing == m_result.toolCalls.end()) {
                    m_result.toolCalls.append(fragment);
                } else {
                    if (!fragment.id.isEmpty())
                        existing->id = fragment.id;
                    if (!fragment.name.isEmpty())
                        existing->name = fragment.name;
                    existing->argumentsJson += fragment.argumentsJson;
                }
            }
        }
    }
    m_result.content += delta.content;
    m_result.thinking += delta.thinking;
    const QString finishReason = qstr(field(choice, "finish_reason"));
    if (!finishReason.isEmpty()) {
        m_result.finishReason = finishReason;
        m_sawFinishReason = true;
    }
    emitDelta(delta);
}

Result<ChatResult, BackendError> parseNativeChatResponse(const QByteArray &body, const QString &model)
{
    const auto json = parseJson(body);
    if (!json || !json->is_object())
        return protocolError(body, model);
    const auto error = json->find("error");
    if (error != json->end())
        return errorFromStream(errorText(*error), model);
    ChatResult result;
    applyNativeChunk(*json, result);
    return result;
}

Result<ChatResult, BackendError> parseOpenAiChatResponse(const QByteArray &body, const QString &model)
{
    const auto json = parseJson(body);
    if (!json || !json->is_object())
        return protocolError(body, model);
    const auto error = json->find("error");
    if (error != json->end())
        return errorFromStream(errorText(*error), model);
    ChatResult result;
    result.model = qstr(field(*json, "model"));
    applyUsage(*json, result);
    const auto choices = json->find("choices");
    if (choices == json->end() || !choices->is_array() || choices->empty())
        return protocolError(body, model);
    const Json &choice = choices->front();
    result.finishReason = qstr(field(choice, "finish_reason"));
    const auto message = choice.find("message");
    if (message != choice.end() && message->is_object()) {
        result.content = qstr(field(*message, "content"));
        result.thinking = reasoningOf(*message);
        const auto calls = message->find("tool_calls");
        if (calls != message->end() && calls->is_array()) {
            int index = 0;
            for (const auto &call : *calls)
                result.toolCalls.append(nativeToolCall(call, index++));
        }
    }
    return result;
}

} // namespace Formwork
