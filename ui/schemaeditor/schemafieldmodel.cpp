// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemafieldmodel.h"

#include "common/backgroundwork.h"
#include "schemaeditor/schemafieldedits.h"
#include "json/sourcemap.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

std::string toStd(const QString &text)
{
    return text.toStdString();
}

bool containsPointer(const Json &doc, const std::string &pointer)
{
    try {
        return doc.contains(Json::json_pointer(pointer));
    } catch (const Json::exception &) {
        return false;
    }
}

// A document this big gets its copy for the next edit made in the background.
constexpr std::size_t SpareCopyFields = 1000;

const Json *find(const Json &doc, const std::string &pointer)
{
    try {
        const Json::json_pointer ptr(pointer);
        return doc.contains(ptr) ? &doc[ptr] : nullptr;
    } catch (const Json::exception &) {
        return nullptr;
    }
}

// Whether an edit left the document as it was, looking only where it says it changed it.
bool sameWithin(const Json &before, const Json &after, const std::vector<SchemaEditScope> &scopes)
{
    for (const SchemaEditScope &scope : scopes) {
        const Json *a = find(before, scope.pointer);
        const Json *b = find(after, scope.pointer);
        if (!a && !b)
            continue;
        if (!a || !b)
            return false;
        if (scope.deep || !a->is_object() || !b->is_object()) {
            if (*a != *b)
                return false;
            continue;
        }
        if (a->size() != b->size())
            return false;
        for (auto i = a->begin(), j = b->begin(); i != a->end(); ++i, ++j) {
            if (i.key() != j.key())
                return false;
        }
    }
    return true;
}

// An edit of a property's membership (removed, renamed, moved, required): its members object, and
// the "required" list of the object schema that holds it.
std::vector<SchemaEditScope> memberScopes(const std::string &field, bool withRequired)
{
    const std::string members = parentPointer(field);
    std::vector<SchemaEditScope> scopes { { members, false } };
    if (withRequired && lastPointerToken(members) == "properties") {
        const std::string container = parentPointer(members);
        scopes.push_back({ container, false });
        scopes.push_back({ SourceMap::appendToken(container, "required"), true });
    }
    return scopes;
}

} // namespace

// Turns the tree's row changes into the model's signals.
class SchemaFieldModel::RowSignals final : public SchemaFieldTreeObserver
{
public:
    explicit RowSignals(SchemaFieldModel *model)
        : m_model(model)
    {
    }

    void beginInsertFields(const SchemaField &parent, int first, int last) override
    {
        m_model->beginInsertRows(m_model->indexFor(&parent), first, last);
    }
    void endInsertFields() override { m_model->endInsertRows(); }
    void beginRemoveFields(const SchemaField &parent, int first, int last) override
    {
        m_model->beginRemoveRows(m_model->indexFor(&parent), first, last);
    }
    void endRemoveFields() override { m_model->endRemoveRows(); }
    void fieldChanged(const SchemaField &field) override
    {
        Q_EMIT m_model->dataChanged(m_model->indexFor(&field, 0), m_model->indexFor(&field, ColumnCount - 1));
    }

private:
    SchemaFieldModel *m_model;
};

namespace {
// More changes than this from the text: building the tree anew (and resetting) is as quick.
constexpr std::size_t MaxSyncedChanges = 256;
} // namespace

SchemaFieldModel::SchemaFieldModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(std::make_shared<const Json>(Json::object()))
    , m_tree(SchemaFieldTree::build(*m_document))
{
}

SchemaFieldModel::~SchemaFieldModel() = default;

void SchemaFieldModel::setDocument(std::shared_ptr<const Json> document, std::shared_ptr<SchemaFieldTree> tree)
{
    if (!document)
        document = std::make_shared<const Json>(Json::object());
    if (tree) {
        resetTo(std::move(document), std::move(tree));
        return;
    }
    if (const auto changes = documentChanges(*m_document, *document, MaxSyncedChanges)) {
        syncTo(std::move(document), *changes);
        return;
    }
    tree = SchemaFieldTree::build(*document);
    resetTo(std::move(document), std::move(tree));
}

void SchemaFieldModel::setDocument(std::shared_ptr<const Json> document, const std::vector<SchemaEditScope> &changes)
{
    syncTo(std::move(document), changes);
}

void SchemaFieldModel::setDocument(const Json &document)
{
    setDocument(std::make_shared<const Json>(document));
}

void SchemaFieldModel::resetTo(std::shared_ptr<const Json> document, std::shared_ptr<SchemaFieldTree> tree)
{
    beginResetModel();
    std::shared_ptr<const Json> oldDocument = std::exchange(m_document, std::move(document));
    std::shared_ptr<SchemaFieldTree> oldTree = std::exchange(m_tree, std::move(tree));
    endResetModel();
    prepareSpareCopy();
    // Freeing a big document and its tree takes a while; not on the GUI thread.
    if (oldTree.use_count() == 1 && oldTree->size() > 1000) {
        backgroundPool()->start([oldDocument = std::move(oldDocument), oldTree = std::move(oldTree)]() mutable {
            oldTree.reset();
            oldDocument.reset();
        });
    }
}

void SchemaFieldModel::syncTo(std::shared_ptr<const Json> document, const std::vector<SchemaEditScope> &changes)
{
    // A document of the model's own takes the few changes in place and stays its own, so the
    // next edit needs no copy (the other document stays with whoever parsed it).
    if (m_document.use_count() == 1 && m_document != document && changes.size() <= 16) {
        Json &own = const_cast<Json &>(*m_document);
        if (applyChanges(own, *document, changes)) {
            RowSignals rowSignals(this);
            m_tree->sync(own, changes, rowSignals);
            return;
        }
    }
    std::shared_ptr<const Json> oldDocument = std::exchange(m_document, std::move(document));
    // Only the rows where the document changed: the others (and the views' indexes, selection and
    // expansion of them) stay as they are.
    if (!changes.empty()) {
        RowSignals rowSignals(this);
        m_tree->sync(*m_document, changes, rowSignals);
    }
    prepareSpareCopy();
    if (oldDocument.use_count() == 1 && m_tree->size() > 1000)
        disposeInBackground(std::move(oldDocument));
}

// Every edit sets m_lastEditScopes (before calling this, or inside `change`).
template<typename Edit> bool SchemaFieldModel::edit(Edit &&change)
{
    // The callers copied what they need (pointers) out of the rows: the guard may replace them.
    if (m_editGuard && !m_editGuard())
        return false;
    if (m_document.use_count() == 1) {
        // Nobody else holds the document (an earlier edit made it): change it in place. An edit
        // that cannot apply leaves it as it was (SchemaFieldEdits' promise).
        if (!change(const_cast<Json &>(*m_document)))
            return false;
        if (m_spare.isValid()) // a copy of it from before: not needed, and big
            disposeInBackground(std::exchange(m_spare, {}));
        m_spareOf.reset();
        RowSignals rowSignals(this);
        m_tree->sync(*m_document, m_lastEditScopes, rowSignals);
        Q_EMIT documentEdited();
        return true;
    }
    std::shared_ptr<Json> document = editableCopy();
    if (!change(*document)) {
        disposeInBackground(std::move(document));
        return false;
    }
    // Edits say where they changed the document; comparing it all would take long on a big one.
    const bool unchanged
        = m_lastEditScopes.empty() ? *document == *m_document : sameWithin(*m_document, *document, m_lastEditScopes);
    if (unchanged) {
        disposeInBackground(std::move(document));
        return true;
    }
    syncTo(std::move(document), m_lastEditScopes);
    Q_EMIT documentEdited();
    return true;
}

std::shared_ptr<Json> SchemaFieldModel::editableCopy()
{
    std::shared_ptr<Json> copy;
    // A copy under way finishes sooner than a new one.
    if (m_spareOf.lock() == m_document && m_spare.isValid())
        copy = m_spare.result();
    if (m_spare.isValid())
        disposeInBackground(std::exchange(m_spare, {})); // its result, when not taken, is big
    m_spareOf.reset();
    return copy ? copy : std::make_shared<Json>(*m_document);
}

void SchemaFieldModel::prepareSpareCopy()
{
    // Only a document held elsewhere too needs a copy to be edited; the model's own is edited in place.
    if (m_tree->size() < SpareCopyFields || m_document.use_count() < 2
        || (m_spareOf.lock() == m_document && m_spare.isValid()))
        return;
    if (m_spare.isValid())
        disposeInBackground(std::exchange(m_spare, {}));
    m_spareOf = m_document;
    m_spare
        = QtConcurrent::run(backgroundPool(), [document = m_document] { return std::make_shared<Json>(*document); });
}

QModelIndex SchemaFieldModel::indexFor(const SchemaField *field, int column) const
{
    if (!field || field == &m_tree->root())
        return {};
    return createIndex(field->row, column, const_cast<SchemaField *>(field));
}

QModelIndex SchemaFieldModel::indexForPointer(const QString &pointer, int column) const
{
    return indexFor(m_tree->find(toStd(pointer)), column);
}

const SchemaField *SchemaFieldModel::fieldAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<const SchemaField *>(index.internalPointer());
}

QString SchemaFieldModel::pointerForIndex(const QModelIndex &index) const
{
    const SchemaField *field = fieldAt(index);
    return field ? QString::fromStdString(field->pointer) : QString();
}

QString SchemaFieldModel::addField(const QModelIndex &parent, const QModelIndex &after, const QString &name)
{
    const SchemaField *parentField = fieldAt(parent);
    if (parentField && parentField->kind == SchemaField::Kind::DefinitionGroup)
        return addDefinition(name);
    const std::string parentPointer = parentField ? parentField->pointer : std::string();
    const SchemaField *afterField = fieldAt(after);
    const std::string afterPointer = afterField ? afterField->pointer : std::string();
    std::string added;
    const bool ok = edit([&](Json &doc) {
        const bool hasParent = containsPointer(doc, parentPointer);
        const FieldShape shape = hasParent ? FieldShape::of(doc[Json::json_pointer(parentPointer)]) : FieldShape();
        const std::string properties = parentPointer + shape.containerSuffix + "/properties";
        // A new member of an existing "properties"; else the parent schema gains the container too.
        const bool hasProperties = shape.hasContainer && containsPointer(doc, properties);
        const auto pointer = SchemaFieldEdits::addField(doc, parentPointer, afterPointer, toStd(name));
        if (pointer)
            added = *pointer;
        m_lastEditScopes = { { hasProperties ? properties : parentPointer, !hasProperties } };
        return pointer.has_value();
    });
    return ok ? QString::fromStdString(added) : QString();
}

QString SchemaFieldModel::addDefinition(const QString &name)
{
    std::string added;
    const bool ok = edit([&](Json &doc) {
        const bool hadDefs = doc.is_object() && (doc.contains("$defs") || doc.contains("definitions"));
        const auto pointer = SchemaFieldEdits::addDefinition(doc, toStd(name));
        if (pointer)
            added = *pointer;
        m_lastEditScopes = { { pointer && hadDefs ? parentPointer(*pointer) : std::string(), false } };
        return pointer.has_value();
    });
    return ok ? QString::fromStdString(added) : QString();
}

bool SchemaFieldModel::removeField(const QModelIndex &index)
{
    const SchemaField *field = fieldAt(index);
    if (!field)
        return false;
    const std::string pointer = field->pointer;
    if (field->kind == SchemaField::Kind::DefinitionGroup) {
        m_lastEditScopes = { { std::string(), false } };
        return edit([&](Json &doc) { return doc.erase(lastPointerToken(pointer)) > 0; });
    }
    m_lastEditScopes = memberScopes(pointer, true);
    return edit([&](Json &doc) { return SchemaFieldEdits::removeField(doc, pointer); });
}

QString SchemaFieldModel::renameField(const QModelIndex &index, const QString &name)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return {};
    const std::string pointer = field->pointer;
    m_lastEditScopes = memberScopes(pointer, true);
    std::string renamed;
    const bool ok = edit([&](Json &doc) {
        const auto result = SchemaFieldEdits::renameField(doc, pointer, toStd(name));
        if (result)
            renamed = *result;
        return result.has_value();
    });
    return ok ? QString::fromStdString(renamed) : QString();
}

bool SchemaFieldModel::moveField(const QModelIndex &index, int delta)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = memberScopes(pointer, false);
    return edit([&](Json &doc) { return SchemaFieldEdits::moveField(doc, pointer, delta); });
}

bool SchemaFieldModel::setRequired(const QModelIndex &index, bool required)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind != SchemaField::Kind::Property)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = memberScopes(pointer, true);
    return edit([&](Json &doc) { return SchemaFieldEdits::setRequired(doc, pointer, required); });
}

bool SchemaFieldModel::setNullable(const QModelIndex &index, bool nullable)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = { { pointer, true } };
    return edit([&](Json &doc) { return SchemaFieldEdits::setNullable(doc, pointer, nullable); });
}

bool SchemaFieldModel::setType(const QModelIndex &index, const QString &type)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = { { pointer, true } };
    return edit([&](Json &doc) { return SchemaFieldEdits::setType(doc, pointer, toStd(type)); });
}

bool SchemaFieldModel::setItemsType(const QModelIndex &index, const QString &type)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = { { pointer, true } };
    return edit([&](Json &doc) { return SchemaFieldEdits::setItemsType(doc, pointer, toStd(type)); });
}

bool SchemaFieldModel::setRef(const QModelIndex &index, const QString &definition, bool items)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = { { pointer, true } };
    return edit([&](Json &doc) { return SchemaFieldEdits::setRef(doc, pointer, toStd(definition), items); });
}

bool SchemaFieldModel::setKeyword(const QModelIndex &index, const QString &keyword, const std::optional<Json> &value)
{
    const SchemaField *field = fieldAt(index);
    if (!field || field->kind == SchemaField::Kind::DefinitionGroup)
        return false;
    const std::string pointer = field->pointer;
    m_lastEditScopes = { { pointer, true } };
    return edit([&](Json &doc) { return SchemaFieldEdits::setKeyword(doc, pointer, toStd(keyword), value); });
}

QStringList SchemaFieldModel::definitionNames() const
{
    QStringList names;
    for (const char *key : { "$defs", "definitions" }) {
        if (!m_document->is_object() || !m_document->contains(key) || !(*m_document)[key].is_object())
            continue;
        const Json &defs = (*m_document)[key];
        for (auto it = defs.begin(); it != defs.end(); ++it)
            names.append(QString::fromStdString(it.key()));
        break;
    }
    return names;
}

QModelIndex SchemaFieldModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const SchemaField *parentField = parent.isValid() ? fieldAt(parent) : &m_tree->root();
    if (!parentField || row >= int(parentField->children.size()))
        return {};
    return createIndex(row, column, parentField->children[size_t(row)].get());
}

QModelIndex SchemaFieldModel::parent(const QModelIndex &child) const
{
    const SchemaField *field = fieldAt(child);
    if (!field || !field->parent)
        return {};
    return indexFor(field->parent);
}

int SchemaFieldModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const SchemaField *field = parent.isValid() ? fieldAt(parent) : &m_tree->root();
    return field ? int(field->children.size()) : 0;
}

int SchemaFieldModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SchemaFieldModel::data(const QModelIndex &index, int role) const
{
    const SchemaField *field = fieldAt(index);
    if (!field)
        return {};
    const bool isProperty = field->kind == SchemaField::Kind::Property;
    const bool isGroup = field->kind == SchemaField::Kind::DefinitionGroup;
    switch (role) {
    case PointerRole:
        return QString::fromStdString(field->pointer);
    case KindRole:
        return int(field->kind);
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return field->name;
        case TypeColumn:
            return field->type;
        case DescriptionColumn:
            return field->description;
        default:
            return {};
        }
    case Qt::CheckStateRole:
        if (index.column() == RequiredColumn && isProperty)
            return field->required ? Qt::Checked : Qt::Unchecked;
        if (index.column() == NullableColumn && !isGroup)
            return field->nullable ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == RequiredColumn && isProperty)
            return tr("Required: the object must have this property (listed in the parent's \"required\").");
        if (index.column() == NullableColumn && !isGroup)
            return tr("Nullable: null is allowed as well (\"type\": [T, \"null\"], or anyOf with null).");
        return QString::fromStdString(field->pointer);
    default:
        return {};
    }
}

bool SchemaFieldModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const SchemaField *field = fieldAt(index);
    if (!field)
        return false;
    if (role == Qt::CheckStateRole) {
        const bool checked = value.toInt() == Qt::Checked;
        if (index.column() == RequiredColumn)
            return setRequired(index, checked);
        if (index.column() == NullableColumn)
            return setNullable(index, checked);
        return false;
    }
    if (role != Qt::EditRole)
        return false;
    if (index.column() == NameColumn)
        return !renameField(index, value.toString()).isEmpty();
    if (index.column() == DescriptionColumn) {
        const QString text = value.toString();
        return setKeyword(index, QStringLiteral("description"),
                          text.isEmpty() ? std::nullopt : std::optional<Json>(text.toStdString()));
    }
    return false;
}

Qt::ItemFlags SchemaFieldModel::flags(const QModelIndex &index) const
{
    const SchemaField *field = fieldAt(index);
    if (!field)
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (field->kind == SchemaField::Kind::DefinitionGroup)
        return flags;
    if (index.column() == NameColumn || index.column() == DescriptionColumn)
        flags |= Qt::ItemIsEditable;
    if (index.column() == NullableColumn
        || (index.column() == RequiredColumn && field->kind == SchemaField::Kind::Property))
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant SchemaFieldModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case RequiredColumn:
        return tr("Required");
    case NullableColumn:
        return tr("Nullable");
    case DescriptionColumn:
        return tr("Description");
    default:
        return {};
    }
}

} // namespace Ui
} // namespace Formwork
