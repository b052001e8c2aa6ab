// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractcommand.h"

#include "checks/checksattemptchecker.h"
#include "checksoptions.h"

#include "clihelp.h"
#include "documents/documenttext.h"
#include "schemafile.h"

#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "export/atomicfile.h"
#include "export/runreport.h"
#include "grounding/chunkedextraction.h"
#include "grounding/grounder.h"
#include "llm/hostresolver.h"
#include "llm/llmbackend.h"
#include "llm/ollamabackend.h"
#include "llm/serverprobe.h"
#include "schema/schema.h"
#include "store/historydatabase.h"
#include "store/runrecorder.h"
#include "json/jsonparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <memory>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Json traceLine(const AttemptRecord &a)
{
    Json line = Json::object();
    line["attempt"] = a.number;
    line["outcome"] = utf8(attemptOutcomeName(a.outcome));
    const Json request = Json::parse(a.requestJson.constBegin(), a.requestJson.constEnd(), nullptr, false);
    line["request"] = request.is_discarded() ? Json(a.requestJson.toStdString()) : request;
    line["content"] = utf8(a.content);
    line["thinking"] = utf8(a.thinking);
    Json calls = Json::array();
    for (const ToolCall &call : a.toolCalls)
        calls.push_back(
            Json { { "id", utf8(call.id) }, { "name", utf8(call.name) }, { "arguments", utf8(call.argumentsJson) } });
    line["tool_calls"] = std::move(calls);
    line["done_reason"] = utf8(a.doneReason);
    line["model"] = utf8(a.model); // the model that answered (a single-model server names its own)
    line["extracted"] = a.extracted ? Json::array({ a.span.begin, a.span.end }) : Json();
    line["value"] = a.parsed ? a.value : Json();
    if (!a.parseError.isEmpty())
        line["parse_error"] = utf8(a.parseError);
    Json errors = Json::array();
    for (const ValidationError &e : a.errors) {
        Json error = Json::object();
        error["instancePath"] = utf8(e.instancePath);
        error["keywordLocation"] = utf8(e.keywordLocation);
        error["message"] = utf8(e.message);
        error["range"] = e.range.isValid() ? Json::array({ e.range.begin, e.range.end }) : Json();
        if (!e.kind.isEmpty()) { // a check beyond the schema: its kind and name
            error["kind"] = utf8(e.kind);
            error["check"] = utf8(e.keyword);
        }
        errors.push_back(std::move(error));
    }
    line["errors"] = std::move(errors);
    if (!a.softErrors.isEmpty()) {
        Json soft = Json::array();
        for (const ValidationError &e : a.softErrors)
            soft.push_back(Json { { "instancePath", utf8(e.instancePath) }, { "kind", utf8(e.kind) },
                                  { "check", utf8(e.keyword) }, { "message", utf8(e.message) },
                                  { "range", e.range.isValid() ? Json::array({ e.range.begin, e.range.end }) : Json() } });
        line["soft_errors"] = std::move(soft);
    }
    if (a.judgeUsage.promptTokens + a.judgeUsage.completionTokens > 0)
        line["judge_usage"] = Json { { "prompt_tokens", a.judgeUsage.promptTokens },
                                     { "completion_tokens", a.judgeUsage.completionTokens },
                                     { "wall_ms", a.judgeWallTimeMs } };
    if (!a.errorText.isEmpty())
        line["error_text"] = utf8(a.errorText);
    line["usage"] = Json { { "prompt_tokens", a.usage.promptTokens },
                           { "completion_tokens", a.usage.completionTokens },
                           { "cumulative_prompt_tokens", a.cumulativePromptTokens },
                           { "cumulative_completion_tokens", a.cumulativeCompletionTokens } };
    line["timings"] = Json { { "load_ns", a.timings.loadNs }, { "prompt_eval_ns", a.timings.promptEvalNs },
                             { "eval_ns", a.timings.evalNs }, { "total_ns", a.timings.totalNs },
                             { "wall_ms", a.wallTimeMs },     { "first_token_ms", a.timeToFirstTokenMs } };
    line["num_predict"] = a.numPredict;
    line["transport_retries"] = a.transportRetries;
    if (a.backendError)
        line["backend_error"] = Json { { "kind", utf8(kindName(a.backendError->kind)) },
                                       { "status", a.backendError->httpStatus },
                                       { "detail", utf8(a.backendError->detail) } };
    Json notes = Json::array();
    for (const QString &note : a.notes)
        notes.push_back(utf8(note));
    line["notes"] = std::move(notes);
    return line;
}

void printErrors(QTextStream &err, const AttemptRecord &a)
{
    if (a.outcome == AttemptOutcome::BackendFailed || a.outcome == AttemptOutcome::Cancelled)
        return;
    err << QCoreApplication::translate("cli", "attempt %1 failed (%2):")
               .arg(a.number)
               .arg(attemptOutcomeName(a.outcome))
        << Qt::endl;
    const QStringList lines = a.errorText.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
        err << QStringLiteral("  ") << line << Qt::endl;
}

// Values whose schema is an enum or a const are labels, not text from the input: not looked for.
GroundingOptions groundingOptionsFor(const ExtractionConfig &config)
{
    GroundingOptions options;
    if (config.schema)
        options.scope = GroundingScope(config.schema->document());
    return options;
}

// One line on stderr: how many values were found in the source, and which were not.
void printGroundingSummary(QTextStream &err, const Grounding &grounding)
{
    QStringList absent;
    for (const GroundedValue &v : grounding.values())
        if (!v.isGrounded())
            absent.append(QString::fromStdString(v.pointer));
    err << QCoreApplication::translate("cli", "grounding: %1 of %2 values found in the source (%3 exact, %4 tolerant, "
                                              "%5 fuzzy, %6 ambiguous)")
               .arg(grounding.size() - absent.size())
               .arg(grounding.size())
               .arg(grounding.count(MatchKind::Exact))
               .arg(grounding.count(MatchKind::Tolerant))
               .arg(grounding.count(MatchKind::Fuzzy))
               .arg(grounding.count(MatchKind::Ambiguous));
    if (!absent.isEmpty())
        err << QCoreApplication::translate("cli", "; not found in the source: %1").arg(absent.join(QStringLiteral(", ")));
    err << Qt::endl;
}

// The file --json-grounding writes: the alignment of the final value with the input text.
QString writeGrounding(const QString &path, const QString &source, qsizetype sourceLength, const Grounding &grounding,
                       const DocumentText &document)
{
    Json file = Json::object();
    file["source"] = source.isEmpty() ? Json() : Json(utf8(source));
    file["source_length"] = sourceLength;
    file["offsets"] = "utf-16"; // spans count UTF-16 code units of the source text, as QString does
    file["grounded_rate"] = double(qRound(grounding.groundedRate() * 1000.0)) / 1000.0;
    file["grounding"] = grounding.toJson();
    if (!document.pages.empty()) // a PDF: the page each span starts on
        for (const GroundedValue &v : grounding.values()) {
            Json pages = Json::array();
            for (const TextSpan &span : v.spans)
                pages.push_back(document.pageAt(span.begin));
            file["grounding"][v.pointer]["pages"] = std::move(pages);
        }
    return writeFileAtomically(path,
                               QByteArray::fromStdString(file.dump(2, ' ', false, Json::error_handler_t::replace) + '\n'));
}

// The report's description of the run's settings and document; the caller adds the outcome.
RunReport reportBase(const ExtractionConfig &config, const QString &source, const DocumentText &document)
{
    RunReport report;
    report.title = source.isEmpty() ? QCoreApplication::translate("cli", "prompt") : QFileInfo(source).fileName();
    report.sourceName = source;
    report.document = document.text;
    for (const DocumentPage &page : document.pages)
        report.pageStarts.emplace_back(page.begin, page.number);
    report.model = config.model;
    report.mode = extractionModeName(config.mode);
    Json settings = Json::object();
    if (config.options.temperature)
        settings["temperature"] = *config.options.temperature;
    if (config.options.seed)
        settings["seed"] = *config.options.seed;
    if (config.options.numCtx)
        settings["num_ctx"] = *config.options.numCtx;
    if (config.options.numPredict)
        settings["num_predict"] = *config.options.numPredict;
    settings["max_attempts"] = config.limits.maxAttempts;
    report.settings = std::move(settings);
    return report;
}

// What a chunked extraction needs from the command line.
struct ChunkedArguments {
    ChunkedExtractionOptions options;
    bool ground = false;
    QString groundingPath;
    QString source;
    DocumentText document; // its pages, for the grounding file
    bool acceptInvalid = false;
    QString reportPath; // --html-report
};

// A long --input extracted chunk by chunk and merged (--chunk-chars). Progress per chunk and the
// merge's conflicts go to stderr; the merged value to stdout; trace lines name their chunk, and
// their grounding spans are in whole-document offsets.
int runChunked(LlmBackend *backend, const ExtractionConfig &config, const QString &document,
               const ChunkedArguments &args, QFile *trace, QTextStream &out, QTextStream &err)
{
    ChunkedExtraction extraction(backend, config, document, args.options);
    const int count = int(extraction.chunks().size());
    QEventLoop loop;
    QObject::connect(&extraction, &ChunkedExtraction::chunkStarted, &loop,
                     [&](int index, int, ExtractionRun *run) {
                         const DocumentChunk &chunk = extraction.chunks()[std::size_t(index)];
                         err << QCoreApplication::translate("cli", "chunk %1/%2 (characters %3 to %4)")
                                    .arg(index + 1)
                                    .arg(count)
                                    .arg(chunk.begin)
                                    .arg(chunk.end)
                             << Qt::endl;
                         QObject::connect(run, &ExtractionRun::attemptFinished, &loop, [&, index](const AttemptRecord &a) {
                             if (!a.isValid())
                                 printErrors(err, a);
                             if (!trace)
                                 return;
                             const DocumentChunk &c = extraction.chunks()[std::size_t(index)];
                             Json traced = traceLine(a);
                             traced["chunk"] = Json { { "index", index }, { "begin", c.begin }, { "end", c.end } };
                             if (args.ground && a.parsed) {
                                 Grounder grounder(document.mid(c.begin, c.length()), groundingOptionsFor(config));
                                 Grounding grounding = grounder.ground(a.value);
                                 grounding.shift(c.begin);
                                 traced["grounding"] = grounding.toJson();
                             }
                             const std::string line = traced.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n';
                             trace->write(line.data(), qint64(line.size()));
                             trace->flush();
                         });
                     });
    QObject::connect(&extraction, &ChunkedExtraction::chunkFinished, &loop, [&](int index, const RunResult &r) {
        if (!r.success)
            err << QCoreApplication::translate("cli", "chunk %1/%2 failed (%3): %4")
                       .arg(index + 1)
                       .arg(count)
                       .arg(runFailureReasonName(r.reason), r.message)
                << Qt::endl;
    });
    QObject::connect(&extraction, &ChunkedExtraction::finished, &loop, &QEventLoop::quit);
    extraction.start();
    loop.exec();

    const ChunkedResult &result = extraction.result();
    for (const MergeConflict &conflict : result.merged.conflicts) {
        QStringList values;
        for (std::size_t v = 0; v < conflict.values.size(); ++v) {
            QStringList chunks;
            for (const int c : conflict.chunks[v])
                chunks.append(QString::number(c + 1));
            values.append(QCoreApplication::translate("cli", "%1 (chunk %2)")
                              .arg(QString::fromStdString(conflict.values[v].dump()), chunks.join(QStringLiteral(", "))));
        }
        err << QCoreApplication::translate("cli", "conflict at %1: %2; kept %3")
                   .arg(QString::fromStdString(conflict.pointer), values.join(QStringLiteral(" vs ")),
                        QString::fromStdString(conflict.values[conflict.chosen].dump()))
            << Qt::endl;
    }
    for (const ValidationError &e : result.mergedErrors)
        err << QCoreApplication::translate("cli", "merged value: %1: %2")
                   .arg(e.instancePath, e.message)
            << Qt::endl;
    const bool print = result.hasValue && (result.success || args.acceptInvalid);
    if (print) {
        out << QString::fromStdString(result.merged.value.dump(2, ' ', false, Json::error_handler_t::replace)) << Qt::endl;
        if (args.ground || !args.groundingPath.isEmpty()) {
            printGroundingSummary(err, result.merged.grounding);
            if (!args.groundingPath.isEmpty()) {
                const QString failure
                    = writeGrounding(args.groundingPath, args.source, document.size(), result.merged.grounding,
                                     args.document);
                if (!failure.isEmpty()) {
                    err << failure << Qt::endl;
                    return ExitUsage;
                }
            }
        }
    }
    if (!args.reportPath.isEmpty()) {
        RunReport report = reportBase(config, args.source, args.document);
        report.document = document;
        report.value = result.hasValue ? result.merged.value : Json();
        report.valid = result.success;
        report.verdict = result.success ? QCoreApplication::translate("cli", "Valid: %n chunk(s) merged", nullptr, count)
                                        : result.message;
        report.grounding = result.merged.grounding;
        report.conflicts = result.merged.conflicts;
        for (const ChunkOutcome &chunk : result.chunks) {
            report.attempts.append(chunk.result.attempts);
            report.wallTimeMs += chunk.result.wallTimeMs;
            report.promptTokens += chunk.result.usage.promptTokens;
            report.completionTokens += chunk.result.usage.completionTokens;
        }
        const QString failure = writeFileAtomically(args.reportPath, renderRunReport(report));
        if (!failure.isEmpty()) {
            err << failure << Qt::endl;
            return ExitUsage;
        }
    }
    if (result.success) {
        err << QCoreApplication::translate("cli", "valid: %n chunk(s) merged", nullptr, count) << Qt::endl;
        return ExitSuccess;
    }
    err << QCoreApplication::translate("cli", "extract failed: %1").arg(result.message) << Qt::endl;
    for (const ChunkOutcome &chunk : result.chunks)
        if (chunk.result.reason == RunFailureReason::Backend)
            return ExitBackend;
    return ExitInvalid;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Extract validated JSON from a local LLM: the JSON goes to stdout, progress to stderr."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QCoreApplication::translate("cli", "The model, e.g. llama3.1:8b."),
                                         QStringLiteral("name"));
    const QCommandLineOption schemaOption(
        QStringLiteral("schema"), QCoreApplication::translate("cli", "The JSON Schema file."), QStringLiteral("file"));
    const QCommandLineOption promptOption(
        QStringLiteral("prompt"), QCoreApplication::translate("cli", "The user prompt."), QStringLiteral("text"));
    const QCommandLineOption inputOption(QStringLiteral("input"),
                                         QCoreApplication::translate("cli", "Read the user prompt from a file."),
                                         QStringLiteral("file"));
    const QCommandLineOption systemOption(
        QStringLiteral("system"), QCoreApplication::translate("cli", "A system prompt."), QStringLiteral("text"));
    const QCommandLineOption hostOption(
        QStringLiteral("host"),
        QCoreApplication::translate("cli", "The server address (default: OLLAMA_HOST, else http://127.0.0.1:11434)."),
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
        QCoreApplication::translate("cli", "The number of attempts, the first included (default: 3)."),
        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QCoreApplication::translate("cli", "The deadline of the whole run in seconds (default: none)."),
        QStringLiteral("seconds"));
    const QCommandLineOption temperatureOption(
        QStringLiteral("temperature"),
        QCoreApplication::translate("cli", "The sampling temperature (default: the server's)."), QStringLiteral("t"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QCoreApplication::translate("cli", "The random seed (default: none)."),
                                        QStringLiteral("n"));
    const QCommandLineOption numCtxOption(
        QStringLiteral("num-ctx"),
        QCoreApplication::translate("cli", "The context length, Ollama API only (default: the server's)."),
        QStringLiteral("n"));
    const QCommandLineOption numPredictOption(
        QStringLiteral("num-predict"),
        QCoreApplication::translate("cli", "The most tokens per reply (default: chosen from the schema size)."),
        QStringLiteral("n"));
    const QCommandLineOption traceOption(
        QStringLiteral("trace"),
        QCoreApplication::translate("cli", "Write every attempt as one JSON line to this file."),
        QStringLiteral("file"));
    const QCommandLineOption acceptOption(
        QStringLiteral("accept-invalid"),
        QCoreApplication::translate("cli", "When no attempt is valid, still print the last parsed value (exit 1)."));
    const QCommandLineOption groundOption(
        QStringLiteral("ground"),
        QCoreApplication::translate("cli", "Trace every extracted value to where it stands in the input text: each "
                                           "--trace line gets a grounding object, stderr a summary (default: off)."));
    const QCommandLineOption jsonGroundingOption(
        QStringLiteral("json-grounding"),
        QCoreApplication::translate("cli", "Write the final value's grounding (JSON Pointer -> spans, match kind, "
                                           "score) to this file; implies --ground."),
        QStringLiteral("file"));
    const QCommandLineOption htmlReportOption(
        QStringLiteral("html-report"),
        QCoreApplication::translate("cli", "Write the run as one self-contained HTML page to this file: the input "
                                           "with each value highlighted, the values, every attempt, the settings."),
        QStringLiteral("file"));
    const QCommandLineOption chunkCharsOption(
        QStringLiteral("chunk-chars"),
        QCoreApplication::translate("cli", "Split an input longer than n characters into chunks (at paragraph and "
                                           "sentence ends), extract each and merge the results (default: the whole "
                                           "input at once)."),
        QStringLiteral("n"));
    const QCommandLineOption chunkOverlapOption(
        QStringLiteral("chunk-overlap"),
        QCoreApplication::translate("cli", "The characters two neighbouring chunks share (default: a tenth of "
                                           "--chunk-chars)."),
        QStringLiteral("n"));
    const QCommandLineOption mergeKeyOption(
        QStringLiteral("merge-key"),
        QCoreApplication::translate("cli", "When merging chunks, array items with the same value of this member are "
                                           "one item (default: equal items are one item)."),
        QStringLiteral("name"));
    const QCommandLineOption parallelOption(
        QStringLiteral("parallel"),
        QCoreApplication::translate("cli", "The number of chunks extracted at the same time (default: 1)."),
        QStringLiteral("n"));
    parser.addOptions({ help, modelOption, schemaOption, promptOption, inputOption, systemOption, hostOption, apiOption,
                        modeOption, attemptsOption, timeoutOption, temperatureOption, seedOption, numCtxOption,
                        numPredictOption, traceOption, acceptOption, groundOption, jsonGroundingOption,
                        htmlReportOption, chunkCharsOption, chunkOverlapOption, mergeKeyOption, parallelOption });
    const ChecksOptions checksOptions;
    parser.addOptions(checksOptions.list());
    // The run history: every run is stored unless asked not to.
    const QCommandLineOption historyOption(QStringLiteral("history"), historyOptionText(), QStringLiteral("file"));
    const QCommandLineOption noHistoryOption(
        QStringLiteral("no-history"),
        QCoreApplication::translate("cli", "Do not store this run in the history (default: stored)."));
    parser.addOptions({ historyOption, noHistoryOption });

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto usage = [&err](const QString &message) {
        err << QStringLiteral("extract: ") << message << Qt::endl;
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        out << commandHelpText(parser, QStringLiteral("extract"));
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(QCoreApplication::translate("cli", "unexpected argument '%1'.")
                         .arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(modelOption))
        return usage(QCoreApplication::translate("cli", "--model is required."));
    if (!parser.isSet(schemaOption))
        return usage(QCoreApplication::translate("cli", "--schema is required."));
    if (parser.isSet(promptOption) == parser.isSet(inputOption))
        return usage(QCoreApplication::translate("cli", "give exactly one of --prompt and --input."));

    ExtractionConfig config;
    config.model = parser.value(modelOption);
    const auto mode = extractionModeFromName(parser.value(modeOption));
    if (!mode)
        return usage(QCoreApplication::translate("cli", "unknown mode '%1' (use schema, json, md-json or tools).")
                         .arg(parser.value(modeOption)));
    config.mode = *mode;
    const QString apiName = parser.value(apiOption);
    if (apiName != u"ollama" && apiName != u"openai")
        return usage(QCoreApplication::translate("cli", "unknown API '%1' (use ollama or openai).").arg(apiName));
    const BackendApi api = apiName == u"openai" ? BackendApi::OpenAi : BackendApi::Ollama;

    auto intValue = [&parser](const QCommandLineOption &option, int minimum, std::optional<int> &target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum)
            return false;
        target = value;
        return true;
    };
    std::optional<int> attempts;
    if (!intValue(attemptsOption, 1, attempts))
        return usage(QCoreApplication::translate("cli", "--attempts needs a whole number of at least 1."));
    config.limits.maxAttempts = attempts.value_or(3);
    if (!intValue(numCtxOption, 1, config.options.numCtx))
        return usage(QCoreApplication::translate("cli", "--num-ctx needs a positive whole number."));
    if (!intValue(numPredictOption, 1, config.options.numPredict))
        return usage(QCoreApplication::translate("cli", "--num-predict needs a positive whole number."));
    if (parser.isSet(seedOption)) {
        bool ok = false;
        config.options.seed = parser.value(seedOption).toLongLong(&ok);
        if (!ok)
            return usage(QCoreApplication::translate("cli", "--seed needs a whole number."));
    }
    if (parser.isSet(temperatureOption)) {
        bool ok = false;
        config.options.temperature = parser.value(temperatureOption).toDouble(&ok);
        if (!ok || *config.options.temperature < 0)
            return usage(QCoreApplication::translate("cli", "--temperature needs a number of at least 0."));
    }
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOption).toDouble(&ok);
        if (!ok || seconds <= 0)
            return usage(QCoreApplication::translate("cli", "--timeout needs a positive number of seconds."));
        config.limits.deadlineMs = qint64(seconds * 1000.0);
    }

    QString error;
    config.schema = loadSchemaFile(parser.value(schemaOption), QStringLiteral("extract"), error);
    if (!config.schema) {
        err << error << Qt::endl;
        return ExitUsage;
    }

    const auto checks = checksOptions.load(parser);
    if (!checks) {
        err << QStringLiteral("extract: ") << checks.error() << Qt::endl;
        return ExitUsage;
    }

    QString prompt = parser.value(promptOption);
    DocumentText inputDocument;
    if (parser.isSet(inputOption)) {
        // Plain text and Markdown as they are, HTML without its tags, PDF page by page.
        auto document = readDocument(parser.value(inputOption));
        if (!document)
            return usage(document.error());
        inputDocument = std::move(document).value();
        prompt = inputDocument.text;
    }
    if (parser.isSet(systemOption)) {
        ChatMessage system;
        system.role = QStringLiteral("system");
        system.content = parser.value(systemOption);
        config.messages.append(system);
    }
    // The text the values are traced back to: the --input document (or the --prompt text).
    std::unique_ptr<Grounder> grounder;
    if (parser.isSet(groundOption) || parser.isSet(jsonGroundingOption))
        grounder = std::make_unique<Grounder>(prompt, groundingOptionsFor(config));
    ChatMessage user;
    user.role = QStringLiteral("user");
    user.content = prompt;
    config.messages.append(user);

    std::unique_ptr<QFile> trace;
    if (parser.isSet(traceOption)) {
        trace = std::make_unique<QFile>(parser.value(traceOption));
        if (!trace->open(QIODevice::WriteOnly | QIODevice::Truncate))
            return usage(
                QCoreApplication::translate("cli", "cannot write %1: %2").arg(trace->fileName(), trace->errorString()));
    }

    BackendConfig backendConfig;
    backendConfig.baseUrl
        = parser.isSet(hostOption) ? connectableOllamaUrl(parser.value(hostOption)) : resolveBaseUrl(QString());
    // Test seam and CI knob: the transport backoff base in milliseconds.
    const QByteArray backoff = qgetenv("FORMWORK_BACKOFF_BASE_MS");
    if (!backoff.isEmpty()) {
        config.limits.backoffBaseMs = backoff.toInt();
        config.limits.backoffMaxMs = std::max(config.limits.backoffBaseMs * 8, 1);
    }

    // For servers that need one (the trace never holds it: it records bodies, not headers).
    backendConfig.bearerToken = qEnvironmentVariable("FORMWORK_API_KEY");

    QNetworkAccessManager network;
    std::unique_ptr<LlmBackend> backend(LlmBackend::create(api, &network, backendConfig));
    QEventLoop loop;

    // What answers at the address, asked once: it decides the request dialect and the warnings.
    ServerProbeJob *probe = backend->probeServer();
    QObject::connect(probe, &ServerProbeJob::finished, &loop, [&config, &loop](const ServerInfo &info) {
        config.server = info;
        loop.quit();
    });
    QObject::connect(probe, &ServerProbeJob::failed, &loop, [&loop] { loop.quit(); });
    loop.exec();
    if (config.server.kind != ServerKind::Unknown)
        err << describeServer(config.server) << Qt::endl;
    if (api == BackendApi::Ollama && config.server.kind != ServerKind::Unknown
        && config.server.kind != ServerKind::Ollama) {
        err << QCoreApplication::translate("cli",
                                           "extract: %1 at %2 does not speak Ollama's native API. Use --api openai.")
                   .arg(serverDisplayName(config.server.kind), backendConfig.baseUrl.toDisplayString())
            << Qt::endl;
        return ExitBackend;
    }
    if (config.modelInfo.runtimeContextLength == 0)
        config.modelInfo.runtimeContextLength = config.server.slotContext;

    // Tools mode on Ollama: learn the model's capabilities first, so a model without tools is
    // refused before anything is sent. A failed lookup leaves them unknown.
    if (config.mode == ExtractionMode::Tools) {
        if (auto *ollama = qobject_cast<OllamaBackend *>(backend.get())) {
            ModelDetailsJob *job = ollama->showModel(config.model);
            QObject::connect(job, &ModelDetailsJob::finished, &loop, [&config, &loop](const ModelInfo &info) {
                config.modelInfo = info;
                loop.quit();
            });
            QObject::connect(job, &ModelDetailsJob::failed, &loop, [&loop] { loop.quit(); });
            loop.exec();
        }
    }

    if (parser.isSet(chunkCharsOption)) {
        // A check over a chunk's partial value (a total, say) would fail for the wrong reason.
        if (!checks->isEmpty())
            return usage(QCoreApplication::translate("cli", "--checks and --workspace cannot be combined with "
                                                            "--chunk-chars yet."));
        ChunkedArguments chunked;
        std::optional<int> chars;
        std::optional<int> overlap;
        std::optional<int> parallel;
        if (!intValue(chunkCharsOption, 16, chars))
            return usage(QCoreApplication::translate("cli", "--chunk-chars needs a whole number of at least 16."));
        if (!intValue(chunkOverlapOption, 0, overlap))
            return usage(QCoreApplication::translate("cli", "--chunk-overlap needs a whole number of at least 0."));
        if (!intValue(parallelOption, 1, parallel))
            return usage(QCoreApplication::translate("cli", "--parallel needs a whole number of at least 1."));
        chunked.options.chunking.maxChars = *chars;
        chunked.options.chunking.overlapChars = overlap.value_or(*chars / 10);
        chunked.options.merge.itemKey = parser.value(mergeKeyOption);
        chunked.options.concurrency = parallel.value_or(1);
        chunked.ground = parser.isSet(groundOption);
        chunked.groundingPath = parser.value(jsonGroundingOption);
        chunked.source = parser.value(inputOption);
        chunked.document = inputDocument;
        chunked.reportPath = parser.value(htmlReportOption);
        chunked.acceptInvalid = parser.isSet(acceptOption);
        return runChunked(backend.get(), config, prompt, chunked, trace.get(), out, err);
    }

    if (!checks->isEmpty()) {
        auto checker = std::make_shared<ChecksAttemptChecker>(*checks, backend.get());
        checker->setSourceText(prompt); // grounding looks in the input, not in the instructions
        config.checker = std::move(checker);
    }
    ExtractionRun extraction(backend.get(), config);
    RunResult result;
    // Stored as it goes, one transaction per attempt; a history that cannot be opened is named
    // and the run goes on without it.
    HistoryDatabase history;
    std::unique_ptr<RunRecorder> recorder;
    if (!parser.isSet(noHistoryOption)) {
        const QString historyPath
            = parser.isSet(historyOption) ? parser.value(historyOption) : HistoryDatabase::defaultPath();
        if (const QString problem = history.open(historyPath); !problem.isEmpty()) {
            err << problem << Qt::endl
                << QCoreApplication::translate("cli", "extract: going on without storing the run.") << Qt::endl;
        } else {
            recorder = std::make_unique<RunRecorder>(
                &history, singleRunStart(config, api, backendConfig.baseUrl));
            QObject::connect(recorder.get(), &RunRecorder::historyError, &loop, [&err](const QString &message) {
                err << QCoreApplication::translate("cli", "extract: the history was not written: %1").arg(message)
                    << Qt::endl;
            });
            recorder->attach(&extraction);
        }
    }

    QObject::connect(&extraction, &ExtractionRun::attemptStarted, &loop, [&err](int attempt, int maxAttempts) {
        err << QCoreApplication::translate("cli", "attempt %1/%2").arg(attempt).arg(maxAttempts) << Qt::endl;
    });
    QObject::connect(&extraction, &ExtractionRun::warning, &loop, [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "warning: %1").arg(message) << Qt::endl;
    });
    QObject::connect(&extraction, &ExtractionRun::transportRetryScheduled, &loop, [&err](const TransportRetry &retry) {
        err << QCoreApplication::translate("cli", "%1 Resending in %2 ms (retry %3).")
                   .arg(userMessage(retry.error))
                   .arg(retry.delayMs)
                   .arg(retry.retry)
            << Qt::endl;
    });
    QObject::connect(&extraction, &ExtractionRun::attemptFinished, &loop, [&err, &trace, &grounder](const AttemptRecord &a) {
        if (!a.isValid())
            printErrors(err, a);
        printSoftFailures(err, a);
        if (trace) {
            Json traced = traceLine(a);
            if (grounder && a.parsed)
                traced["grounding"] = grounder->ground(a.value).toJson();
            const std::string line = traced.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n';
            trace->write(line.data(), qint64(line.size()));
            trace->flush();
        }
    });
    auto done = [&loop, &result](const RunResult &r) {
        result = r;
        loop.quit();
    };
    QObject::connect(&extraction, &ExtractionRun::succeeded, &loop, done);
    QObject::connect(&extraction, &ExtractionRun::failed, &loop, done);
    extraction.start();
    if (!extraction.isFinished())
        loop.exec();

    if (parser.isSet(htmlReportOption)) {
        RunReport report = reportBase(config, parser.value(inputOption), inputDocument);
        report.document = prompt;
        report.value = result.hasValue ? result.value : Json();
        report.valid = result.success;
        report.verdict = result.success
            ? QCoreApplication::translate("cli", "Valid on attempt %1").arg(result.attempts.size())
            : QCoreApplication::translate("cli", "Failed (%1): %2").arg(runFailureReasonName(result.reason), result.message);
        if (result.hasValue)
            report.grounding = Grounder(prompt, groundingOptionsFor(config)).ground(result.value);
        report.attempts = result.attempts;
        report.wallTimeMs = result.wallTimeMs;
        report.promptTokens = result.usage.promptTokens;
        report.completionTokens = result.usage.completionTokens;
        const QString failure = writeFileAtomically(parser.value(htmlReportOption), renderRunReport(report));
        if (!failure.isEmpty()) {
            err << failure << Qt::endl;
            return ExitUsage;
        }
    }
    const QString groundingPath = parser.value(jsonGroundingOption);
    const QString source = parser.value(inputOption);
    bool groundingWritten = true;
    const auto printValue = [&](const Json &value) {
        out << QString::fromStdString(value.dump(2, ' ', false, Json::error_handler_t::replace)) << Qt::endl;
        if (!grounder)
            return;
        const Grounding grounding = grounder->ground(value);
        printGroundingSummary(err, grounding);
        if (groundingPath.isEmpty())
            return;
        const QString failure
            = writeGrounding(groundingPath, source, grounder->document().size(), grounding, inputDocument);
        if (!failure.isEmpty()) {
            err << failure << Qt::endl;
            groundingWritten = false;
        }
    };
    if (result.judgeUsage.total() > 0)
        err << QCoreApplication::translate("cli", "model-judged rules: %1 tokens (not counted below)")
                   .arg(result.judgeUsage.total())
            << Qt::endl;
    if (result.success) {
        printValue(result.value);
        err << QCoreApplication::translate("cli", "valid after %n attempt(s); %1 tokens", nullptr,
                                           int(result.attempts.size()))
                   .arg(result.usage.total())
            << Qt::endl;
        return groundingWritten ? ExitSuccess : ExitUsage;
    }
    err << QCoreApplication::translate("cli", "extract failed (%1): %2")
               .arg(runFailureReasonName(result.reason), result.message)
        << Qt::endl;
    switch (result.reason) {
    case RunFailureReason::Backend:
        return ExitBackend;
    case RunFailureReason::Configuration:
        return ExitUsage;
    default:
        break;
    }
    if (parser.isSet(acceptOption) && result.hasValue) {
        err << QCoreApplication::translate("cli", "printing the invalid value of attempt %1 (--accept-invalid)")
                   .arg(result.valueAttempt)
            << Qt::endl;
        printValue(result.value);
    }
    return ExitInvalid;
}

} // namespace

CliCommand extractCommand()
{
    return { QStringLiteral("extract"), QCoreApplication::translate("cli", "Extract validated JSON with a local LLM."),
             run };
}

} // namespace Cli
} // namespace Formwork
