// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchinput.h"
#include "batch/batchtypes.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <optional>

namespace Formwork {
namespace Ui {

// The batch grid: one row per input row (row id, status, attempts, the schema's top-level fields,
// the reason of a failure and the soft checks that failed), updated as rows finish; the attempts'
// tooltip gives the tokens, the judges' apart. Status colours come from the palette.
class BatchResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchResultsModel)

public:
    enum Role {
        StatusRole = Qt::UserRole + 1, // BatchRowStatus as int
        AttemptsRole,
        DisagreesRole, // bool: an expected value exists and some field differs
    };
    enum FixedColumn { RowIdColumn, StatusColumn, AttemptsColumn, FirstFieldColumn };

    explicit BatchResultsModel(QObject *parent = nullptr);
    ~BatchResultsModel() override;

    // Every row pending; the field columns from the schema's top-level properties.
    void reset(const BatchInput &input, const nlohmann::ordered_json &schema);
    void updateRow(const BatchRowResult &row);
    // Issue 13: how many of a row's values under each top-level field were found in its input
    // text (grounding/). The field headers then show the share grounded over every row.
    struct FieldGrounding {
        int grounded = 0;
        int total = 0;
    };
    using RowGrounding = std::map<std::string, FieldGrounding>;
    // `generation` is rowGeneration() when the grounding was asked for: a row run again since
    // then keeps no stale figures.
    void setRowGrounding(int row, quint64 generation, const RowGrounding &grounding);
    quint64 rowGeneration(int row) const { return m_generations.value(row); }
    // The share of `field`'s values found in the source over every row grounded; nullopt when none.
    std::optional<FieldGrounding> fieldGrounding(const std::string &field) const;
    const BatchRowResult &rowResult(int row) const { return m_rows.at(row); }
    QList<BatchRowResult> results() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString fieldText(const BatchRowResult &row, const std::string &field) const;
    // The Errors column: the last errors, then the soft checks that failed apart ("(+1 soft)"),
    // and a tooltip naming every failed check with its message.
    QString errorsText(const BatchRowResult &row) const;
    QString errorsToolTip(const BatchRowResult &row) const;
    // The Attempts column's tooltip: the extraction's tokens and time, and apart from them what
    // the model-judged rules' requests cost.
    QString usageToolTip(const BatchRowResult &row) const;
    int messageColumn() const { return FirstFieldColumn + int(m_fields.size()); }

    QList<BatchRowResult> m_rows;
    QList<quint64> m_generations;
    QList<RowGrounding> m_grounding;
    quint64 m_nextGeneration = 1;
    std::vector<std::string> m_fields;
};

// A status for people: "pending", "valid", "failed"...
QString batchStatusText(BatchRowStatus status);

} // namespace Ui
} // namespace Formwork
