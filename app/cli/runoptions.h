// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "llm/backendjobs.h"

#include <QCommandLineOption>
#include <QFlags>
#include <QList>
#include <QStringList>

#include <optional>

class QCommandLineParser;
class QTextStream;

namespace Formwork {

class ExtractionRun;
class LlmBackend;

namespace Cli {

// "<command>: <message>" on stderr, the one form of a usage error. Returns ExitUsage.
int usageError(QTextStream &err, const QString &command, const QString &message);

// Parses `arguments` for `command`: prints the help, or the usage error of a bad option or (unless
// `positionalsAllowed`) of a stray argument. Returns the exit code when the command is done,
// nullopt when it goes on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                                    QTextStream &out, QTextStream &err, bool positionalsAllowed = false);

// "--name is required." for the first of `required` that is not given; empty when all are.
QString missingOption(const QCommandLineParser &parser, const QList<const QCommandLineOption *> &required);

// --host (one server) and --api, as every command that talks to a server offers them.
QCommandLineOption serverHostOption();
QCommandLineOption serverApiOption();
// "ollama" or "openai"; nullopt for another name.
std::optional<BackendApi> backendApiFromName(const QString &name);
// The server at `host` (else OLLAMA_HOST, else the default) with the bearer token of
// FORMWORK_API_KEY (a trace never holds it: it records bodies, not headers).
BackendConfig backendConfigFor(const QString &host);

// What a run takes from the shared options.
struct RunSetup {
    ExtractionConfig config; // model, mode, schema, attempts, sampling options, deadline, backoff
    BackendApi api = BackendApi::Ollama;
    BackendConfig backend; // --host (else OLLAMA_HOST, else the default) and FORMWORK_API_KEY
};

// The options of a run that extract, batch and draft-schema share, worded, defaulted and
// checked one way: --model, --api and --attempts always, the groups below on request.
class RunOptions
{
public:
    enum Group {
        Host = 0x1, // --host, one server (batch has its own, repeatable)
        SchemaFile = 0x2, // --schema, --mode
        Sampling = 0x4, // --temperature, --seed
        Limits = 0x8, // --timeout, --num-ctx, --num-predict
    };
    Q_DECLARE_FLAGS(Groups, Group)

    // `attemptsHelp` says what an attempt is for the command ("per row", "drafts").
    RunOptions(const QString &command, Groups groups, const QString &attemptsHelp);

    QList<QCommandLineOption> list() const;
    // Reads the options into `setup`. A bad value: the error printed (a schema's names its file)
    // and its exit code returned; ExitSuccess otherwise.
    int read(const QCommandLineParser &parser, QTextStream &err, RunSetup &setup) const;

    QCommandLineOption model;
    QCommandLineOption schema;
    QCommandLineOption host;
    QCommandLineOption api;
    QCommandLineOption mode;
    QCommandLineOption attempts;
    QCommandLineOption timeout;
    QCommandLineOption temperature;
    QCommandLineOption seed;
    QCommandLineOption numCtx;
    QCommandLineOption numPredict;

private:
    QString readValues(const QCommandLineParser &parser, RunSetup &setup) const;
    QString readSampling(const QCommandLineParser &parser, ExtractionConfig &config) const;
    QString readLimits(const QCommandLineParser &parser, ExtractionConfig &config) const;

    QString m_command;
    Groups m_groups;
};

// FORMWORK_BACKOFF_BASE_MS (a test seam and CI knob): the transport backoff base in
// milliseconds, -1 when unset.
int backoffBaseFromEnvironment();
// The base of FORMWORK_BACKOFF_BASE_MS and a ceiling of eight times it in `limits`, when set.
void applyBackoffFromEnvironment(ExtractionLimits &limits);

// What answers at the backend's address, asked once; kind Unknown when the probe failed.
ServerInfo askServer(LlmBackend &backend);

// Asks what answers at `url` (it decides the request dialect and the warnings), names it on
// stderr, and sets config.server and, unless known, the model's runtime context from the
// server's slot. False, after saying why, when --api ollama meets a server that does not speak
// Ollama's native API.
bool probeServer(QTextStream &err, const QString &command, LlmBackend &backend, BackendApi api, const QUrl &url,
                 ExtractionConfig &config);

// Starts `run` and waits for its end.
RunResult runToEnd(ExtractionRun &run);

} // namespace Cli
} // namespace Formwork

Q_DECLARE_OPERATORS_FOR_FLAGS(Formwork::Cli::RunOptions::Groups)
