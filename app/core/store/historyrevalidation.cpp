// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/historyrevalidation.h"

#include "extraction/extractionrequest.h"
#include "store/historydatabase.h"

#include <limits>

namespace Formwork {

RevalidationReport revalidateHistory(HistoryDatabase &history, const Schema &schema, qint64 batchId,
                                     const QList<qint64> &runIds)
{
    RevalidationReport report;
    QList<qint64> ids = runIds;
    if (ids.isEmpty()) {
        const QList<StoredRun> runs = history.listRuns(std::numeric_limits<int>::max(), batchId);
        for (auto it = runs.crbegin(); it != runs.crend(); ++it)
            ids.append(it->id);
    }
    for (const qint64 id : ids) {
        const auto run = history.run(id);
        if (!run || (run->status != u"valid" && run->status != u"invalid") || run->attempts.isEmpty())
            continue;
        const auto mode = extractionModeFromName(run->mode).value_or(ExtractionMode::Schema);
        const nlohmann::ordered_json settings
            = nlohmann::ordered_json::parse(run->settingsJson.toStdString(), nullptr, false);
        const QString toolName = settings.is_object() && settings.contains("tool_name")
            ? QString::fromStdString(settings.value("tool_name", std::string()))
            : QStringLiteral("extract");
        AttemptRecord record = run->attempts.constLast().toAttemptRecord();
        evaluateReply(record, mode, schema, toolName);
        ++report.checked;
        const QString after = record.isValid() ? QStringLiteral("valid") : QStringLiteral("invalid");
        if (after == run->status)
            continue;
        RevalidationChange change;
        change.runId = run->id;
        change.batchId = run->batchId;
        change.rowId = run->rowId;
        change.before = run->status;
        change.after = after;
        change.errors = record.errorText.split(u'\n', Qt::SkipEmptyParts);
        report.changes.append(change);
    }
    return report;
}

} // namespace Formwork
