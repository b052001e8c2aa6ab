// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/commandline.h"
#include "mainwindow/recoverystore.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork::Ui;

namespace {

struct Outcome {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

// Starts the real `formwork` binary on the offscreen platform, with its own settings folders.
Outcome runGui(const QTemporaryDir &home, const QStringList &arguments, const QStringList &extraEnvironment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    for (const QString &entry : extraEnvironment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FORMWORK_GUI_PATH), arguments);
    Outcome outcome;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return outcome;
    }
    outcome.crashed = process.exitStatus() != QProcess::NormalExit;
    outcome.exitCode = process.exitCode();
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

const QString Example = QStringLiteral(FORMWORK_EXAMPLES_DIR "/invoice.formwork.json");

} // namespace

class TestCommandLine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parse_readsFileRunAndScreenshot()
    {
        CommandLine commandLine;
        QVERIFY(
            commandLine.parse({ QStringLiteral("formwork"), QStringLiteral("a.formwork.json"), QStringLiteral("--run"),
                                QStringLiteral("--screenshot"), QStringLiteral("out.png") }));
        QCOMPARE(commandLine.workspacePath(), QStringLiteral("a.formwork.json"));
        QVERIFY(commandLine.run());
        QCOMPARE(commandLine.screenshotPath(), QStringLiteral("out.png"));
        QVERIFY(!commandLine.selfTest());
        QVERIFY(commandLine.isUnattended());
    }

    void parse_nothing_isInteractive()
    {
        CommandLine commandLine;
        QVERIFY(commandLine.parse({ QStringLiteral("formwork") }));
        QVERIFY(commandLine.workspacePath().isEmpty());
        QVERIFY(!commandLine.run());
        QVERIFY(!commandLine.isUnattended());
    }

    void parse_screenshotWithoutFile_isAUsageError()
    {
        CommandLine commandLine;
        QVERIFY(!commandLine.parse({ QStringLiteral("formwork"), QStringLiteral("--screenshot") }));
        QVERIFY(!commandLine.errorText().isEmpty());
    }

    void screenshot_ofAnExample_writesAPngAndExitsZero()
    {
        QTemporaryDir home;
        const QString png = home.filePath(QStringLiteral("window.png"));
        const Outcome outcome = runGui(home, { Example, QStringLiteral("--screenshot"), png });
        QVERIFY2(!outcome.crashed, qPrintable(outcome.err));
        QCOMPARE(outcome.exitCode, 0);
        QImage image;
        QVERIFY(image.load(png, "PNG"));
        QVERIFY(image.width() > 200 && image.height() > 200);
    }

    void screenshot_brokenWorkspace_printsLineColumnAndExitsTwo()
    {
        QTemporaryDir home;
        const QString broken = home.filePath(QStringLiteral("broken.formwork.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"formwork\": 1,\n  \"mode\" \"json\"\n}\n");
        file.close();
        const QString png = home.filePath(QStringLiteral("never.png"));
        const Outcome outcome = runGui(home, { broken, QStringLiteral("--screenshot"), png });
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(broken + QStringLiteral(":3:10:")), qPrintable(outcome.err));
        QVERIFY(!QFile::exists(png));
    }

    void screenshot_missingWorkspace_exitsTwo()
    {
        QTemporaryDir home;
        const Outcome outcome = runGui(home,
                                       { home.filePath(QStringLiteral("nope.formwork.json")),
                                         QStringLiteral("--screenshot"), home.filePath(QStringLiteral("x.png")) });
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY(outcome.err.contains(QStringLiteral("nope.formwork.json")));
    }

    void screenshot_unwritablePath_exitsOne()
    {
        QTemporaryDir home;
        const Outcome outcome = runGui(
            home, { Example, QStringLiteral("--screenshot"), home.filePath(QStringLiteral("no/such/dir/x.png")) });
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(!outcome.err.isEmpty());
    }

    void killedGui_leavesAStaleLock_recoveryIsOfferedNextTime()
    {
        QTemporaryDir home;
        const QString recoveryFile = home.filePath(QStringLiteral("data/Formwork/formwork/recovery.formwork.json"));
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        gui.setProcessEnvironment(env);
        gui.start(QStringLiteral(FORMWORK_GUI_PATH), { Example });
        QVERIFY(gui.waitForStarted());
        // While it runs, it owns the recovery file: another instance keeps its hands off.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(recoveryFile + QStringLiteral(".lock")), 20000);
        {
            RecoveryStore other(nullptr, recoveryFile);
            QVERIFY(!other.isActive());
        }
        gui.kill(); // SIGKILL: no clean close, the lock stays behind
        QVERIFY(gui.waitForFinished());
        QVERIFY(QFile::exists(recoveryFile + QStringLiteral(".lock")));

        // What its autosave would have left.
        Formwork::Workspace unsaved;
        unsaved.schemaText = QStringLiteral("{\"title\": \"typed\"}");
        QVERIFY(!Formwork::saveWorkspace(unsaved, recoveryFile));
        RecoveryStore next(nullptr, recoveryFile);
        QVERIFY(next.isActive());
        const auto pending = next.pending();
        QVERIFY(pending);
        QCOMPARE(pending->workspace.schemaText, unsaved.schemaText);
    }

    void reportFirstFrame_printsTimeAndMemory()
    {
        QTemporaryDir home;
        const Outcome outcome = runGui(home, { Example }, { QStringLiteral("FORMWORK_REPORT_FIRST_FRAME=1") });
        QCOMPARE(outcome.exitCode, 0);
        const QRegularExpression frame(QStringLiteral("^first-frame-ms: (\\d+)$"), QRegularExpression::MultilineOption);
        const QRegularExpression rss(QStringLiteral("^idle-rss-kb: (\\d+)$"), QRegularExpression::MultilineOption);
        QVERIFY2(frame.match(outcome.out).hasMatch(), qPrintable(outcome.out));
        QVERIFY2(rss.match(outcome.out).hasMatch(), qPrintable(outcome.out));
        QVERIFY(rss.match(outcome.out).captured(1).toLongLong() > 1000);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
