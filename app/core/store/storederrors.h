// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QList>
#include <QString>

namespace Formwork {

struct AttemptRecord;

// An attempt's errors as the history keeps them (attempts.errors_json, history version 2): one
// array of {"instancePath", "keywordLocation", "message", "kind", "soft"} with, for a check,
// "check" (its name) and "range" ([begin, end) bytes into the reply). "kind" is "schema" or the
// check's kind (expression, grounding, rule); soft errors are in the same array with "soft": true.
QString storedErrorsJson(const AttemptRecord &attempt);
QString storedErrorsJson(const QList<ValidationError> &hard, const QList<ValidationError> &soft);

// Reads it back. Entries of version 1 have no kind: they are schema errors, hard.
struct StoredErrors {
    QList<ValidationError> hard;
    QList<ValidationError> soft;
};
StoredErrors storedErrorsFrom(const QString &errorsJson);

} // namespace Formwork
