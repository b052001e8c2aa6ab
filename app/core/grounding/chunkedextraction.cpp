// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/chunkedextraction.h"

#include "extraction/extractionrun.h"
#include "grounding/grounder.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Formwork {

ChunkedExtraction::ChunkedExtraction(LlmBackend *backend, ExtractionConfig config, QString document,
                                     ChunkedExtractionOptions options, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_config(std::move(config))
    , m_document(std::move(document))
    , m_options(std::move(options))
    , m_chunks(chunkDocument(m_document, m_options.chunking))
    , m_passes(std::max(m_options.passes, 1))
    , m_chunkSchema(chunkSchemaOf(m_config.schema))
{
    for (int i = int(m_config.messages.size()) - 1; i >= 0 && m_messageIndex < 0; --i) {
        if (m_config.messages[i].role != u"user")
            continue;
        m_messageIndex = i;
        m_documentAt = std::max<qsizetype>(m_config.messages[i].content.indexOf(m_document), 0);
    }
    const std::size_t jobs = m_chunks.size() * std::size_t(m_passes);
    m_result.chunks.resize(jobs);
    for (std::size_t job = 0; job < jobs; ++job) {
        m_result.chunks[job].chunk = m_chunks[job % m_chunks.size()];
        m_result.chunks[job].pass = int(job / m_chunks.size());
    }
    m_runs.resize(jobs);
}

int ChunkedResult::validChunkRuns() const
{
    return int(std::count_if(chunks.begin(), chunks.end(), [](const ChunkOutcome &c) { return c.result.success; }));
}

ChunkedExtraction::~ChunkedExtraction() = default;

RunResult runResultOf(const ChunkedResult &chunked, const QList<AttemptRecord> &attempts, qint64 wallTimeMs)
{
    RunResult result;
    result.success = chunked.success;
    result.message = chunked.message;
    result.hasValue = chunked.hasValue;
    result.value = chunked.merged.value;
    result.attempts = attempts;
    result.wallTimeMs = wallTimeMs;
    result.reason = RunFailureReason::None;
    if (chunked.cancelled)
        result.reason = RunFailureReason::Cancelled;
    else if (!chunked.success)
        result.reason = RunFailureReason::Exhausted;
    for (const ChunkOutcome &outcome : chunked.chunks) {
        if (!outcome.ran)
            continue;
        result.usage.promptTokens += outcome.result.usage.promptTokens;
        result.usage.completionTokens += outcome.result.usage.completionTokens;
        result.judgeUsage.promptTokens += outcome.result.judgeUsage.promptTokens;
        result.judgeUsage.completionTokens += outcome.result.judgeUsage.completionTokens;
        result.transportRetries += outcome.result.transportRetries;
        if (!chunked.cancelled && outcome.result.reason == RunFailureReason::Backend) {
            result.reason = RunFailureReason::Backend;
            result.backendError = outcome.result.backendError;
        }
    }
    return result;
}

namespace {

using Json = nlohmann::ordered_json;

// How deep a root made of references and allOf branches is followed (a loop of references ends here).
constexpr int RelaxDepth = 8;

bool relaxRootNode(Json &node, Json &root, int depth);

// A reference at the root to a definition ("#/$defs/X" or "#/definitions/X"): the definition may
// be used inside the document too (a tree's nodes, say), where it must stay whole, so a relaxed
// copy is added beside it ("X.chunk") and the root points there. Returns whether it changed.
bool relaxReference(Json &node, Json &root, int depth)
{
    const auto ref = node.find("$ref");
    if (ref == node.end() || !ref->is_string())
        return false;
    const std::string target = ref->get<std::string>();
    for (const char *container : { "$defs", "definitions" }) {
        const std::string prefix = std::string("#/") + container + "/";
        if (target.rfind(prefix, 0) != 0)
            continue;
        const std::string name = target.substr(prefix.size());
        // One level, no escapes: "#/$defs/a/b" or "#/$defs/a~1b" are left as they are.
        if (name.empty() || name.find_first_of("/~") != std::string::npos)
            return false;
        auto defs = root.find(container);
        if (defs == root.end() || !defs->is_object())
            return false;
        const auto definition = defs->find(name);
        // A definition with an $id of its own resolves its references against that $id: copying
        // it would give two resources one id, so it is not relaxed.
        if (definition == defs->end() || !definition->is_object() || definition->contains("$id"))
            return false;
        Json copy = *definition;
        if (!relaxRootNode(copy, root, depth + 1))
            return false;
        std::string copyName = name + ".chunk";
        while (defs->contains(copyName))
            copyName += "_";
        (*defs)[copyName] = std::move(copy);
        *ref = prefix + copyName;
        return true;
    }
    return false; // a remote or a deeper reference: not followed
}

// Drops what only the whole document can satisfy from a schema that stands for the root: its
// `required`, its array properties' `minItems`, and the same in the allOf branches and the local
// definition it refers to.
bool relaxRootNode(Json &node, Json &root, int depth)
{
    if (depth > RelaxDepth || !node.is_object())
        return false;
    bool changed = node.erase("required") > 0;
    if (auto properties = node.find("properties"); properties != node.end() && properties->is_object()) {
        for (auto &property : properties->items())
            if (property.value().is_object())
                changed = property.value().erase("minItems") > 0 || changed;
    }
    if (auto allOf = node.find("allOf"); allOf != node.end() && allOf->is_array()) {
        for (Json &branch : *allOf)
            changed = relaxRootNode(branch, root, depth + 1) || changed;
    }
    return relaxReference(node, root, depth) || changed;
}

} // namespace

// Covered: the root object, a root (or an allOf branch) that refers to a definition of the same
// document by "#/$defs/X" or "#/definitions/X" (followed through further such references), and
// allOf branches at the root. Not covered (the chunks keep these rules whole): references to other
// documents or by $id/anchor, deeper pointers ("#/$defs/a/b"), definitions with their own $id,
// `required` inside anyOf/oneOf/if-then-else or dependentRequired, and a top-level array property
// whose minItems sits behind a $ref.
std::optional<Schema> chunkSchemaOf(const std::optional<Schema> &schema)
{
    if (!schema || !schema->document().is_object())
        return schema;
    Json relaxed = schema->document();
    // The root is both the node relaxed and the document the relaxed copies of definitions go
    // into: only the definitions' objects grow, never the root's own keys, so no iterator into
    // the root is invalidated on the way.
    if (!relaxRootNode(relaxed, relaxed, 0))
        return schema;
    auto compiled = Schema::compile(relaxed, schema->draft());
    // It compiled whole, so it compiles with less; should it not, the chunks keep the full schema.
    return compiled ? std::optional<Schema>(compiled.value()) : schema;
}

ExtractionConfig ChunkedExtraction::configForChunk(int index) const
{
    ExtractionConfig config = m_config;
    config.schema = m_chunkSchema;
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
    if (m_options.checkerForChunk)
        config.checker = m_options.checkerForChunk(piece.toString());
    return config;
}

void ChunkedExtraction::resumeFrom(const ChunkedResult &earlier)
{
    if (m_started || earlier.chunks.size() != m_result.chunks.size())
        return;
    for (std::size_t job = 0; job < earlier.chunks.size(); ++job) {
        const ChunkOutcome &before = earlier.chunks[job];
        if (before.result.success && before.chunk == m_result.chunks[job].chunk) {
            m_result.chunks[job] = before;
            m_result.chunks[job].ran = false;
        }
    }
}

void ChunkedExtraction::start()
{
    if (std::exchange(m_started, true) || m_finished)
        return;
    // After returning to the event loop, like ExtractionRun, so callers connect first.
    QTimer::singleShot(0, this, [this] {
        if (m_cancelled)
            return;
        Q_EMIT passStarted(0, m_passes);
        startNext();
    });
}

void ChunkedExtraction::startNext()
{
    const int concurrency = std::max(m_options.concurrency, 1);
    while (!m_cancelled) {
        // A chunk a resumed run already has is skipped.
        while (m_next < chunkCount() && m_result.chunks[std::size_t(m_pass * chunkCount() + m_next)].result.success)
            ++m_next;
        if (m_running >= concurrency || m_next >= chunkCount())
            break;
        const int index = m_next++;
        const int job = m_pass * chunkCount() + index;
        auto *run = new ExtractionRun(m_backend, configForChunk(index), this);
        m_runs[std::size_t(job)] = run;
        m_result.chunks[std::size_t(job)].ran = true;
        ++m_running;
        auto done = [this, job](const RunResult &result) { onChunkFinished(job, result); };
        connect(run, &ExtractionRun::succeeded, this, done);
        connect(run, &ExtractionRun::failed, this, done);
        Q_EMIT chunkStarted(index, chunkCount(), run);
        run->start();
    }
    if (m_running > 0)
        return;
    if (!m_cancelled && m_next >= chunkCount() && m_pass + 1 < m_passes) {
        // The next recall pass, over the same chunks.
        ++m_pass;
        m_next = 0;
        Q_EMIT passStarted(m_pass, m_passes);
        startNext();
        return;
    }
    finish();
}

void ChunkedExtraction::onChunkFinished(int job, const RunResult &result)
{
    ChunkOutcome &outcome = m_result.chunks[std::size_t(job)];
    outcome.result = result;
    if (result.hasValue) {
        const DocumentChunk &chunk = outcome.chunk;
        GroundingOptions options;
        if (m_config.schema)
            options.scope = GroundingScope(m_config.schema->document());
        Grounder grounder(m_document.mid(chunk.begin, chunk.length()), options);
        outcome.grounding = grounder.ground(result.value);
    }
    if (ExtractionRun *run = m_runs[std::size_t(job)])
        run->deleteLater();
    --m_running;
    Q_EMIT chunkFinished(outcome.chunk.index, result);
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
            valid.push_back({ outcome.chunk, outcome.result.value, outcome.grounding, outcome.pass });
        else if (outcome.ran)
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
    else if (failed > 0 && m_passes == 1)
        m_result.message = QCoreApplication::translate("ChunkedExtraction", "%1 of %2 chunks gave no valid value")
                               .arg(failed)
                               .arg(m_chunks.size());
    else if (failed > 0)
        m_result.message
            = QCoreApplication::translate("ChunkedExtraction", "%1 of %2 chunk runs (%3 passes) gave no valid value")
                  .arg(failed)
                  .arg(m_result.chunks.size())
                  .arg(m_passes);
    else if (!m_result.mergedErrors.isEmpty())
        m_result.message = QCoreApplication::translate("ChunkedExtraction", "the merged value is not valid: %1")
                               .arg(m_result.mergedErrors.constFirst().message);
    Q_EMIT finished(m_result);
}

} // namespace Formwork
