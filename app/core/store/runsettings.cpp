// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/runsettings.h"

#include "extraction/extractionrequest.h"
#include "extraction/promptsettings.h"
#include "store/workspace.h"

namespace Formwork {

using Json = nlohmann::ordered_json;

Json runSettings(const ExtractionConfig &config, BackendApi api)
{
    Json settings = Json::object();
    settings["api"] = api == BackendApi::OpenAi ? "openai" : "ollama";
    settings["model"] = config.model.toStdString();
    settings["mode"] = extractionModeName(config.mode).toStdString();
    settings["max_attempts"] = config.limits.maxAttempts;
    if (config.mode == ExtractionMode::Tools && config.schema)
        settings["tool_name"] = extractionToolName(config).toStdString();
    if (config.options.temperature)
        settings["temperature"] = *config.options.temperature;
    if (config.options.seed)
        settings["seed"] = *config.options.seed;
    if (config.options.numCtx)
        settings["num_ctx"] = *config.options.numCtx;
    if (config.options.numPredict)
        settings["num_predict"] = *config.options.numPredict;
    settings["think"] = thinkModeName(config.think).toStdString();
    if (config.limits.deadlineMs > 0)
        settings["deadline_ms"] = config.limits.deadlineMs;
    if (config.limits.tokenBudget > 0)
        settings["token_budget"] = config.limits.tokenBudget;
    return settings;
}

Json runSettings(const PromptSettings &prompt, const QString &model, const std::optional<Schema> &schema,
                 BackendApi api)
{
    // Only what the settings show: the prompts stay templates, no image is read.
    ExtractionConfig config;
    config.model = model;
    config.schema = schema;
    applyRunControls(prompt, config);
    Json settings = runSettings(config, api);
    settings["system_prompt"] = prompt.systemPrompt.toStdString();
    settings["user_prompt"] = prompt.userPrompt.toStdString();
    return settings;
}

} // namespace Formwork
