// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/historydatabase.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Formwork {
namespace Ui {

// The runs of the history as a table; after a re-validation, the "Now" column shows the verdict
// under the current schema where it changed.
class HistoryRunsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryRunsModel)

public:
    enum Column {
        IdColumn,
        DateColumn,
        StatusColumn,
        ModelColumn,
        ModeColumn,
        RowColumn,
        AttemptsColumn,
        TokensColumn,
        NowColumn,
        ColumnCount
    };
    enum Role { RunIdRole = Qt::UserRole + 1 };

    explicit HistoryRunsModel(QObject *parent = nullptr);
    ~HistoryRunsModel() override;

    void setRuns(const QList<StoredRun> &runs);
    // Run id -> verdict now ("valid" / "invalid") for the runs whose verdict changed.
    void setChangedVerdicts(const QHash<qint64, QString> &changed);
    const StoredRun &run(int row) const { return m_runs.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<StoredRun> m_runs;
    QHash<qint64, QString> m_changed;
};

} // namespace Ui
} // namespace Formwork
