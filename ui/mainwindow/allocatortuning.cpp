// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/allocatortuning.h"

#include <cstdlib> // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Formwork {
namespace Ui {

void tuneAllocatorForInteractiveUse()
{
#if defined(__GLIBC__)
    mallopt(M_MXFAST, 0); // no fastbins: see the header
#endif
}

} // namespace Ui
} // namespace Formwork
