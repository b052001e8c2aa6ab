// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers shared by the backends (not public API).

#include "common/compactjson.h"
#include "llm/llmtypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QRegularExpression>
#include <QString>

#include <nlohmann/json.hpp>

namespace Formwork {
namespace LlmDetail {

using Json = nlohmann::ordered_json;

inline std::string utf8(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

inline QString qstr(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    const auto &text = it->get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A number, or -1 when absent or not a number (llama-server sends "" for sizes).
inline qint64 int64(const Json &object, const char *key, qint64 fallback = -1)
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return fallback;
    return it->is_number_float() ? qint64(it->get<double>()) : it->get<qint64>();
}

inline QByteArray dump(const Json &json)
{
    return compactJsonBytes(json);
}

inline Json parse(const QByteArray &body)
{
    return Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
}

// RFC 3339 with any number of fractional digits and a zone offset.
inline QDateTime parseTimestamp(const QString &text)
{
    static const QRegularExpression fraction(QStringLiteral("\\.(\\d{1,3})\\d*"));
    QString trimmed = text;
    trimmed.replace(fraction, QStringLiteral(".\\1"));
    return QDateTime::fromString(trimmed, Qt::ISODateWithMs);
}

// Sets `key` only for a non-empty text: the servers treat an empty optional field as given.
inline void setNonEmpty(Json &object, const char *key, const QString &text)
{
    if (!text.isEmpty())
        object[key] = utf8(text);
}

// The strings of a JSON array (a model's "capabilities"); other elements are skipped.
inline QStringList stringList(const Json &array)
{
    QStringList strings;
    if (!array.is_array())
        return strings;
    for (const auto &element : array) {
        if (element.is_string())
            strings.append(QString::fromStdString(element.get<std::string>()));
    }
    return strings;
}

inline Json stringArray(const QStringList &strings)
{
    Json array = Json::array();
    for (const QString &s : strings)
        array.push_back(utf8(s));
    return array;
}

// The "tools" of a chat request: both APIs take the same function objects.
inline Json toolsJson(const QList<ToolDefinition> &tools)
{
    Json array = Json::array();
    for (const ToolDefinition &tool : tools) {
        Json function = Json::object();
        function["name"] = utf8(tool.name);
        setNonEmpty(function, "description", tool.description);
        function["parameters"] = tool.parameters;
        array.push_back(Json { { "type", "function" }, { "function", std::move(function) } });
    }
    return array;
}

// What every chat body starts with: the model, the messages (each in the API's shape, by
// `toJson`) and whether to stream.
template<typename MessageToJson> Json chatBodyStart(const ChatRequest &request, MessageToJson &&toJson)
{
    Json body = Json::object();
    body["model"] = utf8(request.model);
    Json messages = Json::array();
    for (const ChatMessage &message : request.messages)
        messages.push_back(toJson(message));
    body["messages"] = std::move(messages);
    body["stream"] = request.stream;
    return body;
}

// The wire name of a graded think level ("low"...); null for Default, Off and On, which each
// API spells its own way.
inline const char *thinkLevelName(ThinkMode mode)
{
    switch (mode) {
    case ThinkMode::Low:
        return "low";
    case ThinkMode::Medium:
        return "medium";
    case ThinkMode::High:
        return "high";
    case ThinkMode::Max:
        return "max";
    case ThinkMode::Default:
    case ThinkMode::Off:
    case ThinkMode::On:
        break;
    }
    return nullptr;
}

} // namespace LlmDetail
} // namespace Formwork
