// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the backend tests (tst_ollamabackend, tst_openaibackend): a one-message chat request,
// the first argument of a job's finished/failed spy, a chat job watched to its end, transport
// settings for a FakeOllama, and a capture of the log lines written while it lives.

#include "llm/backendjobs.h"
#include "llm/llmbackend.h"

#include <QSignalSpy>
#include <QString>
#include <QStringList>

namespace Formwork::Test {

class FakeOllama;

// "Give me JSON" to `model` (one of FakeOllama's default models unless a test adds another).
ChatRequest simpleChatRequest(const QString &model = QStringLiteral("llama3.2"));

BackendError firstError(const QSignalSpy &failed);
ChatResult firstResult(const QSignalSpy &finished);

// A chat job and spies on its signals, from the moment it was started.
struct ChatRun {
    explicit ChatRun(ChatJob *chatJob);

    ChatJob *job;
    QSignalSpy deltas;
    QSignalSpy finished;
    QSignalSpy failed;

    // Wait until the job has ended; true when it ended as asked (finished once and never failed,
    // or failed once and never finished).
    bool waitFinished(int timeoutMs = 5000);
    bool waitFailed(int timeoutMs = 5000);
    ChatResult result() const { return firstResult(finished); }
    BackendError error() const { return firstError(failed); }

private:
    void waitForEnd(int timeoutMs);
};

// The fake's address with transport timeouts short enough that a stuck test fails fast.
BackendConfig fakeBackendConfig(const FakeOllama &fake, int firstByteMs = 5000, int stallMs = 5000);

// Every message logged while it lives, with the logging rules `filterRules` in force (e.g.
// "formwork.core.llm.debug=true"); the previous handler and rules come back on destruction.
class LogCapture
{
public:
    explicit LogCapture(const QString &filterRules);
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    const QStringList &lines() const;

private:
    QtMessageHandler m_previous;
};

} // namespace Formwork::Test
