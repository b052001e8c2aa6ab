// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/documentchunker.h"
#include "grounding/grounding.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace Formwork {

// What one chunk's extraction produced, with its grounding in the chunk's own text.
struct ChunkResult {
    DocumentChunk chunk;
    nlohmann::ordered_json value; // null when the chunk gave no value
    Grounding grounding; // spans relative to chunk.begin
    // The recall pass that gave it (0 = the first). A later pass only adds: array items not yet
    // seen in an earlier pass, scalars no earlier pass gave.
    int pass = 0;
};

// A scalar the chunks disagree on: every value they gave (and which chunks gave it), and the one
// taken. Shown, never hidden.
struct MergeConflict {
    std::string pointer;
    std::vector<nlohmann::ordered_json> values; // distinct, in order of first appearance
    std::vector<std::vector<int>> chunks; // per value, the chunk indices that gave it
    std::size_t chosen = 0; // index into values
};

struct MergeOptions {
    // Items of arrays of objects with the same value of this member are one item (merged member by
    // member). Empty, or an item without it: equal items are one item.
    QString itemKey;
};

struct MergedResult {
    nlohmann::ordered_json value;
    std::vector<MergeConflict> conflicts;
    Grounding grounding; // spans in the whole document
};

// Merges the values of the chunks of one document into one value:
// - objects member by member (members in order of first appearance);
// - arrays concatenated in chunk order, de-duplicated by the item key or by equality (the
//   overlap between chunks makes the same item appear twice);
// - scalars by agreement: null means "not seen in this chunk" and never outvotes a value; when
//   chunks disagree the most frequent value wins (ties: the earliest chunk) and a conflict is
//   recorded.
// - recall passes (ChunkResult::pass > 0) add only what is new: an array item whose identity an
//   earlier pass already gave is dropped (never merged, so it cannot make a conflict), a scalar
//   counts only when no earlier pass gave one.
// Each grounded value of the merged result keeps the spans its chunks found, moved from chunk
// offsets to the whole document (duplicates from the overlap fall together).
MergedResult mergeChunkResults(const std::vector<ChunkResult> &results, const MergeOptions &options = {});

// One line for a conflict: `conflict at /title: "Report" (chunk 1, 2) vs "Annex" (chunk 3); kept "Report"`
// (chunks counted from 1).
QString mergeConflictText(const MergeConflict &conflict);

} // namespace Formwork
