// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"
#include "formworkversion.h"

#include <QTest>

using Formwork::Test::runCli;

class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version_printsVersionAndExitsZero()
    {
        const auto run = runCli({ QStringLiteral("--version") });
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.standardOutput.trimmed(), QByteArray("formwork-cli " FORMWORK_VERSION_STRING));
    }

    void unknownCommand_exitsWithUsageError()
    {
        const auto run = runCli({ QStringLiteral("frobnicate") });
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardOutput.isEmpty());
        QVERIFY2(run.standardError.contains("unknown command 'frobnicate'"), run.standardError.constData());
    }

    void noCommand_exitsWithUsageError()
    {
        const auto run = runCli({});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("missing command"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
