// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QString>

namespace Formwork {
namespace Ui {

class RunSession;

// The status bar's line for the current run, e.g.
//   "attempt 2/3 valid · 600 tokens (310 in, 290 out) · per attempt 280 + 320 · 2.1 s · 140 tok/s"
//   "failed after 3/3 attempts: No valid result after 3 attempts. The last answer broke 2 rules
//    of the schema. · 900 tokens (...) · 3.0 s · 120 tok/s"
// Empty when nothing has run. Tokens per second are completion tokens over the server's
// generation time (ChatTimings::evalNs) when every attempt reports it, else over the wall time.
QString runStatusText(const RunSession &session);

// The verdict of a run of chunks for the Result and Attempts panes ("Valid: 4 chunks merged.",
// "Chunk 2 of 4: attempt 1 of 3 under way."); empty for a single run, whose verdict names its attempt.
QString chunkedVerdictText(const RunSession &session);

// Why a finished run failed, in plain words (one or two sentences; empty for a success).
QString runFailureText(const RunResult &result);

// What went wrong with one attempt, in plain words ("The answer broke 2 rules of the schema.").
QString attemptProblemText(const AttemptRecord &attempt);

// "850 ms", "2.1 s", "2 min 05 s".
QString durationText(qint64 milliseconds);

} // namespace Ui
} // namespace Formwork
