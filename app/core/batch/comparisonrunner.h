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
class HistoryDatabase;

// One column of the comparison grid: the same rows with another model, mode or prompt.
struct BatchVariant {
    BatchVariant() = default;
    BatchVariant(const QString &model, ExtractionMode mode, const std::optional<QString> &userPrompt = std::nullopt,
                 const QString &label = {})
        : model(model)
        , mode(mode)
        , userPrompt(userPrompt)
        , label(label)
    {
    }

    QString model;
    ExtractionMode mode = ExtractionMode::Schema;
    std::optional<QString> userPrompt; // unset: the base prompt
    QString label; // empty: "model / mode", or "model / mode / promptName" with a prompt of its own
    QString promptName; // where userPrompt came from, for the grid: a file name, "prompt 2"
    // The variant's model as the server describes it (context lengths, capabilities), as a single
    // run of that model gets it. Empty name: unknown; then the base's when the model is the
    // base's, else only the server's context (ServerInfo::slotContext).
    ModelInfo modelInfo;

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
    JudgeUsage judges; // the model-judged rules' requests over finished rows, apart from the tokens
};

// What identifies a variant's batch in the history (its out path), so a resume finds it again:
// "comparison:<input>#<model>:<mode>[:@<prompt source>]" with absolute paths: never a file name,
// so never the --out of a batch. `promptSource`: the variant's prompt file, or another name for
// where its prompt came from; empty for the base prompt.
QString comparisonBatchKey(const QString &inputPath, const BatchVariant &variant, const QString &promptSource);

// The statistics of a finished batch.
VariantStats variantStats(const BatchVariant &variant, const BatchSummary &summary, const QList<BatchRowResult> &rows);

// Runs the same input once per variant, one variant after another (a local server serves one
// model at a time best), each as a BatchRunner with the base configuration and the variant's
// model, model info, mode and prompt. With a history, each variant's rows are recorded like a
// batch's, under a batch of its own, so a comparison can be resumed like a batch.
class ComparisonRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonRunner)

public:
    ComparisonRunner(QNetworkAccessManager *network, const BatchConfig &base, const BatchInput &input,
                     const QList<BatchVariant> &variants, QObject *parent = nullptr);
    ~ComparisonRunner() override;

    // Record variant i into `history` under batchIds[i] (made with HistoryDatabase::createBatch,
    // or an unfinished one to resume: its finished rows are not run again). `history` must
    // outlive the runner; ids of 0 are not recorded.
    void setHistory(HistoryDatabase *history, const QList<qint64> &batchIds);

    void start();
    void cancel();
    // Sends no new rows until resumed (rows under way finish); a variant that starts meanwhile
    // starts paused.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_started && !m_finished; }
    const QList<VariantStats> &grid() const { return m_grid; }
    // The configuration variant `index` runs with.
    BatchConfig variantConfig(int index) const;

Q_SIGNALS:
    void variantStarted(int index);
    void progressChanged(int index, const Formwork::BatchProgress &progress);
    void variantFinished(int index, const Formwork::VariantStats &stats);
    void pausedChanged(bool paused);
    // A history write failed: the comparison goes on, but a resume may redo rows.
    void historyError(const QString &message);
    void finished(const QList<Formwork::VariantStats> &grid);

private:
    void startNext();

    QNetworkAccessManager *m_network;
    BatchConfig m_base;
    BatchInput m_input;
    QList<BatchVariant> m_variants;
    QList<VariantStats> m_grid;
    QPointer<BatchRunner> m_current;
    HistoryDatabase *m_history = nullptr;
    QList<qint64> m_batchIds;
    int m_next = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_paused = false;
    bool m_cancelled = false;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::VariantStats)
