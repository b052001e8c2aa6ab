// SPDX-License-Identifier: GPL-3.0-or-later
// bench_startup: how fast the real `formwork` binary shows its window, and how much memory it
// holds once idle with a workspace open.
//
// Starts `formwork WORKSPACE` several times on the offscreen platform with
// FORMWORK_REPORT_FIRST_FRAME=1 (the app prints "first-frame-ms: N", milliseconds from its
// process start to the first frame of the main window, then "idle-rss-kb: N" a second later and
// quits). For each run it also times, from here, QProcess::start() to the first-frame line, and
// reads VmRSS from /proc/<pid>/status when the app says it is idle. Prints medians against the
// goals (< 300 ms, < 60 MB). The first run is a warm-up and is printed apart.
// Usage: bench_startup [runs] [workspace.formwork.json]
#include "common/processmemory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <vector>

namespace {

constexpr double GoalFirstFrameMs = 300;
constexpr double GoalResidentMb = 60;

struct Sample {
    double wallMs = -1; // QProcess::start() to the first-frame line, measured here
    double appMs = -1; // the app's own figure: process start (exec) to the first frame
    double rssKb = -1; // VmRSS from /proc/<pid>/status, read here once the app is idle
};

double median(std::vector<double> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

std::optional<Sample> runOnce(const QString &binary, const QString &workspace)
{
    QTemporaryDir home;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("FORMWORK_REPORT_FIRST_FRAME"), QStringLiteral("1"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);

    Sample sample;
    QElapsedTimer timer;
    timer.start();
    process.start(binary, { workspace });
    if (!process.waitForStarted(10000))
        return std::nullopt;
    const qint64 pid = process.processId();
    QByteArray pending;
    while (sample.rssKb < 0 && process.state() == QProcess::Running) {
        if (!process.waitForReadyRead(20000))
            break;
        pending += process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline).trimmed();
            pending.remove(0, newline + 1);
            if (line.startsWith("first-frame-ms:")) {
                sample.wallMs = double(timer.nsecsElapsed()) / 1e6;
                sample.appMs = line.mid(15).trimmed().toDouble();
            } else if (line.startsWith("idle-rss-kb:")) {
                sample.rssKb = double(Formwork::residentKb(pid));
            }
        }
    }
    process.waitForFinished(10000);
    if (sample.wallMs < 0 || sample.rssKb < 0) {
        QTextStream(stderr) << "formwork did not report: " << process.readAllStandardError() << Qt::endl;
        return std::nullopt;
    }
    return sample;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int runs = args.size() > 1 ? std::max(1, args.at(1).toInt()) : 7;
    const QString workspace
        = args.size() > 2 ? args.at(2) : QStringLiteral(FORMWORK_EXAMPLES_DIR "/invoice.formwork.json");
    const QString binary = QStringLiteral(FORMWORK_GUI_PATH);
    QTextStream out(stdout);

    out << "bench_startup: " << binary << ' ' << workspace << " (offscreen, " << runs << " runs + 1 warm-up)"
        << Qt::endl;
    const auto warmUp = runOnce(binary, workspace);
    if (!warmUp)
        return 1;
    out << QStringLiteral("  warm-up run: first frame %1 ms (app: %2 ms), idle RSS %3 MB")
               .arg(warmUp->wallMs, 0, 'f', 1)
               .arg(warmUp->appMs, 0, 'f', 0)
               .arg(warmUp->rssKb / 1024.0, 0, 'f', 1)
        << Qt::endl;

    std::vector<double> wall;
    std::vector<double> appMs;
    std::vector<double> rss;
    for (int i = 0; i < runs; ++i) {
        const auto sample = runOnce(binary, workspace);
        if (!sample)
            return 1;
        wall.push_back(sample->wallMs);
        appMs.push_back(sample->appMs);
        rss.push_back(sample->rssKb);
    }
    const double medianWall = median(wall);
    const double medianRssMb = median(rss) / 1024.0;
    out << QStringLiteral("  first frame (start to shown window), median of %1: %2 ms (min %3, max %4); "
                          "app's own count from exec: %5 ms   goal < %6 ms: %7")
               .arg(runs)
               .arg(medianWall, 0, 'f', 1)
               .arg(*std::min_element(wall.begin(), wall.end()), 0, 'f', 1)
               .arg(*std::max_element(wall.begin(), wall.end()), 0, 'f', 1)
               .arg(median(appMs), 0, 'f', 0)
               .arg(GoalFirstFrameMs, 0, 'f', 0)
               .arg(medianWall < GoalFirstFrameMs ? QStringLiteral("met") : QStringLiteral("MISSED"))
        << Qt::endl;
    out << QStringLiteral("  resident memory once idle with the workspace open (VmRSS), median: %1 MB   "
                          "goal < %2 MB: %3")
               .arg(medianRssMb, 0, 'f', 1)
               .arg(GoalResidentMb, 0, 'f', 0)
               .arg(medianRssMb < GoalResidentMb ? QStringLiteral("met") : QStringLiteral("MISSED"))
        << Qt::endl;
    return 0;
}
