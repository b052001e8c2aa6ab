// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/checklistmodel.h"

namespace Formwork {
namespace Ui {

CheckListModel::CheckListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

CheckListModel::~CheckListModel() = default;

void CheckListModel::setChecks(const CheckList &checks)
{
    beginResetModel();
    m_checks = checks;
    m_outcomes = QList<TestOutcome>(checks.size());
    endResetModel();
}

void CheckListModel::append(const CheckDefinition &check)
{
    const int row = int(m_checks.size());
    beginInsertRows({}, row, row);
    m_checks.append(check);
    m_outcomes.append(TestOutcome());
    endInsertRows();
    Q_EMIT checksEdited();
}

void CheckListModel::replace(int row, const CheckDefinition &check)
{
    if (row < 0 || row >= m_checks.size())
        return;
    m_checks[row] = check;
    m_outcomes[row] = TestOutcome();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT checksEdited();
}

void CheckListModel::remove(int row)
{
    if (row < 0 || row >= m_checks.size())
        return;
    beginRemoveRows({}, row, row);
    m_checks.removeAt(row);
    m_outcomes.removeAt(row);
    endRemoveRows();
    Q_EMIT checksEdited();
}

void CheckListModel::setTestOutcome(int row, const TestOutcome &outcome)
{
    if (row < 0 || row >= m_outcomes.size())
        return;
    m_outcomes[row] = outcome;
    Q_EMIT dataChanged(index(row, TestColumn), index(row, TestColumn));
}

int CheckListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

int CheckListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CheckDefinition &check = m_checks.at(index.row());
    if (role == Qt::CheckStateRole && index.column() == NameColumn)
        return check.enabled ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole) {
        if (index.column() == TestColumn)
            return m_outcomes.at(index.row()).detail;
        return check.kind == CheckKind::Expression ? check.expression
            : check.kind == CheckKind::Rule        ? check.rule
                                                   : check.message;
    }
    if (role == Qt::DisplayRole)
        return displayData(check, index.row(), index.column());
    return {};
}

QVariant CheckListModel::displayData(const CheckDefinition &check, int row, int column) const
{
    switch (column) {
    case NameColumn:
        return check.name;
    case KindColumn:
        return kindText(check.kind);
    case PathColumn:
        return check.path.isEmpty() ? QStringLiteral("/") : check.path;
    case SeverityColumn:
        return check.severity == CheckSeverity::Soft ? tr("soft") : tr("hard");
    case TestColumn:
        return testText(m_outcomes.at(row));
    default:
        return {};
    }
}

QString CheckListModel::testText(const TestOutcome &outcome) const
{
    switch (outcome.state) {
    case TestOutcome::State::NotTested:
        return {};
    case TestOutcome::State::Passed:
        return tr("passed");
    case TestOutcome::State::Failed:
        return tr("failed: %1").arg(outcome.detail);
    case TestOutcome::State::Broken:
        return tr("error: %1").arg(outcome.detail);
    case TestOutcome::State::Skipped:
        return tr("skipped: %1").arg(outcome.detail);
    }
    return {};
}

bool CheckListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::CheckStateRole
        || index.column() != NameColumn)
        return false;
    m_checks[index.row()].enabled = value.value<Qt::CheckState>() == Qt::Checked;
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    Q_EMIT checksEdited();
    return true;
}

Qt::ItemFlags CheckListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant CheckListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Check");
    case KindColumn:
        return tr("Kind");
    case PathColumn:
        return tr("Path");
    case SeverityColumn:
        return tr("Severity");
    case TestColumn:
        return tr("Last test");
    default:
        return {};
    }
}

QString CheckListModel::kindText(CheckKind kind)
{
    switch (kind) {
    case CheckKind::Expression:
        return tr("expression");
    case CheckKind::Grounding:
        return tr("grounding");
    case CheckKind::Rule:
        return tr("rule (model-judged)");
    }
    return {};
}

} // namespace Ui
} // namespace Formwork
