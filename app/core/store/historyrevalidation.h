// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Formwork {

class HistoryDatabase;

// A stored run whose verdict changes under another schema.
struct RevalidationChange {
    qint64 runId = 0;
    qint64 batchId = 0;
    QString rowId;
    QString before; // "valid" / "invalid": the stored verdict
    QString after;
    QStringList errors; // under the new schema, one per line
};

struct RevalidationReport {
    int checked = 0; // runs with a verdict (valid or invalid) and a stored reply
    QList<RevalidationChange> changes;
};

// Re-validates the final reply of stored runs against `schema` without calling any model: the
// last attempt's raw reply is extracted, parsed and validated again, as the run did with its own
// schema. Only finished runs (valid / invalid) count. `batchId` 0: every run; `runIds` non-empty:
// only those runs.
RevalidationReport revalidateHistory(HistoryDatabase &history, const Schema &schema, qint64 batchId = 0,
                                     const QList<qint64> &runIds = {});

} // namespace Formwork
