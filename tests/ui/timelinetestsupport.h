// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the timeline tests: a FakeOllama, a real Ollama backend and a RunSession, with the
// person schema of tests/data/extraction.

#include "extraction/extractiontypes.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "run/runsession.h"
#include "testdata.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace Formwork::Test {

// Test JSON is written with single quotes for readability.
inline QString q(const char *text)
{
    return QString::fromUtf8(text).replace(u'\'', u'"');
}

inline Schema personSchema()
{
    const QByteArray bytes = readTestData(QStringLiteral("extraction/person.schema.json"));
    return Schema::compile(nlohmann::ordered_json::parse(bytes.toStdString())).value();
}

inline void registerRunMetaTypes()
{
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<AttemptRecord>();
    qRegisterMetaType<StreamProgress>();
    qRegisterMetaType<TransportRetry>();
    qRegisterMetaType<RunStartInfo>();
}

class RunFixture
{
public:
    RunFixture()
        : fake(std::make_unique<FakeOllama>())
    {
        if (!fake->listen())
            qFatal("FakeOllama cannot listen");
        BackendConfig bc;
        bc.baseUrl = fake->baseUrl();
        bc.firstByteTimeoutMs = 5000;
        bc.stallTimeoutMs = 5000;
        backend.reset(LlmBackend::create(BackendApi::Ollama, &nam, bc, nullptr));
    }

    ExtractionConfig config(ExtractionMode mode = ExtractionMode::Schema) const
    {
        ExtractionConfig c;
        c.model = QStringLiteral("llama3.1:8b");
        c.schema = personSchema();
        c.mode = mode;
        ChatMessage user;
        user.role = QStringLiteral("user");
        user.content = QStringLiteral("Ada Lovelace is 36 years old.");
        c.messages = { user };
        c.limits.backoffBaseMs = 5;
        c.limits.backoffMaxMs = 20;
        c.random = [] { return 0.5; };
        return c;
    }

    // Starts a run and waits for finished(); true when it came within the timeout.
    bool runToEnd(Ui::RunSession &session, const ExtractionConfig &c, int timeoutMs = 10000)
    {
        QSignalSpy finished(&session, &Ui::RunSession::finished);
        session.start(backend.get(), c);
        return finished.wait(timeoutMs) || finished.count() == 1;
    }

    QNetworkAccessManager nam;
    std::unique_ptr<FakeOllama> fake;
    std::unique_ptr<LlmBackend> backend;
};

} // namespace Formwork::Test
