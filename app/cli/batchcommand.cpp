// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchcommand.h"

#include "checks/checksattemptchecker.h"
#include "checksoptions.h"
#include "llm/llmbackend.h"

#include "batch/batchinput.h"
#include "clihelp.h"
#include "batch/batchrunner.h"
#include "export/atomicfile.h"
#include "export/jsonexport.h"
#include "export/rowexport.h"
#include "llm/hostresolver.h"
#include "schemafile.h"
#include "store/historydatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

// "1h 02m", "3m 07s", "12s"
QString duration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1h %2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(seconds);
}

QString progressLine(const BatchProgress &p)
{
    QString line = QCoreApplication::translate("cli", "batch: %1/%2 done, %3 valid first try, %4 after reasks, "
                                                      "%5 failed")
                       .arg(p.done)
                       .arg(p.total)
                       .arg(p.validFirstTry)
                       .arg(p.validAfterReasks)
                       .arg(p.failed);
    if (p.rowsPerMinute > 0)
        line += QCoreApplication::translate("cli", ", %1 rows/min").arg(p.rowsPerMinute, 0, 'f', 1);
    if (p.etaSeconds >= 0 && p.done < p.total)
        line += QCoreApplication::translate("cli", ", ETA %1").arg(duration(p.etaSeconds));
    return line;
}

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
};

QByteArray failureLines(const QList<BatchRowResult> &rows)
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
        if (row.hasValue)
            line["last_value"] = row.value;
        out += QByteArray::fromStdString(line.dump(-1, ' ', false, Json::error_handler_t::replace)) + '\n';
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
            valid.append(ExportRow { row.rowId, row.value });
    }
    if (const QString error = writeRows(options.outPath, valid, schema.document(), options.exportOptions);
        !error.isEmpty()) {
        err << error << Qt::endl;
        return false;
    }
    const QString failuresPath = options.outPath + QStringLiteral(".failures.jsonl");
    const QByteArray failures = failureLines(runner.results());
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
            err << QCoreApplication::translate("cli", "batch: cannot resume: %1 changed since batch %2 began (run "
                                                      "without --resume to start again).")
                       .arg(QDir::toNativeSeparators(options.inputPath))
                       .arg(unfinished->id)
                << Qt::endl;
            return 0;
        }
        if (unfinished->schemaJson != schemaJson || unfinished->model != config.model) {
            err << QCoreApplication::translate("cli", "batch: cannot resume: batch %1 ran with another schema or model "
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
        err << QCoreApplication::translate("cli", "batch: batch %1 for this output did not finish; starting a new "
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
    const bool terminal = isatty(fileno(stderr)) != 0;
    QEventLoop loop;
    BatchSummary summary;
    QElapsedTimer lastLine;
    QObject::connect(&runner, &BatchRunner::progressChanged, &loop,
                     [&err, terminal, &lastLine](const BatchProgress &p) {
                         // A terminal line is rewritten in place; a log gets at most a line a second.
                         if (terminal) {
                             err << '\r' << progressLine(p) << "\x1b[K" << Qt::flush;
                         } else if (!lastLine.isValid() || lastLine.elapsed() >= 1000 || p.done == p.total) {
                             err << progressLine(p) << Qt::endl;
                             lastLine.start();
                         }
                     });
    QObject::connect(&runner, &BatchRunner::endpointTakenOut, &loop,
                     [&err, terminal](const QString &endpoint, const QString &reason) {
                         err << (terminal ? QStringLiteral("\n") : QString())
                             << QCoreApplication::translate("cli", "batch: %1 taken out: %2").arg(endpoint, reason)
                             << Qt::endl;
                     });
    QObject::connect(&runner, &BatchRunner::historyError, &loop, [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "warning: %1").arg(message) << Qt::endl;
    });
    QObject::connect(&runner, &BatchRunner::finished, &loop, [&loop, &summary](const BatchSummary &s) {
        summary = s;
        loop.quit();
    });
    runner.start();
    loop.exec();
    if (terminal)
        err << '\r' << progressLine(summary.progress) << "\x1b[K" << Qt::endl;
    return summary;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli", "Extract validated JSON from every row of a CSV, a JSONL file or a folder of .txt/.md files: the\n"
           "valid results go to --out, failures to <out>.failures.jsonl, progress to stderr. Every run is\n"
           "kept in the history, so --resume continues an interrupted batch without redoing finished rows."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption schemaOption(
        QStringLiteral("schema"), QCoreApplication::translate("cli", "The JSON Schema file."), QStringLiteral("file"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QCoreApplication::translate("cli", "The model, e.g. llama3.1:8b."),
                                         QStringLiteral("name"));
    const QCommandLineOption inputOption(
        QStringLiteral("input"),
        QCoreApplication::translate("cli", "The rows: a .csv (header row), a .jsonl (one object per line) or a "
                                           "folder of .txt/.md files."),
        QStringLiteral("path"));
    const QCommandLineOption outOption(
        QStringLiteral("out"),
        QCoreApplication::translate("cli", "The results: .csv, .jsonl or .json (an array), each with a row_id."),
        QStringLiteral("file"));
    const QCommandLineOption templateOption(
        QStringLiteral("template"),
        QCoreApplication::translate("cli", "The user prompt, with {{column}} variables (default: every column as "
                                           "\"name: value\"; a folder gives {{text}} and {{filename}})."),
        QStringLiteral("file"));
    const QCommandLineOption systemOption(
        QStringLiteral("system"),
        QCoreApplication::translate("cli", "A system prompt, may use {{column}} (default: none)."),
        QStringLiteral("text"));
    const QCommandLineOption concurrencyOption(
        QStringLiteral("concurrency"),
        QCoreApplication::translate("cli", "The number of rows at once per server (default: 1)."), QStringLiteral("n"),
        QStringLiteral("1"));
    const QCommandLineOption hostOption(
        QStringLiteral("host"),
        QCoreApplication::translate("cli", "A server address; repeat it to spread the rows over several servers; "
                                           "url#n runs n rows at once there (default: OLLAMA_HOST, else "
                                           "http://127.0.0.1:11434)."),
        QStringLiteral("url"));
    const QCommandLineOption apiOption(
        QStringLiteral("api"),
        QCoreApplication::translate(
            "cli",
            "The server's API: ollama (native) or openai (/v1, for llama-server, LM Studio, vLLM) (default: ollama)."),
        QStringLiteral("api"), QStringLiteral("ollama"));
    const QCommandLineOption modeOption(
        QStringLiteral("mode"),
        QCoreApplication::translate("cli", "How the schema is sent: schema, json, md-json or tools (default: schema)."),
        QStringLiteral("mode"), QStringLiteral("schema"));
    const QCommandLineOption attemptsOption(
        QStringLiteral("attempts"),
        QCoreApplication::translate("cli", "The number of attempts per row, the first included (default: 3)."),
        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption temperatureOption(
        QStringLiteral("temperature"),
        QCoreApplication::translate("cli", "The sampling temperature (default: the server's)."), QStringLiteral("t"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QCoreApplication::translate("cli", "The random seed (default: none)."),
                                        QStringLiteral("n"));
    const QCommandLineOption resumeOption(
        QStringLiteral("resume"),
        QCoreApplication::translate("cli", "Continue the unfinished batch that writes to the same --out: finished "
                                           "rows are not run again (default: off)."));
    const QCommandLineOption expectedOption(
        QStringLiteral("expected-column"),
        QCoreApplication::translate("cli", "A column (or JSONL field) with the expected JSON of each row: report "
                                           "agreement per field (default: none)."),
        QStringLiteral("name"));
    const QCommandLineOption historyOption(QStringLiteral("history"), historyOptionText(), QStringLiteral("file"));
    const QCommandLineOption explodeOption(
        QStringLiteral("explode"),
        QCoreApplication::translate("cli", "CSV: one record per element of an array of objects instead of JSON in a "
                                           "cell (default: off)."));
    const QCommandLineOption bomOption(
        QStringLiteral("bom"),
        QCoreApplication::translate("cli", "CSV: start with a UTF-8 byte order mark, for spreadsheets (default: off)."));
    parser.addOptions({ help, schemaOption, modelOption, inputOption, outOption, templateOption, systemOption,
                        concurrencyOption, hostOption, apiOption, modeOption, attemptsOption, temperatureOption,
                        seedOption, resumeOption, expectedOption, historyOption, explodeOption, bomOption });
    const ChecksOptions checksOptions;
    parser.addOptions(checksOptions.list());

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto usage = [&err](const QString &message) {
        err << QStringLiteral("batch: ") << message << Qt::endl;
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        out << commandHelpText(parser, QStringLiteral("batch"));
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(QCoreApplication::translate("cli", "unexpected argument '%1'.").arg(parser.positionalArguments().constFirst()));
    for (const QCommandLineOption *required : { &schemaOption, &modelOption, &inputOption, &outOption }) {
        if (!parser.isSet(*required))
            return usage(QCoreApplication::translate("cli", "--%1 is required.").arg(required->names().constFirst()));
    }

    Options options;
    options.schemaPath = parser.value(schemaOption);
    options.inputPath = parser.value(inputOption);
    options.outPath = parser.value(outOption);
    options.resume = parser.isSet(resumeOption);
    options.historyPath = parser.isSet(historyOption) ? parser.value(historyOption) : HistoryDatabase::defaultPath();
    options.exportOptions.explodeObjectArrays = parser.isSet(explodeOption);
    options.exportOptions.bom = parser.isSet(bomOption);
    if (!rowExportFormatForPath(options.outPath))
        return usage(QCoreApplication::translate("cli", "--out must end in .csv, .jsonl or .json."));

    BatchConfig config;
    config.model = parser.value(modelOption);
    const auto mode = extractionModeFromName(parser.value(modeOption));
    if (!mode)
        return usage(QCoreApplication::translate("cli", "unknown mode '%1' (use schema, json, md-json or tools).").arg(parser.value(modeOption)));
    config.prompt.mode = *mode;
    const QString apiName = parser.value(apiOption);
    if (apiName != u"ollama" && apiName != u"openai")
        return usage(QCoreApplication::translate("cli", "unknown API '%1' (use ollama or openai).").arg(apiName));
    config.api = apiName == u"openai" ? BackendApi::OpenAi : BackendApi::Ollama;
    bool ok = false;
    config.prompt.maxAttempts = parser.value(attemptsOption).toInt(&ok);
    if (!ok || config.prompt.maxAttempts < 1)
        return usage(QCoreApplication::translate("cli", "--attempts needs a whole number of at least 1."));
    const int concurrency = parser.value(concurrencyOption).toInt(&ok);
    if (!ok || concurrency < 1)
        return usage(QCoreApplication::translate("cli", "--concurrency needs a whole number of at least 1."));
    if (parser.isSet(temperatureOption)) {
        config.prompt.options.temperature = parser.value(temperatureOption).toDouble(&ok);
        if (!ok || *config.prompt.options.temperature < 0)
            return usage(QCoreApplication::translate("cli", "--temperature needs a number of at least 0."));
    }
    if (parser.isSet(seedOption)) {
        config.prompt.options.seed = parser.value(seedOption).toLongLong(&ok);
        if (!ok)
            return usage(QCoreApplication::translate("cli", "--seed needs a whole number."));
    }
    const QStringList hosts = parser.values(hostOption);
    for (const QString &host : hosts) {
        const auto endpoint = parseHost(host, concurrency);
        if (!endpoint)
            return usage(QCoreApplication::translate("cli", "--host '%1' is not a server address (url or url#n).").arg(host));
        config.endpoints.append(*endpoint);
    }
    if (config.endpoints.isEmpty())
        config.endpoints.append(BatchEndpoint { resolveBaseUrl(QString()), concurrency });
    config.bearerToken = qEnvironmentVariable("FORMWORK_API_KEY");
    // Test seam and CI knob, as for extract: the transport backoff base in milliseconds.
    const QByteArray backoff = qgetenv("FORMWORK_BACKOFF_BASE_MS");
    if (!backoff.isEmpty())
        config.backoffBaseMs = backoff.toInt();

    QString error;
    config.schema = loadSchemaFile(options.schemaPath, QStringLiteral("batch"), error);
    if (!config.schema) {
        err << error << Qt::endl;
        return ExitUsage;
    }

    const auto checks = checksOptions.load(parser);
    if (!checks)
        return usage(checks.error());

    // Every input error is found here, before a single request is sent.
    BatchInputOptions inputOptions;
    inputOptions.expectedColumn = parser.value(expectedOption);
    auto input = readBatchInput(options.inputPath, inputOptions);
    if (!input) {
        err << input.error() << Qt::endl;
        return ExitUsage;
    }
    if (input->rows.isEmpty())
        return usage(QCoreApplication::translate("cli", "%1 has no rows.").arg(QDir::toNativeSeparators(options.inputPath)));
    if (parser.isSet(templateOption)) {
        QFile file(parser.value(templateOption));
        if (!file.open(QIODevice::ReadOnly))
            return usage(QCoreApplication::translate("cli", "cannot read %1: %2").arg(file.fileName(), file.errorString()));
        config.prompt.userPrompt = QString::fromUtf8(file.readAll());
    } else {
        config.prompt.userPrompt = defaultBatchTemplate(input->columns);
    }
    config.prompt.systemPrompt = parser.value(systemOption);
    const QStringList used = templateVariableNames(config.prompt.systemPrompt + u'\n' + config.prompt.userPrompt);
    for (const QString &name : used) {
        if (!input->columns.contains(name))
            return usage(QCoreApplication::translate("cli", "the template uses {{%1}} but %2 has no such column (it has: %3).")
                             .arg(name, QDir::toNativeSeparators(options.inputPath),
                                  input->columns.join(QStringLiteral(", "))));
    }

    HistoryDatabase history;
    bool haveHistory = false;
    if (const QString problem = history.open(options.historyPath); !problem.isEmpty()) {
        err << problem << Qt::endl;
        if (options.resume)
            return ExitUsage;
        err << QCoreApplication::translate("cli", "batch: going on without a history (--resume will not be possible).") << Qt::endl;
    } else {
        haveHistory = true;
    }
    const QString schemaJson
        = QString::fromStdString(config.schema->document().dump(-1, ' ', false, Json::error_handler_t::replace));
    qint64 batchId = 0;
    if (haveHistory) {
        batchId = batchInHistory(err, history, options, *input, config, schemaJson);
        if (batchId == 0 && options.resume)
            return ExitUsage;
    }

    QNetworkAccessManager network;
    // Model-judged rules ask the first server; each row's grounding looks in that row's prompt.
    BackendConfig judgeConfig;
    judgeConfig.baseUrl = config.endpoints.constFirst().url;
    judgeConfig.bearerToken = config.bearerToken;
    std::unique_ptr<LlmBackend> judge(LlmBackend::create(config.api, &network, judgeConfig));
    if (!checks->isEmpty())
        config.checker = std::make_shared<ChecksAttemptChecker>(*checks, judge.get());
    BatchRunner runner(&network, config, *input);
    if (batchId > 0)
        runner.setHistory(&history, batchId);
    const BatchSummary summary = runBatch(err, runner);

    const bool written = writeOutputs(err, options, runner, *config.schema);
    printAgreement(err, summary);
    if (batchId > 0)
        history.setBatchStatus(batchId, summary.outcome == BatchSummary::Outcome::Finished ? QStringLiteral("finished")
                                                                                             : QStringLiteral("stopped"));
    if (summary.outcome == BatchSummary::Outcome::Unreachable) {
        err << QCoreApplication::translate("cli", "batch stopped: %1 Start the server and run again with --resume.")
                   .arg(summary.message)
            << Qt::endl;
        return ExitBackend;
    }
    if (!written)
        return ExitUsage;
    const BatchProgress &p = summary.progress;
    err << QCoreApplication::translate("cli", "batch: %1 rows, %2 valid (%3 after reasks), %4 failed; results in %5")
               .arg(p.total)
               .arg(p.validFirstTry + p.validAfterReasks)
               .arg(p.validAfterReasks)
               .arg(p.failed)
               .arg(QDir::toNativeSeparators(options.outPath))
        << Qt::endl;
    return p.failed > 0 ? ExitInvalid : ExitSuccess;
}

} // namespace

CliCommand batchCommand()
{
    return { QStringLiteral("batch"),
             QCoreApplication::translate("cli", "Extract validated JSON from every row of a CSV, JSONL or folder."),
             run };
}

} // namespace Cli
} // namespace Formwork
