// SPDX-License-Identifier: GPL-3.0-or-later
// bench_resultview: GUI-thread cost of the Result pane on a large value.
//
// A value of about 10 MB (100,000 records in one array), shown in a pane on screen:
//   1. set it in the tree model, expand the array and scroll to its last row;
//   2. switch to the JSON tab: the time the switch takes on the GUI thread (the text is formatted
//      and highlighted on a worker thread), and the time until the JSON is shown.
// Each figure is the median of the rounds, with the slowest round beside it.
// Usage: QT_QPA_PLATFORM=offscreen bench_resultview [records=100000] [rounds=5]
#include "result/resultpane.h"
#include "result/resulttreemodel.h"
#include "run/runsession.h"
#include "schema/schema.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextStream>
#include <QTreeView>

#include <algorithm>
#include <vector>

using namespace Formwork;
using namespace Formwork::Ui;
using Json = nlohmann::ordered_json;

namespace {

QTextStream out(stdout);

Json records(int count)
{
    Json value = Json::object();
    Json &items = value["items"] = Json::array();
    for (int i = 0; i < count; ++i)
        items.push_back({ { "id", i }, { "title", std::string(60, char('a' + i % 26)) }, { "score", i * 0.5 } });
    return value;
}

struct Round {
    double treeMs = 0;
    double switchMs = 0;
    double jsonShownMs = 0;
};

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

Round measureOnce(const Json &value, const QString &text)
{
    Round round;
    RunSession session;
    ResultPane pane(&session);
    pane.resize(800, 600);
    pane.show();
    if (!QTest::qWaitForWindowExposed(&pane))
        qFatal("the pane was not shown");

    QElapsedTimer timer;
    timer.start();
    ResultTreeModel &model = *pane.model();
    model.setValue(value);
    pane.treeView()->expand(model.index(0, 0));
    pane.treeView()->expand(model.indexForPointer(QStringLiteral("/items")));
    pane.treeView()->scrollToBottom();
    QCoreApplication::processEvents();
    round.treeMs = msSince(timer);

    session.showValidation(text, Schema::compile(Json::object()).value());
    auto *tabs = pane.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    QSignalSpy jsonUpdated(&pane, &ResultPane::jsonViewUpdated);
    timer.restart();
    tabs->setCurrentIndex(1);
    round.switchMs = msSince(timer);
    if (!jsonUpdated.wait(60000))
        qFatal("the JSON tab was never filled");
    round.jsonShownMs = msSince(timer);
    return round;
}

void printFigure(const char *label, std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    out << QStringLiteral("  %1 median %2 ms, slowest %3 ms\n")
               .arg(QLatin1String(label), -44)
               .arg(values[values.size() / 2], 0, 'f', 1)
               .arg(values.back(), 0, 'f', 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.size() > 1 ? args.at(1).toInt() : 100000;
    const int rounds = std::max(1, args.size() > 2 ? args.at(2).toInt() : 5);

    const Json value = records(count);
    const QString text = QString::fromStdString(value.dump());
    out << QStringLiteral("Result pane, %1 records (%2 bytes of JSON), %3 rounds\n")
               .arg(count)
               .arg(text.toUtf8().size())
               .arg(rounds);
    out.flush();

    std::vector<double> tree, switching, shown;
    for (int i = 0; i < rounds; ++i) {
        const Round round = measureOnce(value, text);
        tree.push_back(round.treeMs);
        switching.push_back(round.switchMs);
        shown.push_back(round.jsonShownMs);
    }
    printFigure("tree: set, expand, scroll to the last row", tree);
    printFigure("JSON tab: the switch on the GUI thread", switching);
    printFigure("JSON tab: until formatted text is shown", shown);
    return 0;
}
