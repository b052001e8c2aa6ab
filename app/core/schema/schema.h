// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace Formwork {

class SchemaRegistry;

// The JSON Schema dialects Formwork understands. `$schema` in a schema overrides the default.
enum class Draft {
    Draft7,
    Draft2020_12,
};

// "2020-12" / "7" (also "draft7", "draft-07", "draft2020-12") to a Draft.
std::optional<Draft> draftFromName(QStringView name);
QString draftName(Draft draft);

struct SchemaOptions {
    // Used when the schema has no (known) `$schema`.
    Draft defaultDraft = Draft::Draft2020_12;
    // Assert `format` instead of treating it as an annotation only: date, time, date-time, duration, email,
    // idn-email, hostname, idn-hostname, ipv4, ipv6, uri, uri-reference, iri, iri-reference, uri-template, uuid,
    // json-pointer, relative-json-pointer and regex (formats.h); unknown formats always pass.
    bool assertFormats = false;
    // Documents that `$ref` may point to outside the schema (no network access is ever made).
    std::shared_ptr<const SchemaRegistry> registry;
};

// A problem in the schema itself, found while compiling it.
struct SchemaError {
    QString pointer; // JSON Pointer into the schema document ("" is the root)
    QString message;
};

// One reason an instance is invalid.
struct ValidationError {
    struct Range {
        qsizetype begin = -1; // byte offsets into the instance text, [begin, end)
        qsizetype end = -1;
        bool isValid() const { return begin >= 0 && end >= begin; }
    };
    QString instancePath; // JSON Pointer into the instance ("" is the root)
    QString keywordLocation; // JSON Pointer into the schema along the evaluation path ($ref included)
    QString absoluteKeywordLocation; // absolute URI of the keyword; only set when a $ref was followed
    QString keyword; // "minimum", "required", ...
    QString message; // plain English, without the instance path
    Range range; // filled by attachSourceRanges()
    // What found the error: empty for the schema, else the kind of check beyond it ("expression",
    // "grounding", "rule"; issue 14), whose name is then in `keyword`.
    QString kind;

    // "/items/2/price: -3 is less than the minimum of 0" (the root is shown as "/").
    QString text() const;
};

// Looks up the source range of a JSON Pointer in the instance text (a source map).
using SourceRangeLookup = std::function<std::optional<std::pair<qsizetype, qsizetype>>(std::string_view pointer)>;

// Fills `range` of every error whose instance path `lookup` knows.
void attachSourceRanges(QList<ValidationError> &errors, const SourceRangeLookup &lookup);

// A schema compiled once and used to validate many instances. Cheap to copy (shared, immutable).
class Schema
{
public:
    static Result<Schema, QList<SchemaError>> compile(const nlohmann::ordered_json &schema,
                                                      const SchemaOptions &options = {});
    static Result<Schema, QList<SchemaError>> compile(const nlohmann::ordered_json &schema, Draft draft,
                                                      const SchemaOptions &options = {});

    // Every error, in evaluation order. Empty means valid.
    QList<ValidationError> validate(const nlohmann::ordered_json &instance) const;
    // Stops at the first failure; does not build messages.
    bool isValid(const nlohmann::ordered_json &instance) const;

    Draft draft() const;
    const nlohmann::ordered_json &document() const;

    struct Compiled;

private:
    explicit Schema(std::shared_ptr<const Compiled> compiled);
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace Formwork
