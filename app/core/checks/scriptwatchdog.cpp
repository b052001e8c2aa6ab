// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/scriptwatchdog.h"

#include <QJSEngine>

namespace Formwork {

ScriptWatchdog::ScriptWatchdog(QJSEngine *engine)
    : m_engine(engine)
    , m_thread([this] { watch(); })
{
}

ScriptWatchdog::~ScriptWatchdog()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void ScriptWatchdog::arm(int timeoutMs)
{
    {
        const std::lock_guard lock(m_mutex);
        m_deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    }
    m_wake.notify_one();
}

void ScriptWatchdog::disarm()
{
    const std::lock_guard lock(m_mutex);
    m_deadline.reset();
}

void ScriptWatchdog::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (!m_deadline) {
            m_wake.wait(lock);
            continue;
        }
        const Clock::time_point deadline = *m_deadline;
        m_wake.wait_until(lock, deadline);
        if (m_deadline == deadline && Clock::now() >= deadline) {
            m_engine->setInterrupted(true);
            m_deadline.reset();
        }
    }
}

} // namespace Formwork
