// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "llm/backenderror.h"
#include "llm/llmtypes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstring>
#include <functional>
#include <optional>
#include <utility>

namespace Formwork {

// Splits a byte stream into lines across arbitrary read boundaries. A line ends at "\n"; a
// "\r" before it is dropped (CRLF). Complete lines inside one chunk are passed without copying.
class LineSplitter
{
public:
    template<typename F> void feed(QByteArrayView data, F &&onLine)
    {
        const char *begin = data.data();
        const char *end = begin + data.size();
        while (begin < end) {
            const auto *newline = static_cast<const char *>(std::memchr(begin, '\n', size_t(end - begin)));
            if (!newline) {
                m_pending.append(begin, end - begin);
                return;
            }
            if (m_pending.isEmpty()) {
                onLine(chopCr(QByteArrayView(begin, newline - begin)));
            } else {
                m_pending.append(begin, newline - begin);
                const QByteArray line = std::exchange(m_pending, {});
                onLine(chopCr(QByteArrayView(line)));
            }
            begin = newline + 1;
        }
    }
    // The bytes after the last "\n" (a final line with no terminator).
    QByteArray takeRemainder() { return std::exchange(m_pending, {}); }

private:
    static QByteArrayView chopCr(QByteArrayView line) { return line.endsWith('\r') ? line.chopped(1) : line; }
    QByteArray m_pending;
};

// Common state of both chat stream decoders: the accumulated result, the terminal state and
// the delta callback.
class ChatStreamDecoder
{
public:
    virtual ~ChatStreamDecoder() = default;

    // Called for every piece of content, thinking or tool call, in stream order.
    std::function<void(const ChatDelta &)> onDelta;

    virtual void feed(QByteArrayView data) = 0;
    // The connection ended: parses a final unterminated line and, when neither a done marker nor
    // an error was seen, records StreamBroken.
    virtual void finish() = 0;

    bool isDone() const { return m_done; }
    bool hasError() const { return m_error.has_value(); }
    const std::optional<BackendError> &error() const { return m_error; }
    const ChatResult &result() const { return m_result; }
    ChatResult takeResult() { return std::move(m_result); }
    void setModel(const QString &model) { m_model = model; }

protected:
    void fail(BackendError error);
    void emitDelta(const ChatDelta &delta);

    ChatResult m_result;
    std::optional<BackendError> m_error;
    QString m_model;
    bool m_done = false;
};

// Ollama's native NDJSON stream (reference/ollama-api.md 3.3): one object per line, an `error`
// key on any line ends it (3.4), content is taken from every line including the done:true one.
class NdjsonChatDecoder final : public ChatStreamDecoder
{
public:
    void feed(QByteArrayView data) override;
    void finish() override;

private:
    void handleLine(QByteArrayView line);
    LineSplitter m_lines;
};

// OpenAI-compatible SSE (reference 5.1, 8): `data:` lines, blank line ends an event, `[DONE]`
// ends the stream; `data: {"error":...}` fails it; a stream that closes with neither [DONE] nor a
// finish_reason is broken.
class SseChatDecoder final : public ChatStreamDecoder
{
public:
    void feed(QByteArrayView data) override;
    void finish() override;

private:
    void handleLine(QByteArrayView line);
    void dispatch();
    LineSplitter m_lines;
    QByteArray m_data;
    bool m_hasData = false;
    bool m_sawFinishReason = false;
};

// Parses a complete non-streaming reply (stream:false) of either API.
Result<ChatResult, BackendError> parseNativeChatResponse(const QByteArray &body, const QString &model = {});
Result<ChatResult, BackendError> parseOpenAiChatResponse(const QByteArray &body, const QString &model = {});

} // namespace Formwork
