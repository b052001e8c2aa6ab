// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "grounding/chunkmerger.h"
#include "grounding/grounding.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace Formwork {

// What a shared report of one run shows.
struct RunReport {
    QString title; // e.g. the input file's name
    QString sourceName; // where the document came from (a path), may be empty
    QString document; // the input text the values are grounded in
    std::vector<std::pair<qsizetype, int>> pageStarts; // (offset, page number) of a paged document
    nlohmann::ordered_json value; // the result (null when none)
    bool valid = false;
    QString verdict; // one line: "Valid on attempt 2", "Invalid after 3 attempts: ..."
    Grounding grounding;
    std::vector<MergeConflict> conflicts; // a chunked run's disagreements
    QList<AttemptRecord> attempts;
    QString model;
    QString mode;
    nlohmann::ordered_json settings; // options as sent (temperature, seed, num_ctx, ...)
    qint64 wallTimeMs = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
};

// One self-contained HTML page (UTF-8): inline style and script, no network, no external files.
// The document with every grounded value highlighted (a colour per field; dark mode follows the
// browser), the values table (pointer, value, match kind, score, page), the conflicts of a
// chunked run, each attempt's reply, errors and usage, and the model, mode, settings and timings.
// Clicking a value selects and scrolls to its span(s); clicking a span selects its value(s);
// opening the page with "#select=<pointer>" selects that value.
QByteArray renderRunReport(const RunReport &report);

} // namespace Formwork
