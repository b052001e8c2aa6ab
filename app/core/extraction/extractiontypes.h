// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/backenderror.h"
#include "llm/llmtypes.h"
#include "schema/schema.h"
#include "json/incrementaljsonparser.h"
#include "json/sourcemap.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace Formwork {

class AttemptChecker;

// How the schema reaches the model (design.md section 2, "Modes").
enum class ExtractionMode {
    Schema, // grammar-constrained: native format:<schema>, /v1 response_format json_schema
    Json, // format:"json" / response_format json_object, schema in the system prompt
    MdJson, // prompt only; the answer comes in a ```json fence
    Tools, // one tool whose parameters are the schema
};

// "schema", "json", "md-json", "tools".
QString extractionModeName(ExtractionMode mode);
std::optional<ExtractionMode> extractionModeFromName(QStringView name);

// The wording sent to the model. Every text is editable; placeholders are replaced verbatim.
struct ExtractionTemplates {
    // Appended to the system message (after a blank line) or sent as a new first system message.
    // {{schema}}: the schema rendered by the schema engine (indented, property order kept).
    QString schemaPrompt;
    // md-json only: appended to the conversation as a user message.
    QString markdownRequest;
    // Reask texts, one per mode family. {{errors}}: the errors of the failed attempt, one per line.
    QString reaskJson; // schema and json modes
    QString reaskMarkdown; // md-json mode
    QString reaskTools; // tools mode: content of each `tool` message (and of the user message for zero calls)

    static ExtractionTemplates defaults();
};

// When a run stops. maxAttempts is the TOTAL number of attempts, the first one included.
struct ExtractionLimits {
    int maxAttempts = 3;
    qint64 deadlineMs = 0; // wall-clock limit of the whole run; 0 = none
    qint64 tokenBudget = 0; // prompt + completion tokens over all attempts, model-judged rules included; 0 = none
    int maxTransportRetries = 4; // resends after transient backend failures, over the whole run
    int backoffBaseMs = 1000; // first pause; doubles with every further retry
    int backoffMaxMs = 30000;
    double backoffJitter = 0.25; // +/- this fraction of each pause
    int maxNumPredict = 32768; // num_predict is doubled after done_reason "length", up to this
};

// Everything a run needs besides the backend.
struct ExtractionConfig {
    QString model;
    std::optional<Schema> schema; // required
    ExtractionMode mode = ExtractionMode::Schema;
    QList<ChatMessage> messages; // the base conversation (system and user messages); never mutated
    ExtractionTemplates templates = ExtractionTemplates::defaults();
    ExtractionLimits limits;
    ChatOptions options; // options.numPredict unset: chosen from the schema size
    ThinkMode think = ThinkMode::Default;
    QString keepAlive;
    // What the caller knows about the model (e.g. from /api/show); capabilitiesKnown false = unknown.
    ModelInfo modelInfo;
    QString toolName; // tools mode; empty: taken from the schema's title, else "extract"
    // What answers at the base URL (LlmBackend::probeServer); kind Unknown when not probed.
    ServerInfo server;
    // Test seams: uniform random numbers in [0, 1) for the backoff jitter.
    std::function<double()> random;
    // Checks beyond the schema (checks/), asked about every attempt whose reply parsed; none when null.
    std::shared_ptr<AttemptChecker> checker;
};

// Why an attempt did not produce a valid value.
enum class AttemptOutcome {
    Valid,
    NoJson, // nothing in the reply looks like JSON (or no tool call)
    ParseError, // JSON-like text that does not parse
    SchemaInvalid, // parses, fails validation
    Truncated, // done_reason "length" and no valid value
    ContextFull, // cut off because prompt + reply filled the context: a larger num_predict cannot help
    BackendFailed, // the request failed and was not (or no longer) resent
    Cancelled,
};
QString attemptOutcomeName(AttemptOutcome outcome);

// One request/response pair, recorded whole (design.md section 2, "Attempt").
struct AttemptRecord {
    int number = 0; // 1-based
    int transportRetries = 0; // resends of this attempt after transient failures
    QByteArray requestJson; // the exact body sent last
    int numPredict = 0;
    QString content; // raw reply text
    QString thinking; // kept apart, never parsed
    QList<ToolCall> toolCalls;
    QString doneReason;
    QString model; // the model the server says answered (llama-server: its own, whatever was asked)

    // The JSON found in the reply. For tools mode the "raw text" is the chosen call's arguments.
    bool extracted = false;
    SourceRange span; // byte range of the JSON within the raw text (UTF-8)
    QString extractedText;
    bool parsed = false;
    nlohmann::ordered_json value;
    QString parseError; // "line 1, column 9: ..." when the JSON did not parse
    qsizetype parseErrorOffset = -1; // byte offset into the raw text
    QList<ValidationError> errors; // ranges are byte offsets into the raw text
    QString errorText; // what the reask quoted (or would have quoted)
    QList<ValidationError> softErrors; // failed soft checks: reported, never reasked
    ChatUsage judgeUsage; // the requests of model-judged rules, apart from `usage`
    qint64 judgeWallTimeMs = 0;
    int judgeRequests = 0;

    AttemptOutcome outcome = AttemptOutcome::BackendFailed;
    std::optional<BackendError> backendError;
    QStringList notes; // e.g. "num_predict raised from 1024 to 2048"

    ChatUsage usage; // this attempt's own tokens
    qint64 cumulativePromptTokens = 0; // over the run so far, this attempt included
    qint64 cumulativeCompletionTokens = 0;
    ChatTimings timings;
    qint64 wallTimeMs = 0;
    qint64 timeToFirstTokenMs = -1;

    bool isValid() const { return outcome == AttemptOutcome::Valid; }
};

struct RunUsage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 total() const { return promptTokens + completionTokens; }
};

enum class RunFailureReason {
    None,
    Exhausted, // every attempt was used
    Deadline,
    Budget,
    Length, // cut off by num_predict and it cannot be raised further
    Backend, // a backend error that is not transient, or transient ones beyond the retry limit
    Cancelled,
    Configuration, // no schema, tools mode on a model without tools...
    ContextFull, // the prompt and the reply filled the model's context: more num_predict cannot help
};
QString runFailureReasonName(RunFailureReason reason);

struct RunStartInfo {
    int maxAttempts = 0;
    ExtractionMode mode = ExtractionMode::Schema;
    int numPredict = 0;
    QStringList warnings;
};

// A throttled view of the reply while it streams.
struct StreamProgress {
    int attempt = 0;
    QString content; // raw text so far
    QString thinking;
    bool hasPartialValue = false;
    // The value so far and the pointers of its complete values. While the reply streams this is
    // the run's own copy, updated in place just before each streamDelta(), so that no tick copies
    // the value: read it in the slot (it stays valid until the next delta of the attempt) and copy
    // what must be kept longer. Null when hasPartialValue is false.
    std::shared_ptr<const PartialJsonValue> partial;
    bool complete = false; // the whole document was read: every path is complete
    bool final = false; // the last one of the attempt

    const nlohmann::ordered_json &partialValue() const
    {
        static const nlohmann::ordered_json none;
        return partial ? partial->value : none;
    }
    // May be empty when `complete` (every path is then complete).
    const std::set<std::string, std::less<>> &completePointers() const
    {
        static const std::set<std::string, std::less<>> none;
        return partial ? partial->completePointers : none;
    }
};

struct TransportRetry {
    int attempt = 0;
    int retry = 0; // 1-based over the run
    int delayMs = 0;
    BackendError error;
};

struct RunResult {
    bool success = false;
    RunFailureReason reason = RunFailureReason::None;
    QString message; // plain sentence for the user when it failed
    std::optional<BackendError> backendError;
    QList<AttemptRecord> attempts;
    bool hasValue = false; // a parsed value exists (valid when success)
    nlohmann::ordered_json value; // the valid value, or the last parsed one
    int valueAttempt = 0; // the attempt `value` comes from
    RunUsage usage; // summed over attempts
    RunUsage judgeUsage; // model-judged rules, summed over attempts (not in `usage`)
    int transportRetries = 0;
    QStringList warnings;
    qint64 wallTimeMs = 0;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::RunStartInfo)
Q_DECLARE_METATYPE(Formwork::StreamProgress)
Q_DECLARE_METATYPE(Formwork::TransportRetry)
Q_DECLARE_METATYPE(Formwork::AttemptRecord)
Q_DECLARE_METATYPE(Formwork::RunResult)
