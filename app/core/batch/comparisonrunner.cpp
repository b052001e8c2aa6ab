// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/comparisonrunner.h"

#include "batch/batchrunner.h"

#include <QFileInfo>

namespace Formwork {

QString BatchVariant::displayName() const
{
    if (!label.isEmpty())
        return label;
    if (userPrompt && !promptName.isEmpty())
        return QStringLiteral("%1 / %2 / %3").arg(model, extractionModeName(mode), promptName);
    return QStringLiteral("%1 / %2").arg(model, extractionModeName(mode));
}

QString comparisonBatchKey(const QString &inputPath, const BatchVariant &variant, const QString &promptSource)
{
    QString key = QStringLiteral("comparison:%1#%2:%3")
                      .arg(QFileInfo(inputPath).absoluteFilePath(), variant.model, extractionModeName(variant.mode));
    if (!promptSource.isEmpty()) {
        const QFileInfo file(promptSource);
        key += QStringLiteral(":@") + (file.isFile() ? file.absoluteFilePath() : promptSource);
    }
    return key;
}

VariantStats variantStats(const BatchVariant &variant, const BatchSummary &summary, const QList<BatchRowResult> &rows)
{
    VariantStats stats;
    stats.variant = variant;
    stats.outcome = summary.outcome;
    stats.rows = summary.progress.total;
    stats.validFirstTry = summary.progress.validFirstTry;
    stats.validAfterReasks = summary.progress.validAfterReasks;
    stats.failed = summary.progress.failed;
    stats.rowsWithExpected = summary.rowsWithExpected;
    stats.agreement = summary.agreement;
    stats.checkFailures = summary.checkFailures;
    qint64 wall = 0;
    int finished = 0;
    for (const BatchRowResult &row : rows) {
        if (row.status != BatchRowStatus::Valid && row.status != BatchRowStatus::Invalid
            && row.status != BatchRowStatus::Error)
            continue;
        ++finished;
        stats.attempts += row.attempts;
        stats.promptTokens += row.promptTokens;
        stats.completionTokens += row.completionTokens;
        stats.judges += row.judges;
        wall += row.wallMs;
    }
    stats.meanLatencyMs = finished > 0 ? double(wall) / finished : 0.0;
    return stats;
}

ComparisonRunner::ComparisonRunner(QNetworkAccessManager *network, const BatchConfig &base, const BatchInput &input,
                                   const QList<BatchVariant> &variants, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_base(base)
    , m_input(input)
    , m_variants(variants)
{
}

ComparisonRunner::~ComparisonRunner() = default;

void ComparisonRunner::setHistory(HistoryDatabase *history, const QList<qint64> &batchIds)
{
    m_history = history;
    m_batchIds = batchIds;
}

void ComparisonRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(this, &ComparisonRunner::startNext, Qt::QueuedConnection);
}

void ComparisonRunner::cancel()
{
    m_cancelled = true;
    if (m_current)
        m_current->cancel();
}

void ComparisonRunner::pause()
{
    if (m_paused || m_finished)
        return;
    m_paused = true;
    if (m_current)
        m_current->pause();
    Q_EMIT pausedChanged(true);
}

void ComparisonRunner::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (m_current)
        m_current->resume();
    Q_EMIT pausedChanged(false);
}

BatchConfig ComparisonRunner::variantConfig(int index) const
{
    const BatchVariant &variant = m_variants.at(index);
    BatchConfig config = m_base;
    config.model = variant.model;
    config.prompt.mode = variant.mode;
    if (variant.userPrompt)
        config.prompt.userPrompt = *variant.userPrompt;
    // The variant's own model: its context and capabilities decide its requests (think, tools)
    // and its verdicts (a full context), not those of the base model.
    if (!variant.modelInfo.name.isEmpty()) {
        config.modelInfo = variant.modelInfo;
    } else if (variant.model != m_base.model) {
        config.modelInfo = ModelInfo();
        config.modelInfo.name = variant.model;
    }
    if (config.modelInfo.runtimeContextLength == 0)
        config.modelInfo.runtimeContextLength = m_base.server.slotContext;
    return config;
}

void ComparisonRunner::startNext()
{
    if (m_cancelled || m_next >= m_variants.size()) {
        m_finished = true;
        Q_EMIT finished(m_grid);
        return;
    }
    const int index = m_next++;
    auto *runner = new BatchRunner(m_network, variantConfig(index), m_input, this);
    m_current = runner;
    if (m_history && index < m_batchIds.size() && m_batchIds.at(index) > 0)
        runner->setHistory(m_history, m_batchIds.at(index));
    connect(runner, &BatchRunner::progressChanged, this,
            [this, index](const BatchProgress &progress) { Q_EMIT progressChanged(index, progress); });
    connect(runner, &BatchRunner::historyError, this, &ComparisonRunner::historyError);
    connect(runner, &BatchRunner::finished, this, [this, runner, index](const BatchSummary &summary) {
        m_grid.append(variantStats(m_variants.at(index), summary, runner->results()));
        Q_EMIT variantFinished(index, m_grid.constLast());
        runner->deleteLater();
        QMetaObject::invokeMethod(this, &ComparisonRunner::startNext, Qt::QueuedConnection);
    });
    Q_EMIT variantStarted(index);
    if (m_paused)
        runner->pause();
    runner->start();
}

} // namespace Formwork
