// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "store/historydatabase.h"

#include <optional>

namespace Formwork {

// A stored run made whole again for the attempt timeline: every attempt as the run recorded it
// (outcome, request, reply, errors, usage, timings) with the spans of the JSON and of each
// failing value found again by evaluating the stored reply against the stored schema. No model
// is called.
struct ReplayedRun {
    std::optional<Schema> schema; // the run's own schema; unset when it no longer compiles
    ExtractionMode mode = ExtractionMode::Schema;
    int maxAttempts = 0;
    QList<AttemptRecord> attempts;
    RunResult result;
};

ReplayedRun replayStoredRun(const StoredRun &run);

} // namespace Formwork
