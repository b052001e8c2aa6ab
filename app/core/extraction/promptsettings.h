// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "extraction/extractiontypes.h"
#include "grounding/chunksettings.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Formwork {

// One `{{name}}` of the prompts and the text it is replaced with.
struct PromptVariable {
    QString name;
    QString value;
    friend bool operator==(const PromptVariable &, const PromptVariable &) = default;
};

// What the user writes and chooses for a run, apart from the schema, the server and the model:
// the prompt pane's state, stored in workspaces. Plain data.
struct PromptSettings {
    QString systemPrompt;
    QString userPrompt;
    QList<PromptVariable> variables; // in the order the placeholders first appear
    QStringList imagePaths; // absolute paths; read when a run starts, sent as base64
    ExtractionMode mode = ExtractionMode::Schema;
    int maxAttempts = 3; // the first attempt included
    qint64 deadlineMs = 0; // 0 = none
    qint64 tokenBudget = 0; // 0 = none
    ChatOptions options; // temperature, seed, num_ctx, num_predict
    ThinkMode think = ThinkMode::Default;
    ExtractionTemplates templates = ExtractionTemplates::defaults();
    ChunkSettings chunking; // long documents: split into chunks (issue 13)
};

// Every distinct `{{name}}` in `text`, in order of first appearance.
QStringList templateVariableNames(const QString &text);

// Copies the settings' run controls into `config`: the mode, the limits (attempts, deadline,
// token budget), the model options and the think setting. Prompts, templates and images are
// left alone, so settings whose prompts are still templates can describe a run too.
void applyRunControls(const PromptSettings &settings, ExtractionConfig &config);

// The ExtractionConfig of a run: variables filled into both prompts, images read from their
// paths, limits, options and templates copied. Fails with a plain sentence naming what is wrong
// (an image that cannot be read, an empty user prompt).
Result<ExtractionConfig, QString> buildExtractionConfig(const PromptSettings &settings, const QString &model,
                                                        const Schema &schema, const ModelInfo &modelInfo);

} // namespace Formwork
