// SPDX-License-Identifier: GPL-3.0-or-later
// bench_replyview: GUI-thread cost of the attempt timeline's reply view.
//
// 1. A reply of about 5 MB with many failing values (every fifth price negative): the time the
//    GUI thread spends (CPU time) to build the pane on the finished run and paint it with the
//    JSON span, highlighting and underlines (goal < 200 ms); the text is laid out on a worker
//    thread. The core's parse and validation (RunSession::showValidation) is timed apart.
// 2. A reply streaming at 500 tokens/s (4 characters a token; the fake sends one every 2 ms at
//    most) from a FakeOllama in its own thread into a shown pane: the longest stall of the GUI
//    thread's event loop, one busy period from waking up to sleeping again, in CPU time of the
//    thread (wall time too, which includes time taken by other processes), and how many times
//    the text was updated.
// Usage: QT_QPA_PLATFORM=offscreen bench_replyview [megabytes=5] [stream-tokens=2500]
// FORMWORK_BENCH_TRACE=1 prints the costly events and busy periods (see TracingApplication).
#include "benchallocator.h"
#include "extraction/extractionrequest.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "run/runsession.h"
#include "timeline/replyrendering.h"
#include "timeline/replyview.h"
#include "timeline/timelinepane.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QScrollBar>
#include <QTextDocument>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <vector>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Json = nlohmann::ordered_json;

namespace {

QTextStream out(stdout);

Schema itemsSchema()
{
    const Json schema = Json::parse(R"({
      "type": "object",
      "properties": {
        "items": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "id": { "type": "integer" },
              "name": { "type": "string" },
              "price": { "type": "number", "minimum": 0 }
            },
            "required": ["id", "name", "price"]
          }
        }
      },
      "required": ["items"]
    })");
    return Schema::compile(schema).value();
}

// A prose prefix with non-ASCII text, then an indented object of about `bytes` bytes.
QString bigReply(qsizetype bytes)
{
    QString text = QStringLiteral("Voilà the résumé 😀:\n{\n  \"items\": [\n");
    for (int i = 0; text.size() < bytes; ++i) {
        if (i > 0)
            text += QStringLiteral(",\n");
        const int price = i % 5 == 0 ? -i : i;
        text += QStringLiteral("    {\n      \"id\": %1,\n      \"name\": \"item %1 ünï\",\n      \"price\": %2\n    }")
                    .arg(i)
                    .arg(price);
    }
    text += QStringLiteral("\n  ]\n}\n");
    return text;
}

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The GUI thread's busy periods: from the event loop waking up to it going back to sleep. CPU
// time of the thread is measured too, so time lost to other processes on a busy machine shows
// as wall time only.
class BusyTracker
{
public:
    BusyTracker()
    {
        auto *dispatcher = QAbstractEventDispatcher::instance();
        m_awake = QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, [this] { begin(); });
        m_block = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, [this] { end(); });
        m_since.start();
        begin();
    }
    ~BusyTracker()
    {
        QObject::disconnect(m_awake);
        QObject::disconnect(m_block);
    }
    void begin()
    {
        if (m_busy)
            return;
        m_busy = true;
        m_wall.start();
        m_cpuStart = threadCpuMs();
    }
    void end()
    {
        if (!m_busy)
            return;
        m_busy = false;
        const double cpu = threadCpuMs() - m_cpuStart;
        maxWall = std::max(maxWall, ms(m_wall));
        if (cpu > maxCpu)
            maxCpuAt = ms(m_since);
        maxCpu = std::max(maxCpu, cpu);
        totalCpu += cpu;
        cpuPeriods.push_back(cpu);
        if (qEnvironmentVariableIsSet("FORMWORK_BENCH_TRACE") && cpu > 8)
            std::fprintf(stderr, "busy period of %.1f ms CPU at %.0f ms\n", cpu, ms(m_since));
    }
    double p99Cpu()
    {
        std::sort(cpuPeriods.begin(), cpuPeriods.end());
        return cpuPeriods.empty() ? 0 : cpuPeriods[std::size_t(double(cpuPeriods.size() - 1) * 0.99)];
    }

    double maxWall = 0;
    double maxCpu = 0;
    double maxCpuAt = 0; // ms after the tracker started
    double totalCpu = 0;
    std::vector<double> cpuPeriods;

private:
    QMetaObject::Connection m_awake;
    QMetaObject::Connection m_block;
    QElapsedTimer m_wall;
    QElapsedTimer m_since;
    double m_cpuStart = 0;
    bool m_busy = false;
};

void benchBigReply(double megabytes)
{
    const QString text = bigReply(qsizetype(megabytes * 1024 * 1024));
    const Schema schema = itemsSchema();

    RunSession session;
    QElapsedTimer core;
    core.start();
    session.showValidation(text, schema);
    const double coreMs = ms(core);
    const AttemptRecord &attempt = session.attempts().constFirst();

    QElapsedTimer rendering;
    rendering.start();
    const ReplyRendering r = ReplyRendering::forAttempt(attempt, ExtractionMode::Json);
    const double renderingMs = ms(rendering);

    // The whole GUI side: pane built on the finished run, shown, the text laid out (on a worker
    // thread), then painted with highlighting and marks.
    QElapsedTimer gui;
    gui.start();
    const double cpuBefore = threadCpuMs();
    std::optional<BusyTracker> busy;
    busy.emplace();
    TimelinePane pane(&session);
    pane.resize(1400, 900);
    pane.show();
    QEventLoop wait;
    QObject::connect(pane.replyView(), &ReplyView::loaded, &wait, &QEventLoop::quit);
    if (pane.replyView()->isLoading())
        wait.exec();
    pane.replyView()->viewport()->repaint();
    busy->end();
    const double guiWallMs = ms(gui);
    const double guiCpuMs = threadCpuMs() - cpuBefore;
    const int formattedAtOpen = pane.replyView()->formattedBlockCount();

    // Scrolling to the middle formats only the blocks that come into view.
    QElapsedTimer scroll;
    scroll.start();
    QScrollBar *bar = pane.replyView()->verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    pane.replyView()->viewport()->repaint();
    const double scrollMs = ms(scroll);

    out << QStringLiteral("big reply: %1 MB, %2 blocks, %3 failing values\n")
               .arg(double(text.toUtf8().size()) / (1024.0 * 1024.0), 0, 'f', 2)
               .arg(pane.replyView()->document()->blockCount())
               .arg(attempt.errors.size());
    out << QStringLiteral("  core (parse + validate, not the view):     %1 ms\n").arg(coreMs, 0, 'f', 1);
    out << QStringLiteral("  ReplyRendering (byte -> UTF-16 spans):     %1 ms\n").arg(renderingMs, 0, 'f', 1);
    out << QStringLiteral("  GUI thread: pane built, shown, highlighted, marked: %1 ms CPU (goal < 200), "
                          "longest single stall %2 ms CPU / %3 ms wall; %4 ms wall until shown\n")
               .arg(guiCpuMs, 0, 'f', 1)
               .arg(busy->maxCpu, 0, 'f', 1)
               .arg(busy->maxWall, 0, 'f', 1)
               .arg(guiWallMs, 0, 'f', 1);
    out << QStringLiteral("  blocks formatted at open: %1; scroll to middle + paint: %2 ms\n")
               .arg(formattedAtOpen)
               .arg(scrollMs, 0, 'f', 1);
    out.flush();
}

QStringList tokens(const QString &text)
{
    QStringList pieces;
    for (qsizetype i = 0; i < text.size(); i += 4)
        pieces.append(text.mid(i, 4));
    return pieces;
}

// `indented`: one item a line; otherwise the whole reply is one line (as grammar-constrained
// output often is), which QTextLayout must shape again on every append.
void benchStreaming(int tokenCount, bool indented)
{
    QString reply = QStringLiteral("{\"items\": [");
    for (int i = 0; reply.size() < tokenCount * 4 - 40; ++i)
        reply += QStringLiteral("%1{\"id\": %2, \"name\": \"item %2 ünï\", \"price\": %3}")
                     .arg(i == 0         ? QString()
                              : indented ? QStringLiteral(",\n  ")
                                         : QStringLiteral(", "))
                     .arg(i)
                     .arg(i % 5 == 0 ? -i : i);
    reply += QStringLiteral("]}");
    const QStringList pieces = tokens(reply);

    QThread serverThread;
    serverThread.start();
    auto *fake = new FakeOllama;
    fake->moveToThread(&serverThread);
    QUrl url;
    QMetaObject::invokeMethod(
        fake,
        [fake, &url, &pieces] {
            fake->listen();
            fake->addModel(QStringLiteral("bench")); // the model the run asks for
            url = fake->baseUrl();
            FakeReply r = FakeReply::text(pieces);
            r.pieceDelayMs = 2; // 500 tokens/s
            fake->enqueueChat(r);
        },
        Qt::BlockingQueuedConnection);

    QNetworkAccessManager nam;
    BackendConfig bc;
    bc.baseUrl = url;
    std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &nam, bc, nullptr));
    ExtractionConfig config;
    config.model = QStringLiteral("bench");
    config.schema = itemsSchema();
    config.mode = ExtractionMode::Json;
    ChatMessage user;
    user.role = QStringLiteral("user");
    user.content = QStringLiteral("List the items.");
    config.messages = { user };
    config.limits.maxAttempts = 1;

    RunSession session;
    TimelinePane pane(&session);
    pane.resize(1400, 900);
    pane.show();
    int textUpdates = 0;
    QObject::connect(pane.replyView()->document(), &QTextDocument::contentsChange, &pane,
                     [&textUpdates] { ++textUpdates; });

    QEventLoop loop;
    QObject::connect(&session, &RunSession::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    session.start(backend.get(), config);
    BusyTracker busy;
    loop.exec();
    busy.end();
    const double total = ms(clock);

    out << QStringLiteral("stream (%5): %1 tokens (%2 kB) sent at up to 500 tokens/s, took %3 s, outcome %4\n")
               .arg(pieces.size())
               .arg(double(reply.toUtf8().size()) / 1024.0, 0, 'f', 1)
               .arg(total / 1000.0, 0, 'f', 1)
               .arg(session.attempts().isEmpty() ? QStringLiteral("none")
                                                 : attemptOutcomeName(session.attempts().constFirst().outcome),
                    indented ? QStringLiteral("one item a line") : QStringLiteral("one long line"));
    out << QStringLiteral(
               "  longest GUI-thread stall: %1 ms CPU (goal < 16) at %5 ms, %2 ms wall; 99th percentile %3 ms CPU; "
               "GUI thread busy %4 ms CPU in all\n")
               .arg(busy.maxCpu, 0, 'f', 1)
               .arg(busy.maxWall, 0, 'f', 1)
               .arg(busy.p99Cpu(), 0, 'f', 2)
               .arg(busy.totalCpu, 0, 'f', 0)
               .arg(busy.maxCpuAt, 0, 'f', 0);
    out << QStringLiteral("  reply text updates: %1 (%2 per second)\n")
               .arg(textUpdates)
               .arg(double(textUpdates) / (total / 1000.0), 0, 'f', 1);
    out.flush();

    QMetaObject::invokeMethod(
        fake, [fake] { delete fake; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
}

// With FORMWORK_BENCH_TRACE set, every event that costs the GUI thread more than 1.5 ms CPU is
// printed (type, receiver class, its and its parent's object names), nested events indented, and
// every busy period over 8 ms: where a stall comes from, without a profiler.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_tracing)
            return QApplication::notify(receiver, event);
        // Named before the event: it may delete its receiver (DeferredDelete) or itself.
        const QByteArray names
            = (receiver->objectName() + u'/' + (receiver->parent() ? receiver->parent()->objectName() : QString()))
                  .toUtf8();
        const char *className = receiver->metaObject()->className();
        const int type = int(event->type());
        ++m_depth;
        const double start = threadCpuMs();
        const bool handled = QApplication::notify(receiver, event);
        const double cost = threadCpuMs() - start;
        --m_depth;
        if (cost > 1.5)
            std::fprintf(stderr, "%*sevent %d to %s (%s): %.1f ms CPU\n", m_depth * 2, "", type, className,
                         names.constData(), cost);
        return handled;
    }

private:
    const bool m_tracing = qEnvironmentVariableIsSet("FORMWORK_BENCH_TRACE");
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    Formwork::Bench::tuneAllocatorLikeTheApp();
    // The UNIX event dispatcher reports awake/aboutToBlock around each busy period; the glib one
    // does not pair them usefully.
    qputenv("QT_NO_GLIB", "1");
    TracingApplication app(argc, argv);
    Test::registerRunMetaTypes();
    const QStringList args = app.arguments();
    const double megabytes = args.size() > 1 ? args.at(1).toDouble() : 5.0;
    const int streamTokens = args.size() > 2 ? args.at(2).toInt() : 2500;
    benchBigReply(megabytes);
    benchStreaming(streamTokens, true);
    benchStreaming(streamTokens, false);
    return 0;
}
