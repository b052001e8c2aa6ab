// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the tests that start formwork-cli: the fake-ollama executable (fakeollamamain.cpp)
// in its own process, and the files such a run reads and writes.

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>

#include <nlohmann/json.hpp>

#include <memory>

namespace Formwork::Test {

// fake-ollama serving a script (FakeOllama::loadScript); stopped (killed) on destruction.
class FakeOllamaProcess
{
public:
    // `program`: the fake-ollama executable (the tests get its path as FAKE_OLLAMA_PATH).
    explicit FakeOllamaProcess(const QString &program);
    ~FakeOllamaProcess();
    FakeOllamaProcess(const FakeOllamaProcess &) = delete;
    FakeOllamaProcess &operator=(const FakeOllamaProcess &) = delete;

    // Starts it on the script file and reads the port it prints; false when it did not come up.
    // It quits by itself after `lifetimeMs`, should a test forget it.
    bool start(const QString &scriptPath, int lifetimeMs = 60000);
    // "http://127.0.0.1:<port>", for --host.
    QString host() const { return m_host; }
    QProcess::ProcessState state() const;

private:
    QString m_program;
    std::unique_ptr<QProcess> m_process;
    QString m_host;
};

// The JSON lines of a file (a trace, a batch's output); blank lines skipped, a bad line a
// discarded value; empty when the file cannot be read.
QList<nlohmann::ordered_json> readJsonLines(const QString &path);

// Writes `bytes` to `path` (replacing it); returns `path`, or an empty string when it failed.
QString writeTestFile(const QString &path, const QByteArray &bytes);

// What a test that starts formwork-cli sets first (in initTestCase): the test mode of
// QStandardPaths, short transport backoffs, English messages, and no OLLAMA_HOST of the user's.
void setUpCliTestEnvironment();

} // namespace Formwork::Test
