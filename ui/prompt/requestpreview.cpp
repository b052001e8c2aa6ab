// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/requestpreview.h"

#include "extraction/extractionrequest.h"
#include "llm/ollamabackend.h"
#include "llm/openaibackend.h"

#include <QCoreApplication>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {
using Json = nlohmann::ordered_json;

constexpr size_t ShownImageChars = 48;

QString translate(const char *text)
{
    return QCoreApplication::translate("Formwork::Ui::RequestPreview", text);
}

void shortenString(Json &value, const char *what)
{
    if (!value.is_string())
        return;
    const std::string &text = value.get_ref<const std::string &>();
    // A data: URL keeps its header ("data:image/png;base64,") in view.
    const size_t comma = text.rfind("data:", 0) == 0 ? text.find(',') : std::string::npos;
    const size_t keep = (comma == std::string::npos ? 0 : comma + 1) + ShownImageChars;
    if (text.size() <= keep + ShownImageChars)
        return;
    value = text.substr(0, keep) + "\u2026 (" + std::to_string(text.size()) + " characters of " + what + ")";
}

// Image payloads are megabytes of base64; the preview shows their start and size only.
void shortenImages(Json &body)
{
    if (!body.contains("messages") || !body["messages"].is_array())
        return;
    for (Json &message : body["messages"]) {
        if (message.contains("images") && message["images"].is_array()) {
            for (Json &image : message["images"])
                shortenString(image, "base64");
        }
        if (message.contains("content") && message["content"].is_array()) {
            for (Json &part : message["content"]) {
                if (part.is_object() && part.contains("image_url") && part["image_url"].is_object()
                    && part["image_url"].contains("url"))
                    shortenString(part["image_url"]["url"], "data URL");
            }
        }
    }
}

// What the Ollama backend does before sending: `think` goes only to models listing `thinking`,
// which it asks /api/show about when the caller does not know.
bool ollamaSendsThink(const ChatRequest &request, const ModelInfo &info)
{
    if (request.think == ThinkMode::Default)
        return false;
    return !info.capabilitiesKnown || info.hasCapability(u"thinking");
}
} // namespace

RequestPreview buildRequestPreview(const PromptSettings &settings, const std::optional<Schema> &schema,
                                   const QString &model, const ModelInfo &info, BackendApi api)
{
    RequestPreview preview;
    preview.endpoint
        = api == BackendApi::Ollama ? QStringLiteral("POST /api/chat") : QStringLiteral("POST /v1/chat/completions");
    if (!schema) {
        preview.problem = translate("No request yet: the schema is missing or not a valid JSON Schema.");
        return preview;
    }
    if (model.trimmed().isEmpty()) {
        preview.problem = translate("No request yet: choose a model.");
        return preview;
    }
    auto config = buildExtractionConfig(settings, model, *schema, info);
    if (!config) {
        preview.problem = config.error();
        return preview;
    }
    auto base = buildBaseRequest(*config, api);
    if (!base) {
        preview.problem = base.error();
        return preview;
    }
    preview.warnings = base->warnings;
    const ChatRequest &request = base->request;
    const QByteArray body = api == BackendApi::Ollama
        ? OllamaBackend::buildChatBody(request, ollamaSendsThink(request, info))
        : OpenAiBackend::buildChatBody(request);
    Json json = Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (json.is_discarded()) { // cannot happen: the backends write what nlohmann parses
        preview.problem = translate("The request could not be shown.");
        return preview;
    }
    preview.json = QString::fromStdString(json.dump(2, ' ', false, Json::error_handler_t::replace));
    const bool hasImages = std::any_of(request.messages.cbegin(), request.messages.cend(),
                                       [](const ChatMessage &m) { return !m.images.isEmpty(); });
    if (!hasImages) {
        preview.displayJson = preview.json;
        return preview;
    }
    shortenImages(json);
    preview.displayJson = QString::fromStdString(json.dump(2, ' ', false, Json::error_handler_t::replace));
    return preview;
}

} // namespace Ui
} // namespace Formwork
