// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storedrunreplay.h"

#include "extraction/extractionrequest.h"
#include "grounding/chunkedextraction.h"
#include "store/storederrors.h"

#include <QCoreApplication>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

Json parsed(const QString &text)
{
    return Json::parse(text.toStdString(), nullptr, false);
}

std::optional<AttemptOutcome> outcomeFromName(const QString &name)
{
    for (const AttemptOutcome outcome :
         { AttemptOutcome::Valid, AttemptOutcome::NoJson, AttemptOutcome::ParseError, AttemptOutcome::SchemaInvalid,
           AttemptOutcome::Truncated, AttemptOutcome::ContextFull, AttemptOutcome::BackendFailed,
           AttemptOutcome::Cancelled })
        if (attemptOutcomeName(outcome) == name)
            return outcome;
    return std::nullopt;
}

// "Kind: detail" as the history writes it.
std::optional<BackendError> backendErrorFrom(const QString &stored)
{
    if (stored.isEmpty())
        return std::nullopt;
    BackendError error;
    const qsizetype colon = stored.indexOf(QStringLiteral(": "));
    const QString kind = colon < 0 ? stored : stored.left(colon);
    error.detail = colon < 0 ? QString() : stored.mid(colon + 2);
    for (int k = int(BackendError::Kind::Unreachable); k <= int(BackendError::Kind::ProtocolError); ++k)
        if (kindName(BackendError::Kind(k)) == kind)
            error.kind = BackendError::Kind(k);
    return error;
}

AttemptRecord replayAttempt(const StoredAttempt &stored, const ReplayedRun &replay,
                            const std::optional<Schema> &chunkSchema, const QString &toolName)
{
    AttemptRecord record = stored.toAttemptRecord();
    if (stored.chunk >= 0)
        record.notes.append(
            stored.chunkPass > 0
                ? QCoreApplication::translate("Formwork::StoredRunReplay", "pass %1, chunk %2")
                      .arg(stored.chunkPass + 1)
                      .arg(stored.chunk + 1)
                : QCoreApplication::translate("Formwork::StoredRunReplay", "chunk %1").arg(stored.chunk + 1));
    const std::optional<AttemptOutcome> outcome = outcomeFromName(stored.outcome);
    const bool replied = outcome != AttemptOutcome::BackendFailed && outcome != AttemptOutcome::Cancelled;
    StoredErrors errors = storedErrorsFrom(stored.errorsJson);
    if (replay.schema && replied) {
        // A chunk's reply is judged as it was when it ran: against the chunk schema.
        evaluateReply(record, replay.mode, stored.chunk >= 0 && chunkSchema ? *chunkSchema : *replay.schema, toolName);
        // The checks beyond the schema are not run again (a judge would call a model): their
        // errors come back as stored, with their kind and source range.
        for (const ValidationError &error : std::as_const(errors.hard))
            if (!error.kind.isEmpty())
                record.errors.append(error);
    } else {
        record.errors = errors.hard;
    }
    record.softErrors = errors.soft;
    record.judgeUsage.promptTokens = stored.judgePromptTokens;
    record.judgeUsage.completionTokens = stored.judgeCompletionTokens;
    record.judgeWallTimeMs = stored.judgeWallMs;
    record.judgeRequests = stored.judgeRequests;
    // What the run decided stands (a truncated reply, a backend failure), whatever the replay says.
    record.outcome = outcome.value_or(record.outcome);
    record.errorText = stored.errorText;
    record.backendError = backendErrorFrom(stored.backendError);
    record.usage.promptTokens = stored.promptTokens;
    record.usage.completionTokens = stored.completionTokens;
    record.wallTimeMs = stored.wallMs;
    const Json timings = parsed(stored.timingsJson);
    if (timings.is_object()) {
        record.timings.loadNs = timings.value("load_ns", qint64(0));
        record.timings.promptEvalNs = timings.value("prompt_eval_ns", qint64(0));
        record.timings.evalNs = timings.value("eval_ns", qint64(0));
        record.timings.totalNs = timings.value("total_ns", qint64(0));
        record.timeToFirstTokenMs = timings.value("first_token_ms", qint64(-1));
    }
    return record;
}

RunFailureReason reasonOf(const StoredRun &run)
{
    if (run.status == u"valid")
        return RunFailureReason::None;
    if (run.status == u"cancelled" || run.status == u"running")
        return RunFailureReason::Cancelled;
    if (run.status == u"error")
        return RunFailureReason::Backend;
    return RunFailureReason::Exhausted;
}

} // namespace

ReplayedRun replayStoredRun(const StoredRun &run)
{
    ReplayedRun replay;
    replay.mode = extractionModeFromName(run.mode).value_or(ExtractionMode::Schema);
    const Json schema = parsed(run.schemaJson);
    if (schema.is_object() || schema.is_boolean()) {
        auto compiled = Schema::compile(schema);
        if (compiled)
            replay.schema = std::move(compiled).value();
    }
    const Json settings = parsed(run.settingsJson);
    QString toolName = QStringLiteral("extract");
    if (settings.is_object()) {
        toolName = QString::fromStdString(settings.value("tool_name", std::string("extract")));
        replay.maxAttempts = settings.value("max_attempts", 0);
    }

    const std::optional<Schema> chunkSchema = chunkSchemaOf(replay.schema);
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    for (const StoredAttempt &stored : run.attempts) {
        AttemptRecord record = replayAttempt(stored, replay, chunkSchema, toolName);
        promptTokens += record.usage.promptTokens;
        completionTokens += record.usage.completionTokens;
        record.cumulativePromptTokens = promptTokens;
        record.cumulativeCompletionTokens = completionTokens;
        record.model = run.model;
        replay.attempts.append(record);
    }
    replay.maxAttempts = std::max(replay.maxAttempts, int(replay.attempts.size()));

    RunResult &result = replay.result;
    result.success = run.status == u"valid";
    result.reason = reasonOf(run);
    result.message = run.message;
    result.attempts = replay.attempts;
    const Json value = parsed(run.resultJson);
    result.hasValue = !run.resultJson.isEmpty() && !value.is_discarded();
    if (result.hasValue)
        result.value = value;
    for (auto it = replay.attempts.crbegin(); it != replay.attempts.crend(); ++it)
        if (it->parsed) {
            result.valueAttempt = it->number;
            break;
        }
    result.usage.promptTokens = run.promptTokens;
    result.usage.completionTokens = run.completionTokens;
    result.judgeUsage.promptTokens = run.judgePromptTokens;
    result.judgeUsage.completionTokens = run.judgeCompletionTokens;
    result.wallTimeMs = run.wallMs;
    if (!replay.attempts.isEmpty())
        result.backendError = replay.attempts.constLast().backendError;
    return replay;
}

} // namespace Formwork
