// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/attemptchecker.h"
#include "checks/checkdefinition.h"

#include <QString>

#include <memory>

namespace Formwork {

class LlmBackend;
class LocalChecks;

// The checks of a workspace or checks file, as a run's AttemptChecker: the local checks
// (expressions, grounding) on every parsed attempt, then, when the schema and the hard local
// checks passed, each model-judged rule in turn. One instance serves many runs (a batch): the
// JavaScript engine and the indexed input text are kept between attempts.
class ChecksAttemptChecker final : public AttemptChecker
{
public:
    // `judgeBackend` (may be null when there are no rules) must outlive the checker's jobs.
    explicit ChecksAttemptChecker(CheckList checks, LlmBackend *judgeBackend = nullptr);
    ~ChecksAttemptChecker() override;

    // The text grounding checks look in. Unset: the user messages of the run's conversation.
    void setSourceText(const QString &text) { m_sourceText = text; }

    AttemptCheckJob *check(const AttemptRecord &attempt, const ExtractionConfig &config, QObject *parent) override;

    // The grounding text of a run: its user messages, one after another.
    static QString conversationText(const ExtractionConfig &config);

private:
    CheckList m_checks;
    LlmBackend *m_judgeBackend;
    QString m_sourceText;
    std::shared_ptr<LocalChecks> m_local;
};

} // namespace Formwork
