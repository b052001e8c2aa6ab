// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/csvexport.h"

#include "common/compactjson.h"

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

// Deeper than any sensible schema; stops a pathological document from exhausting the stack.
constexpr int maxDepth = 64;

// One level of the column tree. A node with children spreads an object over several columns;
// a leaf is one column. A node can be both when the values disagree (an object in one row, a
// string in another).
struct ColumnNode {
    std::string key;
    bool leaf = false;
    std::vector<std::unique_ptr<ColumnNode>> children;
    std::unordered_map<std::string, ColumnNode *> byKey;

    ColumnNode &child(const std::string &name)
    {
        if (const auto it = byKey.find(name); it != byKey.end())
            return *it->second;
        auto node = std::make_unique<ColumnNode>();
        node->key = name;
        ColumnNode *raw = node.get();
        children.push_back(std::move(node));
        byKey.emplace(name, raw);
        return *raw;
    }
};

struct Column {
    std::vector<const std::string *> path; // keys from the root, into the ColumnNodes
    const ColumnNode *node = nullptr;
};

class SchemaWalker
{
public:
    explicit SchemaWalker(const Json &root)
        : m_root(root)
    {
    }

    void addProperties(ColumnNode &node, const Json &schema, int depth = 0)
    {
        if (!schema.is_object() || depth > maxDepth)
            return;
        if (const Json *target = refTarget(schema)) {
            if (!onStack(target)) {
                m_stack.push_back(target);
                addProperties(node, *target, depth + 1);
                m_stack.pop_back();
            }
        }
        if (const auto it = schema.find("allOf"); it != schema.end() && it->is_array()) {
            for (const Json &branch : *it)
                addProperties(node, branch, depth + 1);
        }
        for (const char *keyword : { "anyOf", "oneOf" }) {
            const auto it = schema.find(keyword);
            if (it == schema.end() || !it->is_array())
                continue;
            for (const Json &branch : *it) {
                if (isObjectLike(branch, depth + 1))
                    addProperties(node, branch, depth + 1);
            }
        }
        const auto properties = schema.find("properties");
        if (properties == schema.end() || !properties->is_object())
            return;
        for (const auto &[name, sub] : properties->items()) {
            ColumnNode &child = node.child(name);
            if (isObjectLike(sub, depth + 1))
                addProperties(child, sub, depth + 1);
            else
                child.leaf = true;
        }
    }

private:
    // The schema a local `$ref` ("#/$defs/Address", "#/definitions/x", "#") points to.
    const Json *refTarget(const Json &schema) const
    {
        const auto ref = schema.find("$ref");
        if (ref == schema.end() || !ref->is_string())
            return nullptr;
        const std::string &text = ref->get_ref<const std::string &>();
        if (text.empty() || text.front() != '#')
            return nullptr;
        try {
            const Json::json_pointer pointer(text.substr(1));
            return m_root.contains(pointer) ? &m_root.at(pointer) : nullptr;
        } catch (const Json::exception &) {
            return nullptr; // a malformed pointer: the walk goes on without it
        }
    }

    bool onStack(const Json *schema) const
    {
        for (const Json *entry : m_stack) {
            if (entry == schema)
                return true;
        }
        return false;
    }

    bool isBeingChecked(const Json *schema) const
    {
        return std::find(m_checking.cbegin(), m_checking.cend(), schema) != m_checking.cend();
    }

    // Follows `$ref`s even into a schema being walked (a recursive "next" is still an object),
    // but never around a cycle of references.
    bool isObjectLike(const Json &schema, int depth) const
    {
        if (!schema.is_object() || depth > maxDepth)
            return false;
        if (const Json *target = refTarget(schema); target && !isBeingChecked(target)) {
            m_checking.push_back(target);
            const bool objectLike = isObjectLike(*target, depth + 1);
            m_checking.pop_back();
            if (objectLike)
                return true;
        }
        if (const auto it = schema.find("properties"); it != schema.end() && it->is_object())
            return true;
        if (const auto it = schema.find("type"); it != schema.end()) {
            if (it->is_string() && *it == "object")
                return true;
            if (it->is_array()) {
                for (const Json &type : *it) {
                    if (type == "object")
                        return true;
                }
            }
        }
        for (const char *keyword : { "allOf", "anyOf", "oneOf" }) {
            const auto it = schema.find(keyword);
            if (it == schema.end() || !it->is_array())
                continue;
            for (const Json &branch : *it) {
                if (isObjectLike(branch, depth + 1))
                    return true;
            }
        }
        return false;
    }

    const Json &m_root;
    std::vector<const Json *> m_stack; // `$ref` targets being walked, to stop on recursive schemas
    mutable std::vector<const Json *> m_checking; // `$ref` targets isObjectLike() is inside
};

void addValueKeys(ColumnNode &node, const Json &value, int depth)
{
    if (value.is_object()) {
        if (depth > maxDepth) {
            node.leaf = true; // the rest goes into one cell as JSON
            return;
        }
        for (const auto &[key, member] : value.items())
            addValueKeys(node.child(key), member, depth + 1);
    } else if (!value.is_null()) {
        node.leaf = true;
    }
}

// Nodes nothing spread out (an empty object, a null, a recursive schema) get one column.
void finalize(ColumnNode &node)
{
    for (const auto &child : node.children) {
        finalize(*child);
        if (child->children.empty())
            child->leaf = true;
    }
}

void collectColumns(const ColumnNode &node, std::vector<const std::string *> &path, std::vector<Column> &out)
{
    if (node.leaf)
        out.push_back(Column { path, &node });
    for (const auto &child : node.children) {
        path.push_back(&child->key);
        collectColumns(*child, path, out);
        path.pop_back();
    }
}

QString scalarText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get_ref<const std::string &>());
    return compactJsonText(value);
}

QString cellText(const Json &value, const ColumnNode &node)
{
    if (value.is_null())
        return {};
    if (value.is_object())
        return node.children.empty() ? compactJsonText(value) : QString();
    if (value.is_array()) {
        QStringList parts;
        parts.reserve(qsizetype(value.size()));
        for (const Json &element : value) {
            if (element.is_structured())
                return compactJsonText(value);
            parts.append(scalarText(element));
        }
        return parts.join(QStringLiteral("; "));
    }
    return scalarText(value);
}

QString cellFor(const Json &row, const Column &column)
{
    const Json *value = &row;
    for (const std::string *key : column.path) {
        if (!value->is_object())
            return {};
        const auto it = value->find(*key);
        if (it == value->end())
            return {};
        value = &*it;
    }
    return cellText(*value, *column.node);
}

} // namespace

CsvTable flattenRows(const QList<nlohmann::ordered_json> &values, const nlohmann::ordered_json &schema)
{
    ColumnNode root;
    SchemaWalker(schema).addProperties(root, schema);
    for (const Json &value : values) {
        if (value.is_object())
            addValueKeys(root, value, 0);
        else if (!value.is_null())
            root.leaf = true;
    }
    finalize(root);

    std::vector<Column> columns;
    std::vector<const std::string *> path;
    collectColumns(root, path, columns);

    CsvTable table;
    table.header.reserve(qsizetype(columns.size()));
    for (const Column &column : columns) {
        if (column.path.empty()) {
            table.header.append(QStringLiteral("value"));
            continue;
        }
        QStringList keys;
        for (const std::string *key : column.path)
            keys.append(QString::fromStdString(*key));
        table.header.append(keys.join(u'.'));
    }
    table.rows.reserve(values.size());
    for (const Json &value : values) {
        QStringList row;
        row.reserve(qsizetype(columns.size()));
        for (const Column &column : columns)
            row.append(cellFor(value, column));
        table.rows.append(row);
    }
    return table;
}

QString csvField(const QString &text)
{
    const bool mustQuote = text.contains(u',') || text.contains(u'"') || text.contains(u'\r') || text.contains(u'\n');
    if (!mustQuote)
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QByteArray toCsv(const CsvTable &table)
{
    QString out;
    const auto appendRecord = [&out, width = table.header.size()](const QStringList &fields) {
        const qsizetype count = qMax(width, fields.size());
        for (qsizetype i = 0; i < count; ++i) {
            if (i > 0)
                out += u',';
            if (i < fields.size())
                out += csvField(fields.at(i));
        }
        out += QStringLiteral("\r\n");
    };
    appendRecord(table.header);
    for (const QStringList &row : table.rows)
        appendRecord(row);
    return out.toUtf8();
}

} // namespace Formwork
