// SPDX-License-Identifier: GPL-3.0-or-later
// A single run stored as it goes (RunRecorder), found again by the history's filters, and replayed
// for the timeline (replayStoredRun): errors placed on the reply again, nothing sent.
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "jsoncompare.h"
#include "llm/llmbackend.h"
#include "store/historydatabase.h"
#include "store/runrecorder.h"
#include "store/storedrunreplay.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::parseQ;
using Formwork::Test::q;
using Json = nlohmann::ordered_json;

namespace {
const char *const validPerson = "{'name': 'Ada', 'age': 36}";
const char *const negativeAge = "{'name': 'Ada', 'age': -1}";
} // namespace

class TestRunRecorder final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<LlmBackend> m_backend;
    QTemporaryDir m_dir;

    // Runs the person config against the fake, recorded into `history`; returns the run id.
    qint64 recordRun(HistoryDatabase &history, const ExtractionConfig &config)
    {
        ExtractionRun run(m_backend.get(), config);
        RunRecorder recorder(&history, singleRunStart(config, m_backend->api(), m_backend->baseUrl()));
        QSignalSpy recorded(&recorder, &RunRecorder::recorded);
        QSignalSpy errors(&recorder, &RunRecorder::historyError);
        if (!recorder.attach(&run))
            return 0;
        run.start();
        if (!QTest::qWaitFor([&] { return recorded.count() == 1; }, 10000))
            return 0;
        if (!errors.isEmpty())
            return 0;
        return recorded.first().first().toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Test::registerRunMetaTypes();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_fake = std::make_unique<FakeOllama>();
        QVERIFY(m_fake->listen());
        BackendConfig bc;
        QUrl url = m_fake->baseUrl();
        url.setUserName(QStringLiteral("someone"));
        url.setPassword(QStringLiteral("secret-password"));
        bc.baseUrl = url;
        bc.bearerToken = QStringLiteral("sk-secret-token");
        m_backend.reset(LlmBackend::create(BackendApi::Ollama, &m_nam, bc));
    }

    void cleanup()
    {
        m_backend.reset();
        m_fake.reset();
    }

    void invalidThenValid_storedWithBothAttemptsAndNoSecrets()
    {
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        const QString path = m_dir.filePath(QStringLiteral("single.sqlite"));
        HistoryDatabase history;
        QCOMPARE(history.open(path), QString());
        ExtractionConfig config = Test::personRunConfig();
        config.options.temperature = 0.5;
        const qint64 id = recordRun(history, config);
        QVERIFY(id > 0);

        const std::optional<StoredRun> run = history.run(id);
        QVERIFY(run);
        QCOMPARE(run->batchId, 0);
        QCOMPARE(run->status, QStringLiteral("valid"));
        QCOMPARE(run->model, QStringLiteral("llama3.1:8b"));
        QCOMPARE(run->mode, QStringLiteral("schema"));
        QCOMPARE(run->attemptCount, 2);
        QCOMPARE(run->attempts.size(), 2);
        QCOMPARE(run->attempts.at(0).outcome, QStringLiteral("schema-invalid"));
        QCOMPARE(run->attempts.at(0).content, q(negativeAge));
        QCOMPARE(run->attempts.at(1).outcome, QStringLiteral("valid"));
        QVERIFY(run->attempts.at(1).requestJson.contains("\"messages\""));
        QCOMPARE_JSON(Json::parse(run->resultJson.toStdString()), parseQ(validPerson));
        QCOMPARE_JSON(Json::parse(run->schemaJson.toStdString())["title"], Json("Person"));
        const Json settings = Json::parse(run->settingsJson.toStdString());
        QCOMPARE_JSON(settings["temperature"], Json(0.5));
        QCOMPARE_JSON(settings["max_attempts"], Json(3));
        const Json input = Json::parse(run->inputJson.toStdString());
        QVERIFY(input.is_array());
        QCOMPARE_JSON(input.back()["role"], Json("user"));
        QVERIFY(QString::fromStdString(input.back()["content"].get<std::string>()).contains(u"Ada Lovelace"));
        // Neither the bearer token nor the URL's password reach the file.
        history.close();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QFile wal(path + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            bytes += wal.readAll();
        QVERIFY(!bytes.contains("sk-secret-token"));
        QVERIFY(!bytes.contains("secret-password"));
        QVERIFY(bytes.contains("llama3.1:8b"));
    }

    void eachAttempt_committedBeforeTheRunEnds()
    {
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        const QString path = m_dir.filePath(QStringLiteral("commit.sqlite"));
        HistoryDatabase history;
        QCOMPARE(history.open(path), QString());
        const ExtractionConfig config = Test::personRunConfig();
        ExtractionRun run(m_backend.get(), config);
        RunRecorder recorder(&history, singleRunStart(config, m_backend->api(), m_backend->baseUrl()));
        QVERIFY(recorder.attach(&run));
        // A second connection (another process would see the same) reads the first attempt while
        // the run goes on.
        HistoryDatabase reader;
        QCOMPARE(reader.open(path), QString());
        int seenAfterFirst = -1;
        QString statusAfterFirst;
        connect(&run, &ExtractionRun::attemptFinished, this, [&](const AttemptRecord &a) {
            if (a.number != 1)
                return;
            const auto stored = reader.run(recorder.runId());
            seenAfterFirst = stored ? int(stored->attempts.size()) : -1;
            statusAfterFirst = stored ? stored->status : QString();
        });
        QSignalSpy recorded(&recorder, &RunRecorder::recorded);
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorded.count(), 1, 10000);
        QCOMPARE(seenAfterFirst, 1);
        QCOMPARE(statusAfterFirst, QStringLiteral("running"));
        QCOMPARE(reader.run(recorder.runId())->status, QStringLiteral("valid"));
    }

    void replay_placesTheErrorsOnTheStoredReplyAgain()
    {
        m_fake->enqueueChat(FakeReply::text({ QStringLiteral("Here: "), q(negativeAge) }));
        m_fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        HistoryDatabase history;
        QCOMPARE(history.open(m_dir.filePath(QStringLiteral("replay.sqlite"))), QString());
        ExtractionConfig config = Test::personRunConfig(ExtractionMode::Json);
        config.limits.maxAttempts = 2;
        const qint64 id = recordRun(history, config);
        QVERIFY(id > 0);
        const int requestsBefore = int(m_fake->requestsTo("/api/chat").size());

        const ReplayedRun replay = replayStoredRun(*history.run(id));
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), requestsBefore); // nothing sent
        QVERIFY(replay.schema);
        QCOMPARE(replay.mode, ExtractionMode::Json);
        QCOMPARE(replay.maxAttempts, 2);
        QCOMPARE(replay.attempts.size(), 2);
        const AttemptRecord &first = replay.attempts.at(0);
        QCOMPARE(first.outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(first.errors.size(), 1);
        QCOMPARE(first.errors.at(0).instancePath, QStringLiteral("/age"));
        // The -1 after "Here: " and the start of the object: its byte range in the raw reply.
        const QByteArray raw = first.content.toUtf8();
        QVERIFY(first.errors.at(0).range.isValid());
        QCOMPARE(raw.mid(first.errors.at(0).range.begin, first.errors.at(0).range.end - first.errors.at(0).range.begin),
                 QByteArray("-1"));
        QCOMPARE(first.span.begin, qsizetype(6));
        QVERIFY(!first.requestJson.isEmpty());
        QVERIFY(first.usage.promptTokens > 0);
        QCOMPARE(replay.attempts.at(1).cumulativePromptTokens,
                 first.usage.promptTokens + replay.attempts.at(1).usage.promptTokens);
        QVERIFY(!replay.result.success);
        QCOMPARE(replay.result.reason, RunFailureReason::Exhausted);
        QVERIFY(replay.result.hasValue);
        QCOMPARE_JSON(replay.result.value, parseQ(negativeAge));
    }

    void replay_backendFailureKeepsItsOutcomeAndError()
    {
        StoredRun run;
        run.id = 7;
        run.model = QStringLiteral("m");
        run.mode = QStringLiteral("schema");
        run.schemaJson = QStringLiteral("{\"type\":\"object\"}");
        run.status = QStringLiteral("error");
        run.message = QStringLiteral("The model is not installed.");
        StoredAttempt attempt;
        attempt.number = 1;
        attempt.outcome = QStringLiteral("backend-error");
        attempt.backendError = QStringLiteral("ModelNotFound: model 'm' not found");
        run.attempts.append(attempt);
        const ReplayedRun replay = replayStoredRun(run);
        QCOMPARE(replay.attempts.size(), 1);
        QCOMPARE(replay.attempts.at(0).outcome, AttemptOutcome::BackendFailed);
        QVERIFY(replay.attempts.at(0).backendError);
        QCOMPARE(replay.attempts.at(0).backendError->kind, BackendError::Kind::ModelNotFound);
        QCOMPARE(replay.attempts.at(0).backendError->detail, QStringLiteral("model 'm' not found"));
        QCOMPARE(replay.result.reason, RunFailureReason::Backend);
        QCOMPARE(replay.result.message, run.message);
        QVERIFY(!replay.result.hasValue);
    }

    void findRuns_filtersByModelSchemaAndDate()
    {
        HistoryDatabase history;
        QCOMPARE(history.open(m_dir.filePath(QStringLiteral("filter.sqlite"))), QString());
        const auto add = [&history](const QString &model, const QString &schema) {
            RunStart start;
            start.model = model;
            start.schemaJson = schema;
            const qint64 id = history.beginRun(start);
            history.finishRun(id, QStringLiteral("valid"), RunResult());
            return id;
        };
        const qint64 a = add(QStringLiteral("llama"), QStringLiteral("{\"title\":\"A\"}"));
        const qint64 b = add(QStringLiteral("qwen"), QStringLiteral("{\"title\":\"B\"}"));
        add(QStringLiteral("llama"), QStringLiteral("{\"title\":\"B\"}"));
        QCOMPARE(history.runModels(), QStringList({ QStringLiteral("llama"), QStringLiteral("qwen") }));

        RunFilter filter;
        filter.model = QStringLiteral("llama");
        QCOMPARE(history.findRuns(filter).size(), 2);
        filter.schemaJson = QStringLiteral("{\"title\":\"A\"}");
        QCOMPARE(history.findRuns(filter).size(), 1);
        QCOMPARE(history.findRuns(filter).constFirst().id, a);

        // Dates: everything is from just now; a window of yesterday finds nothing, today all.
        RunFilter today;
        today.from = QDate::currentDate().startOfDay();
        QCOMPARE(history.findRuns(today).size(), 3);
        RunFilter yesterday;
        yesterday.from = QDate::currentDate().addDays(-1).startOfDay();
        yesterday.to = QDate::currentDate().startOfDay();
        QCOMPARE(history.findRuns(yesterday).size(), 0);
        RunFilter upToB;
        upToB.to = history.run(b)->createdAt.addMSecs(1);
        upToB.model = QStringLiteral("qwen");
        QCOMPARE(history.findRuns(upToB).size(), 1);
        RunFilter future;
        future.from = QDateTime::currentDateTimeUtc().addSecs(3600);
        QCOMPARE(history.findRuns(future).size(), 0);
    }
};

QTEST_MAIN(TestRunRecorder)
#include "tst_runrecorder.moc"
