// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schematokens.h"

#include "extraction/extractionrequest.h"
#include "extraction/tokenestimate.h"

namespace Formwork {
namespace Ui {

SchemaTokenEstimate estimateSchemaTokens(const Schema &schema, ExtractionMode mode, BackendApi api)
{
    SchemaTokenEstimate estimate;
    ExtractionConfig config;
    config.schema = schema;
    config.mode = mode;
    config.model = QStringLiteral("model");
    const auto base = buildBaseRequest(config, api);
    if (!base) {
        estimate.error = base.error();
        return estimate;
    }
    // The conversation was empty, so every message of the base request is there because of the mode.
    for (const ChatMessage &message : base->request.messages)
        estimate.messageTokens += estimateTokens(message.content);
    for (const ToolDefinition &tool : base->request.tools) {
        // Chat templates render tools as the JSON of an OpenAI function definition.
        const nlohmann::ordered_json definition = { { "type", "function" },
                                                    { "function",
                                                      { { "name", tool.name.toStdString() },
                                                        { "description", tool.description.toStdString() },
                                                        { "parameters", tool.parameters } } } };
        estimate.toolTokens += estimateTokens(QString::fromStdString(definition.dump()));
    }
    estimate.tokens = estimate.messageTokens + estimate.toolTokens;
    estimate.valid = true;
    return estimate;
}

} // namespace Ui
} // namespace Formwork
