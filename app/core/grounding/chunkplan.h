// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/chunkedextraction.h"
#include "grounding/chunksettings.h"

#include <QString>
#include <QStringList>

namespace Formwork {

struct ExtractionConfig;

// What a run of the window does with its document.
struct ChunkPlan {
    bool chunked = false;
    QString document; // the text split into chunks: it stands in the last user message
    ChunkedExtractionOptions options;
    QString reason; // why chunked (for the status line), empty when not
};

// The text of the last user message that is "the document": the longest of `variableValues`
// that stands in it and is at least half of it (the prompt around it stays in every chunk),
// else the whole message. Empty without a user message.
QString chunkableDocument(const ExtractionConfig &config, const QStringList &variableValues);

// Decides whether a run is chunked. `estimatedTokens` is the advisor's estimate of the whole
// prompt and schema; `contextTokens` the context the run gets (num_ctx, the loaded runner's, or
// the model's trained length; 0 when unknown). Auto splits only when the estimate exceeds the
// context, into chunks small enough to leave room for the rest of the prompt and the reply.
ChunkPlan planChunkedRun(const ExtractionConfig &config, const QStringList &variableValues,
                         const ChunkSettings &settings, qint64 estimatedTokens, qint64 contextTokens);

} // namespace Formwork
