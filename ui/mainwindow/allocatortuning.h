// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Formwork {
namespace Ui {

// Makes the C library's allocator free small blocks as they are freed instead of in bursts.
//
// glibc keeps freed small blocks in "fastbins" and merges them all at once, in the next large
// allocation. After a background check of a big schema or a long reply, the GUI thread frees tens
// of thousands of small blocks (old values, layouts, model rows); the next keystroke then paid
// 20-40 ms for the merge (bench_schematyping: longest keystroke 34 ms of GUI-thread CPU, 6 ms
// without fastbins). Without fastbins each free merges its own block, and the per-thread cache
// (tcache) still serves the common small allocations. Call it first thing in main(); it does
// nothing with other C libraries.
void tuneAllocatorForInteractiveUse();

} // namespace Ui
} // namespace Formwork
