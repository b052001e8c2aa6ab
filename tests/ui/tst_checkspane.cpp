// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/checkeditdialog.h"
#include "checklist/checklistmodel.h"
#include "checklist/checkspane.h"
#include "checks/checksfile.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "invoicetestsupport.h"
#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/runcontroller.h"
#include "mainwindow/workspacecontroller.h"
#include "picker/modelpickerpane.h"
#include "prompt/promptpane.h"
#include "run/runsession.h"
#include "schemaeditor/schemaeditorpane.h"
#include "store/workspace.h"
#include "testdata.h"
#include "timeline/attempterrormodel.h"
#include "timeline/timelinepane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::invoiceAnswer;
using Formwork::Test::invoiceChecks;
using Json = nlohmann::ordered_json;

namespace {

CheckDefinition adultCheck()
{
    CheckDefinition check;
    check.name = QStringLiteral("adult");
    check.path = QStringLiteral("/age");
    check.expression = QStringLiteral("age >= 18");
    check.message = QStringLiteral("age must be at least 18");
    return check;
}

} // namespace

class TestChecksPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_checkspane"));
        Test::registerRunMetaTypes();
    }

    void addEditEnableRemove_changeTheListAndSayEdited()
    {
        ChecksPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&pane, &ChecksPane::checksEdited);
        pane.setEditor([](const CheckDefinition &) { return std::optional<CheckDefinition>(adultCheck()); });
        pane.findChild<QAction *>(QStringLiteral("addCheckAction"))->trigger();
        QCOMPARE(pane.checks().size(), 1);
        QCOMPARE(pane.checks().first().name, QStringLiteral("adult"));
        QCOMPARE(edited.count(), 1);

        pane.setEditor([](const CheckDefinition &check) {
            CheckDefinition changed = check;
            changed.severity = CheckSeverity::Soft;
            return std::optional<CheckDefinition>(changed);
        });
        pane.view()->setCurrentIndex(pane.model()->index(0, 0));
        pane.findChild<QAction *>(QStringLiteral("editCheckAction"))->trigger();
        QCOMPARE(pane.checks().first().severity, CheckSeverity::Soft);
        QCOMPARE(pane.model()->index(0, CheckListModel::SeverityColumn).data().toString(), QStringLiteral("soft"));

        QVERIFY(pane.model()->setData(pane.model()->index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!pane.checks().first().enabled);
        QVERIFY(!pane.checkerFor(nullptr)); // nothing enabled: runs get no checker
        QCOMPARE(edited.count(), 3);

        pane.setEditor([](const CheckDefinition &) { return std::optional<CheckDefinition>(); });
        pane.findChild<QAction *>(QStringLiteral("editCheckAction"))->trigger(); // cancelled
        QCOMPARE(edited.count(), 3);
        pane.findChild<QAction *>(QStringLiteral("removeCheckAction"))->trigger();
        QVERIFY(pane.checks().isEmpty());
        QCOMPARE(edited.count(), 4);
    }

    void test_againstTheCurrentResult_marksEachCheck()
    {
        ChecksPane pane;
        pane.setChecks(invoiceChecks());
        QVERIFY(!pane.testChecks()); // no result yet
        QVERIFY(pane.findChild<QLabel *>(QStringLiteral("checksStatus"))->text().contains(QStringLiteral("no result")));

        Json invoice = invoiceAnswer();
        invoice["total"] = 350.57;
        const QString text = QString::fromUtf8(Test::readTestData(QStringLiteral("checks/invoice.txt")));
        pane.setSubjectProvider([&] { return std::optional<ChecksPane::TestSubject>({ invoice, text }); });
        QVERIFY(pane.testChecks());
        using State = CheckListModel::TestOutcome::State;
        for (int row = 0; row < pane.checks().size(); ++row) {
            const auto outcome = pane.model()->testOutcome(row);
            const bool isSum = pane.checks().at(row).name == QLatin1String("total-adds-up");
            QCOMPARE(outcome.state, isSum ? State::Failed : State::Passed);
        }
        const QString shown = pane.model()->index(2, CheckListModel::TestColumn).data().toString();
        QVERIFY2(shown.startsWith(QStringLiteral("failed: /total: total must equal")), qPrintable(shown));
        QVERIFY(pane.findChild<QLabel *>(QStringLiteral("checksStatus"))->text().contains(QStringLiteral("1 check")));
    }

    void editDialog_refusesAnExpressionWithoutMessage_andReturnsTheCheck()
    {
        CheckEditDialog dialog;
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("checkKind"));
        kind->setCurrentIndex(kind->findData(int(CheckKind::Expression)));
        dialog.findChild<QLineEdit *>(QStringLiteral("checkName"))->setText(QStringLiteral("sum"));
        dialog.findChild<QLineEdit *>(QStringLiteral("checkPath"))->setText(QStringLiteral("/total"));
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("checkExpression"))
            ->setPlainText(QStringLiteral("total > 0"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("checkProblem"))->text().isEmpty());
        dialog.findChild<QLineEdit *>(QStringLiteral("checkMessage"))
            ->setText(QStringLiteral("total must be positive"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const CheckDefinition check = dialog.check();
        QCOMPARE(check.kind, CheckKind::Expression);
        QCOMPARE(check.expression, QStringLiteral("total > 0"));
        QCOMPARE(check.message, QStringLiteral("total must be positive"));

        // A grounding check shows its match and hides the expression.
        dialog.show();
        kind->setCurrentIndex(kind->findData(int(CheckKind::Grounding)));
        QVERIFY(dialog.findChild<QComboBox *>(QStringLiteral("checkMatch"))->isVisible());
        QVERIFY(!dialog.findChild<QPlainTextEdit *>(QStringLiteral("checkExpression"))->isVisible());
    }

    void errorModel_showsCheckFailuresWithTheirKind()
    {
        AttemptRecord attempt;
        attempt.outcome = AttemptOutcome::SchemaInvalid;
        ValidationError schemaError;
        schemaError.instancePath = QStringLiteral("/age");
        schemaError.keyword = QStringLiteral("minimum");
        schemaError.message = QStringLiteral("-1 is less than 0");
        ValidationError checkError;
        checkError.instancePath = QStringLiteral("/total");
        checkError.keyword = QStringLiteral("total-adds-up");
        checkError.kind = QStringLiteral("expression");
        checkError.message = QStringLiteral("total must add up");
        ValidationError soft = checkError;
        soft.kind = QStringLiteral("grounding");
        attempt.errors = { schemaError, checkError };
        attempt.softErrors = { soft };
        AttemptErrorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAttempt(attempt);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, AttemptErrorModel::KindColumn).data().toString(), QStringLiteral("schema"));
        QCOMPARE(model.index(1, AttemptErrorModel::KindColumn).data().toString(), QStringLiteral("expression"));
        QCOMPARE(model.index(1, AttemptErrorModel::KeywordColumn).data().toString(), QStringLiteral("total-adds-up"));
        QCOMPARE(model.index(2, AttemptErrorModel::KindColumn).data().toString(), QStringLiteral("grounding (soft)"));
        QCOMPARE(model.errorIndex(2), -1); // a soft failure is not one of the attempt's errors
    }

    void mainWindow_runWithCheck_failureInTimelineAndReasked()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(Test::readTestData(QStringLiteral("llm/tags-new.json")));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 12}") }));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") }));

        MainWindow window;
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("checksDock")));
        ChecksPane *checks = window.findChild<ChecksPane *>(QStringLiteral("checksPane"));
        QVERIFY(checks);
        checks->setChecks({ adultCheck() });
        ServerSettings settings;
        settings.host = fake.baseUrl();
        settings.model = QStringLiteral("llama3.2:latest");
        window.modelPicker()->setServerSettings(settings);
        QTRY_COMPARE(window.modelPicker()->catalog()->state(), ModelCatalog::State::Ready);
        window.schemaEditor()->setText(
            QString::fromUtf8(Test::readTestData(QStringLiteral("extraction/person.schema.json"))));
        PromptSettings prompt;
        prompt.userPrompt = QStringLiteral("Ada is 36 years old.");
        window.promptPane()->setSettings(prompt);

        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.runController()->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(window.runSession()->state(), RunSession::State::Succeeded);
        QCOMPARE(fake.requestsTo("/api/chat").size(), 2);
        const Json second = fake.requestsTo("/api/chat").at(1).json;
        QVERIFY(second["messages"].back()["content"].get<std::string>().find("/age: age must be at least 18")
                != std::string::npos);

        QVERIFY(window.timelinePane()->selectAttempt(1));
        AttemptErrorModel *errors = window.timelinePane()->errorModel();
        QCOMPARE(errors->rowCount(), 1);
        QCOMPARE(errors->index(0, AttemptErrorModel::KindColumn).data().toString(), QStringLiteral("expression"));
        QCOMPARE(errors->index(0, AttemptErrorModel::KeywordColumn).data().toString(), QStringLiteral("adult"));

        // The checks are saved with the workspace.
        QVERIFY(window.workspaceController()->capture().checks == CheckList { adultCheck() });
    }
};

QTEST_MAIN(TestChecksPane)
#include "tst_checkspane.moc"
