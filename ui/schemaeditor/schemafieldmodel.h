// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schemaeditor/schemafieldtree.h"
#include "schemaeditor/schematextpatch.h"

#include <QAbstractItemModel>
#include <QFuture>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace Formwork {
namespace Ui {

// The fields of a schema document (SchemaFieldTree) as an item model, and the edits made through
// it. The model owns a copy of the document; every edit changes that copy with SchemaFieldEdits
// (order and unknown keywords kept), rebuilds the rows and emits documentEdited() so the owner
// can rewrite the text. A new document from the text replaces the rows without documentEdited().
class SchemaFieldModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaFieldModel)

public:
    enum Column { NameColumn, TypeColumn, RequiredColumn, NullableColumn, DescriptionColumn, ColumnCount };
    enum Role {
        PointerRole = Qt::UserRole + 1, // QString: JSON Pointer of the field's schema
        KindRole, // int: SchemaField::Kind
    };

    explicit SchemaFieldModel(QObject *parent = nullptr);
    ~SchemaFieldModel() override;

    // From the text: `document` replaces the one shown. With `changes` (where it differs from
    // document(), e.g. found on a worker thread) only those rows are updated, with row
    // insertions, removals and dataChanged; with `tree` (built from `document`, e.g. on a worker
    // thread) the rows are reset to it. With neither, the model finds the changes itself.
    void setDocument(std::shared_ptr<const nlohmann::ordered_json> document,
                     std::shared_ptr<SchemaFieldTree> tree = {});
    void setDocument(std::shared_ptr<const nlohmann::ordered_json> document,
                     const std::vector<SchemaEditScope> &changes);
    void setDocument(const nlohmann::ordered_json &document);
    const nlohmann::ordered_json &document() const { return *m_document; }
    std::shared_ptr<const nlohmann::ordered_json> documentPointer() const { return m_document; }
    const SchemaFieldTree &tree() const { return *m_tree; }
    // Starts copying the document in the background when something else holds it too (a lint
    // that compares with it), so that the next edit need not copy it on this thread.
    void prepareSpareCopy();

    QModelIndex indexForPointer(const QString &pointer, int column = NameColumn) const;
    QString pointerForIndex(const QModelIndex &index) const;
    const SchemaField *fieldAt(const QModelIndex &index) const;

    // Edits. Each returns the pointer of the field afterwards (empty on failure) or success.
    // `parent` is a field that takes children (or invalid for the root object).
    QString addField(const QModelIndex &parent, const QModelIndex &after = {}, const QString &name = {});
    QString addDefinition(const QString &name = {});
    bool removeField(const QModelIndex &index);
    QString renameField(const QModelIndex &index, const QString &name);
    bool moveField(const QModelIndex &index, int delta);
    bool setRequired(const QModelIndex &index, bool required);
    bool setNullable(const QModelIndex &index, bool nullable);
    bool setType(const QModelIndex &index, const QString &type);
    bool setItemsType(const QModelIndex &index, const QString &type);
    bool setRef(const QModelIndex &index, const QString &definition, bool items = false);
    bool setKeyword(const QModelIndex &index, const QString &keyword,
                    const std::optional<nlohmann::ordered_json> &value);
    // Called before every edit (inline ones from a view included); false refuses the edit. The
    // owner uses it to bring the document up to date with text typed since the last parse.
    void setEditGuard(std::function<bool()> guard) { m_editGuard = std::move(guard); }

    // Where the last edit changed the document (for SchemaEditorPane's text patch), valid from
    // documentEdited() to the next edit.
    const std::vector<SchemaEditScope> &lastEditScopes() const { return m_lastEditScopes; }

    // The names of the `$defs` (or `definitions`) entries, in order.
    QStringList definitionNames() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The user changed the document through the model; document() holds the new one.
    void documentEdited();

private:
    class RowSignals;
    template<typename Edit> bool edit(Edit &&change);
    void resetTo(std::shared_ptr<const nlohmann::ordered_json> document, std::shared_ptr<SchemaFieldTree> tree);
    void syncTo(std::shared_ptr<const nlohmann::ordered_json> document, const std::vector<SchemaEditScope> &changes);
    QModelIndex indexFor(const SchemaField *field, int column = NameColumn) const;
    std::shared_ptr<nlohmann::ordered_json> editableCopy();

    // The document: shared with the lint that parsed it, or (after an edit) the model's alone, when
    // the next edit changes it in place.
    std::shared_ptr<const nlohmann::ordered_json> m_document;
    std::shared_ptr<SchemaFieldTree> m_tree;
    std::function<bool()> m_editGuard;
    std::vector<SchemaEditScope> m_lastEditScopes;
    // A copy of a big document made on the background pool, for the next edit to change: copying
    // megabytes of JSON takes longer than a frame. Weak, so it does not count as a holder.
    std::weak_ptr<const nlohmann::ordered_json> m_spareOf;
    QFuture<std::shared_ptr<nlohmann::ordered_json>> m_spare;
};

} // namespace Ui
} // namespace Formwork
