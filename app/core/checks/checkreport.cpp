// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checkreport.h"

#include "extraction/extractiontypes.h"
#include "schema/schemaerrorformatter.h"

namespace Formwork {

void applyCheckReport(AttemptRecord &record, const CheckReport &report)
{
    record.softErrors = report.soft;
    record.judgeUsage = report.judgeUsage;
    record.judgeWallTimeMs = report.judgeWallTimeMs;
    record.judgeRequests = report.judgeRequests;
    if (report.hard.isEmpty())
        return;
    record.errors.append(report.hard);
    if (record.outcome == AttemptOutcome::Valid)
        record.outcome = AttemptOutcome::SchemaInvalid;
    ReaskFormatOptions options;
    options.includeValue = true;
    record.errorText = formatErrorsForReask(record.errors, &record.value, options);
}

} // namespace Formwork
