// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <utility>

namespace Formwork::Test {

// A pane's ready gate (Ui::ReadyGate) that a test opens by hand: while closed it keeps what the pane
// asked to resume; open() lets later asks through and resumes the kept one.
class ManualGate
{
public:
    std::function<bool(std::function<void()>)> gate()
    {
        return [this](std::function<void()> resume) {
            ++m_asked;
            if (!m_open)
                m_pending = std::move(resume);
            return m_open;
        };
    }
    void open()
    {
        m_open = true;
        if (auto resume = std::exchange(m_pending, {}))
            resume();
    }
    int asked() const { return m_asked; }
    bool hasPending() const { return bool(m_pending); }

private:
    bool m_open = false;
    int m_asked = 0;
    std::function<void()> m_pending;
};

} // namespace Formwork::Test
