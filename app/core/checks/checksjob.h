// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/attemptchecker.h"
#include "checks/checkdefinition.h"
#include "extraction/extractiontypes.h"

#include <QPointer>

#include <memory>

namespace Formwork {

class LlmBackend;
class LocalChecks;
class RuleJudge;
struct RuleVerdict;

// The checks of one attempt: the local ones at once (after returning to the event loop), then
// the model-judged rules one by one, then finished().
class ChecksJob final : public AttemptCheckJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecksJob)

public:
    struct Context {
        std::shared_ptr<LocalChecks> local;
        CheckList rules; // enabled rule checks
        LlmBackend *judgeBackend = nullptr;
        QString sourceText;
    };
    ChecksJob(Context context, const AttemptRecord &attempt, const ExtractionConfig &config, QObject *parent);
    ~ChecksJob() override;

private:
    void runLocal();
    void judgeNext();
    void onJudged(const RuleVerdict &verdict);

    Context m_context;
    AttemptRecord m_attempt;
    ExtractionConfig m_config;
    CheckReport m_report;
    std::optional<SourceMap> m_sourceMap;
    int m_nextRule = 0;
    QPointer<RuleJudge> m_judge;
};

// Where the attempt's values stand in its raw reply, from its extracted JSON; nullopt when the
// text cannot be mapped (arguments encoded twice).
std::optional<SourceMap> replySourceMap(const AttemptRecord &attempt);

} // namespace Formwork
