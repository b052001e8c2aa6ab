// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QIcon>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

class QPalette;

namespace Formwork {
namespace Ui {

// A JSON value as a tree: one row per value (the root first, then members and elements), with
// the columns key, value and type. Values whose JSON Pointer has validation errors are flagged
// (error icon and colour, the messages as tooltip); containers with errors further down show the
// colour on their key. Children are made only when a view asks for them, so a 10 MB value costs
// one copy of the value and a node per row the user actually opens.
class ResultTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultTreeModel)

public:
    enum Column {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        ColumnCount,
    };

    enum Role {
        PointerRole = Qt::UserRole + 1, // QString: the node's JSON Pointer ("" is the root)
        ValueTextRole, // QString: a string as it is, anything else as (pretty) JSON text
        JsonTextRole, // QString: the node's value as pretty JSON
        TypeRole, // QString: "object", "array", "string", "integer", "number", "boolean", "null"
        HasErrorRole, // bool: validation errors at this very node
        ErrorMessagesRole, // QStringList: their messages
        ErrorsBelowRole, // int: errors at nodes under this one
        NotInSourceRole, // bool: the value was looked for in the run's input text and not found
    };

    explicit ResultTreeModel(QObject *parent = nullptr);
    ~ResultTreeModel() override;

    // Shows `value`; `errors` (instance paths into it) flag the failing nodes.
    void setValue(nlohmann::ordered_json value, const QList<ValidationError> &errors = {});
    void clear();
    bool hasValue() const { return m_root != nullptr; }
    const nlohmann::ordered_json &value() const { return *m_value; }
    // The value, shared (immutable): a worker thread may hold it while the model moves on.
    std::shared_ptr<const nlohmann::ordered_json> sharedValue() const { return m_value; }
    int errorCount() const { return int(m_errorCount); }

    // Flags the values at these pointers as not found in the source text (a possible invention):
    // an icon on the value and a tooltip. Cleared by setValue() and clear().
    void setNotInSource(const QStringList &pointers);

    // The error colour of the palette's theme (the same one the editors underline with).
    void setPalette(const QPalette &palette);
    QColor errorColor() const { return m_errorColor; }

    // The index (column 0) of the value at a JSON Pointer; invalid when the value has none.
    QModelIndex indexForPointer(const QString &pointer) const;
    QString pointerAt(const QModelIndex &index) const;
    // The value at an index; nullptr for an invalid index.
    const nlohmann::ordered_json *valueAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    struct Node;

private:
    Node *nodeAt(const QModelIndex &index) const;
    Node *childAt(Node *parent, int row) const;
    const std::string &pointerOf(Node *node) const;
    QVariant displayData(const Node *node, int column) const;
    QVariant toolTipData(Node *node, int column) const;

    std::shared_ptr<const nlohmann::ordered_json> m_value;
    std::unique_ptr<Node> m_root;
    std::unordered_map<std::string, QStringList> m_errorsAt;
    std::unordered_map<std::string, int> m_errorsBelow;
    qsizetype m_errorCount = 0;
    QColor m_errorColor;
    QIcon m_errorIcon;
    std::unordered_set<std::string> m_notInSource;
    QIcon m_notInSourceIcon;
};

} // namespace Ui
} // namespace Formwork
