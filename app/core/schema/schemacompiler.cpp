// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/ecmaregex.h"
#include "schema/schemainternal.h"
#include "schema/schemaregistry.h"
#include "schema/uri.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace Formwork {

using namespace SchemaInternal;

namespace {

const char *const defaultBaseUri = "formwork:/schema";

std::string escapeToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
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

std::string unescapeToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

std::optional<Draft> draftFromMetaschemaUri(const std::string &uri)
{
    const std::string bare = Uri::withoutFragment(uri);
    if (bare == "http://json-schema.org/draft-07/schema" || bare == "https://json-schema.org/draft-07/schema")
        return Draft::Draft7;
    if (bare == "https://json-schema.org/draft/2020-12/schema" || bare == "http://json-schema.org/draft/2020-12/schema")
        return Draft::Draft2020_12;
    return std::nullopt;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

class Compiler
{
public:
    Compiler(Schema::Compiled &out, const SchemaOptions &options)
        : m_out(out)
        , m_options(options)
    {
    }

    QList<SchemaError> errors;

    // Indexes a document: resources, anchors and the location of every subschema.
    void indexDocument(const Json &document, const std::string &retrievalUri, int documentIndex, Draft fallback)
    {
        Draft draft = fallback;
        Vocabularies vocabularies;
        if (document.is_object()) {
            const auto it = document.find("$schema");
            if (it != document.end() && it->is_string())
                draft = draftOfMetaschema(it->get<std::string>(), fallback, &vocabularies, 0);
        }
        Resource *resource = addResource(retrievalUri, &document, draft);
        resource->vocabularies = vocabularies;
        index(document, resource, std::string(), std::string(), documentIndex, draft, true);
    }

    const Node *compileNode(const Json *value)
    {
        const auto found = m_out.nodes.find(value);
        if (found != m_out.nodes.end())
            return found->second.get();
        auto owned = std::make_unique<Node>();
        Node *node = owned.get();
        m_out.nodes.emplace(value, std::move(owned));
        const auto loc = m_out.locations.find(value);
        if (loc == m_out.locations.end()) {
            // Not reachable as a schema (should not happen); treat as "anything goes".
            node->isBoolean = true;
            return node;
        }
        fill(*node, *value, loc->second);
        return node;
    }

    // Compiles the dynamic anchors of every resource loaded so far (until no new resource appears).
    void compileDynamicAnchors()
    {
        std::size_t done = 0;
        bool changed = true;
        while (changed) {
            changed = false;
            for (std::size_t i = 0; i < m_out.resources.size(); ++i) {
                Resource *resource = m_out.resources[i].get();
                for (const auto &[name, value] : resource->dynamicAnchors) {
                    if (resource->dynamicNodes.count(name))
                        continue;
                    resource->dynamicNodes[name] = compileNode(value);
                    changed = true;
                }
            }
            if (m_out.resources.size() != done) {
                done = m_out.resources.size();
                changed = true;
            }
        }
    }

private:
    Schema::Compiled &m_out;
    const SchemaOptions &m_options;

    Resource *addResource(const std::string &uri, const Json *root, Draft draft)
    {
        const std::string key = Uri::withoutFragment(uri);
        const auto existing = m_out.resourceByUri.find(key);
        if (existing != m_out.resourceByUri.end() && existing->second->root == root)
            return existing->second;
        auto resource = std::make_unique<Resource>();
        resource->uri = key;
        resource->root = root;
        resource->draft = draft;
        Resource *raw = resource.get();
        m_out.resources.push_back(std::move(resource));
        m_out.resourceByUri[key] = raw;
        return raw;
    }

    Draft draftOfMetaschema(const std::string &uri, Draft fallback, Vocabularies *vocabularies, int depth)
    {
        if (const auto known = draftFromMetaschemaUri(uri))
            return *known;
        if (depth > 8 || !m_options.registry)
            return fallback;
        const auto document = m_options.registry->find(uri);
        if (!document || !document->is_object())
            return fallback;
        const auto vocabulary = document->find("$vocabulary");
        if (vocabulary != document->end() && vocabulary->is_object() && vocabularies) {
            vocabularies->validation = vocabulary->contains("https://json-schema.org/draft/2020-12/vocab/validation");
            // Whether the vocabulary is required (true) or not only matters to an implementation
            // that does not know it; Formwork knows it, so either value makes formats assert.
            vocabularies->formatAssertion
                = vocabulary->contains("https://json-schema.org/draft/2020-12/vocab/format-assertion");
        }
        const auto schema = document->find("$schema");
        if (schema != document->end() && schema->is_string() && schema->get<std::string>() != Uri::withoutFragment(uri))
            return draftOfMetaschema(schema->get<std::string>(), fallback, nullptr, depth + 1);
        return fallback;
    }

    void index(const Json &value, Resource *resource, std::string pointer, const std::string &documentPointer,
               int document, Draft draft, bool isDocumentRoot)
    {
        if (m_out.locations.count(&value))
            return;
        if (value.is_object()) {
            const auto schemaIt = value.find("$schema");
            Vocabularies vocabularies = resource->vocabularies;
            if (!isDocumentRoot && schemaIt != value.end() && schemaIt->is_string() && value.contains("$id"))
                draft = draftOfMetaschema(schemaIt->get<std::string>(), draft, &vocabularies, 0);
            const auto idIt = value.find("$id");
            const bool refHidesId = draft == Draft::Draft7 && value.contains("$ref");
            if (idIt != value.end() && idIt->is_string() && !refHidesId) {
                const std::string id = idIt->get<std::string>();
                if (!id.empty() && id[0] == '#') {
                    // draft-07 spells anchors this way; in 2020-12 a fragment-only $id is invalid and ignored.
                    if (draft == Draft::Draft7)
                        resource->anchors[id.substr(1)] = &value;
                } else {
                    const std::string absolute = Uri::resolve(resource->uri, id);
                    Resource *inner = addResource(absolute, &value, draft);
                    inner->vocabularies = vocabularies;
                    const std::string frag = Uri::fragment(absolute);
                    if (draft == Draft::Draft7 && !frag.empty() && frag[0] != '/')
                        inner->anchors[frag] = &value;
                    resource = inner;
                    pointer.clear();
                }
            }
            if (draft == Draft::Draft2020_12) {
                const auto anchor = value.find("$anchor");
                if (anchor != value.end() && anchor->is_string())
                    resource->anchors[anchor->get<std::string>()] = &value;
                const auto dynamicAnchor = value.find("$dynamicAnchor");
                if (dynamicAnchor != value.end() && dynamicAnchor->is_string()) {
                    resource->anchors[dynamicAnchor->get<std::string>()] = &value;
                    resource->dynamicAnchors[dynamicAnchor->get<std::string>()] = &value;
                }
            }
        } else if (!value.is_boolean()) {
            return;
        }
        m_out.locations.emplace(&value, Location { resource, pointer, documentPointer, document, draft });
        if (!value.is_object())
            return;

        auto child = [&](const Json &sub, const std::string &suffix) {
            index(sub, resource, pointer + suffix, documentPointer + suffix, document, draft, false);
        };
        static const char *const single2020[]
            = { "additionalProperties",  "contains",         "propertyNames", "not",          "if", "then", "else",
                "unevaluatedProperties", "unevaluatedItems", "items",         "contentSchema" };
        static const char *const single7[]
            = { "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else",
                "additionalItems",      "items" };
        static const char *const arrays2020[] = { "allOf", "anyOf", "oneOf", "prefixItems" };
        static const char *const arrays7[] = { "allOf", "anyOf", "oneOf", "items" };
        static const char *const maps2020[] = { "properties", "patternProperties", "$defs", "dependentSchemas" };
        static const char *const maps7[] = { "properties", "patternProperties", "definitions", "dependencies" };
        const bool d7 = draft == Draft::Draft7;
        for (const char *keyword : d7 ? std::vector<const char *>(std::begin(single7), std::end(single7))
                                      : std::vector<const char *>(std::begin(single2020), std::end(single2020))) {
            const auto it = value.find(keyword);
            if (it != value.end() && (it->is_object() || it->is_boolean()))
                child(*it, "/" + std::string(keyword));
        }
        for (const char *keyword : d7 ? std::vector<const char *>(std::begin(arrays7), std::end(arrays7))
                                      : std::vector<const char *>(std::begin(arrays2020), std::end(arrays2020))) {
            const auto it = value.find(keyword);
            if (it != value.end() && it->is_array()) {
                for (std::size_t i = 0; i < it->size(); ++i)
                    child((*it)[i], "/" + std::string(keyword) + "/" + std::to_string(i));
            }
        }
        for (const char *keyword : d7 ? std::vector<const char *>(std::begin(maps7), std::end(maps7))
                                      : std::vector<const char *>(std::begin(maps2020), std::end(maps2020))) {
            const auto it = value.find(keyword);
            if (it != value.end() && it->is_object()) {
                for (const auto &[key, sub] : it->items())
                    child(sub, "/" + std::string(keyword) + "/" + escapeToken(key));
            }
        }
    }

    void error(const Location &loc, const std::string &suffix, const QString &message)
    {
        errors.append(SchemaError {
            qs(loc.document == 0 ? loc.documentPointer + suffix : loc.resource->uri + "#" + loc.pointer + suffix),
            message });
    }

    // Resolves an absolute reference to a schema value, loading registry documents as needed.
    const Json *resolve(const std::string &reference, Draft draft)
    {
        const std::string base = Uri::withoutFragment(reference);
        const std::string frag = Uri::percentDecode(Uri::fragment(reference));
        auto found = m_out.resourceByUri.find(base);
        if (found == m_out.resourceByUri.end()) {
            std::shared_ptr<const Json> document = m_options.registry ? m_options.registry->find(base) : nullptr;
            if (!document)
                return nullptr;
            m_out.documents.push_back(document);
            indexDocument(*document, base, int(m_out.documents.size()) - 1, draft);
            found = m_out.resourceByUri.find(base);
            if (found == m_out.resourceByUri.end())
                return nullptr;
        }
        Resource *resource = found->second;
        if (frag.empty())
            return resource->root;
        if (frag[0] != '/') {
            const auto anchor = resource->anchors.find(frag);
            return anchor == resource->anchors.end() ? nullptr : anchor->second;
        }
        // A JSON Pointer from the resource root.
        const Json *current = resource->root;
        const Location rootLoc = m_out.locations.at(resource->root);
        Resource *currentResource = resource;
        std::string pointer;
        std::string documentPointer = rootLoc.documentPointer;
        Draft currentDraft = rootLoc.draft;
        std::size_t pos = 1;
        while (true) {
            const std::size_t next = frag.find('/', pos);
            const std::string token
                = unescapeToken(frag.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
            if (current->is_object()) {
                const auto it = current->find(token);
                if (it == current->end())
                    return nullptr;
                current = &*it;
            } else if (current->is_array()) {
                if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
                    return nullptr;
                const std::size_t index = std::stoul(token);
                if (index >= current->size())
                    return nullptr;
                current = &(*current)[index];
            } else {
                return nullptr;
            }
            pointer += "/" + escapeToken(token);
            documentPointer += "/" + escapeToken(token);
            const auto known = m_out.locations.find(current);
            if (known != m_out.locations.end()) {
                currentResource = known->second.resource;
                pointer = known->second.pointer;
                documentPointer = known->second.documentPointer;
                currentDraft = known->second.draft;
            }
            if (next == std::string::npos)
                break;
            pos = next + 1;
        }
        if (!m_out.locations.count(current))
            index(*current, currentResource, pointer, documentPointer, rootLoc.document, currentDraft, false);
        return current;
    }

    const Node *compileReference(const Location &loc, const std::string &keyword, const Json &value,
                                 std::string *resolvedUri = nullptr)
    {
        if (!value.is_string()) {
            error(loc, "/" + keyword,
                  QCoreApplication::translate("schema", "%1 must be a string").arg(QString::fromLatin1(keyword)));
            return nullptr;
        }
        const std::string absolute = Uri::resolve(loc.resource->uri, value.get<std::string>());
        if (resolvedUri)
            *resolvedUri = absolute;
        const Json *target = resolve(absolute, loc.draft);
        if (!target) {
            error(loc, "/" + keyword,
                  QCoreApplication::translate("schema", "cannot resolve the reference \"%1\"")
                      .arg(qs(value.get<std::string>())));
            return nullptr;
        }
        return compileNode(target);
    }

    std::optional<std::size_t> count(const Json &object, const Location &loc, const char *keyword)
    {
        const auto it = object.find(keyword);
        if (it == object.end())
            return std::nullopt;
        if (it->is_number_unsigned() || (it->is_number_integer() && it->get<long long>() >= 0))
            return std::size_t(it->get<unsigned long long>());
        if (it->is_number_float() && it->get<double>() >= 0 && std::floor(it->get<double>()) == it->get<double>())
            return std::size_t(it->get<double>());
        error(loc, "/" + std::string(keyword),
              QCoreApplication::translate("schema", "%1 must be a non-negative integer")
                  .arg(QString::fromLatin1(keyword)));
        return std::nullopt;
    }

    const Json *number(const Json &object, const Location &loc, const char *keyword, std::optional<long double> &out)
    {
        const auto it = object.find(keyword);
        if (it == object.end())
            return nullptr;
        if (!it->is_number()) {
            error(loc, "/" + std::string(keyword),
                  QCoreApplication::translate("schema", "%1 must be a number").arg(QString::fromLatin1(keyword)));
            return nullptr;
        }
        if (it->is_number_unsigned())
            out = static_cast<long double>(it->get<unsigned long long>());
        else if (it->is_number_integer())
            out = static_cast<long double>(it->get<long long>());
        else
            out = static_cast<long double>(it->get<double>());
        return &*it;
    }

    const Node *sub(const Json &object, const char *keyword)
    {
        const auto it = object.find(keyword);
        if (it == object.end() || !(it->is_object() || it->is_boolean()))
            return nullptr;
        return compileNode(&*it);
    }

    std::optional<PatternNode> compilePattern(const std::string &source, const Location &loc, const std::string &where)
    {
        PatternNode p;
        p.source = source;
        p.regex = QRegularExpression(qs(ecmaToPcre(source)), QRegularExpression::DontCaptureOption);
        if (!p.regex.isValid()) {
            error(loc, where,
                  QCoreApplication::translate("schema", "invalid regular expression \"%1\": %2")
                      .arg(qs(source), p.regex.errorString()));
            return std::nullopt;
        }
        p.regex.optimize();
        p.simple = SimplePattern::compile(source);
        return p;
    }

    void fill(Node &node, const Json &value, const Location &loc)
    {
        node.resource = loc.resource;
        node.absoluteLocation = loc.resource->uri + "#" + loc.pointer;
        if (value.is_boolean()) {
            node.isBoolean = true;
            node.booleanValue = value.get<bool>();
            return;
        }
        const bool d7 = loc.draft == Draft::Draft7;
        const auto refIt = value.find("$ref");
        if (refIt != value.end()) {
            node.ref = compileReference(loc, "$ref", *refIt);
            if (d7)
                return; // draft-07: $ref overrides its siblings
        }
        const bool validation = loc.resource->vocabularies.validation;

        if (validation)
            fillValidation(node, value, loc, d7);
        if (validation || loc.resource->vocabularies.formatAssertion)
            fillFormat(node, value, loc);

        // Arrays
        if (d7) {
            const auto items = value.find("items");
            if (items != value.end() && items->is_array()) {
                for (const Json &s : *items)
                    node.prefixItems.push_back(compileNode(&s));
                node.prefixItemsKeyword = "items";
                node.items = sub(value, "additionalItems");
                node.itemsKeyword = "additionalItems";
            } else {
                node.items = sub(value, "items");
            }
        } else {
            const auto prefix = value.find("prefixItems");
            if (prefix != value.end() && prefix->is_array()) {
                for (const Json &s : *prefix)
                    node.prefixItems.push_back(compileNode(&s));
            }
            node.items = sub(value, "items");
            node.unevaluatedItems = sub(value, "unevaluatedItems");
        }
        node.contains = sub(value, "contains");
        if (!d7 && node.contains && validation) {
            node.minContains = count(value, loc, "minContains");
            node.maxContains = count(value, loc, "maxContains");
        }

        // Objects
        const auto properties = value.find("properties");
        if (properties != value.end()) {
            if (properties->is_object()) {
                for (const auto &[key, s] : properties->items()) {
                    const Node *n = compileNode(&s);
                    node.properties.emplace_back(key, n);
                }
            } else {
                error(loc, "/properties", QCoreApplication::translate("schema", "properties must be an object"));
            }
        }
        const auto patternProperties = value.find("patternProperties");
        if (patternProperties != value.end() && patternProperties->is_object()) {
            for (const auto &[key, s] : patternProperties->items()) {
                if (auto p = compilePattern(key, loc, "/patternProperties/" + escapeToken(key))) {
                    p->node = compileNode(&s);
                    node.patternProperties.push_back(std::move(*p));
                }
            }
        }
        node.additionalProperties = sub(value, "additionalProperties");
        node.propertyNames = sub(value, "propertyNames");
        if (!d7)
            node.unevaluatedProperties = sub(value, "unevaluatedProperties");
        const char *dependentSchemasKeyword = d7 ? "dependencies" : "dependentSchemas";
        const auto dependentSchemas = value.find(dependentSchemasKeyword);
        if (dependentSchemas != value.end() && dependentSchemas->is_object()) {
            node.dependentSchemasKeyword = dependentSchemasKeyword;
            for (const auto &[key, s] : dependentSchemas->items()) {
                if (s.is_object() || s.is_boolean())
                    node.dependentSchemas.emplace_back(key, compileNode(&s));
            }
        }

        // Applicators
        for (const auto &[keyword, target] :
             { std::pair<const char *, std::vector<const Node *> *> { "allOf", &node.allOf },
               { "anyOf", &node.anyOf },
               { "oneOf", &node.oneOf } }) {
            const auto it = value.find(keyword);
            if (it == value.end())
                continue;
            if (!it->is_array() || it->empty()) {
                error(loc, "/" + std::string(keyword),
                      QCoreApplication::translate("schema", "%1 must be a non-empty array of schemas")
                          .arg(QString::fromLatin1(keyword)));
                continue;
            }
            for (const Json &s : *it)
                target->push_back(compileNode(&s));
        }
        node.notSchema = sub(value, "not");
        node.ifSchema = sub(value, "if");
        if (node.ifSchema) {
            node.thenSchema = sub(value, "then");
            node.elseSchema = sub(value, "else");
        }

        if (!d7) {
            const auto dynamicRef = value.find("$dynamicRef");
            if (dynamicRef != value.end()) {
                std::string absolute;
                node.dynamicRef = compileReference(loc, "$dynamicRef", *dynamicRef, &absolute);
                const std::string frag = Uri::fragment(absolute);
                if (node.dynamicRef && !frag.empty() && frag[0] != '/') {
                    // Only an initial target that is itself a matching $dynamicAnchor makes the
                    // reference dynamic.
                    const Json *target = resolve(absolute, loc.draft);
                    if (target && target->is_object()) {
                        const auto anchor = target->find("$dynamicAnchor");
                        if (anchor != target->end() && anchor->is_string() && anchor->get<std::string>() == frag)
                            node.dynamicAnchor = frag;
                    }
                }
            }
        }
        node.needsLocalAnnotations = node.unevaluatedItems || node.unevaluatedProperties;
        node.summarize();
    }

    void fillFormat(Node &node, const Json &value, const Location &loc)
    {
        const auto format = value.find("format");
        if (format != value.end() && format->is_string()) {
            node.formatName = format->get<std::string>();
            if (m_options.assertFormats || loc.resource->vocabularies.formatAssertion)
                node.format = formatKindFromName(node.formatName);
        }
    }

    void fillValidation(Node &node, const Json &value, const Location &loc, bool d7)
    {
        const auto type = value.find("type");
        if (type != value.end()) {
            auto bit = [](const std::string &name) -> std::uint8_t {
                if (name == "null")
                    return TypeNull;
                if (name == "boolean")
                    return TypeBoolean;
                if (name == "object")
                    return TypeObject;
                if (name == "array")
                    return TypeArray;
                if (name == "number")
                    return TypeNumber;
                if (name == "string")
                    return TypeString;
                if (name == "integer")
                    return TypeInteger;
                return 0;
            };
            std::vector<std::string> names;
            if (type->is_string())
                names.push_back(type->get<std::string>());
            else if (type->is_array()) {
                for (const Json &t : *type) {
                    if (t.is_string())
                        names.push_back(t.get<std::string>());
                }
            }
            if (names.empty())
                error(loc, "/type",
                      QCoreApplication::translate("schema", "type must be a type name or a list of them"));
            for (const std::string &name : names) {
                const std::uint8_t b = bit(name);
                if (!b)
                    error(loc, "/type", QCoreApplication::translate("schema", "unknown type \"%1\"").arg(qs(name)));
                node.types |= b;
                if (!node.typeNames.empty())
                    node.typeNames += " or ";
                node.typeNames += name;
            }
        }
        const auto enumIt = value.find("enum");
        if (enumIt != value.end()) {
            if (enumIt->is_array())
                node.enumValues = &*enumIt;
            else
                error(loc, "/enum", QCoreApplication::translate("schema", "enum must be an array"));
        }
        const auto constIt = value.find("const");
        if (constIt != value.end())
            node.constValue = &*constIt;

        node.minimumJson = number(value, loc, "minimum", node.minimum);
        node.maximumJson = number(value, loc, "maximum", node.maximum);
        node.exclusiveMinimumJson = number(value, loc, "exclusiveMinimum", node.exclusiveMinimum);
        node.exclusiveMaximumJson = number(value, loc, "exclusiveMaximum", node.exclusiveMaximum);
        std::optional<long double> multiple;
        node.multipleOf = number(value, loc, "multipleOf", multiple);
        if (multiple && *multiple <= 0) {
            error(loc, "/multipleOf", QCoreApplication::translate("schema", "multipleOf must be greater than 0"));
            node.multipleOf = nullptr;
        }

        node.minLength = count(value, loc, "minLength");
        node.maxLength = count(value, loc, "maxLength");
        const auto pattern = value.find("pattern");
        if (pattern != value.end()) {
            if (pattern->is_string())
                node.pattern = compilePattern(pattern->get<std::string>(), loc, "/pattern");
            else
                error(loc, "/pattern", QCoreApplication::translate("schema", "pattern must be a string"));
        }

        node.minItems = count(value, loc, "minItems");
        node.maxItems = count(value, loc, "maxItems");
        const auto unique = value.find("uniqueItems");
        node.uniqueItems = unique != value.end() && unique->is_boolean() && unique->get<bool>();

        const auto required = value.find("required");
        if (required != value.end()) {
            if (required->is_array()) {
                for (const Json &r : *required) {
                    if (r.is_string())
                        node.required.push_back(r.get<std::string>());
                    else
                        error(loc, "/required",
                              QCoreApplication::translate("schema", "required must list property names"));
                }
            } else {
                error(loc, "/required", QCoreApplication::translate("schema", "required must be an array"));
            }
        }
        node.minProperties = count(value, loc, "minProperties");
        node.maxProperties = count(value, loc, "maxProperties");
        const char *dependentRequiredKeyword = d7 ? "dependencies" : "dependentRequired";
        const auto dependentRequired = value.find(dependentRequiredKeyword);
        if (dependentRequired != value.end() && dependentRequired->is_object()) {
            node.dependentRequiredKeyword = dependentRequiredKeyword;
            for (const auto &[key, list] : dependentRequired->items()) {
                if (!list.is_array())
                    continue;
                std::vector<std::string> names;
                for (const Json &n : list) {
                    if (n.is_string())
                        names.push_back(n.get<std::string>());
                }
                node.dependentRequired.emplace_back(key, std::move(names));
            }
        }
    }
};

} // namespace

std::optional<Draft> draftFromName(QStringView name)
{
    if (name == u"2020-12" || name == u"draft2020-12" || name == u"draft-2020-12")
        return Draft::Draft2020_12;
    if (name == u"7" || name == u"07" || name == u"draft7" || name == u"draft-07" || name == u"draft-7")
        return Draft::Draft7;
    return std::nullopt;
}

QString draftName(Draft draft)
{
    return draft == Draft::Draft7 ? QStringLiteral("draft-07") : QStringLiteral("2020-12");
}

Schema::Schema(std::shared_ptr<const Compiled> compiled)
    : m_compiled(std::move(compiled))
{
}

Result<Schema, QList<SchemaError>> Schema::compile(const nlohmann::ordered_json &schema, const SchemaOptions &options)
{
    return compile(schema, options.defaultDraft, options);
}

Result<Schema, QList<SchemaError>> Schema::compile(const nlohmann::ordered_json &schema, Draft draft,
                                                   const SchemaOptions &options)
{
    if (!schema.is_object() && !schema.is_boolean()) {
        return QList<SchemaError> { SchemaError {
            QString(), QCoreApplication::translate("schema", "a schema must be an object or a boolean") } };
    }
    auto compiled = std::make_shared<Compiled>();
    compiled->assertFormats = options.assertFormats;
    compiled->documents.push_back(std::make_shared<const Json>(schema));
    const Json &document = *compiled->documents.front();
    Compiler compiler(*compiled, options);
    compiler.indexDocument(document, defaultBaseUri, 0, draft);
    compiled->draft = compiled->locations.at(&document).draft;
    compiled->root = compiler.compileNode(&document);
    compiler.compileDynamicAnchors();
    if (!compiler.errors.isEmpty())
        return compiler.errors;
    return Schema(std::move(compiled));
}

Draft Schema::draft() const
{
    return m_compiled->draft;
}

const nlohmann::ordered_json &Schema::document() const
{
    return *m_compiled->documents.front();
}

} // namespace Formwork
