// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/commandline.h"
#include "batch/batchpane.h"
#include "common/processmemory.h"
#include "documents/sourcepane.h"

#include "mainwindow/mainwindow.h"
#include "mainwindow/recoverystore.h"
#include "mainwindow/workspacecontroller.h"
#include "timeline/timelinepane.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>
#include <QWindow>

#include <ctime>
#include <unistd.h>

namespace Formwork {
namespace Ui {

namespace {
// When a platform never reports the window as exposed, go on after this long anyway.
constexpr int FirstFrameFallbackMs = 5000;
// The report of --screenshot with --run gives up when the run has not ended after this long.
constexpr int RunTimeoutMs = 30 * 60 * 1000;
// How long the window sits idle before its memory is read.
constexpr int IdleMs = 1000;

void printErr(const QString &text)
{
    QTextStream(stderr) << text << Qt::endl;
}

void printOut(const QString &text)
{
    QTextStream(stdout) << text << Qt::endl;
}
} // namespace

CommandLine::CommandLine(QObject *parent)
    : QObject(parent)
{
    configureParser();
}

CommandLine::~CommandLine() = default;

void CommandLine::configureParser()
{
    m_parser.setApplicationDescription(
        QCoreApplication::translate("main", "Validated, structured JSON from local LLMs."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addPositionalArgument(QStringLiteral("workspace"),
                                   QCoreApplication::translate("main", "A workspace file (*.formwork.json) to open."),
                                   QStringLiteral("[FILE.formwork.json]"));
    m_parser.addOption(
        QCommandLineOption(QStringLiteral("run"),
                           QCoreApplication::translate("main", "Run the workspace as soon as the window is shown.")));
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main",
                                    "Save the window as a PNG picture when the run ends (without --run: "
                                    "once the window is shown), then quit."),
        QStringLiteral("PNG")));
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("show-attempt"),
        QCoreApplication::translate("main",
                                    "With --screenshot: select attempt N in the Attempts pane before the picture "
                                    "is taken (to show a failed attempt's underlined errors)."),
        QStringLiteral("N")));
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("show-source"),
        QCoreApplication::translate("main",
                                    "With --screenshot and --run: show the Source pane, the input text with "
                                    "the run's values highlighted, once they are grounded.")));
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("batch"),
        QCoreApplication::translate("main",
                                    "Run ROWS (a CSV, a JSONL file or a folder) as a batch in the Batch pane "
                                    "once the window is shown; with --screenshot, the picture is taken when "
                                    "it ends."),
        QStringLiteral("ROWS")));
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("compare"),
        QCoreApplication::translate("main",
                                    "With --batch: compare this variant instead of running the batch (repeat "
                                    "it; MODE is schema, json, md-json or tools)."),
        QStringLiteral("MODEL:MODE")));
    m_parser.addOption(
        QCommandLineOption(QStringLiteral("self-test"),
                           QCoreApplication::translate("main", "Show the main window, then quit with status 0.")));
}

void CommandLine::process(const QCoreApplication &app)
{
    m_parser.process(app);
    parse(QCoreApplication::arguments());
}

bool CommandLine::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return false;
    const QStringList positional = m_parser.positionalArguments();
    m_workspacePath = positional.value(0);
    m_run = m_parser.isSet(QStringLiteral("run"));
    m_screenshotPath = m_parser.value(QStringLiteral("screenshot"));
    m_selfTest = m_parser.isSet(QStringLiteral("self-test"));
    m_shownAttempt = m_parser.value(QStringLiteral("show-attempt")).toInt();
    m_showSource = m_parser.isSet(QStringLiteral("show-source"));
    m_batchInput = m_parser.value(QStringLiteral("batch"));
    m_compare = m_parser.values(QStringLiteral("compare"));
    m_reportFirstFrame = qEnvironmentVariableIntValue("FORMWORK_REPORT_FIRST_FRAME") == 1;
    return true;
}

int CommandLine::start(MainWindow &window)
{
    m_window = &window;
    WorkspaceController *workspace = window.workspaceController();
    if (isUnattended()) {
        // Nobody is there to click a message box: messages go to stderr, questions take their default.
        workspace->setAskFunction([](const WorkspaceController::Question &question) {
            printErr(question.text);
            return question.defaultButton;
        });
        workspace->recovery()->disable();
    }

    // After a crash or a kill, offer what the autosave kept before anything replaces it: opening
    // the file named on the command line would otherwise discard it unseen.
    const bool restored = !isUnattended() && workspace->offerRecovery();
    if (!m_workspacePath.isEmpty() && !restored) {
        QString message;
        const auto connection = connect(workspace, &WorkspaceController::statusMessage, this,
                                        [&message](const QString &text, int) { message = text; });
        const bool opened = window.openWorkspace(m_workspacePath);
        disconnect(connection);
        if (!opened && !m_screenshotPath.isEmpty())
            return 2; // the ask function printed the message
        if (!opened && !isUnattended())
            printErr(message);
    }

    window.show();
    if (QWindow *handle = window.windowHandle())
        handle->installEventFilter(this);
    QTimer::singleShot(FirstFrameFallbackMs, this, &CommandLine::firstFrameShown);

    if (m_selfTest) {
        QTimer::singleShot(0, &window, [&window] {
            window.close();
            QCoreApplication::exit(window.isVisible() ? 1 : 0);
        });
    }
    return -1;
}

bool CommandLine::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Expose && m_window && watched == m_window->windowHandle()
        && m_window->windowHandle()->isExposed()) {
        // The expose is handled by painting the window synchronously; right after it the frame is up.
        QTimer::singleShot(0, this, &CommandLine::firstFrameShown);
    }
    return QObject::eventFilter(watched, event);
}

void CommandLine::firstFrameShown()
{
    if (m_firstFrameSeen || !m_window)
        return;
    m_firstFrameSeen = true;
    if (QWindow *handle = m_window->windowHandle())
        handle->removeEventFilter(this);

    if (m_reportFirstFrame) {
        printOut(QStringLiteral("first-frame-ms: %1").arg(msSinceProcessStart()));
        QTimer::singleShot(IdleMs, this, [] {
            printOut(QStringLiteral("idle-rss-kb: %1").arg(residentKb()));
            // A moment for a benchmark to read /proc/<pid>/status itself before the process ends.
            QTimer::singleShot(300, qApp, [] { QCoreApplication::exit(0); });
        });
        return;
    }
    if (!m_batchInput.isEmpty()) {
        startBatchShot();
        return;
    }
    if (m_run) {
        if (!m_screenshotPath.isEmpty() && m_showSource) // the grounding comes after the run, from a worker
            connect(m_window->sourcePane(), &SourcePane::groundingShown, this, &CommandLine::takeScreenshot,
                    Qt::QueuedConnection);
        else if (!m_screenshotPath.isEmpty())
            connect(m_window, &MainWindow::runFinished, this, &CommandLine::takeScreenshot, Qt::QueuedConnection);
        if (!m_window->startRun()) {
            printErr(tr("The run did not start; see the window for why."));
            if (!m_screenshotPath.isEmpty())
                QTimer::singleShot(0, this, &CommandLine::takeScreenshot);
        } else if (!m_screenshotPath.isEmpty()) {
            QTimer::singleShot(RunTimeoutMs, this, [] {
                printErr(tr("The run did not end in time; no screenshot was taken."));
                QCoreApplication::exit(1);
            });
        }
        return;
    }
    if (!m_screenshotPath.isEmpty())
        takeScreenshot();
}

// --batch (and --compare): the Batch pane runs the rows; the picture is taken when they end.
void CommandLine::startBatchShot()
{
    BatchPane *pane = m_window->batchPane();
    if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("batchDock"))) {
        dock->show();
        dock->raise();
        m_window->resizeDocks({ dock }, { m_window->height() * 55 / 100 }, Qt::Vertical); // room for the grid
    }
    pane->setInputPath(m_batchInput);
    for (const QString &variant : std::as_const(m_compare)) {
        const qsizetype colon = variant.lastIndexOf(u':');
        const auto mode
            = extractionModeFromName(colon < 0 ? QStringView(u"schema") : QStringView(variant).mid(colon + 1));
        pane->checkVariant(colon < 0 ? variant : variant.left(colon), mode.value_or(ExtractionMode::Schema));
    }
    if (!m_screenshotPath.isEmpty()) {
        if (m_compare.isEmpty())
            connect(pane, &BatchPane::batchFinished, this, &CommandLine::takeScreenshot, Qt::QueuedConnection);
        else
            connect(pane, &BatchPane::comparisonFinished, this, &CommandLine::takeScreenshot, Qt::QueuedConnection);
        connect(pane, &BatchPane::batchRefused, this, [this](const QString &message) {
            printErr(message);
            takeScreenshot();
        });
        QTimer::singleShot(RunTimeoutMs, this, [] {
            printErr(tr("The batch did not end in time; no screenshot was taken."));
            QCoreApplication::exit(1);
        });
    }
    if (!m_compare.isEmpty())
        pane->showComparison();
    const bool started = m_compare.isEmpty() ? pane->startBatch() : pane->startComparison();
    if (!started) {
        printErr(pane->message());
        if (!m_screenshotPath.isEmpty())
            QTimer::singleShot(0, this, &CommandLine::takeScreenshot);
    }
}

void CommandLine::takeScreenshot()
{
    if (!m_window)
        return;
    if (m_shownAttempt > 0)
        m_window->timelinePane()->selectAttempt(m_shownAttempt);
    if (m_showSource) {
        if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("sourceDock"))) {
            dock->show();
            dock->raise();
        }
        QCoreApplication::processEvents(); // lay the raised tab out before the picture
    }
    const QPixmap picture = m_window->grab();
    const bool written = !picture.isNull() && picture.save(m_screenshotPath, "PNG");
    if (!written)
        printErr(tr("Could not write the screenshot %1.").arg(m_screenshotPath));
    m_window = nullptr; // once
    // Quit without closing the window: a picture for the docs must not change the user's layout.
    QCoreApplication::exit(written ? 0 : 1);
}

qint64 CommandLine::msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime, in clock ticks since boot) counts from after the command name's ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startSeconds = fields.at(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now {};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowSeconds = double(now.tv_sec) + double(now.tv_nsec) / 1e9;
    return qint64((nowSeconds - startSeconds) * 1000.0);
}

qint64 CommandLine::residentKb()
{
    return Formwork::residentKb();
}

} // namespace Ui
} // namespace Formwork
