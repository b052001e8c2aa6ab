// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/workspace.h"

#include "checks/checksfile.h"
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

constexpr int FormatVersion = 1;
// A workspace is a few kilobytes; anything this large is not one, and reading it whole would hurt.
constexpr qint64 MaxFileSize = 64 * 1024 * 1024;

std::string utf8(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// How a schema is rendered when the file holds it as JSON: two-space indent, keys in their order,
// UTF-8 kept as is. A schema text that is exactly this rendering is stored only as JSON.
std::string renderSchema(const Json &schema)
{
    return schema.dump(2, ' ', false, Json::error_handler_t::replace);
}

constexpr std::array AllThinkModes = { ThinkMode::Default, ThinkMode::Off,  ThinkMode::On, ThinkMode::Low,
                                       ThinkMode::Medium,  ThinkMode::High, ThinkMode::Max };

// The templates in the file, by key. Only those that differ from the defaults are written.
struct TemplateField {
    const char *key;
    QString ExtractionTemplates::*member;
};
constexpr std::array TemplateFields = {
    TemplateField { "schemaPrompt", &ExtractionTemplates::schemaPrompt },
    TemplateField { "markdownRequest", &ExtractionTemplates::markdownRequest },
    TemplateField { "reaskJson", &ExtractionTemplates::reaskJson },
    TemplateField { "reaskMarkdown", &ExtractionTemplates::reaskMarkdown },
    TemplateField { "reaskTools", &ExtractionTemplates::reaskTools },
};

// Images are stored relative to the workspace file when they sit near it (in its folder tree, or in
// a sibling folder such as ../images), so a workspace and its images can move together, e.g. in a git checkout.
QString storedImagePath(const QString &imagePath, const QDir &base)
{
    const QString relative = base.relativeFilePath(imagePath);
    if (QDir::isAbsolutePath(relative) || relative.startsWith(QLatin1String("../../")))
        return QDir::fromNativeSeparators(imagePath);
    return relative;
}

// Keeping the schema text verbatim: the file holds the schema as JSON ("schema") so that it diffs
// well. When rendering that JSON back (renderSchema) gives exactly the editor's text, give or take
// one final newline ("schemaFinalNewline"), nothing else is stored. Otherwise (other indentation,
// comments-like junk, a duplicate key, "1e3" for 1000.0, or text that is not JSON at all) the text
// itself is stored as well in "schemaText". On reading, schemaText wins while it still parses to
// the stored "schema" value; when someone edited "schema" by hand, the edited value wins.
void writeSchema(Json &file, const QString &schemaText)
{
    if (schemaText.isEmpty())
        return;
    const std::string text = utf8(schemaText);
    JsonParseOptions options;
    options.recordSourceMap = false;
    auto parsed = parseJson(text, options);
    if (!parsed) {
        file["schemaText"] = text;
        return;
    }
    const std::string rendered = renderSchema(parsed->value);
    const bool finalNewline = text.size() == rendered.size() + 1 && text.back() == '\n';
    const std::string_view body
        = finalNewline ? std::string_view(text).substr(0, text.size() - 1) : std::string_view(text);
    // The value must also survive being written into the file and read back unchanged.
    auto reparsed = parseJson(rendered, options);
    const bool roundTrips = body == rendered && reparsed && renderSchema(reparsed->value) == rendered;
    file["schema"] = parsed->value;
    if (!roundTrips)
        file["schemaText"] = text;
    else if (finalNewline)
        file["schemaFinalNewline"] = true;
}

Json promptJson(const PromptSettings &prompt, const QDir *base)
{
    Json json = Json::object();
    json["system"] = utf8(prompt.systemPrompt);
    json["user"] = utf8(prompt.userPrompt);
    Json variables = Json::array();
    for (const PromptVariable &variable : prompt.variables)
        variables.push_back(Json { { "name", utf8(variable.name) }, { "value", utf8(variable.value) } });
    json["variables"] = std::move(variables);
    Json images = Json::array();
    for (const QString &image : prompt.imagePaths)
        images.push_back(utf8(base ? storedImagePath(image, *base) : image));
    json["images"] = std::move(images);
    return json;
}

Json serverJson(const ServerSettings &server)
{
    // A password in the URL is a secret: it never goes into a file meant for git.
    const QUrl host = server.host.adjusted(QUrl::RemovePassword);
    // Fully encoded, so the strict parse that reads it back accepts any address that was valid.
    return Json { { "host", utf8(host.toString(QUrl::FullyEncoded)) },
                  { "api", server.api == BackendApi::OpenAi ? "openai" : "ollama" },
                  { "model", utf8(server.model) } };
}

Json optionsJson(const ChatOptions &options)
{
    Json json = Json::object();
    // JSON has no NaN or infinity (they would be written as null and refused on reading).
    if (options.temperature && std::isfinite(*options.temperature))
        json["temperature"] = *options.temperature;
    if (options.seed)
        json["seed"] = *options.seed;
    if (options.numCtx)
        json["num_ctx"] = *options.numCtx;
    if (options.numPredict)
        json["num_predict"] = *options.numPredict;
    if (options.topP && std::isfinite(*options.topP))
        json["top_p"] = *options.topP;
    if (options.topK)
        json["top_k"] = *options.topK;
    if (!options.stop.isEmpty()) {
        Json stop = Json::array();
        for (const QString &s : options.stop)
            stop.push_back(utf8(s));
        json["stop"] = std::move(stop);
    }
    return json;
}

Json templatesJson(const ExtractionTemplates &templates)
{
    const ExtractionTemplates defaults = ExtractionTemplates::defaults();
    Json json = Json::object();
    for (const TemplateField &field : TemplateFields) {
        if (templates.*field.member != defaults.*field.member)
            json[field.key] = utf8(templates.*field.member);
    }
    return json;
}

// The chunking run options (issue 13); written only when they differ from the defaults.
Json chunkingJson(const ChunkSettings &chunking)
{
    Json json = Json::object();
    json["mode"] = utf8(chunkingModeName(chunking.mode));
    json["chars"] = chunking.maxChars;
    json["overlap"] = chunking.overlapChars;
    json["passes"] = chunking.passes;
    json["concurrency"] = chunking.concurrency;
    if (!chunking.mergeKey.isEmpty())
        json["mergeKey"] = utf8(chunking.mergeKey);
    return json;
}

QByteArray serialize(const Workspace &workspace, const QDir *base)
{
    const PromptSettings &prompt = workspace.prompt;
    Json file = Json::object();
    file["formwork"] = FormatVersion;
    writeSchema(file, workspace.schemaText);
    file["prompt"] = promptJson(prompt, base);
    file["server"] = serverJson(workspace.server);
    file["mode"] = utf8(extractionModeName(prompt.mode));
    file["options"] = optionsJson(prompt.options);
    Json limits = Json::object();
    limits["maxAttempts"] = prompt.maxAttempts;
    if (prompt.deadlineMs != 0)
        limits["deadlineMs"] = prompt.deadlineMs;
    if (prompt.tokenBudget != 0)
        limits["tokenBudget"] = prompt.tokenBudget;
    file["limits"] = std::move(limits);
    file["think"] = utf8(thinkModeName(prompt.think));
    file["templates"] = templatesJson(prompt.templates);
    if (!workspace.checks.isEmpty())
        file["checks"] = checksToJson(workspace.checks);
    if (prompt.chunking != ChunkSettings())
        file["chunking"] = chunkingJson(prompt.chunking);
    std::string text = file.dump(2, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    return QByteArray(text.data(), qsizetype(text.size()));
}

// The byte offset of the first byte that is not part of valid UTF-8, or -1.
qsizetype firstInvalidUtf8(std::string_view text)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
    const qsizetype size = qsizetype(text.size());
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        int length = 0;
        unsigned int minimum = 0;
        unsigned int code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2, minimum = 0x80, code = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, minimum = 0x800, code = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, minimum = 0x10000, code = lead & 0x07u;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (bytes[i + k] & 0x3Fu);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}

// Reads the fields of a parsed workspace file. The first problem stops reading and becomes the
// error, with the line and column of the offending value.
class Reader
{
public:
    Reader(std::string_view text, const ParsedJson &parsed, const QString &path)
        : m_text(text)
        , m_parsed(parsed)
        , m_path(path)
    {
    }

    std::optional<WorkspaceError> error;

    // "prompt.variables[2].name" for "/prompt/variables/2/name".
    static QString fieldName(std::string_view pointer)
    {
        QString name;
        size_t start = 1;
        while (start <= pointer.size()) {
            const size_t end = std::min(pointer.find('/', start), pointer.size());
            const std::string_view token = pointer.substr(start, end - start);
            const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string_view::npos;
            if (index)
                name += QLatin1Char('[') + fromUtf8(token) + QLatin1Char(']');
            else
                name += (name.isEmpty() ? QString() : QStringLiteral(".")) + fromUtf8(token);
            start = end + 1;
        }
        return name;
    }

    void fail(const std::string &pointer, const QString &message)
    {
        if (error)
            return;
        WorkspaceError e;
        e.path = m_path;
        if (const auto range = m_parsed.sourceMap.valueRange(pointer)) {
            const LineColumn position = lineColumnAt(m_text, range->begin);
            e.line = position.line;
            e.column = position.column;
        }
        e.message = message;
        error = std::move(e);
    }

    void failType(const std::string &pointer, const QString &expected)
    {
        fail(pointer,
             QCoreApplication::translate("Formwork::Workspace", "\"%1\" must be %2").arg(fieldName(pointer), expected));
    }

    // The member `key` of `object` (at `pointer`), or null when it is absent.
    static const Json *member(const Json &object, const char *key)
    {
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    const Json *objectMember(const Json &object, const std::string &pointer, const char *key)
    {
        const Json *value = member(object, key);
        if (value && !value->is_object()) {
            failType(child(pointer, key), QCoreApplication::translate("Formwork::Workspace", "an object"));
            return nullptr;
        }
        return value;
    }

    const Json *arrayMember(const Json &object, const std::string &pointer, const char *key)
    {
        const Json *value = member(object, key);
        if (value && !value->is_array()) {
            failType(child(pointer, key), QCoreApplication::translate("Formwork::Workspace", "an array"));
            return nullptr;
        }
        return value;
    }

    bool readString(const Json &value, const std::string &pointer, QString &out)
    {
        if (!value.is_string()) {
            failType(pointer, QCoreApplication::translate("Formwork::Workspace", "a string"));
            return false;
        }
        out = fromUtf8(value.get_ref<const std::string &>());
        return true;
    }

    void stringMember(const Json &object, const std::string &pointer, const char *key, QString &out)
    {
        if (const Json *value = member(object, key))
            readString(*value, child(pointer, key), out);
    }

    template<typename Int>
    void integerMember(const Json &object, const std::string &pointer, const char *key, Int &out, qint64 minimum)
    {
        const Json *value = member(object, key);
        if (!value)
            return;
        const std::string at = child(pointer, key);
        if (!value->is_number_integer()) {
            failType(at, QCoreApplication::translate("Formwork::Workspace", "a whole number"));
            return;
        }
        const bool isUnsigned = value->is_number_unsigned();
        const qint64 number = isUnsigned ? qint64(value->get<quint64>()) : value->get<qint64>();
        const bool tooLarge = (isUnsigned && value->get<quint64>() > quint64(std::numeric_limits<Int>::max()))
            || number > qint64(std::numeric_limits<Int>::max());
        if (tooLarge || number < minimum) {
            fail(at, QCoreApplication::translate("Formwork::Workspace", "\"%1\" is out of range").arg(fieldName(at)));
            return;
        }
        out = Int(number);
    }

    template<typename Int>
    void optionalInteger(const Json &object, const std::string &pointer, const char *key, std::optional<Int> &out,
                         qint64 minimum)
    {
        if (!member(object, key))
            return;
        Int value {};
        const bool hadError = error.has_value();
        integerMember(object, pointer, key, value, minimum);
        if (!hadError && !error)
            out = value;
    }

    void optionalNumber(const Json &object, const std::string &pointer, const char *key, std::optional<double> &out)
    {
        const Json *value = member(object, key);
        if (!value)
            return;
        if (!value->is_number()) {
            failType(child(pointer, key), QCoreApplication::translate("Formwork::Workspace", "a number"));
            return;
        }
        out = value->get<double>();
    }

    static std::string child(const std::string &pointer, std::string_view key)
    {
        return SourceMap::appendToken(pointer, key);
    }

private:
    std::string_view m_text;
    const ParsedJson &m_parsed;
    QString m_path;
};

void readSchema(Reader &reader, const Json &root, Workspace &workspace)
{
    QString text;
    bool hasText = false;
    if (const Json *value = Reader::member(root, "schemaText"))
        hasText = reader.readString(*value, "/schemaText", text);
    bool finalNewline = false;
    if (const Json *value = Reader::member(root, "schemaFinalNewline")) {
        if (!value->is_boolean())
            reader.failType("/schemaFinalNewline", QCoreApplication::translate("Formwork::Workspace", "true or false"));
        else
            finalNewline = value->get<bool>();
    }
    if (reader.error)
        return;
    const Json *schema = Reader::member(root, "schema");
    if (hasText && schema) {
        // The verbatim text is trusted while it still means the stored schema (see writeSchema).
        JsonParseOptions options;
        options.recordSourceMap = false;
        const auto parsed = parseJson(utf8(text), options);
        if (parsed && parsed->value == *schema) {
            workspace.schemaText = text;
            return;
        }
    } else if (hasText) {
        workspace.schemaText = text;
        return;
    }
    if (schema) {
        workspace.schemaText = fromUtf8(renderSchema(*schema));
        if (finalNewline)
            workspace.schemaText += QLatin1Char('\n');
    }
}

void readPrompt(Reader &reader, const Json &root, PromptSettings &prompt, const QString &path)
{
    const Json *json = reader.objectMember(root, "", "prompt");
    if (!json)
        return;
    reader.stringMember(*json, "/prompt", "system", prompt.systemPrompt);
    reader.stringMember(*json, "/prompt", "user", prompt.userPrompt);
    if (const Json *variables = reader.arrayMember(*json, "/prompt", "variables")) {
        for (size_t i = 0; i < variables->size() && !reader.error; ++i) {
            const std::string at = Reader::child("/prompt/variables", std::to_string(i));
            const Json &item = (*variables)[i];
            if (!item.is_object()) {
                reader.failType(
                    at, QCoreApplication::translate("Formwork::Workspace", "an object with \"name\" and \"value\""));
                return;
            }
            PromptVariable variable;
            reader.stringMember(item, at, "name", variable.name);
            reader.stringMember(item, at, "value", variable.value);
            prompt.variables.append(variable);
        }
    }
    if (const Json *images = reader.arrayMember(*json, "/prompt", "images")) {
        const QDir base = QFileInfo(path).absoluteDir();
        for (size_t i = 0; i < images->size() && !reader.error; ++i) {
            QString image;
            if (reader.readString((*images)[i], Reader::child("/prompt/images", std::to_string(i)), image)) {
                if (!path.isEmpty() && QDir::isRelativePath(image))
                    image = QDir::cleanPath(base.absoluteFilePath(image));
                prompt.imagePaths.append(image);
            }
        }
    }
}

void readServer(Reader &reader, const Json &root, ServerSettings &server)
{
    const Json *json = reader.objectMember(root, "", "server");
    if (!json)
        return;
    QString host;
    reader.stringMember(*json, "/server", "host", host);
    if (!host.isEmpty()) {
        server.host = QUrl(host, QUrl::StrictMode);
        if (!server.host.isValid())
            reader.fail(
                "/server/host",
                QCoreApplication::translate("Formwork::Workspace", "\"server.host\" is not a valid URL: %1").arg(host));
    }
    QString api;
    reader.stringMember(*json, "/server", "api", api);
    if (api == u"openai")
        server.api = BackendApi::OpenAi;
    else if (api.isEmpty() || api == u"ollama")
        server.api = BackendApi::Ollama;
    else
        reader.fail("/server/api",
                    QCoreApplication::translate("Formwork::Workspace",
                                                "\"server.api\" must be \"ollama\" or \"openai\", not \"%1\"")
                        .arg(api));
    reader.stringMember(*json, "/server", "model", server.model);
}

void readOptions(Reader &reader, const Json &root, ChatOptions &options)
{
    const Json *json = reader.objectMember(root, "", "options");
    if (!json)
        return;
    const std::string at = "/options";
    reader.optionalNumber(*json, at, "temperature", options.temperature);
    reader.optionalInteger(*json, at, "seed", options.seed, std::numeric_limits<qint64>::min());
    reader.optionalInteger(*json, at, "num_ctx", options.numCtx, 1);
    reader.optionalInteger(*json, at, "num_predict", options.numPredict, -2);
    reader.optionalNumber(*json, at, "top_p", options.topP);
    reader.optionalInteger(*json, at, "top_k", options.topK, 0);
    if (const Json *stop = reader.arrayMember(*json, at, "stop")) {
        for (size_t i = 0; i < stop->size() && !reader.error; ++i) {
            QString s;
            if (reader.readString((*stop)[i], Reader::child("/options/stop", std::to_string(i)), s))
                options.stop.append(s);
        }
    }
}

void readLimits(Reader &reader, const Json &root, PromptSettings &prompt)
{
    const Json *json = reader.objectMember(root, "", "limits");
    if (!json)
        return;
    reader.integerMember(*json, "/limits", "maxAttempts", prompt.maxAttempts, 1);
    reader.integerMember(*json, "/limits", "deadlineMs", prompt.deadlineMs, 0);
    reader.integerMember(*json, "/limits", "tokenBudget", prompt.tokenBudget, 0);
}

void readChunking(Reader &reader, const Json &root, ChunkSettings &chunking)
{
    const Json *json = reader.objectMember(root, "", "chunking");
    if (!json)
        return;
    QString mode;
    reader.stringMember(*json, "/chunking", "mode", mode);
    if (!mode.isEmpty() && !reader.error) {
        if (const auto parsed = chunkingModeFromName(mode))
            chunking.mode = *parsed;
        else
            reader.fail("/chunking/mode",
                        QCoreApplication::translate("Formwork::Workspace",
                                                    "\"chunking.mode\" must be \"off\", \"auto\" or \"always\", "
                                                    "not \"%1\"")
                            .arg(mode));
    }
    reader.integerMember(*json, "/chunking", "chars", chunking.maxChars, 16);
    reader.integerMember(*json, "/chunking", "overlap", chunking.overlapChars, 0);
    reader.integerMember(*json, "/chunking", "passes", chunking.passes, 1);
    reader.integerMember(*json, "/chunking", "concurrency", chunking.concurrency, 1);
    reader.stringMember(*json, "/chunking", "mergeKey", chunking.mergeKey);
}

void readChoices(Reader &reader, const Json &root, PromptSettings &prompt)
{
    QString mode;
    reader.stringMember(root, "", "mode", mode);
    if (!mode.isEmpty() && !reader.error) {
        if (const auto parsed = extractionModeFromName(mode))
            prompt.mode = *parsed;
        else
            reader.fail("/mode",
                        QCoreApplication::translate(
                            "Formwork::Workspace",
                            "\"mode\" must be \"schema\", \"json\", \"md-json\" or \"tools\", not \"%1\"")
                            .arg(mode));
    }
    QString think;
    reader.stringMember(root, "", "think", think);
    if (!think.isEmpty() && !reader.error) {
        const auto it = std::find_if(AllThinkModes.begin(), AllThinkModes.end(),
                                     [&](ThinkMode m) { return thinkModeName(m) == think; });
        if (it != AllThinkModes.end())
            prompt.think = *it;
        else
            reader.fail("/think",
                        QCoreApplication::translate(
                            "Formwork::Workspace",
                            "\"think\" must be one of default, off, on, low, medium, high, max; not \"%1\"")
                            .arg(think));
    }
    if (const Json *templates = reader.objectMember(root, "", "templates")) {
        for (const TemplateField &field : TemplateFields)
            reader.stringMember(*templates, "/templates", field.key, prompt.templates.*field.member);
    }
}

void readChecks(Reader &reader, const Json &root, CheckList &checks)
{
    const Json *json = Reader::member(root, "checks");
    if (!json || reader.error)
        return;
    auto parsed = checksFromJson(*json, "/checks");
    if (!parsed) {
        reader.fail(parsed.error().pointer, parsed.error().message);
        return;
    }
    checks = *parsed;
}

} // namespace

QString thinkModeName(ThinkMode mode)
{
    switch (mode) {
    case ThinkMode::Default:
        return QStringLiteral("default");
    case ThinkMode::Off:
        return QStringLiteral("off");
    case ThinkMode::On:
        return QStringLiteral("on");
    case ThinkMode::Low:
        return QStringLiteral("low");
    case ThinkMode::Medium:
        return QStringLiteral("medium");
    case ThinkMode::High:
        return QStringLiteral("high");
    case ThinkMode::Max:
        return QStringLiteral("max");
    }
    return QStringLiteral("default");
}

QString WorkspaceError::text() const
{
    QString where = path;
    if (line > 0)
        where += (where.isEmpty() ? QString() : QStringLiteral(":")) + QString::number(line) + QLatin1Char(':')
            + QString::number(column);
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

QByteArray serializeWorkspace(const Workspace &workspace)
{
    return serialize(workspace, nullptr);
}

QByteArray serializeWorkspace(const Workspace &workspace, const QString &filePath)
{
    const QDir base = QFileInfo(filePath).absoluteDir();
    return serialize(workspace, filePath.isEmpty() ? nullptr : &base);
}

Result<Workspace, WorkspaceError> parseWorkspace(const QByteArray &bytes, const QString &path)
{
    std::string_view text(bytes.constData(), size_t(bytes.size()));
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3); // a byte order mark some editors write
    if (const qsizetype bad = firstInvalidUtf8(text); bad >= 0) {
        const LineColumn position = lineColumnAt(text, bad);
        return WorkspaceError { path, position.line, position.column,
                                QCoreApplication::translate("Formwork::Workspace",
                                                            "the file is not UTF-8 text (byte 0x%1 cannot be read)")
                                    .arg(QString::number(static_cast<unsigned char>(text[size_t(bad)]), 16)
                                             .toUpper()
                                             .rightJustified(2, QLatin1Char('0'))) };
    }
    auto parsed = parseJson(text);
    if (!parsed) {
        const JsonParseError &e = parsed.error();
        return WorkspaceError { path, e.line, e.column, e.message };
    }
    const Json &root = parsed->value;
    Reader reader(text, *parsed, path);
    if (!root.is_object())
        return WorkspaceError {
            path, 1, 1, QCoreApplication::translate("Formwork::Workspace", "a workspace file holds one JSON object")
        };
    const Json *version = Reader::member(root, "formwork");
    if (!version)
        return WorkspaceError { path, 0, 0,
                                QCoreApplication::translate(
                                    "Formwork::Workspace",
                                    "not a Formwork workspace (the \"formwork\" field is missing)") };
    if (!version->is_number_integer()) {
        reader.failType("/formwork", QCoreApplication::translate("Formwork::Workspace", "a whole number"));
        return *reader.error;
    }
    if (version->get<qint64>() > FormatVersion || version->get<qint64>() < 1) {
        reader.fail("/formwork",
                    QCoreApplication::translate(
                        "Formwork::Workspace",
                        "workspace format %1 is not known to this version of Formwork (it reads format %2)")
                        .arg(version->get<qint64>())
                        .arg(FormatVersion));
        return *reader.error;
    }

    Workspace workspace;
    readSchema(reader, root, workspace);
    readPrompt(reader, root, workspace.prompt, path);
    readServer(reader, root, workspace.server);
    readChoices(reader, root, workspace.prompt);
    readOptions(reader, root, workspace.prompt.options);
    readLimits(reader, root, workspace.prompt);
    readChunking(reader, root, workspace.prompt.chunking);
    readChecks(reader, root, workspace.checks);
    if (reader.error)
        return *reader.error;
    return workspace;
}

std::optional<WorkspaceError> saveWorkspace(const Workspace &workspace, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return WorkspaceError {
            path, 0, 0,
            QCoreApplication::translate("Formwork::Workspace", "cannot be written: %1").arg(file.errorString())
        };
    const QByteArray bytes = serializeWorkspace(workspace, path);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return WorkspaceError {
            path, 0, 0, QCoreApplication::translate("Formwork::Workspace", "cannot be written: %1").arg(reason)
        };
    }
    if (!file.commit())
        return WorkspaceError {
            path, 0, 0,
            QCoreApplication::translate("Formwork::Workspace", "cannot be written: %1").arg(file.errorString())
        };
    return std::nullopt;
}

Result<Workspace, WorkspaceError> loadWorkspace(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return WorkspaceError { path, 0, 0,
                                QCoreApplication::translate("Formwork::Workspace", "the file does not exist") };
    if (info.isDir())
        return WorkspaceError {
            path, 0, 0, QCoreApplication::translate("Formwork::Workspace", "this is a folder, not a workspace file")
        };
    if (info.size() > MaxFileSize)
        return WorkspaceError { path, 0, 0,
                                QCoreApplication::translate("Formwork::Workspace",
                                                            "the file is too large to be a workspace (%1 MB)")
                                    .arg(info.size() >> 20) };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return WorkspaceError {
            path, 0, 0, QCoreApplication::translate("Formwork::Workspace", "cannot be read: %1").arg(file.errorString())
        };
    return parseWorkspace(file.readAll(), path);
}

} // namespace Formwork
