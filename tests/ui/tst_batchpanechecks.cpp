// SPDX-License-Identifier: GPL-3.0-or-later
// The Batch pane's count of rows per failed check (issue 14), against an in-process FakeOllama.
#include "batch/batchpane.h"
#include "batchscript.h"
#include "checks/checksattemptchecker.h"
#include "fakeollama.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <QFile>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Json = nlohmann::ordered_json;

namespace {

CheckDefinition expression(const char *name, const char *code, CheckSeverity severity)
{
    CheckDefinition check;
    check.name = QString::fromLatin1(name);
    check.kind = CheckKind::Expression;
    check.path = QStringLiteral("/age");
    check.expression = QString::fromLatin1(code);
    check.message = QStringLiteral("message of ") + check.name;
    check.severity = severity;
    return check;
}

} // namespace

class TestBatchPaneChecks final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_batchpanechecks"));
    }

    void batch_showsRowsPerFailedCheck_hardAndSoftApart()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        const CheckList checks { expression("odd-age", "age % 2 == 1 || age < 0", CheckSeverity::Soft),
                                 expression("under-nine", "age < 9", CheckSeverity::Hard) };
        BatchPane pane;
        pane.setConfigProvider([url = server.baseUrl(), checks]() -> Result<BatchConfig, QString> {
            BatchConfig c;
            c.endpoints = { BatchEndpoint { url, 1 } };
            c.model = QStringLiteral("llama3.1:8b");
            c.schema = std::move(Schema::compile(Json::parse(BatchScript::schema().toStdString()))).value();
            c.prompt.userPrompt = QStringLiteral("item: {{item}}");
            c.backoffBaseMs = 1;
            c.checker = std::make_shared<ChecksAttemptChecker>(checks, nullptr);
            return c;
        });
        pane.setHistoryPath(m_dir.filePath(QStringLiteral("h.sqlite")));
        const QString rows = m_dir.filePath(QStringLiteral("rows.csv"));
        {
            QFile file(rows);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(BatchScript::csv(10));
        }
        pane.setInputPath(rows);
        auto *label = pane.findChild<QLabel *>(QStringLiteral("batchCheckFailuresLabel"));
        QVERIFY(label);
        QVERIFY(label->isHidden()); // nothing failed yet
        QVERIFY(!label->toolTip().isEmpty());
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("batchRunButton")), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        // Rows 9 and 10 fail the hard check on every attempt; the even ages 2..10 fail the soft one
        // (row 7 never has a valid age and is the schema's failure, not a check's).
        const auto summary = finished.first().first().value<BatchSummary>();
        QCOMPARE(summary.progress.failed, 3);
        const QString text = label->text();
        QVERIFY2(!label->isHidden(), qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("checks failed: ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("odd-age (expression) 5 soft")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("under-nine (expression) 2 row(s)")), qPrintable(text));
        QCOMPARE(text, checkFailureCountsText(summary.checkFailures));
    }
};

QTEST_MAIN(TestBatchPaneChecks)
#include "tst_batchpanechecks.moc"
