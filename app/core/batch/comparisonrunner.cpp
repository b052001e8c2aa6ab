// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/comparisonrunner.h"

#include "batch/batchrunner.h"

namespace Formwork {

QString BatchVariant::displayName() const
{
    if (!label.isEmpty())
        return label;
    return QStringLiteral("%1 / %2").arg(model, extractionModeName(mode));
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

void ComparisonRunner::start()
{
    if (m_next != 0 || m_current)
        return;
    QMetaObject::invokeMethod(this, &ComparisonRunner::startNext, Qt::QueuedConnection);
}

void ComparisonRunner::cancel()
{
    m_cancelled = true;
    if (m_current)
        m_current->cancel();
}

void ComparisonRunner::startNext()
{
    if (m_cancelled || m_next >= m_variants.size()) {
        Q_EMIT finished(m_grid);
        return;
    }
    const int index = m_next++;
    const BatchVariant &variant = m_variants.at(index);
    BatchConfig config = m_base;
    config.model = variant.model;
    config.prompt.mode = variant.mode;
    if (variant.userPrompt)
        config.prompt.userPrompt = *variant.userPrompt;
    auto *runner = new BatchRunner(m_network, config, m_input, this);
    m_current = runner;
    connect(runner, &BatchRunner::progressChanged, this,
            [this, index](const BatchProgress &progress) { Q_EMIT progressChanged(index, progress); });
    connect(runner, &BatchRunner::finished, this, [this, runner, index](const BatchSummary &summary) {
        m_grid.append(variantStats(m_variants.at(index), summary, runner->results()));
        Q_EMIT variantFinished(index, m_grid.constLast());
        runner->deleteLater();
        QMetaObject::invokeMethod(this, &ComparisonRunner::startNext, Qt::QueuedConnection);
    });
    Q_EMIT variantStarted(index);
    runner->start();
}

} // namespace Formwork
