// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

namespace Formwork::Test {

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QByteArray standardOutput;
    QByteArray standardError;
};

// Runs the built formwork-cli with `arguments` and waits for it (up to `timeoutMs`), in
// `workingDirectory` when one is given.
// The XDG_DATA_HOME every run of runCli() gets (a temporary folder of this test process), so the
// default history of a command is <cliDataHome()>/formwork/history.sqlite, never the user's.
QString cliDataHome();

CliRun runCli(const QStringList &arguments, int timeoutMs = 30000, const QString &workingDirectory = {});

} // namespace Formwork::Test
