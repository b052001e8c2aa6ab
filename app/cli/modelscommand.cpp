// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelscommand.h"

#include "clihelp.h"
#include "runoptions.h"

#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "llm/serverprobe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include <optional>

namespace Formwork {
namespace Cli {

namespace {

QStringList notesOf(const ModelInfo &model)
{
    QStringList notes;
    if (model.loaded)
        notes.append(QStringLiteral("loaded"));
    if (model.isEmbeddingOnly())
        notes.append(QStringLiteral("embedding only"));
    if (model.schemaNotEnforced())
        notes.append(QStringLiteral("schema not enforced"));
    return notes;
}

// The context the server runs the model with when it says so (llama-server's slot, Ollama's
// /api/ps), else the trained maximum.
qint64 shownContext(const ModelInfo &m)
{
    return m.runtimeContextLength > 0 ? m.runtimeContextLength : m.contextLength;
}

void printTable(QTextStream &out, const QList<ModelInfo> &models)
{
    QList<QStringList> rows;
    rows.append({ QStringLiteral("NAME"), QStringLiteral("SIZE"), QStringLiteral("PARAMS"), QStringLiteral("QUANT"),
                  QStringLiteral("CTX"), QStringLiteral("CAPABILITIES"), QStringLiteral("NOTES") });
    for (const ModelInfo &m : models) {
        rows.append({ m.name, ModelCatalog::formatSize(m.sizeBytes), m.parameterSize, m.quantization,
                      shownContext(m) > 0 ? QString::number(shownContext(m)) : QString(),
                      m.capabilities.join(QLatin1Char(',')), notesOf(m).join(QStringLiteral(", ")) });
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = qMax(widths[c], row[c].size());
    }
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (c + 1 == row.size())
                line += row[c];
            else
                line += row[c].leftJustified(widths[c] + 2);
        }
        out << line.trimmed() << Qt::endl;
    }
}

void printJson(QTextStream &out, const QList<ModelInfo> &models, const ServerInfo &server)
{
    using Json = nlohmann::ordered_json;
    Json array = Json::array();
    for (const ModelInfo &m : models) {
        Json caps = Json::array();
        for (const QString &c : m.capabilities)
            caps.push_back(c.toStdString());
        Json entry = Json::object();
        entry["name"] = m.name.toStdString();
        entry["size"] = m.sizeBytes >= 0 ? Json(m.sizeBytes) : Json(nullptr);
        entry["parameter_size"] = m.parameterSize.toStdString();
        entry["quantization"] = m.quantization.toStdString();
        entry["family"] = m.family.toStdString();
        entry["format"] = m.format.toStdString();
        entry["context_length"] = shownContext(m) > 0 ? Json(shownContext(m)) : Json(nullptr);
        entry["trained_context_length"] = m.contextLength > 0 ? Json(m.contextLength) : Json(nullptr);
        entry["capabilities"] = m.capabilitiesKnown ? caps : Json(nullptr);
        entry["loaded"] = m.loaded;
        entry["embedding_only"] = m.isEmbeddingOnly();
        entry["schema_enforced"] = !m.schemaNotEnforced();
        entry["server"] = serverKindName(server.kind).toStdString();
        array.push_back(std::move(entry));
    }
    out << QString::fromStdString(array.dump(2)) << Qt::endl;
}

} // namespace

int runModels(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("cli", "List the models of an LLM server."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption hostOption = serverHostOption();
    const QCommandLineOption apiOption = serverApiOption();
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QCoreApplication::translate("cli", "Print JSON instead of a table (default: a table)."));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"), QCoreApplication::translate("cli", "Seconds to wait for the server (default: 30)."),
        QStringLiteral("seconds"), QStringLiteral("30"));
    parser.addOptions({ help, hostOption, apiOption, jsonOption, timeoutOption });

    if (!parser.parse(arguments)) {
        err << "formwork-cli models: " << parser.errorText() << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        out << commandHelpText(parser, QStringLiteral("models"));
        out << QCoreApplication::translate(
            "cli", "The bearer token for an OpenAI-compatible server is read from FORMWORK_API_KEY.")
            << Qt::endl;
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("cli", "formwork-cli models: unexpected argument '%1'.")
                   .arg(parser.positionalArguments().first())
            << Qt::endl;
        return ExitUsage;
    }
    const QString apiName = parser.value(apiOption).toLower();
    const auto api = backendApiFromName(apiName);
    if (!api) {
        err << QCoreApplication::translate("cli", "formwork-cli models: --api must be 'ollama' or 'openai', not '%1'.")
                   .arg(apiName)
            << Qt::endl;
        return ExitUsage;
    }
    bool timeoutOk = false;
    const int timeoutSeconds = parser.value(timeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || timeoutSeconds <= 0) {
        err << QCoreApplication::translate("cli", "formwork-cli models: --timeout needs a positive number of seconds.")
            << Qt::endl;
        return ExitUsage;
    }

    BackendConfig config = backendConfigFor(parser.value(hostOption));
    config.firstByteTimeoutMs = timeoutSeconds * 1000;
    config.stallTimeoutMs = timeoutSeconds * 1000;

    QNetworkAccessManager network;
    LlmBackend *backend = LlmBackend::create(*api, &network, config, &network);
    // What answers at the address, asked once before the listing.
    const ServerInfo server = askServer(*backend);
    QEventLoop loop;
    if (server.kind != ServerKind::Unknown)
        err << describeServer(server) << Qt::endl;
    ModelListJob *job = backend->listModels();
    std::optional<QList<ModelInfo>> models;
    std::optional<BackendError> error;
    QObject::connect(job, &ModelListJob::finished, &loop, [&](const QList<ModelInfo> &list) {
        models = list;
        loop.quit();
    });
    QObject::connect(job, &ModelListJob::failed, &loop, [&](const BackendError &e) {
        error = e;
        loop.quit();
    });
    loop.exec();

    const QString where = config.baseUrl.toDisplayString();
    if (error) {
        if (error->kind == BackendError::Kind::Unreachable) {
            if (*api == BackendApi::Ollama)
                err << QCoreApplication::translate("cli",
                                                   "no Ollama server at %1: start it with `ollama serve` or set --host")
                           .arg(where)
                    << Qt::endl;
            else
                err << QCoreApplication::translate("cli", "no server at %1: start it or set --host").arg(where)
                    << Qt::endl;
        } else {
            err << QCoreApplication::translate("cli", "formwork-cli models: %1").arg(userMessage(*error)) << Qt::endl;
            if (*api == BackendApi::Ollama && server.kind != ServerKind::Unknown && server.kind != ServerKind::Ollama)
                err << QCoreApplication::translate("cli", "%1 does not speak Ollama's native API. Use --api openai.")
                           .arg(serverDisplayName(server.kind))
                    << Qt::endl;
            if (!error->detail.isEmpty())
                err << QCoreApplication::translate("cli", "server said (%1): %2")
                           .arg(kindName(error->kind), error->detail)
                    << Qt::endl;
        }
        return ExitBackend;
    }
    if (parser.isSet(jsonOption))
        printJson(out, *models, server);
    else if (models->isEmpty())
        err << QCoreApplication::translate("cli",
                                           "The server at %1 has no models. Download one with `ollama pull <name>`.")
                   .arg(where)
            << Qt::endl;
    else
        printTable(out, *models);
    return ExitSuccess;
}

CliCommand modelsCommand()
{
    return { QStringLiteral("models"), QCoreApplication::translate("cli", "List the models of a server"), &runModels };
}

} // namespace Cli
} // namespace Formwork
