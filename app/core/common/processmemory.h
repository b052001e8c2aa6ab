// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Formwork {

// VmRSS of a process in kB, from /proc/<pid>/status (pid 0: this process); -1 when unknown.
qint64 residentKb(qint64 pid = 0);

} // namespace Formwork
