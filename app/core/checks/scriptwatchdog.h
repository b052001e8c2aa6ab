// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

class QJSEngine;

namespace Formwork {

// Interrupts a QJSEngine that runs longer than allowed: a thread of its own waits for the
// deadline of the evaluation under way and calls QJSEngine::setInterrupted(true) (documented as
// safe from any thread). One thread per engine, reused for every evaluation.
class ScriptWatchdog
{
    Q_DISABLE_COPY_MOVE(ScriptWatchdog)

public:
    explicit ScriptWatchdog(QJSEngine *engine);
    ~ScriptWatchdog();

    // Interrupts the engine `timeoutMs` from now unless disarm() comes first.
    void arm(int timeoutMs);
    void disarm();

private:
    using Clock = std::chrono::steady_clock;
    void watch();

    QJSEngine *m_engine;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Clock::time_point> m_deadline;
    bool m_stopping = false;
    std::thread m_thread; // last: started once the members above exist
};

} // namespace Formwork
