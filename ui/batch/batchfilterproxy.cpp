// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/batchfilterproxy.h"

#include "batch/batchresultsmodel.h"

namespace Formwork {
namespace Ui {

BatchFilterProxy::BatchFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

BatchFilterProxy::~BatchFilterProxy() = default;

void BatchFilterProxy::setFilter(Filter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

bool BatchFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto status = BatchRowStatus(index.data(BatchResultsModel::StatusRole).toInt());
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::Failed:
        return status == BatchRowStatus::Invalid || status == BatchRowStatus::Error;
    case Filter::Retried:
        return index.data(BatchResultsModel::AttemptsRole).toInt() > 1;
    case Filter::Disagreeing:
        return index.data(BatchResultsModel::DisagreesRole).toBool();
    }
    return true;
}

} // namespace Ui
} // namespace Formwork
