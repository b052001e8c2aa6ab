// SPDX-License-Identifier: GPL-3.0-or-later
// The History pane: listing, search, status filter, delete, re-validation, a damaged file.
#include "history/historypane.h"
#include "history/historyrunsmodel.h"
#include "mainwindow/mainwindow.h"
#include "store/historydatabase.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;
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
        QCOMPARE(pane.runsModel()->index(0, HistoryRunsModel::StatusColumn).data().toString(), QStringLiteral("invalid"));
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
};

QTEST_MAIN(TestHistoryPane)
#include "tst_historypane.moc"
