// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Waiting for "nothing more comes" without a fixed sleep: once a QNetworkAccessManager holds no
// live reply and the queued events are delivered, no network event is left that could emit a
// signal, so a check that nothing followed is final (a sleep would only make it likely).

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QThreadPool>

namespace Formwork::Test {

[[nodiscard]] inline bool settleNetwork(const QNetworkAccessManager *nam, int timeoutMs = 5000)
{
    const bool idle = QTest::qWaitFor([nam] { return nam->findChildren<QNetworkReply *>().isEmpty(); }, timeoutMs);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return idle;
}

// The same for work on a thread pool (QtConcurrent::run; the window's work runs on
// Ui::backgroundPool()): once it is done and its finished signals are delivered, no late result
// can arrive.
[[nodiscard]] inline bool settleBackgroundWork(QThreadPool *pool, int timeoutMs = 5000)
{
    const bool done = pool->waitForDone(timeoutMs);
    for (int round = 0; round < 3; ++round) { // a result may queue one more step (watcher -> slot)
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    return done;
}

} // namespace Formwork::Test
