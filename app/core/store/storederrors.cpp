// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storederrors.h"

#include "common/compactjson.h"
#include "extraction/extractiontypes.h"

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

const char *const SchemaKind = "schema";

Json entry(const ValidationError &e, bool soft)
{
    Json item { { "instancePath", e.instancePath.toStdString() },
                { "keywordLocation", e.keywordLocation.toStdString() },
                { "message", e.message.toStdString() },
                { "kind", e.kind.isEmpty() ? std::string(SchemaKind) : e.kind.toStdString() },
                { "soft", soft } };
    if (!e.kind.isEmpty())
        item["check"] = e.keyword.toStdString();
    if (e.range.isValid())
        item["range"] = Json::array({ e.range.begin, e.range.end });
    return item;
}

QString text(const Json &item, const char *key)
{
    const auto it = item.find(key);
    return it != item.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

} // namespace

QString storedErrorsJson(const AttemptRecord &attempt)
{
    return storedErrorsJson(attempt.errors, attempt.softErrors);
}

QString storedErrorsJson(const QList<ValidationError> &hard, const QList<ValidationError> &soft)
{
    Json errors = Json::array();
    for (const ValidationError &e : hard)
        errors.push_back(entry(e, false));
    for (const ValidationError &e : soft)
        errors.push_back(entry(e, true));
    return compactJsonText(errors);
}

StoredErrors storedErrorsFrom(const QString &errorsJson)
{
    StoredErrors stored;
    const Json list = Json::parse(errorsJson.toStdString(), nullptr, false);
    if (!list.is_array())
        return stored;
    for (const Json &item : list) {
        if (!item.is_object())
            continue;
        ValidationError error;
        error.instancePath = text(item, "instancePath");
        error.keywordLocation = text(item, "keywordLocation");
        error.message = text(item, "message");
        const QString kind = text(item, "kind");
        if (!kind.isEmpty() && kind != QLatin1String(SchemaKind)) {
            error.kind = kind;
            error.keyword = text(item, "check");
        }
        const auto range = item.find("range");
        if (range != item.end() && range->is_array() && range->size() == 2 && (*range)[0].is_number_integer()
            && (*range)[1].is_number_integer())
            error.range = { (*range)[0].get<qsizetype>(), (*range)[1].get<qsizetype>() };
        const auto soft = item.find("soft");
        const bool isSoft = soft != item.end() && soft->is_boolean() && soft->get<bool>();
        (isSoft ? stored.soft : stored.hard).append(error);
    }
    return stored;
}

} // namespace Formwork
