// SPDX-License-Identifier: GPL-3.0-or-later
#include "checksoptions.h"

#include "checks/checksfile.h"
#include "extraction/extractiontypes.h"
#include "store/workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace Formwork {
namespace Cli {

ChecksOptions::ChecksOptions()
    : checks(QStringLiteral("checks"),
             QCoreApplication::translate("cli",
                                         "Checks beyond the schema (expressions, grounding in the input, "
                                         "model-judged rules) from this checks file."),
             QStringLiteral("file"))
    , workspace(QStringLiteral("workspace"),
                QCoreApplication::translate("cli", "Take the checks from this workspace file (*.formwork.json)."),
                QStringLiteral("file"))
{
}

Result<CheckList, QString> ChecksOptions::load(const QCommandLineParser &parser) const
{
    if (parser.isSet(checks) && parser.isSet(workspace))
        return QCoreApplication::translate("cli", "give at most one of --checks and --workspace.");
    if (parser.isSet(checks))
        return loadChecksFile(parser.value(checks));
    if (!parser.isSet(workspace))
        return CheckList();
    auto loaded = loadWorkspace(parser.value(workspace));
    if (!loaded)
        return loaded.error().text();
    return loaded->checks;
}

void printSoftFailures(QTextStream &err, const AttemptRecord &attempt)
{
    for (const ValidationError &e : attempt.softErrors)
        err << QCoreApplication::translate("cli", "  soft check %1 (%2): %3").arg(e.keyword, e.kind, e.text())
            << Qt::endl;
}

} // namespace Cli
} // namespace Formwork
