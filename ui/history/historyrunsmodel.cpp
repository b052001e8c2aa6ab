// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historyrunsmodel.h"

#include "timeline/timelinecolors.h"

#include <QGuiApplication>
#include <QPalette>

namespace Formwork {
namespace Ui {

HistoryRunsModel::HistoryRunsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

HistoryRunsModel::~HistoryRunsModel() = default;

void HistoryRunsModel::setRuns(const QList<StoredRun> &runs)
{
    beginResetModel();
    m_runs = runs;
    m_changed.clear();
    endResetModel();
}

void HistoryRunsModel::setChangedVerdicts(const QHash<qint64, QString> &changed)
{
    m_changed = changed;
    if (!m_runs.isEmpty())
        Q_EMIT dataChanged(index(0, NowColumn), index(int(m_runs.size()) - 1, NowColumn));
}

int HistoryRunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int HistoryRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryRunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const StoredRun &run = m_runs.at(index.row());
    if (role == RunIdRole)
        return run.id;
    if (role == Qt::ToolTipRole)
        return run.message.isEmpty() ? run.reference : run.message;
    if (role == Qt::ForegroundRole && (index.column() == StatusColumn || index.column() == NowColumn)) {
        const QString verdict = index.column() == StatusColumn ? run.status : m_changed.value(run.id);
        if (verdict == u"valid")
            return timelineSuccessColor(QGuiApplication::palette());
        if (verdict == u"invalid" || verdict == u"error")
            return timelineErrorColor(QGuiApplication::palette());
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case IdColumn:
        return run.id;
    case DateColumn:
        return QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat);
    case StatusColumn:
        return run.status;
    case ModelColumn:
        return run.model;
    case ModeColumn:
        return run.mode;
    case RowColumn:
        return run.reference.isEmpty() ? run.rowId : run.reference;
    case AttemptsColumn:
        return run.attemptCount;
    case TokensColumn:
        return run.promptTokens + run.completionTokens;
    case NowColumn:
        return m_changed.contains(run.id) ? tr("now %1").arg(m_changed.value(run.id)) : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HistoryRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (Column(section)) {
    case IdColumn:
        return tr("Run");
    case DateColumn:
        return tr("Date");
    case StatusColumn:
        return tr("Status");
    case ModelColumn:
        return tr("Model");
    case ModeColumn:
        return tr("Mode");
    case RowColumn:
        return tr("Input");
    case AttemptsColumn:
        return tr("Attempts");
    case TokensColumn:
        return tr("Tokens");
    case NowColumn:
        return tr("Re-validated");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Ui
} // namespace Formwork
