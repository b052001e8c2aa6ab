// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/chunkedrunrecorder.h"

#include "common/compactjson.h"
#include "extraction/extractionrun.h"
#include "grounding/chunkedextraction.h"
#include "store/runrecorder.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

QString chunkStatus(const ChunkOutcome &outcome)
{
    if (outcome.result.success)
        return outcome.ran ? QStringLiteral("valid") : QStringLiteral("resumed");
    if (!outcome.ran)
        return QStringLiteral("not run");
    return historyStatusOf(outcome.result);
}

} // namespace

ChunkedRunRecorder::ChunkedRunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent)
    : StoredRunRecorder(history, start, parent)
{
}

ChunkedRunRecorder::~ChunkedRunRecorder() = default;

bool ChunkedRunRecorder::attach(ChunkedExtraction *extraction)
{
    if (!extraction || !beginRun())
        return false;
    m_extraction = extraction;
    m_attemptNumbers.assign(extraction->chunks().size() * std::size_t(extraction->passes()), {});
    m_clock.start();
    connect(extraction, &ChunkedExtraction::chunkStarted, this,
            [this](int index, int, ExtractionRun *run) { onChunkStarted(index, run); });
    connect(extraction, &ChunkedExtraction::finished, this, &ChunkedRunRecorder::onFinished);
    return true;
}

void ChunkedRunRecorder::onChunkStarted(int index, ExtractionRun *run)
{
    const int pass = m_extraction->currentPass();
    const std::size_t job = std::size_t(pass) * m_extraction->chunks().size() + std::size_t(index);
    connect(run, &ExtractionRun::attemptFinished, this, [this, index, pass, job](const AttemptRecord &attempt) {
        if (!isRecording())
            return;
        // Numbered across the chunks, in the order they finish: the window's numbers.
        AttemptRecord numbered = attempt;
        numbered.number = ++m_attempts;
        if (job < m_attemptNumbers.size())
            m_attemptNumbers[job].push_back(numbered.number);
        if (!history().addChunkAttempt(runId(), numbered, index, pass))
            reportError();
    });
}

void ChunkedRunRecorder::onFinished(const ChunkedResult &result)
{
    finishRun([this, &result](HistoryDatabase &history, qint64 runId) {
        const QString chunks = storedChunksJson(result, m_extraction->document().size(), m_attemptNumbers);
        // No attempts: the checks that failed belong to the chunks' attempts, each stored with its errors.
        const RunResult run = runResultOf(result, {}, m_clock.elapsed());
        return history.setRunChunks(runId, chunks) && history.finishRun(runId, historyStatusOf(run), run);
    });
}

RunStart chunkedRunStart(const ExtractionConfig &config, const ChunkedExtraction &extraction, BackendApi api,
                         const QUrl &endpoint)
{
    RunStart start = singleRunStart(config, api, endpoint);
    Json settings = Json::parse(start.settingsJson.toStdString(), nullptr, false);
    if (!settings.is_object())
        settings = Json::object();
    const ChunkedExtractionOptions &options = extraction.options();
    settings["chunking"] = Json { { "max_chars", options.chunking.maxChars },
                                  { "overlap_chars", options.chunking.overlapChars },
                                  { "passes", extraction.passes() },
                                  { "concurrency", std::max(options.concurrency, 1) },
                                  { "merge_key", options.merge.itemKey.toStdString() } };
    start.settingsJson = compactJsonText(settings);
    return start;
}

QString storedChunksJson(const ChunkedResult &result, qsizetype documentChars,
                         const std::vector<std::vector<int>> &attemptNumbers)
{
    Json chunks = Json::array();
    for (std::size_t job = 0; job < result.chunks.size(); ++job) {
        const ChunkOutcome &outcome = result.chunks[job];
        Json chunk { { "index", outcome.chunk.index },
                     { "pass", outcome.pass },
                     { "begin", outcome.chunk.begin },
                     { "end", outcome.chunk.end },
                     { "status", chunkStatus(outcome).toStdString() } };
        chunk["attempts"] = job < attemptNumbers.size() ? Json(attemptNumbers[job]) : Json::array();
        if (outcome.ran && !outcome.result.success && !outcome.result.message.isEmpty())
            chunk["message"] = outcome.result.message.toStdString();
        chunks.push_back(std::move(chunk));
    }
    Json conflicts = Json::array();
    for (const MergeConflict &conflict : result.merged.conflicts)
        conflicts.push_back(
            Json { { "pointer", conflict.pointer }, { "text", mergeConflictText(conflict).toStdString() } });
    Json errors = Json::array();
    for (const ValidationError &error : result.mergedErrors)
        errors.push_back(Json { { "instancePath", error.instancePath.toStdString() },
                                { "keyword", error.keyword.toStdString() },
                                { "message", error.message.toStdString() } });
    Json stored { { "document_chars", documentChars } };
    stored["chunks"] = std::move(chunks);
    stored["conflicts"] = std::move(conflicts);
    stored["merged_errors"] = std::move(errors);
    return compactJsonText(stored);
}

} // namespace Formwork
