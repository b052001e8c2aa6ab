// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace Formwork {

// A table of text cells: a header row and one row per exported value.
struct CsvTable {
    QStringList header;
    QList<QStringList> rows; // each as long as the header
};

// Flattens each value to one row. Nested objects become dotted column names ("address.city").
// Columns follow the schema first (its `properties`, in order, walking `$ref`s into `$defs` /
// `definitions`, `allOf`, and the object branches of `anyOf` / `oneOf`), then any keys the values
// have beyond it, in the order they first appear. Cells: strings as they are, numbers and booleans
// as JSON writes them, null and missing values empty, arrays of scalars joined with "; ", other
// arrays (and objects where a scalar column stands) as compact JSON text. A value that is not an
// object fills one column named "value". `schema` may be null or empty (then only the values count).
CsvTable flattenRows(const QList<nlohmann::ordered_json> &values, const nlohmann::ordered_json &schema = {});

// RFC 4180 text, UTF-8: fields with a comma, a double quote, CR or LF are quoted, quotes doubled,
// every record (the header included) ends with CRLF.
QByteArray toCsv(const CsvTable &table);

// One field as RFC 4180 writes it (quoted only when it must be).
QString csvField(const QString &text);

} // namespace Formwork
