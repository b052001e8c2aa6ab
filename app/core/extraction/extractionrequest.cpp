// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractionrequest.h"

#include "llm/serverprobe.h"
#include "schema/enforcementreport.h"
#include "schema/schemaerrorformatter.h"
#include "schema/schemaprompt.h"
#include "json/jsonextractor.h"
#include "json/jsonparser.h"
#include "json/streamingjsonlocator.h"

#include <QCoreApplication>

#include <algorithm>

namespace Formwork {

namespace {

bool usesSchemaPrompt(ExtractionMode mode)
{
    return mode != ExtractionMode::Tools;
}

// Text sent to the model: kept in English on purpose (models follow it best), not translated.
QString noJsonText()
{
    return QStringLiteral("The reply contains no JSON value. Answer with a JSON instance that matches the schema.");
}

QString parseErrorText(const JsonParseError &error)
{
    return QStringLiteral("The JSON does not parse: line %1, column %2: %3")
        .arg(error.line)
        .arg(error.column)
        .arg(error.message);
}

void validateInto(AttemptRecord &record, const Schema &schema, const SourceMap &map)
{
    record.errors = schema.validate(record.value);
    if (record.errors.isEmpty()) {
        record.outcome = AttemptOutcome::Valid;
        return;
    }
    attachSourceRanges(record.errors,
                       [&map](std::string_view pointer) -> std::optional<std::pair<qsizetype, qsizetype>> {
                           const auto range = map.valueRange(pointer);
                           if (!range)
                               return std::nullopt;
                           return std::make_pair(range->begin, range->end);
                       });
    record.outcome = AttemptOutcome::SchemaInvalid;
    ReaskFormatOptions options;
    options.includeValue = true;
    record.errorText = formatErrorsForReask(record.errors, &record.value, options);
}

// The attempt failed to parse: where and why, for the timeline and for the reask.
void recordParseError(AttemptRecord &record, const JsonParseError &error)
{
    record.outcome = AttemptOutcome::ParseError;
    record.parseError = QStringLiteral("line %1, column %2: %3").arg(error.line).arg(error.column).arg(error.message);
    record.parseErrorOffset = error.offset;
    record.errorText = parseErrorText(error);
}

void evaluateText(AttemptRecord &record, const Schema &schema)
{
    const QByteArray utf8 = record.content.toUtf8();
    const std::string_view text(utf8.constData(), size_t(utf8.size()));
    const std::optional<ExtractedJson> extracted = extractJson(text);
    if (!extracted) {
        record.outcome = AttemptOutcome::NoJson;
        record.errorText = noJsonText();
        return;
    }
    record.extracted = true;
    record.span = extracted->span;
    record.extractedText = QString::fromUtf8(extracted->text.data(), qsizetype(extracted->text.size()));
    auto parsed = parseExtractedJson(*extracted, text);
    if (!parsed) {
        recordParseError(record, parsed.error());
        return;
    }
    record.parsed = true;
    record.value = std::move(parsed->value);
    validateInto(record, schema, parsed->sourceMap);
}

void evaluateToolCall(AttemptRecord &record, const Schema &schema, const QString &toolName)
{
    if (record.toolCalls.isEmpty()) {
        record.outcome = AttemptOutcome::NoJson;
        record.errorText = QStringLiteral("No tool was called. Call the function `%1` with arguments that match its "
                                          "parameters.")
                               .arg(toolName);
        return;
    }
    const auto call = std::find_if(record.toolCalls.cbegin(), record.toolCalls.cend(),
                                   [&toolName](const ToolCall &c) { return c.name == toolName; });
    if (call == record.toolCalls.cend()) {
        record.outcome = AttemptOutcome::NoJson;
        record.errorText = QStringLiteral("The function `%1` does not exist. Call the function `%2` instead.")
                               .arg(record.toolCalls.first().name, toolName);
        return;
    }
    const QByteArray utf8 = call->argumentsJson.toUtf8();
    std::string_view text(utf8.constData(), size_t(utf8.size()));
    record.extracted = true;
    record.span = SourceRange { 0, qsizetype(text.size()) };
    record.extractedText = call->argumentsJson;
    auto parsed = parseJson(text);
    if (!parsed) {
        recordParseError(record, parsed.error());
        return;
    }
    // Some servers encode the arguments twice: a JSON string that holds the object.
    if (parsed->value.is_string()) {
        const std::string inner = parsed->value.get<std::string>();
        auto reparsed = parseJson(inner);
        if (reparsed && reparsed->value.is_object()) {
            record.parsed = true;
            record.value = std::move(reparsed->value);
            record.extractedText = QString::fromStdString(inner);
            validateInto(record, schema, SourceMap());
            return;
        }
    }
    record.parsed = true;
    record.value = std::move(parsed->value);
    validateInto(record, schema, parsed->sourceMap);
}

// The server that will answer: the probed kind, else what the API implies (native is Ollama).
ServerKind serverKindFor(const ExtractionConfig &config, BackendApi api)
{
    if (config.server.kind != ServerKind::Unknown)
        return config.server.kind;
    return api == BackendApi::Ollama ? ServerKind::Ollama : ServerKind::Unknown;
}

} // namespace

std::optional<GrammarRules> grammarRulesFor(ServerKind kind, BackendApi api)
{
    if (kind == ServerKind::Unknown && api == BackendApi::Ollama)
        kind = ServerKind::Ollama;
    switch (kind) {
    case ServerKind::Ollama:
        return GrammarRules::Ollama;
    case ServerKind::LlamaServer:
        return GrammarRules::LlamaServer;
    default:
        return std::nullopt;
    }
}

namespace {

// Tools mode: what the server does with tool_choice, said before the run, naming the server.
std::optional<QString> toolsWarning(const ExtractionConfig &config, BackendApi api)
{
    const ServerKind kind = serverKindFor(config, api);
    switch (kind) {
    case ServerKind::Ollama:
        return api == BackendApi::Ollama
            ? QCoreApplication::translate("Formwork::Extraction",
                                          "Ollama ignores tool_choice: the model may answer without calling the tool "
                                          "(such an answer is reasked).")
            : QCoreApplication::translate("Formwork::Extraction",
                                          "Ollama's /v1 endpoint ignores tool_choice: the model may answer without "
                                          "calling the tool (such an answer is reasked).");
    case ServerKind::LlamaServer:
        if (config.server.supportsTools.value_or(true))
            return std::nullopt; // tool_choice "required" is honoured
        return QCoreApplication::translate("Formwork::Extraction",
                                           "The chat template of %1 has no tool support: the model answers in "
                                           "plain text instead of calling the tool (such an answer is reasked).")
            .arg(serverDisplayName(kind));
    case ServerKind::Vllm:
    case ServerKind::LmStudio:
        return std::nullopt;
    case ServerKind::OpenAiCompatible:
    case ServerKind::Unknown:
        break;
    }
    return QCoreApplication::translate("Formwork::Extraction",
                                       "Whether %1 honours tool_choice is not known: the model may answer without "
                                       "calling the tool (such an answer is reasked).")
        .arg(serverDisplayName(kind));
}

QString sanitizedToolName(const QString &title)
{
    QString name;
    for (const QChar c : title) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name.append(c);
        else if (c == u'_' || c == u'-' || c == u' ')
            name.append(u'_');
    }
    return name.left(64);
}

} // namespace

QString extractionModeName(ExtractionMode mode)
{
    switch (mode) {
    case ExtractionMode::Schema:
        return QStringLiteral("schema");
    case ExtractionMode::Json:
        return QStringLiteral("json");
    case ExtractionMode::MdJson:
        return QStringLiteral("md-json");
    case ExtractionMode::Tools:
        return QStringLiteral("tools");
    }
    return {};
}

std::optional<ExtractionMode> extractionModeFromName(QStringView name)
{
    for (ExtractionMode mode :
         { ExtractionMode::Schema, ExtractionMode::Json, ExtractionMode::MdJson, ExtractionMode::Tools }) {
        if (name == extractionModeName(mode))
            return mode;
    }
    return std::nullopt;
}

ExtractionTemplates ExtractionTemplates::defaults()
{
    // Sent to the model, so English and untranslated; the user edits them per workspace.
    ExtractionTemplates t;
    t.schemaPrompt = QStringLiteral("Read the content carefully and extract the requested data as JSON that matches "
                                    "this JSON schema:\n\n{{schema}}\n\nReply with one JSON instance of the schema "
                                    "(the data itself, not the schema).");
    t.markdownRequest
        = QStringLiteral("Return the correct JSON response in a ```json code block, not the JSON schema.");
    t.reaskJson = QStringLiteral("Recall the function correctly, fix the errors, exceptions found\n{{errors}}");
    t.reaskMarkdown = QStringLiteral("Correct your JSON ONLY RESPONSE, based on the following errors:\n{{errors}}");
    t.reaskTools = QStringLiteral("Validation Error found:\n{{errors}}\nRecall the function correctly, fix the errors");
    return t;
}

QString attemptOutcomeName(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::Valid:
        return QStringLiteral("valid");
    case AttemptOutcome::NoJson:
        return QStringLiteral("no-json");
    case AttemptOutcome::ParseError:
        return QStringLiteral("parse-error");
    case AttemptOutcome::SchemaInvalid:
        return QStringLiteral("schema-invalid");
    case AttemptOutcome::Truncated:
        return QStringLiteral("truncated");
    case AttemptOutcome::ContextFull:
        return QStringLiteral("context-full");
    case AttemptOutcome::BackendFailed:
        return QStringLiteral("backend-error");
    case AttemptOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString runFailureReasonName(RunFailureReason reason)
{
    switch (reason) {
    case RunFailureReason::None:
        return QStringLiteral("none");
    case RunFailureReason::Exhausted:
        return QStringLiteral("exhausted");
    case RunFailureReason::Deadline:
        return QStringLiteral("deadline");
    case RunFailureReason::Budget:
        return QStringLiteral("budget");
    case RunFailureReason::Length:
        return QStringLiteral("length");
    case RunFailureReason::Backend:
        return QStringLiteral("backend-error");
    case RunFailureReason::Cancelled:
        return QStringLiteral("cancelled");
    case RunFailureReason::Configuration:
        return QStringLiteral("configuration");
    case RunFailureReason::ContextFull:
        return QStringLiteral("context-full");
    }
    return {};
}

QString fillTemplate(QString text, QStringView name, const QString &value)
{
    const QString placeholder = QStringLiteral("{{") + name + QStringLiteral("}}");
    return text.replace(placeholder, value);
}

int defaultNumPredict(const nlohmann::ordered_json &schema, bool mayThink)
{
    // An instance is usually a few times shorter than its schema's text, but free-text fields can
    // be long: leave generous room, and keep format:"json"'s endless whitespace bounded.
    const int schemaTokens = renderSchemaForPrompt(schema).estimatedTokens;
    int tokens = std::clamp(schemaTokens * 4 + 512, 1024, 8192);
    if (mayThink)
        tokens += 4096;
    return tokens;
}

QString extractionToolName(const ExtractionConfig &config)
{
    if (!config.toolName.isEmpty())
        return config.toolName;
    if (config.schema) {
        const auto &doc = config.schema->document();
        if (doc.is_object() && doc.contains("title") && doc["title"].is_string()) {
            const QString name = sanitizedToolName(QString::fromStdString(doc["title"].get<std::string>()));
            if (!name.isEmpty())
                return name;
        }
    }
    return QStringLiteral("extract");
}

Result<BaseRequest, QString> buildBaseRequest(const ExtractionConfig &config, BackendApi api)
{
    if (!config.schema)
        return QCoreApplication::translate("Formwork::Extraction", "No schema was given.");
    if (config.limits.maxAttempts < 1)
        return QCoreApplication::translate("Formwork::Extraction", "The number of attempts must be at least 1.");
    const ModelInfo &info = config.modelInfo;
    if (config.mode == ExtractionMode::Tools && info.capabilitiesKnown && !info.hasCapability(u"tools"))
        return QCoreApplication::translate("Formwork::Extraction",
                                           "The model %1 does not support tools; choose another mode or model.")
            .arg(config.model);

    const nlohmann::ordered_json &schema = config.schema->document();
    BaseRequest base;
    ChatRequest &request = base.request;
    request.model = config.model;
    request.options = config.options;
    request.keepAlive = config.keepAlive;
    request.stream = true;
    request.messages = config.messages;
    request.server = serverKindFor(config, api);
    const ServerKind serverKind = request.server;
    // A single-model server answers with its own model whatever was asked: say so up front.
    if (config.server.isSingleModel() && !config.model.isEmpty() && config.model != config.server.modelId)
        base.warnings.append(
            QCoreApplication::translate("Formwork::Extraction", "%1 serves only the model %2: the run uses it, not %3.")
                .arg(serverDisplayName(serverKind), config.server.modelId, config.model));

    // think only for models that can (when known); the Ollama backend checks /api/show otherwise.
    request.think = config.think;
    if (info.capabilitiesKnown && !info.hasCapability(u"thinking") && config.think != ThinkMode::Default) {
        request.think = ThinkMode::Default;
        base.warnings.append(QCoreApplication::translate("Formwork::Extraction",
                                                         "The model %1 does not support thinking; 'think' is not sent.")
                                 .arg(config.model));
    }

    if (usesSchemaPrompt(config.mode)) {
        const QString prompt
            = fillTemplate(config.templates.schemaPrompt, u"schema", renderSchemaForPrompt(schema).pretty);
        if (!request.messages.isEmpty() && request.messages.first().role == u"system") {
            ChatMessage &system = request.messages.first();
            system.content = system.content.isEmpty() ? prompt : system.content + QStringLiteral("\n\n") + prompt;
        } else {
            ChatMessage system;
            system.role = QStringLiteral("system");
            system.content = prompt;
            request.messages.prepend(system);
        }
    }

    switch (config.mode) {
    case ExtractionMode::Schema:
        request.responseMode = ResponseMode::Schema;
        request.schema = schema;
        break;
    case ExtractionMode::Json:
        request.responseMode = ResponseMode::Json;
        // llama-server enforces json_object only with a schema inside (the backend puts it there).
        if (serverKind == ServerKind::LlamaServer)
            request.schema = schema;
        else if (api == BackendApi::OpenAi && serverKind != ServerKind::Ollama)
            base.warnings.append(QCoreApplication::translate("Formwork::Extraction",
                                                             "Whether %1 enforces json_object is not known; "
                                                             "Formwork still validates the reply.")
                                     .arg(serverDisplayName(serverKind)));
        break;
    case ExtractionMode::MdJson: {
        request.responseMode = ResponseMode::Text;
        // Adjacent messages of one role are merged, as instructor does.
        if (!request.messages.isEmpty() && request.messages.last().role == u"user") {
            ChatMessage &last = request.messages.last();
            last.content += QStringLiteral("\n\n") + config.templates.markdownRequest;
        } else {
            ChatMessage user;
            user.role = QStringLiteral("user");
            user.content = config.templates.markdownRequest;
            request.messages.append(user);
        }
        break;
    }
    case ExtractionMode::Tools: {
        request.responseMode = ResponseMode::Tools;
        ToolDefinition tool;
        tool.name = extractionToolName(config);
        if (schema.is_object() && schema.contains("description") && schema["description"].is_string())
            tool.description = QString::fromStdString(schema["description"].get<std::string>());
        else
            tool.description = QStringLiteral("Correctly extracted `%1` with all the required parameters with correct "
                                              "types")
                                   .arg(tool.name);
        tool.parameters = schema;
        request.tools.append(tool);
        request.toolChoice = tool.name;
        if (const auto warning = toolsWarning(config, api))
            base.warnings.append(*warning);
        break;
    }
    }

    const std::optional<GrammarRules> rules = grammarRulesFor(serverKind, api);
    if (config.mode == ExtractionMode::Schema && !rules)
        base.warnings.append(QCoreApplication::translate("Formwork::Extraction",
                                                         "Which schema keywords %1 enforces is not known; Formwork "
                                                         "validates the reply against the whole schema.")
                                 .arg(serverDisplayName(serverKind)));
    if (config.mode == ExtractionMode::Schema && rules) {
        for (const EnforcementItem &item : enforcementReport(*config.schema, *rules)) {
            // Annotations constrain nothing, so the server ignoring them is no news.
            static const QStringList annotations
                = { QStringLiteral("title"),     QStringLiteral("description"), QStringLiteral("default"),
                    QStringLiteral("examples"),  QStringLiteral("$schema"),     QStringLiteral("$comment"),
                    QStringLiteral("$id"),       QStringLiteral("deprecated"),  QStringLiteral("readOnly"),
                    QStringLiteral("writeOnly"), QStringLiteral("$anchor"),     QStringLiteral("strict") };
            if (annotations.contains(item.keyword))
                continue;
            if (item.status == EnforcementStatus::Ignored)
                base.warnings.append(QCoreApplication::translate("Formwork::Extraction",
                                                                 "'%1' at %2 is not enforced by %3; the reply is still "
                                                                 "validated against the schema.")
                                         .arg(item.keyword, item.pointer.isEmpty() ? QStringLiteral("/") : item.pointer,
                                              serverDisplayName(serverKind)));
            else if (item.status == EnforcementStatus::Differs)
                base.warnings.append(
                    QCoreApplication::translate("Formwork::Extraction", "'%1' at %2 is enforced differently by %3: %4.")
                        .arg(item.keyword, item.pointer.isEmpty() ? QStringLiteral("/") : item.pointer,
                             serverDisplayName(serverKind), item.note));
            else if (item.status == EnforcementStatus::Rejected)
                base.warnings.append(
                    QCoreApplication::translate("Formwork::Extraction", "'%1' at %2 may make %3 reject the schema: %4.")
                        .arg(item.keyword, item.pointer.isEmpty() ? QStringLiteral("/") : item.pointer,
                             serverDisplayName(serverKind), item.note));
        }
        if (info.schemaNotEnforced())
            base.warnings.append(
                QCoreApplication::translate("Formwork::Extraction",
                                            "The model %1 ignores the schema format (MLX, safetensors or cloud model); "
                                            "Formwork still validates the reply.")
                    .arg(config.model));
    }

    if (!request.options.numPredict) {
        const bool mayThink = config.think != ThinkMode::Off && config.think != ThinkMode::Default
            ? true
            : (info.capabilitiesKnown && info.hasCapability(u"thinking") && config.think != ThinkMode::Off);
        request.options.numPredict = defaultNumPredict(schema, mayThink);
    }
    return base;
}

void evaluateReply(AttemptRecord &record, ExtractionMode mode, const Schema &schema, const QString &toolName)
{
    record.extracted = false;
    record.parsed = false;
    record.errors.clear();
    record.errorText.clear();
    record.parseError.clear();
    record.parseErrorOffset = -1;
    if (mode == ExtractionMode::Tools)
        evaluateToolCall(record, schema, toolName);
    else
        evaluateText(record, schema);
}

StreamProgress streamProgressFor(ExtractionMode mode, const QString &content, const QString &jsonSource)
{
    StreamProgress progress;
    progress.content = content;
    const QByteArray utf8 = jsonSource.toUtf8();
    const std::string_view all(utf8.constData(), size_t(utf8.size()));
    const std::optional<SourceRange> range
        = mode == ExtractionMode::Tools ? SourceRange { 0, qsizetype(all.size()) } : streamingJsonRange(all);
    if (!range || range->length() == 0)
        return progress;
    JsonParseOptions options;
    options.recordSourceMap = false;
    PartialJson partial = parsePartialJson(all.substr(size_t(range->begin), size_t(range->length())), options);
    if (partial.hasValue) {
        auto value = std::make_shared<PartialJsonValue>();
        value->value = std::move(partial.value);
        value->completePointers = std::move(partial.completePointers);
        progress.hasPartialValue = true;
        progress.partial = std::move(value);
        progress.complete = partial.complete;
    }
    return progress;
}

QList<ChatMessage> reaskMessages(const AttemptRecord &record, ExtractionMode mode, const ExtractionTemplates &templates)
{
    QList<ChatMessage> messages;
    ChatMessage assistant;
    assistant.role = QStringLiteral("assistant");
    assistant.content = record.content;
    if (mode == ExtractionMode::Tools)
        assistant.toolCalls = record.toolCalls;
    messages.append(assistant);

    if (mode == ExtractionMode::Tools) {
        const QString text = fillTemplate(templates.reaskTools, u"errors", record.errorText);
        if (record.toolCalls.isEmpty()) {
            ChatMessage user;
            user.role = QStringLiteral("user");
            user.content = text;
            messages.append(user);
        }
        for (const ToolCall &call : record.toolCalls) {
            ChatMessage tool;
            tool.role = QStringLiteral("tool");
            tool.toolName = call.name;
            tool.toolCallId = call.id;
            tool.content = text;
            messages.append(tool);
        }
        return messages;
    }
    ChatMessage user;
    user.role = QStringLiteral("user");
    const QString &tmpl = mode == ExtractionMode::MdJson ? templates.reaskMarkdown : templates.reaskJson;
    user.content = fillTemplate(tmpl, u"errors", record.errorText);
    messages.append(user);
    return messages;
}

} // namespace Formwork
