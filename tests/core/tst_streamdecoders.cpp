// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/streamdecoders.h"
#include "testdata.h"

#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using Formwork::Test::readTestData;
using Kind = BackendError::Kind;

namespace {

struct Decoded {
    QList<ChatDelta> deltas;
    ChatResult result;
    std::optional<BackendError> error;
    bool done = false;
};

// Feeds `stream` in pieces of `sizes` (cycled) and finishes, as a reply would arrive.
template<typename Decoder> Decoded decode(const QByteArray &stream, qsizetype pieceSize = 0, bool finish = true)
{
    Decoder decoder;
    Decoded out;
    decoder.onDelta = [&](const ChatDelta &delta) { out.deltas.append(delta); };
    if (pieceSize <= 0) {
        decoder.feed(stream);
    } else {
        for (qsizetype i = 0; i < stream.size(); i += pieceSize)
            decoder.feed(QByteArrayView(stream).sliced(i, qMin(pieceSize, stream.size() - i)));
    }
    if (finish)
        decoder.finish();
    out.done = decoder.isDone();
    out.error = decoder.error();
    out.result = decoder.takeResult();
    return out;
}

template<typename Decoder> Decoded decodeSplitAt(const QByteArray &stream, qsizetype at)
{
    Decoder decoder;
    Decoded out;
    decoder.onDelta = [&](const ChatDelta &delta) { out.deltas.append(delta); };
    decoder.feed(QByteArrayView(stream).first(at));
    decoder.feed(QByteArrayView(stream).sliced(at));
    decoder.finish();
    out.done = decoder.isDone();
    out.error = decoder.error();
    out.result = decoder.takeResult();
    return out;
}

QByteArray nativeLine(const QByteArray &content, bool done)
{
    return "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"" + content
        + "\"},\"done\":" + (done ? "true,\"done_reason\":\"stop\"" : "false") + "}\n";
}

} // namespace

class TestStreamDecoders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // reference 3.3: the whole stream, thinking apart from content, metrics from the done line.
    void ndjson_fullStream_accumulatesContentThinkingAndMetrics()
    {
        const auto out = decode<NdjsonChatDecoder>(readTestData(QStringLiteral("llm/native-stream.ndjson")));
        QVERIFY(out.done);
        QVERIFY(!out.error);
        QCOMPARE(out.result.content, QStringLiteral("{\"age\": 22, \"name\": \"Zoë ✓\"}"));
        QCOMPARE(out.result.thinking, QStringLiteral("Let me think."));
        QCOMPARE(out.result.finishReason, QStringLiteral("stop"));
        QCOMPARE(out.result.model, QStringLiteral("qwen3"));
        QCOMPARE(out.result.usage.promptTokens, 26);
        QCOMPARE(out.result.usage.completionTokens, 12);
        QCOMPARE(out.result.timings.totalNs, 2254970291LL);
        QCOMPARE(out.result.timings.loadNs, 574751416LL);
        QCOMPARE(out.result.timings.promptEvalNs, 1502000000LL);
        QCOMPARE(out.result.timings.evalNs, 175000000LL);
        QCOMPARE(out.deltas.size(), 5);
        QCOMPARE(out.deltas.first().thinking, QStringLiteral("Let me"));
        QVERIFY(out.deltas.first().content.isEmpty());
    }

    // reference 3.3: "A chunk boundary can fall anywhere inside the JSON text", also inside a UTF-8 sequence.
    void ndjson_splitAtEveryByte_sameResult()
    {
        const QByteArray stream = readTestData(QStringLiteral("llm/native-stream.ndjson"));
        const auto whole = decode<NdjsonChatDecoder>(stream);
        for (qsizetype at = 1; at < stream.size(); ++at) {
            const auto out = decodeSplitAt<NdjsonChatDecoder>(stream, at);
            QVERIFY2(out.done && !out.error, qPrintable(QString::number(at)));
            QCOMPARE(out.result.content, whole.result.content);
            QCOMPARE(out.result.thinking, whole.result.thinking);
        }
    }

    void ndjson_oneByteReads_sameResult()
    {
        const auto out = decode<NdjsonChatDecoder>(readTestData(QStringLiteral("llm/native-stream.ndjson")), 1);
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("{\"age\": 22, \"name\": \"Zoë ✓\"}"));
    }

    void ndjson_crlfLineEnds_parsed()
    {
        QByteArray stream = readTestData(QStringLiteral("llm/native-stream.ndjson"));
        stream.replace("\n", "\r\n");
        const auto out = decode<NdjsonChatDecoder>(stream, 3);
        QVERIFY(out.done);
        QVERIFY(!out.error);
        QCOMPARE(out.result.thinking, QStringLiteral("Let me think."));
    }

    // reference 3.3: "Append message.content from every line, the done:true line included".
    void ndjson_doneLineCarriesContent_appended()
    {
        const auto out = decode<NdjsonChatDecoder>(nativeLine("{\\\"a\\\":", false) + nativeLine("1}", true));
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("{\"a\":1}"));
        QCOMPARE(out.deltas.size(), 2);
    }

    // reference 3.4: an error line after output has begun; no done line follows.
    void ndjson_errorLineMidStream_generationFailed()
    {
        const auto out = decode<NdjsonChatDecoder>(readTestData(QStringLiteral("llm/native-midstream-error.ndjson")));
        QVERIFY(!out.done);
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::GenerationFailed);
        QCOMPARE(out.error->detail, QStringLiteral("an error was encountered while running the model"));
        QCOMPARE(out.result.content, QStringLiteral("{\"age\""));
    }

    void ndjson_errorOnFirstLine_failsBeforeContent()
    {
        const auto out = decode<NdjsonChatDecoder>("{\"error\":\"invalid JSON schema in format\"}\n");
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::InvalidSchema);
        QVERIFY(out.deltas.isEmpty());
    }

    void ndjson_endsWithoutDone_streamBroken()
    {
        const auto out = decode<NdjsonChatDecoder>(nativeLine("{", false));
        QVERIFY(!out.done);
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::StreamBroken);
    }

    void ndjson_finalLineWithoutNewline_parsed()
    {
        QByteArray stream = nativeLine("x", true);
        stream.chop(1);
        const auto out = decode<NdjsonChatDecoder>(stream);
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("x"));
    }

    void ndjson_garbageLine_protocolError()
    {
        const auto out = decode<NdjsonChatDecoder>("<html>502 Bad Gateway</html>\n");
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::ProtocolError);
    }

    void ndjson_nonUtf8Bytes_replacedNotFatal()
    {
        const QByteArray stream = nativeLine("caf\xE9 \xFF\xFE ok", false) + nativeLine("", true);
        const auto out = decode<NdjsonChatDecoder>(stream, 5);
        QVERIFY(!out.error);
        QVERIFY(out.done);
        QVERIFY(out.result.content.startsWith(QStringLiteral("caf")));
        QVERIFY(out.result.content.contains(QChar(0xFFFD)));
        QVERIFY(out.result.content.endsWith(QStringLiteral(" ok")));
    }

    void ndjson_tenMegabyteContent_decoded()
    {
        const QByteArray big(10 * 1024 * 1024, 'x');
        const QByteArray stream = nativeLine(big, false) + nativeLine("", true);
        const auto out = decode<NdjsonChatDecoder>(stream, 64 * 1024);
        QVERIFY(out.done);
        QCOMPARE(out.result.content.size(), big.size());
    }

    // reference 3.2: native tool calls carry arguments as an object; the key order is kept.
    void ndjson_toolCalls_argumentsKeepOrder()
    {
        const auto out = decode<NdjsonChatDecoder>(readTestData(QStringLiteral("llm/native-tools.ndjson")));
        QVERIFY(out.done);
        QCOMPARE(out.result.toolCalls.size(), 1);
        const ToolCall call = out.result.toolCalls.first();
        QCOMPARE(call.id, QStringLiteral("call_abc"));
        QCOMPARE(call.name, QStringLiteral("get_weather"));
        QCOMPARE(call.argumentsJson, QStringLiteral("{\"city\":\"Tokyo\",\"unit\":\"c\",\"alpha\":1}"));
        QCOMPARE(out.result.usage.completionTokens, 5);
    }

    // Fields of unexpected types must neither throw nor crash (the Qt path and the tool-call path).
    void ndjson_wrongFieldTypes_noCrash()
    {
        const auto out = decode<NdjsonChatDecoder>("{\"model\":1,\"message\":\"x\",\"done\":\"yes\"}\n"
                                                   "{\"message\":{\"tool_calls\":[{\"function\":{\"name\":5,\"index\":"
                                                   "\"a\",\"arguments\":3}},7]},\"done\":1}\n");
        QVERIFY(!out.done);
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::StreamBroken);
    }

    void ndjson_nothingAfterDone_ignored()
    {
        const auto out = decode<NdjsonChatDecoder>(nativeLine("a", true) + nativeLine("b", false));
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("a"));
    }

    // reference 5.1: the >= 0.32.6 shape, reasoning apart, usage chunk with empty choices, [DONE].
    void sse_newShape_accumulatesAndEndsAtDone()
    {
        const auto out = decode<SseChatDecoder>(readTestData(QStringLiteral("llm/openai-stream.sse")));
        QVERIFY(out.done);
        QVERIFY(!out.error);
        QCOMPARE(out.result.content, QStringLiteral("{\"age\":22}"));
        QCOMPARE(out.result.thinking, QStringLiteral("Hmm"));
        QCOMPARE(out.result.finishReason, QStringLiteral("stop"));
        QCOMPARE(out.result.usage.promptTokens, 34);
        QCOMPARE(out.result.usage.completionTokens, 12);
    }

    void sse_oldShape_finishReasonOnContentChunk()
    {
        const auto out = decode<SseChatDecoder>(readTestData(QStringLiteral("llm/openai-stream-old.sse")));
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("{\"age\":22}"));
        QCOMPARE(out.result.finishReason, QStringLiteral("stop"));
    }

    void sse_splitAtEveryByte_sameResult()
    {
        const QByteArray stream = readTestData(QStringLiteral("llm/openai-stream.sse"));
        for (qsizetype at = 1; at < stream.size(); ++at) {
            const auto out = decodeSplitAt<SseChatDecoder>(stream, at);
            QVERIFY2(out.done && !out.error, qPrintable(QString::number(at)));
            QCOMPARE(out.result.content, QStringLiteral("{\"age\":22}"));
            QCOMPARE(out.result.usage.promptTokens, 34);
        }
    }

    void sse_crlf_parsed()
    {
        QByteArray stream = readTestData(QStringLiteral("llm/openai-stream.sse"));
        stream.replace("\n", "\r\n");
        const auto out = decode<SseChatDecoder>(stream, 7);
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("{\"age\":22}"));
    }

    // reference 5.1: tool_call arguments arrive as string fragments, merged by index.
    void sse_toolCallFragments_merged()
    {
        const auto out = decode<SseChatDecoder>(readTestData(QStringLiteral("llm/openai-tools.sse")));
        QVERIFY(out.done);
        QCOMPARE(out.result.toolCalls.size(), 1);
        QCOMPARE(out.result.toolCalls.first().name, QStringLiteral("extract"));
        QCOMPARE(out.result.toolCalls.first().id, QStringLiteral("call_1"));
        QCOMPARE(out.result.toolCalls.first().argumentsJson, QStringLiteral("{\"name\":\"x\"}"));
        QCOMPARE(out.result.finishReason, QStringLiteral("tool_calls"));
    }

    // reference 8: llama-server's mid-stream data: {"error":{...}} with no [DONE]; reasoning_content.
    void sse_llamaServerErrorEvent_generationFailed()
    {
        const auto out = decode<SseChatDecoder>(readTestData(QStringLiteral("llm/llama-midstream-error.sse")));
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::GenerationFailed);
        QCOMPARE(out.error->detail, QStringLiteral("llama-server crashed"));
        QCOMPARE(out.result.thinking, QStringLiteral("r"));
    }

    // reference 5.1: Ollama's /v1 loses the error: a blank chunk, then the end with no [DONE].
    void sse_endWithoutDoneOrFinishReason_streamBroken()
    {
        const auto out = decode<SseChatDecoder>(readTestData(QStringLiteral("llm/openai-midstream-lost.sse")));
        QVERIFY(out.error);
        QCOMPARE(out.error->kind, Kind::StreamBroken);
    }

    void sse_wrongFieldTypes_noCrash()
    {
        const auto out
            = decode<SseChatDecoder>("data: {\"choices\":[7]}\n\n"
                                     "data: {\"choices\":[{\"delta\":{\"tool_calls\":[5,{\"function\":3}]}}]}\n\n"
                                     "data: {\"usage\":4,\"choices\":\"x\"}\n\ndata: [DONE]\n\n");
        QVERIFY(out.done);
        QVERIFY(!out.error);
        QVERIFY(!parseOpenAiChatResponse("{\"choices\":[7]}").value().content.size());
    }

    void sse_commentsAndEventLines_ignored()
    {
        const auto out = decode<SseChatDecoder>(
            ": keep-alive\nevent: message\ndata: {\"choices\":[{\"delta\":{\"content\":\"hi\"},"
            "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        QVERIFY(out.done);
        QCOMPARE(out.result.content, QStringLiteral("hi"));
    }

    void sse_nonUtf8Bytes_replacedNotFatal()
    {
        const auto out = decode<SseChatDecoder>(
            "data: {\"choices\":[{\"delta\":{\"content\":\"a\xC3\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        QVERIFY(!out.error);
        QCOMPARE(out.result.content, QStringLiteral("a") + QChar(0xFFFD));
    }

    void sse_tenMegabyteContent_decoded()
    {
        const QByteArray big(10 * 1024 * 1024, 'y');
        const QByteArray stream = "data: {\"choices\":[{\"delta\":{\"content\":\"" + big
            + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        const auto out = decode<SseChatDecoder>(stream, 16 * 1024);
        QVERIFY(out.done);
        QCOMPARE(out.result.content.size(), big.size());
    }

    // reference 3.2 and 5.1: stream:false bodies.
    void nonStreaming_bothShapes_parsed()
    {
        const auto native = parseNativeChatResponse("{\"model\":\"llama3.1\",\"message\":{\"role\":\"assistant\","
                                                    "\"content\":\"{}\",\"thinking\":\"t\"},\"done\":true,"
                                                    "\"done_reason\":\"length\",\"eval_count\":12,\"images\":null}");
        QVERIFY(native);
        QCOMPARE(native->content, QStringLiteral("{}"));
        QCOMPARE(native->thinking, QStringLiteral("t"));
        QVERIFY(native->isTruncated());
        const auto openAi = parseOpenAiChatResponse(
            "{\"id\":\"chatcmpl-412\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{}\","
            "\"reasoning\":\"r\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":34,\"completion_tokens\":"
            "12}}");
        QVERIFY(openAi);
        QCOMPARE(openAi->content, QStringLiteral("{}"));
        QCOMPARE(openAi->thinking, QStringLiteral("r"));
        QCOMPARE(openAi->usage.promptTokens, 34);
    }
};

QTEST_GUILESS_MAIN(TestStreamDecoders)
#include "tst_streamdecoders.moc"
