// SPDX-License-Identifier: GPL-3.0-or-later
// bench_extraction: the client's own time per attempt against an instant FakeOllama reply.
//
// Prints, for a 2 kB and a 200 kB reply, the median time in microseconds of each client-side
// piece (timed directly, in this thread), and an end-to-end figure: a whole ExtractionRun against
// a FakeOllama that runs in its own thread, with the client's CPU time taken as the process CPU
// time minus the server thread's CPU time (so the server's work is not counted).
// Usage: bench_extraction [iterations]
#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "extraction/streamprogresstracker.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "llm/ollamabackend.h"
#include "llm/streamdecoders.h"
#include "json/jsonextractor.h"
#include "json/jsonparser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <functional>
#include <vector>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Json = nlohmann::ordered_json;

namespace {

double cpuMicros(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

// Median wall time of `body` in microseconds.
double timeIt(int iterations, const std::function<void()> &body)
{
    std::vector<double> samples;
    samples.reserve(size_t(iterations));
    body(); // warm up
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer timer;
        timer.start();
        body();
        samples.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    return median(samples);
}

// A realistic extraction schema: an invoice with line items.
Json invoiceSchema()
{
    const char *text = R"({
  "title": "Invoice", "type": "object",
  "properties": {
    "number": {"type": "string", "pattern": "^INV-[0-9]+$"},
    "date": {"type": "string", "format": "date"},
    "customer": {"type": "object", "properties": {
        "name": {"type": "string", "minLength": 1},
        "email": {"type": "string", "format": "email"},
        "vip": {"type": "boolean"}},
      "required": ["name"]},
    "items": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {
        "sku": {"type": "string"},
        "description": {"type": "string"},
        "quantity": {"type": "integer", "minimum": 1},
        "price": {"type": "number", "minimum": 0},
        "tags": {"type": "array", "items": {"type": "string", "enum": ["new", "sale", "bulk", "gift"]}}},
      "required": ["sku", "quantity", "price"]}},
    "total": {"type": "number", "minimum": 0}
  },
  "required": ["number", "date", "customer", "items", "total"]
})";
    return Json::parse(text);
}

// A valid instance of about `bytes` bytes (compact JSON).
std::string invoiceOfSize(size_t bytes)
{
    Json invoice = Json::object();
    invoice["number"] = "INV-1042";
    invoice["date"] = "2026-11-24";
    invoice["customer"] = Json { { "name", "Ada Lovelace" }, { "email", "ada@example.org" }, { "vip", true } };
    invoice["items"] = Json::array();
    invoice["total"] = 0;
    int i = 0;
    while (invoice.dump().size() < bytes) {
        Json item = Json::object();
        item["sku"] = "SKU-" + std::to_string(1000 + i);
        item["description"] = "Analytical engine spare part number " + std::to_string(i);
        item["quantity"] = 1 + i % 7;
        item["price"] = 12.5 + i;
        item["tags"] = Json::array({ "new", "bulk" });
        invoice["items"].push_back(std::move(item));
        ++i;
    }
    return invoice.dump();
}

// The reply cut into pieces of about 4 bytes, as tokens arrive.
QStringList tokens(const std::string &text)
{
    QStringList pieces;
    const QString all = QString::fromStdString(text);
    for (qsizetype i = 0; i < all.size(); i += 4)
        pieces.append(all.mid(i, 4));
    return pieces;
}

QByteArray ndjsonOf(const QStringList &pieces)
{
    QByteArray body;
    for (const QString &piece : pieces) {
        Json line = Json::object();
        line["model"] = "bench";
        line["created_at"] = "2026-11-24T08:00:00Z";
        line["message"] = Json { { "role", "assistant" }, { "content", piece.toStdString() } };
        line["done"] = false;
        body += QByteArray::fromStdString(line.dump()) + '\n';
    }
    body += "{\"model\":\"bench\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
            "\"done_reason\":\"stop\",\"prompt_eval_count\":26,\"eval_count\":12}\n";
    return body;
}

struct Figures {
    double requestBuild = 0;
    double streamDecode = 0;
    double extractParse = 0;
    double validate = 0;
    double events = 0;
    double streamDecodeOneLine = 0; // not part of the total
    double partialTick = 0; // not part of the total: at most one per 50 ms while streaming
    double total() const { return requestBuild + streamDecode + extractParse + validate + events; }
};

Figures measurePieces(const Schema &schema, const std::string &reply, int iterations)
{
    Figures f;
    ExtractionConfig config;
    config.model = QStringLiteral("bench");
    config.schema = schema;
    ChatMessage user;
    user.role = QStringLiteral("user");
    user.content = QStringLiteral("Extract the invoice from the attached text.");
    config.messages = { user };

    // request build: base request (schema prompt rendering, mode) + the wire body
    f.requestBuild = timeIt(iterations, [&] {
        auto base = buildBaseRequest(config, BackendApi::Ollama);
        const QByteArray body = OllamaBackend::buildChatBody(base->request, false);
        Q_UNUSED(body);
    });

    // stream decode: the NDJSON of the reply in ~4-byte tokens, deltas accumulated as the run does
    const QStringList pieces = tokens(reply);
    const QByteArray ndjson = ndjsonOf(pieces);
    f.streamDecode = timeIt(iterations, [&] {
        NdjsonChatDecoder decoder;
        QString live;
        decoder.onDelta = [&live](const ChatDelta &delta) { live += delta.content; };
        // network reads arrive in chunks of some kB
        for (qsizetype at = 0; at < ndjson.size(); at += 16384)
            decoder.feed(QByteArrayView(ndjson.constData() + at, std::min<qsizetype>(16384, ndjson.size() - at)));
        decoder.finish();
    });

    // the same reply as one NDJSON line: the per-line cost of the decoder drops out
    const QByteArray oneLine = ndjsonOf({ QString::fromStdString(reply) });
    f.streamDecodeOneLine = timeIt(iterations, [&] {
        NdjsonChatDecoder decoder;
        QString live;
        decoder.onDelta = [&live](const ChatDelta &delta) { live += delta.content; };
        decoder.feed(QByteArrayView(oneLine));
        decoder.finish();
    });

    AttemptRecord record;
    record.content = QString::fromStdString(reply);
    const QByteArray utf8 = record.content.toUtf8();
    const std::string_view text(utf8.constData(), size_t(utf8.size()));
    f.extractParse = timeIt(iterations, [&] {
        const QByteArray bytes = record.content.toUtf8();
        auto extracted = extractJson(std::string_view(bytes.constData(), size_t(bytes.size())));
        auto parsed = parseExtractedJson(*extracted, std::string_view(bytes.constData(), size_t(bytes.size())));
        Q_UNUSED(parsed);
    });
    const Json value = Json::parse(reply);
    f.validate = timeIt(iterations, [&] {
        const auto errors = schema.validate(value);
        Q_UNUSED(errors);
    });

    // events of an instant reply: the final streamDelta (built from the evaluated value, as the run
    // does), the attempt record appended to the run's list, and both payloads wrapped in QVariants
    // (what a queued connection or a QSignalSpy costs)
    const Json finalValue = Json::parse(reply);
    f.events = timeIt(iterations, [&] {
        StreamProgress progress;
        progress.content = record.content;
        progress.hasPartialValue = true;
        progress.partial = std::make_shared<const PartialJsonValue>(PartialJsonValue { finalValue, {} });
        progress.complete = true;
        progress.final = true;
        const QVariant asVariant = QVariant::fromValue(progress);
        QList<AttemptRecord> list;
        list.append(record);
        const QVariant recordVariant = QVariant::fromValue(list.last());
        Q_UNUSED(asVariant);
        Q_UNUSED(recordVariant);
    });
    // one throttled tick while streaming: the partial parse of the whole text so far
    f.partialTick = timeIt(iterations, [&] {
        const StreamProgress progress = streamProgressFor(ExtractionMode::Json, record.content, record.content);
        Q_UNUSED(progress);
    });
    return f;
}

// One streaming tick with the incremental tracker: the reply is fed up to its last 64 bytes, then
// the median time of a tick that adds 16 more bytes (what a fast model sends in a 50 ms throttle
// interval) is taken over the last four of them. Independent of the reply's size.
double incrementalTick(const std::string &reply)
{
    const QString text = QString::fromStdString(reply);
    const qsizetype head = text.size() - 64;
    StreamProgressTracker tracker(ExtractionMode::Json);
    tracker.append(QStringView(text).left(head));
    tracker.refresh();
    std::vector<double> samples;
    for (qsizetype at = head; at < text.size(); at += 16) {
        QElapsedTimer timer;
        timer.start();
        tracker.append(QStringView(text).mid(at, 16));
        tracker.refresh();
        samples.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    if (!tracker.isComplete())
        qFatal("bench: the tracker did not read the whole reply");
    return median(samples);
}

struct EndToEnd {
    double wallMicros = 0;
    double clientCpuMicros = 0;
};

EndToEnd measureRun(const Schema &schema, const std::string &reply, int runs, bool tokenPieces)
{
    QThread serverThread;
    serverThread.start();
    auto *fake = new FakeOllama;
    fake->moveToThread(&serverThread);
    double serverCpuStart = 0;
    QMetaObject::invokeMethod(
        fake,
        [fake, &serverCpuStart] {
            fake->listen();
            fake->addModel(QStringLiteral("bench")); // the model the runs ask for
            serverCpuStart = cpuMicros(CLOCK_THREAD_CPUTIME_ID);
        },
        Qt::BlockingQueuedConnection);
    const QStringList pieces = tokenPieces ? tokens(reply) : QStringList { QString::fromStdString(reply) };
    QMetaObject::invokeMethod(
        fake,
        [fake, &pieces, runs] {
            for (int i = 0; i < runs + 1; ++i)
                fake->enqueueChat(FakeReply::text(pieces));
        },
        Qt::BlockingQueuedConnection);

    QNetworkAccessManager network;
    BackendConfig bc;
    bc.baseUrl = fake->baseUrl();
    std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &network, bc));
    ExtractionConfig config;
    config.model = QStringLiteral("bench");
    config.schema = schema;
    config.mode = ExtractionMode::Json; // no /api/version probe: one HTTP request per attempt
    ChatMessage user;
    user.role = QStringLiteral("user");
    user.content = QStringLiteral("Extract the invoice.");
    config.messages = { user };

    auto once = [&] {
        ExtractionRun run(backend.get(), config);
        QEventLoop loop;
        QObject::connect(&run, &ExtractionRun::succeeded, &loop, &QEventLoop::quit);
        QObject::connect(&run, &ExtractionRun::failed, &loop, &QEventLoop::quit);
        run.start();
        loop.exec();
        if (!run.result().success)
            qFatal("bench run failed: %s", qPrintable(run.result().message));
    };
    once(); // warm up: connection, first allocations

    double serverCpuBefore = 0;
    QMetaObject::invokeMethod(
        fake, [&serverCpuBefore] { serverCpuBefore = cpuMicros(CLOCK_THREAD_CPUTIME_ID); },
        Qt::BlockingQueuedConnection);
    const double processBefore = cpuMicros(CLOCK_PROCESS_CPUTIME_ID);
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < runs; ++i)
        once();
    const double wallMicros = double(wall.nsecsElapsed()) / 1000.0;
    const double processAfter = cpuMicros(CLOCK_PROCESS_CPUTIME_ID);
    double serverCpuAfter = 0;
    QMetaObject::invokeMethod(
        fake, [&serverCpuAfter] { serverCpuAfter = cpuMicros(CLOCK_THREAD_CPUTIME_ID); }, Qt::BlockingQueuedConnection);
    Q_UNUSED(serverCpuStart);

    EndToEnd e;
    e.wallMicros = wallMicros / runs;
    e.clientCpuMicros = ((processAfter - processBefore) - (serverCpuAfter - serverCpuBefore)) / runs;

    QMetaObject::invokeMethod(
        fake, [fake] { delete fake; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return e;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? std::max(1, atoi(argv[1])) : 200;
    QTextStream out(stdout);
    const Schema schema = Schema::compile(invoiceSchema()).value();

    out << "bench_extraction: client time per attempt, median of " << iterations << " iterations (microseconds)\n";
    out << "streaming tick: whole reply so far re-parsed (streamProgressFor, before) and incremental "
           "(StreamProgressTracker, 16 new bytes)"
        << Qt::endl;
    for (size_t size : { size_t(2048), size_t(200 * 1024), size_t(5 * 1024 * 1024) }) {
        const std::string reply = invoiceOfSize(size);
        const QString text = QString::fromStdString(reply);
        const double whole = timeIt(size > 1000000 ? 3 : 20, [&] {
            const StreamProgress progress = streamProgressFor(ExtractionMode::Json, text, text);
            Q_UNUSED(progress);
        });
        std::vector<double> ticks;
        for (int i = 0; i < 5; ++i)
            ticks.push_back(incrementalTick(reply));
        out << QStringLiteral("  reply %1 bytes: re-parse %2 us, incremental tick %3 us")
                   .arg(reply.size(), 8)
                   .arg(whole, 10, 'f', 1)
                   .arg(median(ticks), 8, 'f', 1)
            << Qt::endl;
    }
    if (qEnvironmentVariableIsSet("BENCH_TICKS_ONLY"))
        return 0;
    for (size_t size : { size_t(2048), size_t(200 * 1024) }) {
        const std::string reply = invoiceOfSize(size);
        const int n = size > 10000 ? std::max(5, iterations / 20) : iterations;
        const Figures f = measurePieces(schema, reply, n);
        out << Qt::endl
            << "reply " << reply.size() << " bytes (" << tokens(reply).size() << " stream pieces)" << Qt::endl;
        out << QStringLiteral("  request build (base request + wire JSON) %1 us").arg(f.requestBuild, 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  stream decode (NDJSON -> deltas)         %1 us").arg(f.streamDecode, 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  (stream decode, reply in one NDJSON line  %1 us)")
                   .arg(f.streamDecodeOneLine, 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  extraction + parse with source map      %1 us").arg(f.extractParse, 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  validation                               %1 us").arg(f.validate, 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  events (final event + attempt record)    %1 us").arg(f.events, 10, 'f', 1) << Qt::endl;
        out << QStringLiteral("  sum of the pieces                        %1 us").arg(f.total(), 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  sum without stream decode                %1 us")
                   .arg(f.total() - f.streamDecode, 10, 'f', 1)
            << Qt::endl;
        out << QStringLiteral("  one streaming tick (partial parse so far)  %1 us").arg(f.partialTick, 10, 'f', 1)
            << Qt::endl;
        const int runs = size > 10000 ? std::max(5, iterations / 20) : std::max(20, iterations / 2);
        for (bool tokenPieces : { false, true }) {
            if (tokenPieces && size > 10000)
                continue; // 50k separate writes measure the loopback, not the client
            const EndToEnd e = measureRun(schema, reply, runs, tokenPieces);
            out << QStringLiteral("  end to end, reply in %1 (%2 runs): wall %3 us, client CPU %4 us")
                       .arg(tokenPieces ? QStringLiteral("%1 NDJSON lines").arg(tokens(reply).size())
                                        : QStringLiteral("one NDJSON line"))
                       .arg(runs)
                       .arg(e.wallMicros, 0, 'f', 1)
                       .arg(e.clientCpuMicros, 0, 'f', 1)
                << Qt::endl;
        }
    }
    out << Qt::endl
        << "client CPU = process CPU time minus the FakeOllama thread's CPU time; it includes Qt's HTTP stack "
           "(its own thread) and the event loop."
        << Qt::endl;
    return 0;
}
