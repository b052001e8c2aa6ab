// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/promptsettings.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Formwork {
namespace Ui {

// The `{{name}}` placeholders of the prompts and their values: one row per placeholder, in the
// order they first appear. The name column is read-only, the value column editable. A value is
// remembered when its placeholder disappears (while the user retypes it) and comes back with it.
class PromptVariablesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptVariablesModel)

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit PromptVariablesModel(QObject *parent = nullptr);
    ~PromptVariablesModel() override;

    // The rows: every name once, in this order. Values of names seen before are kept.
    void setNames(const QStringList &names);
    QStringList names() const { return m_names; }

    // The current rows with their values (the PromptSettings form).
    QList<PromptVariable> variables() const;
    // Remembers these values (for current and future rows); rows do not change.
    void setValues(const QList<PromptVariable> &variables);
    // Forgets every remembered value and row.
    void clear();

    QString value(const QString &name) const { return m_values.value(name); }
    // Sets one value (remembered even when no row shows it yet).
    void setValue(const QString &name, const QString &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A value was edited (not emitted by setValues()).
    void valueEdited(const QString &name);

private:
    QStringList m_names;
    QHash<QString, QString> m_values; // every name ever seen, so values survive a retyped placeholder
};

} // namespace Ui
} // namespace Formwork
