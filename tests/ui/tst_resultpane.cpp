// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"
#include "export/jsonexport.h"
#include "jsoncompare.h"
#include "result/resultpane.h"
#include "result/resulttreemodel.h"
#include "run/runsession.h"
#include "runtestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <functional>
#include <memory>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Json = nlohmann::ordered_json;

namespace {

const QString validPerson = QStringLiteral("{\"name\": \"Ada\", \"age\": 36}");
const QString negativeAge = QStringLiteral("{\"name\": \"Ada\", \"age\": -1}");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString cell(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}

} // namespace

class TestResultPane final : public QObject
{
    Q_OBJECT

private:
    // Default transport timeouts (not the fixture's short ones), as these tests always had.
    std::unique_ptr<Test::RunFixture> m_fx;

    template<typename T> static T *child(const QWidget &pane, const char *name)
    {
        return pane.findChild<T *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init() { m_fx = std::make_unique<Test::RunFixture>(BackendConfig()); }
    void cleanup() { m_fx.reset(); }

    void idle_showsNoValueAndDisablesActions()
    {
        RunSession session;
        ResultPane pane(&session);
        QVERIFY(!pane.hasValue());
        QCOMPARE(child<QLabel>(pane, "resultVerdict")->text(), pane.verdictText());
        QVERIFY(pane.verdictText().startsWith(QStringLiteral("No result yet.")));
        QVERIFY(!child<QToolButton>(pane, "acceptAnywayButton")->isEnabled());
        QVERIFY(!child<QToolButton>(pane, "exportButton")->isEnabled());
        QVERIFY(!child<QAction>(pane, "copyValueAction")->isEnabled());
        QVERIFY(child<QToolButton>(pane, "copyButton"));
        QVERIFY(child<QTreeView>(pane, "resultTree"));
        QVERIFY(child<CodeEditor>(pane, "resultJson")->isReadOnly());
        QString error;
        QTemporaryDir dir;
        QVERIFY(!pane.exportTo(dir.filePath(QStringLiteral("x.json")), ResultPane::ExportFormat::Json, &error));
        QCOMPARE(error, QStringLiteral("There is no result to export yet."));
    }

    void validRun_treeShowsKeysValuesAndTypes()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ validPerson }));
        RunSession session;
        ResultPane pane(&session);
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        QVERIFY(pane.hasValue());
        QCOMPARE(pane.verdictText(), QStringLiteral("Valid on attempt 1 of 3."));
        QVERIFY(!child<QToolButton>(pane, "acceptAnywayButton")->isEnabled());
        QVERIFY(child<QToolButton>(pane, "exportButton")->isEnabled());

        const auto *tree = child<QTreeView>(pane, "resultTree");
        const QAbstractItemModel &model = *tree->model();
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(cell(root, ResultTreeModel::KeyColumn), QStringLiteral("(root)"));
        QCOMPARE(cell(root, ResultTreeModel::TypeColumn), QStringLiteral("object"));
        QVERIFY(tree->isExpanded(root));
        QCOMPARE(model.rowCount(root), 2);
        const QModelIndex name = model.index(0, 0, root);
        const QModelIndex age = model.index(1, 0, root);
        QCOMPARE(cell(name, ResultTreeModel::KeyColumn), QStringLiteral("name"));
        QCOMPARE(cell(name, ResultTreeModel::ValueColumn), QStringLiteral("\"Ada\""));
        QCOMPARE(cell(name, ResultTreeModel::TypeColumn), QStringLiteral("string"));
        QCOMPARE(cell(age, ResultTreeModel::KeyColumn), QStringLiteral("age"));
        QCOMPARE(cell(age, ResultTreeModel::ValueColumn), QStringLiteral("36"));
        QCOMPARE(cell(age, ResultTreeModel::TypeColumn), QStringLiteral("integer"));
        QCOMPARE(age.data(ResultTreeModel::PointerRole).toString(), QStringLiteral("/age"));
        QVERIFY(!age.data(ResultTreeModel::HasErrorRole).toBool());
        QVERIFY(!age.data(Qt::ForegroundRole).isValid());

        // The JSON tab is filled when shown, highlighted text of the same value, read-only.
        auto *tabs = child<QTabWidget>(pane, "resultTabs");
        auto *json = child<CodeEditor>(pane, "resultJson");
        tabs->setCurrentIndex(1);
        QCOMPARE(tabs->tabText(1), QStringLiteral("JSON"));
        QVERIFY(child<QLabel>(pane, "resultJsonNotice")->isHidden());
        QCOMPARE_JSON(Json::parse(json->toPlainText().toStdString()), Json::parse(validPerson.toStdString()));
        QVERIFY(json->errorMarks().isEmpty());

        // A new run clears the pane at once.
        m_fx->fake->enqueueChat(FakeReply::text({ validPerson }));
        session.start(m_fx->backend.get(), m_fx->config());
        QVERIFY(!pane.hasValue());
        QVERIFY(json->toPlainText().isEmpty());
        QVERIFY(pane.verdictText().startsWith(QStringLiteral("Running")));
        QSignalSpy finished(&session, &RunSession::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(pane.hasValue());
        session.clear();
        QVERIFY(!pane.hasValue());
        QVERIFY(pane.verdictText().startsWith(QStringLiteral("No result yet.")));
    }

    void failedRun_acceptAnyway_showsValueWithFailuresFlagged()
    {
        for (int i = 0; i < 3; ++i)
            m_fx->fake->enqueueChat(FakeReply::text({ negativeAge }));
        RunSession session;
        ResultPane pane(&session);
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(session.state(), RunSession::State::Failed);
        QVERIFY(!pane.hasValue()); // a failed run has no result until accepted
        QVERIFY2(pane.verdictText().startsWith(QStringLiteral("Failed: No valid result after 3 attempt(s).")),
                 qPrintable(pane.verdictText()));
        QVERIFY2(pane.verdictText().contains(QStringLiteral("Accept anyway to use the value of attempt 3")),
                 qPrintable(pane.verdictText()));
        auto *accept = child<QToolButton>(pane, "acceptAnywayButton");
        QVERIFY(accept->isEnabled());

        QSignalSpy accepted(&session, &RunSession::accepted);
        accept->click();
        QCOMPARE(accepted.count(), 1);
        QVERIFY(session.isAccepted());
        QVERIFY(pane.hasValue());
        QVERIFY(!accept->isEnabled());
        QVERIFY2(pane.verdictText().startsWith(QStringLiteral("Accepted with 1 failure(s): the value of attempt 3")),
                 qPrintable(pane.verdictText()));

        ResultTreeModel *model = pane.model();
        const QModelIndex age = model->indexForPointer(QStringLiteral("/age"));
        QVERIFY(age.isValid());
        QCOMPARE(cell(age, ResultTreeModel::ValueColumn), QStringLiteral("-1"));
        QVERIFY(age.data(ResultTreeModel::HasErrorRole).toBool());
        const QStringList messages = age.data(ResultTreeModel::ErrorMessagesRole).toStringList();
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().contains(QStringLiteral("minimum")), qPrintable(messages.first()));
        QCOMPARE(age.data(Qt::ToolTipRole).toString(), messages.first());
        QCOMPARE(age.data(Qt::ForegroundRole).value<QColor>(), model->errorColor());
        QCOMPARE(age.siblingAtColumn(ResultTreeModel::ValueColumn).data(Qt::ForegroundRole).value<QColor>(),
                 model->errorColor());
        QVERIFY(!age.data(Qt::DecorationRole).value<QIcon>().isNull());

        const QModelIndex name = model->indexForPointer(QStringLiteral("/name"));
        QVERIFY(!name.data(ResultTreeModel::HasErrorRole).toBool());
        QVERIFY(!name.data(Qt::ForegroundRole).isValid());
        const QModelIndex root = model->index(0, 0);
        QVERIFY(!root.data(ResultTreeModel::HasErrorRole).toBool());
        QCOMPARE(root.data(ResultTreeModel::ErrorsBelowRole).toInt(), 1);
        QCOMPARE(root.data(Qt::ToolTipRole).toString(), QStringLiteral("1 error(s) inside"));

        // The JSON tab underlines the failing value.
        auto *json = child<CodeEditor>(pane, "resultJson");
        child<QTabWidget>(pane, "resultTabs")->setCurrentIndex(1);
        QCOMPARE(json->errorMarks().size(), 1);
        const CodeEditor::ErrorMark mark = json->errorMarks().first();
        QCOMPARE(json->toPlainText().mid(mark.position, mark.length), QStringLiteral("-1"));
    }

    void validationOfNestedText_acceptedNodesFlaggedAtEscapedPointers()
    {
        const Json schemaDoc = Test::parseQ("{'type': 'object', 'properties': {'a/b': {'type': 'object', 'properties':"
                                            "{'list': {'type': 'array', 'items': {'type': 'integer'}}}}}}");
        const Schema schema = Schema::compile(schemaDoc).value();
        RunSession session;
        ResultPane pane(&session);
        session.showValidation(QStringLiteral("{\"a/b\": {\"list\": [1, \"two\", 3, \"four\"]}}"), schema);
        QVERIFY(!pane.hasValue());
        QVERIFY(pane.acceptAnyway());
        QVERIFY2(pane.verdictText().startsWith(QStringLiteral("Accepted with 2 failure(s)")),
                 qPrintable(pane.verdictText()));
        const QModelIndex two = pane.model()->indexForPointer(QStringLiteral("/a~1b/list/1"));
        QVERIFY(two.isValid());
        QCOMPARE(cell(two, ResultTreeModel::KeyColumn), QStringLiteral("[1]"));
        QCOMPARE(cell(two, ResultTreeModel::ValueColumn), QStringLiteral("\"two\""));
        QVERIFY(two.data(ResultTreeModel::HasErrorRole).toBool());
        QVERIFY(
            pane.model()->indexForPointer(QStringLiteral("/a~1b/list/3")).data(ResultTreeModel::HasErrorRole).toBool());
        QVERIFY(!pane.model()
                     ->indexForPointer(QStringLiteral("/a~1b/list/2"))
                     .data(ResultTreeModel::HasErrorRole)
                     .toBool());
        const QModelIndex list = pane.model()->indexForPointer(QStringLiteral("/a~1b/list"));
        QCOMPARE(list.data(ResultTreeModel::ErrorsBelowRole).toInt(), 2);
        QCOMPARE(cell(list, ResultTreeModel::ValueColumn), QStringLiteral("[4 item(s)]"));
        QVERIFY(!pane.model()->indexForPointer(QStringLiteral("/a~1b/list/4")).isValid());
        QVERIFY(!pane.model()->indexForPointer(QStringLiteral("/missing")).isValid());

        QVERIFY(pane.selectPointer(QStringLiteral("/a~1b/list/1")));
        QCOMPARE(pane.selectedPointer(), QStringLiteral("/a~1b/list/1"));
        QVERIFY(pane.treeView()->isExpanded(list));
    }

    void exports_writtenAndReadBack()
    {
        m_fx->fake->enqueueChat(
            FakeReply::text({ QStringLiteral("{\"name\": \"O'Brien, \\\"Zo\u00eb\\\"\", \"age\": 36}") }));
        RunSession session;
        ResultPane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QVERIFY(pane.hasValue());
        QTemporaryDir dir;
        QSignalSpy exported(&pane, &ResultPane::exported);

        const QString jsonPath = dir.filePath(QStringLiteral("result.json"));
        QString error;
        QVERIFY2(pane.exportTo(jsonPath, ResultPane::ExportFormat::Json, &error), qPrintable(error));
        const QByteArray json = readFile(jsonPath);
        QCOMPARE_JSON(Json::parse(json.toStdString()), session.result().value);
        QVERIFY(json.startsWith("{\n  \"name\": ")); // pretty, schema order kept
        QVERIFY(json.contains("Zo\xc3\xab")); // UTF-8, not \u escapes

        const QString csvPath = dir.filePath(QStringLiteral("result.csv"));
        QVERIFY2(pane.exportTo(csvPath, ResultPane::ExportFormat::Csv, &error), qPrintable(error));
        // Columns in schema order (email from the schema, empty), the name quoted.
        QCOMPARE(readFile(csvPath), QByteArray("name,age,email\r\n\"O'Brien, \"\"Zo\xc3\xab\"\"\",36,\r\n"));
        QCOMPARE(exported.count(), 2);
        QCOMPARE(exported.last().first().toString(), csvPath);

        QVERIFY(
            !pane.exportTo(dir.filePath(QStringLiteral("no/such/dir/x.csv")), ResultPane::ExportFormat::Csv, &error));
        QVERIFY2(error.contains(QStringLiteral("x.csv")), qPrintable(error));
        QCOMPARE(exported.count(), 2);

        // The export menu offers both formats.
        const QMenu *menu = child<QToolButton>(pane, "exportButton")->menu();
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 2);
        for (const QAction *action : menu->actions()) {
            QVERIFY(action->isEnabled());
            QVERIFY(!action->toolTip().isEmpty());
        }
    }

    void copy_putsValuePointerAndJsonOnClipboard()
    {
        RunSession session;
        ResultPane pane(&session);
        const Json value = Test::parseQ("{'name': 'Ada', 'age': 36, 'tags': ['x', 'y']}");
        session.showValidation(QString::fromStdString(value.dump()), Test::personSchema());
        QVERIFY(pane.hasValue());
        QClipboard *clipboard = QGuiApplication::clipboard();

        // Nothing selected but the root: the whole value.
        child<QAction>(pane, "copyJsonAction")->trigger();
        QCOMPARE_JSON(Json::parse(clipboard->text().toStdString()), value);
        child<QAction>(pane, "copyPointerAction")->trigger();
        QCOMPARE(clipboard->text(), QString());

        QVERIFY(pane.selectPointer(QStringLiteral("/name")));
        child<QAction>(pane, "copyValueAction")->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("Ada")); // a string as plain text
        child<QAction>(pane, "copyPointerAction")->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("/name"));
        child<QAction>(pane, "copyJsonAction")->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("\"Ada\""));

        QVERIFY(pane.selectPointer(QStringLiteral("/tags/1")));
        pane.copyPointer();
        QCOMPARE(clipboard->text(), QStringLiteral("/tags/1"));
        QVERIFY(pane.selectPointer(QStringLiteral("/age")));
        pane.copyValue();
        QCOMPARE(clipboard->text(), QStringLiteral("36"));

        // Ctrl+C in the tree copies the value.
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY(pane.selectPointer(QStringLiteral("/tags")));
        pane.treeView()->setFocus();
        clipboard->clear();
        QTest::keyClick(pane.treeView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE_JSON(Json::parse(clipboard->text().toStdString()), value["tags"]);
    }

    void cancelledRun_saysCancelled()
    {
        FakeReply slow = FakeReply::text({ validPerson });
        slow.firstByteDelayMs = 5000;
        m_fx->fake->enqueueChat(slow);
        RunSession session;
        ResultPane pane(&session);
        QSignalSpy started(&session, &RunSession::attemptStarted);
        session.start(m_fx->backend.get(), m_fx->config());
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
        QCOMPARE(pane.verdictText(), QStringLiteral("Running attempt 1 of 3\u2026"));
        session.cancel();
        QCOMPARE(pane.verdictText(), QStringLiteral("Cancelled: The run was cancelled."));
        QVERIFY(!pane.hasValue());
        QVERIFY(!child<QToolButton>(pane, "acceptAnywayButton")->isEnabled());
    }

    void paneMadeAfterTheRun_showsIt()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ validPerson }));
        RunSession session;
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        ResultPane pane(&session);
        QVERIFY(pane.hasValue());
        QCOMPARE(pane.verdictText(), QStringLiteral("Valid on attempt 1 of 3."));
    }

    void model_passesModelTester()
    {
        ResultTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Json value = Test::parseQ("{'a': {'b': [1, {'c': null}, []], 'd': {}}, 'e': 'x', 'f': [true, 2.5]}");
        ValidationError error;
        error.instancePath = QStringLiteral("/a/b/1/c");
        error.message = QStringLiteral("null is not a string");
        model.setValue(value, { error });
        // Walk every node, as a fully expanded view would.
        int mismatches = 0;
        std::function<int(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            int count = 0;
            for (int row = 0; row < model.rowCount(parent); ++row) {
                const QModelIndex index = model.index(row, 0, parent);
                if (model.parent(index) != parent || model.indexForPointer(model.pointerAt(index)) != index)
                    ++mismatches;
                count += 1 + walk(index);
            }
            return count;
        };
        QCOMPARE(walk({}), 12);
        QCOMPARE(mismatches, 0);
        QVERIFY(model.indexForPointer(QStringLiteral("/a/b/1/c")).data(ResultTreeModel::HasErrorRole).toBool());
        QCOMPARE(model.indexForPointer(QStringLiteral("/a")).data(ResultTreeModel::ErrorsBelowRole).toInt(), 1);
        QCOMPARE(model.errorCount(), 1);
        model.setValue(Json("just a string"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void model_longStringsShortenedForDisplay()
    {
        ResultTreeModel model;
        const std::string text = std::string(150, 'a') + std::string(100, 'b') + "\xc3\xa9";
        model.setValue(Json::object({ { "long", text } }));
        const QModelIndex index = model.indexForPointer(QStringLiteral("/long"));
        const QString shown = cell(index, ResultTreeModel::ValueColumn);
        QVERIFY2(shown.size() < 210 && shown.endsWith(QStringLiteral("\u2026\"")), qPrintable(shown));
        QCOMPARE(index.data(ResultTreeModel::ValueTextRole).toString(), QString::fromStdString(text));
    }

    void model_tenMegabyteValue_showsLastRowAndFormatsJsonOffTheGuiThread()
    {
        // About 10 MB: 100 000 records in one array.
        Json value = Json::object();
        Json &items = value["items"] = Json::array();
        for (int i = 0; i < 100000; ++i)
            items.push_back({ { "id", i }, { "title", std::string(60, char('a' + i % 26)) }, { "score", i * 0.5 } });
        const std::size_t bytes = value.dump().size();
        QVERIFY(bytes > 9'000'000);

        RunSession session;
        ResultPane pane(&session);
        pane.resize(800, 600);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        // How long this takes is printed by tests/bench/bench_resultview; here, that it works.
        ResultTreeModel &model = *pane.model();
        model.setValue(value);
        const QModelIndex list = model.indexForPointer(QStringLiteral("/items"));
        pane.treeView()->expand(model.index(0, 0));
        pane.treeView()->expand(list);
        pane.treeView()->scrollToBottom();
        QCoreApplication::processEvents();
        const QModelIndex last = model.indexForPointer(QStringLiteral("/items/99999/title"));
        QVERIFY(last.isValid());
        QCOMPARE(model.rowCount(list), 100000);
        const QRect lastRow = pane.treeView()->visualRect(last.parent().siblingAtColumn(0)); // /items/99999
        QVERIFY(pane.treeView()->viewport()->rect().intersects(lastRow)); // scrolled into view

        // Through the session, then the JSON tab.
        session.showValidation(QString::fromStdString(value.dump()), Schema::compile(Json::object()).value());
        QVERIFY(pane.hasValue());
        auto *json = child<CodeEditor>(pane, "resultJson");
        QSignalSpy jsonUpdated(&pane, &ResultPane::jsonViewUpdated);
        child<QTabWidget>(pane, "resultTabs")->setCurrentIndex(1);
        QVERIFY(json->toPlainText().isEmpty()); // formatted on a worker thread, not in the switch
        QVERIFY(jsonUpdated.wait(20000));
        // Only the beginning is shown, whole lines, and the notice says so.
        const QString shown = json->toPlainText();
        QVERIFY(shown.size() > 400'000 && shown.size() <= 524'288);
        QVERIFY(QString::fromUtf8(resultToJson(value)).startsWith(shown));
        const auto *notice = child<QLabel>(pane, "resultJsonNotice");
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().startsWith(QStringLiteral("Showing the first ")), qPrintable(notice->text()));
    }
};

QTEST_MAIN(TestResultPane)
#include "tst_resultpane.moc"
