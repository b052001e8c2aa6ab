// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchcommand.h"

#include "checks/checksattemptchecker.h"
#include "checks/judgeusage.h"
#include "checksoptions.h"
#include "common/compactjson.h"
#include "llm/llmbackend.h"

#include "batch/batchinput.h"
#include "batch/batchrunner.h"
#include "batchcomparison.h"
#include "batchprogress.h"
#include "clihelp.h"
#include "documents/documenttext.h"
#include "export/atomicfile.h"
#include "export/jsonexport.h"
#include "export/rowexport.h"
#include "interruptwatcher.h"
#include "llm/hostresolver.h"
#include "runoptions.h"
#include "store/historydatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <algorithm>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

// "URL" or "URL#K" (K rows at once on that server).
std::optional<BatchEndpoint> parseHost(const QString &value, int concurrency)
{
    BatchEndpoint endpoint;
    endpoint.concurrency = concurrency;
    QString url = value;
    const qsizetype hash = value.lastIndexOf(u'#');
    if (hash >= 0) {
        bool ok = false;
        endpoint.concurrency = value.mid(hash + 1).toInt(&ok);
        if (!ok || endpoint.concurrency < 1)
            return std::nullopt;
        url = value.left(hash);
    }
    endpoint.url = connectableOllamaUrl(url);
    if (!endpoint.url.isValid())
        return std::nullopt;
    return endpoint;
}

struct Options {
    QString schemaPath;
    QString inputPath;
    QString outPath;
    QString historyPath;
    bool resume = false;
    RowExportOptions exportOptions;
    // With model-judged rules, every row written says what its judges cost ("judge_usage").
    bool judgeUsage = false;
};

constexpr const char *JudgeUsageKey = "judge_usage";

bool hasModelJudgedRules(const CheckList &checks)
{
    return std::any_of(checks.cbegin(), checks.cend(),
                       [](const CheckDefinition &check) { return check.enabled && check.kind == CheckKind::Rule; });
}

// A valid row as written to --out: its value, with judge_usage last when the judges are counted
// (not over a member of that name, nor beside a value that is not an object).
Json exportedValue(const BatchRowResult &row, bool judgeUsage)
{
    if (!judgeUsage || !row.value.is_object() || row.value.contains(JudgeUsageKey))
        return row.value;
    Json value = row.value;
    value[JudgeUsageKey] = judgeUsageJson(row.judges);
    return value;
}

// One JSON object per failed row: row_id, input, status, attempts, message, errors (the last
// attempt's, as text), check_failures ([{check, kind, soft, message, instancePath}] of the
// deciding attempt, soft ones included), judge_usage with model-judged rules, and last_value when
// a reply parsed.
QByteArray failureLines(const QList<BatchRowResult> &rows, bool judgeUsage)
{
    QByteArray out;
    for (const BatchRowResult &row : rows) {
        if (row.status != BatchRowStatus::Invalid && row.status != BatchRowStatus::Error)
            continue;
        Json errors = Json::array();
        for (const QString &line : row.lastErrors)
            errors.push_back(line.toStdString());
        Json line = Json::object();
        line["row_id"] = row.rowId.toStdString();
        line["input"] = row.reference.toStdString();
        line["status"] = batchRowStatusName(row.status).toStdString();
        line["attempts"] = row.attempts;
        line["message"] = row.message.toStdString();
        line["errors"] = std::move(errors);
        // Beside the errors' text, the named checks among them and the soft ones (README, "Batch").
        line["check_failures"] = checkFailureDetailsJson(row.checkFailureDetails);
        if (judgeUsage)
            line[JudgeUsageKey] = judgeUsageJson(row.judges);
        if (row.hasValue)
            line["last_value"] = row.value;
        out += compactJsonBytes(line) + '\n';
    }
    return out;
}

void printAgreement(QTextStream &err, const BatchSummary &summary)
{
    if (summary.rowsWithExpected == 0)
        return;
    const AgreementReport &a = summary.agreement;
    err << QCoreApplication::translate("cli", "agreement with expected values: %1/%2 rows, %3/%4 fields (%5%)")
               .arg(a.rows.agreed)
               .arg(a.rows.total)
               .arg(a.leaves.agreed)
               .arg(a.leaves.total)
               .arg(a.leaves.ratio() * 100.0, 0, 'f', 1)
        << Qt::endl;
    for (const std::string &field : a.fieldOrder) {
        const AgreementReport::Count &c = a.fields.at(field);
        err << QStringLiteral("  %1  %2/%3")
                   .arg(QString::fromStdString(field.empty() ? std::string("/") : field))
                   .arg(c.agreed)
                   .arg(c.total)
            << Qt::endl;
    }
}

// Writes the valid rows to --out and the failed ones to <out>.failures.jsonl. Returns false
// (after saying why) when a file could not be written.
bool writeOutputs(QTextStream &err, const Options &options, const BatchRunner &runner, const Schema &schema)
{
    QList<ExportRow> valid;
    for (const BatchRowResult &row : runner.results()) {
        if (row.status == BatchRowStatus::Valid)
            valid.append(ExportRow { row.rowId, exportedValue(row, options.judgeUsage) });
    }
    if (const QString error = writeRows(options.outPath, valid, schema.document(), options.exportOptions);
        !error.isEmpty()) {
        err << error << Qt::endl;
        return false;
    }
    const QString failuresPath = options.outPath + QStringLiteral(".failures.jsonl");
    const QByteArray failures = failureLines(runner.results(), options.judgeUsage);
    if (failures.isEmpty()) {
        QFile::remove(failuresPath); // from an earlier run of this batch
        return true;
    }
    if (const QString error = writeFileAtomically(failuresPath, failures); !error.isEmpty()) {
        err << error << Qt::endl;
        return false;
    }
    err << QCoreApplication::translate("cli", "failures: %1").arg(QDir::toNativeSeparators(failuresPath)) << Qt::endl;
    return true;
}

// Finds the batch to continue (--resume) or records a new one. Returns 0 after printing why not.
qint64 batchInHistory(QTextStream &err, HistoryDatabase &history, const Options &options, const BatchInput &input,
                      const BatchConfig &config, const QString &schemaJson)
{
    const QString out = QFileInfo(options.outPath).absoluteFilePath();
    const auto unfinished = history.latestUnfinishedBatch(out);
    if (options.resume && unfinished) {
        if (unfinished->inputFingerprint != input.fingerprint) {
            err << QCoreApplication::translate("cli",
                                               "batch: cannot resume: %1 changed since batch %2 began (run "
                                               "without --resume to start again).")
                       .arg(QDir::toNativeSeparators(options.inputPath))
                       .arg(unfinished->id)
                << Qt::endl;
            return 0;
        }
        if (unfinished->schemaJson != schemaJson || unfinished->model != config.model) {
            err << QCoreApplication::translate("cli",
                                               "batch: cannot resume: batch %1 ran with another schema or model "
                                               "(run without --resume to start again).")
                       .arg(unfinished->id)
                << Qt::endl;
            return 0;
        }
        err << QCoreApplication::translate("cli", "batch: resuming batch %1").arg(unfinished->id) << Qt::endl;
        history.setBatchStatus(unfinished->id, QStringLiteral("running"));
        return unfinished->id;
    }
    if (options.resume)
        err << QCoreApplication::translate("cli", "batch: nothing to resume for %1; starting a new batch.")
                   .arg(QDir::toNativeSeparators(options.outPath))
            << Qt::endl;
    else if (unfinished)
        err << QCoreApplication::translate("cli",
                                           "batch: batch %1 for this output did not finish; starting a new "
                                           "one (--resume continues it).")
                   .arg(unfinished->id)
            << Qt::endl;
    StoredBatch batch;
    batch.inputPath = QFileInfo(options.inputPath).absoluteFilePath();
    batch.inputFingerprint = input.fingerprint;
    batch.outPath = out;
    batch.model = config.model;
    batch.mode = extractionModeName(config.prompt.mode);
    batch.schemaJson = schemaJson;
    batch.rowCount = int(input.rows.size());
    const qint64 id = history.createBatch(batch);
    if (id == 0)
        err << history.lastError() << Qt::endl;
    return id;
}

// Runs the batch and waits for it; progress on stderr.
BatchSummary runBatch(QTextStream &err, BatchRunner &runner)
{
    ProgressPrinter printer(err);
    // Ctrl-C stops the rows in flight; the rows finished so far are then written as usual.
    InterruptWatcher interrupt;
    QEventLoop loop;
    BatchSummary summary;
    QObject::connect(&runner, &BatchRunner::progressChanged, &loop,
                     [&printer](const BatchProgress &p) { printer.show(p); });
    QObject::connect(&runner, &BatchRunner::endpointTakenOut, &loop,
                     [&err, &printer](const QString &endpoint, const QString &reason) {
                         printer.breakLine();
                         err << QCoreApplication::translate("cli", "batch: %1 taken out: %2").arg(endpoint, reason)
                             << Qt::endl;
                     });
    QObject::connect(&runner, &BatchRunner::historyError, &loop, [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "warning: %1").arg(message) << Qt::endl;
    });
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&err, &printer, &runner] {
        printer.breakLine();
        err << QCoreApplication::translate("cli", "batch: interrupted; stopping the rows in flight.") << Qt::endl;
        runner.cancel();
    });
    QObject::connect(&runner, &BatchRunner::finished, &loop, [&loop, &summary](const BatchSummary &s) {
        summary = s;
        loop.quit();
    });
    runner.start();
    loop.exec();
    printer.finish(summary.progress);
    return summary;
}

// The options of batch: the shared ones of a run, then its own.
struct BatchOptions {
    RunOptions run { QStringLiteral("batch"), RunOptions::SchemaFile | RunOptions::Sampling,
                     QCoreApplication::translate("cli",
                                                 "The number of attempts per row, the first included (default: 3).") };
    ChecksOptions checks;
    QCommandLineOption input { QStringLiteral("input"),
                               QCoreApplication::translate(
                                   "cli",
                                   "The rows: a .csv (header row), a .jsonl (one object per line) or a "
                                   "folder of .txt/.md files."),
                               QStringLiteral("path") };
    QCommandLineOption out { QStringLiteral("out"),
                             QCoreApplication::translate(
                                 "cli", "The results: .csv, .jsonl or .json (an array), each with a row_id."),
                             QStringLiteral("file") };
    QCommandLineOption templateFile { QStringLiteral("template"),
                                      QCoreApplication::translate(
                                          "cli",
                                          "The user prompt, with {{column}} variables (default: every column as "
                                          "\"name: value\"; a folder gives {{text}} and {{filename}})."),
                                      QStringLiteral("file") };
    QCommandLineOption system { QStringLiteral("system"),
                                QCoreApplication::translate("cli",
                                                            "A system prompt, may use {{column}} (default: "
                                                            "none)."),
                                QStringLiteral("text") };
    QCommandLineOption concurrency { QStringLiteral("concurrency"),
                                     QCoreApplication::translate("cli",
                                                                 "The number of rows at once per server (default: 1)."),
                                     QStringLiteral("n"), QStringLiteral("1") };
    QCommandLineOption host { QStringLiteral("host"),
                              QCoreApplication::translate(
                                  "cli",
                                  "A server address; repeat it to spread the rows over several servers; "
                                  "url#n runs n rows at once there (default: OLLAMA_HOST, else "
                                  "http://127.0.0.1:11434)."),
                              QStringLiteral("url") };
    QCommandLineOption resume { QStringLiteral("resume"),
                                QCoreApplication::translate(
                                    "cli",
                                    "Continue the unfinished batch that writes to the same --out: finished "
                                    "rows are not run again (default: off).") };
    QCommandLineOption expected { QStringLiteral("expected-column"),
                                  QCoreApplication::translate(
                                      "cli",
                                      "A column (or JSONL field) with the expected JSON of each row: report "
                                      "agreement per field (default: none)."),
                                  QStringLiteral("name") };
    QCommandLineOption history { QStringLiteral("history"), historyOptionText(), QStringLiteral("file") };
    QCommandLineOption explode { QStringLiteral("explode"),
                                 QCoreApplication::translate(
                                     "cli",
                                     "CSV: one record per element of an array of objects instead of JSON in a "
                                     "cell (default: off).") };
    QCommandLineOption bom { QStringLiteral("bom"),
                             QCoreApplication::translate(
                                 "cli", "CSV: start with a UTF-8 byte order mark, for spreadsheets (default: off).") };
    QCommandLineOption variant { QStringLiteral("variant"),
                                 QCoreApplication::translate(
                                     "cli",
                                     "Compare instead: run the rows once per variant (repeat it; a model, "
                                     "optionally with a mode and a user prompt file of its own instead of "
                                     "--template: llama3.1:8b:json:@short.txt) and print the grid of valid "
                                     "first try, after reasks, failed, attempts, tokens, latency and field "
                                     "agreement; no --out; kept in the history, so --resume continues an "
                                     "interrupted comparison (default: none)."),
                                 QStringLiteral("model[:mode][:@file]") };
    QCommandLineOption json { QStringLiteral("json"),
                              QCoreApplication::translate(
                                  "cli", "With --variant: print the grid as JSON (default: a table).") };

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOption(helpOption());
        parser.addOptions(run.list());
        parser.addOptions({ input, out, templateFile, system, concurrency, host, resume, expected, history, explode,
                            bom, variant, json });
        parser.addOptions(checks.list());
    }
};

// One batch invocation once its options are read.
struct BatchJob {
    Options options;
    BatchConfig config;
    BackendConfig backend; // the first server's, for the probe and model-judged rules
    CheckList checks;
    BatchInput input;
    QList<BatchVariant> variants; // --variant: a comparison instead of a batch
    QStringList variantKeys; // each variant's batch in the history (comparisonBatchKey())
    bool json = false;
};

int usage(QTextStream &err, const QString &message)
{
    return usageError(err, QStringLiteral("batch"), message);
}

// The servers of --host (else the default one), each with its concurrency; empty or the error.
QString readEndpoints(const QCommandLineParser &parser, const BatchOptions &options, const RunSetup &setup,
                      BatchConfig &config)
{
    bool ok = false;
    const int concurrency = parser.value(options.concurrency).toInt(&ok);
    if (!ok || concurrency < 1)
        return QCoreApplication::translate("cli", "--concurrency needs a whole number of at least 1.");
    for (const QString &host : parser.values(options.host)) {
        const auto endpoint = parseHost(host, concurrency);
        if (!endpoint)
            return QCoreApplication::translate("cli", "--host '%1' is not a server address (url or url#n).").arg(host);
        config.endpoints.append(*endpoint);
    }
    if (config.endpoints.isEmpty())
        config.endpoints.append(BatchEndpoint { setup.backend.baseUrl, concurrency });
    return {};
}

// The batch's configuration from the shared options of a run.
BatchConfig batchConfigOf(const RunSetup &setup)
{
    BatchConfig config;
    config.api = setup.api;
    config.model = setup.config.model;
    config.schema = setup.config.schema;
    config.prompt.mode = setup.config.mode;
    config.prompt.maxAttempts = setup.config.limits.maxAttempts;
    config.prompt.options = setup.config.options;
    config.bearerToken = setup.backend.bearerToken;
    config.backoffBaseMs = backoffBaseFromEnvironment();
    return config;
}

// The rows, then the prompts that their columns fill. Every input error is found here, before a
// single request is sent.
int readRows(const QCommandLineParser &parser, const BatchOptions &options, QTextStream &err, BatchJob &job)
{
    BatchInputOptions inputOptions;
    inputOptions.expectedColumn = parser.value(options.expected);
    inputOptions.documents = documentReaderForBatches(); // a folder may hold PDFs and HTML pages
    auto input = readBatchInput(job.options.inputPath, inputOptions);
    if (!input) {
        err << input.error() << Qt::endl;
        return ExitUsage;
    }
    job.input = std::move(input).value();
    if (job.input.rows.isEmpty())
        return usage(
            err,
            QCoreApplication::translate("cli", "%1 has no rows.").arg(QDir::toNativeSeparators(job.options.inputPath)));
    PromptSettings &prompt = job.config.prompt;
    if (parser.isSet(options.templateFile)) {
        QFile file(parser.value(options.templateFile));
        if (!file.open(QIODevice::ReadOnly))
            return usage(
                err, QCoreApplication::translate("cli", "cannot read %1: %2").arg(file.fileName(), file.errorString()));
        prompt.userPrompt = QString::fromUtf8(file.readAll());
    } else {
        prompt.userPrompt = defaultBatchTemplate(job.input.columns);
    }
    prompt.systemPrompt = parser.value(options.system);
    for (const QString &name : templateVariableNames(prompt.systemPrompt + u'\n' + prompt.userPrompt)) {
        if (!job.input.columns.contains(name))
            return usage(err,
                         QCoreApplication::translate("cli",
                                                     "the template uses {{%1}} but %2 has no such column "
                                                     "(it has: %3).")
                             .arg(name, QDir::toNativeSeparators(job.options.inputPath),
                                  job.input.columns.join(QStringLiteral(", "))));
    }
    return ExitSuccess;
}

// --variant and --json: the variants to compare, none for a batch; empty or the usage error.
QString readVariants(const QCommandLineParser &parser, const BatchOptions &options, ExtractionMode mode, BatchJob &job)
{
    for (const QString &value : parser.values(options.variant)) {
        QString promptPath;
        auto variant = parseVariant(value, mode, &promptPath);
        if (!variant)
            return QCoreApplication::translate("cli",
                                               "--variant '%1' names no model (model, model:mode or "
                                               "model:mode:@prompt-file).")
                .arg(value);
        if (!promptPath.isEmpty()) {
            QFile file(promptPath);
            if (!file.open(QIODevice::ReadOnly))
                return QCoreApplication::translate("cli", "--variant '%1': cannot read %2: %3")
                    .arg(value, QDir::toNativeSeparators(promptPath), file.errorString());
            variant->userPrompt = QString::fromUtf8(file.readAll());
            variant->promptName = QFileInfo(promptPath).fileName();
            if (variant->userPrompt->trimmed().isEmpty())
                return QCoreApplication::translate("cli", "--variant '%1': %2 is empty.")
                    .arg(value, QDir::toNativeSeparators(promptPath));
        }
        job.variants.append(*variant);
        job.variantKeys.append(comparisonBatchKey(job.options.inputPath, *variant, promptPath));
    }
    job.json = parser.isSet(options.json);
    if (job.variants.isEmpty())
        return job.json ? QCoreApplication::translate("cli", "--json prints the grid of --variant: give --variant too.")
                        : QString();
    if (parser.isSet(options.out))
        return QCoreApplication::translate("cli", "--variant prints a grid: it writes no --out.");
    return {};
}

// A variant's own prompt may use only the input's columns, like --template: said before a
// request is sent.
int checkVariantPrompts(QTextStream &err, const BatchJob &job)
{
    for (const BatchVariant &variant : job.variants) {
        if (!variant.userPrompt)
            continue;
        for (const QString &name : templateVariableNames(*variant.userPrompt)) {
            if (!job.input.columns.contains(name))
                return usage(err,
                             QCoreApplication::translate("cli",
                                                         "the prompt of --variant %1 uses {{%2}} but %3 has no "
                                                         "such column (it has: %4).")
                                 .arg(variant.displayName(), name, QDir::toNativeSeparators(job.options.inputPath),
                                      job.input.columns.join(QStringLiteral(", "))));
        }
    }
    return ExitSuccess;
}

int readJob(const QCommandLineParser &parser, const BatchOptions &options, QTextStream &err, BatchJob &job)
{
    const bool comparing = parser.isSet(options.variant);
    const QList<const QCommandLineOption *> required = comparing
        ? QList<const QCommandLineOption *> { &options.run.schema, &options.input }
        : QList<const QCommandLineOption *> { &options.run.schema, &options.run.model, &options.input, &options.out };
    if (const QString missing = missingOption(parser, required); !missing.isEmpty())
        return usage(err, missing);
    job.options.schemaPath = parser.value(options.run.schema);
    job.options.inputPath = parser.value(options.input);
    job.options.outPath = parser.value(options.out);
    job.options.resume = parser.isSet(options.resume);
    job.options.historyPath = historyPath(parser);
    job.options.exportOptions.explodeObjectArrays = parser.isSet(options.explode);
    job.options.exportOptions.bom = parser.isSet(options.bom);
    if (!comparing && !rowExportFormatForPath(job.options.outPath))
        return usage(err, QCoreApplication::translate("cli", "--out must end in .csv, .jsonl or .json."));
    RunSetup setup;
    if (const int code = options.run.read(parser, err, setup); code != ExitSuccess)
        return code;
    job.config = batchConfigOf(setup);
    if (const QString problem = readVariants(parser, options, setup.config.mode, job); !problem.isEmpty())
        return usage(err, problem);
    if (const QString problem = readEndpoints(parser, options, setup, job.config); !problem.isEmpty())
        return usage(err, problem);
    job.backend = setup.backend;
    job.backend.baseUrl = job.config.endpoints.constFirst().url;
    auto checks = options.checks.load(parser);
    if (!checks)
        return usage(err, checks.error());
    job.checks = std::move(checks).value();
    job.options.judgeUsage = hasModelJudgedRules(job.checks);
    if (const int code = readRows(parser, options, err, job); code != ExitSuccess)
        return code;
    return checkVariantPrompts(err, job);
}

enum class HistoryFile { Open, Without, Refused };

// Opens the history file of a batch or a comparison. Without it the work goes on unrecorded,
// but a --resume cannot (Refused); either way stderr says why.
HistoryFile openHistoryFile(QTextStream &err, HistoryDatabase &history, const BatchJob &job)
{
    const QString problem = history.open(job.options.historyPath);
    if (problem.isEmpty())
        return HistoryFile::Open;
    err << problem << Qt::endl;
    if (job.options.resume)
        return HistoryFile::Refused;
    err << QCoreApplication::translate("cli", "batch: going on without a history (--resume will not be possible).")
        << Qt::endl;
    return HistoryFile::Without;
}

// The history of the batch: the batch to continue or a new one. Returns the exit code when the
// batch cannot go on; `batchId` stays 0 without a history.
std::optional<int> openHistory(QTextStream &err, HistoryDatabase &history, const BatchJob &job, qint64 &batchId)
{
    if (const HistoryFile file = openHistoryFile(err, history, job); file != HistoryFile::Open)
        return file == HistoryFile::Refused ? std::optional<int>(ExitUsage) : std::nullopt;
    const QString schemaJson = compactJsonText(job.config.schema->document());
    batchId = batchInHistory(err, history, job.options, job.input, job.config, schemaJson);
    if (batchId == 0 && job.options.resume)
        return ExitUsage;
    return std::nullopt;
}

// The batch of each variant of a comparison in the history: with --resume the unfinished one of
// the same variant over the same input, else a new one (0: not recorded). nullopt after saying
// why the comparison cannot resume.
std::optional<QList<qint64>> comparisonInHistory(QTextStream &err, HistoryDatabase &history, const BatchJob &job,
                                                 const QString &schemaJson)
{
    QList<qint64> ids;
    QStringList resumed;
    bool leftUnfinished = false;
    for (qsizetype i = 0; i < job.variants.size(); ++i) {
        const BatchVariant &variant = job.variants.at(i);
        const auto unfinished = history.latestUnfinishedBatch(job.variantKeys.at(i));
        if (job.options.resume && unfinished) {
            if (unfinished->inputFingerprint != job.input.fingerprint || unfinished->schemaJson != schemaJson) {
                err << QCoreApplication::translate("cli",
                                                   "batch: cannot resume: the input or the schema changed since "
                                                   "batch %1 (%2) began (run without --resume to start again).")
                           .arg(unfinished->id)
                           .arg(variant.displayName())
                    << Qt::endl;
                return std::nullopt;
            }
            history.setBatchStatus(unfinished->id, QStringLiteral("running"));
            ids.append(unfinished->id);
            resumed.append(QString::number(unfinished->id));
            continue;
        }
        leftUnfinished = leftUnfinished || unfinished.has_value();
        StoredBatch batch;
        batch.inputPath = QFileInfo(job.options.inputPath).absoluteFilePath();
        batch.inputFingerprint = job.input.fingerprint;
        batch.outPath = job.variantKeys.at(i);
        batch.model = variant.model;
        batch.mode = extractionModeName(variant.mode);
        batch.schemaJson = schemaJson;
        batch.rowCount = int(job.input.rows.size());
        const qint64 id = history.createBatch(batch);
        if (id == 0)
            err << history.lastError() << Qt::endl;
        ids.append(id);
    }
    if (!resumed.isEmpty())
        err << QCoreApplication::translate("cli", "batch: resuming the comparison (batches %1)")
                   .arg(resumed.join(QStringLiteral(", ")))
            << Qt::endl;
    else if (job.options.resume)
        err << QCoreApplication::translate("cli",
                                           "batch: nothing to resume for these variants; starting a new "
                                           "comparison.")
            << Qt::endl;
    else if (leftUnfinished)
        err << QCoreApplication::translate("cli",
                                           "batch: a comparison of these variants over this input did not finish; "
                                           "starting a new one (--resume continues it).")
            << Qt::endl;
    return ids;
}

// The history of a comparison, then the comparison itself.
int compare(QNetworkAccessManager *network, LlmBackend *first, BatchJob &job, QTextStream &out, QTextStream &err)
{
    learnVariantModels(first, job.variants);
    HistoryDatabase history;
    QList<qint64> ids;
    if (const HistoryFile file = openHistoryFile(err, history, job); file != HistoryFile::Open) {
        if (file == HistoryFile::Refused)
            return ExitUsage;
        return runComparison(network, job.config, job.input, job.variants, job.json, out, err);
    }
    const QString schemaJson = compactJsonText(job.config.schema->document());
    const auto batches = comparisonInHistory(err, history, job, schemaJson);
    if (!batches)
        return ExitUsage;
    return runComparison(network, job.config, job.input, job.variants, job.json, out, err, &history, *batches);
}

// What answers at the first server, named on stderr, into the batch's configuration. False (after
// saying why) when the --api cannot talk to it.
bool probeBatchServer(QTextStream &err, LlmBackend &backend, BatchJob &job)
{
    ExtractionConfig probed;
    probed.modelInfo = job.config.modelInfo;
    if (!probeServer(err, QStringLiteral("batch"), backend, job.config.api, job.backend.baseUrl, probed))
        return false;
    job.config.server = probed.server;
    job.config.modelInfo = probed.modelInfo;
    return true;
}

// The end of a batch on stderr and its exit code.
int finishBatch(QTextStream &err, const BatchJob &job, const BatchSummary &summary, bool written)
{
    printAgreement(err, summary);
    // Rows resumed from the history are counted too: their failed checks are stored with the run.
    if (const QString checks = checkFailureCountsText(summary.checkFailures); !checks.isEmpty())
        err << QStringLiteral("batch: ") << checks << Qt::endl;
    if (const BatchProgress &p = summary.progress; p.judges.requests > 0)
        err << QCoreApplication::translate("cli", "batch: model-judged rules: %1; not in the extraction's %2 tokens")
                   .arg(judgeUsageText(p.judges))
                   .arg(p.tokens)
            << Qt::endl;
    if (summary.outcome == BatchSummary::Outcome::Unreachable) {
        err << QCoreApplication::translate("cli", "batch stopped: %1 Start the server and run again with --resume.")
                   .arg(summary.message)
            << Qt::endl;
        return ExitBackend;
    }
    if (!written)
        return ExitUsage;
    const BatchProgress &p = summary.progress;
    if (summary.outcome == BatchSummary::Outcome::Cancelled) {
        err << QCoreApplication::translate("cli",
                                           "batch interrupted: %1 of %2 rows done (%3 failed); results so far in "
                                           "%4. Run again with --resume to finish.")
                   .arg(p.done)
                   .arg(p.total)
                   .arg(p.failed)
                   .arg(QDir::toNativeSeparators(job.options.outPath))
            << Qt::endl;
        return ExitInterrupted;
    }
    err << QCoreApplication::translate("cli", "batch: %1 rows, %2 valid (%3 after reasks), %4 failed; results in %5")
               .arg(p.total)
               .arg(p.validFirstTry + p.validAfterReasks)
               .arg(p.validAfterReasks)
               .arg(p.failed)
               .arg(QDir::toNativeSeparators(job.options.outPath))
        << Qt::endl;
    return p.failed > 0 ? ExitInvalid : ExitSuccess;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli",
        "Extract validated JSON from every row of a CSV, a JSONL file or a folder of documents (.txt,\n"
        ".md, .pdf, .html): the valid results go to --out, failures to <out>.failures.jsonl, progress\n"
        "to stderr. Every run is kept in the history, so --resume continues an interrupted batch\n"
        "without redoing finished rows; Ctrl-C writes the rows finished so far and exits with 130.\n"
        "With --variant, the rows run once per variant (each kept in the history as a batch of its\n"
        "own) and the comparison grid goes to stdout instead."));
    const BatchOptions options;
    options.addTo(parser);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto done = parseCommandLine(parser, arguments, QStringLiteral("batch"), out, err))
        return *done;
    BatchJob job;
    if (const int code = readJob(parser, options, err, job); code != ExitSuccess)
        return code;

    QNetworkAccessManager network;
    // The first server is asked what it is (once: it decides the requests of every row) and
    // takes the model-judged rules; each row's grounding looks in that row's prompt.
    std::unique_ptr<LlmBackend> first(LlmBackend::create(job.config.api, &network, job.backend));
    if (!probeBatchServer(err, *first, job))
        return ExitBackend;
    if (!job.checks.isEmpty())
        job.config.checker = std::make_shared<ChecksAttemptChecker>(job.checks, first.get());
    if (!job.variants.isEmpty())
        return compare(&network, first.get(), job, out, err);

    HistoryDatabase history;
    qint64 batchId = 0;
    if (const auto stop = openHistory(err, history, job, batchId))
        return *stop;
    BatchRunner runner(&network, job.config, job.input);
    if (batchId > 0)
        runner.setHistory(&history, batchId);
    const BatchSummary summary = runBatch(err, runner);

    const bool written = writeOutputs(err, job.options, runner, *job.config.schema);
    if (batchId > 0)
        history.setBatchStatus(batchId,
                               summary.outcome == BatchSummary::Outcome::Finished ? QStringLiteral("finished")
                                                                                  : QStringLiteral("stopped"));
    return finishBatch(err, job, summary, written);
}

} // namespace

CliCommand batchCommand()
{
    return { QStringLiteral("batch"),
             QCoreApplication::translate("cli", "Extract validated JSON from every row of a CSV, JSONL or folder"),
             run };
}

} // namespace Cli
} // namespace Formwork
