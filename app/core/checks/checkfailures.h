// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QList>
#include <QString>

namespace Formwork {

struct AttemptRecord;

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
