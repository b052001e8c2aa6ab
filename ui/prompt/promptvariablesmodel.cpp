// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/promptvariablesmodel.h"

#include <QFont>

namespace Formwork {
namespace Ui {

namespace {
// Long values (whole documents) are shown as their first line, shortened.
constexpr int DisplayChars = 120;

QString shortened(const QString &value)
{
    const qsizetype lineEnd = value.indexOf(u'\n');
    QString shown = lineEnd < 0 ? value : value.left(lineEnd);
    const bool cut = lineEnd >= 0 || shown.size() > DisplayChars;
    shown.truncate(DisplayChars);
    return cut ? shown + QStringLiteral(" \u2026") : shown;
}
} // namespace

PromptVariablesModel::PromptVariablesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

PromptVariablesModel::~PromptVariablesModel() = default;

void PromptVariablesModel::setNames(const QStringList &names)
{
    QStringList unique;
    for (const QString &name : names) {
        if (!unique.contains(name))
            unique.append(name);
    }
    if (unique == m_names)
        return;
    // Rows change only while a placeholder is being typed; a reset keeps this simple and is cheap.
    beginResetModel();
    m_names = unique;
    endResetModel();
}

QList<PromptVariable> PromptVariablesModel::variables() const
{
    QList<PromptVariable> list;
    list.reserve(m_names.size());
    for (const QString &name : m_names)
        list.append({ name, m_values.value(name) });
    return list;
}

void PromptVariablesModel::setValues(const QList<PromptVariable> &variables)
{
    for (const PromptVariable &variable : variables)
        m_values.insert(variable.name, variable.value);
    if (!m_names.isEmpty())
        Q_EMIT dataChanged(index(0, ValueColumn), index(int(m_names.size()) - 1, ValueColumn));
}

void PromptVariablesModel::clear()
{
    beginResetModel();
    m_names.clear();
    m_values.clear();
    endResetModel();
}

void PromptVariablesModel::setValue(const QString &name, const QString &value)
{
    if (m_values.contains(name) && m_values.value(name) == value)
        return;
    m_values.insert(name, value);
    const qsizetype row = m_names.indexOf(name);
    if (row >= 0)
        Q_EMIT dataChanged(index(int(row), ValueColumn), index(int(row), ValueColumn));
    Q_EMIT valueEdited(name);
}

int PromptVariablesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

int PromptVariablesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PromptVariablesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &name = m_names.at(index.row());
    if (index.column() == NameColumn) {
        switch (role) {
        case Qt::DisplayRole:
            return name;
        case Qt::ToolTipRole:
            return tr("{{%1}} in the prompts is replaced by this value when the request is built.").arg(name);
        default:
            return {};
        }
    }
    const QString value = m_values.value(name);
    switch (role) {
    case Qt::DisplayRole:
        return shortened(value);
    case Qt::EditRole:
        return value;
    case Qt::ToolTipRole:
        return value.isEmpty() ? tr("Empty: {{%1}} is replaced by nothing.").arg(name)
                               : tr("%1 characters").arg(value.size());
    default:
        return {};
    }
}

bool PromptVariablesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != ValueColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    setValue(m_names.at(index.row()), value.toString());
    return true;
}

Qt::ItemFlags PromptVariablesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == ValueColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant PromptVariablesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Variable");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace Ui
} // namespace Formwork
