// SPDX-License-Identifier: GPL-3.0-or-later
#include "clihelp.h"

#include <QCommandLineParser>
#include <QCoreApplication>

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
    // "Usage: <argv[0]> [options] ARGS": keep what follows the program.
    const qsizetype options = usage.indexOf(QLatin1String(" [options]"));
    const QString rest = options >= 0 ? usage.mid(options) : QString();
    text.replace(0, lineEnd, QCoreApplication::translate("cli", "Usage: formwork-cli %1%2").arg(command, rest));
    return text;
}

} // namespace Cli
} // namespace Formwork
