// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checksattemptchecker.h"

#include "checks/checksjob.h"
#include "checks/localchecks.h"

namespace Formwork {

ChecksAttemptChecker::ChecksAttemptChecker(CheckList checks, LlmBackend *judgeBackend)
    : m_checks(std::move(checks))
    , m_judgeBackend(judgeBackend)
    , m_local(std::make_shared<LocalChecks>(m_checks))
{
}

ChecksAttemptChecker::~ChecksAttemptChecker() = default;

AttemptCheckJob *ChecksAttemptChecker::check(const AttemptRecord &attempt, const ExtractionConfig &config,
                                             QObject *parent)
{
    ChecksJob::Context context;
    context.local = m_local;
    context.judgeBackend = m_judgeBackend;
    context.sourceText = m_sourceText.isNull() ? conversationText(config) : m_sourceText;
    for (const CheckDefinition &check : m_checks) {
        if (check.enabled && check.kind == CheckKind::Rule)
            context.rules.append(check);
    }
    return new ChecksJob(std::move(context), attempt, config, parent);
}

QString ChecksAttemptChecker::conversationText(const ExtractionConfig &config)
{
    QStringList parts;
    for (const ChatMessage &message : config.messages) {
        if (message.role == QLatin1String("user"))
            parts.append(message.content);
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace Formwork
