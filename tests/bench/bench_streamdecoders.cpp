// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput of the NDJSON (native Ollama) and SSE (OpenAI-compatible) chat stream decoders on
// a large generated stream, fed in fixed-size reads as a QNetworkReply would deliver it.
// Usage: bench_streamdecoders [megabytes=64] [read-size-bytes=16384] [rounds=3]
#include "llm/streamdecoders.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

using namespace Formwork;

namespace {

// Token-sized pieces of a JSON answer, with escapes and non-ASCII text, like real model output.
const char *const Pieces[] = {
    "{\\\"", "name",       "\\\":",   " \\\"",       "Zo\xc3\xab", " M\xc3\xbcller",     "\\\",", " \\\"age", "\\\": ",
    "42",    ", \\\"tags", "\\\": [", "\\\"a\\\\nb", "\\\"]",      ", \\\"ok\\\": true", "}"
};
constexpr int PieceCount = int(sizeof(Pieces) / sizeof(Pieces[0]));

QByteArray nativeStream(qsizetype targetBytes, qsizetype *lines)
{
    QByteArray out;
    out.reserve(targetBytes + 1024);
    qsizetype n = 0;
    while (out.size() < targetBytes) {
        out += "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-10-26T17:15:24.166576Z\",\"message\":{\"role\":"
               "\"assistant\","
               "\"content\":\"";
        out += Pieces[n % PieceCount];
        out += "\"},\"done\":false}\n";
        ++n;
    }
    out += "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-10-26T17:15:24.166576Z\",\"message\":{\"role\":\"assistant\","
           "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":2254970291,\"load_duration\":"
           "574751416,\"prompt_eval_count\":26,\"prompt_eval_duration\":1502000000,\"eval_count\":12,\"eval_duration\":"
           "175000000}\n";
    *lines = n + 1;
    return out;
}

QByteArray sseStream(qsizetype targetBytes, qsizetype *events)
{
    QByteArray out;
    out.reserve(targetBytes + 1024);
    qsizetype n = 0;
    while (out.size() < targetBytes) {
        out += "data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1733445018,\"model\":"
               "\"qwen3:8b\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
        out += Pieces[n % PieceCount];
        out += "\"},\"finish_reason\":null}]}\n\n";
        ++n;
    }
    out += "data: {\"id\":\"chatcmpl-7\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
           "data: {\"id\":\"chatcmpl-7\",\"choices\":[],\"usage\":{\"prompt_tokens\":34,\"completion_tokens\":12}}\n\n"
           "data: [DONE]\n\n";
    *events = n + 3;
    return out;
}

template<typename Decoder> double run(const QByteArray &stream, qsizetype readSize, qsizetype *deltas, bool *ok)
{
    Decoder decoder;
    qsizetype count = 0;
    decoder.onDelta = [&count](const ChatDelta &) { ++count; };
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < stream.size(); i += readSize)
        decoder.feed(QByteArrayView(stream).sliced(i, std::min(readSize, stream.size() - i)));
    decoder.finish();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    *deltas = count;
    *ok = decoder.isDone() && !decoder.hasError();
    return seconds;
}

template<typename Decoder>
void report(QTextStream &out, const char *name, const QByteArray &stream, qsizetype units, qsizetype readSize,
            int rounds)
{
    double best = 1e30;
    double total = 0;
    qsizetype deltas = 0;
    bool ok = true;
    for (int r = 0; r < rounds; ++r) {
        bool roundOk = false;
        const double seconds = run<Decoder>(stream, readSize, &deltas, &roundOk);
        ok = ok && roundOk;
        best = std::min(best, seconds);
        total += seconds;
    }
    const double mb = double(stream.size()) / (1024.0 * 1024.0);
    out << QStringLiteral("%1  %2 MiB, %3 lines/events, reads of %4 B: best %5 MiB/s (%6 s), mean %7 MiB/s, "
                          "%8 M deltas/s%9")
               .arg(QLatin1String(name))
               .arg(mb, 0, 'f', 1)
               .arg(units)
               .arg(readSize)
               .arg(mb / best, 0, 'f', 1)
               .arg(best, 0, 'f', 3)
               .arg(mb / (total / rounds), 0, 'f', 1)
               .arg(double(deltas) / best / 1e6, 0, 'f', 2)
               .arg(ok ? QString() : QStringLiteral("  [DECODE FAILED]"))
        << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype megabytes = args.value(1, QStringLiteral("64")).toLongLong();
    const qsizetype readSize = args.value(2, QStringLiteral("16384")).toLongLong();
    const int rounds = args.value(3, QStringLiteral("3")).toInt();
    QTextStream out(stdout);

    qsizetype lines = 0;
    qsizetype events = 0;
    const QByteArray ndjson = nativeStream(megabytes * 1024 * 1024, &lines);
    const QByteArray sse = sseStream(megabytes * 1024 * 1024, &events);
    report<NdjsonChatDecoder>(out, "NDJSON", ndjson, lines, readSize, rounds);
    report<SseChatDecoder>(out, "SSE   ", sse, events, readSize, rounds);

    // One huge piece of content (a 10 MB answer in a single line/event).
    const QByteArray big(10 * 1024 * 1024, 'x');
    const QByteArray bigLine = "{\"message\":{\"role\":\"assistant\",\"content\":\"" + big + "\"},\"done\":true}\n";
    const QByteArray bigEvent = "data: {\"choices\":[{\"delta\":{\"content\":\"" + big
        + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    report<NdjsonChatDecoder>(out, "NDJSON-10MB-line ", bigLine, 1, readSize, rounds);
    report<SseChatDecoder>(out, "SSE-10MB-event   ", bigEvent, 2, readSize, rounds);
    return 0;
}
