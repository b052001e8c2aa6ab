// SPDX-License-Identifier: GPL-3.0-or-later
#include "draftschemacommand.h"

#include "clihelp.h"
#include "drafting/schemadraft.h"
#include "export/atomicfile.h"
#include "extraction/extractionrun.h"
#include "llm/hostresolver.h"
#include "llm/llmbackend.h"
#include "schema/schemaregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <memory>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

RunResult runToEnd(ExtractionRun &run, QTextStream &err)
{
    QEventLoop loop;
    RunResult result;
    QObject::connect(&run, &ExtractionRun::attemptStarted, &loop, [&err](int attempt, int maxAttempts) {
        err << QCoreApplication::translate("cli", "draft %1/%2").arg(attempt).arg(maxAttempts) << Qt::endl;
    });
    QObject::connect(&run, &ExtractionRun::attemptFinished, &loop, [&err](const AttemptRecord &a) {
        if (a.isValid())
            return;
        err << QCoreApplication::translate("cli", "draft %1 is not a valid schema:").arg(a.number) << Qt::endl;
        for (const QString &line : a.errorText.split(u'\n', Qt::SkipEmptyParts))
            err << QStringLiteral("  ") << line << Qt::endl;
    });
    auto done = [&loop, &result](const RunResult &r) {
        result = r;
        loop.quit();
    };
    QObject::connect(&run, &ExtractionRun::succeeded, &loop, done);
    QObject::connect(&run, &ExtractionRun::failed, &loop, done);
    run.start();
    loop.exec();
    return result;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli",
                                    "Draft a JSON Schema from a description with a local LLM; the schema is "
                                    "checked against the 2020-12 metaschema and goes to stdout."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QCoreApplication::translate("cli", "The model, e.g. llama3.1:8b."),
                                         QStringLiteral("name"));
    const QCommandLineOption describeOption(
        QStringLiteral("describe"),
        QCoreApplication::translate(
            "cli",
            "What to extract, in words (\"invoices: number, date, supplier, line items with quantity and price, "
            "total\")."),
        QStringLiteral("text"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QCoreApplication::translate("cli", "Write the schema to this file instead of stdout."),
        QStringLiteral("file"));
    const QCommandLineOption hostOption(
        QStringLiteral("host"),
        QCoreApplication::translate("cli", "The server address (default: OLLAMA_HOST, else http://127.0.0.1:11434)."),
        QStringLiteral("url"));
    const QCommandLineOption apiOption(
        QStringLiteral("api"),
        QCoreApplication::translate("cli", "The server's API: ollama or openai (default: ollama)."),
        QStringLiteral("api"), QStringLiteral("ollama"));
    const QCommandLineOption attemptsOption(
        QStringLiteral("attempts"),
        QCoreApplication::translate("cli", "The number of drafts, the first included (default: 3)."),
        QStringLiteral("n"), QStringLiteral("3"));
    parser.addOptions({ help, modelOption, describeOption, outOption, hostOption, apiOption, attemptsOption });

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto usage = [&err](const QString &message) {
        err << QStringLiteral("draft-schema: ") << message << Qt::endl;
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        out << commandHelpText(parser, QStringLiteral("draft-schema"));
        return ExitSuccess;
    }
    if (!parser.isSet(modelOption) || parser.value(describeOption).trimmed().isEmpty())
        return usage(QCoreApplication::translate("cli", "--model and --describe are required."));
    const QString apiName = parser.value(apiOption);
    if (apiName != u"ollama" && apiName != u"openai")
        return usage(QCoreApplication::translate("cli", "unknown API '%1' (use ollama or openai).").arg(apiName));
    bool ok = false;
    const int attempts = parser.value(attemptsOption).toInt(&ok);
    if (!ok || attempts < 1)
        return usage(QCoreApplication::translate("cli", "--attempts needs a whole number of at least 1."));

    auto registry = std::make_shared<SchemaRegistry>();
    if (registry->addMetaschemas() == 0)
        err << QCoreApplication::translate(
            "cli",
            "draft-schema: the official metaschemas were not found (python3-jsonschema); drafts are only "
            "compiled.")
            << Qt::endl;
    ExtractionConfig config = schemaDraftConfig(parser.value(describeOption), parser.value(modelOption), registry);
    config.limits.maxAttempts = attempts;
    const QByteArray backoff = qgetenv("FORMWORK_BACKOFF_BASE_MS");
    if (!backoff.isEmpty())
        config.limits.backoffBaseMs = backoff.toInt();

    BackendConfig backendConfig;
    backendConfig.baseUrl
        = parser.isSet(hostOption) ? connectableOllamaUrl(parser.value(hostOption)) : resolveBaseUrl(QString());
    backendConfig.bearerToken = qEnvironmentVariable("FORMWORK_API_KEY");
    QNetworkAccessManager network;
    std::unique_ptr<LlmBackend> backend(
        LlmBackend::create(apiName == u"openai" ? BackendApi::OpenAi : BackendApi::Ollama, &network, backendConfig));
    ExtractionRun extraction(backend.get(), config);
    const RunResult result = runToEnd(extraction, err);
    if (!result.success) {
        err << QCoreApplication::translate("cli", "draft-schema failed (%1): %2")
                   .arg(runFailureReasonName(result.reason), result.message)
            << Qt::endl;
        return result.reason == RunFailureReason::Backend ? ExitBackend : ExitInvalid;
    }
    const QByteArray schema
        = QByteArray::fromStdString(result.value.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
    if (parser.isSet(outOption)) {
        if (const QString failure = writeFileAtomically(parser.value(outOption), schema); !failure.isEmpty()) {
            err << failure << Qt::endl;
            return ExitUsage;
        }
    } else {
        out << QString::fromUtf8(schema);
        out.flush();
    }
    err << QCoreApplication::translate("cli", "a valid schema after %n draft(s)", nullptr, int(result.attempts.size()))
        << Qt::endl;
    return ExitSuccess;
}

} // namespace

CliCommand draftSchemaCommand()
{
    return { QStringLiteral("draft-schema"),
             QCoreApplication::translate("cli", "Draft a JSON Schema from a description with a local LLM."), run };
}

} // namespace Cli
} // namespace Formwork
