// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/attemptchecker.h"
#include "extraction/extractiontypes.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <memory>

namespace Formwork {

class SchemaRegistry;

// "Draft schema…" (issue 14): a model writes a JSON Schema from a description in words. The
// reply is constrained by a metaschema-shaped format (schemaDraftFormat(): object schemas with
// typed properties, a few levels deep, "pattern", and "$defs" at the top that properties and items
// use with {"$ref": "#/$defs/name"}, as a grammar can enforce), then validated against the real
// 2020-12 metaschema and compiled (MetaschemaChecker); a draft that fails either is reasked by the
// same ExtractionRun as any extraction.

// The format the reply is constrained to: a JSON Schema for JSON Schemas of `depth` levels.
nlohmann::ordered_json schemaDraftFormat(int depth = 4);

// The run that drafts a schema for `description` with `model`. `registry` holds the official
// metaschemas (SchemaRegistry::addMetaschemas); without them a draft is only compiled.
ExtractionConfig schemaDraftConfig(const QString &description, const QString &model,
                                   std::shared_ptr<const SchemaRegistry> registry);

// Checks a drafted schema against the real metaschema and compiles it: every problem is a hard
// error of kind "metaschema" at its place in the draft, so the reask quotes it.
class MetaschemaChecker final : public AttemptChecker
{
public:
    explicit MetaschemaChecker(std::shared_ptr<const SchemaRegistry> registry);
    ~MetaschemaChecker() override;

    AttemptCheckJob *check(const AttemptRecord &attempt, const ExtractionConfig &config, QObject *parent) override;
    // The report for one drafted schema (synchronous).
    CheckReport checkDraft(const nlohmann::ordered_json &draft) const;

private:
    std::optional<Schema> m_metaschema; // null when the registry has no 2020-12 metaschema
};

} // namespace Formwork
