// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mainwindow/allocatortuning.h"

#include <QString>
#include <QtGlobal>

#include <cstdio>

namespace Formwork {
namespace Bench {

// The window tunes the allocator first thing in main() (mainwindow/allocatortuning.h); a GUI
// bench does the same, unless BENCH_ALLOCATOR=default asks for glibc's defaults to compare with.
inline void tuneAllocatorLikeTheApp()
{
    const bool tuned = qEnvironmentVariable("BENCH_ALLOCATOR") != u"default";
    if (tuned)
        Ui::tuneAllocatorForInteractiveUse();
    std::printf("allocator: %s\n",
                tuned ? "tuned as in the app (no fastbins)" : "glibc defaults (BENCH_ALLOCATOR=default)");
}

} // namespace Bench
} // namespace Formwork
