// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/judgeusage.h"

#include "extraction/extractiontypes.h"

#include <QCoreApplication>

namespace Formwork {

JudgeUsage &JudgeUsage::operator+=(const JudgeUsage &other)
{
    promptTokens += other.promptTokens;
    completionTokens += other.completionTokens;
    wallMs += other.wallMs;
    requests += other.requests;
    return *this;
}

JudgeUsage judgeUsageOf(const AttemptRecord &attempt)
{
    return JudgeUsage { attempt.judgeUsage.promptTokens, attempt.judgeUsage.completionTokens, attempt.judgeWallTimeMs,
                        attempt.judgeRequests };
}

JudgeUsage judgeUsageOf(const RunResult &result)
{
    JudgeUsage sum;
    for (const AttemptRecord &attempt : result.attempts)
        sum += judgeUsageOf(attempt);
    return sum;
}

QString judgeUsageText(const JudgeUsage &usage)
{
    return QCoreApplication::translate("Formwork::Checks", "%n request(s), %1 tokens (%2 prompt, %3 completion), %4 s",
                                       nullptr, usage.requests)
        .arg(usage.tokens())
        .arg(usage.promptTokens)
        .arg(usage.completionTokens)
        .arg(double(usage.wallMs) / 1000.0, 0, 'f', 1);
}

nlohmann::ordered_json judgeUsageJson(const JudgeUsage &usage)
{
    return nlohmann::ordered_json { { "prompt_tokens", usage.promptTokens },
                                    { "completion_tokens", usage.completionTokens },
                                    { "wall_ms", usage.wallMs },
                                    { "requests", usage.requests } };
}

} // namespace Formwork
