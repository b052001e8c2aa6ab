// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemalint.h"

#include "extraction/tokenestimate.h"
#include "schema/schema.h"
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QCoreApplication>
#include <QSet>

namespace Formwork {
namespace Ui {

namespace {

// Keywords that never constrain a value; listing them as "not enforced" would only be noise.
bool isAnnotation(const QString &keyword)
{
    static const QSet<QString> annotations = {
        QStringLiteral("$schema"),   QStringLiteral("$id"),         QStringLiteral("$comment"),
        QStringLiteral("title"),     QStringLiteral("description"), QStringLiteral("examples"),
        QStringLiteral("default"),   QStringLiteral("deprecated"),  QStringLiteral("readOnly"),
        QStringLiteral("writeOnly"), QStringLiteral("$defs"),       QStringLiteral("definitions"),
        QStringLiteral("$anchor"),
    };
    return annotations.contains(keyword);
}

SchemaLintMark markFor(const TextPositions &positions, SourceRange bytes, const QString &message)
{
    const SourceRange chars = positions.toUtf16(bytes);
    return { int(chars.begin), int(qMax<qsizetype>(1, chars.length())), message };
}

} // namespace

std::optional<SourceRange> SchemaTextMap::memberRange(const std::string &pointer) const
{
    const auto value = sourceMap.valueRange(pointer);
    if (!value || !positions)
        return std::nullopt;
    SourceRange bytes = *value;
    if (const auto key = sourceMap.keyRange(pointer))
        bytes.begin = key->begin;
    return positions->toUtf16(bytes);
}

SchemaLintResult lintSchema(const QString &text, std::optional<GrammarRules> rules)
{
    SchemaLintResult result;
    result.textTokens = estimateTokens(text);
    if (text.trimmed().isEmpty()) {
        result.state = SchemaLintResult::State::Empty;
        result.summary = QCoreApplication::translate("Formwork::Ui::SchemaLint", "The schema is empty.");
        return result;
    }

    auto map = std::make_shared<SchemaTextMap>();
    map->utf8 = text.toUtf8();
    const std::string_view bytes(map->utf8.constData(), size_t(map->utf8.size()));
    map->positions.emplace(bytes);
    const TextPositions &positions = *map->positions;
    auto parsed = parseJson(bytes);
    if (!parsed) {
        const JsonParseError &error = parsed.error();
        result.state = SchemaLintResult::State::InvalidJson;
        result.line = error.line;
        result.column = error.column;
        result.marks.append(markFor(positions, { error.offset, error.offset + 1 }, error.message));
        result.summary
            = QCoreApplication::translate("Formwork::Ui::SchemaLint", "Not valid JSON: line %1, column %2: %3")
                  .arg(error.line)
                  .arg(error.column)
                  .arg(error.message);
        return result;
    }

    map->document = std::make_shared<const nlohmann::ordered_json>(std::move(parsed->value));
    map->sourceMap = std::move(parsed->sourceMap);
    result.textMap = map;
    const SourceMap &sourceMap = map->sourceMap;
    const auto compiled = Schema::compile(*map->document);
    if (!compiled) {
        result.state = SchemaLintResult::State::InvalidSchema;
        for (const SchemaError &error : compiled.error()) {
            const std::string pointer = error.pointer.toStdString();
            const SourceRange range = sourceMap.valueRange(pointer).value_or(SourceRange { 0, 1 });
            result.marks.append(markFor(positions, range, error.message));
        }
        const SchemaError &first = compiled.error().constFirst();
        const LineColumn where
            = positions.lineColumn(sourceMap.valueRange(first.pointer.toStdString()).value_or(SourceRange {}).begin);
        result.line = where.line;
        result.column = where.column;
        const QString pointer = first.pointer.isEmpty() ? QStringLiteral("/") : first.pointer;
        result.summary = compiled.error().size() == 1
            ? QCoreApplication::translate("Formwork::Ui::SchemaLint", "Not a valid schema: line %1, column %2 (%3): %4")
                  .arg(where.line)
                  .arg(where.column)
                  .arg(pointer, first.message)
            : QCoreApplication::translate("Formwork::Ui::SchemaLint",
                                          "Not a valid schema (%1 problems); first at line %2, column %3 (%4): %5")
                  .arg(compiled.error().size())
                  .arg(where.line)
                  .arg(where.column)
                  .arg(pointer, first.message);
        return result;
    }

    result.state = SchemaLintResult::State::Valid;
    result.schema = *compiled;
    placeEnforcement(result, rules);
    return result;
}

void placeEnforcement(SchemaLintResult &result, std::optional<GrammarRules> rules)
{
    result.enforcement.clear();
    result.enforcedCount = 0;
    result.rules = rules;
    if (result.state != SchemaLintResult::State::Valid || !result.schema || !result.textMap)
        return;
    if (!rules) {
        result.summary = QCoreApplication::translate("Formwork::Ui::SchemaLint",
                                                     "Valid schema. Which keywords this server enforces is not "
                                                     "known; Formwork checks every reply against all of them.");
        return;
    }
    const SourceMap &sourceMap = result.textMap->sourceMap;
    const TextPositions &positions = *result.textMap->positions;
    for (const EnforcementItem &item : enforcementReport(*result.schema, *rules)) {
        if (item.status == EnforcementStatus::Enforced || isAnnotation(item.keyword)) {
            ++result.enforcedCount;
            continue;
        }
        PlacedEnforcementItem placed { item };
        const std::string keyPointer = SourceMap::appendToken(item.pointer.toStdString(), item.keyword.toStdString());
        if (const auto range = sourceMap.keyRange(keyPointer)) {
            const SourceRange chars = positions.toUtf16(*range);
            placed.position = int(chars.begin);
            placed.length = int(chars.length());
        }
        result.enforcement.append(placed);
    }
    result.summary = result.enforcement.isEmpty()
        ? QCoreApplication::translate("Formwork::Ui::SchemaLint", "Valid schema. The server enforces every keyword.")
        : QCoreApplication::translate(
            "Formwork::Ui::SchemaLint",
            "Valid schema. %n keyword(s) not enforced by the server; Formwork checks them after each reply.", nullptr,
            int(result.enforcement.size()));
}

} // namespace Ui
} // namespace Formwork
