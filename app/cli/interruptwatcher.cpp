// SPDX-License-Identifier: GPL-3.0-or-later
#include "interruptwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Formwork {
namespace Cli {

namespace {

// The write end the handler writes to: a signal handler may only call async-signal-safe
// functions, so it wakes the event loop through a socket ("Calling Qt Functions From Unix
// Signal Handlers" in Qt's documentation).
volatile std::sig_atomic_t g_writeFd = -1;

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_writeFd, &byte, 1);
}

} // namespace

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, m_fds) != 0)
        return; // no watcher: Ctrl-C ends the process as before
    g_writeFd = m_fds[0];
    m_notifier = new QSocketNotifier(m_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::onReadable);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_RESETHAND; // the second Ctrl-C is the default one
    ::sigaction(SIGINT, &action, nullptr);
}

InterruptWatcher::~InterruptWatcher()
{
    if (m_fds[0] < 0)
        return;
    ::signal(SIGINT, SIG_DFL);
    g_writeFd = -1;
    delete m_notifier;
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

void InterruptWatcher::onReadable()
{
    char byte = 0;
    [[maybe_unused]] const ssize_t read = ::read(m_fds[1], &byte, 1);
    if (m_interrupted)
        return;
    m_interrupted = true;
    Q_EMIT interrupted();
}

} // namespace Cli
} // namespace Formwork
