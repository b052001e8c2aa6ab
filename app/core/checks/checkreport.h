// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/attemptchecker.h"

namespace Formwork {

struct AttemptRecord;

// Adds what the checks found to an attempt: hard failures join its errors (the attempt becomes
// invalid and the reask quotes them with the schema errors, in the same wording), soft ones go to
// softErrors, the judges' tokens to judgeUsage.
void applyCheckReport(AttemptRecord &record, const CheckReport &report);

} // namespace Formwork
