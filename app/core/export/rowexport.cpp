// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/rowexport.h"

#include "export/atomicfile.h"
#include "export/csvexport.h"
#include "export/jsonexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

Json record(const ExportRow &row, const RowExportOptions &options)
{
    Json out = Json::object();
    out[options.idKey.toStdString()] = row.rowId.toStdString();
    if (row.value.is_object()) {
        for (const auto &[key, member] : row.value.items())
            out[key] = member;
    } else {
        out["value"] = row.value;
    }
    return out;
}

bool holdsObjects(const Json &value)
{
    if (!value.is_array())
        return false;
    return std::any_of(value.begin(), value.end(), [](const Json &element) { return element.is_object(); });
}

// The first top-level member (schema order first, then value order) that is an array of objects.
std::string explodedKey(const QList<ExportRow> &rows, const Json &schema)
{
    std::vector<std::string> candidates;
    if (schema.is_object() && schema.contains("properties") && schema["properties"].is_object()) {
        for (const auto &[key, property] : schema["properties"].items())
            candidates.push_back(key);
    }
    for (const ExportRow &row : rows) {
        if (!row.value.is_object())
            continue;
        for (const auto &[key, member] : row.value.items()) {
            if (std::find(candidates.begin(), candidates.end(), key) == candidates.end())
                candidates.push_back(key);
        }
    }
    for (const std::string &key : candidates) {
        for (const ExportRow &row : rows) {
            if (row.value.is_object() && row.value.contains(key) && holdsObjects(row.value[key]))
                return key;
        }
    }
    return {};
}

} // namespace

std::optional<RowExportFormat> rowExportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv")
        return RowExportFormat::Csv;
    if (suffix == u"jsonl" || suffix == u"ndjson")
        return RowExportFormat::JsonLines;
    if (suffix == u"json")
        return RowExportFormat::Json;
    return std::nullopt;
}

QByteArray rowsToCsv(const QList<ExportRow> &rows, const nlohmann::ordered_json &schema,
                     const RowExportOptions &options)
{
    QList<Json> values;
    QStringList ids;
    Json effectiveSchema = schema;
    const std::string key = options.explodeObjectArrays ? explodedKey(rows, schema) : std::string();
    if (!key.empty() && effectiveSchema.is_object() && effectiveSchema.contains("properties")
        && effectiveSchema["properties"].contains(key) && effectiveSchema["properties"][key].is_object()
        && effectiveSchema["properties"][key].contains("items"))
        effectiveSchema["properties"][key] = effectiveSchema["properties"][key]["items"];
    for (const ExportRow &row : rows) {
        if (!key.empty() && row.value.is_object() && row.value.contains(key) && holdsObjects(row.value[key])
            && !row.value[key].empty()) {
            for (const Json &element : row.value[key]) {
                Json copy = row.value;
                copy[key] = element;
                values.append(std::move(copy));
                ids.append(row.rowId);
            }
            continue;
        }
        values.append(row.value);
        ids.append(row.rowId);
    }
    CsvTable table = flattenRows(values, effectiveSchema);
    table.header.prepend(options.idKey);
    for (qsizetype i = 0; i < table.rows.size(); ++i)
        table.rows[i].prepend(ids.at(i));
    QByteArray bytes = toCsv(table);
    if (options.bom)
        bytes.prepend("\xEF\xBB\xBF");
    return bytes;
}

QByteArray rowsToJsonLines(const QList<ExportRow> &rows, const RowExportOptions &options)
{
    QList<Json> records;
    records.reserve(rows.size());
    for (const ExportRow &row : rows)
        records.append(record(row, options));
    return resultsToJsonLines(records);
}

QByteArray rowsToJsonArray(const QList<ExportRow> &rows, const RowExportOptions &options)
{
    Json array = Json::array();
    for (const ExportRow &row : rows)
        array.push_back(record(row, options));
    return resultToJson(array);
}

QString writeRows(const QString &path, const QList<ExportRow> &rows, const nlohmann::ordered_json &schema,
                  const RowExportOptions &options)
{
    const auto format = rowExportFormatForPath(path);
    if (!format)
        return QCoreApplication::translate("Formwork::Export", "%1: unknown output type (use .csv, .jsonl or .json).")
            .arg(QDir::toNativeSeparators(path));
    switch (*format) {
    case RowExportFormat::Csv:
        return writeFileAtomically(path, rowsToCsv(rows, schema, options));
    case RowExportFormat::JsonLines:
        return writeFileAtomically(path, rowsToJsonLines(rows, options));
    case RowExportFormat::Json:
        return writeFileAtomically(path, rowsToJsonArray(rows, options));
    }
    return {};
}

} // namespace Formwork
