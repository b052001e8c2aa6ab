// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Formwork {
namespace Cli {

// Turns Ctrl-C (SIGINT) into a Qt signal, so that a long command stops cleanly: it writes what it
// has finished and exits. Only the first Ctrl-C is caught; a second one ends the process at once,
// as it always does. One watcher at a time; the previous handler is back when it is destroyed.
class InterruptWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptWatcher)

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    bool isInterrupted() const { return m_interrupted; }

Q_SIGNALS:
    void interrupted();

private:
    void onReadable();

    int m_fds[2] = { -1, -1 };
    QSocketNotifier *m_notifier = nullptr;
    bool m_interrupted = false;
};

} // namespace Cli
} // namespace Formwork
