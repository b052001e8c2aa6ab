// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checksattemptchecker.h"
#include "invoicetestsupport.h"
#include "run/runsession.h"
#include "run/runstatus.h"
#include "runtestsupport.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Json = nlohmann::ordered_json;

namespace {

const QString validPerson = QStringLiteral("{\"name\": \"Ada\", \"age\": 36}");
const QString negativeAge = QStringLiteral("{\"name\": \"Ada\", \"age\": -1}");

// The number before " tok/s", or -1.
double tokensPerSecond(const QString &status)
{
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("([0-9.,]+) tok/s")).match(status);
    return match.hasMatch() ? match.captured(1).remove(u',').toDouble() : -1;
}

} // namespace

class TestRunStatus final : public QObject
{
    Q_OBJECT

private:
    // Default transport timeouts (not the fixture's short ones), as these tests always had.
    std::unique_ptr<Test::RunFixture> m_fx;

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init() { m_fx = std::make_unique<Test::RunFixture>(BackendConfig()); }
    void cleanup() { m_fx.reset(); }

    void idle_isEmpty()
    {
        RunSession session;
        QCOMPARE(runStatusText(session), QString());
    }

    void validOnSecondAttempt_tokensPerAttemptTotalsAndServerRate()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ negativeAge })); // 26 in, 12 out, eval 175 ms
        m_fx->fake->enqueueChat(FakeReply::text({ validPerson }));
        RunSession session;
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        const QString status = runStatusText(session);
        const QString head
            = QStringLiteral("attempt 2/3 valid \u00b7 76 tokens (52 in, 24 out) \u00b7 per attempt 38 + 38 \u00b7 ");
        QVERIFY2(status.startsWith(head), qPrintable(status));
        // 24 completion tokens over 2 x 175 ms of server generation time.
        QVERIFY2(status.endsWith(QStringLiteral(" \u00b7 69 tok/s")), qPrintable(status));
        QVERIFY2(status.contains(QRegularExpression(QStringLiteral("\u00b7 [0-9.]+ m?s \u00b7"))), qPrintable(status));
    }

    void modelJudgedRule_judgesTokensShownApart()
    {
        const CheckDefinition rule
            = Formwork::Test::ruleCheck(QStringLiteral("adult"), QStringLiteral("/age"),
                                        QStringLiteral("the person is an adult"), QStringLiteral("judge:1b"));
        m_fx->fake->addModel(rule.model);
        FakeReply verdict = FakeReply::text({ QStringLiteral("{\"valid\": true, \"reason\": \"36 is adult\"}") });
        verdict.promptTokens = 100;
        verdict.evalTokens = 20;
        m_fx->fake->enqueueChat(FakeReply::text({ validPerson })); // 26 in, 12 out
        m_fx->fake->enqueueChat(verdict);
        ExtractionConfig config = m_fx->config();
        config.checker = std::make_shared<ChecksAttemptChecker>(CheckList { rule }, m_fx->backend.get());
        RunSession session;
        QVERIFY(m_fx->runToEnd(session, config));
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        const QString status = runStatusText(session);
        // The extraction's own figures leave the judge out; the judge's 120 tokens follow apart.
        QVERIFY2(status.startsWith(QStringLiteral("attempt 1/3 valid \u00b7 38 tokens (26 in, 12 out) \u00b7 ")),
                 qPrintable(status));
        QVERIFY2(status.contains(QRegularExpression(QStringLiteral(" \u00b7 rule judges: 120 tokens, [0-9.]+ m?s$"))),
                 qPrintable(status));
    }

    void noServerTimings_rateFromWallTime()
    {
        FakeReply reply = FakeReply::text({ validPerson });
        reply.evalNs = 0;
        reply.firstByteDelayMs = 300; // so the wall time is at least 0.3 s
        m_fx->fake->enqueueChat(reply);
        RunSession session;
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        const QString status = runStatusText(session);
        QVERIFY2(status.startsWith(QStringLiteral("attempt 1/3 valid \u00b7 38 tokens (26 in, 12 out) \u00b7 ")),
                 qPrintable(status));
        QVERIFY2(!status.contains(QStringLiteral("per attempt")), qPrintable(status));
        const double rate = tokensPerSecond(status);
        QVERIFY2(rate > 0 && rate <= 12 / 0.3, qPrintable(status));
    }

    void allAttemptsInvalid_failureInPlainWords_thenAccepted()
    {
        for (int i = 0; i < 3; ++i)
            m_fx->fake->enqueueChat(FakeReply::text({ negativeAge }));
        RunSession session;
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(session.state(), RunSession::State::Failed);
        const QString failed = runStatusText(session);
        QVERIFY2(failed.startsWith(QStringLiteral("failed after 3/3 attempts: No valid result after 3 attempt(s). "
                                                  "The last answer broke 1 rule(s) of the schema. \u00b7 114 tokens "
                                                  "(78 in, 36 out) \u00b7 per attempt 38 + 38 + 38 \u00b7 ")),
                 qPrintable(failed));
        QVERIFY(failed.endsWith(QStringLiteral("69 tok/s")));

        QVERIFY(session.acceptAnyway());
        const QString accepted = runStatusText(session);
        QVERIFY2(accepted.startsWith(QStringLiteral("attempt 3/3 accepted with 1 failure(s) \u00b7 114 tokens")),
                 qPrintable(accepted));
    }

    void runningThenCancelled()
    {
        FakeReply slow = FakeReply::text({ validPerson });
        slow.firstByteDelayMs = 5000;
        m_fx->fake->enqueueChat(slow);
        RunSession session;
        QSignalSpy started(&session, &RunSession::attemptStarted);
        session.start(m_fx->backend.get(), m_fx->config());
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
        QCOMPARE(runStatusText(session), QStringLiteral("attempt 1/3 running\u2026"));
        session.cancel();
        QCOMPARE(session.state(), RunSession::State::Failed);
        QVERIFY2(runStatusText(session).startsWith(QStringLiteral("cancelled in attempt 1/3")),
                 qPrintable(runStatusText(session)));
    }

    void validationWithoutModel_noTokenFigures()
    {
        RunSession session;
        session.showValidation(QStringLiteral("{\"name\": \"Ada\"}"), Test::personSchema());
        QCOMPARE(runStatusText(session),
                 QStringLiteral("failed after 1/1 attempts: The JSON does not match the schema: 1 error(s). "
                                "The last answer broke 1 rule(s) of the schema."));
        session.showValidation(validPerson, Test::personSchema());
        QCOMPARE(runStatusText(session), QStringLiteral("attempt 1/1 valid"));
    }

    void durationText_scales()
    {
        QCOMPARE(durationText(850), QStringLiteral("850 ms"));
        QCOMPARE(durationText(2100), QStringLiteral("2.1 s"));
        QCOMPARE(durationText(125000), QStringLiteral("2 min 05 s"));
    }

    void runFailureText_fallsBackToReasonWords()
    {
        RunResult result;
        result.reason = RunFailureReason::Budget;
        QCOMPARE(runFailureText(result), QStringLiteral("The token budget was used up."));
        result.success = true;
        QCOMPARE(runFailureText(result), QString());
    }
};

QTEST_MAIN(TestRunStatus)
#include "tst_runstatus.moc"
