// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/expectedcompare.h"
#include "checks/checkfailures.h"
#include "checks/judgeusage.h"
#include "extraction/promptsettings.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <optional>

namespace Formwork {

// One server of a batch, with how many rows it runs at once.
struct BatchEndpoint {
    QUrl url;
    int concurrency = 1;
};

// Everything a batch needs besides its rows.
struct BatchConfig {
    BackendApi api = BackendApi::Ollama;
    QList<BatchEndpoint> endpoints; // at least one
    QString bearerToken; // sent as a header, never stored
    QString model;
    std::optional<Schema> schema; // required
    PromptSettings prompt; // the prompts are templates: each row's variables fill them
    ModelInfo modelInfo;
    // What answers at the endpoints (probed at the first; a batch's servers are taken to be of
    // one kind): it decides the request dialect. Kind Unknown when not probed.
    ServerInfo server;
    int endpointRetryMs = 30000; // an endpoint taken out is tried again after this long
    int maxRequeues = 5; // moves of one row to another endpoint before it counts as failed
    int backoffBaseMs = -1; // transport backoff of each run; -1: the extraction default
    std::shared_ptr<AttemptChecker> checker; // checks beyond the schema, shared by every row's run
};

enum class BatchRowStatus { Pending, Running, Valid, Invalid, Error, Cancelled };

// "pending", "running", "valid", "invalid", "error", "cancelled" (the history's words).
QString batchRowStatusName(BatchRowStatus status);

struct BatchRowResult {
    int index = -1; // into the input's rows
    QString rowId;
    QString reference;
    BatchRowStatus status = BatchRowStatus::Pending;
    bool resumed = false; // finished in an earlier session, taken from the history
    int attempts = 0;
    bool hasValue = false;
    nlohmann::ordered_json value; // the valid value, or the last parsed one
    QString message; // why it failed
    QStringList lastErrors; // the errors of the last attempt, one per line
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 wallMs = 0;
    JudgeUsage judges; // the model-judged rules' requests of its run, apart from the tokens above
    QString endpoint;
    qint64 runId = 0; // in the history, 0 without one
    std::optional<RowAgreement> agreement; // when the row has an expected value
    QList<CheckFailure> checkFailures; // the named checks that failed on its deciding attempt
    // Each of their errors with its message and path (resumed rows: from the stored attempt).
    QList<CheckFailureDetail> checkFailureDetails;

    bool isFinal() const { return status == BatchRowStatus::Valid || status == BatchRowStatus::Invalid; }
};

struct BatchProgress {
    int total = 0;
    int done = 0; // valid + failed
    int validFirstTry = 0;
    int validAfterReasks = 0;
    int failed = 0;
    int running = 0;
    int resumed = 0; // of `done`, taken from the history
    // With checks beyond the schema: over the finished rows, each check once per row.
    bool checking = false;
    int failedChecks = 0; // hard
    int failedSoftChecks = 0;
    // Over the finished rows (resumed ones included): the extraction's tokens, and apart from
    // them what the model-judged rules' requests cost.
    qint64 tokens = 0;
    JudgeUsage judges;
    double rowsPerMinute = 0; // of this session
    qint64 etaSeconds = -1; // -1: unknown
    bool paused = false;
};

// "12/30 done, 9 valid first try, 2 after reasks, 1 failed, 3 failed check(s) (+1 soft), model-judged
// rules: 812 tokens in 4 request(s), 4.0 rows/min, ETA 4m 30s" (the checks only with checks, the
// judges once one was asked): the one wording of a batch's progress, for the CLI's progress line and
// the Batch pane.
QString batchProgressText(const BatchProgress &progress);

struct BatchSummary {
    enum class Outcome {
        Finished, // every row ran (valid or failed)
        Cancelled,
        Unreachable, // every endpoint was taken out; the rest of the rows did not run
    };
    Outcome outcome = Outcome::Finished;
    QString message;
    BatchProgress progress;
    AgreementReport agreement;
    int rowsWithExpected = 0;
    // How many finished rows failed each named check (hard and soft apart), resumed rows included.
    QList<CheckFailureCount> checkFailures;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::BatchRowResult)
Q_DECLARE_METATYPE(Formwork::BatchProgress)
Q_DECLARE_METATYPE(Formwork::BatchSummary)
