// SPDX-License-Identifier: GPL-3.0-or-later
#include "result/resulttreemodel.h"

#include "common/compactjson.h"
#include "highlighting/jsonhighlighter.h"
#include "json/sourcemap.h"

#include <QApplication>
#include <QGuiApplication>
#include <QPalette>
#include <QStyle>

#include <vector>

namespace Formwork {
namespace Ui {

using Json = nlohmann::ordered_json;

struct ResultTreeModel::Node {
    Node *parent = nullptr;
    int row = 0;
    const Json *value = nullptr;
    const std::string *key = nullptr; // member name; nullptr for the root and array elements
    // One slot per member or element, filled when a view first asks for that row.
    std::vector<std::unique_ptr<Node>> children;
    std::string pointer;
    bool pointerKnown = false;
};

namespace {

// Longest text shown in a value cell or tooltip; the full value is a copy away.
constexpr qsizetype displayLimit = 200;
constexpr qsizetype toolTipLimit = 2000;

int childCount(const Json *value)
{
    if (value == nullptr || !value->is_structured())
        return 0;
    return int(qMin<std::size_t>(value->size(), std::size_t(std::numeric_limits<int>::max())));
}

QString typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object:
        return QStringLiteral("object");
    case Json::value_t::array:
        return QStringLiteral("array");
    case Json::value_t::string:
        return QStringLiteral("string");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return QStringLiteral("integer");
    case Json::value_t::number_float:
        return QStringLiteral("number");
    case Json::value_t::boolean:
        return QStringLiteral("boolean");
    case Json::value_t::null:
    case Json::value_t::discarded:
    case Json::value_t::binary:
        break;
    }
    return QStringLiteral("null");
}

std::string dumpPretty(const Json &value)
{
    return value.dump(2, ' ', false, Json::error_handler_t::replace);
}

// The first `limit` bytes of a UTF-8 string, cut at a character boundary.
std::string_view utf8Prefix(const std::string &text, std::size_t limit)
{
    if (text.size() <= limit)
        return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string_view(text).substr(0, end);
}

QString shortScalarText(const Json &value, qsizetype limit)
{
    if (!value.is_string())
        return QString::fromStdString(value.dump());
    const std::string &text = value.get_ref<const std::string &>();
    const std::string_view head = utf8Prefix(text, std::size_t(limit));
    QString shown = compactJsonText(Json(std::string(head)));
    if (head.size() < text.size())
        shown.insert(shown.size() - 1, QStringLiteral("\u2026"));
    return shown;
}

std::string unescapeToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out.push_back(token[i + 1] == '0' ? '~' : '/');
            ++i;
        } else {
            out.push_back(token[i]);
        }
    }
    return out;
}

// The pointer of the enclosing value ("/a/b" -> "/a", "/a" -> ""), or nullopt for the root.
std::optional<std::string> parentPointer(const std::string &pointer)
{
    if (pointer.empty())
        return std::nullopt;
    return pointer.substr(0, pointer.rfind('/'));
}

} // namespace

ResultTreeModel::ResultTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_value(std::make_shared<const Json>())
{
    setPalette(QGuiApplication::palette());
    if (qobject_cast<QApplication *>(QCoreApplication::instance())) {
        m_errorIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        m_notInSourceIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxQuestion);
    }
}

ResultTreeModel::~ResultTreeModel() = default;

void ResultTreeModel::setValue(nlohmann::ordered_json value, const QList<ValidationError> &errors)
{
    beginResetModel();
    m_root.reset();
    m_value = std::make_shared<const Json>(std::move(value));
    m_errorsAt.clear();
    m_errorsBelow.clear();
    m_notInSource.clear();
    m_errorCount = errors.size();
    for (const ValidationError &error : errors) {
        std::string pointer = error.instancePath.toStdString();
        m_errorsAt[pointer].append(error.message);
        for (auto up = parentPointer(pointer); up; up = parentPointer(*up))
            ++m_errorsBelow[*up];
    }
    m_root = std::make_unique<Node>();
    m_root->value = m_value.get();
    m_root->pointerKnown = true;
    endResetModel();
}

void ResultTreeModel::clear()
{
    beginResetModel();
    m_root.reset();
    m_value = std::make_shared<const Json>();
    m_errorsAt.clear();
    m_errorsBelow.clear();
    m_notInSource.clear();
    m_errorCount = 0;
    endResetModel();
}

void ResultTreeModel::setNotInSource(const QStringList &pointers)
{
    std::unordered_set<std::string> changed = std::move(m_notInSource);
    m_notInSource.clear();
    for (const QString &pointer : pointers)
        m_notInSource.insert(pointer.toStdString());
    changed.insert(m_notInSource.begin(), m_notInSource.end());
    for (const std::string &pointer : changed) {
        const QModelIndex at = indexForPointer(QString::fromStdString(pointer));
        if (at.isValid())
            Q_EMIT dataChanged(at.siblingAtColumn(ValueColumn), at.siblingAtColumn(ValueColumn),
                               { Qt::DecorationRole, Qt::ToolTipRole, NotInSourceRole });
    }
}

void ResultTreeModel::setPalette(const QPalette &palette)
{
    m_errorColor = JsonColorScheme::forPalette(palette).error.foreground().color();
    if (hasValue())
        Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1), { Qt::ForegroundRole });
}

ResultTreeModel::Node *ResultTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

ResultTreeModel::Node *ResultTreeModel::childAt(Node *parent, int row) const
{
    const int count = childCount(parent->value);
    if (row < 0 || row >= count)
        return nullptr;
    if (parent->children.empty())
        parent->children.resize(std::size_t(count));
    std::unique_ptr<Node> &slot = parent->children[std::size_t(row)];
    if (!slot) {
        slot = std::make_unique<Node>();
        slot->parent = parent;
        slot->row = row;
        if (parent->value->is_object()) {
            // ordered_json keeps its members in a vector, so the row-th member is one step away.
            const auto &members = parent->value->get_ref<const Json::object_t &>();
            const auto &member = *(members.begin() + row);
            slot->key = &member.first;
            slot->value = &member.second;
        } else {
            slot->value = &(*parent->value)[std::size_t(row)];
        }
    }
    return slot.get();
}

const std::string &ResultTreeModel::pointerOf(Node *node) const
{
    if (!node->pointerKnown) {
        const std::string &up = pointerOf(node->parent);
        node->pointer = SourceMap::appendToken(
            up, node->key ? std::string_view(*node->key) : std::string_view(std::to_string(node->row)));
        node->pointerKnown = true;
    }
    return node->pointer;
}

QModelIndex ResultTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row == 0 && m_root ? createIndex(0, column, m_root.get()) : QModelIndex();
    if (parent.column() != 0)
        return {};
    Node *child = childAt(nodeAt(parent), row);
    return child ? createIndex(row, column, child) : QModelIndex();
}

QModelIndex ResultTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    if (!node || !node->parent)
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int ResultTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_root ? 1 : 0;
    if (parent.column() != 0)
        return 0;
    return childCount(nodeAt(parent)->value);
}

int ResultTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool ResultTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags ResultTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (childCount(nodeAt(index)->value) == 0)
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QVariant ResultTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

QVariant ResultTreeModel::displayData(const Node *node, int column) const
{
    const Json &value = *node->value;
    switch (column) {
    case KeyColumn:
        if (!node->parent)
            return tr("(root)");
        if (node->key)
            return QString::fromStdString(*node->key);
        return QStringLiteral("[%1]").arg(node->row);
    case ValueColumn:
        if (value.is_object())
            return tr("{%n key(s)}", nullptr, childCount(&value));
        if (value.is_array())
            return tr("[%n item(s)]", nullptr, childCount(&value));
        return shortScalarText(value, displayLimit);
    case TypeColumn:
        return typeName(value);
    default:
        return {};
    }
}

QVariant ResultTreeModel::toolTipData(Node *node, int column) const
{
    const std::string &pointer = pointerOf(node);
    if (const auto it = m_errorsAt.find(pointer); it != m_errorsAt.end())
        return it->second.join(u'\n');
    if (const auto it = m_errorsBelow.find(pointer); it != m_errorsBelow.end() && column == KeyColumn)
        return tr("%n error(s) inside", nullptr, it->second);
    if (column == ValueColumn && m_notInSource.count(pointer) > 0)
        return tr("Not found in the input text: a possible invention");
    if (column == ValueColumn && node->value->is_string()
        && node->value->get_ref<const std::string &>().size() > std::size_t(displayLimit))
        return shortScalarText(*node->value, toolTipLimit);
    return {};
}

QVariant ResultTreeModel::data(const QModelIndex &index, int role) const
{
    Node *node = nodeAt(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
        return toolTipData(node, index.column());
    case Qt::DecorationRole:
        if (index.column() == KeyColumn && m_errorsAt.count(pointerOf(node)) > 0)
            return m_errorIcon;
        if (index.column() == ValueColumn && m_notInSource.count(pointerOf(node)) > 0)
            return m_notInSourceIcon;
        return {};
    case Qt::ForegroundRole: {
        const std::string &pointer = pointerOf(node);
        if (m_errorsAt.count(pointer) > 0 || (index.column() == KeyColumn && m_errorsBelow.count(pointer) > 0))
            return m_errorColor;
        return {};
    }
    case PointerRole:
        return QString::fromStdString(pointerOf(node));
    case ValueTextRole:
        if (node->value->is_string())
            return QString::fromStdString(node->value->get_ref<const std::string &>());
        return QString::fromStdString(dumpPretty(*node->value));
    case JsonTextRole:
        return QString::fromStdString(dumpPretty(*node->value));
    case TypeRole:
        return typeName(*node->value);
    case HasErrorRole:
        return m_errorsAt.count(pointerOf(node)) > 0;
    case ErrorMessagesRole: {
        const auto it = m_errorsAt.find(pointerOf(node));
        return it == m_errorsAt.end() ? QStringList() : it->second;
    }
    case NotInSourceRole:
        return m_notInSource.count(pointerOf(node)) > 0;
    case ErrorsBelowRole: {
        const auto it = m_errorsBelow.find(pointerOf(node));
        return it == m_errorsBelow.end() ? 0 : it->second;
    }
    default:
        return {};
    }
}

QModelIndex ResultTreeModel::indexForPointer(const QString &pointer) const
{
    if (!m_root)
        return {};
    const std::string text = pointer.toStdString();
    if (!text.empty() && text.front() != '/')
        return {};
    Node *node = m_root.get();
    QModelIndex current = index(0, 0);
    std::size_t start = text.empty() ? std::string::npos : 1;
    while (start != std::string::npos && start <= text.size()) {
        const std::size_t slash = text.find('/', start);
        const std::string token = unescapeToken(
            std::string_view(text).substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        int row = -1;
        if (node->value->is_object()) {
            const auto &members = node->value->get_ref<const Json::object_t &>();
            for (auto it = members.begin(); it != members.end(); ++it) {
                if (it->first == token) {
                    row = int(it - members.begin());
                    break;
                }
            }
        } else if (node->value->is_array()) {
            bool ok = false;
            row = QString::fromStdString(token).toInt(&ok);
            if (!ok || (token.size() > 1 && token.front() == '0'))
                row = -1;
        }
        current = row >= 0 ? index(row, 0, current) : QModelIndex();
        if (!current.isValid())
            return {};
        node = nodeAt(current);
        start = slash == std::string::npos ? std::string::npos : slash + 1;
    }
    return current;
}

QString ResultTreeModel::pointerAt(const QModelIndex &index) const
{
    Node *node = nodeAt(index);
    return node ? QString::fromStdString(pointerOf(node)) : QString();
}

const nlohmann::ordered_json *ResultTreeModel::valueAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node ? node->value : nullptr;
}

} // namespace Ui
} // namespace Formwork
