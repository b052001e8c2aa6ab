// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractionrun.h"

#include "checks/attemptchecker.h"
#include "checks/checkreport.h"
#include "common/logging.h"
#include "extraction/extractionrequest.h"
#include "extraction/streamprogresstracker.h"
#include "llm/llmbackend.h"
#include "json/jsonextractor.h"
#include "json/jsonparser.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Formwork {

namespace {

bool isRetryable(const BackendError &error)
{
    return error.isTransient() || error.kind == BackendError::Kind::Unreachable;
}

// The context the server runs the model with: num_ctx when the run sets it, else what the
// server reported (llama-server's slot context, Ollama's /api/ps); 0 when unknown.
qint64 contextSize(const ExtractionConfig &config)
{
    return config.options.numCtx ? *config.options.numCtx : config.modelInfo.runtimeContextLength;
}

// A reply stopped because prompt + completion reached the context, whatever num_predict was.
bool filledContext(const AttemptRecord &r, const ExtractionConfig &config)
{
    const qint64 context = contextSize(config);
    return context > 0 && r.usage.promptTokens + r.usage.completionTokens >= context;
}

QString contextFullText(const AttemptRecord &r, const ExtractionConfig &config)
{
    return QCoreApplication::translate("Formwork::Extraction",
                                       "The context is full: the prompt (%1 tokens) and the reply (%2 tokens) fill "
                                       "all %3 tokens of it, so more num_predict cannot help. Shorten the prompt or "
                                       "give the model a larger context (-c on llama-server, num_ctx on Ollama).")
        .arg(r.usage.promptTokens)
        .arg(r.usage.completionTokens)
        .arg(contextSize(config));
}

QString unreachableAtDeadlineText(const BackendError &error)
{
    return QCoreApplication::translate("Formwork::Extraction", "%1 It was still unreachable at the deadline.")
        .arg(userMessage(error));
}

} // namespace

ExtractionRun::ExtractionRun(LlmBackend *backend, const ExtractionConfig &config, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_config(config)
{
    m_deadlineTimer.setSingleShot(true);
    m_backoffTimer.setSingleShot(true);
    m_throttleTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ExtractionRun::onDeadline);
    connect(&m_backoffTimer, &QTimer::timeout, this, &ExtractionRun::sendCurrent);
    connect(&m_throttleTimer, &QTimer::timeout, this, [this] { emitProgress(false); });
}

ExtractionRun::~ExtractionRun()
{
    if (m_job)
        m_job->cancel();
}

void ExtractionRun::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Running;
    m_runClock.start();
    if (!m_backend) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                finish(false, RunFailureReason::Configuration,
                       QCoreApplication::translate("Formwork::Extraction", "No backend to send the request to."));
            },
            Qt::QueuedConnection);
        return;
    }
    const ModelInfo &model = m_config.modelInfo;
    if (m_config.mode == ExtractionMode::Tools && model.capabilitiesKnown && !model.hasCapability(u"tools")) {
        // Refused before sending, with the error the server would have given.
        BackendError error;
        error.kind = BackendError::Kind::ModelLacksCapability;
        error.capability = QStringLiteral("tools");
        error.model = m_config.model;
        error.detail = QStringLiteral("%1 does not support tools (checked before sending)").arg(m_config.model);
        QMetaObject::invokeMethod(
            this, [this, error] { finish(false, RunFailureReason::Backend, userMessage(error), error); },
            Qt::QueuedConnection);
        return;
    }
    auto base = buildBaseRequest(m_config, m_backend->api());
    if (!base) {
        const QString message = base.error();
        QMetaObject::invokeMethod(
            this, [this, message] { finish(false, RunFailureReason::Configuration, message); }, Qt::QueuedConnection);
        return;
    }
    m_base = base->request;
    m_toolName = extractionToolName(m_config);
    if (m_config.limits.deadlineMs > 0)
        m_deadlineTimer.start(int(std::min<qint64>(m_config.limits.deadlineMs, std::numeric_limits<int>::max())));

    RunStartInfo info;
    info.maxAttempts = m_config.limits.maxAttempts;
    info.mode = m_config.mode;
    info.numPredict = m_base.options.numPredict.value_or(0);
    info.warnings = base->warnings;
    QMetaObject::invokeMethod(
        this,
        [this, info] {
            if (m_state != State::Running)
                return;
            Q_EMIT runStarted(info);
            for (const QString &w : info.warnings)
                addWarning(w);
            if (m_state == State::Running)
                beginAttempt();
        },
        Qt::QueuedConnection);
}

ChatRequest ExtractionRun::requestForAttempt(int attempt) const
{
    ChatRequest request = m_base;
    for (int i = 0; i < attempt - 1 && i < m_overlays.size(); ++i)
        request.messages.append(m_overlays.at(i));
    if (attempt >= 1 && attempt <= m_numPredict.size())
        request.options.numPredict = m_numPredict.at(attempt - 1);
    return request;
}

void ExtractionRun::beginAttempt()
{
    m_current = AttemptRecord();
    m_currentOpen = true;
    m_current.number = int(m_attempts.size()) + 1;
    const int previous = m_numPredict.isEmpty() ? m_base.options.numPredict.value_or(0) : m_numPredict.last();
    int numPredict = previous;
    // The attempt after a cut-off reply gets more room (set in onFinished through m_current notes).
    if (!m_attempts.isEmpty() && m_attempts.last().outcome == AttemptOutcome::Truncated)
        numPredict = std::min(previous * 2, std::max(previous, m_config.limits.maxNumPredict));
    m_numPredict.append(numPredict);
    m_current.numPredict = numPredict;
    Q_EMIT attemptStarted(m_current.number, m_config.limits.maxAttempts);
    sendCurrent();
}

void ExtractionRun::sendCurrent()
{
    if (m_state != State::Running && m_state != State::Waiting)
        return;
    m_state = State::Running;
    m_liveContent.clear();
    m_liveThinking.clear();
    m_liveArguments.clear();
    m_tracker = std::make_unique<StreamProgressTracker>(m_config.mode);
    m_lastProgress.invalidate();
    m_throttleTimer.stop();

    if (!m_backend) {
        stopCurrent(AttemptOutcome::BackendFailed, {});
        finish(false, RunFailureReason::Configuration,
               QCoreApplication::translate("Formwork::Extraction", "The backend was removed during the run."));
        return;
    }
    const ChatRequest request = requestForAttempt(m_current.number);
    ChatJob *job = m_backend->chat(request);
    m_job = job;
    connect(job, &ChatJob::delta, this, &ExtractionRun::onDelta);
    connect(job, &ChatJob::finished, this, &ExtractionRun::onFinished);
    connect(job, &ChatJob::failed, this, &ExtractionRun::onFailed);
}

void ExtractionRun::onDelta(const ChatDelta &delta)
{
    if (sender() != m_job)
        return;
    m_liveContent += delta.content;
    m_liveThinking += delta.thinking;
    for (const ToolCall &call : delta.toolCalls) {
        if (call.index != 0)
            continue;
        m_liveArguments += call.argumentsJson;
        if (m_config.mode == ExtractionMode::Tools)
            m_tracker->append(call.argumentsJson);
    }
    if (m_config.mode != ExtractionMode::Tools)
        m_tracker->append(delta.content);
    // A partial parse of a long reply is not free: never spend more than about a quarter of the
    // time on it, whatever the throttle interval.
    const qint64 interval = std::max<qint64>(m_throttleMs, 4 * m_lastProgressCostMs);
    if (!m_lastProgress.isValid() || m_lastProgress.elapsed() >= interval) {
        m_throttleTimer.stop();
        emitProgress(false);
    } else if (!m_throttleTimer.isActive()) {
        m_throttleTimer.start(int(std::max<qint64>(1, interval - m_lastProgress.elapsed())));
    }
}

void ExtractionRun::emitProgress(bool final)
{
    QElapsedTimer cost;
    cost.start();
    StreamProgress progress;
    if (final) {
        // The finished reply may differ from the deltas (a server that sends the arguments only at
        // the end): read it whole, once.
        const QString &json = m_config.mode == ExtractionMode::Tools ? m_liveArguments : m_liveContent;
        progress = streamProgressFor(m_config.mode, m_liveContent, json);
    } else {
        m_tracker->refresh();
        progress.content = m_liveContent;
        progress.partial = m_tracker->value();
        progress.hasPartialValue = progress.partial != nullptr;
        progress.complete = m_tracker->isComplete();
    }
    progress.attempt = m_current.number;
    progress.thinking = m_liveThinking;
    progress.final = final;
    m_lastProgressCostMs = cost.elapsed();
    m_lastProgress.start();
    Q_EMIT streamDelta(progress);
}

void ExtractionRun::onFinished(const ChatResult &result)
{
    if (sender() != m_job || m_state != State::Running)
        return;
    m_job = nullptr;
    m_throttleTimer.stop();
    if (m_config.mode == ExtractionMode::Tools && m_liveArguments.isEmpty() && !result.toolCalls.isEmpty())
        m_liveArguments = result.toolCalls.first().argumentsJson;
    m_liveContent = result.content;
    m_liveThinking = result.thinking;

    AttemptRecord &r = m_current;
    r.requestJson = result.requestJson;
    r.content = result.content;
    r.thinking = result.thinking;
    r.toolCalls = result.toolCalls;
    r.doneReason = result.finishReason;
    r.model = result.model;
    r.usage = result.usage;
    r.timings = result.timings;
    r.wallTimeMs = result.wallTimeMs;
    r.timeToFirstTokenMs = result.timeToFirstTokenMs;
    // A resend that got its reply keeps the failure only in its "Resent after" note.
    r.backendError.reset();
    m_usage.promptTokens += result.usage.promptTokens;
    m_usage.completionTokens += result.usage.completionTokens;

    evaluateReply(r, m_config.mode, *m_config.schema, m_toolName);
    if (r.parsed) {
        // The whole reply is known: the evaluation's value is the final "partial" one.
        StreamProgress progress;
        progress.attempt = r.number;
        progress.content = r.content;
        progress.thinking = r.thinking;
        progress.hasPartialValue = true;
        progress.partial = std::make_shared<const PartialJsonValue>(PartialJsonValue { r.value, {} });
        progress.complete = true;
        progress.final = true;
        Q_EMIT streamDelta(progress);
    } else {
        emitProgress(true);
    }
    if (m_state != State::Running)
        return; // a slot cancelled the run
    if (r.parsed && m_config.checker) {
        startChecks(result);
        return;
    }
    completeAttempt(result);
}

void ExtractionRun::completeAttempt(const ChatResult &result)
{
    AttemptRecord &r = m_current;
    QList<ChatMessage> overlay;
    bool lengthExhausted = false;
    bool contextFull = false;
    if (r.outcome == AttemptOutcome::Valid) {
        if (result.isTruncated())
            r.notes.append(QCoreApplication::translate("Formwork::Extraction",
                                                       "The reply was cut off after a complete, valid value."));
    } else if (result.isTruncated() && filledContext(r, m_config)) {
        // More num_predict cannot help: the prompt and the reply fill the whole context.
        r.outcome = AttemptOutcome::ContextFull;
        contextFull = true;
        r.notes.append(contextFullText(r, m_config));
        if (r.errorText.isEmpty())
            r.errorText = QStringLiteral("The reply was cut off.");
    } else if (result.isTruncated()) {
        r.outcome = AttemptOutcome::Truncated;
        const int next = std::min(r.numPredict * 2, m_config.limits.maxNumPredict);
        const QString cutOff
            = QCoreApplication::translate("Formwork::Extraction",
                                          "Attempt %1 was cut off at num_predict %2 (done_reason length).")
                  .arg(r.number)
                  .arg(r.numPredict);
        if (next <= r.numPredict) {
            lengthExhausted = true;
            r.notes.append(cutOff);
        } else if (!nextAttemptAllowed(r.number)) {
            r.notes.append(cutOff); // no next attempt to promise
        } else {
            const QString note = cutOff + QLatin1Char(' ')
                + QCoreApplication::translate("Formwork::Extraction", "The next attempt raises num_predict to %1.")
                      .arg(next);
            r.notes.append(note);
            addWarning(note);
        }
        if (r.errorText.isEmpty())
            r.errorText = QStringLiteral("The reply was cut off.");
    } else {
        overlay = reaskMessages(r, m_config.mode, m_config.templates);
    }
    m_overlays.append(overlay);
    recordAttempt();
    if (m_state != State::Running)
        return; // a slot of attemptFinished() cancelled the run

    const AttemptRecord &last = m_attempts.last();
    if (last.outcome == AttemptOutcome::Valid) {
        finish(true, RunFailureReason::None, {});
        return;
    }
    if (contextFull) {
        finish(false, RunFailureReason::ContextFull, contextFullText(last, m_config));
        return;
    }
    if (lengthExhausted) {
        finish(false, RunFailureReason::Length,
               QCoreApplication::translate("Formwork::Extraction",
                                           "The reply was cut off at num_predict %1, the highest allowed (%2).")
                   .arg(last.numPredict)
                   .arg(m_config.limits.maxNumPredict));
        return;
    }
    if (budgetUsedUp()) {
        finish(
            false, RunFailureReason::Budget,
            m_judgeUsage.total() == 0
                ? QCoreApplication::translate("Formwork::Extraction", "The token budget of %1 was used up (%2 tokens).")
                      .arg(m_config.limits.tokenBudget)
                      .arg(m_usage.total())
                : QCoreApplication::translate("Formwork::Extraction",
                                              "The token budget of %1 was used up (%2 tokens: %3 by the extraction, "
                                              "%4 by model-judged rules).")
                      .arg(m_config.limits.tokenBudget)
                      .arg(m_usage.total() + m_judgeUsage.total())
                      .arg(m_usage.total())
                      .arg(m_judgeUsage.total()));
        return;
    }
    const bool allCutOff = std::all_of(m_attempts.cbegin(), m_attempts.cend(),
                                       [](const AttemptRecord &a) { return a.outcome == AttemptOutcome::Truncated; });
    if (m_attempts.size() >= m_config.limits.maxAttempts && allCutOff) {
        finish(false, RunFailureReason::Exhausted,
               QCoreApplication::translate("Formwork::Extraction",
                                           "Every attempt was cut off before its JSON was complete (%n attempt(s), "
                                           "the last at num_predict %1). Raise num_predict or ask for less.",
                                           nullptr, int(m_attempts.size()))
                   .arg(last.numPredict));
        return;
    }
    if (m_attempts.size() >= m_config.limits.maxAttempts) {
        finish(false, RunFailureReason::Exhausted,
               QCoreApplication::translate("Formwork::Extraction", "No valid result after %n attempt(s).", nullptr,
                                           int(m_attempts.size())));
        return;
    }
    if (deadlinePassed()) { // the deadline timer has not fired yet: do not start what it would stop
        finish(false, RunFailureReason::Deadline, deadlineText());
        return;
    }
    beginAttempt();
}

void ExtractionRun::startChecks(const ChatResult &result)
{
    AttemptCheckJob *job = m_config.checker->check(m_current, m_config, this);
    m_checkJob = job;
    connect(job, &AttemptCheckJob::finished, this, [this, job, result](const CheckReport &report) {
        job->deleteLater();
        if (m_checkJob != job || m_state != State::Running)
            return;
        m_checkJob = nullptr;
        applyCheckReport(m_current, report);
        m_judgeUsage.promptTokens += report.judgeUsage.promptTokens;
        m_judgeUsage.completionTokens += report.judgeUsage.completionTokens;
        if (report.configurationError.isEmpty()) {
            completeAttempt(result);
            return;
        }
        // A broken check is not the model's fault: asking again cannot help.
        m_overlays.append(QList<ChatMessage>());
        recordAttempt();
        finish(false, RunFailureReason::Configuration, report.configurationError);
    });
}

void ExtractionRun::onFailed(const BackendError &error)
{
    if (sender() != m_job || m_state != State::Running)
        return;
    m_current.requestJson = m_job->requestJson();
    m_job = nullptr;
    m_throttleTimer.stop();
    m_current.backendError = error;
    if (isRetryable(error) && m_transportRetries < m_config.limits.maxTransportRetries) {
        const int delay = backoffDelayMs(m_transportRetries + 1);
        if (m_config.limits.deadlineMs > 0 && delay >= remainingMs()) {
            stopCurrent(AttemptOutcome::BackendFailed, userMessage(error));
            if (error.kind == BackendError::Kind::Unreachable) {
                finish(false, RunFailureReason::Backend, unreachableAtDeadlineText(error), error);
                return;
            }
            finish(false, RunFailureReason::Deadline,
                   QCoreApplication::translate("Formwork::Extraction", "%1 The deadline leaves no time to resend.")
                       .arg(userMessage(error)),
                   error);
            return;
        }
        ++m_transportRetries;
        ++m_current.transportRetries;
        m_current.notes.append(QCoreApplication::translate("Formwork::Extraction", "%1 Resent after %2 ms.")
                                   .arg(userMessage(error))
                                   .arg(delay));
        TransportRetry retry;
        retry.attempt = m_current.number;
        retry.retry = m_transportRetries;
        retry.delayMs = delay;
        retry.error = error;
        qCInfo(lcExtraction) << "transient failure, resending in" << delay << "ms:" << kindName(error.kind)
                             << error.detail;
        m_state = State::Waiting;
        Q_EMIT transportRetryScheduled(retry);
        if (m_state == State::Waiting)
            m_backoffTimer.start(delay);
        return;
    }
    stopCurrent(AttemptOutcome::BackendFailed, userMessage(error));
    finish(false, RunFailureReason::Backend, userMessage(error), error);
}

void ExtractionRun::recordAttempt()
{
    m_currentOpen = false;
    m_current.cumulativePromptTokens = m_usage.promptTokens;
    m_current.cumulativeCompletionTokens = m_usage.completionTokens;
    m_attempts.append(m_current);
    Q_EMIT attemptFinished(m_attempts.last());
}

void ExtractionRun::stopCurrent(AttemptOutcome outcome, const QString &note)
{
    if (m_job) {
        m_current.requestJson = m_job->requestJson();
        m_job->cancel();
        m_job = nullptr;
    }
    m_throttleTimer.stop();
    m_backoffTimer.stop();
    if (m_checkJob) {
        m_checkJob->deleteLater(); // stops its judging requests
        m_checkJob = nullptr;
    }
    if (!m_currentOpen)
        return;
    m_current.content = m_liveContent;
    m_current.thinking = m_liveThinking;
    m_current.outcome = outcome;
    if (!note.isEmpty())
        m_current.notes.append(note);
    m_overlays.append(QList<ChatMessage>());
    recordAttempt();
}

void ExtractionRun::onDeadline()
{
    if (isFinished() || m_state == State::Idle)
        return;
    // Waiting to resend to a server that cannot be reached: that is the failure, not the clock.
    if (m_state == State::Waiting && m_current.backendError
        && m_current.backendError->kind == BackendError::Kind::Unreachable) {
        const BackendError error = *m_current.backendError;
        stopCurrent(AttemptOutcome::BackendFailed, userMessage(error));
        finish(false, RunFailureReason::Backend, unreachableAtDeadlineText(error), error);
        return;
    }
    stopCurrent(AttemptOutcome::Cancelled,
                QCoreApplication::translate("Formwork::Extraction", "Stopped by the deadline."));
    finish(false, RunFailureReason::Deadline, deadlineText());
}

QString ExtractionRun::deadlineText() const
{
    return QCoreApplication::translate("Formwork::Extraction", "The deadline of %1 ms was reached.")
        .arg(m_config.limits.deadlineMs);
}

void ExtractionRun::cancel()
{
    if (isFinished())
        return;
    if (m_state == State::Idle) {
        m_state = State::Running;
        m_runClock.start();
    }
    stopCurrent(AttemptOutcome::Cancelled, QCoreApplication::translate("Formwork::Extraction", "Cancelled."));
    finish(false, RunFailureReason::Cancelled,
           QCoreApplication::translate("Formwork::Extraction", "The run was cancelled."));
}

void ExtractionRun::finish(bool success, RunFailureReason reason, const QString &message,
                           const std::optional<BackendError> &error)
{
    if (isFinished())
        return;
    m_deadlineTimer.stop();
    m_backoffTimer.stop();
    m_throttleTimer.stop();
    if (m_job) {
        m_job->cancel();
        m_job = nullptr;
    }
    m_state = success ? State::Succeeded : State::Failed;
    RunResult &result = m_result;
    result.success = success;
    result.reason = reason;
    result.message = message;
    result.backendError = error;
    result.attempts = m_attempts;
    result.usage = m_usage;
    result.judgeUsage = m_judgeUsage;
    result.transportRetries = m_transportRetries;
    result.warnings = m_warnings;
    result.wallTimeMs = m_runClock.isValid() ? m_runClock.elapsed() : 0;
    for (auto it = m_attempts.crbegin(); it != m_attempts.crend(); ++it) {
        if (it->parsed) {
            result.hasValue = true;
            result.value = it->value;
            result.valueAttempt = it->number;
            break;
        }
    }
    if (success)
        Q_EMIT succeeded(result);
    else
        Q_EMIT failed(result);
}

int ExtractionRun::backoffDelayMs(int retry) const
{
    const ExtractionLimits &l = m_config.limits;
    const double exponential = double(l.backoffBaseMs) * std::pow(2.0, double(std::max(0, retry - 1)));
    const double capped = std::min(exponential, double(l.backoffMaxMs));
    const double random = m_config.random ? m_config.random() : QRandomGenerator::global()->generateDouble();
    const double factor = 1.0 + l.backoffJitter * (2.0 * random - 1.0);
    return std::max(0, int(std::lround(capped * factor)));
}

bool ExtractionRun::budgetUsedUp() const
{
    // The judges' tokens are spent on this run too: they count (and are still shown apart).
    return m_config.limits.tokenBudget > 0 && m_usage.total() + m_judgeUsage.total() >= m_config.limits.tokenBudget;
}

bool ExtractionRun::deadlinePassed() const
{
    return m_config.limits.deadlineMs > 0 && remainingMs() <= 0;
}

// Whether an attempt after attempt `number` may start, as far as the limits say now; a reply note
// promises a next attempt only when this holds.
bool ExtractionRun::nextAttemptAllowed(int number) const
{
    return number < m_config.limits.maxAttempts && !budgetUsedUp() && !deadlinePassed();
}

qint64 ExtractionRun::remainingMs() const
{
    if (m_config.limits.deadlineMs <= 0)
        return std::numeric_limits<qint64>::max();
    return m_config.limits.deadlineMs - m_runClock.elapsed();
}

void ExtractionRun::addWarning(const QString &message)
{
    m_warnings.append(message);
    Q_EMIT warning(message);
}

} // namespace Formwork
