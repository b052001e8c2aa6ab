// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"

#include <QStringView>

#include <vector>

namespace Formwork {

struct ChunkingOptions {
    qsizetype maxChars = 12000; // about 3,000 tokens of English text
    qsizetype overlapChars = 600; // text two neighbouring chunks share, so no fact is cut in two
};

// One piece of a long document: [begin, end) in UTF-16 units of the whole text.
struct DocumentChunk {
    int index = 0;
    qsizetype begin = 0;
    qsizetype end = 0;

    qsizetype length() const { return end - begin; }
    friend bool operator==(const DocumentChunk &, const DocumentChunk &) = default;
};

// Splits `text` into chunks of at most maxChars, ending each at the last paragraph break that
// leaves the chunk at least half full, else at the last sentence end, line break or space (a cut
// in the middle of a word only when there is no space at all, and never inside a surrogate pair).
// Each next chunk starts about overlapChars before the previous end, at a sentence or paragraph
// start where one is in reach, so the overlap holds whole sentences. The chunks cover the text;
// a text of maxChars or less is one chunk. Sentence ends: . ! ? and their CJK forms.
std::vector<DocumentChunk> chunkDocument(QStringView text, const ChunkingOptions &options = {});

} // namespace Formwork
