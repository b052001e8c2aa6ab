// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Formwork {
namespace Ui {

class RunSession;

// One row per attempt of the session's run, the attempt under way included ("streaming..."),
// kept live from the session's signals. With several chunks running at once, the other chunks'
// attempts under way follow the live one, each with its resends as they happen
// (RunSession::otherRunningAttempts(); their reply shows when they finish).
class AttemptTimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptTimelineModel)

public:
    enum Column {
        NumberColumn,
        OutcomeColumn,
        ResendsColumn,
        TokensInColumn,
        TokensOutColumn,
        WallTimeColumn,
        FirstTokenColumn,
        ColumnCount
    };
    enum Role {
        AttemptNumberRole = Qt::UserRole + 1, // int, 1-based
        IsLiveRole, // bool: the attempt under way
        OutcomeRole, // int(AttemptOutcome); -1 for the attempt under way
    };

    explicit AttemptTimelineModel(RunSession *session, QObject *parent = nullptr);
    ~AttemptTimelineModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The row of attempt `number`, -1 when there is none.
    int rowOfAttempt(int number) const;
    // The attempt in `row`; nullptr for the attempt under way or an invalid row.
    const AttemptRecord *attemptAt(int row) const;
    bool isLiveRow(int row) const;
    // A row of another chunk's attempt under way (no stream of its own shown).
    bool isRunningRow(int row) const;

    // "valid", "invalid, 2 errors", "parse failure", "no JSON", "truncated", "backend failure", "cancelled".
    static QString outcomeText(const AttemptRecord &attempt);
    // Why the run ended (or that it is under way), in words; empty when nothing ran.
    static QString verdictText(const RunSession &session);
    // The reason alone: "all attempts used", "deadline reached", ...
    static QString failureReasonText(RunFailureReason reason);

private:
    static QString columnDescription(int section);
    void sync();
    int liveResends() const;
    QVariant runningData(int row, int column, int role) const;

    QPointer<RunSession> m_session;
    int m_rows = 0;
};

} // namespace Ui
} // namespace Formwork
