// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/llmtypes.h"
#include "schema/schema.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace Formwork {

struct AttemptRecord;
struct ExtractionConfig;

// What the checks beyond the schema found on one attempt.
struct CheckReport {
    QList<ValidationError> hard; // fail the attempt; reasked with the schema errors
    QList<ValidationError> soft; // reported only, never reasked
    // A check that cannot be evaluated (throws, loops, is not boolean): the run stops with this.
    QString configurationError;
    // The judging requests of model-judged rules, counted apart from the extraction's.
    ChatUsage judgeUsage;
    qint64 judgeWallTimeMs = 0;
    int judgeRequests = 0;
};

// One attempt being checked. Reports exactly once, never from inside AttemptChecker::check().
class AttemptCheckJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptCheckJob)

public:
    using QObject::QObject;
    ~AttemptCheckJob() override = default;

Q_SIGNALS:
    void finished(const Formwork::CheckReport &report);
};

// The seam between a run and the checks beyond JSON Schema (issue 14): ExtractionRun asks it about
// every attempt whose reply parsed. The checks themselves live in formwork_checks (QJSEngine).
class AttemptChecker
{
public:
    virtual ~AttemptChecker() = default;
    // `attempt` is parsed; its `errors` are the schema errors. The job is owned by `parent`.
    virtual AttemptCheckJob *check(const AttemptRecord &attempt, const ExtractionConfig &config, QObject *parent) = 0;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::CheckReport)
