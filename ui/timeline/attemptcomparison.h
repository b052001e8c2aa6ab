// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "json/jsondiff.h"

#include <QList>

#include <vector>

namespace Formwork {
namespace Ui {

// What changed from one attempt to the next: the structural diff of the two parsed values and
// which errors were fixed, which are new and which remain (an error is known by its instance
// path and keyword).
struct AttemptComparison {
    bool hasPrevious = false;
    bool valuesCompared = false; // both attempts have a parsed value
    std::vector<JsonChange> valueChanges;
    QList<ValidationError> fixedErrors; // from the previous attempt
    QList<ValidationError> newErrors; // from this attempt
    QList<ValidationError> remainingErrors; // from this attempt
    bool parseFailureFixed = false; // the previous attempt had no value, this one has

    static AttemptComparison compare(const AttemptRecord *previous, const AttemptRecord &current);
};

} // namespace Ui
} // namespace Formwork
