// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "grounding/chunkmerger.h"
#include "grounding/documentchunker.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace Formwork {

class AttemptChecker;
class ExtractionRun;
class LlmBackend;

// The checks of one chunk's run, given the chunk's text (what its grounding checks look in).
using ChunkCheckerFactory = std::function<std::shared_ptr<AttemptChecker>(const QString &chunkText)>;

struct ChunkedExtractionOptions {
    ChunkingOptions chunking;
    MergeOptions merge;
    int concurrency = 1; // chunks extracted at the same time
    // Recall passes: each chunk is extracted this many times (the passes one after another); the
    // passes after the first add only new items to the merge (LangExtract's extraction passes).
    int passes = 1;
    // When set, each chunk run gets its own checker from it (instead of the config's), so the
    // checks run per chunk and ground against the chunk's text.
    ChunkCheckerFactory checkerForChunk;
};

// What each chunk's run gave (one per chunk and pass).
struct ChunkOutcome {
    DocumentChunk chunk;
    RunResult result;
    Grounding grounding; // of result.value in the chunk's text (chunk offsets)
    int pass = 0; // 0 = the first pass
    bool ran = false; // false: not started (cancelled before it), or taken from a resumed run
};

struct ChunkedResult {
    bool success = false; // every chunk gave a valid value, and so does the merge
    QString message; // why not, for the user
    bool hasValue = false;
    MergedResult merged; // the merge of the chunks that gave a valid value
    QList<ValidationError> mergedErrors; // the merged value checked against the schema again
    // Every chunk run, pass by pass: chunks[pass * chunkCount + index].
    std::vector<ChunkOutcome> chunks;
    bool cancelled = false;
    // The chunk runs that ended valid, this run or a resumed one (resumeFrom()).
    int validChunkRuns() const;
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
    int passes() const { return m_passes; }
    // The pass under way (0-based); with several passes, they run one after another.
    int currentPass() const { return m_pass; }
    const QString &document() const { return m_document; }
    // The configuration chunk `index` runs with (its user message holding the chunk's text).
    ExtractionConfig configForChunk(int index) const;

    // Takes the valid chunk runs of an earlier, cancelled extraction of the same document and
    // settings: they are not asked again (resume after a cancel). Call before start().
    void resumeFrom(const ChunkedResult &earlier);
    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    const ChunkedResult &result() const { return m_result; }

Q_SIGNALS:
    // `index` is the chunk's (0-based); currentPass() says which pass.
    void chunkStarted(int index, int count, Formwork::ExtractionRun *run);
    void chunkFinished(int index, const Formwork::RunResult &result);
    void passStarted(int pass, int passes);
    void finished(const Formwork::ChunkedResult &result);

private:
    void startNext();
    void onChunkFinished(int job, const RunResult &result);
    int chunkCount() const { return int(m_chunks.size()); }
    void finish();

    LlmBackend *m_backend;
    ExtractionConfig m_config;
    QString m_document;
    ChunkedExtractionOptions m_options;
    std::vector<DocumentChunk> m_chunks;
    int m_messageIndex = -1; // the user message that holds the document
    qsizetype m_documentAt = 0; // where in it
    int m_passes = 1;
    int m_pass = 0;
    int m_next = 0; // the next chunk of the pass under way
    int m_running = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
    std::vector<QPointer<ExtractionRun>> m_runs;
    ChunkedResult m_result;
};

} // namespace Formwork
