// SPDX-License-Identifier: GPL-3.0-or-later
#include "historycommand.h"

#include "checks/judgeusage.h"
#include "clihelp.h"
#include "runoptions.h"
#include "schemafile.h"
#include "store/historydatabase.h"
#include "store/historyrevalidation.h"
#include "store/storederrors.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Json parsedOrText(const QString &text)
{
    if (text.isEmpty())
        return Json();
    Json value = Json::parse(text.toStdString(), nullptr, false);
    return value.is_discarded() ? Json(text.toStdString()) : value;
}

QString compact(const Json &value, int indent = -1)
{
    return QString::fromStdString(value.dump(indent, ' ', false, Json::error_handler_t::replace));
}

Json runJson(const StoredRun &run)
{
    Json out = Json::object();
    out["id"] = run.id;
    out["batch"] = run.batchId > 0 ? Json(run.batchId) : Json();
    out["row_id"] = utf8(run.rowId);
    out["input_ref"] = utf8(run.reference);
    out["created"] = utf8(run.createdAt.toString(Qt::ISODate));
    out["finished"] = run.finishedAt.isValid() ? Json(utf8(run.finishedAt.toString(Qt::ISODate))) : Json();
    out["model"] = utf8(run.model);
    out["mode"] = utf8(run.mode);
    out["endpoint"] = utf8(run.endpoint);
    out["status"] = utf8(run.status);
    out["attempts"] = run.attemptCount;
    out["prompt_tokens"] = run.promptTokens;
    out["completion_tokens"] = run.completionTokens;
    out["wall_ms"] = run.wallMs;
    if (run.judgePromptTokens + run.judgeCompletionTokens > 0)
        out["judge_usage"] = judgeUsageJson(
            JudgeUsage { run.judgePromptTokens, run.judgeCompletionTokens, run.judgeWallMs, run.judgeRequests });
    if (const Json failures = parsedOrText(run.checkFailuresJson); failures.is_array() && !failures.empty())
        out["check_failures"] = failures;
    if (!run.message.isEmpty())
        out["message"] = utf8(run.message);
    // A run of chunks (issue 13): how many chunks it was split into.
    if (const Json chunks = parsedOrText(run.chunksJson); chunks.is_object() && chunks.contains("chunks"))
        out["chunk_count"] = std::count_if(chunks["chunks"].begin(), chunks["chunks"].end(),
                                           [](const Json &chunk) { return chunk.value("pass", 0) == 0; });
    return out;
}

int list(QCommandLineParser &parser, HistoryDatabase &history, QTextStream &out, QTextStream &err)
{
    bool ok = true;
    const int limit = parser.isSet(QStringLiteral("limit")) ? parser.value(QStringLiteral("limit")).toInt(&ok) : 50;
    const qint64 batch
        = parser.isSet(QStringLiteral("batch")) ? parser.value(QStringLiteral("batch")).toLongLong(&ok) : 0;
    if (!ok || limit < 1) {
        err << QCoreApplication::translate("cli", "history: --limit and --batch need whole numbers.") << Qt::endl;
        return ExitUsage;
    }
    const QList<StoredRun> runs = history.listRuns(limit, batch);
    const bool json = parser.isSet(QStringLiteral("json"));
    for (const StoredRun &run : runs) {
        if (json) {
            out << compact(runJson(run)) << Qt::endl;
            continue;
        }
        QString reference = run.reference.isEmpty() ? QStringLiteral("-") : run.reference;
        if (const Json summary = runJson(run); summary.contains("chunk_count"))
            reference = QCoreApplication::translate("cli", "%n chunk(s)", nullptr, summary["chunk_count"].get<int>());
        out << QStringLiteral("%1  %2  %3  %4  %5  %6")
                   .arg(run.id, 5)
                   .arg(run.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                   .arg(run.status, -9)
                   .arg(run.model, -16)
                   .arg(QCoreApplication::translate("cli", "%n attempt(s)", nullptr, run.attemptCount), -11)
                   .arg(reference)
            << Qt::endl;
    }
    if (runs.isEmpty())
        err << QCoreApplication::translate("cli", "history: no runs.") << Qt::endl;
    return ExitSuccess;
}

int show(const QString &idText, HistoryDatabase &history, QTextStream &out, QTextStream &err)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    const auto run = ok ? history.run(id) : std::nullopt;
    if (!run) {
        err << QCoreApplication::translate("cli", "history: there is no run '%1'.").arg(idText) << Qt::endl;
        return ExitUsage;
    }
    Json json = runJson(*run);
    json["input"] = parsedOrText(run->inputJson);
    json["settings"] = parsedOrText(run->settingsJson);
    json["schema"] = parsedOrText(run->schemaJson);
    json["result"] = parsedOrText(run->resultJson);
    if (!run->chunksJson.isEmpty())
        json["chunks"] = parsedOrText(run->chunksJson);
    Json attempts = Json::array();
    for (const StoredAttempt &a : run->attempts) {
        Json attempt = Json::object();
        attempt["attempt"] = a.number;
        attempt["outcome"] = utf8(a.outcome);
        if (a.chunk >= 0)
            attempt["chunk"] = Json { { "index", a.chunk }, { "pass", a.chunkPass } };
        attempt["request"] = parsedOrText(QString::fromUtf8(a.requestJson));
        attempt["content"] = utf8(a.content);
        if (!a.thinking.isEmpty())
            attempt["thinking"] = utf8(a.thinking);
        attempt["tool_calls"] = parsedOrText(a.toolCallsJson);
        attempt["done_reason"] = utf8(a.doneReason);
        // Every error with its kind (schema, expression, grounding, rule) and whether it was soft,
        // a version 1 history's included (its errors are all schema errors, hard).
        const StoredErrors errors = storedErrorsFrom(a.errorsJson);
        attempt["errors"] = parsedOrText(storedErrorsJson(errors.hard, errors.soft));
        if (!a.backendError.isEmpty())
            attempt["backend_error"] = utf8(a.backendError);
        attempt["usage"] = Json { { "prompt_tokens", a.promptTokens }, { "completion_tokens", a.completionTokens } };
        if (a.judgePromptTokens + a.judgeCompletionTokens > 0)
            attempt["judge_usage"] = judgeUsageJson(
                JudgeUsage { a.judgePromptTokens, a.judgeCompletionTokens, a.judgeWallMs, a.judgeRequests });
        attempt["timings"] = parsedOrText(a.timingsJson);
        attempt["wall_ms"] = a.wallMs;
        attempts.push_back(std::move(attempt));
    }
    json["attempt_list"] = std::move(attempts);
    out << compact(json, 2) << Qt::endl;
    return ExitSuccess;
}

int revalidate(QCommandLineParser &parser, HistoryDatabase &history, QTextStream &out, QTextStream &err)
{
    if (!parser.isSet(QStringLiteral("schema"))) {
        err << QCoreApplication::translate("cli", "history: revalidate needs --schema.") << Qt::endl;
        return ExitUsage;
    }
    QString error;
    const auto schema = loadSchemaFile(parser.value(QStringLiteral("schema")), QStringLiteral("history"), error);
    if (!schema) {
        err << error << Qt::endl;
        return ExitUsage;
    }
    bool ok = true;
    const qint64 batch
        = parser.isSet(QStringLiteral("batch")) ? parser.value(QStringLiteral("batch")).toLongLong(&ok) : 0;
    QList<qint64> runs;
    for (const QString &text : parser.values(QStringLiteral("run"))) {
        bool valid = false;
        runs.append(text.toLongLong(&valid));
        ok = ok && valid;
    }
    if (!ok) {
        err << QCoreApplication::translate("cli", "history: --batch and --run need whole numbers.") << Qt::endl;
        return ExitUsage;
    }
    const RevalidationReport report = revalidateHistory(history, *schema, batch, runs);
    int toInvalid = 0;
    for (const RevalidationChange &change : report.changes) {
        Json errors = Json::array();
        for (const QString &line : change.errors)
            errors.push_back(utf8(line));
        Json line = Json::object();
        line["run"] = change.runId;
        line["batch"] = change.batchId > 0 ? Json(change.batchId) : Json();
        line["row_id"] = utf8(change.rowId);
        line["before"] = utf8(change.before);
        line["after"] = utf8(change.after);
        line["errors"] = std::move(errors);
        out << compact(line) << Qt::endl;
        toInvalid += change.after == u"invalid" ? 1 : 0;
    }
    err << QCoreApplication::translate("cli",
                                       "history: %1 runs re-validated, %2 verdicts change (%3 valid -> "
                                       "invalid, %4 invalid -> valid)")
               .arg(report.checked)
               .arg(report.changes.size())
               .arg(toInvalid)
               .arg(report.changes.size() - toInvalid)
        << Qt::endl;
    return ExitSuccess;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli",
        "The run history: 'list' the newest runs, 'show ID' one run with every attempt (JSON),\n"
        "'revalidate --schema S.json' the stored replies against a schema, without calling a model;\n"
        "the runs whose verdict changes are printed as JSON lines."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QCoreApplication::translate("cli", "list, show or revalidate."),
                                 QStringLiteral("list|show ID|revalidate"));
    parser.addOptions({
        { QStringLiteral("history"), historyOptionText(), QStringLiteral("file") },
        { QStringLiteral("limit"),
          QCoreApplication::translate("cli", "list: at most n runs, newest first (default: 50)."),
          QStringLiteral("n") },
        { QStringLiteral("batch"),
          QCoreApplication::translate("cli", "list, revalidate: only the runs of this batch (default: every run)."),
          QStringLiteral("id") },
        { QStringLiteral("json"),
          QCoreApplication::translate("cli", "list: one JSON object per line (default: a table).") },
        { QStringLiteral("schema"), QCoreApplication::translate("cli", "revalidate: the schema to check against."),
          QStringLiteral("file") },
        { QStringLiteral("run"),
          QCoreApplication::translate("cli", "revalidate: only this run; repeat it for several (default: every run)."),
          QStringLiteral("id") },
    });
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto usage = [&err](const QString &message) { return usageError(err, QStringLiteral("history"), message); };
    if (const auto done = parseCommandLine(parser, arguments, QStringLiteral("history"), out, err, true))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const qsizetype expected = action == u"show" ? 2 : 1;
    if (action != u"list" && action != u"show" && action != u"revalidate")
        return usage(QCoreApplication::translate("cli", "give an action: list, show ID or revalidate."));
    if (positional.size() != expected)
        return usage(action == u"show"
                         ? QCoreApplication::translate("cli", "show needs one run ID.")
                         : QCoreApplication::translate("cli", "unexpected argument '%1'.").arg(positional.constLast()));

    HistoryDatabase history;
    if (const QString problem = history.open(historyPath(parser)); !problem.isEmpty()) {
        err << problem << Qt::endl;
        return ExitUsage;
    }
    if (action == u"list")
        return list(parser, history, out, err);
    if (action == u"show")
        return show(positional.at(1), history, out, err);
    return revalidate(parser, history, out, err);
}

} // namespace

CliCommand historyCommand()
{
    return { QStringLiteral("history"), QCoreApplication::translate("cli", "List, show and re-validate stored runs"),
             run };
}

} // namespace Cli
} // namespace Formwork
