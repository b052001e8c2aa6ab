// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchinput.h"
#include "batch/batchtypes.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;

namespace Formwork {

class BatchRunner;

// One column of the comparison grid: the same rows with another model, mode or prompt.
struct BatchVariant {
    QString model;
    ExtractionMode mode = ExtractionMode::Schema;
    std::optional<QString> userPrompt; // unset: the base prompt
    QString label; // empty: "model / mode"

    QString displayName() const;
};

// How one variant did over the rows (design.md "Comparison grid").
struct VariantStats {
    BatchVariant variant;
    BatchSummary::Outcome outcome = BatchSummary::Outcome::Finished;
    int rows = 0;
    int validFirstTry = 0;
    int validAfterReasks = 0;
    int failed = 0;
    int attempts = 0; // over every finished row
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double meanLatencyMs = 0; // wall time per finished row
    int rowsWithExpected = 0;
    AgreementReport agreement;
    QList<CheckFailureCount> checkFailures; // rows that failed each named check
};

// The statistics of a finished batch.
VariantStats variantStats(const BatchVariant &variant, const BatchSummary &summary,
                          const QList<BatchRowResult> &rows);

// Runs the same input once per variant, one variant after another (a local server serves one
// model at a time best), each as a BatchRunner with the base configuration and the variant's
// model, mode and prompt.
class ComparisonRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonRunner)

public:
    ComparisonRunner(QNetworkAccessManager *network, const BatchConfig &base, const BatchInput &input,
                     const QList<BatchVariant> &variants, QObject *parent = nullptr);
    ~ComparisonRunner() override;

    void start();
    void cancel();
    const QList<VariantStats> &grid() const { return m_grid; }

Q_SIGNALS:
    void variantStarted(int index);
    void progressChanged(int index, const Formwork::BatchProgress &progress);
    void variantFinished(int index, const Formwork::VariantStats &stats);
    void finished(const QList<Formwork::VariantStats> &grid);

private:
    void startNext();

    QNetworkAccessManager *m_network;
    BatchConfig m_base;
    BatchInput m_input;
    QList<BatchVariant> m_variants;
    QList<VariantStats> m_grid;
    QPointer<BatchRunner> m_current;
    int m_next = 0;
    bool m_cancelled = false;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::VariantStats)
