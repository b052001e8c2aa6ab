// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace Formwork {

// One exported result with the id of the row it came from.
struct ExportRow {
    QString rowId;
    nlohmann::ordered_json value;
};

enum class RowExportFormat { Csv, JsonLines, Json };

// From the file name: .csv, .jsonl / .ndjson, .json; nullopt for anything else.
std::optional<RowExportFormat> rowExportFormatForPath(const QString &path);

struct RowExportOptions {
    QString idKey = QStringLiteral("row_id"); // the first column / first member of every record
    // CSV: an array of objects (the first one, at the top level, in schema order) gives one
    // record per element, its members as dotted columns; otherwise it is JSON text in one cell.
    bool explodeObjectArrays = false;
    bool bom = false; // CSV: a UTF-8 byte order mark first, for spreadsheets
};

// CSV through flattenRows() (schema order, dotted columns, "; "-joined scalar arrays), with the
// row id as the first column.
QByteArray rowsToCsv(const QList<ExportRow> &rows, const nlohmann::ordered_json &schema,
                     const RowExportOptions &options = {});
// Each record is the value with the row id as its first member (a value that is not an object
// goes under "value").
QByteArray rowsToJsonLines(const QList<ExportRow> &rows, const RowExportOptions &options = {});
QByteArray rowsToJsonArray(const QList<ExportRow> &rows, const RowExportOptions &options = {});

// Writes `rows` to `path` in the format its name says, atomically. Returns an empty string on
// success, else a sentence naming the file and the reason (the old file is left intact).
QString writeRows(const QString &path, const QList<ExportRow> &rows, const nlohmann::ordered_json &schema,
                  const RowExportOptions &options = {});

} // namespace Formwork
