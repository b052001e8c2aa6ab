// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <nlohmann/json.hpp>

namespace Formwork {

// `value` as pretty UTF-8 JSON (two-space indent, key order kept, non-ASCII written as is,
// a final newline). Invalid UTF-8 inside strings is replaced by U+FFFD instead of failing.
QByteArray resultToJson(const nlohmann::ordered_json &value, int indent = 2);

// JSON Lines: each value compact on one line, each line ending with "\n" (for batch results).
QByteArray resultsToJsonLines(const QList<nlohmann::ordered_json> &values);

} // namespace Formwork
