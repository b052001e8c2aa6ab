// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/attempttimelinemodel.h"

#include "run/runstatus.h"

#include "run/runsession.h"
#include "timeline/timelinecolors.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Formwork {
namespace Ui {

namespace {

QString milliseconds(qint64 ms)
{
    if (ms < 0)
        return QString();
    if (ms < 1000)
        return AttemptTimelineModel::tr("%1 ms").arg(ms);
    return AttemptTimelineModel::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

} // namespace

AttemptTimelineModel::AttemptTimelineModel(RunSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    // Every signal that can change a row goes through one sync(), which compares the rows shown
    // with the session's and inserts, removes or refreshes accordingly.
    connect(session, &RunSession::cleared, this, &AttemptTimelineModel::sync);
    connect(session, &RunSession::attemptStarted, this, &AttemptTimelineModel::sync);
    connect(session, &RunSession::attemptFinished, this, &AttemptTimelineModel::sync);
    connect(session, &RunSession::transportRetryScheduled, this, &AttemptTimelineModel::sync);
    connect(session, &RunSession::runningAttemptsChanged, this, &AttemptTimelineModel::sync);
    connect(session, &RunSession::finished, this, &AttemptTimelineModel::sync);
    connect(session, &RunSession::destroyed, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
    m_rows = 0;
    sync();
}

AttemptTimelineModel::~AttemptTimelineModel() = default;

void AttemptTimelineModel::sync()
{
    if (!m_session)
        return;
    const int rows = int(m_session->attempts().size()) + (m_session->liveAttempt() > 0 ? 1 : 0)
        + int(m_session->otherRunningAttempts().size());
    const int old = m_rows;
    if (rows > old) {
        beginInsertRows({}, old, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < old) {
        beginRemoveRows({}, rows, old - 1);
        m_rows = rows;
        endRemoveRows();
    }
    // The last old row may have turned from "streaming..." into a finished attempt.
    const int changed = std::min(old, rows);
    if (changed > 0)
        Q_EMIT dataChanged(index(0, 0), index(changed - 1, ColumnCount - 1));
}

int AttemptTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int AttemptTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AttemptRecord *AttemptTimelineModel::attemptAt(int row) const
{
    if (!m_session || row < 0 || row >= m_rows || row >= m_session->attempts().size())
        return nullptr;
    return &m_session->attempts().at(row);
}

bool AttemptTimelineModel::isLiveRow(int row) const
{
    return m_session && row >= 0 && row < m_rows && row == m_session->attempts().size() && m_session->liveAttempt() > 0;
}

bool AttemptTimelineModel::isRunningRow(int row) const
{
    return m_session && row >= 0 && row < m_rows && !attemptAt(row) && !isLiveRow(row);
}

int AttemptTimelineModel::rowOfAttempt(int number) const
{
    for (int row = 0; row < m_rows; ++row) {
        if (const AttemptRecord *a = attemptAt(row); a && a->number == number)
            return row;
        if (isLiveRow(row) && m_session->liveAttempt() == number)
            return row;
    }
    // Another chunk's attempt under way: after the finished ones and the live one.
    const QList<RunSession::RunningChunkAttempt> others = m_session->otherRunningAttempts();
    for (qsizetype i = 0; i < others.size(); ++i)
        if (others[i].number == number)
            return int(m_session->attempts().size()) + (m_session->liveAttempt() > 0 ? 1 : 0) + int(i);
    return -1;
}

QVariant AttemptTimelineModel::runningData(int row, int column, int role) const
{
    const QList<RunSession::RunningChunkAttempt> others = m_session->otherRunningAttempts();
    const qsizetype i = row - m_session->attempts().size() - (m_session->liveAttempt() > 0 ? 1 : 0);
    if (i < 0 || i >= others.size())
        return {};
    const RunSession::RunningChunkAttempt &attempt = others[i];
    switch (role) {
    case AttemptNumberRole:
        return attempt.number;
    case IsLiveRole:
        return false;
    case OutcomeRole:
        return -1;
    case Qt::TextAlignmentRole:
        return column == OutcomeColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        return tr("Attempt %1 (chunk %2) is under way; its reply shows when it ends.")
            .arg(attempt.number)
            .arg(attempt.chunk + 1);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NumberColumn:
        return tr("#%1 \u00b7 chunk %2").arg(attempt.number).arg(attempt.chunk + 1);
    case OutcomeColumn:
        return attempt.resends > 0 && !attempt.receiving ? tr("resending...") : tr("streaming...");
    case ResendsColumn:
        return attempt.resends;
    default:
        return {};
    }
}

int AttemptTimelineModel::liveResends() const
{
    int count = 0;
    for (const TransportRetry &retry : m_session->transportRetries())
        count += retry.attempt == m_session->liveAttempt() ? 1 : 0;
    return count;
}

QVariant AttemptTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_session)
        return {};
    const int row = index.row();
    const AttemptRecord *attempt = attemptAt(row);
    const bool live = isLiveRow(row);
    if (!attempt && !live)
        return runningData(row, index.column(), role);
    switch (role) {
    case AttemptNumberRole:
        return attempt ? attempt->number : m_session->liveAttempt();
    case IsLiveRole:
        return live;
    case OutcomeRole:
        return attempt ? int(attempt->outcome) : -1;
    case Qt::TextAlignmentRole:
        return index.column() == OutcomeColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (index.column() != OutcomeColumn || !attempt)
            return {};
        return attempt->isValid() ? timelineSuccessColor(QGuiApplication::palette())
                                  : timelineErrorColor(QGuiApplication::palette());
    case Qt::ToolTipRole: {
        if (!attempt)
            return tr("Attempt %1 is under way.").arg(m_session->liveAttempt());
        QStringList lines { tr("Attempt %1: %2").arg(attempt->number).arg(outcomeText(*attempt)) };
        if (attempt->backendError)
            lines.append(userMessage(*attempt->backendError));
        lines.append(attempt->notes);
        if (!attempt->doneReason.isEmpty())
            lines.append(tr("done_reason: %1").arg(attempt->doneReason));
        return lines.join(u'\n');
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NumberColumn: {
        const int number = attempt ? attempt->number : m_session->liveAttempt();
        // A run of chunks (issue 13): each attempt names its chunk; a single run is unchanged.
        const int chunk = attempt ? m_session->attemptChunk(number).first
                                  : (m_session->isChunked() ? m_session->liveChunk() - 1 : -1);
        if (chunk >= 0)
            return tr("#%1 \u00b7 chunk %2").arg(number).arg(chunk + 1);
        return QStringLiteral("#%1").arg(number);
    }
    case OutcomeColumn:
        if (attempt)
            return outcomeText(*attempt);
        return liveResends() > 0 && m_session->liveProgress().content.isEmpty() ? tr("resending...")
                                                                                : tr("streaming...");
    case ResendsColumn:
        return attempt ? attempt->transportRetries : liveResends();
    case TokensInColumn:
        return attempt ? QVariant(attempt->usage.promptTokens) : QVariant();
    case TokensOutColumn:
        return attempt ? QVariant(attempt->usage.completionTokens) : QVariant();
    case WallTimeColumn:
        return attempt ? milliseconds(attempt->wallTimeMs) : QString();
    case FirstTokenColumn:
        return attempt ? milliseconds(attempt->timeToFirstTokenMs) : QString();
    default:
        return {};
    }
}

QVariant AttemptTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    // Short titles keep the list narrow beside the reply; the tooltip says what each one counts.
    if (role == Qt::ToolTipRole)
        return columnDescription(section);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("Attempt");
    case OutcomeColumn:
        return tr("Outcome");
    case ResendsColumn:
        return tr("Resent");
    case TokensInColumn:
        return tr("In");
    case TokensOutColumn:
        return tr("Out");
    case WallTimeColumn:
        return tr("Time");
    case FirstTokenColumn:
        return tr("1st token");
    default:
        return {};
    }
}

QString AttemptTimelineModel::columnDescription(int section)
{
    switch (section) {
    case NumberColumn:
        return tr("The attempt's number in the run; the first is the original request, later ones are reasks");
    case OutcomeColumn:
        return tr("What came of the attempt: valid, invalid with its error count, or why it failed");
    case ResendsColumn:
        return tr("How often the same request was sent again after a transport failure (not counted as attempts)");
    case TokensInColumn:
        return tr("Tokens in: the prompt tokens the server counted for this attempt");
    case TokensOutColumn:
        return tr("Tokens out: the tokens the model wrote in this attempt");
    case WallTimeColumn:
        return tr("Wall time of the attempt, from sending the request to the last byte of the reply");
    case FirstTokenColumn:
        return tr("Time to the first token of the reply");
    default:
        return {};
    }
}

QString AttemptTimelineModel::outcomeText(const AttemptRecord &attempt)
{
    switch (attempt.outcome) {
    case AttemptOutcome::Valid:
        return tr("valid");
    case AttemptOutcome::SchemaInvalid:
        return tr("invalid, %n error(s)", nullptr, int(attempt.errors.size()));
    case AttemptOutcome::ParseError:
        return tr("parse failure");
    case AttemptOutcome::NoJson:
        return tr("no JSON");
    case AttemptOutcome::Truncated:
        return tr("truncated");
    case AttemptOutcome::ContextFull:
        return tr("context full");
    case AttemptOutcome::BackendFailed:
        return tr("backend failure");
    case AttemptOutcome::Cancelled:
        break;
    }
    return tr("cancelled");
}

QString AttemptTimelineModel::failureReasonText(RunFailureReason reason)
{
    switch (reason) {
    case RunFailureReason::None:
        return QString();
    case RunFailureReason::Exhausted:
        return tr("all attempts used");
    case RunFailureReason::Deadline:
        return tr("deadline reached");
    case RunFailureReason::Budget:
        return tr("token budget used up");
    case RunFailureReason::Length:
        return tr("reply cut off at the largest num_predict");
    case RunFailureReason::Backend:
        return tr("backend failure");
    case RunFailureReason::Cancelled:
        return tr("cancelled");
    case RunFailureReason::Configuration:
        break;
    case RunFailureReason::ContextFull:
        return tr("the context is full");
    }
    return tr("configuration refused");
}

QString AttemptTimelineModel::verdictText(const RunSession &session)
{
    if (const QString chunked = chunkedVerdictText(session); !chunked.isEmpty())
        return chunked; // a run of chunks (issue 13)
    switch (session.state()) {
    case RunSession::State::Idle: // says what the empty list is for
        return tr("No run yet. Run (Ctrl+Return) sends the prompt; each attempt's request, reply and "
                  "errors show here.");
    case RunSession::State::Running:
        if (session.liveAttempt() > 0)
            return tr("Attempt %1 of %2 under way.").arg(session.liveAttempt()).arg(session.maxAttempts());
        return tr("Starting...");
    case RunSession::State::Succeeded:
        return tr("Valid on attempt %1 of %2.").arg(session.result().valueAttempt).arg(session.maxAttempts());
    case RunSession::State::Failed:
        break;
    }
    const RunResult &result = session.result();
    QString text = result.reason == RunFailureReason::Cancelled
        ? tr("Cancelled.")
        : tr("Failed (%1).").arg(failureReasonText(result.reason));
    if (!result.message.isEmpty() && result.reason != RunFailureReason::Cancelled)
        text += u' ' + result.message;
    if (session.isAccepted())
        text += u' ' + tr("The value of attempt %1 was accepted anyway, its failures kept.").arg(result.valueAttempt);
    return text;
}

} // namespace Ui
} // namespace Formwork
