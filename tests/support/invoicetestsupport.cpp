// SPDX-License-Identifier: GPL-3.0-or-later
#include "invoicetestsupport.h"

#include "checks/checksfile.h"
#include "testdata.h"

namespace Formwork::Test {

nlohmann::ordered_json invoiceAnswer()
{
    return nlohmann::ordered_json::parse(readTestData(QStringLiteral("examples/invoice.answer.json")).toStdString());
}

CheckList invoiceChecks()
{
    auto checks = loadChecksFile(testDataPath(QStringLiteral("checks/invoice.checks.json")));
    return checks ? *checks : CheckList();
}

Workspace invoiceWorkspace()
{
    auto workspace = loadWorkspace(QStringLiteral(FORMWORK_EXAMPLES_DIR "/invoice.formwork.json"));
    return workspace ? *workspace : Workspace();
}

CheckDefinition ruleCheck(const QString &name, const QString &path, const QString &rule, const QString &model)
{
    CheckDefinition check;
    check.name = name;
    check.kind = CheckKind::Rule;
    check.path = path;
    check.rule = rule;
    check.model = model;
    return check;
}

QString checksDataPath(const char *name)
{
    return testDataPath(QStringLiteral("checks/") + QLatin1String(name));
}

QByteArray invoiceRowsJsonl(const QStringList &ids)
{
    const std::string text = readTestData(QStringLiteral("checks/invoice.txt")).toStdString();
    QByteArray rows;
    for (const QString &id : ids) {
        nlohmann::ordered_json row = nlohmann::ordered_json::object();
        row["invoice"] = text;
        row["id"] = id.toStdString();
        rows += QByteArray::fromStdString(row.dump()) + '\n';
    }
    return rows;
}

} // namespace Formwork::Test
