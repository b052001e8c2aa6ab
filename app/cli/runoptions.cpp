// SPDX-License-Identifier: GPL-3.0-or-later
#include "runoptions.h"

#include "clicommand.h"
#include "clihelp.h"
#include "schemafile.h"

#include "extraction/extractionrun.h"
#include "llm/hostresolver.h"
#include "llm/llmbackend.h"
#include "llm/serverprobe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>

#include <algorithm>

namespace Formwork {
namespace Cli {

int usageError(QTextStream &err, const QString &command, const QString &message)
{
    err << command << QStringLiteral(": ") << message << Qt::endl;
    return ExitUsage;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                                    QTextStream &out, QTextStream &err, bool positionalsAllowed)
{
    if (!parser.parse(arguments))
        return usageError(err, command, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << commandHelpText(parser, command);
        return ExitSuccess;
    }
    if (!positionalsAllowed && !parser.positionalArguments().isEmpty())
        return usageError(err, command,
                          QCoreApplication::translate("cli", "unexpected argument '%1'.")
                              .arg(parser.positionalArguments().constFirst()));
    return std::nullopt;
}

QString missingOption(const QCommandLineParser &parser, const QList<const QCommandLineOption *> &required)
{
    for (const QCommandLineOption *option : required) {
        if (!parser.isSet(*option))
            return QCoreApplication::translate("cli", "--%1 is required.").arg(option->names().constFirst());
    }
    return {};
}

QCommandLineOption serverHostOption()
{
    return QCommandLineOption(
        QStringLiteral("host"),
        QCoreApplication::translate("cli", "The server address (default: OLLAMA_HOST, else http://127.0.0.1:11434)."),
        QStringLiteral("url"));
}

QCommandLineOption serverApiOption()
{
    return QCommandLineOption(QStringLiteral("api"),
                              QCoreApplication::translate("cli",
                                                          "The server's API: ollama (native) or openai (/v1, for "
                                                          "llama-server, LM Studio, vLLM) (default: ollama)."),
                              QStringLiteral("api"), QStringLiteral("ollama"));
}

std::optional<BackendApi> backendApiFromName(const QString &name)
{
    if (name == u"ollama")
        return BackendApi::Ollama;
    if (name == u"openai")
        return BackendApi::OpenAi;
    return std::nullopt;
}

BackendConfig backendConfigFor(const QString &host)
{
    BackendConfig config;
    config.baseUrl = host.isEmpty() ? resolveBaseUrl(QString()) : connectableOllamaUrl(host);
    // For servers that need one (a trace never holds it: it records bodies, not headers).
    config.bearerToken = qEnvironmentVariable("FORMWORK_API_KEY");
    return config;
}

RunOptions::RunOptions(const QString &command, Groups groups, const QString &attemptsHelp)
    : model(QStringLiteral("model"), QCoreApplication::translate("cli", "The model, e.g. llama3.1:8b."),
            QStringLiteral("name"))
    , schema(QStringLiteral("schema"), QCoreApplication::translate("cli", "The JSON Schema file."),
             QStringLiteral("file"))
    , host(serverHostOption())
    , api(serverApiOption())
    , mode(QStringLiteral("mode"),
           QCoreApplication::translate("cli",
                                       "How the schema is sent: schema, json, md-json or tools (default: schema)."),
           QStringLiteral("mode"), QStringLiteral("schema"))
    , attempts(QStringLiteral("attempts"), attemptsHelp, QStringLiteral("n"), QStringLiteral("3"))
    , timeout(QStringLiteral("timeout"),
              QCoreApplication::translate("cli", "The deadline of the whole run in seconds (default: none)."),
              QStringLiteral("seconds"))
    , temperature(QStringLiteral("temperature"),
                  QCoreApplication::translate("cli", "The sampling temperature (default: the server's)."),
                  QStringLiteral("t"))
    , seed(QStringLiteral("seed"), QCoreApplication::translate("cli", "The random seed (default: none)."),
           QStringLiteral("n"))
    , numCtx(QStringLiteral("num-ctx"),
             QCoreApplication::translate("cli", "The context length, Ollama API only (default: the server's)."),
             QStringLiteral("n"))
    , numPredict(
          QStringLiteral("num-predict"),
          QCoreApplication::translate("cli", "The most tokens per reply (default: chosen from the schema size)."),
          QStringLiteral("n"))
    , m_command(command)
    , m_groups(groups)
{
}

QList<QCommandLineOption> RunOptions::list() const
{
    QList<QCommandLineOption> options { model };
    if (m_groups & SchemaFile)
        options.append(schema);
    if (m_groups & Host)
        options.append(host);
    options.append(api);
    if (m_groups & SchemaFile)
        options.append(mode);
    options.append(attempts);
    if (m_groups & Limits)
        options.append(timeout);
    if (m_groups & Sampling)
        options.append({ temperature, seed });
    if (m_groups & Limits)
        options.append({ numCtx, numPredict });
    return options;
}

int RunOptions::read(const QCommandLineParser &parser, QTextStream &err, RunSetup &setup) const
{
    if (const QString problem = readValues(parser, setup); !problem.isEmpty())
        return usageError(err, m_command, problem);
    applyBackoffFromEnvironment(setup.config.limits);
    setup.backend = backendConfigFor((m_groups & Host) ? parser.value(host) : QString());
    if (m_groups & SchemaFile) {
        QString error;
        setup.config.schema = loadSchemaFile(parser.value(schema), m_command, error);
        if (!setup.config.schema) {
            err << error << Qt::endl;
            return ExitUsage;
        }
    }
    return ExitSuccess;
}

// The values that need no file, in the order their errors are reported; the error or empty.
QString RunOptions::readValues(const QCommandLineParser &parser, RunSetup &setup) const
{
    ExtractionConfig &config = setup.config;
    config.model = parser.value(model);
    if (m_groups & SchemaFile) {
        const auto named = extractionModeFromName(parser.value(mode));
        if (!named)
            return QCoreApplication::translate("cli", "unknown mode '%1' (use schema, json, md-json or tools).")
                .arg(parser.value(mode));
        config.mode = *named;
    }
    const auto named = backendApiFromName(parser.value(api));
    if (!named)
        return QCoreApplication::translate("cli", "unknown API '%1' (use ollama or openai).").arg(parser.value(api));
    setup.api = *named;
    bool ok = false;
    config.limits.maxAttempts = parser.value(attempts).toInt(&ok);
    if (!ok || config.limits.maxAttempts < 1)
        return QCoreApplication::translate("cli", "--attempts needs a whole number of at least 1.");
    if (m_groups & Limits) {
        if (const QString problem = readLimits(parser, config); !problem.isEmpty())
            return problem;
    }
    if (m_groups & Sampling)
        return readSampling(parser, config);
    return {};
}

QString RunOptions::readSampling(const QCommandLineParser &parser, ExtractionConfig &config) const
{
    bool ok = false;
    if (parser.isSet(seed)) {
        config.options.seed = parser.value(seed).toLongLong(&ok);
        if (!ok)
            return QCoreApplication::translate("cli", "--seed needs a whole number.");
    }
    if (parser.isSet(temperature)) {
        config.options.temperature = parser.value(temperature).toDouble(&ok);
        if (!ok || *config.options.temperature < 0)
            return QCoreApplication::translate("cli", "--temperature needs a number of at least 0.");
    }
    return {};
}

QString RunOptions::readLimits(const QCommandLineParser &parser, ExtractionConfig &config) const
{
    const auto positive = [&parser](const QCommandLineOption &option, std::optional<int> &target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        target = parser.value(option).toInt(&ok);
        return ok && *target >= 1;
    };
    if (!positive(numCtx, config.options.numCtx))
        return QCoreApplication::translate("cli", "--num-ctx needs a positive whole number.");
    if (!positive(numPredict, config.options.numPredict))
        return QCoreApplication::translate("cli", "--num-predict needs a positive whole number.");
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || seconds <= 0)
            return QCoreApplication::translate("cli", "--timeout needs a positive number of seconds.");
        config.limits.deadlineMs = qint64(seconds * 1000.0);
    }
    return {};
}

int backoffBaseFromEnvironment()
{
    const QByteArray value = qgetenv("FORMWORK_BACKOFF_BASE_MS");
    return value.isEmpty() ? -1 : value.toInt();
}

void applyBackoffFromEnvironment(ExtractionLimits &limits)
{
    const int base = backoffBaseFromEnvironment();
    if (base < 0)
        return;
    limits.backoffBaseMs = base;
    limits.backoffMaxMs = std::max(base * 8, 1);
}

ServerInfo askServer(LlmBackend &backend)
{
    QEventLoop loop;
    ServerInfo server;
    ServerProbeJob *probe = backend.probeServer();
    QObject::connect(probe, &ServerProbeJob::finished, &loop, [&server, &loop](const ServerInfo &info) {
        server = info;
        loop.quit();
    });
    QObject::connect(probe, &ServerProbeJob::failed, &loop, &QEventLoop::quit);
    loop.exec();
    return server;
}

bool probeServer(QTextStream &err, const QString &command, LlmBackend &backend, BackendApi api, const QUrl &url,
                 ExtractionConfig &config)
{
    config.server = askServer(backend);
    if (config.server.kind == ServerKind::Unknown)
        return true;
    err << describeServer(config.server) << Qt::endl;
    if (api == BackendApi::Ollama && config.server.kind != ServerKind::Ollama) {
        err << QCoreApplication::translate("cli", "%1: %2 at %3 does not speak Ollama's native API. Use --api openai.")
                   .arg(command, serverDisplayName(config.server.kind), url.toDisplayString())
            << Qt::endl;
        return false;
    }
    if (config.modelInfo.runtimeContextLength == 0)
        config.modelInfo.runtimeContextLength = config.server.slotContext;
    return true;
}

RunResult runToEnd(ExtractionRun &run)
{
    QEventLoop loop;
    RunResult result;
    const auto done = [&loop, &result](const RunResult &r) {
        result = r;
        loop.quit();
    };
    QObject::connect(&run, &ExtractionRun::succeeded, &loop, done);
    QObject::connect(&run, &ExtractionRun::failed, &loop, done);
    run.start();
    if (!run.isFinished())
        loop.exec();
    return result;
}

} // namespace Cli
} // namespace Formwork
