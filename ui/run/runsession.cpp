// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/runsession.h"

#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "llm/llmbackend.h"
#include "store/chunkedrunrecorder.h"
#include "store/historydatabase.h"
#include "store/runrecorder.h"
#include "store/storedrunreplay.h"

#include <QCryptographicHash>

#include <algorithm>

namespace Formwork {
namespace Ui {

RunSession::RunSession(QObject *parent)
    : QObject(parent)
{
}

RunSession::~RunSession()
{
    // No signals from a run that outlives its session's listeners. A run of chunks first: its
    // chunk run (m_run) cancelled alone would start the next chunk.
    if (m_chunked) {
        m_chunked->disconnect(this);
        for (const auto &running : m_chunkRuns)
            running.first->disconnect(this);
        m_chunked->cancel();
    } else if (m_run) {
        m_run->disconnect(this);
        m_run->cancel();
    }
}

namespace {

// What a run of chunks depends on: the same digest means the same chunks and the same requests.
QByteArray chunkedRunKey(const ExtractionConfig &config, const QString &document, const ChunkedExtractionOptions &o)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](const QString &text) {
        hash.addData(text.toUtf8());
        hash.addData(QByteArrayView("\x1f", 1));
    };
    add(config.model);
    add(extractionModeName(config.mode));
    add(config.schema ? QString::fromStdString(config.schema->document().dump()) : QString());
    for (const ChatMessage &message : config.messages) {
        add(message.role);
        add(message.content);
    }
    add(document);
    add(QStringLiteral("%1 %2 %3").arg(o.chunking.maxChars).arg(o.chunking.overlapChars).arg(o.passes));
    return hash.result();
}

} // namespace

void RunSession::startChunked(LlmBackend *backend, const ExtractionConfig &config, const QString &document,
                              const ChunkedExtractionOptions &options)
{
    cancel();
    reset();
    m_config = config;
    m_maxAttempts = config.limits.maxAttempts;
    m_chunkedDocument = document;
    m_chunkedKey = chunkedRunKey(config, document, options);

    // options.concurrency chunks at a time, as batch and `formwork-cli extract --parallel` do.
    auto *chunked = new ChunkedExtraction(backend, config, document, options, this);
    m_chunked = chunked;
    // Stored before the session hears of the end: recorded() comes just before finished().
    recordChunked(chunked, backend, config);
    m_chunkCount = int(chunked->chunks().size());
    m_chunkPasses = chunked->passes();
    if (m_cancelledChunks && m_cancelledChunks->first == m_chunkedKey) {
        chunked->resumeFrom(m_cancelledChunks->second);
        m_resumedChunks = m_cancelledChunks->second.validChunkRuns();
        m_chunksDone = m_resumedChunks;
    }
    m_cancelledChunks.reset();
    connect(chunked, &ChunkedExtraction::passStarted, this, [this](int pass) { m_chunkPass = pass + 1; });
    connect(chunked, &ChunkedExtraction::chunkStarted, this, &RunSession::followChunk);
    connect(chunked, &ChunkedExtraction::chunkFinished, this, &RunSession::onChunkRunFinished);
    connect(chunked, &ChunkedExtraction::finished, this, &RunSession::onChunkedFinished);

    m_startInfo = RunStartInfo { config.limits.maxAttempts, config.mode, 0, {} };
    m_chunkClock.start();
    setState(State::Running);
    Q_EMIT started(m_startInfo);
    if (m_resumedChunks > 0)
        addWarning(
            tr("Resumed: %n chunk run(s) of the cancelled run kept, not asked again.", nullptr, m_resumedChunks));
    chunked->start();
}

void RunSession::addWarning(const QString &message)
{
    m_warnings.append(message);
    Q_EMIT warningAdded(message);
}

// A chunk's run, seen as part of one run: its attempts numbered on from the attempts before,
// in the order they finish. Of the chunk runs going at once, one attempt is the live one.
void RunSession::followChunk(int index, int count, ExtractionRun *run)
{
    ChunkRunState &state = m_chunkRuns[run];
    state.chunk = index;
    state.pass = m_chunked ? m_chunked->currentPass() : 0;
    if (m_liveAttempt == 0) {
        m_liveChunk = index + 1;
        m_run = run;
    }
    Q_EMIT chunkProgressed(index + 1, count, m_chunkPass, m_chunkPasses);
    connect(run, &ExtractionRun::attemptStarted, this, [this, run](int, int maxAttempts) {
        auto it = m_chunkRuns.find(run);
        if (it == m_chunkRuns.end())
            return;
        it->second.inAttempt = true;
        it->second.maxAttempts = maxAttempts;
        it->second.resends.clear();
        it->second.progress = StreamProgress();
        if (m_liveAttempt == 0)
            followAttempt(run);
        Q_EMIT runningAttemptsChanged();
    });
    connect(run, &ExtractionRun::streamDelta, this, [this, run](const StreamProgress &progress) {
        auto it = m_chunkRuns.find(run);
        if (it != m_chunkRuns.end()) {
            const bool began = it->second.progress.content.isEmpty() && !progress.content.isEmpty();
            it->second.progress = progress;
            if (began && (run != m_run || m_liveAttempt == 0))
                Q_EMIT runningAttemptsChanged(); // "resending..." becomes "streaming..."
        }
        if (run != m_run || m_liveAttempt == 0)
            return;
        m_liveProgress = progress;
        m_liveProgress.attempt = m_liveAttempt;
        Q_EMIT streamProgressed(m_liveProgress);
    });
    connect(run, &ExtractionRun::transportRetryScheduled, this, [this, run](const TransportRetry &retry) {
        // Every running chunk's resends show as they come: the live attempt's in
        // transportRetries(), the others' in otherRunningAttempts() (and, once they finish, in
        // their AttemptRecord::transportRetries).
        if (auto it = m_chunkRuns.find(run); it != m_chunkRuns.end())
            it->second.resends.append(retry);
        if (run != m_run || m_liveAttempt == 0) {
            Q_EMIT runningAttemptsChanged();
            return;
        }
        TransportRetry renumbered = retry;
        renumbered.attempt = m_liveAttempt;
        m_transportRetries.append(renumbered);
        Q_EMIT transportRetryScheduled(renumbered);
    });
    connect(run, &ExtractionRun::attemptFinished, this,
            [this, run](const AttemptRecord &attempt) { onChunkAttemptFinished(run, attempt); });
    connect(run, &ExtractionRun::warning, this, &RunSession::addWarning);
}

void RunSession::followAttempt(ExtractionRun *run)
{
    const ChunkRunState &state = m_chunkRuns.at(run);
    m_run = run;
    m_liveChunk = state.chunk + 1;
    m_liveAttempt = int(m_attempts.size()) + 1;
    m_maxAttempts = state.maxAttempts;
    m_liveProgress = state.progress;
    m_liveProgress.attempt = m_liveAttempt;
    // Its resends so far (made while another attempt was the live one) go with it.
    for (TransportRetry retry : state.resends) {
        retry.attempt = m_liveAttempt;
        m_transportRetries.append(retry);
    }
    Q_EMIT attemptStarted(m_liveAttempt, state.maxAttempts);
}

void RunSession::onChunkAttemptFinished(ExtractionRun *run, const AttemptRecord &attempt)
{
    auto it = m_chunkRuns.find(run);
    if (it == m_chunkRuns.end())
        return;
    it->second.inAttempt = false;
    const std::pair<int, int> where { it->second.chunk, it->second.pass };
    AttemptRecord record = attempt;
    record.number = int(m_attempts.size()) + 1;
    QString note = tr("chunk %1/%2, its attempt %3").arg(where.first + 1).arg(m_chunkCount).arg(attempt.number);
    if (m_chunkPasses > 1)
        note = tr("pass %1/%2, %3").arg(where.second + 1).arg(m_chunkPasses).arg(note);
    record.notes.prepend(note);
    m_attempts.append(record);
    m_attemptChunks.append(where);
    if (run != m_run) {
        // Another chunk's attempt finished first: the live one moves on to the next number.
        if (m_liveAttempt > 0) {
            const int before = m_liveAttempt;
            m_liveAttempt = int(m_attempts.size()) + 1;
            m_liveProgress.attempt = m_liveAttempt;
            for (TransportRetry &retry : m_transportRetries) // its resends keep naming it
                if (retry.attempt == before)
                    retry.attempt = m_liveAttempt;
        }
        Q_EMIT attemptFinished(record);
        return;
    }
    m_liveAttempt = 0;
    Q_EMIT attemptFinished(record);
    // The stream shown goes on with another chunk whose attempt is under way.
    for (const auto &[other, state] : m_chunkRuns) {
        if (other != run && state.inAttempt) {
            followAttempt(other);
            break;
        }
    }
}

void RunSession::onChunkRunFinished(int index)
{
    ++m_chunksDone;
    const int pass = m_chunked ? m_chunked->currentPass() : 0;
    for (auto it = m_chunkRuns.begin(); it != m_chunkRuns.end(); ++it) {
        if (it->second.chunk == index && it->second.pass == pass) {
            it->first->disconnect(this);
            m_chunkRuns.erase(it);
            break;
        }
    }
}

QList<RunSession::RunningChunkAttempt> RunSession::otherRunningAttempts() const
{
    QList<RunningChunkAttempt> others;
    for (const auto &[run, state] : m_chunkRuns) {
        if (!state.inAttempt || (run == m_run && m_liveAttempt > 0))
            continue;
        RunningChunkAttempt attempt;
        attempt.chunk = state.chunk;
        attempt.pass = state.pass;
        attempt.resends = int(state.resends.size());
        attempt.receiving = !state.progress.content.isEmpty();
        others.append(attempt);
    }
    std::sort(others.begin(), others.end(), [](const RunningChunkAttempt &a, const RunningChunkAttempt &b) {
        return std::pair(a.pass, a.chunk) < std::pair(b.pass, b.chunk);
    });
    int number = (m_liveAttempt > 0 ? m_liveAttempt : int(m_attempts.size())) + 1;
    for (RunningChunkAttempt &attempt : others)
        attempt.number = number++;
    return others;
}

int RunSession::liveChunkAttempt() const
{
    if (m_liveAttempt <= 0 || m_liveChunk <= 0)
        return 0;
    const std::pair<int, int> live { m_liveChunk - 1, std::max(m_chunkPass - 1, 0) };
    return int(std::count(m_attemptChunks.cbegin(), m_attemptChunks.cend(), live)) + 1;
}

std::pair<int, int> RunSession::attemptChunk(int number) const
{
    if (number < 1 || number > int(m_attemptChunks.size()))
        return { -1, -1 };
    return m_attemptChunks[number - 1];
}

void RunSession::onChunkedFinished(const ChunkedResult &chunked)
{
    m_run = nullptr; // the chunk runs belong to the ChunkedExtraction
    m_chunkedResult = chunked;
    m_chunkedDone = true;
    if (chunked.cancelled && chunked.validChunkRuns() > 0)
        m_cancelledChunks.emplace(m_chunkedKey, chunked);
    // Conflicts are shown, never hidden: each is a warning of the run, and the result pane lists them.
    for (const MergeConflict &conflict : chunked.merged.conflicts)
        addWarning(mergeConflictText(conflict));
    for (const ValidationError &error : chunked.mergedErrors)
        addWarning(tr("merged value: %1").arg(error.text()));
    RunResult result = runResultOf(chunked, m_attempts, m_chunkClock.elapsed());
    result.warnings = m_warnings;
    onFinished(result);
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
    delete m_chunkedRecorder;
    m_history.reset();
    m_historyPath = path;
}

qint64 RunSession::historyRunId() const
{
    if (m_chunkedRecorder)
        return m_chunkedRecorder->runId();
    return m_recorder ? m_recorder->runId() : 0;
}

bool RunSession::openHistory()
{
    if (m_historyPath.isEmpty())
        return false;
    if (!m_history) {
        auto history = std::make_unique<HistoryDatabase>();
        if (const QString problem = history->open(m_historyPath); !problem.isEmpty()) {
            Q_EMIT historyError(problem);
            return false;
        }
        m_history = std::move(history);
    }
    return true;
}

void RunSession::recordChunked(ChunkedExtraction *chunked, LlmBackend *backend, const ExtractionConfig &config)
{
    delete m_recorder;
    delete m_chunkedRecorder;
    if (!backend || !openHistory())
        return;
    auto *recorder = new ChunkedRunRecorder(
        m_history.get(), chunkedRunStart(config, *chunked, backend->api(), backend->baseUrl()), this);
    m_chunkedRecorder = recorder;
    connect(recorder, &ChunkedRunRecorder::historyError, this, &RunSession::historyError);
    connect(recorder, &ChunkedRunRecorder::recorded, this, &RunSession::recorded);
    recorder->attach(chunked);
}

void RunSession::record(ExtractionRun *run, LlmBackend *backend, const ExtractionConfig &config)
{
    delete m_recorder;
    delete m_chunkedRecorder;
    if (!backend || !openHistory())
        return;
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
    // A stored run of chunks: each attempt names its chunk in the timeline again.
    for (const StoredAttempt &attempt : stored.attempts)
        m_attemptChunks.append({ attempt.chunk, attempt.chunk >= 0 ? std::max(attempt.chunkPass, 0) : -1 });
    replay(RunStartInfo { replayed.maxAttempts, replayed.mode, 0, {} }, replayed.attempts, replayed.result);
    return true;
}

void RunSession::cancel()
{
    if (!isRunning())
        return;
    if (m_chunked)
        m_chunked->cancel(); // every chunk run stops; finished() lands in onChunkedFinished()
    else if (m_run)
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
            : tr("The text is not valid JSON: %1")
                  .arg(record.parseError.isEmpty() ? attemptOutcomeName(record.outcome) : record.parseError);
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
    if (m_chunked) {
        // Its chunk runs are its children: they go with it.
        m_chunked->disconnect(this);
        m_chunked->deleteLater();
        m_chunked = nullptr;
        m_run = nullptr;
    }
    if (m_run) {
        m_run->disconnect(this);
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_chunkRuns.clear();
    m_chunkedDocument.clear();
    m_chunkedResult = ChunkedResult();
    m_chunkedDone = false;
    m_attemptChunks.clear();
    m_chunkCount = 0;
    m_liveChunk = 0;
    m_chunksDone = 0;
    m_chunkPass = 0;
    m_chunkPasses = 0;
    m_resumedChunks = 0;
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
