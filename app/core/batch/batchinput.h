// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "extraction/promptsettings.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

namespace Formwork {

// One input of a batch: the values of the prompt template's {{variables}}.
struct BatchRow {
    // Stable across runs of the same input: the "id" column when every row has a distinct one,
    // else "1", "2"... (a folder: the file name).
    QString id;
    QString reference; // where it came from, for people: "rows.csv:12", "docs/a.txt"
    QList<PromptVariable> variables; // in column order
    std::optional<nlohmann::ordered_json> expected; // from the expected-values column, when asked for
};

struct BatchInput {
    QString path;
    QStringList columns; // the variable names every row has, in order (expected column excluded)
    QList<BatchRow> rows;
    QByteArray fingerprint; // SHA-256 (hex) of the input's bytes: a resume must see the same input
};

struct BatchInputOptions {
    QString expectedColumn; // a column / JSONL field holding the expected JSON of each row; empty: none
    // Called while a file is read (bytes read so far, the file's size), from the reading thread.
    std::function<void(qint64 done, qint64 total)> progress;
    // Reads the documents of a folder that are not plain text (PDF, HTML). Unset: a folder gives its .txt and .md files
    // only. The core does not read PDFs itself; formwork_documents provides this (documentReaderForBatches()).
    struct DocumentReader {
        QStringList patterns; // e.g. "*.pdf", "*.html"
        // The text, or nothing with `error` set to a sentence naming the file.
        std::function<std::optional<QString>(const QString &path, QString &error)> read;
    };
    std::optional<DocumentReader> documents;
};

// Reads every row of a CSV file (.csv, header row, RFC 4180, UTF-8 with or without a BOM), a
// JSON Lines file (.jsonl / .ndjson, one object per line), or a folder of .txt / .md files
// ({{text}} and {{filename}}; PDF and HTML files too with options.documents), before anything
// is sent. A ragged row, a bad quote, a line that
// is not a JSON object, invalid UTF-8 or an expected value that is not JSON fail with a sentence
// naming the file and the line.
Result<BatchInput, QString> readBatchInput(const QString &path, const BatchInputOptions &options = {});

// The parsers behind readBatchInput, on bytes; `fileName` is only used in messages and references.
Result<BatchInput, QString> parseCsvInput(const QByteArray &bytes, const QString &fileName,
                                          const BatchInputOptions &options = {});
Result<BatchInput, QString> parseJsonLinesInput(const QByteArray &bytes, const QString &fileName,
                                                const BatchInputOptions &options = {});

// A user prompt that lists every column as "name: {{name}}", for a batch run without a template.
QString defaultBatchTemplate(const QStringList &columns);

} // namespace Formwork
