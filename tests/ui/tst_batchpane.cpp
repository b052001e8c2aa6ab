// SPDX-License-Identifier: GPL-3.0-or-later
// The Batch pane and its grid against an in-process FakeOllama.
#include "batch/batchfilterproxy.h"
#include "batch/batchpane.h"
#include "batch/batchresultsmodel.h"
#include "batch/comparisonmodel.h"
#include "batchscript.h"
#include "editor/codeeditor.h"
#include "fakeollama.h"
#include "llm/modelcatalog.h"
#include "mainwindow/mainwindow.h"
#include "manualgate.h"
#include "picker/modelpickerpane.h"
#include "prompt/promptpane.h"
#include "schemaeditor/schemaeditorpane.h"
#include "store/historydatabase.h"
#include "testdata.h"
#include "timeline/timelinecolors.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::RecordedRequest;
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

    // Points `pane` at `server`, which answers the scripted rows (each reply after `delayMs`), with
    // a CSV of `rows` rows as its input and `historyPath` as its history (empty: none).
    void prepareScripted(FakeOllama &server, BatchPane &pane, const QString &inputName, int rows,
                         const QString &historyPath = {}, int delayMs = 0)
    {
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder(delayMs));
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(historyPath);
        pane.setInputPath(write(inputName, BatchScript::csv(rows)));
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
        QAbstractItemModelTester modelTester(pane.resultsModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(pane.filterProxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(m_dir.filePath(QStringLiteral("h.sqlite")));
        pane.setInputPath(write(QStringLiteral("rows.csv"), BatchScript::csv(30)));
        pane.findChild<QSpinBox *>(QStringLiteral("batchConcurrencySpin"))->setValue(3);
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("batchRunButton")), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(30000));

        BatchResultsModel *model = pane.resultsModel();
        QCOMPARE(model->rowCount(), 30);
        // Issue 13: each valid row's values looked for in its input ("1", "2"...): the ages are
        // there, the names ("P8") are not.
        QTRY_COMPARE(model->headerData(3, Qt::Horizontal).toString(), QStringLiteral("name (0% grounded)"));
        QTRY_COMPARE(model->headerData(4, Qt::Horizontal).toString(), QStringLiteral("age (100% grounded)"));
        // The rows are grounded off the GUI thread as they finish: wait for the last of the 29.
        QTRY_COMPARE(model->headerData(4, Qt::Horizontal, Qt::ToolTipRole).toString(),
                     QStringLiteral("29 of 29 values of age were found in their row's input text"));
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
        BatchPane pane;
        prepareScripted(server, pane, QStringLiteral("p.csv"), 50, {}, 20);
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QVERIFY(pane.startBatch());
        auto *pause = pane.findChild<QToolButton *>(QStringLiteral("batchPauseButton"));
        auto *cancel = pane.findChild<QToolButton *>(QStringLiteral("batchCancelButton"));
        auto *run = pane.findChild<QToolButton *>(QStringLiteral("batchRunButton"));
        QVERIFY(!run->isEnabled()); // reading the input
        QTRY_VERIFY_WITH_TIMEOUT(pane.isRunning(), 10000);
        QVERIFY(pause->isEnabled() && cancel->isEnabled() && !run->isEnabled());
        pause->click();
        QTRY_VERIFY(
            pane.findChild<QLabel *>(QStringLiteral("batchProgressLabel"))->text().contains(QStringLiteral("paused")));
        cancel->click();
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).value<BatchSummary>().outcome, BatchSummary::Outcome::Cancelled);
        QVERIFY(run->isEnabled() && !cancel->isEnabled() && !pause->isChecked());
    }

    // The window's ready gate holds a start back (a long schema being checked) and resumes it.
    void readyGate_holdsTheStartBack_thenTheBatchRuns()
    {
        FakeOllama server;
        BatchPane pane;
        prepareScripted(server, pane, QStringLiteral("gated.csv"), 3);
        Formwork::Test::ManualGate gate;
        pane.setReadyGate(gate.gate());
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QVERIFY(pane.startBatch());
        QVERIFY(gate.hasPending());
        QVERIFY(!pane.isBusy()); // not even reading the input yet
        QVERIFY2(pane.message().contains(QStringLiteral("Checking the schema")), qPrintable(pane.message()));
        QCOMPARE(server.requestsTo("/api/chat").size(), 0);
        gate.open();
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        QCOMPARE(finished.at(0).at(0).value<BatchSummary>().outcome, BatchSummary::Outcome::Finished);
        QCOMPARE(pane.resultsModel()->rowCount(), 3);
        QCOMPARE(gate.asked(), 2);
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
        pane.setConfigProvider(
            []() -> Result<BatchConfig, QString> { return QStringLiteral("Choose a model first."); });
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
        // A long schema just typed in is checked on a worker first, and the start resumes after.
        SchemaEditorPane *schema = window.schemaEditor();
        schema->setText(Formwork::Test::longPersonSchema(600 * 1024));
        QTRY_VERIFY_WITH_TIMEOUT(schema->isLintCurrent(), 20000);
        schema->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(schema->editor(), QStringLiteral(" "));
        QSignalSpy refused(window.batchPane(), &BatchPane::batchRefused);
        QVERIFY(window.batchPane()->startBatch());
        QVERIFY(!schema->isLintCurrent()); // not linted on this thread
        QVERIFY2(window.batchPane()->message().contains(QStringLiteral("Checking the schema")),
                 qPrintable(window.batchPane()->message()));
        QVERIFY(refused.count() == 1 || refused.wait(20000));
        QCOMPARE(refused.first().first().toString(), QStringLiteral("Choose a model in the Model pane first."));

        // The Batch menu holds every action of the pane, between Run and View.
        auto *menu = window.findChild<QMenu *>(QStringLiteral("batchMenu"));
        QVERIFY(menu);
        QStringList titles;
        for (QAction *a : window.menuBar()->actions())
            titles.append(a->text());
        QVERIFY2(titles.indexOf(QStringLiteral("&Batch")) == titles.indexOf(QStringLiteral("&Run")) + 1,
                 qPrintable(titles.join(u',')));
        QStringList names;
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            names.append(a->objectName());
            QVERIFY2(!a->toolTip().isEmpty() && a->toolTip() != a->text(), qPrintable(a->objectName()));
        }
        QCOMPARE(
            names,
            (QStringList { QStringLiteral("actionBatchChooseInputFile"), QStringLiteral("actionBatchChooseInputFolder"),
                           QStringLiteral("actionBatchRun"), QStringLiteral("actionBatchPause"),
                           QStringLiteral("actionBatchResume"), QStringLiteral("actionBatchCancel"),
                           QStringLiteral("actionBatchRerunFailed"), QStringLiteral("actionBatchCompare"),
                           QStringLiteral("actionBatchOpenRowInTimeline"), QStringLiteral("actionBatchExport") }));
        // An entry used from the menu shows the pane it acts on.
        auto *timeline = window.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
        window.show();
        timeline->raise();
        QTRY_VERIFY(window.batchPane()->visibleRegion().isEmpty());
        window.batchPane()->runAction()->setEnabled(true);
        Q_EMIT menu->triggered(window.batchPane()->runAction());
        QTRY_VERIFY(!window.batchPane()->visibleRegion().isEmpty());
    }

    // Every action follows the batch: Run while idle, Pause and Cancel while it runs, Resume
    // when paused or cut short. Resume after a cancel sends only the rows that did not finish.
    void actions_followTheBatchState_resumeSendsOnlyUnfinishedRows()
    {
        FakeOllama server;
        BatchPane pane;
        prepareScripted(server, pane, QStringLiteral("resume.csv"), 20, m_dir.filePath(QStringLiteral("resume.sqlite")),
                        30);
        QCOMPARE(pane.runAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
        const auto enabled = [&pane] {
            QString s;
            for (QAction *a : { pane.runAction(), pane.pauseAction(), pane.resumeAction(), pane.cancelAction(),
                                pane.rerunFailedAction(), pane.exportAction() })
                s += a->isEnabled() ? u'1' : u'0';
            return s;
        };
        QCOMPARE(enabled(), QStringLiteral("100000")); // nothing ran yet
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        pane.runAction()->trigger();
        QCOMPARE(enabled().at(0), u'0'); // reading the input
        QTRY_VERIFY_WITH_TIMEOUT(pane.isRunning(), 10000);
        QCOMPARE(enabled(), QStringLiteral("010100"));
        pane.pauseAction()->trigger();
        QVERIFY(pane.pauseAction()->isChecked());
        QCOMPARE(enabled(), QStringLiteral("011100")); // paused: Resume goes on
        QTRY_VERIFY(
            pane.findChild<QLabel *>(QStringLiteral("batchProgressLabel"))->text().contains(QStringLiteral("paused")));
        pane.cancelAction()->trigger();
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QVERIFY(!pane.pauseAction()->isChecked());
        QCOMPARE(enabled(), QStringLiteral("101011")); // rows left: Resume runs them

        QSet<int> doneBefore;
        for (int i = 0; i < 20; ++i) {
            const BatchRowResult &row = pane.resultsModel()->rowResult(i);
            if (row.status == BatchRowStatus::Valid || row.status == BatchRowStatus::Invalid)
                doneBefore.insert(i + 1);
        }
        QVERIFY(doneBefore.size() < 20);
        const qsizetype before = server.requestsTo("/api/chat").size();
        pane.resumeAction()->trigger();
        QVERIFY(finished.count() == 2 || finished.wait(30000));
        QSet<int> sentAfter;
        for (const RecordedRequest &r : server.requestsTo("/api/chat").mid(before))
            sentAfter.insert(BatchScript::rowOf(r));
        QVERIFY(!sentAfter.intersects(doneBefore));
        QCOMPARE(sentAfter.size() + doneBefore.size(), 20);
        for (int i = 0; i < 20; ++i)
            QVERIFY(pane.resultsModel()->rowResult(i).status == BatchRowStatus::Valid
                    || pane.resultsModel()->rowResult(i).status == BatchRowStatus::Invalid);
        QCOMPARE(enabled(), QStringLiteral("100011")); // every row ran: nothing to resume
        QVERIFY(!pane.resumeBatch());
    }

    // Issue 11: a batch waits for the server probe like a single run, so a json-mode batch on
    // llama-server sends the schema inside response_format (a bare json_object is not enforced).
    void jsonModeBatchOnLlamaServer_sendsTheSchemaInResponseFormat()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024);
        for (int n = 1; n <= 2; ++n)
            fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"P%1\", \"age\": %1}").arg(n) }));
        QSettings().clear();
        MainWindow window;
        Formwork::ServerSettings settings;
        settings.host = fake.baseUrl();
        settings.api = Formwork::BackendApi::OpenAi;
        settings.model = QStringLiteral("/models/tiny.gguf");
        window.modelPicker()->setServerSettings(settings);
        QTRY_COMPARE(window.modelPicker()->catalog()->state(), Formwork::ModelCatalog::State::Ready);
        window.schemaEditor()->setText(QString::fromUtf8(BatchScript::schema()));
        Formwork::PromptSettings prompt;
        prompt.userPrompt = QStringLiteral("item: {{item}}");
        prompt.mode = Formwork::ExtractionMode::Json;
        window.promptPane()->setSettings(prompt);
        BatchPane *pane = window.batchPane();
        pane->setHistoryPath(QString());
        pane->setInputPath(write(QStringLiteral("llama.csv"), BatchScript::csv(2)));
        QSignalSpy finished(pane, &BatchPane::batchFinished);
        QVERIFY(pane->startBatch());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const auto requests = fake.requestsTo("/v1/chat/completions");
        QCOMPARE(requests.size(), 2);
        for (const RecordedRequest &r : requests) {
            const Json format = r.json.value("response_format", Json());
            QCOMPARE(format.value("type", std::string()), "json_object");
            QVERIFY2(format.contains("schema") && format["schema"].value("required", Json()).size() == 2,
                     format.dump().c_str());
        }
        QCOMPARE(finished.first().first().value<BatchSummary>().progress.validFirstTry, 2);
    }

    // Issue 12: two models x two modes over four rows with expected values; every figure shown
    // comes from what the scripted models did, and the best of each row is marked.
    void comparison_twoModelsTwoModes_gridShowsTheFigures()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("a")); // the variants' models, pulled as Ollama requires
        server.addModel(QStringLiteral("b"));
        // Model a: always valid in schema mode; in json mode row 2 needs a reask. Model b: row 3
        // never valid in schema mode; in json mode rows 1 and 2 need a reask.
        server.setChatResponder([](const RecordedRequest &request) -> std::optional<FakeReply> {
            const int n = BatchScript::rowOf(request);
            if (n < 0)
                return std::nullopt;
            const bool json = request.json.value("format", Json()) == Json("json");
            const bool first = BatchScript::attemptOf(request) == 1;
            const std::string model = request.json.value("model", std::string());
            const bool bad = model == "a" ? json && n == 2 && first : (!json && n == 3) || (json && n <= 2 && first);
            return FakeReply::text({ QStringLiteral("{\"name\": \"P%1\", \"age\": %2}").arg(n).arg(bad ? -1 : n) });
        });
        BatchPane pane;
        ComparisonModel *model = pane.comparisonModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(QString());
        // Row 4's expected age is wrong on purpose: no variant agrees there.
        pane.setInputPath(write(QStringLiteral("g.csv"),
                                QByteArrayLiteral("item,expected\n"
                                                  "1,\"{\"\"name\"\":\"\"P1\"\",\"\"age\"\":1}\"\n"
                                                  "2,\"{\"\"name\"\":\"\"P2\"\",\"\"age\"\":2}\"\n"
                                                  "3,\"{\"\"name\"\":\"\"P3\"\",\"\"age\"\":3}\"\n"
                                                  "4,\"{\"\"name\"\":\"\"P4\"\",\"\"age\"\":40}\"\n")));
        pane.findChild<QLineEdit *>(QStringLiteral("batchExpectedEdit"))->setText(QStringLiteral("expected"));
        pane.setModelNames({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
        QVERIFY(!pane.compareAction()->isEnabled()); // nothing checked
        auto *list = pane.findChild<QListWidget *>(QStringLiteral("batchVariantModelList"));
        list->item(0)->setCheckState(Qt::Checked);
        list->item(1)->setCheckState(Qt::Checked);
        pane.findChild<QCheckBox *>(QStringLiteral("batchVariantMode_schema"))->setChecked(true);
        pane.findChild<QCheckBox *>(QStringLiteral("batchVariantMode_json"))->setChecked(true);
        QVERIFY(pane.compareAction()->isEnabled());
        QVERIFY(pane.findChild<QLabel *>(QStringLiteral("batchVariantCountLabel"))->text().startsWith(u'4'));
        pane.setModelNames({ QStringLiteral("b"), QStringLiteral("a") }); // a new listing keeps the checks
        QCOMPARE(pane.selectedVariants().size(), 4);

        QSignalSpy done(&pane, &BatchPane::comparisonFinished);
        pane.compareAction()->trigger();
        QVERIFY(pane.cancelAction()->isEnabled() || pane.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QCOMPARE(model->columnCount(), 4);
        QStringList headers;
        for (int c = 0; c < 4; ++c)
            headers.append(model->headerData(c, Qt::Horizontal).toString());
        QCOMPARE(headers,
                 (QStringList { QStringLiteral("b / schema"), QStringLiteral("b / json"), QStringLiteral("a / schema"),
                                QStringLiteral("a / json") }));
        const auto row = [model](ComparisonModel::Figure figure) {
            QStringList cells;
            for (int c = 0; c < model->columnCount(); ++c)
                cells.append(model->index(figure, c).data().toString());
            return cells.join(QStringLiteral(" | "));
        };
        QCOMPARE(row(ComparisonModel::ValidFirstTry), QStringLiteral("3 (75%) | 2 (50%) | 4 (100%) | 3 (75%)"));
        QCOMPARE(row(ComparisonModel::ValidAfterReasks), QStringLiteral("0 (0%) | 2 (50%) | 0 (0%) | 1 (25%)"));
        QCOMPARE(row(ComparisonModel::Failed), QStringLiteral("1 (25%) | 0 (0%) | 0 (0%) | 0 (0%)"));
        QCOMPARE(row(ComparisonModel::Attempts), QStringLiteral("6 | 6 | 4 | 5"));
        // The fake reports 26 prompt and 12 completion tokens per reply.
        QCOMPARE(row(ComparisonModel::Tokens), QStringLiteral("228 | 228 | 152 | 190"));
        QCOMPARE(row(ComparisonModel::FieldAgreement),
                 QStringLiteral("62.5% (5/8) | 87.5% (7/8) | 87.5% (7/8) | 87.5% (7/8)"));
        for (int c = 0; c < 4; ++c)
            QVERIFY(model->index(ComparisonModel::MeanLatency, c).data().toString().contains(u's'));
        const auto best = [model](ComparisonModel::Figure figure) {
            QString marks;
            for (int c = 0; c < model->columnCount(); ++c)
                marks += model->index(figure, c).data(ComparisonModel::BestRole).toBool() ? u'*' : u'.';
            return marks;
        };
        QCOMPARE(best(ComparisonModel::ValidFirstTry), QStringLiteral("..*."));
        QCOMPARE(best(ComparisonModel::ValidAfterReasks), QStringLiteral("...."));
        QCOMPARE(best(ComparisonModel::Failed), QStringLiteral(".***"));
        QCOMPARE(best(ComparisonModel::Attempts), QStringLiteral("..*."));
        QCOMPARE(best(ComparisonModel::FieldAgreement), QStringLiteral(".***"));
        const QModelIndex top = model->index(ComparisonModel::ValidFirstTry, 2);
        QVERIFY(top.data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(top.data(Qt::ForegroundRole).value<QColor>(), timelineSuccessColor(QApplication::palette()));
        QVERIFY(!model->index(ComparisonModel::ValidFirstTry, 0).data(Qt::FontRole).value<QFont>().bold());
        // Each variant ran every row with its own model and mode: 6 + 6 + 4 + 5 requests.
        QCOMPARE(server.requestsTo("/api/chat").size(), 21);
        QCOMPARE(pane.comparisonTable()->model(), model);
    }

    // A variant whose checks asked a model to judge rules: its Tokens cell keeps the extraction's
    // tokens and its tooltip gives the judges' cost apart; a variant without says nothing of them.
    void comparisonTokensTooltip_givesTheJudgesCostApart()
    {
        ComparisonModel model;
        BatchVariant judged;
        judged.model = QStringLiteral("a");
        BatchVariant plain;
        plain.model = QStringLiteral("b");
        model.reset({ judged, plain });
        VariantStats stats;
        stats.variant = judged;
        stats.rows = 1;
        stats.promptTokens = 412;
        stats.completionTokens = 236;
        stats.judges = JudgeUsage { 150, 10, 400, 1 };
        model.setStats(0, stats);
        stats.variant = plain;
        stats.judges = {};
        model.setStats(1, stats);
        const QModelIndex tokens = model.index(ComparisonModel::Tokens, 0);
        QCOMPARE(tokens.data().toString(), QStringLiteral("648"));
        QCOMPARE(tokens.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("412 prompt + 236 completion tokens over every attempt\nModel-judged rules, not "
                                "counted above: 1 request(s), 160 tokens (150 prompt, 10 completion), 0.4 s"));
        QCOMPARE(model.index(ComparisonModel::Tokens, 1).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("412 prompt + 236 completion tokens over every attempt"));
    }

    // Cancel stops the comparison: the running variant is marked stopped, the rest stay empty,
    // nothing is marked best from a partial column and the pane says how far it got.
    void comparison_cancel_stopsAndSaysSo()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("a")); // the variants' models, pulled as Ollama requires
        server.addModel(QStringLiteral("b"));
        server.setChatResponder(BatchScript::responder(40));
        BatchPane pane;
        QAbstractItemModelTester tester(pane.comparisonModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(QString());
        pane.setInputPath(write(QStringLiteral("cancel.csv"), BatchScript::csv(30)));
        pane.setModelNames({ QStringLiteral("a"), QStringLiteral("b") });
        auto *list = pane.findChild<QListWidget *>(QStringLiteral("batchVariantModelList"));
        list->item(0)->setCheckState(Qt::Checked);
        list->item(1)->setCheckState(Qt::Checked);
        pane.findChild<QCheckBox *>(QStringLiteral("batchVariantMode_schema"))->setChecked(true);
        QSignalSpy done(&pane, &BatchPane::comparisonFinished);
        QVERIFY(pane.startComparison());
        QTRY_VERIFY_WITH_TIMEOUT(pane.comparisonModel()->state(0) == ComparisonModel::State::Running, 10000);
        QVERIFY(pane.cancelAction()->isEnabled() && !pane.runAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(pane.findChild<QProgressBar *>(QStringLiteral("batchProgressBar"))->value() > 0,
                                 10000);
        pane.cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(pane.comparisonModel()->state(0), ComparisonModel::State::Stopped);
        QCOMPARE(pane.comparisonModel()->state(1), ComparisonModel::State::Pending);
        QVERIFY(pane.comparisonModel()->headerData(0, Qt::Horizontal).toString().contains(QStringLiteral("stopped")));
        QVERIFY(!pane.comparisonModel()->index(0, 0).data(ComparisonModel::BestRole).toBool());
        QVERIFY2(pane.message().contains(QStringLiteral("0 of 2")), qPrintable(pane.message()));
        QVERIFY(pane.runAction()->isEnabled() && !pane.cancelAction()->isEnabled());
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
        BatchPane pane;
        prepareScripted(server, pane, QStringLiteral("drill.csv"), 10, m_dir.filePath(QStringLiteral("drill.sqlite")));
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
        BatchPane pane;
        prepareScripted(server, pane, QStringLiteral("nohist.csv"), 2);
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QVERIFY(pane.startBatch());
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        pane.table()->setCurrentIndex(pane.table()->model()->index(0, 0));
        QVERIFY(!pane.openCurrentRow());
        QVERIFY2(pane.message().contains(QStringLiteral("not stored")), qPrintable(pane.message()));
    }

    // A comparison in the window (issue 12): each variant gets its model's info from the window,
    // the Pause action holds it and Resume goes on, and each variant's rows are kept in the
    // history under a batch of its own.
    void comparison_pauseResumeAndOneHistoryBatchPerVariant()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("a"));
        server.addModel(QStringLiteral("b"));
        server.setChatResponder(BatchScript::responder(10));
        const QString historyPath = m_dir.filePath(QStringLiteral("compare-pause.sqlite"));
        BatchPane pane;
        QAbstractItemModelTester tester(pane.comparisonModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(historyPath);
        pane.setInputPath(write(QStringLiteral("pause.csv"), BatchScript::csv(6)));
        pane.setModelNames({ QStringLiteral("a"), QStringLiteral("b") });
        pane.setModelInfoLookup([](const QString &name) {
            ModelInfo info;
            if (name == u"b") {
                info.name = name;
                info.runtimeContextLength = 777;
            }
            return info;
        });
        auto *list = pane.findChild<QListWidget *>(QStringLiteral("batchVariantModelList"));
        list->item(0)->setCheckState(Qt::Checked);
        list->item(1)->setCheckState(Qt::Checked);
        pane.findChild<QCheckBox *>(QStringLiteral("batchVariantMode_schema"))->setChecked(true);
        const QList<BatchVariant> variants = pane.selectedVariants();
        QCOMPARE(variants.size(), 2);
        QVERIFY(variants.at(0).modelInfo.name.isEmpty()); // the window knows nothing of a
        QCOMPARE(variants.at(1).modelInfo.runtimeContextLength, qint64(777));

        QVERIFY(!pane.pauseAction()->isEnabled());
        // Paused while the second row's request is under way: that row finishes, no other starts.
        connect(&server, &FakeOllama::requestReceived, &pane, [&server, &pane] {
            if (server.requestsTo("/api/chat").size() == 2)
                pane.pauseAction()->setChecked(true);
        });
        QSignalSpy done(&pane, &BatchPane::comparisonFinished);
        QVERIFY(pane.startComparison());
        QTRY_VERIFY_WITH_TIMEOUT(pane.isPaused(), 10000);
        QVERIFY(pane.resumeAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(
            pane.findChild<QLabel *>(QStringLiteral("batchProgressLabel"))->text().contains(QStringLiteral("paused")),
            10000);
        QSignalSpy more(&server, &FakeOllama::requestReceived);
        QVERIFY(!more.wait(400));
        QCOMPARE(server.requestsTo("/api/chat").size(), 2);
        QCOMPARE(done.count(), 0);
        pane.resumeAction()->trigger();
        QVERIFY(!pane.isPaused());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QCOMPARE(pane.comparisonModel()->state(1), ComparisonModel::State::Done);
        QVERIFY(!pane.pauseAction()->isChecked() && !pane.pauseAction()->isEnabled());
        QVERIFY(!pane.resumeAction()->isEnabled());

        HistoryDatabase history;
        QCOMPARE(history.open(historyPath), QString());
        QMap<QString, QSet<qint64>> batches;
        QMap<QString, int> finalRuns;
        for (const StoredRun &run : history.listRuns(100)) {
            batches[run.model].insert(run.batchId);
            finalRuns[run.model] += run.status == u"valid" || run.status == u"invalid" ? 1 : 0;
        }
        QCOMPARE(finalRuns.value(QStringLiteral("a")), 6);
        QCOMPARE(finalRuns.value(QStringLiteral("b")), 6);
        QCOMPARE(batches.value(QStringLiteral("a")).size(), 1);
        QCOMPARE(batches.value(QStringLiteral("b")).size(), 1);
        QVERIFY(batches.value(QStringLiteral("a")) != batches.value(QStringLiteral("b")));
        QCOMPARE(history.batch(*batches.value(QStringLiteral("b")).cbegin())->status, QStringLiteral("finished"));
    }

    // Cancel, then Resume Batch: the comparison goes on over the same history batches; no
    // finished row is sent again and each row ends with one final run per variant.
    void comparison_cancelThenResume_finishesWithoutRedoingRows()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("a"));
        server.addModel(QStringLiteral("b"));
        server.setChatResponder(BatchScript::responder(10));
        const QString historyPath = m_dir.filePath(QStringLiteral("compare-resume.sqlite"));
        BatchPane pane;
        pane.setConfigProvider(provider(server.baseUrl()));
        pane.setHistoryPath(historyPath);
        pane.setInputPath(write(QStringLiteral("resume.csv"), BatchScript::csv(8)));
        pane.setModelNames({ QStringLiteral("a"), QStringLiteral("b") });
        auto *list = pane.findChild<QListWidget *>(QStringLiteral("batchVariantModelList"));
        list->item(0)->setCheckState(Qt::Checked);
        list->item(1)->setCheckState(Qt::Checked);
        pane.findChild<QCheckBox *>(QStringLiteral("batchVariantMode_json"))->setChecked(true);
        QSignalSpy done(&pane, &BatchPane::comparisonFinished);
        QVERIFY(pane.startComparison());
        QTRY_VERIFY_WITH_TIMEOUT(server.requestsTo("/api/chat").size() >= 4, 10000);
        pane.cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QVERIFY2(pane.message().contains(QStringLiteral("Resume Batch")), qPrintable(pane.message()));
        QVERIFY(pane.resumeAction()->isEnabled());

        // The rows of a finished before the resume.
        QSet<int> finishedBefore;
        {
            HistoryDatabase history;
            QCOMPARE(history.open(historyPath), QString());
            for (const StoredRun &run : history.listRuns(100))
                if (run.status == u"valid" || run.status == u"invalid")
                    finishedBefore.insert(run.rowId.toInt());
        }
        QVERIFY(!finishedBefore.isEmpty());
        const qsizetype asked = server.requestsTo("/api/chat").size();
        pane.resumeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
        for (const auto &request : server.requestsTo("/api/chat").mid(asked)) {
            if (request.json.value("model", std::string()) == "a")
                QVERIFY(!finishedBefore.contains(BatchScript::rowOf(request)));
        }
        QCOMPARE(pane.comparisonModel()->state(0), ComparisonModel::State::Done);
        QCOMPARE(pane.comparisonModel()->state(1), ComparisonModel::State::Done);
        QVERIFY(!pane.resumeAction()->isEnabled());
        HistoryDatabase history;
        QCOMPARE(history.open(historyPath), QString());
        QMap<QString, int> finalRuns;
        for (const StoredRun &run : history.listRuns(100))
            if (run.status == u"valid" || run.status == u"invalid")
                ++finalRuns[run.model + u'/' + run.rowId];
        QCOMPARE(finalRuns.size(), 16); // 8 rows x 2 variants
        for (auto it = finalRuns.cbegin(); it != finalRuns.cend(); ++it)
            QCOMPARE(it.value(), 1);
    }
};

QTEST_MAIN(TestBatchPane)
#include "tst_batchpane.moc"
