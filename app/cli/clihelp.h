// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

namespace Formwork {
namespace Cli {

// The -h/--help option every command offers, worded the same everywhere.
QCommandLineOption helpOption();

// The parser's help for `formwork-cli <command>`: the usage line names the command, never the
// binary's path (QCommandLineParser puts argv[0] there).
QString commandHelpText(const QCommandLineParser &parser, const QString &command);

// The help of --history (batch, history): the database, its default path stated.
QString historyOptionText();
// The database --history names, else the default one.
QString historyPath(const QCommandLineParser &parser);

} // namespace Cli
} // namespace Formwork
