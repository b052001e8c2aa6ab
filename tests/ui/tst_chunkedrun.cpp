// SPDX-License-Identifier: GPL-3.0-or-later
// A run of chunks in the window (issue 13): RunSession::startChunked against FakeOllama, the
// status line, the Source pane's whole-document spans, the Result pane's conflicts, cancel and resume.
#include "documents/sourcepane.h"
#include "documents/sourceview.h"
#include "jsoncompare.h"
#include "result/resultpane.h"
#include "run/runsession.h"
#include "run/runstatus.h"
#include "runtestsupport.h"
#include "schema/schema.h"
#include "store/historydatabase.h"
#include "timeline/attempttimelinemodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Formwork::Test::parseQ;
using Formwork::Test::q;

namespace {

QString document()
{
    return Test::threePeopleDocument();
}

FakeReply reply(const char *json)
{
    return FakeReply::text({ q(json) });
}

} // namespace

class TestChunkedRun final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::RunFixture> m_fx;

    static ExtractionConfig config() { return Test::peopleRunConfig(); }

    static ChunkedExtractionOptions options()
    {
        ChunkedExtractionOptions o;
        o.chunking = { 200, 30 };
        o.merge.itemKey = QStringLiteral("name");
        return o;
    }

    // Replies by the chunk a request holds (whatever order the requests come in): chunk 1 (Ada)
    // after `adaDelayMs`, chunk 2 (Babbage) invalid first and valid when reasked, chunk 3 (Grace).
    void routeByChunk(int adaDelayMs = 0)
    {
        m_fx->fake->setChatResponder([adaDelayMs](const Test::RecordedRequest &request) -> std::optional<FakeReply> {
            QString text; // the first user message holds the chunk; a reask adds another
            int users = 0;
            for (const nlohmann::ordered_json &message : request.json["messages"]) {
                if (message["role"] != "user")
                    continue;
                if (users++ == 0)
                    text = QString::fromStdString(message["content"].get<std::string>());
            }
            const bool reask = users > 1;
            if (text.contains(QStringLiteral("Grace Hopper")))
                return reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}");
            if (text.contains(QStringLiteral("Charles Babbage")))
                return reask ? reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}")
                             : reply("{'people': [{'name': 'Charles Babbage', 'age': '79'}]}");
            FakeReply ada = reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}");
            ada.firstByteDelayMs = adaDelayMs;
            return ada;
        });
    }

    bool runChunked(RunSession &session, const ChunkedExtractionOptions &o = options())
    {
        QSignalSpy finished(&session, &RunSession::finished);
        session.startChunked(m_fx->backend.get(), config(), document(), o);
        return finished.wait(20000) || finished.count() == 1;
    }

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init() { m_fx = std::make_unique<Test::RunFixture>(); }
    void cleanup() { m_fx.reset(); }

    void threeChunks_attemptsNumberedAcrossChunksAndMerged()
    {
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': '79'}]}")); // reasked
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': 79}, "
                                      "{'name': 'Ada Lovelace', 'age': 37}]}"));
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        RunSession session;
        QStringList progress;
        QStringList statusWhileRunning;
        connect(&session, &RunSession::chunkProgressed, this,
                [&](int chunk, int count) { progress.append(QStringLiteral("%1/%2").arg(chunk).arg(count)); });
        connect(&session, &RunSession::attemptStarted, this,
                [&] { statusWhileRunning.append(runStatusText(session)); });
        QVERIFY(runChunked(session));

        QCOMPARE(progress, (QStringList { QStringLiteral("1/3"), QStringLiteral("2/3"), QStringLiteral("3/3") }));
        QCOMPARE(statusWhileRunning.size(), 4);
        QVERIFY2(statusWhileRunning.at(2).startsWith(QStringLiteral("chunk 2/3 \u00b7 attempt 2/3 running")),
                 qPrintable(statusWhileRunning.at(2)));
        QVERIFY(session.isChunked());
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        // One run of four attempts for the timeline, each naming its chunk.
        QCOMPARE(session.attempts().size(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(session.attempts().at(i).number, i + 1);
        QCOMPARE(session.attempts().at(2).notes.first(), QStringLiteral("chunk 2/3, its attempt 2"));
        QCOMPARE(session.attemptChunk(3), std::make_pair(1, 0));
        QCOMPARE(session.attemptChunk(4), std::make_pair(2, 0));
        QCOMPARE(session.attemptChunk(5), std::make_pair(-1, -1));
        QCOMPARE(session.result().attempts.size(), 4);
        QCOMPARE_JSON(session.result().value,
                      parseQ("{'people': [{'name': 'Ada Lovelace', 'age': 36}, {'name': 'Charles Babbage', 'age': 79}, "
                             "{'name': 'Grace Hopper', 'age': 85}]}"));
        // The conflict (Ada 36 vs 37) is a warning and in the status line.
        QVERIFY(session.warnings().contains(
            QStringLiteral("conflict at /people/0/age: 36 (chunk 1) vs 37 (chunk 2); kept 36")));
        const QString status = runStatusText(session);
        QVERIFY2(status.startsWith(QStringLiteral("3 chunk(s) merged \u00b7 1 conflict(s) between chunks")),
                 qPrintable(status));
    }

    void finishedRun_sourceShowsWholeDocumentSpansAndResultShowsConflicts()
    {
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 37}]}"));
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        RunSession session;
        SourcePane source(&session);
        ResultPane result(&session);
        result.show();
        QSignalSpy shown(&source, &SourcePane::groundingShown);
        QVERIFY(runChunked(session));
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(source.view()->document(), document());
        const qsizetype grace = document().indexOf(QStringLiteral("Grace Hopper"));
        const GroundedValue *value = source.view()->grounding().find("/people/1/name");
        QVERIFY(value);
        QCOMPARE(value->spans, (std::vector<TextSpan> { { grace, grace + 12 } }));

        QCOMPARE(result.findChild<QLabel *>(QStringLiteral("resultVerdict"))->text(),
                 QStringLiteral("Valid: 3 chunks merged."));
        auto *conflicts = result.findChild<QLabel *>(QStringLiteral("resultConflicts"));
        QVERIFY(conflicts);
        QVERIFY(conflicts->isVisible());
        QVERIFY2(conflicts->text().contains(QStringLiteral("conflict at /people/0/age: 36 (chunk 1) vs 37 (chunk 2)")),
                 qPrintable(conflicts->text()));

        // A single run afterwards hides them again.
        m_fx->fake->enqueueChat(reply("{'people': []}"));
        QVERIFY(m_fx->runToEnd(session, config()));
        QVERIFY(!session.isChunked());
        QVERIFY(!conflicts->isVisible());
    }

    void cancel_stopsEveryChunk_andTheNextRunResumes()
    {
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        FakeReply stalled = FakeReply::text({ q("{'people': [") });
        stalled.stallMidStream = true;
        m_fx->fake->enqueueChat(stalled);
        RunSession session;
        QSignalSpy finished(&session, &RunSession::finished);
        session.startChunked(m_fx->backend.get(), config(), document(), options());
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->fake->requestsTo("/api/chat").size(), 2, 10000);
        QVERIFY(session.isRunning());
        session.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(session.result().reason, RunFailureReason::Cancelled);
        QVERIFY(runStatusText(session).startsWith(QStringLiteral("cancelled in chunk 2/3")));
        QCOMPARE(chunkedVerdictText(session), QStringLiteral("Cancelled in chunk 2 of 3."));
        QVERIFY(Test::settleNetwork(&m_fx->nam));
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), 2); // chunk 3 never started

        // The same run again: chunk 1 is kept, chunks 2 and 3 are asked.
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"));
        m_fx->fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        QVERIFY(runChunked(session));
        QCOMPARE(session.resumedChunks(), 1);
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), 4);
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        QCOMPARE(session.result().value["people"].size(), std::size_t(3));
        QVERIFY(session.warnings().first().startsWith(QStringLiteral("Resumed: 1 chunk run")));

        // Once it succeeded nothing is kept: a third run asks every chunk.
        for (int i = 0; i < 3; ++i)
            m_fx->fake->enqueueChat(reply("{'people': []}"));
        QVERIFY(runChunked(session));
        QCOMPARE(session.resumedChunks(), 0);
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), 7);
    }

    void concurrency_chunksRunTogether_attemptsNumberedAsTheyFinishEachNamingItsChunk()
    {
        routeByChunk(400); // chunk 1's reply comes last
        ChunkedExtractionOptions o = options();
        o.concurrency = 2;
        RunSession session;
        AttemptTimelineModel timeline(&session);
        QAbstractItemModelTester tester(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
        int mostRunning = 0;
        int requestsAtFirstEnd = 0;
        connect(&session, &RunSession::chunkProgressed, this,
                [&] { mostRunning = std::max(mostRunning, session.runningChunks()); });
        connect(&session, &RunSession::attemptFinished, this, [&] {
            if (requestsAtFirstEnd == 0)
                requestsAtFirstEnd = int(m_fx->fake->requestsTo("/api/chat").size());
        });
        QVERIFY(runChunked(session, o));
        QCOMPARE(session.state(), RunSession::State::Succeeded);
        QCOMPARE(mostRunning, 2);
        QCOMPARE(requestsAtFirstEnd, 2); // chunks 1 and 2 were both asked before either ended
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), 4); // 3 chunks, 1 reask
        // Four attempts numbered 1..4 in the order they ended, each naming its own chunk.
        QCOMPARE(session.attempts().size(), 4);
        QList<int> chunks;
        for (int i = 0; i < 4; ++i) {
            const AttemptRecord &a = session.attempts().at(i);
            QCOMPARE(a.number, i + 1);
            const int chunk = session.attemptChunk(a.number).first;
            chunks.append(chunk);
            QVERIFY2(a.notes.first().startsWith(QStringLiteral("chunk %1/3, its attempt").arg(chunk + 1)),
                     qPrintable(a.notes.first()));
            QCOMPARE(timeline.data(timeline.index(i, AttemptTimelineModel::NumberColumn)).toString(),
                     QStringLiteral("#%1 \u00b7 chunk %2").arg(i + 1).arg(chunk + 1));
        }
        QCOMPARE(chunks.count(0), 1);
        QCOMPARE(chunks.count(1), 2);
        QCOMPARE(chunks.count(2), 1);
        QVERIFY(chunks.indexOf(0) > chunks.indexOf(1)); // chunk 1 ended after chunk 2's first attempt
        QCOMPARE(session.attempts().at(chunks.lastIndexOf(1)).notes.first(),
                 QStringLiteral("chunk 2/3, its attempt 2"));
        QCOMPARE(timeline.rowCount(), 4);
        QCOMPARE(session.result().value["people"].size(), std::size_t(3));
        QCOMPARE(session.runningChunks(), 0);
    }

    // Two chunks at once: chunk 1's attempt is the live one (its reply is slow), chunk 2's is
    // resent after transient failures meanwhile; its row and resends show as they happen, before
    // either attempt ends, labelled as the finished ones are.
    void concurrency_otherChunksAttemptsAndResendsShowLive()
    {
        int babbageFailures = 2;
        m_fx->fake->setChatResponder([&babbageFailures](
                                         const Test::RecordedRequest &request) -> std::optional<FakeReply> {
            const QString text = QString::fromStdString(request.json["messages"].back()["content"].get<std::string>());
            if (text.contains(QStringLiteral("Grace Hopper")))
                return reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}");
            if (text.contains(QStringLiteral("Charles Babbage"))) {
                if (babbageFailures-- > 0)
                    return FakeReply::error(500, QByteArray("{\"error\":\"llm server loading model\"}"));
                return reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}");
            }
            FakeReply ada = reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}");
            ada.firstByteDelayMs = 3500; // still under way while chunk 2 is resent (first-byte timeout: 5 s)
            return ada;
        });
        ChunkedExtractionOptions o = options();
        o.concurrency = 2;
        RunSession session;
        AttemptTimelineModel timeline(&session);
        QAbstractItemModelTester tester(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // What the timeline showed when chunk 2's second resend came, before any attempt had ended
        // (taken at that moment: with the tests' short backoff, chunk 2 ends soon after).
        struct Snapshot {
            bool taken = false;
            int rows = 0, resends = 0, liveChunk = 0, rowOfSecond = -1;
            bool firstIsLive = false;
            QString first, second;
        } seen;
        connect(&session, &RunSession::runningAttemptsChanged, this, [&] {
            const QList<RunSession::RunningChunkAttempt> others = session.otherRunningAttempts();
            if (seen.taken || !session.attempts().isEmpty() || others.isEmpty() || others.first().resends < 2)
                return;
            seen.taken = true;
            seen.rows = timeline.rowCount();
            seen.liveChunk = session.liveChunk();
            seen.firstIsLive = timeline.isLiveRow(0);
            seen.first = timeline.data(timeline.index(0, AttemptTimelineModel::NumberColumn)).toString();
            seen.second = timeline.data(timeline.index(1, AttemptTimelineModel::NumberColumn)).toString();
            seen.resends = timeline.data(timeline.index(1, AttemptTimelineModel::ResendsColumn)).toInt();
            seen.rowOfSecond = timeline.rowOfAttempt(2);
        });
        QSignalSpy finished(&session, &RunSession::finished);
        session.startChunked(m_fx->backend.get(), config(), document(), o);
        QTRY_VERIFY_WITH_TIMEOUT(seen.taken, 15000);
        QCOMPARE(seen.liveChunk, 1); // chunk 1's attempt is the live one
        QCOMPARE(seen.rows, 2);
        QVERIFY(seen.firstIsLive);
        QCOMPARE(seen.first, QStringLiteral("#1 \u00b7 chunk 1"));
        QCOMPARE(seen.second, QStringLiteral("#2 \u00b7 chunk 2"));
        QCOMPARE(seen.resends, 2);
        QCOMPARE(seen.rowOfSecond, 1);

        QVERIFY(finished.wait(30000) || finished.count() == 1);
        QVERIFY2(session.state() == RunSession::State::Succeeded, qPrintable(session.result().message));
        QVERIFY(session.otherRunningAttempts().isEmpty());
        QCOMPARE(timeline.rowCount(), int(session.attempts().size()));
        // Chunk 2's attempt ended with its two resends counted.
        const auto babbage
            = std::find_if(session.attempts().cbegin(), session.attempts().cend(),
                           [&session](const AttemptRecord &a) { return session.attemptChunk(a.number).first == 1; });
        QVERIFY(babbage != session.attempts().cend());
        QCOMPARE(babbage->transportRetries, 2);
    }

    void concurrency_cancelStopsEveryRunningChunk()
    {
        FakeReply stalled = FakeReply::text({ q("{'people': [") });
        stalled.stallMidStream = true;
        m_fx->fake->enqueueChat(stalled);
        m_fx->fake->enqueueChat(stalled);
        ChunkedExtractionOptions o = options();
        o.concurrency = 2;
        RunSession session;
        QSignalSpy finished(&session, &RunSession::finished);
        session.startChunked(m_fx->backend.get(), config(), document(), o);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->fake->requestsTo("/api/chat").size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->fake->openConnections(), 2, 10000);
        QCOMPARE(session.runningChunks(), 2);
        session.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(session.result().reason, RunFailureReason::Cancelled);
        QVERIFY(Test::settleNetwork(&m_fx->nam));
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->fake->openConnections(), 0, 10000); // both requests aborted
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), 2); // chunk 3 never started
        QCOMPARE(session.runningChunks(), 0);
        QVERIFY(!session.isRunning());
    }

    void history_chunkedRunStoredAsOneRunAndShownAgainWithItsChunks()
    {
        routeByChunk();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        RunSession session;
        session.setHistoryPath(path);
        QSignalSpy recorded(&session, &RunSession::recorded);
        QVERIFY(runChunked(session));
        QCOMPARE(recorded.count(), 1);
        const qint64 id = recorded.first().first().toLongLong();
        QCOMPARE(session.historyRunId(), id);

        HistoryDatabase history;
        QCOMPARE(history.open(path), QString());
        const auto stored = history.run(id);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->status, QStringLiteral("valid"));
        QCOMPARE(stored->attempts.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(stored->attempts.at(i).number, i + 1);
            QCOMPARE(stored->attempts.at(i).chunk, session.attemptChunk(i + 1).first);
        }
        QCOMPARE_JSON(nlohmann::ordered_json::parse(stored->resultJson.toStdString()), session.result().value);
        const auto chunks = nlohmann::ordered_json::parse(stored->chunksJson.toStdString());
        QCOMPARE(chunks["chunks"].size(), std::size_t(3));
        QCOMPARE(chunks["conflicts"].size(), std::size_t(0));
        QVERIFY(stored->inputJson.contains(QStringLiteral("Grace Hopper"))); // the whole document

        // Reopened from the history: the same attempts, each naming its chunk; chunk attempts that
        // were valid (without the root's required member) replay as valid.
        RunSession shown;
        AttemptTimelineModel timeline(&shown);
        QVERIFY(shown.showStored(*stored));
        QCOMPARE(shown.attempts().size(), 4);
        QCOMPARE(shown.attemptChunk(2).first, session.attemptChunk(2).first);
        QCOMPARE(timeline.data(timeline.index(3, AttemptTimelineModel::NumberColumn)).toString(),
                 QStringLiteral("#4 \u00b7 chunk %1").arg(session.attemptChunk(4).first + 1));
        int valid = 0;
        for (const AttemptRecord &a : shown.attempts())
            valid += a.isValid() ? 1 : 0;
        QCOMPARE(valid, 3);
    }

    void requiredTopLevelMember_chunksNotReasked_mergedResultShowsTheError()
    {
        for (int i = 0; i < 3; ++i)
            m_fx->fake->enqueueChat(reply("{'people': []}"));
        ExtractionConfig c = config();
        c.schema = Schema::compile(parseQ("{'type': 'object', 'properties': {'title': {'type': 'string'}, "
                                          "'people': {'type': 'array'}}, 'required': ['title']}"))
                       .value();
        RunSession session;
        ResultPane result(&session);
        QSignalSpy finished(&session, &RunSession::finished);
        session.startChunked(m_fx->backend.get(), c, document(), options());
        QVERIFY(finished.wait(20000) || finished.count() == 1);
        QCOMPARE(m_fx->fake->requestsTo("/api/chat").size(), 3); // no chunk was reasked for the title
        QCOMPARE(session.state(), RunSession::State::Failed);
        QCOMPARE(session.chunkedResult()->mergedErrors.size(), 1);
        // Shown as an error of the merged value, beside the conflicts, and in the warnings.
        auto *notes = result.findChild<QLabel *>(QStringLiteral("resultConflicts"));
        QVERIFY(notes);
        QVERIFY2(notes->text().contains(QStringLiteral("title")), qPrintable(notes->text()));
        QVERIFY(session.warnings().last().startsWith(QStringLiteral("merged value: ")));
    }

    void recallPasses_statusNamesThePass()
    {
        for (int i = 0; i < 6; ++i)
            m_fx->fake->enqueueChat(reply("{'people': []}"));
        ChunkedExtractionOptions o = options();
        o.passes = 2;
        RunSession session;
        QStringList passes;
        connect(&session, &RunSession::chunkProgressed, this, [&](int chunk, int, int pass, int count) {
            passes.append(QStringLiteral("%1:%2/%3").arg(chunk).arg(pass).arg(count));
        });
        QVERIFY(runChunked(session, o));
        QCOMPARE(passes.size(), 6);
        QCOMPARE(passes.at(3), QStringLiteral("1:2/2"));
        QCOMPARE(session.attempts().at(3).notes.first(), QStringLiteral("pass 2/2, chunk 1/3, its attempt 1"));
        QCOMPARE(session.chunksDone(), 6);
    }
};

QTEST_MAIN(TestChunkedRun)
#include "tst_chunkedrun.moc"
