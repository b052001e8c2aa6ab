// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchcommand.h"
#include "clicommand.h"
#include "common/translations.h"
#include "draftschemacommand.h"
#include "extractcommand.h"
#include "formworkversion.h"
#include "historycommand.h"
#include "modelscommand.h"
#include "suitecommand.h"
#include "validatecommand.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTextStream>

#include <cstdio>

using namespace Formwork::Cli;

namespace {

QList<CliCommand> commands()
{
    return { validateCommand(), extractCommand(), modelsCommand(),     suiteCommand(),
             batchCommand(),    historyCommand(), draftSchemaCommand() };
}

void printUsage(QTextStream &out, const QList<CliCommand> &all)
{
    out << QCoreApplication::translate("cli", "Usage: formwork-cli <command> [options]") << Qt::endl
        << QCoreApplication::translate("cli", "Formwork without a window: validate JSON, run extractions.") << Qt::endl
        << Qt::endl
        << QCoreApplication::translate("cli", "Commands:") << Qt::endl;
    qsizetype width = 0;
    for (const CliCommand &command : all)
        width = qMax(width, command.name.size());
    for (const CliCommand &command : all)
        out << QStringLiteral("  %1  %2").arg(command.name, -int(width)).arg(command.summary) << Qt::endl;
    out << Qt::endl
        << QCoreApplication::translate("cli", "Run 'formwork-cli <command> --help' for the options of a command.")
        << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Formwork"));
    QCoreApplication::setApplicationName(QStringLiteral("formwork-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORMWORK_VERSION_STRING));
    Formwork::installTranslations(&app, QLocale());

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    const QList<CliCommand> all = commands();
    const QString first = arguments.value(1);

    if (first == u"--version" || first == u"-v") {
        out << "formwork-cli " << FORMWORK_VERSION_STRING << Qt::endl;
        return ExitSuccess;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        printUsage(out, all);
        return ExitSuccess;
    }
    for (const CliCommand &command : all) {
        if (command.name == first) {
            QStringList rest = arguments.mid(2);
            rest.prepend(QStringLiteral("formwork-cli %1").arg(command.name));
            return command.run(rest);
        }
    }
    if (first.isEmpty())
        err << QCoreApplication::translate("cli", "formwork-cli: missing command.") << Qt::endl;
    else
        err << QCoreApplication::translate("cli", "formwork-cli: unknown command '%1'.").arg(first) << Qt::endl;
    printUsage(err, all);
    return ExitUsage;
}
