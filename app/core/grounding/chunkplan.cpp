// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/chunkplan.h"

#include "extraction/extractiontypes.h"
#include "extraction/tokenestimate.h"

#include <QCoreApplication>

#include <algorithm>

namespace Formwork {

namespace {
constexpr int MinChunkChars = 500;
// Characters per token assumed when sizing chunks: fewer than estimateTokens' four, so a chunk
// of non-English text or numbers still fits.
constexpr qint64 CharsPerToken = 3;
} // namespace

QString chunkableDocument(const ExtractionConfig &config, const QStringList &variableValues)
{
    for (auto it = config.messages.crbegin(); it != config.messages.crend(); ++it) {
        if (it->role != u"user")
            continue;
        const QString &message = it->content;
        QString best;
        for (const QString &value : variableValues)
            if (value.size() > best.size() && value.size() * 2 >= message.size() && message.contains(value))
                best = value;
        return best.isEmpty() ? message : best;
    }
    return QString();
}

ChunkPlan planChunkedRun(const ExtractionConfig &config, const QStringList &variableValues,
                         const ChunkSettings &settings, qint64 estimatedTokens, qint64 contextTokens)
{
    ChunkPlan plan;
    if (settings.mode == ChunkingMode::Off)
        return plan;
    plan.document = chunkableDocument(config, variableValues);
    qsizetype maxChars = std::max(settings.maxChars, 16);
    if (settings.mode == ChunkingMode::Auto) {
        if (contextTokens <= 0 || estimatedTokens <= contextTokens)
            return plan;
        // Room for the document in each request: the context less the rest of the prompt and a
        // quarter for the reply.
        const qint64 rest = std::max<qint64>(estimatedTokens - estimateTokens(plan.document), 0);
        const qint64 room = contextTokens - contextTokens / 4 - rest;
        maxChars = std::min<qsizetype>(maxChars, std::max<qint64>(room * CharsPerToken, MinChunkChars));
        plan.reason = QCoreApplication::translate("Formwork::ChunkPlan",
                                                  "about %1 tokens do not fit the context of %2: split into chunks")
                          .arg(estimatedTokens)
                          .arg(contextTokens);
    } else {
        plan.reason = QCoreApplication::translate("Formwork::ChunkPlan", "split into chunks (run options)");
    }
    if (plan.document.size() <= maxChars) {
        plan.reason.clear();
        return plan; // one chunk: a plain run
    }
    plan.chunked = true;
    plan.options.chunking.maxChars = maxChars;
    plan.options.chunking.overlapChars = std::clamp<qsizetype>(settings.overlapChars, 0, maxChars / 2);
    plan.options.passes = std::max(settings.passes, 1);
    plan.options.concurrency = std::max(settings.concurrency, 1);
    plan.options.merge.itemKey = settings.mergeKey;
    return plan;
}

} // namespace Formwork
