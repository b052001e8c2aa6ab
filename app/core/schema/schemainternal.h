// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the compiled form of a schema, shared by the compiler and the validator.
#pragma once

#include "schema/ecmaregex.h"
#include "schema/formats.h"
#include "schema/schema.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace Formwork {

using Json = nlohmann::ordered_json;

namespace SchemaInternal {

enum TypeBit : std::uint8_t {
    TypeNull = 1,
    TypeBoolean = 2,
    TypeObject = 4,
    TypeArray = 8,
    TypeNumber = 16,
    TypeString = 32,
    TypeInteger = 64,
};

struct Node;

// The 2020-12 vocabularies a resource's metaschema declares, where Formwork's behaviour depends on them.
struct Vocabularies {
    bool validation = true;
    bool formatAssertion = false; // `format` asserts whatever SchemaOptions::assertFormats says
};

// A schema resource: a document root or a subschema with its own `$id`.
struct Resource {
    std::string uri;
    const Json *root = nullptr;
    Draft draft = Draft::Draft2020_12;
    Vocabularies vocabularies;
    std::unordered_map<std::string, const Json *> anchors; // $anchor, $dynamicAnchor, draft-07 "#name" ids
    std::unordered_map<std::string, const Json *> dynamicAnchors;
    std::unordered_map<std::string, const Node *> dynamicNodes; // compiled dynamicAnchors
};

// Where a schema value sits: its resource, its pointer inside that resource, and inside its document.
struct Location {
    Resource *resource = nullptr;
    std::string pointer; // from the resource root
    std::string documentPointer; // from the document root
    int document = 0; // 0 is the schema being compiled
    Draft draft = Draft::Draft2020_12;
};

struct PatternNode {
    QRegularExpression regex;
    std::optional<SimplePattern> simple; // set when the pattern is simple enough to match by hand
    std::string source;
    const Node *node = nullptr;

    // ECMA-262 semantics on the UTF-16 form of `text` (defined in schemavalidator.cpp).
    bool matches(const std::string &text) const;
};

struct Node {
    const Resource *resource = nullptr;
    std::string absoluteLocation; // resource URI + "#" + pointer
    bool isBoolean = false;
    bool booleanValue = true;
    bool needsLocalAnnotations = false; // has unevaluatedItems/unevaluatedProperties

    std::uint8_t types = 0; // TypeBit mask, 0: no `type`
    std::string typeNames; // as written, for messages
    const Json *enumValues = nullptr;
    bool enumStringsOnly = false; // every enum value is a string: compare text, not Json
    std::vector<std::string> enumStrings;
    const Json *constValue = nullptr;

    std::optional<long double> minimum, maximum, exclusiveMinimum, exclusiveMaximum;
    const Json *multipleOf = nullptr;
    const Json *minimumJson = nullptr, *maximumJson = nullptr, *exclusiveMinimumJson = nullptr,
               *exclusiveMaximumJson = nullptr;

    std::optional<std::size_t> minLength, maxLength;
    std::optional<PatternNode> pattern;
    FormatKind format = FormatKind::Unknown;
    std::string formatName;

    std::vector<const Node *> prefixItems;
    const char *prefixItemsKeyword = "prefixItems";
    const Node *items = nullptr;
    const char *itemsKeyword = "items";
    const Node *contains = nullptr;
    std::optional<std::size_t> minContains, maxContains;
    std::optional<std::size_t> minItems, maxItems;
    bool uniqueItems = false;
    const Node *unevaluatedItems = nullptr;

    std::vector<std::pair<std::string, const Node *>> properties;
    std::unordered_map<std::string, const Node *> propertyIndex; // only for many properties
    std::vector<PatternNode> patternProperties;
    const Node *additionalProperties = nullptr;
    const Node *propertyNames = nullptr;
    const Node *unevaluatedProperties = nullptr;
    std::vector<std::string> required;
    std::optional<std::size_t> minProperties, maxProperties;
    const char *dependentRequiredKeyword = "dependentRequired";
    std::vector<std::pair<std::string, std::vector<std::string>>> dependentRequired;
    const char *dependentSchemasKeyword = "dependentSchemas";
    std::vector<std::pair<std::string, const Node *>> dependentSchemas;

    std::vector<const Node *> allOf, anyOf, oneOf;
    const Node *notSchema = nullptr;
    const Node *ifSchema = nullptr, *thenSchema = nullptr, *elseSchema = nullptr;

    const Node *ref = nullptr;
    const Node *dynamicRef = nullptr;
    std::string dynamicAnchor; // non-empty: $dynamicRef resolves through the dynamic scope

    // Summaries that let the validator skip whole keyword families at once.
    bool hasNumberKeywords = false;
    bool hasStringKeywords = false;
    bool hasMemberKeywords = false; // properties, patternProperties, additionalProperties, propertyNames

    // Under this many properties a linear scan beats hashing the name.
    static constexpr std::size_t propertyIndexThreshold = 12;

    // The subschema of `properties` for the member `name`, or null.
    const Node *property(const std::string &name) const
    {
        if (!propertyIndex.empty()) {
            const auto it = propertyIndex.find(name);
            return it == propertyIndex.end() ? nullptr : it->second;
        }
        for (const auto &[key, node] : properties) {
            if (key == name)
                return node;
        }
        return nullptr;
    }

    // Fills the summaries above; called once the keywords are compiled.
    void summarize()
    {
        hasNumberKeywords = minimum || maximum || exclusiveMinimum || exclusiveMaximum || multipleOf;
        hasStringKeywords = minLength || maxLength || pattern || format != FormatKind::Unknown;
        hasMemberKeywords = !properties.empty() || !patternProperties.empty() || additionalProperties || propertyNames;
        if (properties.size() >= propertyIndexThreshold) {
            for (const auto &[key, node] : properties)
                propertyIndex.emplace(key, node);
        }
        if (enumValues) {
            enumStringsOnly = std::all_of(enumValues->begin(), enumValues->end(),
                                          [](const Json &value) { return value.is_string(); });
            if (enumStringsOnly) {
                for (const Json &value : *enumValues)
                    enumStrings.push_back(value.get<std::string>());
            }
        }
    }
};

} // namespace SchemaInternal

struct Schema::Compiled {
    std::vector<std::shared_ptr<const Json>> documents; // [0] is the schema itself
    std::vector<std::unique_ptr<SchemaInternal::Resource>> resources;
    std::unordered_map<std::string, SchemaInternal::Resource *> resourceByUri;
    std::unordered_map<const Json *, SchemaInternal::Location> locations;
    std::unordered_map<const Json *, std::unique_ptr<SchemaInternal::Node>> nodes;
    const SchemaInternal::Node *root = nullptr;
    Draft draft = Draft::Draft2020_12;
    bool assertFormats = false;
};

} // namespace Formwork
