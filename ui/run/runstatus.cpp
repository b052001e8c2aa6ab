// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/runstatus.h"

#include "run/runsession.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {

const QString separator = QStringLiteral(" \u00b7 ");

struct Totals {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 evalNs = 0;
    bool everyAttemptTimed = true; // every attempt that generated tokens reported evalNs
    qint64 wallMs = 0;
    QStringList perAttempt;
    qint64 judgeTokens = 0; // model-judged rules' requests, apart from the extraction's
    qint64 judgeWallMs = 0;
};

Totals totalsOf(const QList<AttemptRecord> &attempts)
{
    Totals totals;
    const QLocale locale;
    for (const AttemptRecord &attempt : attempts) {
        totals.promptTokens += attempt.usage.promptTokens;
        totals.completionTokens += attempt.usage.completionTokens;
        totals.evalNs += attempt.timings.evalNs;
        if (attempt.usage.completionTokens > 0 && attempt.timings.evalNs <= 0)
            totals.everyAttemptTimed = false;
        totals.wallMs += attempt.wallTimeMs;
        totals.perAttempt.append(locale.toString(attempt.usage.promptTokens + attempt.usage.completionTokens));
        totals.judgeTokens += attempt.judgeUsage.promptTokens + attempt.judgeUsage.completionTokens;
        totals.judgeWallMs += attempt.judgeWallTimeMs;
    }
    return totals;
}

QString tokensPerSecondText(qint64 completionTokens, double seconds)
{
    if (completionTokens <= 0 || seconds <= 0)
        return {};
    const double rate = double(completionTokens) / seconds;
    const QLocale locale;
    return QCoreApplication::translate("Formwork::Ui::RunStatus", "%1 tok/s")
        .arg(rate >= 10 ? locale.toString(qRound64(rate)) : locale.toString(rate, 'f', 1));
}

QString figuresText(const QList<AttemptRecord> &attempts, qint64 runWallMs, bool finished)
{
    const Totals totals = totalsOf(attempts);
    QStringList parts;
    const QLocale locale;
    const qint64 total = totals.promptTokens + totals.completionTokens;
    if (total > 0) {
        parts.append(QCoreApplication::translate("Formwork::Ui::RunStatus", "%1 tokens (%2 in, %3 out)")
                         .arg(locale.toString(total), locale.toString(totals.promptTokens),
                              locale.toString(totals.completionTokens)));
    }
    if (attempts.size() > 1)
        parts.append(QCoreApplication::translate("Formwork::Ui::RunStatus", "per attempt %1")
                         .arg(totals.perAttempt.join(QStringLiteral(" + "))));
    const qint64 wallMs = runWallMs > 0 ? runWallMs : totals.wallMs;
    if (finished && wallMs > 0)
        parts.append(durationText(wallMs));
    const QString rate = totals.everyAttemptTimed && totals.evalNs > 0
        ? tokensPerSecondText(totals.completionTokens, double(totals.evalNs) / 1e9)
        : tokensPerSecondText(totals.completionTokens, double(totals.wallMs) / 1000.0);
    if (!rate.isEmpty())
        parts.append(rate);
    // Model-judged rules cost requests of their own: shown apart, never mixed into the figures above.
    if (totals.judgeTokens > 0 || totals.judgeWallMs > 0)
        parts.append(QCoreApplication::translate("Formwork::Ui::RunStatus", "rule judges: %1 tokens, %2")
                         .arg(locale.toString(totals.judgeTokens), durationText(totals.judgeWallMs)));
    return parts.join(separator);
}

QString lastAnswerProblemText(const AttemptRecord &attempt)
{
    switch (attempt.outcome) {
    case AttemptOutcome::NoJson:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The last answer had no JSON in it.");
    case AttemptOutcome::ParseError:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The last answer was not valid JSON.");
    case AttemptOutcome::SchemaInvalid:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The last answer broke %n rule(s) of the schema.",
                                           nullptr, int(attempt.errors.size()));
    case AttemptOutcome::Truncated:
        return QCoreApplication::translate("Formwork::Ui::RunStatus",
                                           "The last answer was cut off by the output token limit.");
    case AttemptOutcome::ContextFull:
        return QCoreApplication::translate("Formwork::Ui::RunStatus",
                                           "The last answer was cut off because the model's context was full.");
    default:
        return {};
    }
}

QString joined(const QString &head, const QString &figures)
{
    return figures.isEmpty() ? head : head + separator + figures;
}

} // namespace

QString durationText(qint64 milliseconds)
{
    const QLocale locale;
    if (milliseconds < 1000)
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "%1 ms")
            .arg(locale.toString(qMax<qint64>(0, milliseconds)));
    if (milliseconds < 60 * 1000)
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "%1 s")
            .arg(locale.toString(double(milliseconds) / 1000.0, 'f', 1));
    const qint64 seconds = milliseconds / 1000;
    return QCoreApplication::translate("Formwork::Ui::RunStatus", "%1 min %2 s")
        .arg(locale.toString(seconds / 60))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString attemptProblemText(const AttemptRecord &attempt)
{
    switch (attempt.outcome) {
    case AttemptOutcome::Valid:
        return {};
    case AttemptOutcome::NoJson:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The answer had no JSON in it.");
    case AttemptOutcome::ParseError:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The answer was not valid JSON.");
    case AttemptOutcome::SchemaInvalid:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The answer broke %n rule(s) of the schema.",
                                           nullptr, int(attempt.errors.size()));
    case AttemptOutcome::Truncated:
        return QCoreApplication::translate("Formwork::Ui::RunStatus",
                                           "The answer was cut off by the output token limit.");
    case AttemptOutcome::ContextFull:
        return QCoreApplication::translate("Formwork::Ui::RunStatus",
                                           "The answer was cut off because the model's context was full.");
    case AttemptOutcome::BackendFailed:
        return attempt.backendError
            ? userMessage(*attempt.backendError)
            : QCoreApplication::translate("Formwork::Ui::RunStatus", "The server did not answer.");
    case AttemptOutcome::Cancelled:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "The attempt was cancelled.");
    }
    return {};
}

QString runFailureText(const RunResult &result)
{
    if (result.success)
        return {};
    QString text = result.message;
    if (text.isEmpty()) {
        switch (result.reason) {
        case RunFailureReason::None:
        case RunFailureReason::Exhausted:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus", "No valid result after %n attempt(s).",
                                               nullptr, int(result.attempts.size()));
            break;
        case RunFailureReason::Deadline:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus", "The time limit ran out.");
            break;
        case RunFailureReason::Budget:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus", "The token budget was used up.");
            break;
        case RunFailureReason::Length:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus",
                                               "The answer was cut off by the output token limit.");
            break;
        case RunFailureReason::Backend:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus", "The server failed.");
            break;
        case RunFailureReason::Cancelled:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus", "The run was cancelled.");
            break;
        case RunFailureReason::Configuration:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus", "The run could not start.");
            break;
        case RunFailureReason::ContextFull:
            text = QCoreApplication::translate("Formwork::Ui::RunStatus",
                                               "The context is full: the prompt and the answer fill it.");
            break;
        }
    }
    // Say what the last answer got wrong when the reason alone does not.
    const bool explainLast = result.reason == RunFailureReason::Exhausted || result.reason == RunFailureReason::Deadline
        || result.reason == RunFailureReason::Budget;
    if (explainLast && !result.attempts.isEmpty()) {
        const QString problem = lastAnswerProblemText(result.attempts.constLast());
        if (!problem.isEmpty())
            text += u' ' + problem;
    }
    return text;
}

namespace {

QString runStatusTextOfOneRun(const RunSession &session)
{
    const QList<AttemptRecord> &attempts = session.attempts();
    const int max = session.maxAttempts();
    switch (session.state()) {
    case RunSession::State::Idle:
        return {};
    case RunSession::State::Running: {
        const int current = session.liveAttempt() > 0 ? session.liveAttempt() : int(attempts.size());
        return joined(
            QCoreApplication::translate("Formwork::Ui::RunStatus", "attempt %1/%2 running\u2026").arg(current).arg(max),
            figuresText(attempts, 0, false));
    }
    case RunSession::State::Succeeded: {
        const RunResult &result = session.result();
        const int number = result.valueAttempt > 0 ? result.valueAttempt : int(attempts.size());
        return joined(
            QCoreApplication::translate("Formwork::Ui::RunStatus", "attempt %1/%2 valid").arg(number).arg(max),
            figuresText(attempts, result.wallTimeMs, true));
    }
    case RunSession::State::Failed: {
        const RunResult &result = session.result();
        const QString figures = figuresText(attempts, result.wallTimeMs, true);
        if (session.isAccepted()) {
            const AttemptRecord *source = nullptr;
            for (const AttemptRecord &attempt : attempts) {
                if (attempt.number == result.valueAttempt)
                    source = &attempt;
            }
            const int failures = source ? int(source->errors.size()) : 0;
            return joined(QCoreApplication::translate("Formwork::Ui::RunStatus",
                                                      "attempt %1/%2 accepted with %n failure(s)", nullptr, failures)
                              .arg(result.valueAttempt)
                              .arg(max),
                          figures);
        }
        if (result.reason == RunFailureReason::Cancelled)
            return joined(QCoreApplication::translate("Formwork::Ui::RunStatus", "cancelled in attempt %1/%2")
                              .arg(attempts.size())
                              .arg(max),
                          figures);
        return joined(QCoreApplication::translate("Formwork::Ui::RunStatus", "failed after %1/%2 attempts: %3")
                          .arg(attempts.size())
                          .arg(max)
                          .arg(runFailureText(result)),
                      figures);
    }
    }
    return {};
}

// "pass 2/3 · chunk 4/12" while a run of chunks goes; empty for a single run.
QString chunkText(const RunSession &session)
{
    if (!session.isChunked())
        return {};
    QString text = QCoreApplication::translate("Formwork::Ui::RunStatus", "chunk %1/%2")
                       .arg(std::max(session.liveChunk(), 1))
                       .arg(session.chunkCount());
    if (session.chunkPasses() > 1)
        text = QCoreApplication::translate("Formwork::Ui::RunStatus", "pass %1/%2")
                   .arg(std::max(session.chunkPass(), 1))
                   .arg(session.chunkPasses())
            + separator + text;
    return text;
}

// The end of a run of chunks: how many were merged, or why not.
QString chunkedEndText(const RunSession &session)
{
    const RunResult &result = session.result();
    const QString figures = figuresText(session.attempts(), result.wallTimeMs, true);
    const ChunkedResult *chunked = session.chunkedResult();
    const int conflicts = chunked ? int(chunked->merged.conflicts.size()) : 0;
    QString head;
    if (session.state() == RunSession::State::Succeeded)
        head = QCoreApplication::translate("Formwork::Ui::RunStatus", "%n chunk(s) merged", nullptr,
                                           session.chunkCount());
    else if (result.reason == RunFailureReason::Cancelled)
        head = QCoreApplication::translate("Formwork::Ui::RunStatus", "cancelled in %1").arg(chunkText(session));
    else
        head = QCoreApplication::translate("Formwork::Ui::RunStatus", "chunks failed: %1").arg(runFailureText(result));
    if (conflicts > 0)
        head += separator
            + QCoreApplication::translate("Formwork::Ui::RunStatus", "%n conflict(s) between chunks", nullptr,
                                          conflicts);
    return joined(head, figures);
}

} // namespace

QString chunkedVerdictText(const RunSession &session)
{
    if (!session.isChunked())
        return {};
    const int count = session.chunkCount();
    switch (session.state()) {
    case RunSession::State::Idle:
        return {};
    case RunSession::State::Running:
        if (session.liveAttempt() <= 0)
            return QCoreApplication::translate("Formwork::Ui::RunStatus", "Chunk %1 of %2: starting\u2026")
                .arg(std::max(session.liveChunk(), 1))
                .arg(count);
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "Chunk %1 of %2: attempt %3 of %4 under way.")
            .arg(session.liveChunk())
            .arg(count)
            .arg(session.liveChunkAttempt())
            .arg(session.maxAttempts());
    case RunSession::State::Succeeded:
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "Valid: %1 chunks merged.").arg(count);
    case RunSession::State::Failed:
        break;
    }
    const RunResult &result = session.result();
    if (session.isAccepted())
        return QCoreApplication::translate("Formwork::Ui::RunStatus",
                                           "The merged value of the chunks was accepted anyway: %1")
            .arg(result.message);
    if (result.reason == RunFailureReason::Cancelled)
        return QCoreApplication::translate("Formwork::Ui::RunStatus", "Cancelled in chunk %1 of %2.")
            .arg(std::max(session.liveChunk(), 1))
            .arg(count);
    return QCoreApplication::translate("Formwork::Ui::RunStatus", "Failed: %1.").arg(result.message);
}

QString runStatusText(const RunSession &session)
{
    if (session.isChunked() && session.state() == RunSession::State::Running) {
        const QString attempt = session.liveAttempt() > 0
            ? QCoreApplication::translate("Formwork::Ui::RunStatus", "attempt %1/%2 running\u2026")
                  .arg(session.liveChunkAttempt())
                  .arg(session.maxAttempts())
            : QCoreApplication::translate("Formwork::Ui::RunStatus", "starting\u2026");
        return joined(chunkText(session) + separator + attempt, figuresText(session.attempts(), 0, false));
    }
    if (session.isChunked() && session.isFinished() && !session.isAccepted())
        return chunkedEndText(session);
    return runStatusTextOfOneRun(session);
}

} // namespace Ui
} // namespace Formwork
