// SPDX-License-Identifier: GPL-3.0-or-later
#include "draftschemacommand.h"

#include "clihelp.h"
#include "drafting/schemadraft.h"
#include "export/atomicfile.h"
#include "extraction/extractionrun.h"
#include "llm/llmbackend.h"
#include "runoptions.h"
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

// Every draft that is not a valid schema, with its errors, on stderr.
void reportDrafts(ExtractionRun &run, QTextStream &err)
{
    QObject::connect(&run, &ExtractionRun::attemptStarted, &run, [&err](int attempt, int maxAttempts) {
        err << QCoreApplication::translate("cli", "draft %1/%2").arg(attempt).arg(maxAttempts) << Qt::endl;
    });
    QObject::connect(&run, &ExtractionRun::attemptFinished, &run, [&err](const AttemptRecord &a) {
        if (a.isValid())
            return;
        err << QCoreApplication::translate("cli", "draft %1 is not a valid schema:").arg(a.number) << Qt::endl;
        for (const QString &line : a.errorText.split(u'\n', Qt::SkipEmptyParts))
            err << QStringLiteral("  ") << line << Qt::endl;
    });
}

// The metaschemas a draft is checked against; says so when they are missing.
std::shared_ptr<SchemaRegistry> metaschemas(QTextStream &err)
{
    auto registry = std::make_shared<SchemaRegistry>();
    if (registry->addMetaschemas() == 0)
        err << QCoreApplication::translate(
            "cli",
            "draft-schema: the official metaschemas were not found (python3-jsonschema); drafts are only "
            "compiled.")
            << Qt::endl;
    return registry;
}

int writeSchema(const QCommandLineParser &parser, const QCommandLineOption &outOption, const RunResult &result,
                QTextStream &out, QTextStream &err)
{
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

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli",
                                    "Draft a JSON Schema from a description with a local LLM; the schema is "
                                    "checked against the 2020-12 metaschema and goes to stdout."));
    const RunOptions runOptions(QStringLiteral("draft-schema"), RunOptions::Host,
                                QCoreApplication::translate("cli",
                                                            "The number of drafts, the first included "
                                                            "(default: 3)."));
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
    parser.addOption(helpOption());
    parser.addOptions(runOptions.list());
    parser.addOptions({ describeOption, outOption });

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto done = parseCommandLine(parser, arguments, QStringLiteral("draft-schema"), out, err))
        return *done;
    if (!parser.isSet(runOptions.model) || parser.value(describeOption).trimmed().isEmpty())
        return usageError(err, QStringLiteral("draft-schema"),
                          QCoreApplication::translate("cli", "--model and --describe are required."));
    RunSetup setup;
    if (const int code = runOptions.read(parser, err, setup); code != ExitSuccess)
        return code;

    ExtractionConfig config = schemaDraftConfig(parser.value(describeOption), setup.config.model, metaschemas(err));
    config.limits.maxAttempts = setup.config.limits.maxAttempts;
    applyBackoffFromEnvironment(config.limits);
    QNetworkAccessManager network;
    std::unique_ptr<LlmBackend> backend(LlmBackend::create(setup.api, &network, setup.backend));
    ExtractionRun extraction(backend.get(), config);
    reportDrafts(extraction, err);
    const RunResult result = runToEnd(extraction);
    if (!result.success) {
        err << QCoreApplication::translate("cli", "draft-schema failed (%1): %2")
                   .arg(runFailureReasonName(result.reason), result.message)
            << Qt::endl;
        return result.reason == RunFailureReason::Backend ? ExitBackend : ExitInvalid;
    }
    return writeSchema(parser, outOption, result, out, err);
}

} // namespace

CliCommand draftSchemaCommand()
{
    return { QStringLiteral("draft-schema"),
             QCoreApplication::translate("cli", "Draft a JSON Schema from a description with a local LLM"), run };
}

} // namespace Cli
} // namespace Formwork
