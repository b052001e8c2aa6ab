// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "store/storedrunrecorder.h"

#include <QElapsedTimer>
#include <QUrl>

namespace Formwork {

class ChunkedExtraction;
class ExtractionRun;
struct ChunkedResult;

// Records a run of chunks (issue 13: the window's chunked Run, `formwork-cli extract
// --chunk-chars`) into the history as ONE run, like RunRecorder does for a single run: the run
// when attached, each chunk run's attempt as it finishes (numbered across the chunks in the order
// they finish, as the window numbers them, each naming its chunk and pass), and at the end the
// merged value as the run's result with the chunks' outcomes, the merge's conflicts and the merged
// value's errors (chunksJson). A failed write is reported once through historyError(); the run
// goes on.
class ChunkedRunRecorder final : public StoredRunRecorder
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChunkedRunRecorder)

public:
    // `history` must outlive the recorder.
    ChunkedRunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent = nullptr);
    ~ChunkedRunRecorder() override;

    // Begins the stored run and follows `extraction` until it ends. Call before its start().
    bool attach(ChunkedExtraction *extraction);

private:
    void onChunkStarted(int index, ExtractionRun *run);
    void onFinished(const ChunkedResult &result);

    ChunkedExtraction *m_extraction = nullptr;
    int m_attempts = 0;
    // Per chunk run (pass * chunks + index): the numbers of its attempts.
    std::vector<std::vector<int>> m_attemptNumbers;
    QElapsedTimer m_clock;
};

// The start of a stored run of chunks: singleRunStart() (the whole document in the messages) with
// the chunking settings added to its settings JSON ("chunking": max_chars, overlap_chars, passes,
// concurrency, merge_key).
RunStart chunkedRunStart(const ExtractionConfig &config, const ChunkedExtraction &extraction, BackendApi api,
                         const QUrl &endpoint);

// The chunks of a finished run as the history keeps them (runs.chunks_json):
// {"document_chars", "chunks": [{"index", "pass", "begin", "end", "status", "attempts": [numbers],
//   "message"}], "conflicts": [{"pointer", "text"}], "merged_errors": [{"instancePath", "keyword",
//   "message"}]}. Status: valid, invalid, error, cancelled, resumed (valid in the cancelled run
// this one resumed) or not run. Chunks counted from 0 here, as in the trace.
QString storedChunksJson(const ChunkedResult &result, qsizetype documentChars,
                         const std::vector<std::vector<int>> &attemptNumbers);

} // namespace Formwork
