// SPDX-License-Identifier: GPL-3.0-or-later
// The History pane: listing, search, status filter, delete, re-validation, a damaged file.
#include "history/historypane.h"
#include "history/historyrunsmodel.h"
#include "mainwindow/mainwindow.h"
#include "manualgate.h"
#include "run/runsession.h"
#include "runtestsupport.h"
#include "store/historydatabase.h"
#include "timeline/attemptcomparison.h"
#include "timeline/attempterrormodel.h"
#include "timeline/attempttimelinemodel.h"
#include "timeline/replyview.h"
#include "timeline/timelinepane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDockWidget>
#include <QFile>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Json = nlohmann::ordered_json;

namespace {

// A finished run with one attempt whose reply is `content`.
void store(HistoryDatabase &history, const QString &rowId, const QString &content, bool valid)
{
    RunStart start;
    start.rowId = rowId;
    start.model = rowId == u"3" ? QStringLiteral("mistral") : QStringLiteral("llama3.1");
    start.mode = QStringLiteral("schema");
    const qint64 id = history.beginRun(start);
    AttemptRecord a;
    a.number = 1;
    a.content = content;
    a.outcome = valid ? AttemptOutcome::Valid : AttemptOutcome::SchemaInvalid;
    history.addAttempt(id, a);
    RunResult r;
    r.success = valid;
    r.reason = valid ? RunFailureReason::None : RunFailureReason::Exhausted;
    history.finishRun(id, valid ? QStringLiteral("valid") : QStringLiteral("invalid"), r);
}

Schema compile(const char *text)
{
    return std::move(Schema::compile(Json::parse(text))).value();
}

} // namespace

class TestHistoryPane final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_historypane"));
        m_path = m_dir.filePath(QStringLiteral("h.sqlite"));
        HistoryDatabase history;
        QCOMPARE(history.open(m_path), QString());
        store(history, QStringLiteral("1"), QStringLiteral("{\"age\": 5}"), true);
        store(history, QStringLiteral("2"), QStringLiteral("{\"age\": 25}"), true);
        store(history, QStringLiteral("3"), QStringLiteral("{\"age\": -1}"), false);
    }

    void refresh_listsSearchesAndFilters()
    {
        HistoryPane pane;
        QAbstractItemModelTester tester(pane.runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setHistoryPath(m_path);
        pane.refresh();
        QCOMPARE(pane.runsModel()->rowCount(), 3);
        QCOMPARE(pane.runsModel()->index(0, HistoryRunsModel::StatusColumn).data().toString(),
                 QStringLiteral("invalid"));
        auto *search = pane.findChild<QLineEdit *>(QStringLiteral("historySearchEdit"));
        search->setText(QStringLiteral("mistral"));
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(pane.runsModel()->rowCount(), 1);
        search->clear();
        auto *status = pane.findChild<QComboBox *>(QStringLiteral("historyStatusCombo"));
        status->setCurrentIndex(status->findData(QStringLiteral("valid")));
        QCOMPARE(pane.runsModel()->rowCount(), 2);
    }

    void revalidate_marksExactlyTheChangedRuns()
    {
        HistoryPane pane;
        pane.setHistoryPath(m_path);
        pane.refresh();
        pane.setSchemaProvider([] {
            return std::optional<Schema>(compile("{\"properties\":{\"age\":{\"type\":\"integer\",\"maximum\":20}}}"));
        });
        QCOMPARE(pane.revalidate(), 2); // 25 turns invalid, -1 turns valid
        QStringList marks;
        for (int i = 0; i < pane.runsModel()->rowCount(); ++i)
            marks.append(pane.runsModel()->index(i, HistoryRunsModel::NowColumn).data().toString());
        QCOMPARE(marks, QStringList({ QStringLiteral("now valid"), QStringLiteral("now invalid"), QString() }));
        QVERIFY(pane.message().contains(QStringLiteral("3 runs re-validated")));
        pane.setSchemaProvider([] { return std::optional<Schema>(); });
        QCOMPARE(pane.revalidate(), -1);
    }

    // The window's ready gate holds the schema's uses back (a long schema being checked) and
    // resumes them: the "this schema" filter and re-validation.
    void readyGate_holdsTheSchemasUsesBack_thenResumes()
    {
        HistoryPane pane;
        pane.setHistoryPath(m_path);
        pane.refresh();
        QCOMPARE(pane.runsModel()->rowCount(), 3);
        pane.setSchemaProvider([] {
            return std::optional<Schema>(compile("{\"properties\":{\"age\":{\"type\":\"integer\",\"maximum\":20}}}"));
        });
        Formwork::Test::ManualGate gate;
        pane.setReadyGate(gate.gate());
        QCOMPARE(pane.revalidate(), -1);
        QVERIFY(gate.hasPending());
        QVERIFY2(pane.message().contains(QStringLiteral("Checking the schema")), qPrintable(pane.message()));
        for (int i = 0; i < pane.runsModel()->rowCount(); ++i)
            QCOMPARE(pane.runsModel()->index(i, HistoryRunsModel::NowColumn).data().toString(), QString());
        gate.open();
        QVERIFY2(pane.message().contains(QStringLiteral("3 runs re-validated")), qPrintable(pane.message()));
        QStringList marks;
        for (int i = 0; i < pane.runsModel()->rowCount(); ++i)
            marks.append(pane.runsModel()->index(i, HistoryRunsModel::NowColumn).data().toString());
        QCOMPARE(marks, QStringList({ QStringLiteral("now valid"), QStringLiteral("now invalid"), QString() }));
    }

    void deleteSelected_removesTheRun()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.sqlite"));
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            store(history, QStringLiteral("1"), QStringLiteral("{}"), true);
            store(history, QStringLiteral("2"), QStringLiteral("{}"), true);
        }
        HistoryPane pane;
        pane.setHistoryPath(path);
        pane.refresh();
        auto *table = pane.findChild<QTableView *>(QStringLiteral("historyTable"));
        table->selectRow(0);
        QVERIFY(pane.deleteSelected());
        QCOMPARE(pane.runsModel()->rowCount(), 1);
        QCOMPARE(pane.runsModel()->run(0).rowId, QStringLiteral("1"));
    }

    void damagedHistory_namedInThePane()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.sqlite"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(2048, 'q'));
        }
        HistoryPane pane;
        pane.setHistoryPath(bad);
        pane.refresh();
        QCOMPARE(pane.runsModel()->rowCount(), 0);
        QVERIFY2(pane.message().contains(QStringLiteral("damaged")), qPrintable(pane.message()));
    }

    void mainWindow_hasTheHistoryDock()
    {
        QSettings().clear();
        MainWindow window;
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("historyDock"));
        QVERIFY(dock);
        QCOMPARE(dock->widget(), window.historyPane());
    }

    void modelDateAndSchemaFilters_narrowTheList()
    {
        HistoryPane pane;
        QAbstractItemModelTester tester(pane.runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setHistoryPath(m_path);
        pane.refresh();
        auto *model = pane.findChild<QComboBox *>(QStringLiteral("historyModelCombo"));
        QVERIFY(model);
        QCOMPARE(model->count(), 3); // any, llama3.1, mistral
        model->setCurrentIndex(model->findData(QStringLiteral("mistral")));
        QCOMPARE(pane.runsModel()->rowCount(), 1);
        QCOMPARE(pane.runsModel()->run(0).rowId, QStringLiteral("3"));
        model->setCurrentIndex(0);
        QCOMPARE(pane.runsModel()->rowCount(), 3);

        auto *date = pane.findChild<QComboBox *>(QStringLiteral("historyDateCombo"));
        auto *from = pane.findChild<QDateEdit *>(QStringLiteral("historyFromDate"));
        QVERIFY(date && from);
        QVERIFY(from->isHidden());
        date->setCurrentIndex(date->findData(int(HistoryPane::DateRange::Today)));
        QCOMPARE(pane.runsModel()->rowCount(), 3);
        const QDate yesterday = QDate::currentDate().addDays(-1);
        pane.setDateRange(HistoryPane::DateRange::Custom, yesterday.addDays(-5), yesterday);
        QVERIFY(!from->isHidden());
        QCOMPARE(pane.runsModel()->rowCount(), 0);
        QVERIFY(pane.message().contains(QStringLiteral("0 run")));
        pane.setDateRange(HistoryPane::DateRange::Custom, yesterday, QDate::currentDate());
        QCOMPARE(pane.runsModel()->rowCount(), 3);
        pane.setDateRange(HistoryPane::DateRange::Last7Days);
        QCOMPARE(pane.runsModel()->rowCount(), 3);

        // "This schema": only the runs stored with the schema being edited.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("schemas.sqlite"));
        {
            HistoryDatabase history;
            QCOMPARE(history.open(path), QString());
            for (const char *schema : { "{\"type\":\"object\"}", "{\"type\":\"array\"}" }) {
                RunStart start;
                start.model = QStringLiteral("m");
                start.schemaJson = QString::fromLatin1(schema);
                history.finishRun(history.beginRun(start), QStringLiteral("valid"), RunResult());
            }
        }
        HistoryPane schemas;
        schemas.setHistoryPath(path);
        schemas.setSchemaProvider([] { return std::optional<Schema>(compile("{\"type\":\"array\"}")); });
        schemas.refresh();
        QCOMPARE(schemas.runsModel()->rowCount(), 2);
        schemas.findChild<QCheckBox *>(QStringLiteral("historySchemaCheck"))->setChecked(true);
        QCOMPARE(schemas.runsModel()->rowCount(), 1);
        QCOMPARE(schemas.runsModel()->run(0).schemaJson, QStringLiteral("{\"type\":\"array\"}"));
    }

    // A run made in the window is stored; Return (or a double-click) on it in the History pane
    // shows its attempts in the Attempts pane, marked as a stored run, read-only.
    void openInTimeline_showsTheStoredRunInTheAttemptsPane()
    {
        QSettings().clear();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("window.sqlite"));
        Test::RunFixture fx;
        fx.fake->enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": -1}") }));
        fx.fake->enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") }));
        MainWindow window;
        window.runSession()->setHistoryPath(path);
        QVERIFY(fx.runToEnd(*window.runSession(), fx.config()));
        const qint64 id = window.runSession()->historyRunId();
        QVERIFY(id > 0);
        const QString firstReply = window.runSession()->attempts().at(0).content;
        window.runSession()->clear();
        QCOMPARE(window.timelinePane()->timelineModel()->rowCount(), 0);

        HistoryPane *pane = window.historyPane();
        pane->setHistoryPath(path);
        window.findChild<QDockWidget *>(QStringLiteral("historyDock"))->raise();
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        pane->refresh();
        QCOMPARE(pane->runsModel()->rowCount(), 1);
        auto *table = pane->findChild<QTableView *>(QStringLiteral("historyTable"));
        table->setFocus();
        table->setCurrentIndex(pane->runsModel()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);

        TimelinePane *timeline = window.timelinePane();
        QCOMPARE(timeline->timelineModel()->rowCount(), 2);
        QVERIFY(window.runSession()->isStored());
        QVERIFY2(timeline->storedRunText().contains(QStringLiteral("#%1").arg(id)),
                 qPrintable(timeline->storedRunText()));
        QVERIFY(timeline->storedRunText().contains(QStringLiteral("read-only")));
        QVERIFY(timeline->selectAttempt(1));
        QCOMPARE(timeline->errorModel()->rowCount(), 1);
        QCOMPARE(timeline->replyView()->toPlainText(), firstReply);
        QVERIFY(timeline->requestText().contains(QStringLiteral("messages")));

        // A new run clears the mark; a double-click opens the stored one again.
        window.runSession()->clear();
        QVERIFY(timeline->storedRunText().isEmpty());
        const QPoint centre = table->visualRect(pane->runsModel()->index(0, 1)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
        QVERIFY(window.runSession()->isStored());
        QCOMPARE(timeline->timelineModel()->rowCount(), 2);

        // The action is in the Run menu, with its shortcut and tooltip.
        QAction *open = pane->openAction();
        QCOMPARE(open->objectName(), QStringLiteral("actionHistoryOpenInTimeline"));
        QCOMPARE(open->shortcut(), QKeySequence(Qt::Key_Return));
        QVERIFY(!open->toolTip().isEmpty());
        bool inMenu = false;
        for (QAction *menu : window.menuBar()->actions())
            inMenu = inMenu || (menu->menu() && menu->menu()->actions().contains(open));
        QVERIFY(inMenu);
    }

    // One history for the window and formwork-cli (issue 12): the pane's default file takes the
    // CLI's earlier runs over on first use, and a run another program writes while the pane has
    // the file open shows up on refresh. Under a HOME of its own (the test-mode data folder is
    // shared by every test program).
    void defaultHistory_showsTheCommandLinesRuns()
    {
        QTemporaryDir home;
        const QByteArray realHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        const auto restore = qScopeGuard([&realHome] { qputenv("HOME", realHome); });
        {
            HistoryDatabase earlierCli;
            QCOMPARE(earlierCli.open(HistoryDatabase::earlierCliPath()), QString());
            store(earlierCli, QStringLiteral("3"), QStringLiteral("{\"age\": 1}"), true); // model mistral
        }
        HistoryPane pane; // the default path, as in the window
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^note: the history is now ")));
        pane.refresh();
        QCOMPARE(pane.runsModel()->rowCount(), 1);
        HistoryDatabase cli; // formwork-cli, writing meanwhile
        QCOMPARE(cli.open(HistoryDatabase::defaultPath()), QString());
        store(cli, QStringLiteral("9"), QStringLiteral("{\"age\": 2}"), true);
        pane.refresh();
        QCOMPARE(pane.runsModel()->rowCount(), 2);
    }
};

QTEST_MAIN(TestHistoryPane)
#include "tst_historypane.moc"
