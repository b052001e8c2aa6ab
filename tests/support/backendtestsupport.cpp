// SPDX-License-Identifier: GPL-3.0-or-later
#include "backendtestsupport.h"

#include "fakeollama.h"

#include <QLoggingCategory>
#include <QTest>

namespace Formwork::Test {

namespace {

// A message handler is a plain function: the lines of the one live LogCapture go here.
QStringList g_capturedLines;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_capturedLines.append(message);
}

} // namespace

ChatRequest simpleChatRequest(const QString &model)
{
    ChatRequest request;
    request.model = model;
    request.messages.append({ QStringLiteral("user"), QStringLiteral("Give me JSON"), {}, {}, {}, {}, {} });
    return request;
}

BackendError firstError(const QSignalSpy &failed)
{
    return failed.first().first().value<BackendError>();
}

ChatResult firstResult(const QSignalSpy &finished)
{
    return finished.first().first().value<ChatResult>();
}

ChatRun::ChatRun(ChatJob *chatJob)
    : job(chatJob)
    , deltas(chatJob, &ChatJob::delta)
    , finished(chatJob, &ChatJob::finished)
    , failed(chatJob, &ChatJob::failed)
{
}

void ChatRun::waitForEnd(int timeoutMs)
{
    // Either way the spies say how it ended; a timeout leaves both empty.
    (void)QTest::qWaitFor([this] { return !finished.isEmpty() || !failed.isEmpty(); }, timeoutMs);
}

bool ChatRun::waitFinished(int timeoutMs)
{
    waitForEnd(timeoutMs);
    return finished.count() == 1 && failed.isEmpty();
}

bool ChatRun::waitFailed(int timeoutMs)
{
    waitForEnd(timeoutMs);
    return failed.count() == 1 && finished.isEmpty();
}

BackendConfig fakeBackendConfig(const FakeOllama &fake, int firstByteMs, int stallMs)
{
    BackendConfig c;
    c.baseUrl = fake.baseUrl();
    c.firstByteTimeoutMs = firstByteMs;
    c.stallTimeoutMs = stallMs;
    return c;
}

LogCapture::LogCapture(const QString &filterRules)
{
    g_capturedLines.clear();
    QLoggingCategory::setFilterRules(filterRules);
    m_previous = qInstallMessageHandler(captureMessage);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    QLoggingCategory::setFilterRules(QString());
}

const QStringList &LogCapture::lines() const
{
    return g_capturedLines;
}

} // namespace Formwork::Test
