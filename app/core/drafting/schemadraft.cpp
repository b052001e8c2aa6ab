// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafting/schemadraft.h"

#include "checks/checksjob.h"
#include "schema/schemaregistry.h"

#include <QCoreApplication>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

constexpr int DraftAttempts = 3;
const char *const MetaschemaUri = "https://json-schema.org/draft/2020-12/schema";

Json stringArray()
{
    return Json { { "type", "array" }, { "items", { { "type", "string" } } } };
}

// Where a draft may point: its own definitions only (no network, no other documents).
const char *const DefinitionRefPattern = "^#/\\$defs/[A-Za-z0-9_.-]+$";

Json typedNode(int depth);

// A property or item: a typed schema, or {"$ref": "#/$defs/name"} to a definition. Two closed
// alternatives, so that a grammar can enforce them (no "properties" beside the "anyOf").
Json member(int depth)
{
    Json reference { { "type", "object" },
                     { "properties",
                       { { "$ref", { { "type", "string" }, { "pattern", DefinitionRefPattern } } },
                         { "description", { { "type", "string" } } } } },
                     { "required", { "$ref" } },
                     { "additionalProperties", false } };
    return Json { { "anyOf", Json::array({ typedNode(depth), std::move(reference) }) } };
}

// One schema node: a type, a description, and (while depth lasts) properties and items.
Json typedNode(int depth)
{
    Json properties = Json::object();
    properties["type"]
        = { { "type", "string" }, { "enum", { "object", "array", "string", "number", "integer", "boolean", "null" } } };
    properties["title"] = { { "type", "string" } };
    properties["description"] = { { "type", "string" } };
    properties["format"]
        = { { "type", "string" }, { "enum", { "date", "date-time", "time", "email", "uri", "uuid" } } };
    properties["pattern"] = { { "type", "string" } }; // an ECMA-262 regex; a bad one fails to compile
    properties["enum"] = stringArray();
    properties["minimum"] = { { "type", "number" } };
    properties["maximum"] = { { "type", "number" } };
    if (depth > 1) {
        properties["properties"] = { { "type", "object" }, { "additionalProperties", member(depth - 1) } };
        properties["required"] = stringArray();
        properties["items"] = member(depth - 1);
    }
    return Json { { "type", "object" },
                  { "properties", std::move(properties) },
                  { "required", { "type" } },
                  { "additionalProperties", false } };
}

// The whole draft: a typed node that may also hold "$defs", the shapes used more than once.
Json draftRoot(int depth)
{
    Json root = typedNode(depth);
    root["properties"]["$defs"]
        = { { "type", "object" }, { "additionalProperties", typedNode(std::max(depth - 1, 1)) } };
    return root;
}

// Sent to the model: English on purpose.
QString draftSystemPrompt()
{
    return QStringLiteral(
        "You write JSON Schemas (draft 2020-12) for extracting structured data from documents. Answer with one "
        "JSON Schema: an object schema whose properties are the fields to extract, each with a type and a short "
        "description; nested objects and arrays of objects where the data has them; \"required\" for the fields "
        "every document has; \"format\" for dates; \"pattern\" (a JavaScript regular expression) for codes "
        "with a fixed shape. A shape used in several places (an address, a party) goes once into \"$defs\" at the "
        "top and is used with {\"$ref\": \"#/$defs/name\"}.");
}

// A job whose report is known at once; it reports after returning to the event loop.
class ReadyCheckJob final : public AttemptCheckJob
{
public:
    ReadyCheckJob(CheckReport report, QObject *parent)
        : AttemptCheckJob(parent)
    {
        QMetaObject::invokeMethod(
            this, [this, report] { Q_EMIT finished(report); }, Qt::QueuedConnection);
    }
};

ValidationError metaschemaError(const QString &pointer, const QString &message)
{
    ValidationError error;
    error.instancePath = pointer;
    error.keyword = QStringLiteral("metaschema");
    error.kind = QStringLiteral("metaschema");
    error.message = message;
    return error;
}

} // namespace

Json schemaDraftFormat(int depth)
{
    return draftRoot(std::max(depth, 1));
}

ExtractionConfig schemaDraftConfig(const QString &description, const QString &model,
                                   std::shared_ptr<const SchemaRegistry> registry)
{
    ExtractionConfig config;
    config.model = model;
    config.schema = *Schema::compile(schemaDraftFormat());
    config.mode = ExtractionMode::Schema;
    config.limits.maxAttempts = DraftAttempts;
    config.messages = {
        ChatMessage { QStringLiteral("system"), draftSystemPrompt(), {}, {}, {}, {}, {} },
        ChatMessage {
            QStringLiteral("user"), QStringLiteral("Write the schema for: %1").arg(description), {}, {}, {}, {}, {} },
    };
    config.checker = std::make_shared<MetaschemaChecker>(std::move(registry));
    return config;
}

MetaschemaChecker::MetaschemaChecker(std::shared_ptr<const SchemaRegistry> registry)
{
    if (!registry || !registry->find(MetaschemaUri))
        return;
    SchemaOptions options;
    options.registry = std::move(registry);
    auto compiled = Schema::compile(Json { { "$ref", MetaschemaUri } }, Draft::Draft2020_12, options);
    if (compiled)
        m_metaschema = *compiled;
}

MetaschemaChecker::~MetaschemaChecker() = default;

CheckReport MetaschemaChecker::checkDraft(const Json &draft) const
{
    CheckReport report;
    if (m_metaschema) {
        for (ValidationError error : m_metaschema->validate(draft)) {
            error.kind = QStringLiteral("metaschema");
            report.hard.append(error);
        }
    }
    if (!report.hard.isEmpty())
        return report;
    auto compiled = Schema::compile(draft);
    if (!compiled) {
        for (const SchemaError &error : compiled.error())
            report.hard.append(metaschemaError(error.pointer, error.message));
    }
    return report;
}

AttemptCheckJob *MetaschemaChecker::check(const AttemptRecord &attempt, const ExtractionConfig &, QObject *parent)
{
    CheckReport report = checkDraft(attempt.value);
    if (const std::optional<SourceMap> map = replySourceMap(attempt)) {
        for (ValidationError &error : report.hard) {
            if (const auto range = map->valueRange(error.instancePath.toStdString()))
                error.range = { range->begin, range->end };
        }
    }
    return new ReadyCheckJob(std::move(report), parent);
}

} // namespace Formwork
