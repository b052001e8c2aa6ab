// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"

#include <QAbstractTableModel>

namespace Formwork {
namespace Ui {

// The checks beside the schema, one row each: enabled (a check box), name, kind, path, severity,
// and the outcome of the last test against the current result.
class CheckListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckListModel)

public:
    enum Column { NameColumn, KindColumn, PathColumn, SeverityColumn, TestColumn, ColumnCount };

    // A test's outcome for one check.
    struct TestOutcome {
        enum class State { NotTested, Passed, Failed, Broken, Skipped };
        State state = State::NotTested;
        QString detail; // the failure message, the configuration error or why it was skipped
    };

    explicit CheckListModel(QObject *parent = nullptr);
    ~CheckListModel() override;

    const CheckList &checks() const { return m_checks; }
    void setChecks(const CheckList &checks);
    void append(const CheckDefinition &check);
    void replace(int row, const CheckDefinition &check);
    void remove(int row);
    void setTestOutcome(int row, const TestOutcome &outcome);
    TestOutcome testOutcome(int row) const { return m_outcomes.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindText(CheckKind kind);

Q_SIGNALS:
    // The user changed the checks (not emitted by setChecks()).
    void checksEdited();

private:
    QVariant displayData(const CheckDefinition &check, int row, int column) const;
    QString testText(const TestOutcome &outcome) const;

    CheckList m_checks;
    QList<TestOutcome> m_outcomes;
};

} // namespace Ui
} // namespace Formwork
