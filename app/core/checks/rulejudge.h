// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"
#include "extraction/extractiontypes.h"

#include <QObject>
#include <QPointer>

namespace Formwork {

class ExtractionRun;
class LlmBackend;

// What a judge said about one rule.
struct RuleVerdict {
    bool judged = false; // false: the judging request failed (see `reason`)
    bool valid = false;
    QString reason; // the model's reason, or why there is no verdict
    ChatUsage usage;
    qint64 wallTimeMs = 0;
};

// A model-judged rule (instructor's llm_validator): a second request, to the rule's model (or the
// extraction's), asks whether the value at the rule's path follows the rule in plain words. The
// answer is constrained to the verdict schema {valid: boolean, reason: string} and goes through an
// ExtractionRun of its own, so a malformed verdict is reasked like any extraction.
class RuleJudge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleJudge)

public:
    // `backend` must outlive the judge. `extraction` gives the model, server and options to inherit.
    RuleJudge(LlmBackend *backend, const CheckDefinition &rule, const ExtractionConfig &extraction,
              QObject *parent = nullptr);
    ~RuleJudge() override;

    // Judges `value` (the whole extracted value); reports once through judged().
    void judge(const nlohmann::ordered_json &value);

    // The verdict schema the judge's reply is constrained to.
    static const nlohmann::ordered_json &verdictSchema();
    // The conversation the judge is sent.
    static QList<ChatMessage> judgeMessages(const CheckDefinition &rule, const nlohmann::ordered_json &value);

Q_SIGNALS:
    void judged(const Formwork::RuleVerdict &verdict);

private:
    void onRunEnded(const RunResult &result);

    LlmBackend *m_backend;
    CheckDefinition m_rule;
    ExtractionConfig m_extraction;
    QPointer<ExtractionRun> m_run;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::RuleVerdict)
