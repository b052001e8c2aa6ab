// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractcommand.h"

#include "checks/checksattemptchecker.h"
#include "checksoptions.h"
#include "common/compactjson.h"

#include "clihelp.h"
#include "documents/documenttext.h"
#include "runoptions.h"

#include "export/atomicfile.h"
#include "export/runreport.h"
#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "grounding/chunkedextraction.h"
#include "grounding/grounder.h"
#include "llm/llmbackend.h"
#include "llm/ollamabackend.h"
#include "schema/schema.h"
#include "store/chunkedrunrecorder.h"
#include "store/historydatabase.h"
#include "store/runrecorder.h"
#include "store/runsettings.h"
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
            soft.push_back(
                Json { { "instancePath", utf8(e.instancePath) },
                       { "kind", utf8(e.kind) },
                       { "check", utf8(e.keyword) },
                       { "message", utf8(e.message) },
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
    err << QCoreApplication::translate("cli",
                                       "grounding: %1 of %2 values found in the source (%3 exact, %4 tolerant, "
                                       "%5 fuzzy, %6 ambiguous)")
               .arg(grounding.size() - absent.size())
               .arg(grounding.size())
               .arg(grounding.count(MatchKind::Exact))
               .arg(grounding.count(MatchKind::Tolerant))
               .arg(grounding.count(MatchKind::Fuzzy))
               .arg(grounding.count(MatchKind::Ambiguous));
    if (!absent.isEmpty())
        err << QCoreApplication::translate("cli", "; not found in the source: %1")
                   .arg(absent.join(QStringLiteral(", ")));
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
    return writeFileAtomically(
        path, QByteArray::fromStdString(file.dump(2, ' ', false, Json::error_handler_t::replace) + '\n'));
}

// The grounding summary on stderr and, with a path, the --json-grounding file. False (after
// saying why) when the file could not be written.
bool reportGrounding(QTextStream &err, const Grounding &grounding, const QString &path, const QString &source,
                     qsizetype sourceLength, const DocumentText &document)
{
    printGroundingSummary(err, grounding);
    if (path.isEmpty())
        return true;
    const QString failure = writeGrounding(path, source, sourceLength, grounding, document);
    if (failure.isEmpty())
        return true;
    err << failure << Qt::endl;
    return false;
}

// The report's description of the run's settings and document; the caller adds the outcome.
RunReport reportBase(const ExtractionConfig &config, BackendApi api, const QString &source,
                     const DocumentText &document)
{
    RunReport report;
    report.title = source.isEmpty() ? QCoreApplication::translate("cli", "prompt") : QFileInfo(source).fileName();
    report.sourceName = source;
    report.document = document.text;
    for (const DocumentPage &page : document.pages)
        report.pageStarts.emplace_back(page.begin, page.number);
    report.model = config.model;
    report.mode = extractionModeName(config.mode);
    report.settings = runSettings(config, api);
    report.settings.erase("model"); // the report shows them on their own
    report.settings.erase("mode");
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
    BackendApi api = BackendApi::Ollama; // for the report's settings
    HistoryDatabase *history = nullptr; // open: the run is stored there as one run of chunks
    QUrl endpoint; // for the history
};

// Stored as it goes, like a single run (one run, its chunks' attempts, the merged result); null
// without a history.
std::unique_ptr<ChunkedRunRecorder> recordChunkedRun(ChunkedExtraction &extraction, const ExtractionConfig &config,
                                                     const ChunkedArguments &args, QTextStream &err)
{
    if (!args.history || !args.history->isOpen())
        return nullptr;
    auto recorder = std::make_unique<ChunkedRunRecorder>(args.history,
                                                         chunkedRunStart(config, extraction, args.api, args.endpoint));
    QObject::connect(recorder.get(), &ChunkedRunRecorder::historyError, recorder.get(), [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "extract: the history was not written: %1").arg(message) << Qt::endl;
    });
    recorder->attach(&extraction);
    return recorder;
}

// Each chunk's start and failure on stderr, its attempts' errors too, and every attempt to the
// trace naming its chunk (with its grounding in whole-document offsets when asked).
void followChunks(ChunkedExtraction &extraction, const ExtractionConfig &config, const QString &document,
                  const ChunkedArguments &args, QFile *trace, QTextStream &err)
{
    const int count = int(extraction.chunks().size());
    if (extraction.passes() > 1)
        QObject::connect(&extraction, &ChunkedExtraction::passStarted, &extraction, [&err](int pass, int passes) {
            err << QCoreApplication::translate("cli", "pass %1/%2").arg(pass + 1).arg(passes) << Qt::endl;
        });
    // `trace` is a parameter of this function: captured by value, as the slots run after it returned.
    QObject::connect(
        &extraction, &ChunkedExtraction::chunkStarted, &extraction,
        [&, count, trace](int index, int, ExtractionRun *run) {
            const DocumentChunk &chunk = extraction.chunks()[std::size_t(index)];
            err << QCoreApplication::translate("cli", "chunk %1/%2 (characters %3 to %4)")
                       .arg(index + 1)
                       .arg(count)
                       .arg(chunk.begin)
                       .arg(chunk.end)
                << Qt::endl;
            QObject::connect(
                run, &ExtractionRun::attemptFinished, &extraction,
                [&, chunk, index, trace, pass = extraction.currentPass()](const AttemptRecord &a) {
                    if (!a.isValid())
                        printErrors(err, a);
                    printSoftFailures(err, a);
                    if (!trace)
                        return;
                    Json traced = traceLine(a);
                    traced["chunk"] = Json { { "index", index }, { "begin", chunk.begin }, { "end", chunk.end } };
                    if (extraction.passes() > 1)
                        traced["chunk"]["pass"] = pass + 1;
                    if (args.ground && a.parsed) {
                        Grounder grounder(document.mid(chunk.begin, chunk.length()), groundingOptionsFor(config));
                        Grounding grounding = grounder.ground(a.value);
                        grounding.shift(chunk.begin);
                        traced["grounding"] = grounding.toJson();
                    }
                    const std::string line = compactJson(traced) + '\n';
                    trace->write(line.data(), qint64(line.size()));
                    trace->flush();
                });
        });
    QObject::connect(&extraction, &ChunkedExtraction::chunkFinished, &extraction,
                     [&err, count](int index, const RunResult &r) {
                         if (!r.success)
                             err << QCoreApplication::translate("cli", "chunk %1/%2 failed (%3): %4")
                                        .arg(index + 1)
                                        .arg(count)
                                        .arg(runFailureReasonName(r.reason), r.message)
                                 << Qt::endl;
                     });
}

// The merge's conflicts and the merged value's errors, one line each.
void printMergeNotes(QTextStream &err, const ChunkedResult &result)
{
    for (const MergeConflict &conflict : result.merged.conflicts)
        err << mergeConflictText(conflict) << Qt::endl;
    for (const ValidationError &e : result.mergedErrors)
        err << QCoreApplication::translate("cli", "merged value: %1: %2").arg(e.instancePath, e.message) << Qt::endl;
}

// The merged value on stdout, its grounding summary and file when asked. False when the
// grounding file could not be written.
bool printMerged(const ChunkedResult &result, const QString &document, const ChunkedArguments &args, QTextStream &out,
                 QTextStream &err)
{
    out << QString::fromStdString(result.merged.value.dump(2, ' ', false, Json::error_handler_t::replace)) << Qt::endl;
    if (!args.ground && args.groundingPath.isEmpty())
        return true;
    return reportGrounding(err, result.merged.grounding, args.groundingPath, args.source, document.size(),
                           args.document);
}

// The --html-report of a chunked run; the write error, or empty.
QString writeChunkedReport(const ExtractionConfig &config, const QString &document, const ChunkedArguments &args,
                           const ChunkedResult &result, int count)
{
    RunReport report = reportBase(config, args.api, args.source, args.document);
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
    return writeFileAtomically(args.reportPath, renderRunReport(report));
}

// A long --input extracted chunk by chunk and merged (--chunk-chars). Progress per chunk and the
// merge's conflicts go to stderr; the merged value to stdout.
int runChunked(LlmBackend *backend, const ExtractionConfig &config, const QString &document,
               const ChunkedArguments &args, QFile *trace, QTextStream &out, QTextStream &err)
{
    ChunkedExtraction extraction(backend, config, document, args.options);
    const int count = int(extraction.chunks().size());
    followChunks(extraction, config, document, args, trace, err);
    const std::unique_ptr<ChunkedRunRecorder> recorder = recordChunkedRun(extraction, config, args, err);
    QEventLoop loop;
    QObject::connect(&extraction, &ChunkedExtraction::finished, &loop, &QEventLoop::quit);
    extraction.start();
    loop.exec();

    const ChunkedResult &result = extraction.result();
    printMergeNotes(err, result);
    if (result.hasValue && (result.success || args.acceptInvalid) && !printMerged(result, document, args, out, err))
        return ExitUsage;
    if (!args.reportPath.isEmpty()) {
        if (const QString failure = writeChunkedReport(config, document, args, result, count); !failure.isEmpty()) {
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

// The options of extract: the shared ones of a run, then its own.
struct ExtractOptions {
    RunOptions run { QStringLiteral("extract"),
                     RunOptions::Host | RunOptions::SchemaFile | RunOptions::Sampling | RunOptions::Limits,
                     QCoreApplication::translate("cli", "The number of attempts, the first included (default: 3).") };
    ChecksOptions checks;
    QCommandLineOption prompt { QStringLiteral("prompt"), QCoreApplication::translate("cli", "The user prompt."),
                                QStringLiteral("text") };
    QCommandLineOption input { QStringLiteral("input"),
                               QCoreApplication::translate("cli", "Read the user prompt from a file."),
                               QStringLiteral("file") };
    QCommandLineOption system { QStringLiteral("system"), QCoreApplication::translate("cli", "A system prompt."),
                                QStringLiteral("text") };
    QCommandLineOption trace { QStringLiteral("trace"),
                               QCoreApplication::translate("cli", "Write every attempt as one JSON line to this file."),
                               QStringLiteral("file") };
    QCommandLineOption accept { QStringLiteral("accept-invalid"),
                                QCoreApplication::translate(
                                    "cli", "When no attempt is valid, still print the last parsed value (exit 1).") };
    QCommandLineOption ground { QStringLiteral("ground"),
                                QCoreApplication::translate(
                                    "cli",
                                    "Trace every extracted value to where it stands in the input text: each "
                                    "--trace line gets a grounding object, stderr a summary (default: off).") };
    QCommandLineOption jsonGrounding { QStringLiteral("json-grounding"),
                                       QCoreApplication::translate("cli",
                                                                   "Write the final value's grounding (JSON "
                                                                   "Pointer -> spans, match kind, score) to "
                                                                   "this file; implies --ground."),
                                       QStringLiteral("file") };
    QCommandLineOption htmlReport { QStringLiteral("html-report"),
                                    QCoreApplication::translate(
                                        "cli",
                                        "Write the run as one self-contained HTML page to this file: the input "
                                        "with each value highlighted, the values, every attempt, the settings."),
                                    QStringLiteral("file") };
    QCommandLineOption chunkChars { QStringLiteral("chunk-chars"),
                                    QCoreApplication::translate(
                                        "cli",
                                        "Split an input longer than n characters into chunks (at paragraph and "
                                        "sentence ends), extract each and merge the results (default: the whole "
                                        "input at once)."),
                                    QStringLiteral("n") };
    QCommandLineOption chunkOverlap { QStringLiteral("chunk-overlap"),
                                      QCoreApplication::translate("cli",
                                                                  "The characters two neighbouring chunks "
                                                                  "share (default: a tenth of --chunk-chars)."),
                                      QStringLiteral("n") };
    QCommandLineOption mergeKey { QStringLiteral("merge-key"),
                                  QCoreApplication::translate(
                                      "cli",
                                      "When merging chunks, array items with the same value of this member are "
                                      "one item (default: equal items are one item)."),
                                  QStringLiteral("name") };
    QCommandLineOption parallel { QStringLiteral("parallel"),
                                  QCoreApplication::translate(
                                      "cli", "The number of chunks extracted at the same time (default: 1)."),
                                  QStringLiteral("n") };
    QCommandLineOption passes { QStringLiteral("passes"),
                                QCoreApplication::translate(
                                    "cli",
                                    "With --chunk-chars: extract each chunk n times; the passes after the "
                                    "first add only items not found before, to raise recall (default: 1)."),
                                QStringLiteral("n") };
    // The run history: every run is stored unless asked not to.
    QCommandLineOption history { QStringLiteral("history"), historyOptionText(), QStringLiteral("file") };
    QCommandLineOption noHistory { QStringLiteral("no-history"),
                                   QCoreApplication::translate(
                                       "cli", "Do not store this run in the history (default: stored).") };

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOption(helpOption());
        parser.addOptions(run.list());
        parser.addOptions({ prompt, input, system, trace, accept, ground, jsonGrounding, htmlReport, chunkChars,
                            chunkOverlap, mergeKey, parallel, passes });
        parser.addOptions(checks.list());
        parser.addOptions({ history, noHistory });
    }
};

// One extract invocation once its options are read.
struct ExtractJob {
    RunSetup setup;
    CheckList checks;
    QString prompt; // the text sent: the --input document's, else --prompt
    QString source; // the --input path; empty with --prompt
    DocumentText document;
    std::unique_ptr<QFile> trace;
};

int usage(QTextStream &err, const QString &message)
{
    return usageError(err, QStringLiteral("extract"), message);
}

ChatMessage message(const QString &role, const QString &content)
{
    ChatMessage m;
    m.role = role;
    m.content = content;
    return m;
}

// The prompt (from --prompt or the --input document) and the messages sent.
int readMessages(const QCommandLineParser &parser, const ExtractOptions &options, QTextStream &err, ExtractJob &job)
{
    job.prompt = parser.value(options.prompt);
    if (parser.isSet(options.input)) {
        // Plain text and Markdown as they are, HTML without its tags, PDF page by page.
        auto document = readDocument(parser.value(options.input));
        if (!document)
            return usage(err, document.error());
        job.source = parser.value(options.input);
        job.document = std::move(document).value();
        job.prompt = job.document.text;
    }
    if (parser.isSet(options.system))
        job.setup.config.messages.append(message(QStringLiteral("system"), parser.value(options.system)));
    job.setup.config.messages.append(message(QStringLiteral("user"), job.prompt));
    return ExitSuccess;
}

int readJob(const QCommandLineParser &parser, const ExtractOptions &options, QTextStream &err, ExtractJob &job)
{
    if (const QString missing = missingOption(parser, { &options.run.model, &options.run.schema }); !missing.isEmpty())
        return usage(err, missing);
    if (parser.isSet(options.prompt) == parser.isSet(options.input))
        return usage(err, QCoreApplication::translate("cli", "give exactly one of --prompt and --input."));
    if (const int code = options.run.read(parser, err, job.setup); code != ExitSuccess)
        return code;
    auto checks = options.checks.load(parser);
    if (!checks)
        return usage(err, checks.error());
    job.checks = std::move(checks).value();
    if (const int code = readMessages(parser, options, err, job); code != ExitSuccess)
        return code;
    if (parser.isSet(options.trace)) {
        job.trace = std::make_unique<QFile>(parser.value(options.trace));
        if (!job.trace->open(QIODevice::WriteOnly | QIODevice::Truncate))
            return usage(err,
                         QCoreApplication::translate("cli", "cannot write %1: %2")
                             .arg(job.trace->fileName(), job.trace->errorString()));
    }
    return ExitSuccess;
}

// Tools mode on Ollama: learn the model's capabilities first, so a model without tools is
// refused before anything is sent. A failed lookup leaves them unknown.
void learnModel(LlmBackend *backend, ExtractionConfig &config)
{
    auto *ollama = qobject_cast<OllamaBackend *>(backend);
    if (config.mode != ExtractionMode::Tools || !ollama)
        return;
    QEventLoop loop;
    ModelDetailsJob *job = ollama->showModel(config.model);
    QObject::connect(job, &ModelDetailsJob::finished, &loop, [&config, &loop](const ModelInfo &info) {
        config.modelInfo = info;
        loop.quit();
    });
    QObject::connect(job, &ModelDetailsJob::failed, &loop, &QEventLoop::quit);
    loop.exec();
}

// --chunk-chars and its companions; empty, or the usage error.
QString readChunking(const QCommandLineParser &parser, const ExtractOptions &options, ChunkedArguments &chunked)
{
    const auto whole = [&parser](const QCommandLineOption &option, int minimum, std::optional<int> &target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        target = parser.value(option).toInt(&ok);
        return ok && *target >= minimum;
    };
    std::optional<int> chars;
    std::optional<int> overlap;
    std::optional<int> parallel;
    std::optional<int> passes;
    if (!whole(options.chunkChars, 16, chars))
        return QCoreApplication::translate("cli", "--chunk-chars needs a whole number of at least 16.");
    if (!whole(options.chunkOverlap, 0, overlap))
        return QCoreApplication::translate("cli", "--chunk-overlap needs a whole number of at least 0.");
    if (!whole(options.parallel, 1, parallel))
        return QCoreApplication::translate("cli", "--parallel needs a whole number of at least 1.");
    if (!whole(options.passes, 1, passes))
        return QCoreApplication::translate("cli", "--passes needs a whole number of at least 1.");
    chunked.options.chunking.maxChars = *chars;
    chunked.options.chunking.overlapChars = overlap.value_or(*chars / 10);
    chunked.options.merge.itemKey = parser.value(options.mergeKey);
    chunked.options.concurrency = parallel.value_or(1);
    chunked.options.passes = passes.value_or(1);
    chunked.ground = parser.isSet(options.ground);
    chunked.groundingPath = parser.value(options.jsonGrounding);
    chunked.reportPath = parser.value(options.htmlReport);
    chunked.acceptInvalid = parser.isSet(options.accept);
    return {};
}

int extractChunked(const QCommandLineParser &parser, const ExtractOptions &options, LlmBackend *backend,
                   ExtractJob &job, QTextStream &out, QTextStream &err)
{
    ChunkedArguments chunked;
    if (const QString problem = readChunking(parser, options, chunked); !problem.isEmpty())
        return usage(err, problem);
    // The checks run on each chunk's value, their grounding in the chunk's text. A check over a
    // whole-document total sees only the chunk's part of it: such checks belong to a single run.
    if (!job.checks.isEmpty()) {
        chunked.options.checkerForChunk = [checks = job.checks, backend](const QString &chunkText) {
            auto checker = std::make_shared<ChecksAttemptChecker>(checks, backend);
            checker->setSourceText(chunkText);
            return std::shared_ptr<AttemptChecker>(std::move(checker));
        };
    }
    chunked.source = job.source;
    chunked.document = job.document;
    chunked.api = job.setup.api;
    chunked.endpoint = job.setup.backend.baseUrl;
    HistoryDatabase history;
    if (!parser.isSet(options.noHistory)) {
        if (const QString problem = history.open(historyPath(parser)); !problem.isEmpty())
            err << problem << Qt::endl
                << QCoreApplication::translate("cli", "extract: going on without storing the run.") << Qt::endl;
        else
            chunked.history = &history;
    }
    return runChunked(backend, job.setup.config, job.prompt, chunked, job.trace.get(), out, err);
}

// Stored as it goes, one transaction per attempt; a history that cannot be opened is named and
// the run goes on without it. Null without a history.
std::unique_ptr<RunRecorder> recordRun(const QCommandLineParser &parser, const ExtractOptions &options,
                                       const ExtractJob &job, HistoryDatabase &history, ExtractionRun &extraction,
                                       QTextStream &err)
{
    if (parser.isSet(options.noHistory))
        return nullptr;
    if (const QString problem = history.open(historyPath(parser)); !problem.isEmpty()) {

        err << problem << Qt::endl
            << QCoreApplication::translate("cli", "extract: going on without storing the run.") << Qt::endl;
        return nullptr;
    }
    auto recorder = std::make_unique<RunRecorder>(
        &history, singleRunStart(job.setup.config, job.setup.api, job.setup.backend.baseUrl));
    QObject::connect(recorder.get(), &RunRecorder::historyError, recorder.get(), [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "extract: the history was not written: %1").arg(message) << Qt::endl;
    });
    recorder->attach(&extraction);
    return recorder;
}

// Progress on stderr, every attempt to the trace (with its grounding when asked).
void reportProgress(ExtractionRun &extraction, QFile *trace, Grounder *grounder, QTextStream &err)
{
    QObject::connect(&extraction, &ExtractionRun::attemptStarted, &extraction, [&err](int attempt, int maxAttempts) {
        err << QCoreApplication::translate("cli", "attempt %1/%2").arg(attempt).arg(maxAttempts) << Qt::endl;
    });
    QObject::connect(&extraction, &ExtractionRun::warning, &extraction, [&err](const QString &message) {
        err << QCoreApplication::translate("cli", "warning: %1").arg(message) << Qt::endl;
    });
    QObject::connect(&extraction, &ExtractionRun::transportRetryScheduled, &extraction,
                     [&err](const TransportRetry &retry) {
                         err << QCoreApplication::translate("cli", "%1 Resending in %2 ms (retry %3).")
                                    .arg(userMessage(retry.error))
                                    .arg(retry.delayMs)
                                    .arg(retry.retry)
                             << Qt::endl;
                     });
    QObject::connect(&extraction, &ExtractionRun::attemptFinished, &extraction,
                     [&err, trace, grounder](const AttemptRecord &a) {
                         if (!a.isValid())
                             printErrors(err, a);
                         printSoftFailures(err, a);
                         if (!trace)
                             return;
                         Json traced = traceLine(a);
                         if (grounder && a.parsed)
                             traced["grounding"] = grounder->ground(a.value).toJson();
                         const std::string line = compactJson(traced) + '\n';
                         trace->write(line.data(), qint64(line.size()));
                         trace->flush();
                     });
}

// The --html-report of a single run; the write error, or empty.
QString writeHtmlReport(const QString &path, const ExtractJob &job, const RunResult &result)
{
    RunReport report = reportBase(job.setup.config, job.setup.api, job.source, job.document);
    report.document = job.prompt;
    report.value = result.hasValue ? result.value : Json();
    report.valid = result.success;
    report.verdict = result.success
        ? QCoreApplication::translate("cli", "Valid on attempt %1").arg(result.attempts.size())
        : QCoreApplication::translate("cli", "Failed (%1): %2")
              .arg(runFailureReasonName(result.reason), result.message);
    if (result.hasValue)
        report.grounding = Grounder(job.prompt, groundingOptionsFor(job.setup.config)).ground(result.value);
    report.attempts = result.attempts;
    report.wallTimeMs = result.wallTimeMs;
    report.promptTokens = result.usage.promptTokens;
    report.completionTokens = result.usage.completionTokens;
    return writeFileAtomically(path, renderRunReport(report));
}

// The value on stdout, and with a grounder its summary on stderr and the --json-grounding file.
// False when that file could not be written.
bool printValue(const Json &value, Grounder *grounder, const QString &groundingPath, const ExtractJob &job,
                QTextStream &out, QTextStream &err)
{
    out << QString::fromStdString(value.dump(2, ' ', false, Json::error_handler_t::replace)) << Qt::endl;
    if (!grounder)
        return true;
    return reportGrounding(err, grounder->ground(value), groundingPath, job.source, grounder->document().size(),
                           job.document);
}

// What the run ended with, on stdout and stderr, and its exit code.
int finishSingle(const QCommandLineParser &parser, const ExtractOptions &options, const ExtractJob &job,
                 Grounder *grounder, const RunResult &result, QTextStream &out, QTextStream &err)
{
    const QString groundingPath = parser.value(options.jsonGrounding);
    if (result.judgeUsage.total() > 0)
        err << QCoreApplication::translate("cli", "model-judged rules: %1 tokens (not counted below)")
                   .arg(result.judgeUsage.total())
            << Qt::endl;
    if (result.success) {
        const bool written = printValue(result.value, grounder, groundingPath, job, out, err);
        err << QCoreApplication::translate("cli", "valid after %n attempt(s); %1 tokens", nullptr,
                                           int(result.attempts.size()))
                   .arg(result.usage.total())
            << Qt::endl;
        return written ? ExitSuccess : ExitUsage;
    }
    err << QCoreApplication::translate("cli", "extract failed (%1): %2")
               .arg(runFailureReasonName(result.reason), result.message)
        << Qt::endl;
    if (result.reason == RunFailureReason::Backend)
        return ExitBackend;
    if (result.reason == RunFailureReason::Configuration)
        return ExitUsage;
    if (parser.isSet(options.accept) && result.hasValue) {
        err << QCoreApplication::translate("cli", "printing the invalid value of attempt %1 (--accept-invalid)")
                   .arg(result.valueAttempt)
            << Qt::endl;
        printValue(result.value, grounder, groundingPath, job, out, err);
    }
    return ExitInvalid;
}

int extractSingle(const QCommandLineParser &parser, const ExtractOptions &options, LlmBackend *backend, ExtractJob &job,
                  QTextStream &out, QTextStream &err)
{
    ExtractionConfig &config = job.setup.config;
    if (!job.checks.isEmpty()) {
        auto checker = std::make_shared<ChecksAttemptChecker>(job.checks, backend);
        checker->setSourceText(job.prompt); // grounding looks in the input, not in the instructions
        config.checker = std::move(checker);
    }
    // The text the values are traced back to: the --input document (or the --prompt text).
    std::unique_ptr<Grounder> grounder;
    if (parser.isSet(options.ground) || parser.isSet(options.jsonGrounding))
        grounder = std::make_unique<Grounder>(job.prompt, groundingOptionsFor(config));
    ExtractionRun extraction(backend, config);
    HistoryDatabase history;
    const std::unique_ptr<RunRecorder> recorder = recordRun(parser, options, job, history, extraction, err);
    reportProgress(extraction, job.trace.get(), grounder.get(), err);
    const RunResult result = runToEnd(extraction);
    if (parser.isSet(options.htmlReport)) {
        if (const QString failure = writeHtmlReport(parser.value(options.htmlReport), job, result);
            !failure.isEmpty()) {
            err << failure << Qt::endl;
            return ExitUsage;
        }
    }
    return finishSingle(parser, options, job, grounder.get(), result, out, err);
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Extract validated JSON from a local LLM: the JSON goes to stdout, progress to stderr."));
    const ExtractOptions options;
    options.addTo(parser);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto done = parseCommandLine(parser, arguments, QStringLiteral("extract"), out, err))
        return *done;
    ExtractJob job;
    if (const int code = readJob(parser, options, err, job); code != ExitSuccess)
        return code;

    QNetworkAccessManager network;
    std::unique_ptr<LlmBackend> backend(LlmBackend::create(job.setup.api, &network, job.setup.backend));
    if (!probeServer(err, QStringLiteral("extract"), *backend, job.setup.api, job.setup.backend.baseUrl,
                     job.setup.config))
        return ExitBackend;
    learnModel(backend.get(), job.setup.config);
    if (parser.isSet(options.chunkChars))
        return extractChunked(parser, options, backend.get(), job, out, err);
    return extractSingle(parser, options, backend.get(), job, out, err);
}

} // namespace

CliCommand extractCommand()
{
    return { QStringLiteral("extract"), QCoreApplication::translate("cli", "Extract validated JSON with a local LLM"),
             run };
}

} // namespace Cli
} // namespace Formwork
