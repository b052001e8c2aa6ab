// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/comparisonrunner.h"

#include <nlohmann/json.hpp>

#include <optional>

class QNetworkAccessManager;
class QTextStream;

namespace Formwork {

class HistoryDatabase;
class LlmBackend;

namespace Cli {

// `--variant MODEL[:MODE][:@PROMPTFILE]`: the prompt file after the first ":@" (its user prompt
// template replaces --template for this variant, as the window's second prompt does), then the
// mode after the last ':' when it names one (model names have colons of their own:
// llama3.1:8b:json is llama3.1:8b in json mode), else `defaultMode`. `promptPath` gets the
// prompt file, empty without one. nullopt without a model or with ":@" and no file.
std::optional<BatchVariant> parseVariant(const QString &value, ExtractionMode defaultMode,
                                         QString *promptPath = nullptr);

// Asks an Ollama server for each variant's model (/api/show: context length, capabilities), as
// a single run learns its model; a model it cannot describe stays unknown.
void learnVariantModels(LlmBackend *backend, QList<BatchVariant> &variants);

// The comparison grid as a table: one column per variant, one line per figure.
QString comparisonTable(const QList<VariantStats> &grid);
// The grid as JSON: an array with one object per variant.
nlohmann::ordered_json comparisonJson(const QList<VariantStats> &grid);

// Runs the rows over every variant, one variant after another, with progress on stderr, then
// prints the grid on stdout (a table, or JSON with `json`). Ctrl-C stops it and prints the
// variants run so far. Returns the exit code: 0, ExitBackend when a server could not be
// reached, ExitInterrupted after Ctrl-C.
// With `history`, variant i is recorded under batchIds[i]; at the end the batches are marked
// finished when every variant ran to the end, else stopped (so --resume finds them).
int runComparison(QNetworkAccessManager *network, const BatchConfig &config, const BatchInput &input,
                  const QList<BatchVariant> &variants, bool json, QTextStream &out, QTextStream &err,
                  HistoryDatabase *history = nullptr, const QList<qint64> &batchIds = {});

} // namespace Cli
} // namespace Formwork
