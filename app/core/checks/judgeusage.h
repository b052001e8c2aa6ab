// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <nlohmann/json.hpp>

namespace Formwork {

struct AttemptRecord;
struct RunResult;

// What the requests of model-judged rules cost (issue 14), always counted apart from the
// extraction's own tokens and time.
struct JudgeUsage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 wallMs = 0;
    int requests = 0;

    qint64 tokens() const { return promptTokens + completionTokens; }
    bool isEmpty() const { return requests == 0 && tokens() == 0 && wallMs == 0; }
    JudgeUsage &operator+=(const JudgeUsage &other);

    friend bool operator==(const JudgeUsage &, const JudgeUsage &) = default;
};

JudgeUsage judgeUsageOf(const AttemptRecord &attempt);
// Summed over the run's attempts.
JudgeUsage judgeUsageOf(const RunResult &result);

// "2 request(s), 330 tokens (300 prompt, 30 completion), 0.4 s"
QString judgeUsageText(const JudgeUsage &usage);

// {"prompt_tokens", "completion_tokens", "wall_ms", "requests"}: the keys of extract's trace and
// history show, with the number of requests last.
nlohmann::ordered_json judgeUsageJson(const JudgeUsage &usage);

} // namespace Formwork
