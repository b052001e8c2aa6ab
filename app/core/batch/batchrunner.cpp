// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/batchrunner.h"

#include "common/compactjson.h"
#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "llm/llmbackend.h"
#include "store/historydatabase.h"
#include "store/runsettings.h"
#include "store/storederrors.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

// A failure of the server rather than of the row: the row may well succeed elsewhere.
bool isEndpointProblem(const BackendError &error)
{
    switch (error.kind) {
    case BackendError::Kind::Unreachable:
    case BackendError::Kind::Timeout:
    case BackendError::Kind::ServerBusy:
    case BackendError::Kind::ModelLoading:
    case BackendError::Kind::ModelLoadFailed:
    case BackendError::Kind::ServerError:
    case BackendError::Kind::StreamBroken:
    case BackendError::Kind::ModelNotFound:
    case BackendError::Kind::Unauthorized:
    case BackendError::Kind::EndpointNotFound:
        return true;
    default:
        return false;
    }
}

QStringList errorLines(const RunResult &result)
{
    for (auto it = result.attempts.crbegin(); it != result.attempts.crend(); ++it) {
        if (!it->errorText.isEmpty())
            return it->errorText.split(u'\n', Qt::SkipEmptyParts);
        if (it->backendError)
            return { userMessage(*it->backendError) };
    }
    return result.message.isEmpty() ? QStringList() : QStringList { result.message };
}

// The check errors of a stored run's deciding attempt: the last attempt whose checks that failed
// are the ones stored with the run. Empty when none is (a history without the errors' kinds).
QList<CheckFailureDetail> storedCheckFailureDetails(const StoredRun &run, const QList<CheckFailure> &failures)
{
    if (failures.isEmpty())
        return {};
    for (auto it = run.attempts.crbegin(); it != run.attempts.crend(); ++it) {
        const StoredErrors errors = storedErrorsFrom(it->errorsJson);
        if (checkFailuresOf(errors.hard, errors.soft) == failures)
            return checkFailureDetailsOf(errors.hard, errors.soft);
    }
    return {};
}

} // namespace

namespace {

// "1h 02m", "3m 07s", "12s"
QString durationText(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1h %2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(seconds);
}

} // namespace

QString batchProgressText(const BatchProgress &p)
{
    QString text
        = QCoreApplication::translate("Formwork::Batch", "%1/%2 done, %3 valid first try, %4 after reasks, %5 failed")
              .arg(p.done)
              .arg(p.total)
              .arg(p.validFirstTry)
              .arg(p.validAfterReasks)
              .arg(p.failed);
    if (p.checking) {
        text += QCoreApplication::translate("Formwork::Batch", ", %n failed check(s)", nullptr, p.failedChecks);
        if (p.failedSoftChecks > 0)
            text += QCoreApplication::translate("Formwork::Batch", " (+%n soft)", nullptr, p.failedSoftChecks);
    }
    if (p.judges.requests > 0)
        text += QCoreApplication::translate("Formwork::Batch", ", model-judged rules: %1 tokens in %n request(s)",
                                            nullptr, p.judges.requests)
                    .arg(p.judges.tokens());
    if (p.rowsPerMinute > 0)
        text += QCoreApplication::translate("Formwork::Batch", ", %1 rows/min").arg(p.rowsPerMinute, 0, 'f', 1);
    if (p.etaSeconds >= 0 && p.done < p.total)
        text += QCoreApplication::translate("Formwork::Batch", ", ETA %1").arg(durationText(p.etaSeconds));
    return text;
}

QString batchRowStatusName(BatchRowStatus status)
{
    switch (status) {
    case BatchRowStatus::Pending:
        return QStringLiteral("pending");
    case BatchRowStatus::Running:
        return QStringLiteral("running");
    case BatchRowStatus::Valid:
        return QStringLiteral("valid");
    case BatchRowStatus::Invalid:
        return QStringLiteral("invalid");
    case BatchRowStatus::Error:
        return QStringLiteral("error");
    case BatchRowStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

BatchRunner::BatchRunner(QNetworkAccessManager *network, const BatchConfig &config, const BatchInput &input,
                         QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(config)
    , m_input(input)
{
    m_results.resize(m_input.rows.size());
    m_requeues.fill(0, m_input.rows.size());
    for (qsizetype i = 0; i < m_input.rows.size(); ++i) {
        m_results[i].index = int(i);
        m_results[i].rowId = m_input.rows.at(i).id;
        m_results[i].reference = m_input.rows.at(i).reference;
    }
    for (const BatchEndpoint &endpointConfig : m_config.endpoints) {
        Endpoint endpoint;
        endpoint.config = endpointConfig;
        endpoint.config.concurrency = std::max(1, endpointConfig.concurrency);
        BackendConfig backendConfig;
        backendConfig.baseUrl = endpointConfig.url;
        backendConfig.bearerToken = m_config.bearerToken;
        endpoint.backend = LlmBackend::create(m_config.api, m_network, backendConfig, this);
        endpoint.retryTimer = new QTimer(this);
        endpoint.retryTimer->setSingleShot(true);
        const int index = int(m_endpoints.size());
        connect(endpoint.retryTimer, &QTimer::timeout, this, [this, index] {
            m_endpoints[index].down = false;
            Q_EMIT endpointRestored(m_endpoints.at(index).config.url.toString());
            scheduleDispatch();
        });
        m_endpoints.append(endpoint);
    }
    if (m_config.schema)
        m_schemaJson = compactJsonText(m_config.schema->document());
    m_settingsJson = settingsJson();
}

BatchRunner::~BatchRunner()
{
    // Runs are children; stop them without reporting into a half-destroyed object.
    const QList<ExtractionRun *> runs = m_active.keys();
    m_active.clear();
    for (ExtractionRun *run : runs) {
        run->disconnect(this);
        delete run;
    }
}

QString BatchRunner::settingsJson() const
{
    Json settings = runSettings(m_config.prompt, m_config.model, m_config.schema, m_config.api);
    Json endpoints = Json::array();
    for (const BatchEndpoint &e : m_config.endpoints)
        endpoints.push_back(Json { { "url", e.url.toString().toStdString() }, { "concurrency", e.concurrency } });
    settings["endpoints"] = std::move(endpoints);
    return compactJsonText(settings); // the bearer token is never part of it
}

void BatchRunner::setHistory(HistoryDatabase *history, qint64 batchId)
{
    m_history = history;
    m_batchId = batchId;
}

void BatchRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    loadFinishedFromHistory();
    for (qsizetype i = 0; i < m_results.size(); ++i) {
        if (!m_results.at(i).isFinal())
            m_queue.append(int(i));
    }
    if (m_endpoints.isEmpty() || !m_config.schema) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_queue.clear();
                m_summary.outcome = BatchSummary::Outcome::Unreachable;
                m_summary.message
                    = QCoreApplication::translate("Formwork::Batch", "The batch has no server or no schema.");
                checkDone();
            },
            Qt::QueuedConnection);
        return;
    }
    Q_EMIT progressChanged(progress());
    scheduleDispatch();
}

void BatchRunner::loadFinishedFromHistory()
{
    if (!m_history || m_batchId == 0)
        return;
    m_history->abandonRunningRuns(m_batchId);
    QHash<QString, int> byId;
    for (qsizetype i = 0; i < m_input.rows.size(); ++i)
        byId.insert(m_input.rows.at(i).id, int(i));
    const QList<StoredRun> finished = m_history->finishedRuns(m_batchId);
    for (const StoredRun &run : finished) {
        const auto found = byId.constFind(run.rowId);
        if (found == byId.constEnd())
            continue;
        BatchRowResult &row = m_results[*found];
        row.status = run.status == u"valid" ? BatchRowStatus::Valid : BatchRowStatus::Invalid;
        row.resumed = true;
        row.attempts = run.attemptCount;
        row.runId = run.id;
        row.endpoint = run.endpoint;
        row.message = run.message;
        row.promptTokens = run.promptTokens;
        row.completionTokens = run.completionTokens;
        row.wallMs = run.wallMs;
        row.judges
            = JudgeUsage { run.judgePromptTokens, run.judgeCompletionTokens, run.judgeWallMs, run.judgeRequests };
        row.checkFailures = checkFailuresFromJson(run.checkFailuresJson);
        if (!run.resultJson.isEmpty()) {
            row.value = Json::parse(run.resultJson.toStdString(), nullptr, false);
            row.hasValue = !row.value.is_discarded();
        }
        if (row.status == BatchRowStatus::Invalid || !row.checkFailures.isEmpty()) {
            if (const auto stored = m_history->run(run.id); stored && !stored->attempts.isEmpty()) {
                if (row.status == BatchRowStatus::Invalid)
                    row.lastErrors = stored->attempts.constLast().errorText.split(u'\n', Qt::SkipEmptyParts);
                row.checkFailureDetails = storedCheckFailureDetails(*stored, row.checkFailures);
            }
        }
        const BatchRow &input = m_input.rows.at(*found);
        if (input.expected)
            row.agreement = compareWithExpected(*input.expected, row.hasValue ? row.value : Json());
    }
}

void BatchRunner::pause()
{
    if (m_paused || m_finished)
        return;
    m_paused = true;
    Q_EMIT progressChanged(progress());
}

void BatchRunner::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    Q_EMIT progressChanged(progress());
    scheduleDispatch();
}

void BatchRunner::cancel()
{
    if (!m_started || m_finished || m_cancelling)
        return;
    m_cancelling = true;
    m_queue.clear();
    const QList<ExtractionRun *> runs = m_active.keys();
    for (ExtractionRun *run : runs)
        run->cancel();
    if (m_summary.outcome == BatchSummary::Outcome::Finished)
        m_summary.outcome = BatchSummary::Outcome::Cancelled;
    QMetaObject::invokeMethod(this, &BatchRunner::checkDone, Qt::QueuedConnection);
}

QList<CheckFailureCount> BatchRunner::checkFailureCounts() const
{
    QList<CheckFailureCount> counts;
    for (const BatchRowResult &row : m_results)
        if (row.isFinal() || row.status == BatchRowStatus::Error)
            addCheckFailures(counts, row.checkFailures);
    return counts;
}

BatchProgress BatchRunner::progress() const
{
    BatchProgress p;
    p.total = int(m_results.size());
    for (const BatchRowResult &row : m_results) {
        if (row.status == BatchRowStatus::Valid) {
            ++p.done;
            ++(row.attempts <= 1 ? p.validFirstTry : p.validAfterReasks);
        } else if (row.status == BatchRowStatus::Invalid || row.status == BatchRowStatus::Error) {
            ++p.done;
            ++p.failed;
        }
        if (row.resumed)
            ++p.resumed;
        if (row.isFinal() || row.status == BatchRowStatus::Error) {
            p.tokens += row.promptTokens + row.completionTokens;
            p.judges += row.judges;
        }
    }
    p.running = int(m_active.size());
    p.paused = m_paused;
    p.checking = m_config.checker != nullptr;
    for (const CheckFailureCount &count : checkFailureCounts()) {
        p.failedChecks += count.hardRows;
        p.failedSoftChecks += count.softRows;
    }
    const double minutes = double(m_clock.isValid() ? m_clock.elapsed() : 0) / 60000.0;
    if (m_doneThisSession > 0 && minutes > 0) {
        p.rowsPerMinute = m_doneThisSession / minutes;
        p.etaSeconds = qint64(double(p.total - p.done) / p.rowsPerMinute * 60.0);
    }
    return p;
}

void BatchRunner::scheduleDispatch()
{
    if (m_dispatchScheduled)
        return;
    m_dispatchScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_dispatchScheduled = false;
            dispatch();
        },
        Qt::QueuedConnection);
}

int BatchRunner::pickEndpoint() const
{
    int best = -1;
    double bestLoad = 2.0;
    for (qsizetype i = 0; i < m_endpoints.size(); ++i) {
        const Endpoint &e = m_endpoints.at(i);
        if (e.down || e.inFlight >= e.config.concurrency)
            continue;
        const double load = double(e.inFlight) / e.config.concurrency;
        if (load < bestLoad) {
            best = int(i);
            bestLoad = load;
        }
    }
    return best;
}

void BatchRunner::dispatch()
{
    while (!m_paused && !m_cancelling && !m_finished && !m_queue.isEmpty()) {
        const int endpoint = pickEndpoint();
        if (endpoint < 0)
            break;
        startRow(m_queue.takeFirst(), endpoint);
    }
    checkDone();
}

void BatchRunner::startRow(int row, int endpoint)
{
    const BatchRow &input = m_input.rows.at(row);
    PromptSettings prompt = m_config.prompt;
    prompt.variables = input.variables;
    auto config = buildExtractionConfig(prompt, m_config.model, *m_config.schema, m_config.modelInfo);
    BatchRowResult &result = m_results[row];
    Endpoint &e = m_endpoints[endpoint];
    result.endpoint = e.config.url.toString();
    if (!config) {
        RunResult failure;
        failure.reason = RunFailureReason::Configuration;
        failure.message = config.error();
        finishRow(row, Active { row, endpoint, 0, false }, failure);
        return;
    }
    config->checker = m_config.checker;
    config->server = m_config.server;
    if (m_config.backoffBaseMs >= 0) {
        config->limits.backoffBaseMs = m_config.backoffBaseMs;
        config->limits.backoffMaxMs = std::max(m_config.backoffBaseMs * 8, 1);
    }

    Active active { row, endpoint, 0, false };
    if (m_history) {
        Json variables = Json::object();
        for (const PromptVariable &v : input.variables)
            variables[v.name.toStdString()] = v.value.toStdString();
        RunStart start;
        start.batchId = m_batchId;
        start.rowId = input.id;
        start.reference = input.reference;
        start.model = m_config.model;
        start.mode = extractionModeName(m_config.prompt.mode);
        start.endpoint = result.endpoint;
        start.schemaJson = m_schemaJson;
        start.settingsJson = m_settingsJson;
        start.inputJson = compactJsonText(variables);
        active.runId = m_history->beginRun(start);
        if (active.runId == 0)
            Q_EMIT historyError(m_history->lastError());
    }

    auto *run = new ExtractionRun(e.backend, *config, this);
    run->setStreamThrottleMs(1000);
    m_active.insert(run, active);
    ++e.inFlight;
    result.status = BatchRowStatus::Running;

    connect(run, &ExtractionRun::attemptFinished, this, [this, run](const AttemptRecord &attempt) {
        const Active a = m_active.value(run);
        if (m_history && a.runId > 0 && !m_history->addAttempt(a.runId, attempt))
            Q_EMIT historyError(m_history->lastError());
    });
    connect(run, &ExtractionRun::transportRetryScheduled, this, [this, run](const TransportRetry &retry) {
        auto it = m_active.find(run);
        if (it == m_active.end() || !isEndpointProblem(retry.error) || !anotherEndpointUp(it->endpoint))
            return; // alone, the run's own backoff is the best there is
        it->moveToOther = true;
        takeOut(it->endpoint, userMessage(retry.error));
        run->cancel();
    });
    connect(run, &ExtractionRun::succeeded, this, [this, run](const RunResult &r) { onRunEnded(run, r); });
    connect(run, &ExtractionRun::failed, this, [this, run](const RunResult &r) { onRunEnded(run, r); });
    Q_EMIT rowStarted(row, result.endpoint);
    Q_EMIT progressChanged(progress());
    run->start();
}

bool BatchRunner::anotherEndpointUp(int endpoint) const
{
    for (qsizetype i = 0; i < m_endpoints.size(); ++i) {
        if (i != endpoint && !m_endpoints.at(i).down)
            return true;
    }
    return false;
}

void BatchRunner::takeOut(int endpoint, const QString &reason)
{
    Endpoint &e = m_endpoints[endpoint];
    if (e.down)
        return;
    e.down = true;
    e.retryTimer->start(std::max(0, m_config.endpointRetryMs));
    Q_EMIT endpointTakenOut(e.config.url.toString(), reason);
}

void BatchRunner::onRunEnded(ExtractionRun *run, const RunResult &result)
{
    const auto it = m_active.find(run);
    if (it == m_active.end())
        return;
    const Active active = *it;
    m_active.erase(it);
    run->deleteLater();
    Endpoint &e = m_endpoints[active.endpoint];
    --e.inFlight;

    const bool serverFailed
        = result.reason == RunFailureReason::Backend && result.backendError && isEndpointProblem(*result.backendError);
    if (!m_cancelling && (active.moveToOther || serverFailed)) {
        if (serverFailed)
            takeOut(active.endpoint, userMessage(*result.backendError));
        if (m_history && active.runId > 0)
            m_history->finishRun(active.runId, QStringLiteral("error"), result);
        // Back to the queue, unless it has been moved too often or no endpoint is left.
        if (++m_requeues[active.row] <= m_config.maxRequeues) {
            m_queue.prepend(active.row);
            m_results[active.row].status = BatchRowStatus::Pending;
            scheduleDispatch();
            return;
        }
    }
    finishRow(active.row, active, result);
    scheduleDispatch();
}

void BatchRunner::finishRow(int row, const Active &active, const RunResult &result)
{
    BatchRowResult &r = m_results[row];
    const QString status = historyStatusOf(result);
    if (m_history && active.runId > 0 && !m_history->finishRun(active.runId, status, result))
        Q_EMIT historyError(m_history->lastError());
    if (result.reason == RunFailureReason::Cancelled || m_cancelling) {
        r.status = result.success ? BatchRowStatus::Valid : BatchRowStatus::Cancelled;
        if (!result.success) {
            Q_EMIT progressChanged(progress());
            return;
        }
    } else {
        r.status = result.success ? BatchRowStatus::Valid
            : result.reason == RunFailureReason::Backend || result.reason == RunFailureReason::Configuration
            ? BatchRowStatus::Error
            : BatchRowStatus::Invalid;
    }
    r.resumed = false;
    r.runId = active.runId;
    r.attempts = int(result.attempts.size());
    r.hasValue = result.hasValue;
    r.value = result.hasValue ? result.value : Json();
    r.message = result.message;
    r.lastErrors = result.success ? QStringList() : errorLines(result);
    r.promptTokens = result.usage.promptTokens;
    r.completionTokens = result.usage.completionTokens;
    r.wallMs = result.wallTimeMs;
    r.judges = judgeUsageOf(result);
    r.checkFailures = decidingCheckFailures(result);
    r.checkFailureDetails = decidingCheckFailureDetails(result);
    const BatchRow &input = m_input.rows.at(row);
    if (input.expected)
        r.agreement = compareWithExpected(*input.expected, result.success ? result.value : Json());
    ++m_doneThisSession;
    Q_EMIT rowFinished(r);
    Q_EMIT progressChanged(progress());
}

void BatchRunner::checkDone()
{
    if (m_finished || !m_started || !m_active.isEmpty())
        return;
    const bool allDown
        = std::all_of(m_endpoints.cbegin(), m_endpoints.cend(), [](const Endpoint &e) { return e.down; });
    if (!m_queue.isEmpty() && !m_cancelling && !allDown)
        return;
    if (m_paused && !m_cancelling)
        return;
    if (!m_queue.isEmpty() && allDown && !m_cancelling) {
        m_summary.outcome = BatchSummary::Outcome::Unreachable;
        m_summary.message = QCoreApplication::translate(
            "Formwork::Batch", "Every server was taken out; %n row(s) did not run.", nullptr, int(m_queue.size()));
    }
    m_finished = true;
    for (Endpoint &e : m_endpoints)
        e.retryTimer->stop();
    m_summary.progress = progress();
    m_summary.checkFailures = checkFailureCounts();
    m_summary.agreement = AgreementReport();
    m_summary.rowsWithExpected = 0;
    for (const BatchRowResult &row : m_results) {
        if (row.agreement && row.isFinal()) {
            m_summary.agreement.add(*row.agreement);
            ++m_summary.rowsWithExpected;
        }
    }
    Q_EMIT finished(m_summary);
}

} // namespace Formwork
