// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "grounding/chunkmerger.h"
#include "grounding/documentchunker.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

namespace Formwork {

class ExtractionRun;
class LlmBackend;

struct ChunkedExtractionOptions {
    ChunkingOptions chunking;
    MergeOptions merge;
    int concurrency = 1; // chunks extracted at the same time
};

// What each chunk's run gave.
struct ChunkOutcome {
    DocumentChunk chunk;
    RunResult result;
    Grounding grounding; // of result.value in the chunk's text (chunk offsets)
};

struct ChunkedResult {
    bool success = false; // every chunk gave a valid value, and so does the merge
    QString message; // why not, for the user
    bool hasValue = false;
    MergedResult merged; // the merge of the chunks that gave a valid value
    QList<ValidationError> mergedErrors; // the merged value checked against the schema again
    std::vector<ChunkOutcome> chunks;
    bool cancelled = false;
};

// A long document extracted chunk by chunk and merged: the document is split (chunkDocument),
// each chunk replaces the document in the run's last user message and runs as an ExtractionRun of
// its own (validated and reasked as usual), at most `concurrency` at a time, and the valid chunk
// values are merged (mergeChunkResults) with their grounding moved to the whole document. The
// merged value is validated against the schema again: merging can break a maxItems, say.
class ChunkedExtraction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChunkedExtraction)

public:
    // `document` must stand in the last user message of `config` (the whole message may be it).
    // `backend` must outlive the extraction.
    ChunkedExtraction(LlmBackend *backend, ExtractionConfig config, QString document,
                      ChunkedExtractionOptions options, QObject *parent = nullptr);
    ~ChunkedExtraction() override;

    const std::vector<DocumentChunk> &chunks() const { return m_chunks; }
    const QString &document() const { return m_document; }
    // The configuration chunk `index` runs with (its user message holding the chunk's text).
    ExtractionConfig configForChunk(int index) const;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    const ChunkedResult &result() const { return m_result; }

Q_SIGNALS:
    void chunkStarted(int index, int count, Formwork::ExtractionRun *run);
    void chunkFinished(int index, const Formwork::RunResult &result);
    void finished(const Formwork::ChunkedResult &result);

private:
    void startNext();
    void onChunkFinished(int index, const RunResult &result);
    void finish();

    LlmBackend *m_backend;
    ExtractionConfig m_config;
    QString m_document;
    ChunkedExtractionOptions m_options;
    std::vector<DocumentChunk> m_chunks;
    int m_messageIndex = -1; // the user message that holds the document
    qsizetype m_documentAt = 0; // where in it
    int m_next = 0;
    int m_running = 0;
    bool m_cancelled = false;
    bool m_finished = false;
    std::vector<QPointer<ExtractionRun>> m_runs;
    ChunkedResult m_result;
};

} // namespace Formwork
