// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the ui tests that drive a RunSession: a FakeOllama, a real Ollama backend on it and
// running a session to the end. The core-level helpers (person schema, run config) live in
// tests/support/extractiontestsupport.h.

#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "run/runsession.h"
#include "settle.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace Formwork::Test {

// Starts a run and waits for finished(); true when it came within the timeout.
inline bool runToEnd(Ui::RunSession &session, LlmBackend *backend, const ExtractionConfig &c, int timeoutMs = 10000)
{
    QSignalSpy finished(&session, &Ui::RunSession::finished);
    session.start(backend, c);
    return finished.wait(timeoutMs) || finished.count() == 1;
}

// Transport timeouts short enough that a stuck test fails fast.
inline BackendConfig shortTimeouts()
{
    BackendConfig bc;
    bc.firstByteTimeoutMs = 5000;
    bc.stallTimeoutMs = 5000;
    return bc;
}

class RunFixture
{
public:
    // bc: the backend's settings; its baseUrl is set to the FakeOllama's.
    explicit RunFixture(BackendConfig bc = shortTimeouts())
        : fake(std::make_unique<FakeOllama>())
    {
        if (!fake->listen())
            qFatal("FakeOllama cannot listen");
        bc.baseUrl = fake->baseUrl();
        backend.reset(LlmBackend::create(BackendApi::Ollama, &nam, bc, nullptr));
    }

    ExtractionConfig config(ExtractionMode mode = ExtractionMode::Schema) const { return personRunConfig(mode); }

    bool runToEnd(Ui::RunSession &session, const ExtractionConfig &c, int timeoutMs = 10000)
    {
        return Test::runToEnd(session, backend.get(), c, timeoutMs);
    }

    QNetworkAccessManager nam;
    std::unique_ptr<FakeOllama> fake;
    std::unique_ptr<LlmBackend> backend;
};

} // namespace Formwork::Test
