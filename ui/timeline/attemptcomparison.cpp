// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/attemptcomparison.h"

namespace Formwork {
namespace Ui {

namespace {

bool sameError(const ValidationError &a, const ValidationError &b)
{
    return a.instancePath == b.instancePath && a.keyword == b.keyword;
}

bool containsError(const QList<ValidationError> &errors, const ValidationError &error)
{
    return std::any_of(errors.cbegin(), errors.cend(),
                       [&error](const ValidationError &e) { return sameError(e, error); });
}

} // namespace

AttemptComparison AttemptComparison::compare(const AttemptRecord *previous, const AttemptRecord &current)
{
    AttemptComparison c;
    if (!previous)
        return c;
    c.hasPrevious = true;
    c.valuesCompared = previous->parsed && current.parsed;
    if (c.valuesCompared)
        c.valueChanges = diffJson(previous->value, current.value);
    c.parseFailureFixed = !previous->parsed && current.parsed;
    for (const ValidationError &e : previous->errors) {
        if (!containsError(current.errors, e) && current.parsed)
            c.fixedErrors.append(e);
    }
    for (const ValidationError &e : current.errors)
        (containsError(previous->errors, e) ? c.remainingErrors : c.newErrors).append(e);
    return c;
}

} // namespace Ui
} // namespace Formwork
