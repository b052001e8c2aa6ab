// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <functional>

namespace Formwork {
namespace Cli {

// Exit codes of design.md section 4.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitInvalid = 1, // an invalid result or instance
    ExitUsage = 2, // usage or input error: bad schema, unreadable file
    ExitBackend = 3, // unreachable server, missing model, HTTP error
    ExitInterrupted = 130, // Ctrl-C (128 + SIGINT, as a shell reports it), after writing what was finished
};

// One sub-command of formwork-cli. `run` receives the arguments after the command name, with
// the program name prepended (so it can feed a QCommandLineParser), and returns an ExitCode.
struct CliCommand {
    QString name;
    QString summary;
    std::function<int(const QStringList &arguments)> run;
};

} // namespace Cli
} // namespace Formwork
