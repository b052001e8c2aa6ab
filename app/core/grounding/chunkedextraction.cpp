// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/chunkedextraction.h"

#include "extraction/extractionrun.h"
#include "grounding/grounder.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QTimer>

namespace Formwork {

ChunkedExtraction::ChunkedExtraction(LlmBackend *backend, ExtractionConfig config, QString document,
                                     ChunkedExtractionOptions options, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_config(std::move(config))
    , m_document(std::move(document))
    , m_options(options)
    , m_chunks(chunkDocument(m_document, options.chunking))
{
    for (int i = int(m_config.messages.size()) - 1; i >= 0 && m_messageIndex < 0; --i) {
        if (m_config.messages[i].role != u"user")
            continue;
        m_messageIndex = i;
        m_documentAt = std::max<qsizetype>(m_config.messages[i].content.indexOf(m_document), 0);
    }
    m_result.chunks.resize(m_chunks.size());
    for (std::size_t i = 0; i < m_chunks.size(); ++i)
        m_result.chunks[i].chunk = m_chunks[i];
    m_runs.resize(m_chunks.size());
}

ChunkedExtraction::~ChunkedExtraction() = default;

ExtractionConfig ChunkedExtraction::configForChunk(int index) const
{
    ExtractionConfig config = m_config;
    const DocumentChunk &chunk = m_chunks[std::size_t(index)];
    const QStringView piece = QStringView(m_document).sliced(chunk.begin, chunk.length());
    if (m_messageIndex < 0) {
        ChatMessage user;
        user.role = QStringLiteral("user");
        user.content = piece.toString();
        config.messages.append(user);
        return config;
    }
    QString &content = config.messages[m_messageIndex].content;
    if (content.size() >= m_documentAt + m_document.size())
        content.replace(m_documentAt, m_document.size(), piece.toString());
    else
        content = piece.toString();
    return config;
}

void ChunkedExtraction::start()
{
    if (m_next > 0 || m_finished)
        return;
    // After returning to the event loop, like ExtractionRun, so callers connect first.
    QTimer::singleShot(0, this, &ChunkedExtraction::startNext);
}

void ChunkedExtraction::startNext()
{
    const int concurrency = std::max(m_options.concurrency, 1);
    while (!m_cancelled && m_running < concurrency && m_next < int(m_chunks.size())) {
        const int index = m_next++;
        auto *run = new ExtractionRun(m_backend, configForChunk(index), this);
        m_runs[std::size_t(index)] = run;
        ++m_running;
        auto done = [this, index](const RunResult &result) { onChunkFinished(index, result); };
        connect(run, &ExtractionRun::succeeded, this, done);
        connect(run, &ExtractionRun::failed, this, done);
        Q_EMIT chunkStarted(index, int(m_chunks.size()), run);
        run->start();
    }
    if (m_running == 0 && (m_cancelled || m_next >= int(m_chunks.size())))
        finish();
}

void ChunkedExtraction::onChunkFinished(int index, const RunResult &result)
{
    ChunkOutcome &outcome = m_result.chunks[std::size_t(index)];
    outcome.result = result;
    if (result.hasValue) {
        const DocumentChunk &chunk = m_chunks[std::size_t(index)];
        GroundingOptions options;
        if (m_config.schema)
            options.scope = GroundingScope(m_config.schema->document());
        Grounder grounder(m_document.mid(chunk.begin, chunk.length()), options);
        outcome.grounding = grounder.ground(result.value);
    }
    if (ExtractionRun *run = m_runs[std::size_t(index)])
        run->deleteLater();
    --m_running;
    Q_EMIT chunkFinished(index, result);
    startNext();
}

void ChunkedExtraction::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    for (const QPointer<ExtractionRun> &run : m_runs)
        if (run && !run->isFinished())
            run->cancel(); // each ends with failed(Cancelled), which lands in onChunkFinished
    if (m_running == 0)
        finish();
}

void ChunkedExtraction::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    std::vector<ChunkResult> valid;
    int failed = 0;
    for (const ChunkOutcome &outcome : m_result.chunks) {
        if (outcome.result.success)
            valid.push_back({ outcome.chunk, outcome.result.value, outcome.grounding });
        else
            ++failed;
    }
    m_result.cancelled = m_cancelled;
    m_result.hasValue = !valid.empty();
    if (m_result.hasValue) {
        m_result.merged = mergeChunkResults(valid, m_options.merge);
        if (m_config.schema)
            m_result.mergedErrors = m_config.schema->validate(m_result.merged.value);
    }
    m_result.success = !m_cancelled && failed == 0 && m_result.mergedErrors.isEmpty();
    if (m_cancelled)
        m_result.message = QCoreApplication::translate("ChunkedExtraction", "cancelled");
    else if (failed > 0)
        m_result.message = QCoreApplication::translate("ChunkedExtraction", "%1 of %2 chunks gave no valid value")
                               .arg(failed)
                               .arg(m_chunks.size());
    else if (!m_result.mergedErrors.isEmpty())
        m_result.message = QCoreApplication::translate("ChunkedExtraction", "the merged value is not valid: %1")
                               .arg(m_result.mergedErrors.constFirst().message);
    Q_EMIT finished(m_result);
}

} // namespace Formwork
