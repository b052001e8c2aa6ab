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

    void commandHelp_namesTheCommandInOneStyle_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *command : { "extract", "models", "validate", "suite", "batch", "history" })
            QTest::newRow(command) << QString::fromLatin1(command);
    }

    // Every command's help: "formwork-cli <command>", never the binary's path, one help option
    // worded alike, and every option's sentence ends with a full stop.
    void commandHelp_namesTheCommandInOneStyle()
    {
        QFETCH(QString, command);
        const auto run = runCli({ command, QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.standardOutput.split('\n');
        QVERIFY2(lines.first().startsWith(QByteArray("Usage: formwork-cli " + command.toUtf8() + " [options]")),
                 lines.first().constData());
        QVERIFY(!run.standardOutput.contains(QByteArray('/' + command.toUtf8() + " [options]")));
        QVERIFY(!run.standardOutput.contains("--help-all"));
        QVERIFY(run.standardOutput.contains("-h, --help"));
        QVERIFY(run.standardOutput.contains("Show this help."));
        QVERIFY(!run.standardOutput.contains("Displays help"));
        QVERIFY(!run.standardOutput.contains("(default "));
        QVERIFY(!run.standardOutput.contains("Default:"));
    }

    void extractHelp_statesEveryDefault()
    {
        const auto run = runCli({ QStringLiteral("extract"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QByteArray help = run.standardOutput.simplified();
        QVERIFY2(help.contains("(default: ollama)"), help.constData());
        QVERIFY(help.contains("(default: schema)"));
        QVERIFY(help.contains("(default: 3)"));
        QVERIFY(help.contains("(default: OLLAMA_HOST, else http://127.0.0.1:11434)"));
        QVERIFY(help.contains("(default: chosen from the schema size)"));
    }

    void extractHelp_statesTheDefaultsOfGroundingAndChunking()
    {
        const auto run = runCli({ QStringLiteral("extract"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QByteArray help = run.standardOutput.simplified();
        QVERIFY2(help.contains("--chunk-overlap <n> The characters two neighbouring chunks share (default: a tenth of "
                               "--chunk-chars)."),
                 help.constData());
        QVERIFY(help.contains("--parallel <n> The number of chunks extracted at the same time (default: 1)."));
        QVERIFY(help.contains("--json-grounding <file>"));
        QVERIFY(!help.contains("<FILE>"));
    }

    void batchHelp_statesEveryDefault()
    {
        const auto run = runCli({ QStringLiteral("batch"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QByteArray help = run.standardOutput.simplified();
        QVERIFY2(help.contains("--concurrency <n> The number of rows at once per server (default: 1)."),
                 help.constData());
        QVERIFY(help.contains("(default: OLLAMA_HOST, else http://127.0.0.1:11434)"));
        QVERIFY(help.contains("(default: ollama)"));
        QVERIFY(help.contains("(default: schema)"));
        QVERIFY(help.contains("(default: 3)"));
        // The history's default is its path, not a vague "application data folder".
        QVERIFY(help.contains("(default: history.sqlite in "));
        QVERIFY(!help.contains("application data folder"));
    }

    void historyHelp_namesTheActionsAndDefaults()
    {
        const auto run = runCli({ QStringLiteral("history"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QByteArray help = run.standardOutput.simplified();
        QVERIFY2(help.startsWith("Usage: formwork-cli history [options] list|show ID|revalidate"), help.constData());
        QVERIFY(help.contains("list: at most n runs, newest first (default: 50)."));
        QVERIFY(help.contains("(default: history.sqlite in "));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
