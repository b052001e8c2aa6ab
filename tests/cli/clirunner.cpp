// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace Formwork::Test {

QString cliDataHome()
{
    static QTemporaryDir home;
    return home.path();
}

CliRun runCli(const QStringList &arguments, int timeoutMs, const QString &workingDirectory)
{
    QProcess process;
    // The command stores its runs in the history under XDG_DATA_HOME: a folder of the test's own,
    // never the user's history.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), cliDataHome());
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(FORMWORK_CLI_PATH), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.crashed = true;
    }
    run.crashed = run.crashed || process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = process.readAllStandardError();
    return run;
}

} // namespace Formwork::Test
