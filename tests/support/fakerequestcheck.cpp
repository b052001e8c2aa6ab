// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakerequestcheck.h"

#include <QByteArray>

#include <algorithm>

namespace Formwork::Test {

namespace {

using Json = nlohmann::ordered_json;

// The JSON kind as Go's decoder names it in "cannot unmarshal <kind> into ...".
std::string goKind(const Json &value)
{
    if (value.is_string())
        return "string";
    if (value.is_number())
        return "number";
    if (value.is_boolean())
        return "bool";
    if (value.is_array())
        return "array";
    return "object";
}

Refusal typeError(const char *structName, const std::string &field, const Json &value, const char *goType)
{
    return { 400,
             "json: cannot unmarshal " + goKind(value) + " into Go struct field " + structName + "." + field
                 + " of type " + goType };
}

// A field of the request body: its Go type and a test of the JSON value against it. A JSON null
// is accepted for every field (Go leaves the field unset).
struct Field {
    const char *name;
    const char *goType;
    bool (*accepts)(const Json &value);
};

bool isString(const Json &v)
{
    return v.is_string();
}
bool isBool(const Json &v)
{
    return v.is_boolean();
}
bool isNumber(const Json &v)
{
    return v.is_number();
}
bool isArray(const Json &v)
{
    return v.is_array();
}
bool isObject(const Json &v)
{
    return v.is_object();
}
bool isStringOrParts(const Json &v)
{
    return v.is_string() || v.is_array();
}
bool isAnything(const Json &)
{
    return true;
}
bool isThink(const Json &v)
{
    return v.is_boolean() || v.is_string();
}
bool isDuration(const Json &v)
{
    return v.is_string() || v.is_number();
}

const Field ChatFields[] = {
    { "model", "string", isString },
    { "messages", "[]api.Message", isArray },
    { "stream", "bool", isBool },
    { "format", "json.RawMessage", isAnything },
    { "options", "map[string]interface {}", isObject },
    { "think", "api.ThinkValue", isThink },
    { "tools", "api.Tools", isArray },
    { "keep_alive", "api.Duration", isDuration },
};

const Field GenerateFields[] = {
    { "model", "string", isString },
    { "prompt", "string", isString },
    { "system", "string", isString },
    { "suffix", "string", isString },
    { "stream", "bool", isBool },
    { "raw", "bool", isBool },
    { "format", "json.RawMessage", isAnything },
    { "options", "map[string]interface {}", isObject },
    { "think", "api.ThinkValue", isThink },
    { "keep_alive", "api.Duration", isDuration },
};

const Field OpenAiFields[] = {
    { "model", "string", isString },
    { "messages", "[]openai.Message", isArray },
    { "stream", "bool", isBool },
    { "stream_options", "openai.StreamOptions", isObject },
    { "max_tokens", "int", isNumber },
    { "seed", "int", isNumber },
    { "temperature", "float64", isNumber },
    { "top_p", "float64", isNumber },
    { "frequency_penalty", "float64", isNumber },
    { "presence_penalty", "float64", isNumber },
    { "response_format", "openai.ResponseFormat", isObject },
    { "tools", "[]api.Tool", isArray },
    { "reasoning_effort", "string", isString },
};

template<std::size_t N>
std::optional<Refusal> checkFields(const char *structName, const Field (&fields)[N], const Json &json)
{
    for (const Field &field : fields) {
        const auto it = json.find(field.name);
        if (it != json.end() && !it->is_null() && !field.accepts(*it))
            return typeError(structName, field.name, *it, field.goType);
    }
    return std::nullopt;
}

// Native messages: role and content are strings (reference 3.1).
std::optional<Refusal> checkNativeMessages(const Json &messages)
{
    for (const Json &message : messages) {
        if (!message.is_object())
            return Refusal { 400,
                             "json: cannot unmarshal " + goKind(message)
                                 + " into Go struct field ChatRequest.messages of type api.Message" };
        for (const char *key : { "role", "content", "thinking" }) {
            const auto it = message.find(key);
            if (it != message.end() && !it->is_null() && !it->is_string())
                return typeError("ChatRequest.messages", key, *it, "string");
        }
    }
    return std::nullopt;
}

// /v1 content is a string or an array of parts.
std::optional<Refusal> checkOpenAiMessages(const Json &messages)
{
    for (const Json &message : messages) {
        if (!message.is_object())
            return Refusal { 400,
                             "json: cannot unmarshal " + goKind(message)
                                 + " into Go struct field ChatCompletionRequest.messages of type openai.Message" };
        const auto content = message.find("content");
        if (content != message.end() && !content->is_null() && !isStringOrParts(*content))
            return Refusal { 400, "invalid message content type: " + goKind(*content) };
    }
    return std::nullopt;
}

// Options: an unknown key is ignored, a known one of the wrong type fails the request with a 500
// (api.Options.FromMap, reference 3.1).
std::optional<Refusal> checkOptions(const Json &options)
{
    static const char *const floats[]
        = { "temperature", "top_p", "min_p", "typical_p", "repeat_penalty", "presence_penalty", "frequency_penalty" };
    static const char *const ints[] = { "num_ctx",  "num_predict", "seed",    "top_k",    "repeat_last_n",
                                        "num_keep", "num_batch",   "num_gpu", "main_gpu", "num_thread" };
    for (const char *key : floats) {
        const auto it = options.find(key);
        if (it != options.end() && !it->is_number())
            return Refusal { 500, std::string("option \"") + key + "\" must be of type float32" };
    }
    for (const char *key : ints) {
        const auto it = options.find(key);
        if (it != options.end() && !it->is_number())
            return Refusal { 500, std::string("option \"") + key + "\" must be of type int" };
    }
    if (const auto stop = options.find("stop"); stop != options.end()) {
        const bool strings = stop->is_array() && std::all_of(stop->begin(), stop->end(), isString);
        if (!strings)
            return Refusal { 500, "option \"stop\" must be of type array" };
    }
    return std::nullopt;
}

// The decoder's words for a body that is not JSON (Go's encoding/json, approximately).
std::string syntaxError(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return "EOF";
    const char first = trimmed.front();
    if (QByteArray("{[\"-0123456789tfn").contains(first))
        return "unexpected EOF";
    return std::string("invalid character '") + first + "' looking for beginning of value";
}

bool truthyThink(const Json &think)
{
    return (think.is_boolean() && think.get<bool>()) || think.is_string();
}

std::optional<Refusal> checkThinkValue(const Json &think)
{
    if (!think.is_string())
        return std::nullopt;
    const std::string level = think.get<std::string>();
    if (level == "low" || level == "medium" || level == "high" || level == "max")
        return std::nullopt;
    return Refusal { 400,
                     "invalid think value: \"" + level
                         + "\" (must be \"high\", \"medium\", \"low\", \"max\", "
                           "true, or false)" };
}

std::optional<Refusal> checkReasoningEffort(const Json &effort)
{
    if (!effort.is_string())
        return std::nullopt;
    static const char *const known[] = { "none", "minimal", "low", "medium", "high", "max", "xhigh", "ultra" };
    const std::string value = effort.get<std::string>();
    if (std::any_of(std::begin(known), std::end(known), [&](const char *k) { return value == k; }))
        return std::nullopt;
    return Refusal { 400, "invalid reasoning_effort value: \"" + value + "\"" };
}

// `format`: "json", "" or null, or a schema object; any other value fails (reference 3.1 and the
// v0.30 row of the format history: a 500 with "invalid format").
std::optional<Refusal> checkFormat(const Json &json)
{
    const auto format = json.find("format");
    if (format == json.end() || format->is_null() || format->is_object())
        return std::nullopt;
    if (format->is_string() && (format->get<std::string>() == "json" || format->get<std::string>().empty()))
        return std::nullopt;
    return Refusal {
        500, "invalid format: " + Json(format->dump()).dump() + "; expected \"json\" or a valid JSON Schema object"
    };
}

// The model's existence and capabilities (reference 3.4). Capabilities that the fake does not know
// refuse nothing.
std::optional<Refusal> checkModel(GenerationRoute route, const Json &json, const ModelLookup &lookup)
{
    const std::string sent = json.value("model", std::string());
    if (sent.empty())
        return Refusal { 400, "model is required" };
    const QString name = QString::fromStdString(sent);
    const std::optional<FakeModel> model = lookup(name);
    if (!model)
        return Refusal { 404, "model '" + sent + "' not found" };
    const QStringList &caps = model->capabilities;
    if (caps.isEmpty())
        return std::nullopt;
    if (!caps.contains(QStringLiteral("completion")))
        return Refusal {
            400, "\"" + sent + "\" does not support " + (route == GenerationRoute::Generate ? "generate" : "chat")
        };
    const Json think = json.value("think", Json());
    const Json effort = json.value("reasoning_effort", Json());
    const bool wantsThinking = route == GenerationRoute::OpenAiChat
        ? (effort.is_string() && effort.get<std::string>() != "none")
        : truthyThink(think);
    if (wantsThinking && !caps.contains(QStringLiteral("thinking")))
        return Refusal { 400, "\"" + sent + "\" does not support thinking" };
    const Json tools = json.value("tools", Json());
    if (tools.is_array() && !tools.empty() && !caps.contains(QStringLiteral("tools")))
        return Refusal {
            400, "registry.ollama.ai/library/" + normalizedModelName(name).toStdString() + " does not support tools"
        };
    return std::nullopt;
}

std::optional<Refusal> checkShape(GenerationRoute route, const Json &json)
{
    switch (route) {
    case GenerationRoute::Chat:
        if (auto refusal = checkFields("ChatRequest", ChatFields, json))
            return refusal;
        return checkNativeMessages(json.value("messages", Json::array()));
    case GenerationRoute::Generate:
        return checkFields("GenerateRequest", GenerateFields, json);
    case GenerationRoute::OpenAiChat:
        if (auto refusal = checkFields("ChatCompletionRequest", OpenAiFields, json))
            return refusal;
        if (auto refusal = checkOpenAiMessages(json.value("messages", Json::array())))
            return refusal;
        if (json.value("messages", Json::array()).empty())
            return Refusal { 400, "[] is too short - 'messages'" };
        return checkReasoningEffort(json.value("reasoning_effort", Json()));
    }
    return std::nullopt;
}

} // namespace

QString normalizedModelName(const QString &name)
{
    return name.contains(u':') ? name : name + QStringLiteral(":latest");
}

std::optional<Refusal> checkGenerationRequest(GenerationRoute route, const QByteArray &body, const Json &json,
                                              const ModelLookup &lookup)
{
    const bool openAi = route == GenerationRoute::OpenAiChat;
    if (body.trimmed().isEmpty())
        return Refusal { 400, openAi ? "EOF" : "missing request body" };
    if (json.is_discarded())
        return Refusal { 400, syntaxError(body) };
    if (!json.is_object())
        return Refusal { 400,
                         "json: cannot unmarshal " + goKind(json) + " into Go value of type "
                             + (openAi                               ? "openai.ChatCompletionRequest"
                                    : route == GenerationRoute::Chat ? "api.ChatRequest"
                                                                     : "api.GenerateRequest") };
    if (auto refusal = checkShape(route, json))
        return refusal;
    if (!openAi) {
        if (auto refusal = checkThinkValue(json.value("think", Json())))
            return refusal;
    }
    if (auto refusal = checkModel(route, json, lookup))
        return refusal;
    if (!openAi) {
        if (auto refusal = checkFormat(json))
            return refusal;
        if (auto refusal = checkOptions(json.value("options", Json::object())))
            return refusal;
    }
    return std::nullopt;
}

QByteArray refusalBody(GenerationRoute route, const Refusal &refusal)
{
    Json body;
    if (route == GenerationRoute::OpenAiChat) {
        const char *type = refusal.status == 400 ? "invalid_request_error"
            : refusal.status == 404              ? "not_found_error"
                                                 : "api_error";
        body = { { "error",
                   { { "message", refusal.message }, { "type", type }, { "param", nullptr }, { "code", nullptr } } } };
    } else {
        body = { { "error", refusal.message } };
    }
    return QByteArray::fromStdString(body.dump());
}

} // namespace Formwork::Test
