// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "extraction/promptsettings.h"
#include "llm/llmtypes.h"
#include "schema/enforcementreport.h"

#include <QList>
#include <QString>

#include <optional>

namespace Formwork {
namespace Ui {

// Everything the advisor looks at before a run. Plain data; the caller fills it from the model
// picker, the prompt pane and the compiled schema.
struct AdvisorInput {
    ModelInfo model; // capabilitiesKnown false (e.g. /v1/models): capability checks are skipped
    BackendApi api = BackendApi::Ollama;
    // The server behind the API is Ollama. False for llama-server, LM Studio, vLLM behind the
    // OpenAI-compatible API, which honour tool_choice.
    bool ollamaServer = true;
    // What the connection test found; Unknown: not probed (ollamaServer decides then).
    ServerKind server = ServerKind::Unknown;
    ExtractionMode mode = ExtractionMode::Schema;
    ThinkMode think = ThinkMode::Default;
    // Prompts plus the schema text, counted with estimateTokens() (use estimatePromptTokens()).
    qint64 estimatedPromptTokens = 0;
    std::optional<int> numCtx; // the run's num_ctx option, when set
    QList<EnforcementItem> enforcement; // enforcementReport() of the compiled schema
    int imageCount = 0;
};

// One piece of advice. The text says what is wrong and what to change.
struct Advice {
    enum class Id {
        ToolsUnsupported, // tools mode, model without `tools`
        ToolChoiceIgnored, // tools mode on Ollama: tool_choice is not honoured
        ThinkingModel, // a thinking model with the think setting left at the default
        ThinkUnsupported, // think set for a model without `thinking`: it is not sent
        ContextExceeded, // prompt + schema larger than the model's trained context
        NumCtxTooSmall, // prompt + schema larger than the num_ctx of the run / the loaded runner
        SchemaNotEnforced, // the server accepts `format` for this model and ignores it
        KeywordsIgnored, // schema keywords the grammar ignores (validated by Formwork)
        KeywordsRejected, // schema keywords the server may reject
        ImagesWithoutVision, // images for a model without `vision`
        EnforcementUnknown, // a server whose grammar rules are not known: no keyword report
    };
    enum class Severity { Info, Warning, Error };

    Id id = Id::ToolsUnsupported;
    Severity severity = Severity::Warning;
    QString text;

    friend bool operator==(const Advice &, const Advice &) = default;
};

// Advice for a run, most severe first (stable within a severity). Empty: nothing to say.
QList<Advice> adviseRun(const AdvisorInput &input);

// The token estimate of a run's prompts and schema text (what AdvisorInput wants).
qint64 estimatePromptTokens(const QString &systemPrompt, const QString &userPrompt, const QString &schemaText);
// The same for a prompt pane's settings: both prompts with their {{variables}} filled in, plus the
// schema text (sent in the system prompt or as the tool's parameters).
qint64 estimatePromptTokens(const PromptSettings &prompt, const QString &schemaText);
// The same with the schema text already counted (estimateTokens(), SchemaLintResult::textTokens).
qint64 estimatePromptTokens(const PromptSettings &prompt, qint64 schemaTokens);

// The advisor's input for a run as the panes describe it: mode, think, num_ctx and images from the
// prompt settings; `schemaTokens` (the schema text's estimateTokens()) and `enforcement` from the
// schema editor (SchemaLintResult or enforcementReport()).
AdvisorInput advisorInputFor(const PromptSettings &prompt, qint64 schemaTokens,
                             const QList<EnforcementItem> &enforcement, const ModelInfo &model, BackendApi api,
                             ServerKind server = ServerKind::Unknown);

// Keywords that only annotate (title, description, ...): the grammar ignoring them changes nothing.
bool isAnnotationKeyword(const QString &keyword);

QString adviceIdName(Advice::Id id);

} // namespace Ui
} // namespace Formwork
