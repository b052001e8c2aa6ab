// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QThreadPool>

#include <functional>
#include <utility>

namespace Formwork::Ui {

// The pool for the window's own background work: lint, token estimates, reply rendering,
// grounding, reading files, freeing big documents. Pass it to QtConcurrent::run.
//
// Not QThreadPool::globalInstance(): Qt 6.4's raster paint engine splits large fills and line
// drawing into pieces on the global pool and waits for them on the GUI thread, so one of our
// jobs of a few hundred milliseconds queued there held up a paint for as long (a scroll bar's
// repaint waited 350-500 ms behind the lint of a 5 MB schema). Newer Qt has a pool of its own
// for painting; this keeps 6.4 from sharing one.
QThreadPool *backgroundPool();

// Frees a big value (a document, a compiled schema, a tree) on the background pool: freeing
// takes tens of milliseconds the GUI thread should not spend.
template<typename T> void disposeInBackground(T &&heavy)
{
    backgroundPool()->start([heavy = std::forward<T>(heavy)]() mutable { heavy = {}; });
}

// Asked by a pane before it acts on what the window holds: true to act now; false when the window
// first finishes work in the background (the check of a long schema just edited) and calls
// `resume` once that has landed, so the pane acts then instead of blocking this thread.
using ReadyGate = std::function<bool(std::function<void()> resume)>;

} // namespace Formwork::Ui
