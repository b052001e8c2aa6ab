// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace Formwork {
namespace Ui {

// The batch grid's filters: every row, failed rows, rows that needed reasks, rows whose result
// disagrees with their expected value.
class BatchFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchFilterProxy)

public:
    enum class Filter { All, Failed, Retried, Disagreeing };

    explicit BatchFilterProxy(QObject *parent = nullptr);
    ~BatchFilterProxy() override;

    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Filter m_filter = Filter::All;
};

} // namespace Ui
} // namespace Formwork
