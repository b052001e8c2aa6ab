// SPDX-License-Identifier: GPL-3.0-or-later
#include "validatecommand.h"

#include "checks/localchecks.h"
#include "checksoptions.h"
#include "clihelp.h"

#include "schema/schema.h"
#include "schema/schemaregistry.h"
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>

namespace Formwork {
namespace Cli {

namespace {

using Json = nlohmann::ordered_json;

struct LoadedJson {
    QByteArray text;
    ParsedJson parsed;
};

// Reads and parses a JSON file; on failure prints "FILE:LINE:COLUMN: message" on stderr.
std::optional<LoadedJson> load(const QString &path, QTextStream &err,
                               const std::function<void()> &beforeMessage = [] {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        beforeMessage();
        err << QCoreApplication::translate("cli", "%1: cannot read the file: %2").arg(path, file.errorString())
            << Qt::endl;
        return std::nullopt;
    }
    LoadedJson loaded;
    loaded.text = file.readAll();
    auto parsed = parseJson(std::string_view(loaded.text.constData(), size_t(loaded.text.size())));
    if (!parsed) {
        beforeMessage();
        const JsonParseError &error = parsed.error();
        err << QCoreApplication::translate("cli", "%1:%2:%3: invalid JSON: %4")
                   .arg(path)
                   .arg(error.line)
                   .arg(error.column)
                   .arg(error.message)
            << Qt::endl;
        return std::nullopt;
    }
    loaded.parsed = std::move(parsed).value();
    return loaded;
}

Json errorToJson(const ValidationError &error)
{
    Json out = Json::object();
    out["instancePath"] = error.instancePath.toStdString();
    out["keywordLocation"] = error.keywordLocation.toStdString();
    out["message"] = error.message.toStdString();
    if (error.range.isValid())
        out["range"] = Json::array({ error.range.begin, error.range.end });
    else
        out["range"] = nullptr;
    if (!error.kind.isEmpty()) { // a check beyond the schema: its kind and name
        out["kind"] = error.kind.toStdString();
        out["check"] = error.keyword.toStdString();
    }
    return out;
}

// The text grounding checks look in (--source); a null string when not given.
std::optional<QString> readSource(const QString &path, QTextStream &err)
{
    if (path.isEmpty())
        return QString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << QCoreApplication::translate("cli", "%1: cannot read the file: %2").arg(path, file.errorString())
            << Qt::endl;
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll());
}

// The checks validate can run: rules need a model (they are skipped, and said so), grounding
// needs --source.
CheckList localChecksFor(const CheckList &all, bool noSource, QTextStream &err)
{
    CheckList local;
    for (const CheckDefinition &check : all) {
        if (!check.enabled)
            continue;
        if (check.kind == CheckKind::Rule) {
            err << QCoreApplication::translate("cli", "validate: rule check \"%1\" skipped (it needs a model).")
                       .arg(check.name)
                << Qt::endl;
            continue;
        }
        if (check.kind == CheckKind::Grounding && noSource) {
            err << QCoreApplication::translate("cli", "validate: grounding check \"%1\" skipped (no --source).")
                       .arg(check.name)
                << Qt::endl;
            continue;
        }
        local.append(check);
    }
    return local;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Validate JSON instances against a JSON Schema; one JSON line per instance."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption schemaOption(
        QStringLiteral("schema"), QCoreApplication::translate("cli", "The JSON Schema file."), QStringLiteral("file"));
    const QCommandLineOption draftOption(
        QStringLiteral("draft"),
        QCoreApplication::translate("cli",
                                    "The draft when the schema has no $schema: 2020-12 or 7 (default: 2020-12)."),
        QStringLiteral("draft"), QStringLiteral("2020-12"));
    const QCommandLineOption formatsOption(
        QStringLiteral("formats"),
        QCoreApplication::translate("cli",
                                    "Assert format (date, time, date-time, email, uuid, uri, ipv4, ipv6, "
                                    "hostname) instead of treating it as an annotation (default: off)."));
    parser.addOptions({ help, schemaOption, draftOption, formatsOption });
    const ChecksOptions checksOptions;
    parser.addOptions(checksOptions.list());
    const QCommandLineOption sourceOption(
        QStringLiteral("source"),
        QCoreApplication::translate("cli", "The input text the grounding checks look in (with --checks or "
                                           "--workspace; without it grounding checks are skipped)."),
        QStringLiteral("file"));
    parser.addOption(sourceOption);
    parser.addPositionalArgument(QStringLiteral("INSTANCE"), QCoreApplication::translate("cli", "JSON files to check."),
                                 QStringLiteral("INSTANCE.json..."));
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        out << commandHelpText(parser, QStringLiteral("validate"));
        return ExitSuccess;
    }
    if (!parser.isSet(schemaOption) || parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("cli", "validate: --schema and at least one instance file are required.")
            << Qt::endl;
        return ExitUsage;
    }
    const auto draft = draftFromName(parser.value(draftOption));
    if (!draft) {
        err << QCoreApplication::translate("cli", "validate: unknown draft '%1' (use 2020-12 or 7).")
                   .arg(parser.value(draftOption))
            << Qt::endl;
        return ExitUsage;
    }

    const QString schemaPath = parser.value(schemaOption);
    const auto schemaJson = load(schemaPath, err);
    if (!schemaJson)
        return ExitUsage;
    SchemaOptions options;
    options.defaultDraft = *draft;
    options.assertFormats = parser.isSet(formatsOption);
    // Lets a schema $ref the official metaschemas when python3-jsonschema's copies are installed.
    auto registry = std::make_shared<SchemaRegistry>();
    registry->addMetaschemas();
    options.registry = registry;
    const auto schema = Schema::compile(schemaJson->parsed.value, *draft, options);
    if (!schema) {
        const std::string_view schemaText(schemaJson->text.constData(), size_t(schemaJson->text.size()));
        for (const SchemaError &error : schema.error()) {
            const auto range = schemaJson->parsed.sourceMap.valueRange(error.pointer.toStdString());
            const LineColumn where = lineColumnAt(schemaText, range ? range->begin : 0);
            err << QCoreApplication::translate("cli", "%1:%2:%3: invalid schema at \"%4\": %5")
                       .arg(schemaPath)
                       .arg(where.line)
                       .arg(where.column)
                       .arg(error.pointer, error.message)
                << Qt::endl;
        }
        return ExitUsage;
    }

    const auto checkList = checksOptions.load(parser);
    if (!checkList) {
        err << QStringLiteral("validate: ") << checkList.error() << Qt::endl;
        return ExitUsage;
    }
    const std::optional<QString> sourceText = readSource(parser.value(sourceOption), err);
    if (!sourceText)
        return ExitUsage;
    LocalChecks checks(localChecksFor(*checkList, sourceText->isNull(), err));

    bool anyInvalid = false;
    bool anyUnreadable = false;
    // The lines go out in blocks, not one write (and flush) per instance; a message on stderr
    // flushes them first so the two streams stay in order.
    std::string pending;
    const auto writePending = [&pending] {
        std::fwrite(pending.data(), 1, pending.size(), stdout);
        std::fflush(stdout);
        pending.clear();
    };
    for (const QString &path : parser.positionalArguments()) {
        const auto instance = load(path, err, writePending);
        if (!instance) {
            anyUnreadable = true;
            continue;
        }
        QList<ValidationError> errors = schema->validate(instance->parsed.value);
        const SourceMap &sourceMap = instance->parsed.sourceMap;
        attachSourceRanges(errors, [&sourceMap](std::string_view pointer) {
            std::optional<std::pair<qsizetype, qsizetype>> range;
            if (const auto found = sourceMap.valueRange(pointer))
                range = std::pair { found->begin, found->end };
            return range;
        });
        LocalCheckInput checkInput;
        checkInput.value = &instance->parsed.value;
        checkInput.sourceMap = &sourceMap;
        checkInput.sourceText = *sourceText;
        checkInput.schemaValid = errors.isEmpty();
        const CheckReport report = checks.run(checkInput);
        if (!report.configurationError.isEmpty()) {
            err << QStringLiteral("validate: ") << report.configurationError << Qt::endl;
            return ExitUsage;
        }
        errors.append(report.hard);
        Json line = Json::object();
        line["file"] = path.toStdString();
        line["valid"] = errors.isEmpty();
        line["errors"] = Json::array();
        for (const ValidationError &error : errors)
            line["errors"].push_back(errorToJson(error));
        if (!report.soft.isEmpty()) {
            line["soft_errors"] = Json::array();
            for (const ValidationError &error : report.soft)
                line["soft_errors"].push_back(errorToJson(error));
        }
        anyInvalid = anyInvalid || !errors.isEmpty();
        pending += line.dump(-1, ' ', false, Json::error_handler_t::replace);
        pending += '\n';
        if (pending.size() >= 64 * 1024)
            writePending();
    }
    writePending();
    if (anyUnreadable)
        return ExitUsage;
    return anyInvalid ? ExitInvalid : ExitSuccess;
}

} // namespace

CliCommand validateCommand()
{
    return CliCommand { QStringLiteral("validate"),
                        QCoreApplication::translate("cli", "Validate JSON files against a JSON Schema"), run };
}

} // namespace Cli
} // namespace Formwork
