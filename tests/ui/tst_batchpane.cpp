// SPDX-License-Identifier: GPL-3.0-or-later
// The Batch pane and its grid against an in-process FakeOllama.
#include "batch/batchfilterproxy.h"
#include "batch/batchpane.h"
#include "batch/batchresultsmodel.h"
#include "batchscript.h"
#include "fakeollama.h"
#include "mainwindow/mainwindow.h"
#include "store/historydatabase.h"
#include "timeline/timelinecolors.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Json = nlohmann::ordered_json;

class TestBatchPane final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes);
        return path;
    }

    static BatchPane::ConfigProvider provider(const QUrl &url)
    {
        return [url]() -> Result<BatchConfig, QString> {
            BatchConfig c;
            c.endpoints = { BatchEndpoint { url, 1 } };
            c.model = QStringLiteral("llama3.1:8b"); // pulled on every FakeOllama
            c.schema = std::move(Schema::compile(Json::parse(BatchScript::schema().toStdString()))).value();
            c.prompt.userPrompt = QStringLiteral("item: {{item}}");
            c.backoffBaseMs = 1;
            return c;
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_batchpane"));
        qRegisterMetaType<StoredRun>();
    }

    void batch_fillsTheGridFiltersAndExports()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        BatchPane pane;
        QAbstractItemModelTester modelTester(pane.resultsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(pane.filterProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(m_dir.filePath(QStringLiteral("h.sqlite")));
        pane.setInputPath(write(QStringLiteral("rows.csv"), BatchScript::csv(30)));
        pane.findChild<QSpinBox *>(QStringLiteral("batchConcurrencySpin"))->setValue(3);
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QTest::mouseClick(pane.findChild<QPushButton *>(QStringLiteral("batchRunButton")), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(30000));

        BatchResultsModel *model = pane.resultsModel();
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->headerData(3, Qt::Horizontal).toString(), QStringLiteral("name"));
        QCOMPARE(model->headerData(4, Qt::Horizontal).toString(), QStringLiteral("age"));
        QCOMPARE(model->index(7, 3).data().toString(), QStringLiteral("P8"));
        QCOMPARE(model->index(6, BatchResultsModel::StatusColumn).data().toString(), QStringLiteral("invalid"));
        QVERIFY(model->index(6, 5).data().toString().contains(QStringLiteral("/age")));
        QCOMPARE(model->index(0, BatchResultsModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(),
                 timelineSuccessColor(QApplication::palette()));
        QCOMPARE(model->index(6, BatchResultsModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(),
                 timelineErrorColor(QApplication::palette()));
        QCOMPARE(model->index(6, 0).data(Qt::ToolTipRole).toString(), m_dir.filePath(QStringLiteral("rows.csv:8")));

        auto *filter = pane.findChild<QComboBox *>(QStringLiteral("batchFilterCombo"));
        filter->setCurrentIndex(1); // failed
        QCOMPARE(pane.filterProxy()->rowCount(), 1);
        filter->setCurrentIndex(2); // retried
        QCOMPARE(pane.filterProxy()->rowCount(), 4); // 3, 13, 23 after one reask; 7 after three attempts
        filter->setCurrentIndex(0);
        QCOMPARE(pane.findChild<QTableView *>(QStringLiteral("batchTable"))->model()->rowCount(), 30);

        const QString out = m_dir.filePath(QStringLiteral("grid.jsonl"));
        QCOMPARE(pane.exportTo(out), QString());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 29);

        // Re-run failed: only row 7 is sent again.
        const qsizetype before = server.requestsTo("/api/chat").size();
        QVERIFY(pane.rerunFailed());
        QVERIFY(finished.count() == 2 || finished.wait(30000));
        const auto requests = server.requestsTo("/api/chat").mid(before);
        QCOMPARE(requests.size(), 3);
        for (const auto &request : requests)
            QCOMPARE(BatchScript::rowOf(request), 7);
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->index(7, 3).data().toString(), QStringLiteral("P8")); // untouched
    }

    void pauseAndCancel_buttonsFollowTheRun()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder(20));
        BatchPane pane;
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(QString());
        pane.setInputPath(write(QStringLiteral("p.csv"), BatchScript::csv(50)));
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QVERIFY(pane.startBatch());
        auto *pause = pane.findChild<QPushButton *>(QStringLiteral("batchPauseButton"));
        auto *cancel = pane.findChild<QPushButton *>(QStringLiteral("batchCancelButton"));
        auto *run = pane.findChild<QPushButton *>(QStringLiteral("batchRunButton"));
        QVERIFY(!run->isEnabled()); // reading the input
        QTRY_VERIFY_WITH_TIMEOUT(pane.isRunning(), 10000);
        QVERIFY(pause->isEnabled() && cancel->isEnabled() && !run->isEnabled());
        pause->click();
        QTRY_VERIFY(pane.findChild<QLabel *>(QStringLiteral("batchProgressLabel"))->text().contains(QStringLiteral("paused")));
        cancel->click();
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).value<BatchSummary>().outcome, BatchSummary::Outcome::Cancelled);
        QVERIFY(run->isEnabled() && !cancel->isEnabled() && !pause->isChecked());
    }

    void badInputOrSettings_clearMessageAndNothingSent()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        BatchPane pane;
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(QString());
        // The input is read off the GUI thread: its problems come with batchRefused().
        QSignalSpy refused(&pane, &BatchPane::batchRefused);
        pane.setInputPath(write(QStringLiteral("ragged.csv"), "item,b\n1,2\n3\n"));
        QVERIFY(pane.startBatch());
        QVERIFY(pane.isReading());
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
        QVERIFY(!pane.isReading());
        QVERIFY2(pane.message().contains(QStringLiteral("ragged.csv:3:")), qPrintable(pane.message()));
        QCOMPARE(refused.at(0).at(0).toString(), pane.message());
        pane.setInputPath(write(QStringLiteral("other.csv"), "city\nK\n"));
        QVERIFY(pane.startBatch());
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 2, 10000);
        QVERIFY(pane.message().contains(QStringLiteral("{{item}}")));
        QVERIFY(!pane.isRunning());
        pane.setConfigProvider([]() -> Result<BatchConfig, QString> { return QStringLiteral("Choose a model first."); });
        pane.setInputPath(write(QStringLiteral("ok.csv"), "item\n1\n"));
        QVERIFY(!pane.startBatch());
        QCOMPARE(pane.message(), QStringLiteral("Choose a model first."));
        QCOMPARE(server.requests().size(), 0);
    }

    void mainWindow_hasTheBatchDock()
    {
        QSettings().clear();
        MainWindow window;
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("batchDock"));
        QVERIFY(dock);
        QCOMPARE(dock->widget(), window.batchPane());
        QCOMPARE(window.batchPane()->objectName(), QStringLiteral("batchPane"));
        // Without a model the pane says where to go.
        window.batchPane()->setHistoryPath(QString());
        window.batchPane()->setInputPath(write(QStringLiteral("w.csv"), "item\n1\n"));
        QVERIFY(!window.batchPane()->startBatch());
        QVERIFY(!window.batchPane()->message().isEmpty());
    }

    // A big input is read off the GUI thread with progress: the event loop keeps turning (a timer
    // fires while the file is read) and the progress label names the file.
    void bigInput_readOffTheGuiThreadWithProgress()
    {
        QByteArray csv = "item,text\n";
        const QByteArray filler(200, 'x');
        for (int i = 0; i < 60000; ++i)
            csv += QByteArray::number(i) + ',' + filler + '\n';
        const QString path = write(QStringLiteral("big.csv"), csv);
        BatchPane pane;
        pane.setConfigProvider([]() -> Result<BatchConfig, QString> {
            BatchConfig c = provider(QUrl(QStringLiteral("http://127.0.0.1:9")))().value();
            c.prompt.userPrompt = QStringLiteral("{{missing}}"); // refused after reading: nothing is sent
            return c;
        });
        pane.setHistoryPath(QString());
        pane.setInputPath(path);
        QSignalSpy refused(&pane, &BatchPane::batchRefused);
        QStringList progress;
        auto *label = pane.findChild<QLabel *>(QStringLiteral("batchProgressLabel"));
        QTimer tick;
        int ticks = 0;
        connect(&tick, &QTimer::timeout, this, [&] {
            ++ticks;
            if (!label->text().isEmpty() && (progress.isEmpty() || progress.last() != label->text()))
                progress.append(label->text());
        });
        tick.start(0);
        QVERIFY(pane.startBatch());
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 30000);
        QVERIFY(ticks > 1);
        QVERIFY2(!progress.isEmpty() && progress.constFirst().contains(QStringLiteral("big.csv")),
                 qPrintable(progress.join(u'|')));
        QVERIFY2(pane.message().contains(QStringLiteral("{{missing}}")), qPrintable(pane.message()));
    }

    // Drill-down: Return (or double-click) on a grid row opens that row's stored run, attempts
    // and all; the same run the Attempts pane shows in the window.
    void rowDrillDown_opensTheRowsStoredAttempts()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        BatchPane pane;
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(m_dir.filePath(QStringLiteral("drill.sqlite")));
        pane.setInputPath(write(QStringLiteral("drill.csv"), BatchScript::csv(10)));
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QVERIFY(pane.startBatch());
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        pane.show();
        pane.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&pane));

        QSignalSpy opened(&pane, &BatchPane::storedRunOpened);
        QTableView *table = pane.table();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(6, 0)); // row 7: three attempts, invalid
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        const StoredRun run = opened.first().first().value<StoredRun>();
        QCOMPARE(run.rowId, pane.resultsModel()->rowResult(6).rowId);
        QCOMPARE(run.status, QStringLiteral("invalid"));
        QCOMPARE(run.attempts.size(), 3);
        QVERIFY(run.attempts.at(0).content.contains(QStringLiteral("-")));

        const QModelIndex first = table->model()->index(0, 0);
        // A view takes a double-click on the item its press selected: press first, as a hand does.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(first).center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(first).center());
        QCOMPARE(opened.count(), 2);
        QCOMPARE(opened.at(1).first().value<StoredRun>().status, QStringLiteral("valid"));
        QVERIFY(!pane.openRowAction()->toolTip().isEmpty());
        QCOMPARE(pane.openRowAction()->shortcut(), QKeySequence(Qt::Key_Return));
    }

    void rowDrillDown_withoutHistorySaysWhy()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        BatchPane pane;
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(QString());
        pane.setInputPath(write(QStringLiteral("nohist.csv"), BatchScript::csv(2)));
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QVERIFY(pane.startBatch());
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        pane.table()->setCurrentIndex(pane.table()->model()->index(0, 0));
        QVERIFY(!pane.openCurrentRow());
        QVERIFY2(pane.message().contains(QStringLiteral("not stored")), qPrintable(pane.message()));
    }
};

QTEST_MAIN(TestBatchPane)
#include "tst_batchpane.moc"
