// SPDX-License-Identifier: GPL-3.0-or-later
// The official JSON-Schema-Test-Suite through `formwork-cli suite`. Each function is its own CTest
// test (see CMakeLists.txt); a missing data directory makes it SKIP, never pass.
#include "clirunner.h"
#include "schema/schemaregistry.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using Formwork::Test::runCli;

namespace {

QString sharedSuiteDir()
{
    return QStringLiteral(FORMWORK_SHARED_DATA_DIR "/json-schema-test-suite");
}

QString debianSuiteDir()
{
    return QStringLiteral("/usr/share/json-schema-test-suite");
}

} // namespace

class TestSuite final : public QObject
{
    Q_OBJECT

private:
    void runSuite(const QString &directory, const QString &draft, const QByteArray &expectedLastLine,
                  const QString &workingDirectory = {})
    {
        if (!QFileInfo(directory + QStringLiteral("/tests")).isDir())
            QSKIP(qPrintable(QStringLiteral("test suite not found at %1").arg(directory)));
        if (Formwork::SchemaRegistry().addMetaschemas() == 0)
            QSKIP("python3-jsonschema's metaschemas are not installed");
        const QString argument
            = workingDirectory.isEmpty() ? directory : QDir(workingDirectory).relativeFilePath(directory);
        const auto run
            = runCli({ QStringLiteral("suite"), argument, QStringLiteral("--draft"), draft }, 120000, workingDirectory);
        QVERIFY(!run.crashed);
        const QList<QByteArray> lines = run.standardOutput.trimmed().split('\n');
        QVERIFY2(run.exitCode == 0, run.standardOutput.constData());
        QCOMPARE(lines.constLast(), expectedLastLine);
    }

private Q_SLOTS:
    void debianDraft7_allRequiredTestsPass()
    {
        runSuite(debianSuiteDir(), QStringLiteral("7"), "423 passed, 0 failed");
    }

    void sharedDraft7_allRequiredTestsPass()
    {
        runSuite(sharedSuiteDir(), QStringLiteral("7"), "927 passed, 0 failed");
    }

    void sharedDraft202012_allRequiredTestsPass()
    {
        runSuite(sharedSuiteDir(), QStringLiteral("2020-12"), "1299 passed, 0 failed");
    }

    void relativeDirectory_resolvesRemotesLikeAbsolute()
    {
        // Remote $refs (refRemote.json, dynamicRef.json) must resolve from a relative DIR too.
        const QString parent = QFileInfo(sharedSuiteDir()).absolutePath();
        runSuite(sharedSuiteDir(), QStringLiteral("2020-12"), "1299 passed, 0 failed", parent);
    }

    void missingDirectory_exitsWithUsageError()
    {
        const auto run = runCli({ QStringLiteral("suite"), QStringLiteral("/nonexistent/suite") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("does not exist"));
    }

    void unknownDraft_exitsWithUsageError()
    {
        const auto run
            = runCli({ QStringLiteral("suite"), debianSuiteDir(), QStringLiteral("--draft"), QStringLiteral("4") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("unknown draft"));
    }
};

QTEST_GUILESS_MAIN(TestSuite)
#include "tst_suite.moc"
