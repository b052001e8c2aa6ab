// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checkfailures.h"

#include "common/compactjson.h"
#include "extraction/extractiontypes.h"

#include <QCoreApplication>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

void addUnique(QList<CheckFailure> &failures, const ValidationError &error, bool soft)
{
    if (error.kind.isEmpty())
        return; // a schema error
    const CheckFailure failure { error.keyword, error.kind, soft };
    if (!failures.contains(failure))
        failures.append(failure);
}

} // namespace

QList<CheckFailure> checkFailuresOf(const QList<ValidationError> &hard, const QList<ValidationError> &soft)
{
    QList<CheckFailure> failures;
    for (const ValidationError &error : hard)
        addUnique(failures, error, false);
    for (const ValidationError &error : soft)
        addUnique(failures, error, true);
    return failures;
}

QList<CheckFailure> checkFailuresOf(const AttemptRecord &attempt)
{
    return checkFailuresOf(attempt.errors, attempt.softErrors);
}

const AttemptRecord *decidingAttempt(const RunResult &result)
{
    // The last attempt whose reply parsed is the one the checks looked at last.
    for (auto it = result.attempts.crbegin(); it != result.attempts.crend(); ++it)
        if (it->parsed)
            return &*it;
    return nullptr;
}

QList<CheckFailureDetail> checkFailureDetailsOf(const QList<ValidationError> &hard, const QList<ValidationError> &soft)
{
    QList<CheckFailureDetail> details;
    const auto add = [&details](const QList<ValidationError> &errors, bool isSoft) {
        for (const ValidationError &error : errors)
            if (!error.kind.isEmpty()) // not a schema error
                details.append({ error.keyword, error.kind, isSoft, error.message, error.instancePath });
    };
    add(hard, false);
    add(soft, true);
    return details;
}

QList<CheckFailureDetail> decidingCheckFailureDetails(const RunResult &result)
{
    const AttemptRecord *attempt = decidingAttempt(result);
    return attempt ? checkFailureDetailsOf(attempt->errors, attempt->softErrors) : QList<CheckFailureDetail>();
}

nlohmann::ordered_json checkFailureDetailsJson(const QList<CheckFailureDetail> &details)
{
    Json list = Json::array();
    for (const CheckFailureDetail &d : details)
        list.push_back(Json { { "check", d.name.toStdString() },
                              { "kind", d.kind.toStdString() },
                              { "soft", d.soft },
                              { "message", d.message.toStdString() },
                              { "instancePath", d.path.toStdString() } });
    return list;
}

QString checkFailuresJson(const QList<CheckFailure> &failures)
{
    Json list = Json::array();
    for (const CheckFailure &failure : failures)
        list.push_back(Json {
            { "name", failure.name.toStdString() }, { "kind", failure.kind.toStdString() }, { "soft", failure.soft } });
    return compactJsonText(list);
}

QList<CheckFailure> checkFailuresFromJson(const QString &json)
{
    QList<CheckFailure> failures;
    const Json list = Json::parse(json.toStdString(), nullptr, false);
    if (!list.is_array())
        return failures;
    for (const Json &item : list) {
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string())
            continue;
        CheckFailure failure;
        failure.name = QString::fromStdString(item["name"].get<std::string>());
        failure.kind = QString::fromStdString(item.value("kind", std::string()));
        const auto soft = item.find("soft");
        failure.soft = soft != item.end() && soft->is_boolean() && soft->get<bool>();
        failures.append(failure);
    }
    return failures;
}

void addCheckFailures(QList<CheckFailureCount> &counts, const QList<CheckFailure> &rowFailures)
{
    QList<CheckFailure> seen;
    for (const CheckFailure &failure : rowFailures) {
        if (seen.contains(failure))
            continue;
        seen.append(failure);
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&failure](const CheckFailureCount &c) { return c.name == failure.name; });
        if (it == counts.end()) {
            counts.append({ failure.name, failure.kind, 0, 0 });
            it = counts.end() - 1;
        }
        ++(failure.soft ? it->softRows : it->hardRows);
    }
}

nlohmann::ordered_json checkFailureCountsJson(const QList<CheckFailureCount> &counts)
{
    Json list = Json::array();
    for (const CheckFailureCount &count : counts)
        list.push_back(Json { { "check", count.name.toStdString() },
                              { "kind", count.kind.toStdString() },
                              { "hard_rows", count.hardRows },
                              { "soft_rows", count.softRows } });
    return list;
}

QString checkFailureCountsText(const QList<CheckFailureCount> &counts)
{
    QStringList parts;
    for (const CheckFailureCount &count : counts) {
        QStringList numbers;
        if (count.hardRows > 0)
            numbers.append(QCoreApplication::translate("Formwork::Checks", "%n row(s)", nullptr, count.hardRows));
        if (count.softRows > 0)
            numbers.append(QCoreApplication::translate("Formwork::Checks", "%n soft", nullptr, count.softRows));
        if (numbers.isEmpty())
            continue;
        parts.append(QCoreApplication::translate("Formwork::Checks", "%1 (%2) %3")
                         .arg(count.name, count.kind, numbers.join(QStringLiteral(", "))));
    }
    if (parts.isEmpty())
        return {};
    return QCoreApplication::translate("Formwork::Checks", "checks failed: %1").arg(parts.join(QStringLiteral("; ")));
}

} // namespace Formwork
