// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/backgroundwork.h"

#include <QCoreApplication>

namespace Formwork::Ui {

namespace {

Q_GLOBAL_STATIC(QThreadPool, windowBackgroundPool)

// Jobs hold Qt objects (fonts, documents); they end while the application still exists, as
// the global pool's do.
void waitForBackgroundWork()
{
    if (windowBackgroundPool.exists())
        windowBackgroundPool->waitForDone();
}

} // namespace

QThreadPool *backgroundPool()
{
    static const bool waitsAtExit = [] {
        qAddPostRoutine(waitForBackgroundWork);
        return true;
    }();
    Q_UNUSED(waitsAtExit);
    return windowBackgroundPool();
}

} // namespace Formwork::Ui
