// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/capabilityadvisor.h"

#include "extraction/tokenestimate.h"
#include "llm/serverprobe.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {

Advice advice(Advice::Id id, Advice::Severity severity, const QString &text)
{
    Advice a;
    a.id = id;
    a.severity = severity;
    a.text = text;
    return a;
}

// The advice texts get their translation context from here.
class CapabilityAdvisor
{
    Q_DECLARE_TR_FUNCTIONS(Formwork::Ui::CapabilityAdvisor)

public:
    static void adviseTools(const AdvisorInput &in, QList<Advice> &out)
    {
        if (in.mode != ExtractionMode::Tools)
            return;
        if (in.model.capabilitiesKnown && !in.model.hasCapability(u"tools"))
            out.append(advice(Advice::Id::ToolsUnsupported, Advice::Severity::Error,
                              tr("%1 does not list the `tools` capability, so the server will refuse tools mode. "
                                 "Choose schema mode, or a model with tools.")
                                  .arg(in.model.name)));
        if (in.server == ServerKind::LlamaServer || in.server == ServerKind::Vllm || in.server == ServerKind::LmStudio)
            return; // they honour tool_choice
        if (in.server == ServerKind::OpenAiCompatible) {
            out.append(advice(Advice::Id::ToolChoiceIgnored, Advice::Severity::Info,
                              tr("Whether %1 honours tool_choice is not known: the model may answer in prose "
                                 "instead of calling the tool, which costs a reask.")
                                  .arg(serverDisplayName(in.server))));
            return;
        }
        if (in.server == ServerKind::Unknown && !in.ollamaServer)
            return;
        // reference 5.1: /v1 drops tool_choice; the native API (3.1) has no such field at all.
        const QString text = in.api == BackendApi::Ollama
            ? tr("Ollama's native API has no tool_choice: the model may answer in prose instead of calling the "
                 "tool, which costs a reask. Schema mode is enforced by the grammar instead.")
            : tr("Ollama's /v1 endpoint ignores tool_choice: the model may answer in prose instead of calling the "
                 "tool, which costs a reask. Schema mode is enforced by the grammar instead.");
        out.append(advice(Advice::Id::ToolChoiceIgnored, Advice::Severity::Info, text));
    }

    static void adviseThinking(const AdvisorInput &in, QList<Advice> &out)
    {
        if (!in.model.capabilitiesKnown)
            return;
        const bool thinks = in.model.hasCapability(u"thinking");
        if (thinks && in.think == ThinkMode::Default)
            out.append(advice(Advice::Id::ThinkingModel, Advice::Severity::Info,
                              tr("%1 is a thinking model and thinks before every answer by default. Set Think to Off "
                                 "for faster runs, or to a level; the thinking text is not held to the schema.")
                                  .arg(in.model.name)));
        else if (!thinks && in.think != ThinkMode::Default && in.think != ThinkMode::Off)
            out.append(advice(Advice::Id::ThinkUnsupported, Advice::Severity::Info,
                              tr("%1 does not list the `thinking` capability, so the Think setting is not sent. "
                                 "Set Think to Default, or choose a thinking model.")
                                  .arg(in.model.name)));
    }

    static void adviseContext(const AdvisorInput &in, QList<Advice> &out)
    {
        const qint64 tokens = in.estimatedPromptTokens;
        if (tokens <= 0)
            return;
        if (in.model.contextLength > 0 && tokens > in.model.contextLength) {
            out.append(advice(Advice::Id::ContextExceeded, Advice::Severity::Error,
                              tr("The prompts and the schema come to about %1 tokens, more than the %2 tokens %3 can "
                                 "read. Shorten the document or the schema, or choose a model with a longer context.")
                                  .arg(tokens)
                                  .arg(in.model.contextLength)
                                  .arg(in.model.name)));
            return;
        }
        // The context actually used: the run's num_ctx, else that of the runner already loaded.
        qint64 runtime = in.numCtx.value_or(0);
        if (runtime <= 0 && in.model.loaded)
            runtime = in.model.runtimeContextLength;
        if (runtime > 0 && tokens > runtime)
            out.append(advice(Advice::Id::NumCtxTooSmall, Advice::Severity::Warning,
                              tr("The prompts and the schema come to about %1 tokens, more than the context of %2 "
                                 "tokens this run uses; the server would cut the prompt. Raise num_ctx to at least %3.")
                                  .arg(tokens)
                                  .arg(runtime)
                                  .arg(tokens + tokens / 4)));
    }

    static void adviseSchema(const AdvisorInput &in, QList<Advice> &out)
    {
        const bool constrained = in.mode == ExtractionMode::Schema || in.mode == ExtractionMode::Json;
        if (constrained && in.model.schemaNotEnforced())
            out.append(advice(Advice::Id::SchemaNotEnforced, Advice::Severity::Warning,
                              tr("The server accepts a schema for %1 but ignores it (MLX/safetensors and cloud models "
                                 "do). Formwork still validates and reasks, but expect more attempts; a GGUF model "
                                 "is held to the schema.")
                                  .arg(in.model.name)));
        if (in.mode != ExtractionMode::Schema)
            return;
        // Ollama's and llama-server's rules are known; for any other server, no list is better than a wrong one.
        if (in.server == ServerKind::Vllm || in.server == ServerKind::LmStudio
            || in.server == ServerKind::OpenAiCompatible) {
            out.append(advice(Advice::Id::EnforcementUnknown, Advice::Severity::Info,
                              tr("Which schema keywords %1 enforces is not known. Formwork validates every reply "
                                 "against the whole schema and reasks.")
                                  .arg(serverDisplayName(in.server))));
            return;
        }
        const QString grammar = in.server == ServerKind::LlamaServer
            ? tr("the grammar of %1").arg(serverDisplayName(in.server))
            : tr("the grammar");
        QStringList ignored;
        QStringList rejected;
        int ignoredCount = 0;
        for (const EnforcementItem &item : in.enforcement) {
            if (isAnnotationKeyword(item.keyword))
                continue;
            // llama-server accepts an unanchored pattern and ignores it where Ollama refuses it.
            const bool llamaIgnores = in.server == ServerKind::LlamaServer && item.keyword == u"pattern"
                && item.status == EnforcementStatus::Rejected;
            if (item.status == EnforcementStatus::Ignored || llamaIgnores) {
                ++ignoredCount;
                if (!ignored.contains(item.keyword))
                    ignored.append(item.keyword);
            } else if (item.status == EnforcementStatus::Rejected && !rejected.contains(item.keyword)) {
                rejected.append(item.keyword);
            }
        }
        // QString::arg(a, b, ...) fills the lowest placeholder present first: the singular text has
        // no %1, so it takes the list and the grammar only.
        const QString list = ignored.join(QStringLiteral(", "));
        if (ignoredCount == 1)
            out.append(advice(Advice::Id::KeywordsIgnored, Advice::Severity::Info,
                              tr("1 schema keyword is not enforced by %3 (%2): the model can break "
                                 "it and Formwork reasks. Express it with enum, pattern or integer bounds "
                                 "where you can.")
                                  .arg(list, grammar)));
        else if (ignoredCount > 1)
            out.append(advice(Advice::Id::KeywordsIgnored, Advice::Severity::Info,
                              tr("%1 schema keywords are not enforced by %3 (%2): the model can "
                                 "break them and Formwork reasks. Express them with enum, pattern or "
                                 "integer bounds where you can.")
                                  .arg(QString::number(ignoredCount), list, grammar)));
        if (!rejected.isEmpty())
            out.append(advice(Advice::Id::KeywordsRejected, Advice::Severity::Error,
                              tr("The server may refuse this schema because of %1. See the enforcement report in the "
                                 "schema editor for what to change.")
                                  .arg(rejected.join(QStringLiteral(", ")))));
    }

    static void adviseImages(const AdvisorInput &in, QList<Advice> &out)
    {
        if (in.imageCount <= 0 || !in.model.capabilitiesKnown)
            return;
        // llama-server lists a loaded projector as `multimodal` (reference 8).
        if (in.model.hasCapability(u"vision") || in.model.hasCapability(u"multimodal"))
            return;
        out.append(advice(Advice::Id::ImagesWithoutVision, Advice::Severity::Error,
                          (in.imageCount == 1
                               ? tr("1 image would go to %2, which does not list the `vision` capability. Remove "
                                    "the image, or choose a vision model.")
                               : tr("%1 images would go to %2, which does not list the `vision` capability. Remove "
                                    "the images, or choose a vision model."))
                              .arg(QString::number(in.imageCount), in.model.name)));
    }
};

int rank(Advice::Severity severity)
{
    switch (severity) {
    case Advice::Severity::Error:
        return 0;
    case Advice::Severity::Warning:
        return 1;
    case Advice::Severity::Info:
        return 2;
    }
    return 3;
}

} // namespace

QList<Advice> adviseRun(const AdvisorInput &input)
{
    QList<Advice> out;
    if (input.model.name.isEmpty())
        return out;
    CapabilityAdvisor::adviseTools(input, out);
    CapabilityAdvisor::adviseThinking(input, out);
    CapabilityAdvisor::adviseContext(input, out);
    CapabilityAdvisor::adviseSchema(input, out);
    CapabilityAdvisor::adviseImages(input, out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Advice &a, const Advice &b) { return rank(a.severity) < rank(b.severity); });
    return out;
}

qint64 estimatePromptTokens(const QString &systemPrompt, const QString &userPrompt, const QString &schemaText)
{
    return estimateTokens(systemPrompt) + estimateTokens(userPrompt) + estimateTokens(schemaText);
}

qint64 estimatePromptTokens(const PromptSettings &prompt, const QString &schemaText)
{
    return estimatePromptTokens(prompt, estimateTokens(schemaText));
}

qint64 estimatePromptTokens(const PromptSettings &prompt, qint64 schemaTokens)
{
    auto filled = [&prompt](QString text) {
        for (const PromptVariable &variable : prompt.variables)
            text.replace(QStringLiteral("{{%1}}").arg(variable.name), variable.value);
        return text;
    };
    return estimatePromptTokens(filled(prompt.systemPrompt), filled(prompt.userPrompt), QString()) + schemaTokens;
}

AdvisorInput advisorInputFor(const PromptSettings &prompt, qint64 schemaTokens,
                             const QList<EnforcementItem> &enforcement, const ModelInfo &model, BackendApi api,
                             ServerKind server)
{
    AdvisorInput in;
    in.server = server;
    if (server != ServerKind::Unknown)
        in.ollamaServer = server == ServerKind::Ollama;
    in.model = model;
    in.api = api;
    in.mode = prompt.mode;
    in.think = prompt.think;
    in.estimatedPromptTokens = estimatePromptTokens(prompt, schemaTokens);
    if (prompt.options.numCtx)
        in.numCtx = *prompt.options.numCtx;
    in.enforcement = enforcement;
    in.imageCount = int(prompt.imagePaths.size());
    return in;
}

bool isAnnotationKeyword(const QString &keyword)
{
    static const QSet<QString> annotations
        = { QStringLiteral("title"),     QStringLiteral("description"), QStringLiteral("default"),
            QStringLiteral("examples"),  QStringLiteral("$schema"),     QStringLiteral("$comment"),
            QStringLiteral("$id"),       QStringLiteral("deprecated"),  QStringLiteral("readOnly"),
            QStringLiteral("writeOnly"), QStringLiteral("$anchor"),     QStringLiteral("strict") };
    return annotations.contains(keyword);
}

QString adviceIdName(Advice::Id id)
{
    switch (id) {
    case Advice::Id::ToolsUnsupported:
        return QStringLiteral("ToolsUnsupported");
    case Advice::Id::ToolChoiceIgnored:
        return QStringLiteral("ToolChoiceIgnored");
    case Advice::Id::ThinkingModel:
        return QStringLiteral("ThinkingModel");
    case Advice::Id::ThinkUnsupported:
        return QStringLiteral("ThinkUnsupported");
    case Advice::Id::ContextExceeded:
        return QStringLiteral("ContextExceeded");
    case Advice::Id::NumCtxTooSmall:
        return QStringLiteral("NumCtxTooSmall");
    case Advice::Id::SchemaNotEnforced:
        return QStringLiteral("SchemaNotEnforced");
    case Advice::Id::KeywordsIgnored:
        return QStringLiteral("KeywordsIgnored");
    case Advice::Id::KeywordsRejected:
        return QStringLiteral("KeywordsRejected");
    case Advice::Id::ImagesWithoutVision:
        return QStringLiteral("ImagesWithoutVision");
    case Advice::Id::EnforcementUnknown:
        return QStringLiteral("EnforcementUnknown");
    }
    return {};
}

} // namespace Ui
} // namespace Formwork
