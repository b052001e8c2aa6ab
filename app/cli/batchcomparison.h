// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/comparisonrunner.h"

#include <nlohmann/json.hpp>

#include <optional>

class QNetworkAccessManager;
class QTextStream;

namespace Formwork {
namespace Cli {

// `--variant MODEL[:MODE]`: the mode after the last ':' when it names one (model names have
// colons of their own: llama3.1:8b:json is llama3.1:8b in json mode), else `defaultMode`.
// nullopt without a model.
std::optional<BatchVariant> parseVariant(const QString &value, ExtractionMode defaultMode);

// The comparison grid as a table: one column per variant, one line per figure.
QString comparisonTable(const QList<VariantStats> &grid);
// The grid as JSON: an array with one object per variant.
nlohmann::ordered_json comparisonJson(const QList<VariantStats> &grid);

// Runs the rows over every variant, one variant after another, with progress on stderr, then
// prints the grid on stdout (a table, or JSON with `json`). Ctrl-C stops it and prints the
// variants run so far. Returns the exit code: 0, ExitBackend when a server could not be
// reached, ExitInterrupted after Ctrl-C.
int runComparison(QNetworkAccessManager *network, const BatchConfig &config, const BatchInput &input,
                  const QList<BatchVariant> &variants, bool json, QTextStream &out, QTextStream &err);

} // namespace Cli
} // namespace Formwork
