// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/runsession.h"

#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"

namespace Formwork {
namespace Ui {

RunSession::RunSession(QObject *parent)
    : QObject(parent)
{
}

RunSession::~RunSession()
{
    if (m_run) {
        // No signals from a run that outlives its session's listeners.
        m_run->disconnect(this);
        m_run->cancel();
    }
}

void RunSession::start(LlmBackend *backend, const ExtractionConfig &config)
{
    cancel();
    reset();
    m_config = config;
    m_maxAttempts = config.limits.maxAttempts;

    auto *run = new ExtractionRun(backend, config, this);
    m_run = run;
    connect(run, &ExtractionRun::runStarted, this, [this](const RunStartInfo &info) {
        m_startInfo = info;
        m_maxAttempts = info.maxAttempts;
        Q_EMIT started(info);
    });
    connect(run, &ExtractionRun::attemptStarted, this, [this](int attempt, int maxAttempts) {
        m_liveAttempt = attempt;
        m_maxAttempts = maxAttempts;
        m_liveProgress = StreamProgress();
        m_liveProgress.attempt = attempt;
        Q_EMIT attemptStarted(attempt, maxAttempts);
    });
    connect(run, &ExtractionRun::streamDelta, this, [this](const StreamProgress &progress) {
        m_liveProgress = progress;
        Q_EMIT streamProgressed(progress);
    });
    connect(run, &ExtractionRun::transportRetryScheduled, this, [this](const TransportRetry &retry) {
        m_transportRetries.append(retry);
        Q_EMIT transportRetryScheduled(retry);
    });
    connect(run, &ExtractionRun::attemptFinished, this, [this](const AttemptRecord &attempt) {
        m_attempts.append(attempt);
        m_liveAttempt = 0;
        Q_EMIT attemptFinished(attempt);
    });
    connect(run, &ExtractionRun::warning, this, [this](const QString &message) {
        m_warnings.append(message);
        Q_EMIT warningAdded(message);
    });
    connect(run, &ExtractionRun::succeeded, this, &RunSession::onFinished);
    connect(run, &ExtractionRun::failed, this, &RunSession::onFinished);

    setState(State::Running);
    run->start();
}

void RunSession::cancel()
{
    if (m_run && isRunning())
        m_run->cancel(); // emits failed(Cancelled) synchronously, which lands in onFinished()
}

void RunSession::showValidation(const QString &jsonText, const Schema &schema)
{
    cancel();
    reset();
    m_config = ExtractionConfig();
    m_config.schema = schema;
    m_config.mode = ExtractionMode::Json;
    m_maxAttempts = 1;

    AttemptRecord record;
    record.number = 1;
    record.content = jsonText;
    evaluateReply(record, ExtractionMode::Json, schema, QString());

    RunResult result;
    result.success = record.isValid();
    result.reason = result.success ? RunFailureReason::None : RunFailureReason::Exhausted;
    if (!result.success) {
        result.message = record.outcome == AttemptOutcome::SchemaInvalid
            ? tr("The JSON does not match the schema: %n error(s).", nullptr, int(record.errors.size()))
            : tr("The text is not valid JSON: %1").arg(record.parseError.isEmpty() ? attemptOutcomeName(record.outcome)
                                                                                    : record.parseError);
    }
    result.hasValue = record.parsed;
    result.value = record.value;
    result.valueAttempt = 1;
    result.attempts = { record };

    setState(State::Running);
    m_startInfo = RunStartInfo { 1, ExtractionMode::Json, 0, {} };
    Q_EMIT started(m_startInfo);
    // The same state as a real run at each signal: attempt 1 is live between started and finished.
    m_liveAttempt = 1;
    m_liveProgress = StreamProgress();
    m_liveProgress.attempt = 1;
    Q_EMIT attemptStarted(1, 1);
    m_attempts.append(record);
    m_liveAttempt = 0;
    Q_EMIT attemptFinished(record);
    onFinished(result);
}

bool RunSession::acceptAnyway()
{
    if (m_state != State::Failed || !m_result.hasValue || m_accepted)
        return false;
    m_accepted = true;
    Q_EMIT accepted(m_result);
    return true;
}

void RunSession::clear()
{
    cancel();
    reset();
    setState(State::Idle);
}

void RunSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RunSession::reset()
{
    if (m_run) {
        m_run->disconnect(this);
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_startInfo = RunStartInfo();
    m_attempts.clear();
    m_liveAttempt = 0;
    m_maxAttempts = 0;
    m_liveProgress = StreamProgress();
    m_transportRetries.clear();
    m_warnings.clear();
    m_result = RunResult();
    m_accepted = false;
    Q_EMIT cleared();
}

void RunSession::onFinished(const RunResult &result)
{
    m_result = result;
    m_liveAttempt = 0;
    setState(result.success ? State::Succeeded : State::Failed);
    Q_EMIT finished(result);
}

} // namespace Ui
} // namespace Formwork
