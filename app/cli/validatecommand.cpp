// SPDX-License-Identifier: GPL-3.0-or-later
#include "validatecommand.h"

#include "checks/localchecks.h"
#include "checksoptions.h"
#include "clihelp.h"
#include "runoptions.h"

#include "schema/schema.h"
#include "schema/schemaregistry.h"
#include "json/jsonparser.h"
#include "json/jsonvaluelocator.h"
#include "json/textpositions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
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

void printUnreadable(const QString &path, const QString &reason, QTextStream &err)
{
    err << QCoreApplication::translate("cli", "%1: cannot read the file: %2").arg(path, reason) << Qt::endl;
}

void printInvalidJson(const QString &path, const JsonParseError &error, QTextStream &err)
{
    err << QCoreApplication::translate("cli", "%1:%2:%3: invalid JSON: %4")
               .arg(path)
               .arg(error.line)
               .arg(error.column)
               .arg(error.message)
        << Qt::endl;
}

// Reads and parses a JSON file; on failure prints "FILE:LINE:COLUMN: message" on stderr.
std::optional<LoadedJson> load(
    const QString &path, QTextStream &err, const std::function<void()> &beforeMessage = [] {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        beforeMessage();
        printUnreadable(path, file.errorString(), err);
        return std::nullopt;
    }
    LoadedJson loaded;
    loaded.text = file.readAll();
    auto parsed = parseJson(std::string_view(loaded.text.constData(), size_t(loaded.text.size())));
    if (!parsed) {
        beforeMessage();
        printInvalidJson(path, parsed.error(), err);
        return std::nullopt;
    }
    loaded.parsed = std::move(parsed).value();
    return loaded;
}

// Reads a whole regular file into `buffer`, reusing its memory from one instance to the next (no
// QFile, no fresh QByteArray per file: for thousands of small files that was a tenth of the time).
// False on any problem; the caller then goes the QFile way, which words the error.
bool readWholeFile(const QString &path, std::string &buffer)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat info = {};
    bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    if (ok) {
        // One byte more than the size: a file that grew since fstat() is still read to its end.
        std::size_t size = 0;
        buffer.resize(std::size_t(info.st_size) + 1);
        while (ok) {
            if (size == buffer.size())
                buffer.resize(buffer.size() * 2);
            const ssize_t got = ::read(fd, buffer.data() + size, buffer.size() - size);
            if (got == 0)
                break;
            if (got < 0 && errno == EINTR)
                continue;
            ok = got > 0;
            size += std::size_t(std::max<ssize_t>(got, 0));
            if (ok && size < buffer.size())
                break; // a regular file reads short only at its end: no second read() to learn that
        }
        buffer.resize(size);
    }
    ::close(fd);
    return ok;
}

// Frees a parsed tree from the leaves up. nlohmann's destructor first moves the children of every
// container into a freshly allocated stack (to bound its recursion), nested containers again;
// containers emptied bottom-up leave it nothing to move. The depth is the parser's (512 at most).
void releaseTree(Json &value)
{
    if (value.is_array()) {
        Json::array_t &elements = value.get_ref<Json::array_t &>();
        for (Json &element : elements) {
            if (element.is_structured())
                releaseTree(element);
        }
        elements.clear();
    } else if (value.is_object()) {
        Json::object_t &members = value.get_ref<Json::object_t &>();
        for (auto &member : members) {
            if (member.second.is_structured())
                releaseTree(member.second);
        }
        members.clear();
    }
}

// An instance file parsed into `parsed`; false (with the message printed) when it cannot be read
// or is not JSON. `buffer` holds the text afterwards.
bool loadInstance(const QString &path, std::string &buffer, ParsedJson &parsed, const JsonParseOptions &options,
                  QTextStream &err, const std::function<void()> &beforeMessage)
{
    releaseTree(parsed.value); // the previous instance's
    if (!readWholeFile(path, buffer)) {
        auto loaded = load(path, err, beforeMessage);
        if (!loaded)
            return false;
        buffer.assign(loaded->text.constData(), std::size_t(loaded->text.size()));
        parsed = std::move(loaded->parsed);
        return true;
    }
    auto result = parseJson(buffer, options);
    if (!result) {
        beforeMessage();
        printInvalidJson(path, result.error(), err);
        return false;
    }
    parsed = std::move(result).value();
    return true;
}

// Appends `text` as a JSON string, byte for byte as nlohmann's dump(-1, ' ', false, replace)
// wrote it: the output lines are written directly, without building a Json per line first. The
// UTF-8 of a QString is always well formed, so the replace handler never had anything to do.
void appendJsonString(std::string &out, const QString &qtext)
{
    const QByteArray utf8 = qtext.toUtf8();
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendInteger(std::string &out, qsizetype value)
{
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
    out.append(digits, end);
}

// One error as the JSON object the validate lines carry.
void appendErrorJson(std::string &out, const ValidationError &error)
{
    out += "{\"instancePath\":";
    appendJsonString(out, error.instancePath);
    out += ",\"keywordLocation\":";
    appendJsonString(out, error.keywordLocation);
    out += ",\"message\":";
    appendJsonString(out, error.message);
    out += ",\"range\":";
    if (error.range.isValid()) {
        out += '[';
        appendInteger(out, error.range.begin);
        out += ',';
        appendInteger(out, error.range.end);
        out += ']';
    } else {
        out += "null";
    }
    if (!error.kind.isEmpty()) { // a check beyond the schema: its kind and name
        out += ",\"kind\":";
        appendJsonString(out, error.kind);
        out += ",\"check\":";
        appendJsonString(out, error.keyword);
    }
    out += '}';
}

void appendErrorArray(std::string &out, const QList<ValidationError> &errors)
{
    out += '[';
    for (qsizetype i = 0; i < errors.size(); ++i) {
        if (i > 0)
            out += ',';
        appendErrorJson(out, errors[i]);
    }
    out += ']';
}

// The line for one instance: {"file":…,"valid":…,"errors":[…]} and soft_errors when there are any.
void appendResultLine(std::string &out, const QString &path, const QList<ValidationError> &errors,
                      const QList<ValidationError> &softErrors)
{
    out += "{\"file\":";
    appendJsonString(out, path);
    out += errors.isEmpty() ? ",\"valid\":true" : ",\"valid\":false";
    out += ",\"errors\":";
    appendErrorArray(out, errors);
    if (!softErrors.isEmpty()) {
        out += ",\"soft_errors\":";
        appendErrorArray(out, softErrors);
    }
    out += "}\n";
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
        QCoreApplication::translate("cli",
                                    "The input text the grounding checks look in (with --checks or "
                                    "--workspace; without it grounding checks are skipped)."),
        QStringLiteral("file"));
    parser.addOption(sourceOption);
    parser.addPositionalArgument(QStringLiteral("INSTANCE"), QCoreApplication::translate("cli", "JSON files to check."),
                                 QStringLiteral("INSTANCE.json..."));
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto done = parseCommandLine(parser, arguments, QStringLiteral("validate"), out, err, true))
        return *done;
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
    std::string text; // the instance's bytes, one buffer for all of them
    ParsedJson parsed;
    // The checks read the source map; without them only the failing values need a range, and
    // locateJsonValue() finds those few in the text instead (the map cost a tenth of the time).
    JsonParseOptions parseOptions;
    parseOptions.recordSourceMap = !checks.checks().isEmpty();
    for (const QString &path : parser.positionalArguments()) {
        if (!loadInstance(path, text, parsed, parseOptions, err, writePending)) {
            anyUnreadable = true;
            continue;
        }
        QList<ValidationError> errors = schema->validate(parsed.value);
        const SourceMap &sourceMap = parsed.sourceMap;
        const auto duplicateKeys = parsed.warnings.isEmpty() ? DuplicateKeys::None : DuplicateKeys::Possible;
        attachSourceRanges(errors, [&sourceMap, &text, duplicateKeys](std::string_view pointer) {
            std::optional<std::pair<qsizetype, qsizetype>> range;
            const auto found
                = sourceMap.isEmpty() ? locateJsonValue(text, pointer, duplicateKeys) : sourceMap.valueRange(pointer);
            if (found)
                range = std::pair { found->begin, found->end };
            return range;
        });
        LocalCheckInput checkInput;
        checkInput.value = &parsed.value;
        checkInput.sourceMap = &sourceMap;
        checkInput.sourceText = *sourceText;
        checkInput.schemaValid = errors.isEmpty();
        const CheckReport report = checks.run(checkInput);
        if (!report.configurationError.isEmpty()) {
            err << QStringLiteral("validate: ") << report.configurationError << Qt::endl;
            return ExitUsage;
        }
        errors.append(report.hard);
        anyInvalid = anyInvalid || !errors.isEmpty();
        appendResultLine(pending, path, errors, report.soft);
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
