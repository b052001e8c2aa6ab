// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/rulejudge.h"

#include "checks/checkpaths.h"
#include "common/compactjson.h"
#include "extraction/extractionrun.h"

#include <QCoreApplication>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

constexpr int JudgeAttempts = 2;

// The judge's instructions: English on purpose, as every text sent to a model.
QString judgeSystemPrompt()
{
    return QStringLiteral(
        "You check whether data extracted from a document follows a rule. Answer with a JSON object "
        "{\"valid\": true or false, \"reason\": \"...\"}. \"valid\" is true only when the rule holds. \"reason\" "
        "says in one or two sentences why; when the rule does not hold, name exactly what breaks it, so that "
        "the data can be fixed.");
}

} // namespace

RuleJudge::RuleJudge(LlmBackend *backend, const CheckDefinition &rule, const ExtractionConfig &extraction,
                     QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_rule(rule)
    , m_extraction(extraction)
{
}

RuleJudge::~RuleJudge() = default;

const Json &RuleJudge::verdictSchema()
{
    static const Json schema = Json::parse(R"({
        "type": "object",
        "properties": {"valid": {"type": "boolean"}, "reason": {"type": "string"}},
        "required": ["valid", "reason"],
        "additionalProperties": false
    })");
    return schema;
}

QList<ChatMessage> RuleJudge::judgeMessages(const CheckDefinition &rule, const Json &value)
{
    QString user = QStringLiteral("Rule: %1\n\n").arg(rule.rule);
    const Json *target = valueAtPointer(value, rule.path.toStdString());
    if (!rule.path.isEmpty() && target)
        user += QStringLiteral("The value at %1:\n%2\n\nThe whole extracted object, for context:\n%3")
                    .arg(rule.path, compactJsonText(*target), compactJsonText(value));
    else
        user += QStringLiteral("The extracted object:\n%1").arg(compactJsonText(value));
    return { ChatMessage { QStringLiteral("system"), judgeSystemPrompt(), {}, {}, {}, {}, {} },
             ChatMessage { QStringLiteral("user"), user, {}, {}, {}, {}, {} } };
}

void RuleJudge::judge(const Json &value)
{
    ExtractionConfig config;
    config.model = m_rule.model.isEmpty() ? m_extraction.model : m_rule.model;
    config.schema = *Schema::compile(verdictSchema());
    config.mode = ExtractionMode::Schema;
    config.messages = judgeMessages(m_rule, value);
    config.limits.maxAttempts = JudgeAttempts;
    config.options.temperature = 0.0;
    config.keepAlive = m_extraction.keepAlive;
    config.server = m_extraction.server;
    if (config.model == m_extraction.model)
        config.modelInfo = m_extraction.modelInfo;
    config.random = m_extraction.random;
    auto *run = new ExtractionRun(m_backend, config, this);
    m_run = run;
    connect(run, &ExtractionRun::succeeded, this, &RuleJudge::onRunEnded);
    connect(run, &ExtractionRun::failed, this, &RuleJudge::onRunEnded);
    run->start();
}

void RuleJudge::onRunEnded(const RunResult &result)
{
    RuleVerdict verdict;
    verdict.usage.promptTokens = result.usage.promptTokens;
    verdict.usage.completionTokens = result.usage.completionTokens;
    verdict.wallTimeMs = result.wallTimeMs;
    if (result.success) {
        verdict.judged = true;
        verdict.valid = result.value.value("valid", false);
        verdict.reason = QString::fromStdString(result.value.value("reason", std::string()));
    } else {
        verdict.reason = result.message;
    }
    if (m_run)
        m_run->deleteLater();
    Q_EMIT judged(verdict);
}

} // namespace Formwork
