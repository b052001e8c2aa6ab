// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/enforcementreport.h"

#include <QCoreApplication>

#include <set>
#include <string>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

std::string escapeToken(const std::string &token)
{
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

class Reporter
{
public:
    Reporter(Draft draft, GrammarRules rules)
        : m_draft(draft)
        , m_rules(rules)
    {
    }

    QList<EnforcementItem> items;

    void walk(const Json &schema, const std::string &pointer)
    {
        if (!schema.is_object())
            return;
        const bool d7 = m_draft == Draft::Draft7;
        const bool hasRef = schema.contains("$ref");
        const std::string type
            = schema.contains("type") && schema["type"].is_string() ? schema["type"].get<std::string>() : std::string();
        for (const auto &[keyword, value] : schema.items())
            report(schema, pointer, keyword, value, type);

        const bool objectLike = type == "object" || schema.contains("properties");
        if (objectLike && !schema.contains("additionalProperties") && !(hasRef && d7)) {
            add(pointer, "additionalProperties", EnforcementStatus::Differs,
                schema.contains("properties")
                    ? QCoreApplication::translate(
                        "schema", "absent: the grammar allows no keys besides \"properties\" (JSON Schema allows any)")
                    : QCoreApplication::translate(
                        "schema", "absent on an object without properties: the grammar allows any object"));
        }

        // Recurse into subschemas.
        auto sub = [&](const char *keyword) {
            const auto it = schema.find(keyword);
            if (it == schema.end())
                return;
            const std::string base = pointer + "/" + keyword;
            if (it->is_object()) {
                if (isMapKeyword(keyword)) {
                    for (const auto &[key, value] : it->items())
                        walk(value, base + "/" + escapeToken(key));
                } else {
                    walk(*it, base);
                }
            } else if (it->is_array()) {
                for (std::size_t i = 0; i < it->size(); ++i)
                    walk((*it)[i], base + "/" + std::to_string(i));
            }
        };
        for (const char *keyword : { "properties",
                                     "patternProperties",
                                     "additionalProperties",
                                     "items",
                                     "prefixItems",
                                     "additionalItems",
                                     "contains",
                                     "propertyNames",
                                     "allOf",
                                     "anyOf",
                                     "oneOf",
                                     "not",
                                     "if",
                                     "then",
                                     "else",
                                     "$defs",
                                     "definitions",
                                     "dependentSchemas",
                                     "unevaluatedProperties",
                                     "unevaluatedItems" })
            sub(keyword);
    }

private:
    Draft m_draft;
    GrammarRules m_rules;

    static bool isMapKeyword(const std::string &keyword)
    {
        return keyword == "properties" || keyword == "patternProperties" || keyword == "$defs"
            || keyword == "definitions" || keyword == "dependentSchemas";
    }

    void add(const std::string &pointer, const std::string &keyword, EnforcementStatus status, const QString &note)
    {
        items.append(
            EnforcementItem { QString::fromStdString(pointer), QString::fromStdString(keyword), status, note });
    }

    void report(const Json &schema, const std::string &pointer, const std::string &keyword, const Json &value,
                const std::string &type)
    {
        using S = EnforcementStatus;
        static const std::set<std::string> annotations
            = { "title",       "description",      "default",         "examples",     "$comment", "$schema",
                "strict",      "readOnly",         "writeOnly",       "deprecated",   "$id",      "$anchor",
                "$vocabulary", "contentMediaType", "contentEncoding", "contentSchema" };
        static const std::set<std::string> ignored = { "multipleOf",
                                                       "uniqueItems",
                                                       "minProperties",
                                                       "maxProperties",
                                                       "patternProperties",
                                                       "propertyNames",
                                                       "not",
                                                       "if",
                                                       "then",
                                                       "else",
                                                       "dependentRequired",
                                                       "dependentSchemas",
                                                       "dependencies",
                                                       "contains",
                                                       "minContains",
                                                       "maxContains",
                                                       "unevaluatedProperties",
                                                       "unevaluatedItems",
                                                       "additionalItems",
                                                       "$dynamicRef",
                                                       "$dynamicAnchor" };
        if (annotations.count(keyword)) {
            add(pointer, keyword, S::Ignored,
                QCoreApplication::translate("schema", "annotation: has no effect on the output"));
            return;
        }
        if (keyword == "$defs" || keyword == "definitions") {
            add(pointer, keyword, S::Enforced,
                QCoreApplication::translate("schema", "definitions are used through local $ref"));
            return;
        }
        if (keyword == "type") {
            static const std::set<std::string> known
                = { "object", "array", "string", "number", "integer", "boolean", "null" };
            bool ok = true;
            if (value.is_string())
                ok = known.count(value.get<std::string>()) > 0;
            else if (value.is_array()) {
                for (const Json &t : value)
                    ok = ok && t.is_string() && known.count(t.get<std::string>()) > 0;
            }
            if (ok)
                add(pointer, keyword, S::Enforced,
                    value.is_array() ? QCoreApplication::translate("schema", "a list of types becomes a union")
                                     : QString());
            else
                add(pointer, keyword, S::Rejected,
                    QCoreApplication::translate("schema",
                                                "unknown type value: the server answers \"Unrecognized schema\""));
            return;
        }
        if (keyword == "properties") {
            add(pointer, keyword, S::Enforced,
                QCoreApplication::translate(
                    "schema", "required properties are generated first, in properties order, then the optional ones"));
            return;
        }
        if (keyword == "required") {
            bool allListed = true;
            const auto properties = schema.find("properties");
            if (value.is_array()) {
                for (const Json &name : value) {
                    if (!name.is_string() || properties == schema.end() || !properties->is_object()
                        || !properties->contains(name.get<std::string>()))
                        allListed = false;
                }
            }
            if (allListed)
                add(pointer, keyword, S::Enforced, QString());
            else
                add(pointer, keyword, S::Ignored,
                    QCoreApplication::translate(
                        "schema",
                        "names missing from \"properties\" are ignored by the grammar; Formwork checks them"));
            return;
        }
        if (keyword == "additionalProperties") {
            add(pointer, keyword, S::Enforced, QString());
            return;
        }
        if (keyword == "enum" || keyword == "const" || keyword == "anyOf" || keyword == "items"
            || keyword == "prefixItems" || keyword == "minItems" || keyword == "maxItems") {
            add(pointer, keyword, S::Enforced, QString());
            return;
        }
        if (keyword == "oneOf") {
            add(pointer, keyword, S::Differs,
                QCoreApplication::translate("schema", "a plain union: matching several alternatives is not prevented"));
            return;
        }
        if (keyword == "allOf") {
            add(pointer, keyword, S::Differs,
                QCoreApplication::translate("schema",
                                            "only object properties are merged; other constraints are dropped"));
            return;
        }
        if (keyword == "$ref") {
            const std::string ref = value.is_string() ? value.get<std::string>() : std::string();
            if (!ref.empty() && ref[0] == '#')
                add(pointer, keyword, S::Enforced, QString());
            else
                add(pointer, keyword, S::Rejected,
                    QCoreApplication::translate(
                        "schema",
                        "only local references (#/...) are supported: the server answers \"Unsupported ref\""));
            return;
        }
        if (keyword == "minLength" || keyword == "maxLength") {
            if (type == "string" && !schema.contains("pattern") && !schema.contains("format"))
                add(pointer, keyword, S::Enforced, QString());
            else
                add(pointer, keyword, S::Ignored,
                    QCoreApplication::translate(
                        "schema", "only enforced when type is exactly \"string\" without pattern or format"));
            return;
        }
        if (keyword == "pattern") {
            const std::string pattern = value.is_string() ? value.get<std::string>() : std::string();
            if (pattern.size() >= 2 && pattern.front() == '^' && pattern.back() == '$')
                add(pointer, keyword, S::Enforced,
                    QCoreApplication::translate("schema", "unsupported regex syntax is dropped with a warning"));
            else if (m_rules == GrammarRules::LlamaServer)
                add(pointer, keyword, S::Ignored,
                    QCoreApplication::translate("schema",
                                                "llama-server accepts the schema but ignores a pattern that does not "
                                                "begin with ^ and end with $; Formwork checks it"));
            else
                add(pointer, keyword, S::Rejected,
                    QCoreApplication::translate(
                        "schema", "the pattern must begin with ^ and end with $, or the server rejects the schema"));
            return;
        }
        if (keyword == "format") {
            static const std::set<std::string> enforced
                = { "date", "time", "date-time", "uuid", "uuid1", "uuid2", "uuid3", "uuid4", "uuid5" };
            if (value.is_string() && enforced.count(value.get<std::string>()))
                add(pointer, keyword, S::Enforced, QString());
            else
                add(pointer, keyword, S::Ignored,
                    QCoreApplication::translate(
                        "schema",
                        "only date, time, date-time and uuid formats are enforced; Formwork checks this one"));
            return;
        }
        if (keyword == "minimum" || keyword == "maximum" || keyword == "exclusiveMinimum"
            || keyword == "exclusiveMaximum") {
            if (type == "integer")
                add(pointer, keyword, S::Enforced, QString());
            else
                add(pointer, keyword, S::Ignored,
                    QCoreApplication::translate(
                        "schema", "bounds are only enforced on integers, not on numbers; Formwork checks them"));
            return;
        }
        if (ignored.count(keyword)) {
            add(pointer, keyword, S::Ignored,
                QCoreApplication::translate("schema", "not enforced by the grammar; Formwork checks it"));
            return;
        }
        add(pointer, keyword, S::Ignored, QCoreApplication::translate("schema", "unknown keyword: ignored"));
    }
};

} // namespace

QString enforcementStatusName(EnforcementStatus status)
{
    switch (status) {
    case EnforcementStatus::Enforced:
        return QStringLiteral("enforced");
    case EnforcementStatus::Ignored:
        return QStringLiteral("ignored");
    case EnforcementStatus::Rejected:
        return QStringLiteral("rejected");
    case EnforcementStatus::Differs:
        return QStringLiteral("differs");
    }
    return QString();
}

QList<EnforcementItem> enforcementReport(const nlohmann::ordered_json &schema, Draft draft, GrammarRules rules)
{
    Reporter reporter(draft, rules);
    reporter.walk(schema, std::string());
    return reporter.items;
}

QList<EnforcementItem> enforcementReport(const Schema &schema, GrammarRules rules)
{
    return enforcementReport(schema.document(), schema.draft(), rules);
}

} // namespace Formwork
