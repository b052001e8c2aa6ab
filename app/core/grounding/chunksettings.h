// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Formwork {

// When a run of the window is split into chunks (issue 13).
enum class ChunkingMode {
    Off, // never: the whole prompt in one run
    Auto, // when the prompt would not fit the model's context
    Always, // whenever the document is longer than the chunk size
};
QString chunkingModeName(ChunkingMode mode); // "off", "auto", "always": workspace words, untranslated
std::optional<ChunkingMode> chunkingModeFromName(QStringView name);

// The chunking run options of a workspace.
struct ChunkSettings {
    ChunkingMode mode = ChunkingMode::Off;
    int maxChars = 12000; // the chunk size; auto may take less so a chunk fits the context
    int overlapChars = 600;
    int passes = 1; // recall passes
    // Chunks extracted at the same time (as batch runs rows): 2 keeps a local server busy without
    // queueing many requests in it (Ollama serves OLLAMA_NUM_PARALLEL at once, the rest wait).
    int concurrency = 2;
    QString mergeKey; // array items with the same value of this member are one item

    friend bool operator==(const ChunkSettings &, const ChunkSettings &) = default;
};

} // namespace Formwork
