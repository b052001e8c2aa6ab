// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/comparisonrunner.h"

#include <QAbstractTableModel>

#include <optional>

namespace Formwork {
namespace Ui {

// The comparison grid (issue 12): one column per variant (model × mode × prompt), one row per
// figure. A column fills in as its variant runs; the best value of each row among the variants
// that ran to the end is marked (BestRole, bold, the palette's success colour).
class ComparisonModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonModel)

public:
    enum Figure { ValidFirstTry, ValidAfterReasks, Failed, Attempts, Tokens, MeanLatency, FieldAgreement, FigureCount };
    enum Role {
        BestRole = Qt::UserRole + 1, // bool: the best value of its row
        ValueRole, // double: the figure as a number (invalid while unknown)
    };
    enum class State { Pending, Running, Done, Stopped };

    explicit ComparisonModel(QObject *parent = nullptr);
    ~ComparisonModel() override;

    // Every variant pending.
    void reset(const QList<BatchVariant> &variants);
    void setRunning(int variant, const BatchProgress &progress);
    void setStats(int variant, const VariantStats &stats);
    State state(int variant) const
    {
        return variant >= 0 && variant < m_columns.size() ? m_columns.at(variant).state : State::Pending;
    }
    int variantCount() const { return int(m_columns.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Column {
        BatchVariant variant;
        State state = State::Pending;
        BatchProgress progress; // while running
        VariantStats stats; // once done
    };
    // Which way is better for a figure: +1 more, -1 less, 0 neither (valid after reasks).
    static int direction(Figure figure);
    std::optional<double> value(const Column &column, Figure figure) const;
    QString text(const Column &column, Figure figure) const;
    QString toolTip(const Column &column, Figure figure) const;
    bool isBest(int variant, Figure figure) const;

    QList<Column> m_columns;
};

} // namespace Ui
} // namespace Formwork
