// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the chat stream decoders (NDJSON and SSE). The first byte picks the decoder and
// a chunk size; the rest is the stream. Besides "no crash, no sanitizer report": the stream fed
// in one piece and fed in chunks of that size decode to the same result (chunk boundaries fall
// anywhere on a real connection, reference/ollama-api.md 3.3).
#include "llm/streamdecoders.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace Formwork;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

struct Decoded {
    ChatResult result;
    bool done = false;
    std::optional<BackendError::Kind> error;
    QString deltas; // every content delta, in order
};

Decoded decode(bool sse, QByteArrayView stream, qsizetype chunk)
{
    std::unique_ptr<ChatStreamDecoder> decoder;
    if (sse)
        decoder = std::make_unique<SseChatDecoder>();
    else
        decoder = std::make_unique<NdjsonChatDecoder>();
    Decoded out;
    decoder->onDelta = [&out](const ChatDelta &delta) { out.deltas += delta.content; };
    for (qsizetype at = 0; at < stream.size() && !decoder->isDone() && !decoder->hasError(); at += chunk)
        decoder->feed(stream.sliced(at, std::min(chunk, stream.size() - at)));
    if (!decoder->isDone() && !decoder->hasError())
        decoder->finish();
    out.done = decoder->isDone();
    if (decoder->error())
        out.error = decoder->error()->kind;
    out.result = decoder->takeResult();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const bool sse = data[0] & 1;
    const qsizetype chunk = 1 + (data[0] >> 1) % 17;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const Decoded whole = decode(sse, stream, std::max<qsizetype>(1, stream.size()));
    const Decoded pieces = decode(sse, stream, chunk);
    check(whole.done == pieces.done, "done does not depend on chunking");
    check(whole.error == pieces.error, "the error does not depend on chunking");
    check(whole.result.content == pieces.result.content, "content does not depend on chunking");
    check(whole.result.thinking == pieces.result.thinking, "thinking does not depend on chunking");
    check(whole.result.finishReason == pieces.result.finishReason, "finish reason does not depend on chunking");
    check(whole.result.toolCalls.size() == pieces.result.toolCalls.size(), "tool calls do not depend on chunking");
    check(whole.deltas == pieces.deltas, "the deltas add up the same");
    return 0;
}
