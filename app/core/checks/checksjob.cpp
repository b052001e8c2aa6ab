// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checksjob.h"

#include "checks/localchecks.h"
#include "checks/rulejudge.h"
#include "json/jsonparser.h"

#include <QCoreApplication>

namespace Formwork {

std::optional<SourceMap> replySourceMap(const AttemptRecord &attempt)
{
    const QByteArray utf8 = attempt.extractedText.toUtf8();
    auto parsed = parseJson(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (!parsed || parsed->value.type() != attempt.value.type())
        return std::nullopt;
    parsed->sourceMap.shift(attempt.span.begin);
    return std::move(parsed->sourceMap);
}

ChecksJob::ChecksJob(Context context, const AttemptRecord &attempt, const ExtractionConfig &config, QObject *parent)
    : AttemptCheckJob(parent)
    , m_context(std::move(context))
    , m_attempt(attempt)
    , m_config(config)
{
    QMetaObject::invokeMethod(this, &ChecksJob::runLocal, Qt::QueuedConnection);
}

ChecksJob::~ChecksJob() = default;

void ChecksJob::runLocal()
{
    m_sourceMap = replySourceMap(m_attempt);
    LocalCheckInput input;
    input.value = &m_attempt.value;
    input.sourceMap = m_sourceMap ? &*m_sourceMap : nullptr;
    input.sourceText = m_context.sourceText;
    input.schemaValid = m_attempt.errors.isEmpty();
    m_report = m_context.local->run(input);
    // A judge costs a model call: only a value that passes everything else is judged.
    if (!input.schemaValid || !m_report.hard.isEmpty() || !m_report.configurationError.isEmpty())
        m_nextRule = int(m_context.rules.size());
    judgeNext();
}

void ChecksJob::judgeNext()
{
    if (m_nextRule >= m_context.rules.size()) {
        Q_EMIT finished(m_report);
        return;
    }
    if (!m_context.judgeBackend) {
        m_report.configurationError
            = QCoreApplication::translate("Formwork::Checks", "The rule check \"%1\" has no server to ask.")
                  .arg(m_context.rules.at(m_nextRule).name);
        Q_EMIT finished(m_report);
        return;
    }
    auto *judge = new RuleJudge(m_context.judgeBackend, m_context.rules.at(m_nextRule), m_config, this);
    m_judge = judge;
    connect(judge, &RuleJudge::judged, this, &ChecksJob::onJudged);
    judge->judge(m_attempt.value);
}

void ChecksJob::onJudged(const RuleVerdict &verdict)
{
    const CheckDefinition &rule = m_context.rules.at(m_nextRule);
    if (m_judge)
        m_judge->deleteLater();
    m_report.judgeUsage.promptTokens += verdict.usage.promptTokens;
    m_report.judgeUsage.completionTokens += verdict.usage.completionTokens;
    m_report.judgeWallTimeMs += verdict.wallTimeMs;
    ++m_report.judgeRequests;
    ++m_nextRule;
    if (!verdict.judged) {
        m_report.configurationError
            = QCoreApplication::translate("Formwork::Checks", "The rule check \"%1\" could not be judged: %2")
                  .arg(rule.name, verdict.reason);
        Q_EMIT finished(m_report);
        return;
    }
    if (!verdict.valid) {
        const QString message = verdict.reason.isEmpty() ? rule.rule : verdict.reason;
        addFailure(m_report, rule,
                   checkError(rule, rule.path.toStdString(), message, m_sourceMap ? &*m_sourceMap : nullptr));
    }
    judgeNext();
}

} // namespace Formwork
