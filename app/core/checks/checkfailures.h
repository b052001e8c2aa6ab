// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QList>
#include <QString>

namespace Formwork {

struct AttemptRecord;
struct RunResult;

// One named check that failed on an attempt.
struct CheckFailure {
    QString name; // the check's name (ValidationError::keyword)
    QString kind; // "expression", "grounding", "rule"
    bool soft = false;

    friend bool operator==(const CheckFailure &, const CheckFailure &) = default;
};

// The checks that failed on `attempt`, each once: hard ones from its errors (those with a kind),
// soft ones from its soft errors. Schema errors are not checks and are left out.
QList<CheckFailure> checkFailuresOf(const AttemptRecord &attempt);
QList<CheckFailure> checkFailuresOf(const QList<ValidationError> &hard, const QList<ValidationError> &soft);

// The attempt whose checks decide a run: the last one whose reply parsed; nullptr when none did.
const AttemptRecord *decidingAttempt(const RunResult &result);

// One error of a named check with what it said and where, for a row's report (the batch's
// failures file, the Batch pane's tooltip). A check that fails on several values (a grounding
// path with `*`) gives one each.
struct CheckFailureDetail {
    QString name;
    QString kind;
    bool soft = false;
    QString message; // what the model reads (or, soft, what is reported)
    QString path; // JSON Pointer to the value ("" is the root)

    friend bool operator==(const CheckFailureDetail &, const CheckFailureDetail &) = default;
};

// Every check error among `hard` and `soft`, in that order; schema errors are left out.
QList<CheckFailureDetail> checkFailureDetailsOf(const QList<ValidationError> &hard, const QList<ValidationError> &soft);
// Those of the deciding attempt of `result`.
QList<CheckFailureDetail> decidingCheckFailureDetails(const RunResult &result);

// [{"check","kind","soft","message","instancePath"}] (the keys of validate's and the history's
// errors), the batch failures file's "check_failures".
nlohmann::ordered_json checkFailureDetailsJson(const QList<CheckFailureDetail> &details);

// [{"name","kind","soft"}], as the history keeps them with a run; read back leniently.
QString checkFailuresJson(const QList<CheckFailure> &failures);
QList<CheckFailure> checkFailuresFromJson(const QString &json);

// How many rows failed one named check, hard and soft apart.
struct CheckFailureCount {
    QString name;
    QString kind;
    int hardRows = 0;
    int softRows = 0;

    friend bool operator==(const CheckFailureCount &, const CheckFailureCount &) = default;
};

// Adds one row's failures (each check at most once per row); the order is first seen.
void addCheckFailures(QList<CheckFailureCount> &counts, const QList<CheckFailure> &rowFailures);

// [{"check","kind","hard_rows","soft_rows"}] for the CLI's JSON.
nlohmann::ordered_json checkFailureCountsJson(const QList<CheckFailureCount> &counts);

// "checks failed: sum (expression) 3 row(s); buyer (rule) 1 row(s), 2 soft": the one wording for the
// CLI's summary and the Batch pane. Empty when no check failed.
QString checkFailureCountsText(const QList<CheckFailureCount> &counts);

} // namespace Formwork
