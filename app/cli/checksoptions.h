// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"
#include "common/result.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;
class QTextStream;

namespace Formwork {

struct AttemptRecord;

namespace Cli {

// --checks FILE.json and --workspace FILE.formwork.json: where extract, batch and validate find
// the checks beyond the schema (issue 14).
struct ChecksOptions {
    QCommandLineOption checks;
    QCommandLineOption workspace;

    ChecksOptions();
    QList<QCommandLineOption> list() const { return { checks, workspace }; }
    // The checks named on the command line (none when neither option is set); errors name the file.
    Result<CheckList, QString> load(const QCommandLineParser &parser) const;
};

// The soft checks an attempt failed, one line each, on stderr.
void printSoftFailures(QTextStream &err, const AttemptRecord &attempt);

} // namespace Cli
} // namespace Formwork
