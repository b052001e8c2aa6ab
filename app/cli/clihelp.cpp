// SPDX-License-Identifier: GPL-3.0-or-later
#include "clihelp.h"

#include "store/historydatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Formwork {
namespace Cli {

QCommandLineOption helpOption()
{
    return QCommandLineOption({ QStringLiteral("h"), QStringLiteral("help") },
                              QCoreApplication::translate("cli", "Show this help."));
}

QString commandHelpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(u'\n');
    const QString usage = text.left(lineEnd);
    // "Usage: <argv[0]> [options] ARGS": keep what follows the program. Qt translates
    // "[options]" ("[Optionen]" in German), so the program's path is what is looked for.
    const QString program = QCoreApplication::arguments().value(0);
    qsizetype after = program.isEmpty() ? -1 : usage.indexOf(program);
    if (after >= 0)
        after += program.size();
    else
        after = usage.indexOf(QLatin1String(" [options]"));
    const QString rest = after >= 0 ? usage.mid(after) : QString();
    text.replace(0, lineEnd, QCoreApplication::translate("cli", "Usage: formwork-cli %1%2").arg(command, rest));
    return text;
}

QString historyOptionText()
{
    // The folder apart and "~/..." keep each piece short enough for the help's column (a word
    // longer than the column is cut by QCommandLineParser, which drops a character there).
    const QFileInfo file(HistoryDatabase::defaultPath());
    QString folder = file.absolutePath();
    const QString home = QDir::homePath();
    if (folder == home || folder.startsWith(home + u'/'))
        folder.replace(0, home.size(), QStringLiteral("~"));
    return QCoreApplication::translate("cli", "The history database (default: %1 in %2).")
        .arg(file.fileName(), QDir::toNativeSeparators(folder));
}

QString historyPath(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                   : HistoryDatabase::defaultPath();
}

} // namespace Cli
} // namespace Formwork
