// SPDX-License-Identifier: GPL-3.0-or-later
// Typing into a 5 MB schema in the schema editor pane (offscreen): prints the longest and the
// median GUI-thread stall per keystroke, the lint and field-tree updates that follow included.
// Keys arrive every 100 ms (about 10 keys/s, driven by a timer, without sleeping); every tenth key
// is followed by a pause long enough for the background lint to run and be applied.
// Usage: bench_schematyping [megabytes] [keys]   (defaults: 5 and 60)
#include "benchallocator.h"
#include "editor/codeeditor.h"
#include "mainwindow/mainwindow.h"
#include "schemaeditor/schemaeditorpane.h"
#include "schemaeditor/schemafieldeditor.h"
#include "schemaeditor/schemafieldmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextCursor>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace Formwork::Ui;

namespace {

// Objects of many fields each, with the keywords real extraction schemas use.
QString generateSchema(qsizetype targetBytes)
{
    std::string text = "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"type\": \"object\",\n"
                       "  \"properties\": {\n";
    for (int group = 0; qsizetype(text.size()) < targetBytes; ++group) {
        if (group > 0)
            text += ",\n";
        const std::string g = std::to_string(group);
        text += "    \"group_" + g + "\": {\n      \"type\": \"object\",\n      \"description\": \"Group " + g
            + " of the record\",\n      \"properties\": {\n";
        for (int field = 0; field < 100; ++field) {
            const std::string f = std::to_string(field);
            if (field > 0)
                text += ",\n";
            text += "        \"field_" + f + "\": { ";
            switch (field % 4) {
            case 0:
                text += "\"type\": \"string\", \"description\": \"The value of field " + f + " in group " + g
                    + ", as written in the document\", \"maxLength\": 200";
                break;
            case 1:
                text += "\"type\": \"integer\", \"minimum\": 0, \"maximum\": 1000, \"description\": \"A count\"";
                break;
            case 2:
                text += "\"type\": [\"string\", \"null\"], \"format\": \"date\", \"description\": \"When it happened\"";
                break;
            default:
                text += "\"type\": \"array\", \"items\": { \"type\": \"object\", \"properties\": { \"name\": { "
                        "\"type\": "
                        "\"string\" }, \"share\": { \"type\": \"number\" } }, \"required\": [\"name\"] }";
                break;
            }
            text += " }";
        }
        text += "\n      },\n      \"required\": [\"field_0\", \"field_1\"]\n    }";
    }
    text += "\n  }\n}\n";
    return QString::fromStdString(text);
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Times every event the GUI thread handles (outermost dispatch only): the longest one of a
// keystroke's interval is what the user waits for before the next frame.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = threadCpuMs();
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const double cpu = threadCpuMs() - cpuBefore;
        if (onEvent)
            onEvent(ms, cpu);
        if (verbose && ms > 16.0)
            std::printf("  slow event: %.1f ms (%.1f ms of GUI-thread CPU), type %d, receiver %s\n", ms, cpu,
                        int(event->type()), receiver->metaObject()->className());
        return handled;
    }

    // Wall time includes time the GUI thread waited for a core (the lint threads, other processes);
    // CPU time is what the event itself costs.
    static double threadCpuMs()
    {
        timespec now {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    }

    std::function<void(double, double)> onEvent;
    bool verbose = qEnvironmentVariableIsSet("BENCH_VERBOSE");

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    Formwork::Bench::tuneAllocatorLikeTheApp();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    const QStringList args = app.arguments();
    const double megabytes = args.size() > 1 ? args.at(1).toDouble() : 5.0;
    const int keys = args.size() > 2 ? args.at(2).toInt() : 60;

    const QString schema = generateSchema(qsizetype(megabytes * 1024 * 1024));
    // BENCH_WINDOW=1: the schema pane of a whole window, so what the window does after each lint
    // (the run context, the request preview, the advisor) is timed too.
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<SchemaEditorPane> ownPane;
    if (qEnvironmentVariableIsSet("BENCH_WINDOW")) {
        QStandardPaths::setTestModeEnabled(true); // the user's settings and history stay untouched
        window = std::make_unique<MainWindow>();
    } else {
        ownPane = std::make_unique<SchemaEditorPane>();
    }
    SchemaEditorPane &pane = window ? *window->schemaEditor() : *ownPane;
    QWidget &shown = window ? static_cast<QWidget &>(*window) : pane;
    shown.resize(1400, 900);
    if (qEnvironmentVariable("BENCH_VIEW") == u"text")
        pane.setView(SchemaEditorPane::View::Text);
    if (qEnvironmentVariable("BENCH_VIEW") == u"fields")
        pane.setView(SchemaEditorPane::View::Fields);
    shown.show();
    QElapsedTimer clock;
    clock.start();
    QSignalSpy loaded(&pane, &SchemaEditorPane::linted);
    pane.setText(schema);
    const double setTextMs = double(clock.nsecsElapsed()) / 1e6;
    while (loaded.isEmpty())
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    std::printf("schema: %.2f MB, %lld fields in the tree\n", double(schema.toUtf8().size()) / (1024 * 1024),
                static_cast<long long>(pane.fieldEditor()->model()->tree().size()));
    std::printf(
        "load: setText returns after %.1f ms (QPlainTextEdit::setPlainText), lint and tree applied after %.1f ms\n",
        setTextMs, loadMs);

    // Type inside a description, so the text stays a valid schema and every lint applies fully.
    const qsizetype at = schema.indexOf(QStringLiteral("as written in the document")) + 3;
    QTextCursor cursor(pane.editor()->document());
    cursor.setPosition(int(at));
    pane.editor()->setTextCursor(cursor);
    pane.editor()->setFocus();

    int currentKey = -1;
    std::vector<double> worst(size_t(keys), 0.0);
    std::vector<double> worstCpu(size_t(keys), 0.0);
    app.onEvent = [&](double ms, double cpu) {
        if (currentKey >= 0 && currentKey < keys) {
            worst[size_t(currentKey)] = std::max(worst[size_t(currentKey)], ms);
            worstCpu[size_t(currentKey)] = std::max(worstCpu[size_t(currentKey)], cpu);
        }
    };

    QSignalSpy linted(&pane, &SchemaEditorPane::linted);
    QSignalSpy edited(pane.fieldEditor()->model(), &QAbstractItemModel::dataChanged);
    QTimer typist;
    typist.setSingleShot(true);
    QEventLoop typingLoop; // not the application's: quitting that closes the window, which asks to save
    bool waitingForLint = false;
    QObject::connect(&typist, &QTimer::timeout, &app, [&] {
        ++currentKey;
        if (currentKey >= keys) {
            typingLoop.quit();
            return;
        }
        // The key itself is timed too: it is handled inside this timer event.
        QTest::keyClick(pane.editor(), char('a' + currentKey % 26));
        if ((currentKey + 1) % 10 == 0)
            waitingForLint = true; // a pause: the next key comes once the lint has been applied
        else
            typist.start(100);
    });
    QObject::connect(&pane, &SchemaEditorPane::linted, &app, [&] {
        if (waitingForLint) {
            waitingForLint = false;
            typist.start(100); // the lint and its tree update are part of this keystroke
        }
    });
    QElapsedTimer typing;
    typing.start();
    typist.start(100); // the first key like the others: after the loaded window has painted
    typingLoop.exec();
    const double typingSeconds = double(typing.elapsed()) / 1000.0;

    const auto longest = std::max_element(worst.begin(), worst.end());
    int over = 0;
    for (double ms : worst)
        over += ms > 16.0 ? 1 : 0;
    std::printf("keystrokes: %d, lints applied: %lld, field rows updated: %lld\n", keys,
                static_cast<long long>(linted.count()), static_cast<long long>(edited.count()));
    std::printf(
        "GUI stall per keystroke (wall): longest %.1f ms (key %ld), median %.1f ms, %d over 16 ms (%.1f s of typing)\n",
        *longest, long(longest - worst.begin()), median(worst), over, typingSeconds);
    const auto longestCpu = std::max_element(worstCpu.begin(), worstCpu.end());
    int overCpu = 0;
    for (double ms : worstCpu)
        overCpu += ms > 16.0 ? 1 : 0;
    std::printf("GUI stall per keystroke (GUI-thread CPU): longest %.1f ms (key %ld), median %.1f ms, %d over 16 ms\n",
                *longestCpu, long(longestCpu - worstCpu.begin()), median(worstCpu), overCpu);

    // Edits in the field tree, each timed on the GUI thread: the edit itself (the model, the text
    // change and the undo step) and the longest event after it until the lint of the new text has
    // been applied (the tree then only confirms what it shows).
    std::printf("field tree edits (GUI thread: the edit call | longest later event until the lint lands):\n");
    SchemaFieldModel *model = pane.fieldEditor()->model();
    double editWorst = 0;
    const auto timeEdit = [&](const char *what, const std::function<bool()> &edit) {
        while (!pane.isLintCurrent()) // start from a settled pane, as after a pause
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        QApplication::processEvents();
        linted.clear();
        double afterWall = 0;
        double afterCpu = 0;
        app.onEvent = [&](double ms, double cpu) {
            afterWall = std::max(afterWall, ms);
            afterCpu = std::max(afterCpu, cpu);
        };
        QElapsedTimer wall;
        wall.start();
        const double cpuBefore = TimedApplication::threadCpuMs();
        const bool ok = edit();
        const double cpu = TimedApplication::threadCpuMs() - cpuBefore;
        const double ms = double(wall.nsecsElapsed()) / 1e6;
        QElapsedTimer settling; // an edit that changed nothing is followed by no lint
        settling.start();
        while ((linted.isEmpty() || !pane.isLintCurrent()) && settling.elapsed() < 20000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        app.onEvent = nullptr;
        editWorst = std::max({ editWorst, ms, afterWall });
        std::printf("  %-44s %s wall %7.1f ms, CPU %7.1f ms | wall %6.1f ms, CPU %6.1f ms\n", what, ok ? "  " : "!!",
                    ms, cpu, afterWall, afterCpu);
    };
    const auto index = [&](const char *pointer) { return model->indexForPointer(QString::fromLatin1(pointer)); };
    for (int round = 1; round <= 2; ++round) {
        std::printf(" round %d\n", round);
        timeEdit("add a field at the top level", [&] {
            return !model->addField({}, index("/properties/group_1"), QStringLiteral("top_%1").arg(round)).isEmpty();
        });
        timeEdit("add a nested field (group_0)", [&] {
            return !model
                        ->addField(index("/properties/group_0"), index("/properties/group_0/properties/field_0"),
                                   QStringLiteral("nested_%1").arg(round))
                        .isEmpty();
        });
        timeEdit("rename a field (group_3/field_5)", [&] {
            return !model
                        ->renameField(index(round == 1 ? "/properties/group_3/properties/field_5"
                                                       : "/properties/group_3/properties/renamed_1"),
                                      QStringLiteral("renamed_%1").arg(round))
                        .isEmpty();
        });
        timeEdit("toggle required (group_300/field_7)",
                 [&] { return model->setRequired(index("/properties/group_300/properties/field_7"), round == 1); });
        timeEdit("change a type (group_390/field_4)", [&] {
            return model->setType(index("/properties/group_390/properties/field_4"),
                                  round == 1 ? QStringLiteral("number") : QStringLiteral("string"));
        });
        timeEdit("remove the nested field", [&] {
            return model->removeField(index(round == 1 ? "/properties/group_0/properties/nested_1"
                                                       : "/properties/group_0/properties/nested_2"));
        });
        timeEdit("undo (Ctrl+Z) of the removal", [&] {
            pane.editor()->undo();
            return true;
        });
    }
    // Edits back to back, each one its own event as clicks are, without waiting for the lint of
    // the ones before (it takes over a second on this schema).
    const auto timeBackToBack = [&](const char *what, const std::vector<std::function<bool()>> &edits) {
        while (!pane.isLintCurrent())
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        QApplication::processEvents();
        linted.clear();
        double longest = 0;
        double longestCpu = 0;
        bool ok = true;
        for (const auto &edit : edits) {
            QElapsedTimer wall;
            wall.start();
            const double cpuBefore = TimedApplication::threadCpuMs();
            ok = edit() && ok;
            longestCpu = std::max(longestCpu, TimedApplication::threadCpuMs() - cpuBefore);
            longest = std::max(longest, double(wall.nsecsElapsed()) / 1e6);
            // The events in between (repaints, the text's layout) as the event loop runs them.
            app.onEvent = [&](double ms, double cpu) {
                longest = std::max(longest, ms);
                longestCpu = std::max(longestCpu, cpu);
            };
            QElapsedTimer gap;
            gap.start();
            while (gap.elapsed() < 30)
                QApplication::processEvents(QEventLoop::AllEvents, 5);
            app.onEvent = nullptr;
        }
        const bool noLintBetween = linted.isEmpty();
        QElapsedTimer settling;
        settling.start();
        while ((linted.isEmpty() || !pane.isLintCurrent()) && settling.elapsed() < 20000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        editWorst = std::max(editWorst, longest);
        std::printf("  %-44s %s longest GUI-thread stall: wall %7.1f ms, CPU %7.1f ms%s\n", what, ok ? "  " : "!!",
                    longest, longestCpu, noLintBetween ? "" : " (a lint ran between them)");
    };
    std::printf(" back to back (30 ms apart)\n");
    timeBackToBack(
        "two edits: add a field, then rename it",
        {
            [&] { return !model->addField({}, {}, QStringLiteral("quick")).isEmpty(); },
            [&] { return !model->renameField(index("/properties/quick"), QStringLiteral("quick2")).isEmpty(); },
        });
    timeBackToBack(
        "four edits: nested add, required, type, remove",
        {
            [&] { return !model->addField(index("/properties/group_7"), {}, QStringLiteral("burst")).isEmpty(); },
            [&] { return model->setRequired(index("/properties/group_7/properties/burst"), true); },
            [&] { return model->setType(index("/properties/group_7/properties/burst"), QStringLiteral("integer")); },
            [&] { return model->removeField(index("/properties/group_7/properties/burst")); },
        });
    std::printf("field tree edits: longest GUI-thread event %.1f ms (goal: 16 ms)\n", editWorst);

    // Acting right after a key (Run, Validate, an edit in the tree) needs the schema of the text on
    // screen. The reference is the old way, a lint on this thread (checkNow()); the window now asks
    // ensureLintCurrent(), which lints on the worker at once and resumes the action when it lands.
    const auto typeInADescription = [&] {
        while (!pane.isLintCurrent())
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        QApplication::processEvents();
        QTextCursor inDescription(pane.editor()->document());
        inDescription.setPosition(int(pane.text().indexOf(QStringLiteral("as written in the document")) + 3));
        pane.editor()->setTextCursor(inDescription);
        QTest::keyClick(pane.editor(), 'x');
    };
    std::printf("acting right after a key (Run, Validate, an edit in the tree):\n");
    typeInADescription();
    QElapsedTimer actWall;
    actWall.start();
    double actCpu = TimedApplication::threadCpuMs();
    pane.checkNow();
    std::printf("  reference, lint on the GUI thread (checkNow):  wall %7.1f ms, CPU %7.1f ms\n",
                double(actWall.nsecsElapsed()) / 1e6, TimedApplication::threadCpuMs() - actCpu);
    typeInADescription();
    double waitWall = 0;
    double waitCpu = 0;
    app.onEvent = [&](double ms, double cpu) {
        waitWall = std::max(waitWall, ms);
        waitCpu = std::max(waitCpu, cpu);
    };
    bool resumed = false;
    actWall.restart();
    actCpu = TimedApplication::threadCpuMs();
    const bool actedAtOnce = pane.ensureLintCurrent(&pane, [&] { resumed = true; });
    const double callWall = double(actWall.nsecsElapsed()) / 1e6;
    const double callCpu = TimedApplication::threadCpuMs() - actCpu;
    while (!actedAtOnce && !resumed)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    app.onEvent = nullptr;
    std::printf("  now, lint on the worker (ensureLintCurrent):  the call: wall %7.1f ms, CPU %7.1f ms; longest "
                "GUI-thread event until the action resumes (%.0f ms later): wall %.1f ms, CPU %.1f ms%s\n",
                callWall, callCpu, double(actWall.nsecsElapsed()) / 1e6, waitWall, waitCpu,
                actedAtOnce ? " (!! linted on the GUI thread)" : "");
    return 0;
}
