// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchcomparison.h"

#include "batchprogress.h"
#include "clicommand.h"
#include "interruptwatcher.h"

#include "checks/judgeusage.h"
#include "llm/backendjobs.h"
#include "llm/ollamabackend.h"
#include "store/historydatabase.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QTextStream>

#include <algorithm>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

QString outcomeName(BatchSummary::Outcome outcome)
{
    switch (outcome) {
    case BatchSummary::Outcome::Finished:
        return QStringLiteral("finished");
    case BatchSummary::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case BatchSummary::Outcome::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

QString agreementCell(const VariantStats &s)
{
    if (s.rowsWithExpected == 0)
        return QStringLiteral("-");
    return QStringLiteral("%1% (%2/%3)")
        .arg(s.agreement.leaves.ratio() * 100.0, 0, 'f', 1)
        .arg(s.agreement.leaves.agreed)
        .arg(s.agreement.leaves.total);
}

// Whether any variant's checks asked a model to judge a rule: then the grid gives what the
// judges cost, apart from the extraction's tokens.
bool anyJudgeRequests(const QList<VariantStats> &grid)
{
    return std::any_of(grid.cbegin(), grid.cend(), [](const VariantStats &s) { return s.judges.requests > 0; });
}

// The lines of the table: a label, then one cell per variant.
QList<QStringList> tableRows(const QList<VariantStats> &grid)
{
    QList<QStringList> rows;
    const auto row = [&rows, &grid](const QString &label, const std::function<QString(const VariantStats &)> &cell) {
        QStringList line { label };
        for (const VariantStats &s : grid)
            line.append(cell(s));
        rows.append(line);
    };
    row(QString(), [](const VariantStats &s) { return s.variant.displayName(); });
    row(QCoreApplication::translate("cli", "valid first try"),
        [](const VariantStats &s) { return QString::number(s.validFirstTry); });
    row(QCoreApplication::translate("cli", "valid after reasks"),
        [](const VariantStats &s) { return QString::number(s.validAfterReasks); });
    row(QCoreApplication::translate("cli", "failed"), [](const VariantStats &s) { return QString::number(s.failed); });
    row(QCoreApplication::translate("cli", "attempts"),
        [](const VariantStats &s) { return QString::number(s.attempts); });
    row(QCoreApplication::translate("cli", "tokens"),
        [](const VariantStats &s) { return QString::number(s.promptTokens + s.completionTokens); });
    row(QCoreApplication::translate("cli", "mean latency (ms)"),
        [](const VariantStats &s) { return QString::number(qRound64(s.meanLatencyMs)); });
    const auto any = [&grid](const std::function<bool(const VariantStats &)> &test) {
        return std::any_of(grid.cbegin(), grid.cend(), test);
    };
    if (anyJudgeRequests(grid))
        row(QCoreApplication::translate("cli", "judge tokens (requests)"), [](const VariantStats &s) {
            return QStringLiteral("%1 (%2)").arg(s.judges.tokens()).arg(s.judges.requests);
        });
    if (any([](const VariantStats &s) { return s.rowsWithExpected > 0; }))
        row(QCoreApplication::translate("cli", "field agreement"), agreementCell);
    if (any([](const VariantStats &s) { return s.outcome != BatchSummary::Outcome::Finished; }))
        row(QCoreApplication::translate("cli", "outcome"),
            [](const VariantStats &s) { return outcomeName(s.outcome); });
    return rows;
}

} // namespace

std::optional<BatchVariant> parseVariant(const QString &value, ExtractionMode defaultMode, QString *promptPath)
{
    BatchVariant variant;
    QString head = value;
    // A model name has no '@', a file name may have ':': the first ":@" ends the model part.
    if (const qsizetype at = value.indexOf(QLatin1String(":@")); at >= 0) {
        const QString path = value.mid(at + 2);
        if (path.isEmpty())
            return std::nullopt;
        if (promptPath)
            *promptPath = path;
        head = value.left(at);
    } else if (promptPath) {
        promptPath->clear();
    }
    variant.model = head;
    variant.mode = defaultMode;
    const qsizetype colon = head.lastIndexOf(u':');
    if (colon >= 0) {
        if (const auto mode = extractionModeFromName(head.mid(colon + 1))) {
            variant.model = head.left(colon);
            variant.mode = *mode;
        }
    }
    if (variant.model.trimmed().isEmpty())
        return std::nullopt;
    return variant;
}

void learnVariantModels(LlmBackend *backend, QList<BatchVariant> &variants)
{
    auto *ollama = qobject_cast<OllamaBackend *>(backend);
    if (!ollama)
        return; // /v1/models names the models and nothing more
    QHash<QString, ModelInfo> known;
    for (BatchVariant &variant : variants) {
        if (!variant.modelInfo.name.isEmpty())
            continue;
        if (!known.contains(variant.model)) {
            QEventLoop loop;
            ModelInfo info;
            ModelDetailsJob *job = ollama->showModel(variant.model);
            QObject::connect(job, &ModelDetailsJob::finished, &loop, [&info, &loop](const ModelInfo &shown) {
                info = shown;
                loop.quit();
            });
            QObject::connect(job, &ModelDetailsJob::failed, &loop, &QEventLoop::quit);
            loop.exec();
            known.insert(variant.model, info);
        }
        variant.modelInfo = known.value(variant.model);
    }
}

QString comparisonTable(const QList<VariantStats> &grid)
{
    const QList<QStringList> rows = tableRows(grid);
    QList<qsizetype> widths(rows.constFirst().size(), 0);
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    QString table;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 == row.size() ? row[c] : row[c].leftJustified(widths[c] + 2);
        while (line.endsWith(u' '))
            line.chop(1);
        table += line + u'\n';
    }
    return table;
}

Json comparisonJson(const QList<VariantStats> &grid)
{
    Json out = Json::array();
    const bool judged = anyJudgeRequests(grid);
    for (const VariantStats &s : grid) {
        Json v = Json::object();
        v["variant"] = s.variant.displayName().toStdString();
        v["model"] = s.variant.model.toStdString();
        v["mode"] = extractionModeName(s.variant.mode).toStdString();
        v["prompt"] = s.variant.userPrompt ? Json(s.variant.promptName.toStdString()) : Json(); // null: --template
        v["outcome"] = outcomeName(s.outcome).toStdString();
        v["rows"] = s.rows;
        v["valid_first_try"] = s.validFirstTry;
        v["valid_after_reasks"] = s.validAfterReasks;
        v["failed"] = s.failed;
        v["attempts"] = s.attempts;
        v["prompt_tokens"] = s.promptTokens;
        v["completion_tokens"] = s.completionTokens;
        v["mean_latency_ms"] = s.meanLatencyMs;
        v["rows_with_expected"] = s.rowsWithExpected;
        v["agreement"] = s.rowsWithExpected > 0 ? s.agreement.toJson() : Json();
        v["check_failures"] = checkFailureCountsJson(s.checkFailures);
        if (judged)
            v["judge_usage"] = judgeUsageJson(s.judges);
        out.push_back(std::move(v));
    }
    return out;
}

int runComparison(QNetworkAccessManager *network, const BatchConfig &config, const BatchInput &input,
                  const QList<BatchVariant> &variants, bool json, QTextStream &out, QTextStream &err,
                  HistoryDatabase *history, const QList<qint64> &batchIds)
{
    ComparisonRunner runner(network, config, input, variants);
    if (history)
        runner.setHistory(history, batchIds);
    QObject::connect(&runner, &ComparisonRunner::historyError, &runner, [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "warning: %1").arg(message) << Qt::endl;
    });
    ProgressPrinter printer(err);
    InterruptWatcher interrupt;
    QEventLoop loop;
    BatchProgress last;
    QList<VariantStats> grid;
    QObject::connect(&runner, &ComparisonRunner::variantStarted, &loop, [&](int index) {
        err << QCoreApplication::translate("cli", "variant %1/%2: %3")
                   .arg(index + 1)
                   .arg(variants.size())
                   .arg(variants.at(index).displayName())
            << Qt::endl;
    });
    QObject::connect(&runner, &ComparisonRunner::progressChanged, &loop, [&](int, const BatchProgress &p) {
        last = p;
        printer.show(p);
    });
    QObject::connect(&runner, &ComparisonRunner::variantFinished, &loop, [&](int) { printer.finish(last); });
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&] {
        printer.breakLine();
        err << QCoreApplication::translate("cli", "batch: interrupted; stopping the rows in flight.") << Qt::endl;
        runner.cancel();
    });
    QObject::connect(&runner, &ComparisonRunner::finished, &loop, [&](const QList<VariantStats> &g) {
        grid = g;
        loop.quit();
    });
    runner.start();
    loop.exec();

    if (history) {
        const bool complete = grid.size() == variants.size()
            && std::all_of(grid.cbegin(), grid.cend(),
                           [](const VariantStats &s) { return s.outcome == BatchSummary::Outcome::Finished; });
        for (const qint64 id : batchIds) {
            if (id > 0)
                history->setBatchStatus(id, complete ? QStringLiteral("finished") : QStringLiteral("stopped"));
        }
    }
    if (json)
        out << QString::fromStdString(comparisonJson(grid).dump(2, ' ', false, Json::error_handler_t::replace))
            << Qt::endl;
    else
        out << comparisonTable(grid) << Qt::flush;
    if (interrupt.isInterrupted())
        return ExitInterrupted;
    const bool unreachable = std::any_of(grid.cbegin(), grid.cend(), [](const VariantStats &s) {
        return s.outcome == BatchSummary::Outcome::Unreachable;
    });
    if (!unreachable)
        return ExitSuccess;
    err << QCoreApplication::translate("cli", "batch: the server could not be reached; the grid is incomplete.")
        << Qt::endl;
    return ExitBackend;
}

} // namespace Cli
} // namespace Formwork
