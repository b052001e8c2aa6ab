// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers shared by the backends (not public API).

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
    const std::string text = json.dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
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

} // namespace LlmDetail
} // namespace Formwork
