// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/runsession.h"
#include "runtestsupport.h"
#include "store/historydatabase.h"

#include <QTemporaryDir>

#include <QStandardPaths>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Formwork::Test::q;

namespace {

const char *const validPerson = "{'name': 'Ada', 'age': 36}";
const char *const negativeAge = "{'name': 'Ada', 'age': -1}";

// Records the session's signals by name, in order (stream deltas collapsed into one entry).
class SignalLog final : public QObject
{
public:
    explicit SignalLog(RunSession *session)
    {
        connect(session, &RunSession::cleared, this, [this] { add(QStringLiteral("cleared")); });
        connect(session, &RunSession::stateChanged, this, [this](RunSession::State s) {
            add(QStringLiteral("state:")
                + QString::fromLatin1(QMetaEnum::fromType<RunSession::State>().valueToKey(int(s))));
        });
        connect(session, &RunSession::started, this, [this] { add(QStringLiteral("started")); });
        connect(session, &RunSession::attemptStarted, this, [this, session](int attempt, int) {
            add(QStringLiteral("attemptStarted:%1").arg(attempt));
            liveAtStart.append(session->liveAttempt());
        });
        connect(session, &RunSession::streamProgressed, this, [this] {
            if (names.isEmpty() || names.last() != u"stream")
                add(QStringLiteral("stream"));
        });
        connect(session, &RunSession::transportRetryScheduled, this, [this] { add(QStringLiteral("retry")); });
        connect(session, &RunSession::attemptFinished, this, [this, session](const AttemptRecord &a) {
            add(QStringLiteral("attemptFinished:%1").arg(a.number));
            // The record is already kept when the signal comes.
            keptAtFinish.append(session->attempts().size() == a.number && session->liveAttempt() == 0);
        });
        connect(session, &RunSession::finished, this, [this] { add(QStringLiteral("finished")); });
        connect(session, &RunSession::accepted, this, [this] { add(QStringLiteral("accepted")); });
    }

    void add(const QString &name) { names.append(name); }

    QStringList names;
    QList<int> liveAtStart;
    QList<bool> keptAtFinish;
};

} // namespace

class TestRunSession final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::RunFixture> m_fx;

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init() { m_fx = std::make_unique<Test::RunFixture>(); }
    void cleanup() { m_fx.reset(); }

    void invalidThenValid_signalsInOrderAndAttemptsKept()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        SignalLog log(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(log.names,
                 (QStringList { QStringLiteral("cleared"), QStringLiteral("state:Running"), QStringLiteral("started"),
                                QStringLiteral("attemptStarted:1"), QStringLiteral("stream"),
                                QStringLiteral("attemptFinished:1"), QStringLiteral("attemptStarted:2"),
                                QStringLiteral("stream"), QStringLiteral("attemptFinished:2"),
                                QStringLiteral("state:Succeeded"), QStringLiteral("finished") }));
        QCOMPARE(log.liveAtStart, (QList<int> { 1, 2 }));
        QCOMPARE(log.keptAtFinish, (QList<bool> { true, true }));
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        QCOMPARE(session.attempts().size(), 2);
        QCOMPARE(session.attempts().at(0).outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(session.attempts().at(1).outcome, AttemptOutcome::Valid);
        QCOMPARE(session.liveAttempt(), 0);
        QCOMPARE(session.maxAttempts(), 3);
        QVERIFY(session.result().success);
        QCOMPARE(session.result().valueAttempt, 2);
        QCOMPARE(session.startInfo().mode, ExtractionMode::Schema);
        QVERIFY(!session.acceptAnyway()); // nothing to accept on success
    }

    void transportRetry_keptAndNamesItsAttempt()
    {
        m_fx->fake->enqueueChat(FakeReply::error(500, QByteArray("{\"error\":\"llm server loading model\"}")));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        SignalLog log(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(session.transportRetries().size(), 1);
        QCOMPARE(session.transportRetries().first().attempt, 1);
        QCOMPARE(session.transportRetries().first().error.httpStatus, 500);
        QVERIFY(log.names.indexOf(QStringLiteral("retry")) < log.names.indexOf(QStringLiteral("attemptFinished:1")));
        QCOMPARE(session.attempts().size(), 1);
        QCOMPARE(session.attempts().first().transportRetries, 1);
    }

    void cancelMidStream_finishedOnceWithCancelledAttempt()
    {
        FakeReply stalled = FakeReply::text({ q("{'name': "), q("'Ada'") });
        stalled.stallMidStream = true;
        m_fx->fake->enqueueChat(stalled);
        RunSession session;
        QSignalSpy finished(&session, &RunSession::finished);
        QSignalSpy progressed(&session, &RunSession::streamProgressed);
        session.start(m_fx->backend.get(), m_fx->config());
        QTRY_VERIFY_WITH_TIMEOUT(session.liveProgress().content == q("{'name': 'Ada'"), 5000);
        QCOMPARE(session.liveAttempt(), 1);
        QVERIFY(session.isRunning());
        QVERIFY(session.run());
        session.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(session.state(), RunSession::State::Failed);
        QCOMPARE(session.result().reason, RunFailureReason::Cancelled);
        QCOMPARE(session.attempts().size(), 1);
        QCOMPARE(session.attempts().first().outcome, AttemptOutcome::Cancelled);
        QCOMPARE(session.attempts().first().content, q("{'name': 'Ada'"));
        QCOMPARE(session.liveAttempt(), 0);
        session.cancel(); // no-op once finished
        QVERIFY(Formwork::Test::settleNetwork(&m_fx->nam));
        QCOMPARE(finished.count(), 1);
    }

    void cancelWhenIdle_noSignals()
    {
        RunSession session;
        SignalLog log(&session);
        session.cancel();
        QVERIFY(log.names.isEmpty());
        QCOMPARE(session.state(), RunSession::State::Idle);
    }

    void startWhileRunning_cancelsThePreviousRun()
    {
        FakeReply stalled = FakeReply::text({ q("{'name': ") });
        stalled.stallMidStream = true;
        m_fx->fake->enqueueChat(stalled);
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        QSignalSpy finished(&session, &RunSession::finished);
        QSignalSpy cleared(&session, &RunSession::cleared);
        session.start(m_fx->backend.get(), m_fx->config());
        QTRY_COMPARE_WITH_TIMEOUT(session.liveAttempt(), 1, 5000);
        session.start(m_fx->backend.get(), m_fx->config());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<RunResult>().reason, RunFailureReason::Cancelled);
        QCOMPARE(cleared.count(), 2);
        QVERIFY(session.attempts().isEmpty()); // the old run's attempts are dropped
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QVERIFY(session.result().success);
        QCOMPARE(session.attempts().size(), 1);
    }

    void failedRun_acceptAnywayOnce()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        RunSession session;
        ExtractionConfig c = m_fx->config();
        c.limits.maxAttempts = 1;
        QVERIFY(m_fx->runToEnd(session, c));
        QCOMPARE(session.state(), RunSession::State::Failed);
        QCOMPARE(session.result().reason, RunFailureReason::Exhausted);
        QSignalSpy accepted(&session, &RunSession::accepted);
        QVERIFY(session.acceptAnyway());
        QVERIFY(session.isAccepted());
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(accepted.first().first().value<RunResult>().valueAttempt, 1);
        QVERIFY(!session.acceptAnyway());
        QCOMPARE(accepted.count(), 1);
    }

    void failedRunWithoutValue_nothingToAccept()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q("no JSON here") }));
        RunSession session;
        ExtractionConfig c = m_fx->config(ExtractionMode::Json);
        c.limits.maxAttempts = 1;
        QVERIFY(m_fx->runToEnd(session, c));
        QCOMPARE(session.attempts().first().outcome, AttemptOutcome::NoJson);
        QVERIFY(!session.acceptAnyway());
        QVERIFY(!session.isAccepted());
    }

    void showValidation_oneFinishedAttemptLikeARun()
    {
        RunSession session;
        SignalLog log(&session);
        session.showValidation(q(negativeAge), Test::personSchema());
        QCOMPARE(log.names,
                 (QStringList { QStringLiteral("cleared"), QStringLiteral("state:Running"), QStringLiteral("started"),
                                QStringLiteral("attemptStarted:1"), QStringLiteral("attemptFinished:1"),
                                QStringLiteral("state:Failed"), QStringLiteral("finished") }));
        // Attempt 1 is live between its start and its end, as in a real run.
        QCOMPARE(log.liveAtStart, QList<int> { 1 });
        QCOMPARE(log.keptAtFinish, QList<bool> { true });
        QCOMPARE(session.attempts().size(), 1);
        const AttemptRecord &a = session.attempts().first();
        QCOMPARE(a.outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(a.errors.size(), 1);
        QCOMPARE(a.errors.first().instancePath, QStringLiteral("/age"));
        QVERIFY(session.result().message.contains(QStringLiteral("does not match")));
        QVERIFY(session.acceptAnyway());

        session.showValidation(q(validPerson), Test::personSchema());
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        QVERIFY(!session.isAccepted());
        QCOMPARE(session.attempts().size(), 1);
        QVERIFY(session.result().success);

        session.showValidation(QStringLiteral("{\"name\": "), Test::personSchema());
        QCOMPARE(session.attempts().first().outcome, AttemptOutcome::ParseError);
        QVERIFY(session.result().message.startsWith(QStringLiteral("The text is not valid JSON: line 1")));
    }

    void clear_forgetsEverything()
    {
        RunSession session;
        session.showValidation(q(negativeAge), Test::personSchema());
        QSignalSpy cleared(&session, &RunSession::cleared);
        QSignalSpy state(&session, &RunSession::stateChanged);
        session.clear();
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(state.count(), 1);
        QCOMPARE(session.state(), RunSession::State::Idle);
        QVERIFY(session.attempts().isEmpty());
        QVERIFY(!session.result().hasValue);
        QCOMPARE(session.maxAttempts(), 0);
    }

    // Every run of the window is stored (one transaction per attempt), and a stored run comes back
    // through the same signals, in the same order, as a run that has just happened.
    void historyPath_runStoredAndShownAgainReadOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.sqlite"));
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        RunSession session;
        session.setHistoryPath(path);
        QSignalSpy recorded(&session, &RunSession::recorded);
        ExtractionConfig config = m_fx->config();
        config.limits.maxAttempts = 2;
        QVERIFY(m_fx->runToEnd(session, config));
        QCOMPARE(recorded.count(), 1);
        const qint64 id = recorded.first().first().toLongLong();
        QCOMPARE(session.historyRunId(), id);
        QVERIFY(!session.isStored());

        HistoryDatabase history;
        QCOMPARE(history.open(path), QString());
        const std::optional<StoredRun> stored = history.run(id);
        QVERIFY(stored);
        QCOMPARE(stored->status, QStringLiteral("invalid"));
        QCOMPARE(stored->attempts.size(), 2);

        const qsizetype sent = m_fx->fake->requestsTo("/api/chat").size();
        RunSession replay;
        SignalLog log(&replay);
        QVERIFY(replay.showStored(*stored));
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), sent); // nothing sent
        QCOMPARE(log.names,
                 (QStringList { QStringLiteral("cleared"), QStringLiteral("state:Running"), QStringLiteral("started"),
                                QStringLiteral("attemptStarted:1"), QStringLiteral("attemptFinished:1"),
                                QStringLiteral("attemptStarted:2"), QStringLiteral("attemptFinished:2"),
                                QStringLiteral("state:Failed"), QStringLiteral("finished") }));
        QVERIFY(replay.isStored());
        QCOMPARE(replay.storedRunId(), id);
        QCOMPARE(replay.attempts().size(), 2);
        QCOMPARE(replay.attempts().at(0).outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(replay.attempts().at(0).errors.size(), session.attempts().at(0).errors.size());
        QCOMPARE(replay.attempts().at(0).errors.at(0).range.begin, session.attempts().at(0).errors.at(0).range.begin);
        QCOMPARE(replay.attempts().at(1).requestJson, session.attempts().at(1).requestJson);
        QCOMPARE(replay.config().model, config.model);
        QVERIFY(replay.result().hasValue);
        QVERIFY(!replay.acceptAnyway()); // read-only
        // Nothing of a replay is stored again.
        QCOMPARE(history.listRuns().size(), 1);
    }

    void showStored_refusedWhileARunIsGoing()
    {
        FakeReply slow = FakeReply::text({ q(validPerson) });
        slow.firstByteDelayMs = 2000;
        m_fx->fake->enqueueChat(slow);
        RunSession session;
        session.start(m_fx->backend.get(), m_fx->config());
        QVERIFY(session.isRunning());
        StoredRun run;
        run.id = 1;
        run.status = QStringLiteral("valid");
        QVERIFY(!session.showStored(run));
        QVERIFY(session.isRunning());
        session.cancel();
    }
};

QTEST_MAIN(TestRunSession)
#include "tst_runsession.moc"
