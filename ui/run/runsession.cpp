// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/runsession.h"

#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "llm/llmbackend.h"
#include "store/historydatabase.h"
#include "store/runrecorder.h"
#include "store/storedrunreplay.h"

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
    // Stored before the session hears of the end: recorded() comes just before finished().
    record(run, backend, config);
    connect(run, &ExtractionRun::succeeded, this, &RunSession::onFinished);
    connect(run, &ExtractionRun::failed, this, &RunSession::onFinished);

    setState(State::Running);
    run->start();
}

void RunSession::setHistoryPath(const QString &path)
{
    if (path == m_historyPath)
        return;
    delete m_recorder;
    m_history.reset();
    m_historyPath = path;
}

qint64 RunSession::historyRunId() const
{
    return m_recorder ? m_recorder->runId() : 0;
}

void RunSession::record(ExtractionRun *run, LlmBackend *backend, const ExtractionConfig &config)
{
    delete m_recorder;
    if (m_historyPath.isEmpty() || !backend)
        return;
    if (!m_history) {
        auto history = std::make_unique<HistoryDatabase>();
        if (const QString problem = history->open(m_historyPath); !problem.isEmpty()) {
            Q_EMIT historyError(problem);
            return;
        }
        m_history = std::move(history);
    }
    auto *recorder = new RunRecorder(m_history.get(), singleRunStart(config, backend->api(), backend->baseUrl()), this);
    m_recorder = recorder;
    connect(recorder, &RunRecorder::historyError, this, &RunSession::historyError);
    connect(recorder, &RunRecorder::recorded, this, &RunSession::recorded);
    recorder->attach(run);
}

bool RunSession::showStored(const StoredRun &stored)
{
    if (isRunning())
        return false;
    reset();
    const ReplayedRun replayed = replayStoredRun(stored);
    m_config = ExtractionConfig();
    m_config.model = stored.model;
    m_config.mode = replayed.mode;
    m_config.schema = replayed.schema;
    m_config.limits.maxAttempts = replayed.maxAttempts;
    m_storedRunId = stored.id;
    m_storedRunTime = stored.createdAt;
    replay(RunStartInfo { replayed.maxAttempts, replayed.mode, 0, {} }, replayed.attempts, replayed.result);
    return true;
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

    replay(RunStartInfo { 1, ExtractionMode::Json, 0, {} }, { record }, result);
}

// The signals of a real run, in its order, for attempts that are already known.
void RunSession::replay(const RunStartInfo &info, const QList<AttemptRecord> &attempts, const RunResult &result)
{
    setState(State::Running);
    m_startInfo = info;
    m_maxAttempts = info.maxAttempts;
    Q_EMIT started(m_startInfo);
    for (const AttemptRecord &record : attempts) {
        // The same state as a real run at each signal: the attempt is live between its start and end.
        m_liveAttempt = record.number;
        m_liveProgress = StreamProgress();
        m_liveProgress.attempt = record.number;
        Q_EMIT attemptStarted(record.number, info.maxAttempts);
        m_attempts.append(record);
        m_liveAttempt = 0;
        Q_EMIT attemptFinished(record);
    }
    onFinished(result);
}

bool RunSession::acceptAnyway()
{
    if (isStored() || m_state != State::Failed || !m_result.hasValue || m_accepted)
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
    m_storedRunId = 0;
    m_storedRunTime = QDateTime();
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
