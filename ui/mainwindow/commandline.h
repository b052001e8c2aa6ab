// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QObject>
#include <QString>

class QCoreApplication;

namespace Formwork {
namespace Ui {

class MainWindow;

// The command line of the GUI (design.md section 4):
//   formwork [FILE.formwork.json] [--run] [--screenshot PNG [--show-attempt N]] [--self-test]
//            [--batch ROWS [--compare MODEL:MODE ...]]
// opens a workspace, runs it once the window is shown, and saves the window as a picture when the
// run ends (or after the first frame without --run), then quits: 0 when the picture was written,
// 1 otherwise, 2 when the workspace could not be opened.
//
// FORMWORK_REPORT_FIRST_FRAME=1 in the environment (for tests/bench/bench_startup) prints
// "first-frame-ms: N" (milliseconds from process start to the first frame of the main window),
// then, once idle, "idle-rss-kb: N" (VmRSS) and quits with 0.
class CommandLine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandLine)

public:
    explicit CommandLine(QObject *parent = nullptr);
    ~CommandLine() override;

    // Parses the application's arguments; --help, --version and usage errors exit here.
    void process(const QCoreApplication &app);
    // For tests: parses `arguments` (the program name first). False on a usage error (errorText()).
    bool parse(const QStringList &arguments);
    QString errorText() const { return m_parser.errorText(); }

    QString workspacePath() const { return m_workspacePath; }
    bool run() const { return m_run; }
    QString screenshotPath() const { return m_screenshotPath; }
    bool selfTest() const { return m_selfTest; }
    bool reportFirstFrame() const { return m_reportFirstFrame; }
    // True when nobody is expected at the window: no questions, messages go to stderr.
    bool isUnattended() const { return m_selfTest || !m_screenshotPath.isEmpty() || m_reportFirstFrame; }

    // Opens the workspace, shows the window and schedules what the options ask for. Returns an
    // exit code when the program must stop at once (the workspace did not open under
    // --screenshot), or -1 to enter the event loop.
    int start(MainWindow &window);

    // Milliseconds since this process started (from /proc/self/stat; -1 when unknown).
    static qint64 msSinceProcessStart();
    // VmRSS of this process in kB (from /proc/self/status; -1 when unknown).
    static qint64 residentKb();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void configureParser();
    void firstFrameShown();
    void takeScreenshot();

    QCommandLineParser m_parser;
    QString m_workspacePath;
    QString m_screenshotPath;
    bool m_run = false;
    int m_shownAttempt = 0; // --show-attempt
    bool m_showSource = false; // --show-source
    QString m_batchInput; // --batch
    QStringList m_compare; // --compare
    void startBatchShot();
    bool m_selfTest = false;
    bool m_reportFirstFrame = false;
    bool m_firstFrameSeen = false;
    MainWindow *m_window = nullptr;
};

} // namespace Ui
} // namespace Formwork
