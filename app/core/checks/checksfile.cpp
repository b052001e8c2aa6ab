// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checksfile.h"

#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

constexpr int ChecksFormatVersion = 1;
constexpr int MinTimeoutMs = 1;
constexpr int MaxTimeoutMs = 60000;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Json checkToJson(const CheckDefinition &check)
{
    Json json = Json::object();
    json["name"] = utf8(check.name);
    json["kind"] = utf8(checkKindName(check.kind));
    json["path"] = utf8(check.path);
    switch (check.kind) {
    case CheckKind::Expression:
        json["expression"] = utf8(check.expression);
        if (check.timeoutMs != CheckDefinition().timeoutMs)
            json["timeoutMs"] = check.timeoutMs;
        break;
    case CheckKind::Grounding:
        json["match"] = check.match == GroundingMatch::Exact ? "exact" : "normalized";
        break;
    case CheckKind::Rule:
        json["rule"] = utf8(check.rule);
        if (!check.model.isEmpty())
            json["model"] = utf8(check.model);
        break;
    }
    if (!check.message.isEmpty())
        json["message"] = utf8(check.message);
    json["severity"] = check.severity == CheckSeverity::Soft ? "soft" : "hard";
    if (!check.enabled)
        json["enabled"] = false;
    return json;
}

// Reads one check object; the first problem is kept in `error`.
class CheckReader
{
public:
    CheckReader(const Json &object, std::string pointer)
        : m_object(object)
        , m_pointer(std::move(pointer))
    {
    }

    std::optional<ChecksError> error;

    QString string(const char *key, bool required)
    {
        const auto it = m_object.find(key);
        if (it == m_object.end()) {
            if (required)
                fail(
                    {},
                    QCoreApplication::translate("Formwork::Checks", "the check has no \"%1\"").arg(QLatin1String(key)));
            return {};
        }
        if (!it->is_string()) {
            fail(key,
                 QCoreApplication::translate("Formwork::Checks", "\"%1\" must be a string").arg(QLatin1String(key)));
            return {};
        }
        return QString::fromStdString(it->get<std::string>());
    }

    bool boolean(const char *key, bool fallback)
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return fallback;
        if (!it->is_boolean()) {
            fail(key,
                 QCoreApplication::translate("Formwork::Checks", "\"%1\" must be true or false")
                     .arg(QLatin1String(key)));
            return fallback;
        }
        return it->get<bool>();
    }

    int integer(const char *key, int fallback, int low, int high)
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return fallback;
        if (!it->is_number_integer() || it->get<qint64>() < low || it->get<qint64>() > high) {
            fail(key,
                 QCoreApplication::translate("Formwork::Checks", "\"%1\" must be a whole number from %2 to %3")
                     .arg(QLatin1String(key))
                     .arg(low)
                     .arg(high));
            return fallback;
        }
        return int(it->get<qint64>());
    }

    void fail(const char *key, const QString &message)
    {
        if (!error)
            error = ChecksError { key ? m_pointer + '/' + key : m_pointer, message };
    }

private:
    const Json &m_object;
    std::string m_pointer;
};

Result<CheckDefinition, ChecksError> checkFromJson(const Json &json, const std::string &pointer)
{
    if (!json.is_object())
        return ChecksError { pointer,
                             QCoreApplication::translate("Formwork::Checks", "a check must be a JSON object") };
    CheckReader reader(json, pointer);
    CheckDefinition check;
    check.name = reader.string("name", true);
    const QString kind = reader.string("kind", true);
    check.path = reader.string("path", false);
    check.message = reader.string("message", false);
    check.enabled = reader.boolean("enabled", true);
    const QString severity = reader.string("severity", false);
    if (reader.error)
        return *reader.error;
    if (check.name.trimmed().isEmpty())
        return ChecksError { pointer + "/name",
                             QCoreApplication::translate("Formwork::Checks", "the check's name is empty") };
    if (!check.path.isEmpty() && !check.path.startsWith(QLatin1Char('/')))
        return ChecksError { pointer + "/path",
                             QCoreApplication::translate(
                                 "Formwork::Checks", "\"path\" must be a JSON Pointer (empty or starting with /)") };
    if (severity == QLatin1String("soft"))
        check.severity = CheckSeverity::Soft;
    else if (!severity.isEmpty() && severity != QLatin1String("hard"))
        return ChecksError { pointer + "/severity",
                             QCoreApplication::translate("Formwork::Checks",
                                                         "\"severity\" must be \"hard\" or \"soft\"") };
    const std::optional<CheckKind> parsedKind = checkKindFromName(kind);
    if (!parsedKind)
        return ChecksError { pointer + "/kind",
                             QCoreApplication::translate(
                                 "Formwork::Checks", "\"kind\" must be \"expression\", \"grounding\" or \"rule\"") };
    check.kind = *parsedKind;
    switch (check.kind) {
    case CheckKind::Expression:
        check.expression = reader.string("expression", true);
        check.timeoutMs = reader.integer("timeoutMs", check.timeoutMs, MinTimeoutMs, MaxTimeoutMs);
        if (!reader.error && check.message.isEmpty())
            reader.fail({},
                        QCoreApplication::translate("Formwork::Checks",
                                                    "an expression check needs a \"message\" for the model"));
        break;
    case CheckKind::Grounding: {
        const QString match = reader.string("match", false);
        if (match == QLatin1String("exact"))
            check.match = GroundingMatch::Exact;
        else if (!match.isEmpty() && match != QLatin1String("normalized"))
            reader.fail(
                "match",
                QCoreApplication::translate("Formwork::Checks", "\"match\" must be \"exact\" or \"normalized\""));
        break;
    }
    case CheckKind::Rule:
        check.rule = reader.string("rule", true);
        check.model = reader.string("model", false);
        break;
    }
    if (reader.error)
        return *reader.error;
    return check;
}

QString located(const QString &path, std::string_view text, const SourceMap &map, const ChecksError &error)
{
    QString where = path;
    if (const auto range = map.valueRange(error.pointer)) {
        const LineColumn position = lineColumnAt(text, range->begin);
        where += QStringLiteral(":%1:%2").arg(position.line).arg(position.column);
    }
    return where + QStringLiteral(": ") + error.message;
}

} // namespace

Json checksToJson(const CheckList &checks)
{
    Json array = Json::array();
    for (const CheckDefinition &check : checks)
        array.push_back(checkToJson(check));
    return array;
}

Result<CheckList, ChecksError> checksFromJson(const Json &array, const std::string &pointer)
{
    if (!array.is_array())
        return ChecksError { pointer,
                             QCoreApplication::translate("Formwork::Checks", "the checks must be a JSON array") };
    CheckList checks;
    QSet<QString> names;
    for (std::size_t i = 0; i < array.size(); ++i) {
        const std::string at = pointer + '/' + std::to_string(i);
        auto check = checkFromJson(array[i], at);
        if (!check)
            return check.error();
        if (names.contains(check->name))
            return ChecksError {
                at + "/name",
                QCoreApplication::translate("Formwork::Checks", "two checks are named \"%1\"").arg(check->name)
            };
        names.insert(check->name);
        checks.append(*check);
    }
    return checks;
}

QByteArray serializeChecksFile(const CheckList &checks)
{
    Json file = Json::object();
    file["formworkChecks"] = ChecksFormatVersion;
    file["checks"] = checksToJson(checks);
    const std::string text = file.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
    return QByteArray(text.data(), qsizetype(text.size()));
}

Result<CheckList, QString> parseChecksFile(const QByteArray &bytes, const QString &path)
{
    const std::string_view text(bytes.constData(), size_t(bytes.size()));
    auto parsed = parseJson(text);
    if (!parsed) {
        const JsonParseError &e = parsed.error();
        return QStringLiteral("%1:%2:%3: %4").arg(path).arg(e.line).arg(e.column).arg(e.message);
    }
    const Json &root = parsed->value;
    const auto version = root.is_object() ? root.find("formworkChecks") : root.end();
    if (!root.is_object() || version == root.end())
        return QString(
            path + QStringLiteral(": ")
            + QCoreApplication::translate(
                "Formwork::Checks",
                "not a checks file (an object with \"formworkChecks\": 1 and \"checks\": [...] is expected)"));
    if (!version->is_number_integer() || version->get<qint64>() != ChecksFormatVersion)
        return located(path, text, parsed->sourceMap,
                       { "/formworkChecks",
                         QCoreApplication::translate("Formwork::Checks", "checks file format %1 is not known")
                             .arg(QString::fromStdString(version->dump())) });
    const auto checks = root.find("checks");
    if (checks == root.end())
        return QString(path + QStringLiteral(": ")
                       + QCoreApplication::translate("Formwork::Checks", "the file has no \"checks\" array"));
    auto list = checksFromJson(*checks, "/checks");
    if (!list)
        return located(path, text, parsed->sourceMap, list.error());
    return *list;
}

Result<CheckList, QString> loadChecksFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString(path + QStringLiteral(": ")
                       + QCoreApplication::translate("Formwork::Checks", "cannot be read: %1").arg(file.errorString()));
    return parseChecksFile(file.readAll(), path);
}

} // namespace Formwork
