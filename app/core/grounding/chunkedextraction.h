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

// A run of chunks seen as one run (the history, the window): the merged value, the status
// (cancelled, a chunk's backend failure, invalid), the usage summed over the chunk runs that ran.
// `attempts` are the chunk runs' attempts as the caller numbered them.
RunResult runResultOf(const ChunkedResult &result, const QList<AttemptRecord> &attempts, qint64 wallTimeMs);

// The schema a chunk's run is held to: the run's schema with what only the whole document can
// satisfy relaxed. A chunk sees part of the document, so a top-level member it cannot see must not
// be asked for: demanding it (a `required` at the root, a `minItems` of a top-level array) would
// reask the chunk until the model invents the value, or, with the grammar of schema mode, make
// it invent one at once. So the root's `required` is dropped and the root's array properties lose
// their `minItems`; everything inside an item or a nested object stays (an item is seen whole).
// A root that refers to a local definition ("#/$defs/X", "#/definitions/X") and the root's allOf
// branches are relaxed the same way (see chunkSchemaOf() in the .cpp for what is not covered).
// The merged value is then validated against the full schema (ChunkedResult::mergedErrors): a
// required member that no chunk found is an error of the merged result, not a reask of a chunk.
// Returns `schema` itself when there is nothing to relax, nullopt when it has no schema.
std::optional<Schema> chunkSchemaOf(const std::optional<Schema> &schema);

// A long document extracted chunk by chunk and merged: the document is split (chunkDocument),
// each chunk replaces the document in the run's last user message and runs as an ExtractionRun of
// its own (validated and reasked as usual, against chunkSchemaOf() the run's schema), at most
// `concurrency` at a time, and the valid chunk values are merged (mergeChunkResults) with their
// grounding moved to the whole document. The merged value is validated against the full schema:
// merging can break a maxItems, say, and a required member no chunk found is missing there.
class ChunkedExtraction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChunkedExtraction)

public:
    // `document` must stand in the last user message of `config` (the whole message may be it).
    // `backend` must outlive the extraction.
    ChunkedExtraction(LlmBackend *backend, ExtractionConfig config, QString document, ChunkedExtractionOptions options,
                      QObject *parent = nullptr);
    ~ChunkedExtraction() override;

    const std::vector<DocumentChunk> &chunks() const { return m_chunks; }
    int passes() const { return m_passes; }
    // The pass under way (0-based); with several passes, they run one after another.
    int currentPass() const { return m_pass; }
    const QString &document() const { return m_document; }
    const ChunkedExtractionOptions &options() const { return m_options; }
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
    std::optional<Schema> m_chunkSchema; // chunkSchemaOf(m_config.schema)
};

} // namespace Formwork
