// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace Formwork {

struct PromptSettings;

// The settings of a run as the history, a batch and the HTML report keep them (issue 12), in
// this order: api, model, mode, max_attempts, tool_name (tools mode: re-validation reads it),
// temperature, seed, num_ctx, num_predict (when set), think, deadline_ms and token_budget (when
// set). Never a key or a token: those are headers, never part of a config. Callers add where
// the run went (an endpoint, a batch's endpoints).
nlohmann::ordered_json runSettings(const ExtractionConfig &config, BackendApi api);

// The same for prompt settings whose prompts are templates (a batch's), followed by the
// system_prompt and user_prompt as written.
nlohmann::ordered_json runSettings(const PromptSettings &prompt, const QString &model,
                                   const std::optional<Schema> &schema, BackendApi api);

} // namespace Formwork
