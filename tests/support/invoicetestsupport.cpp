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

} // namespace Formwork::Test
