// SPDX-License-Identifier: GPL-3.0-or-later
// formwork-cli extract against the fake-ollama executable.
#include "clirunner.h"
#include "fakeollamaprocess.h"
#include "jsoncompare.h"
#include "store/historydatabase.h"
#include "testdata.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <memory>

using Formwork::Test::CliRun;
using Formwork::Test::readJsonLines;
using Formwork::Test::runCli;
using Json = nlohmann::ordered_json;

namespace {

QByteArray q(const char *text)
{
    QByteArray bytes(text);
    bytes.replace('\'', '"');
    return bytes;
}

Json reply(const char *content)
{
    Json r = Json::object();
    r["content"] = Json::array({ q(content).toStdString() });
    return r;
}

const char *const validPerson = "{'name': 'Ada', 'age': 36}";
const char *const negativeAge = "{'name': 'Ada', 'age': -1}";

} // namespace

class TestExtract final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Formwork::Test::FakeOllamaProcess> m_server;
    QString m_host;

    // Starts fake-ollama with the chat replies; returns false when it did not come up.
    bool serve(const Json &chat)
    {
        Json script = Json::object();
        script["chat"] = chat;
        return serveScript(script);
    }

    bool serveScript(const Json &script)
    {
        const QString path = Formwork::Test::writeTestFile(m_dir.filePath(QStringLiteral("script.json")),
                                                           QByteArray::fromStdString(script.dump()));
        if (path.isEmpty())
            return false;
        m_server = std::make_unique<Formwork::Test::FakeOllamaProcess>(QStringLiteral(FAKE_OLLAMA_PATH));
        if (!m_server->start(path))
            return false;
        m_host = m_server->host();
        return true;
    }

    QStringList args(const QStringList &extra) const
    {
        QStringList list = { QStringLiteral("extract"),
                             QStringLiteral("--model"),
                             QStringLiteral("llama3.1:8b"),
                             QStringLiteral("--schema"),
                             Formwork::Test::testDataPath(QStringLiteral("extraction/person.schema.json")),
                             QStringLiteral("--prompt"),
                             QStringLiteral("Ada Lovelace is 36."),
                             QStringLiteral("--host"),
                             m_host };
        return list + extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("FORMWORK_BACKOFF_BASE_MS", "5");
        qunsetenv("OLLAMA_HOST");
    }

    void cleanup() { m_server.reset(); }

    void validFirstTime_exitsZeroWithOnlyJsonOnStdout()
    {
        QVERIFY(serve(Json::array({ reply(validPerson) })));
        const CliRun run = runCli(args({}));
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 0);
        const Json out = Json::parse(run.standardOutput.toStdString(), nullptr, false);
        QCOMPARE_JSON(out, Json::parse(q(validPerson).toStdString()));
        QVERIFY2(run.standardError.contains("attempt 1/3"), run.standardError.constData());
    }

    void invalidThenValid_traceHasBothAttempts()
    {
        QVERIFY(serve(Json::array({ reply(negativeAge), reply(validPerson) })));
        const QString tracePath = m_dir.filePath(QStringLiteral("trace.jsonl"));
        const CliRun run = runCli(args({ QStringLiteral("--trace"), tracePath }));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("attempt 2/3"), run.standardError.constData());
        QVERIFY2(run.standardError.contains("/age"), run.standardError.constData());
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false),
                      Json::parse(q(validPerson).toStdString()));
        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 2);
        QCOMPARE_JSON(trace.at(0)["attempt"], Json(1));
        QCOMPARE_JSON(trace.at(0)["outcome"], Json("schema-invalid"));
        QCOMPARE_JSON(trace.at(0)["errors"][0]["instancePath"], Json("/age"));
        QCOMPARE_JSON(trace.at(0)["content"], Json(q(negativeAge).toStdString()));
        QCOMPARE_JSON(trace.at(0)["usage"]["prompt_tokens"], Json(26));
        QVERIFY(trace.at(0)["timings"].contains("wall_ms"));
        QCOMPARE(trace.at(0)["request"]["messages"].size(), 2u);
        QCOMPARE(trace.at(1)["request"]["messages"].size(), 4u);
        QCOMPARE_JSON(trace.at(1)["usage"]["cumulative_prompt_tokens"], Json(52));
        QCOMPARE_JSON(trace.at(1)["outcome"], Json("valid"));
    }

    void alwaysInvalid_exitsOneWithErrorsAndNoStdout()
    {
        QVERIFY(serve(Json::array({ reply(negativeAge), reply(negativeAge) })));
        const CliRun run = runCli(args({ QStringLiteral("--attempts"), QStringLiteral("2") }));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.standardOutput.isEmpty());
        QVERIFY2(run.standardError.contains("attempt 2/2"), run.standardError.constData());
        QVERIFY(run.standardError.contains("exhausted"));
        QVERIFY(run.standardError.contains("minimum"));
    }

    void alwaysInvalidAcceptInvalid_printsLastValueAndExitsOne()
    {
        QVERIFY(serve(Json::array({ reply(negativeAge) })));
        const CliRun run
            = runCli(args({ QStringLiteral("--attempts"), QStringLiteral("1"), QStringLiteral("--accept-invalid") }));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false),
                      Json::parse(q(negativeAge).toStdString()));
    }

    void mdJsonMode_fencedReplyExtracted()
    {
        Json r = Json::object();
        r["content"] = Json::array({ "Sure!\n```json\n", q(validPerson).toStdString(), "\n```\n" });
        QVERIFY(serve(Json::array({ r })));
        const CliRun run = runCli(args({ QStringLiteral("--mode"), QStringLiteral("md-json") }));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false),
                      Json::parse(q(validPerson).toStdString()));
    }

    void loadingThenSuccess_exitsZeroAfterTransportRetry()
    {
        Json loading = Json::object();
        loading["status"] = 500;
        loading["error_body"] = Json { { "error", "llm server loading model" } };
        QVERIFY(serve(Json::array({ loading, reply(validPerson) })));
        const QString tracePath = m_dir.filePath(QStringLiteral("retry.jsonl"));
        const CliRun run = runCli(args({ QStringLiteral("--trace"), tracePath }));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("Resending in"), run.standardError.constData());
        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 1);
        QCOMPARE_JSON(trace.at(0)["transport_retries"], Json(1));
    }

    void toolsModeModelWithoutTools_exitsThreeBeforeSending()
    {
        Json script = Json::object();
        script["show"] = Json { { "llama3.1:8b", Json { { "capabilities", Json::array({ "completion" }) } } } };
        script["chat"] = Json::array({ reply(validPerson) });
        QVERIFY(serveScript(script));
        const QString tracePath = m_dir.filePath(QStringLiteral("tools.jsonl"));
        const CliRun run
            = runCli(args({ QStringLiteral("--mode"), QStringLiteral("tools"), QStringLiteral("--trace"), tracePath }));
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.standardOutput.isEmpty());
        QVERIFY2(run.standardError.contains("tools"), run.standardError.constData());
        QVERIFY(readJsonLines(tracePath).isEmpty()); // nothing was sent
    }

    void toolsModeWithToolCall_exitsZero()
    {
        Json call = Json::object();
        call["tool_calls"] = Json::array({ Json {
            { "id", "c1" }, { "name", "Person" }, { "arguments", Json::parse(q(validPerson).toStdString()) } } });
        Json script = Json::object();
        script["show"]
            = Json { { "llama3.1:8b", Json { { "capabilities", Json::array({ "completion", "tools" }) } } } };
        script["chat"] = Json::array({ reply("I will not call tools."), call });
        QVERIFY(serveScript(script));
        const CliRun run = runCli(args({ QStringLiteral("--mode"), QStringLiteral("tools") }));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false),
                      Json::parse(q(validPerson).toStdString()));
        QVERIFY2(run.standardError.contains("tool_choice"), run.standardError.constData());
    }

    void apiKey_neverInTrace()
    {
        QVERIFY(serve(Json::array({ reply(validPerson) })));
        const QString tracePath = m_dir.filePath(QStringLiteral("key.jsonl"));
        qputenv("FORMWORK_API_KEY", "sekrit-token-123");
        const CliRun run = runCli(args({ QStringLiteral("--trace"), tracePath }));
        qunsetenv("FORMWORK_API_KEY");
        QCOMPARE(run.exitCode, 0);
        QFile raw(tracePath);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray content = raw.readAll();
        QVERIFY(!content.isEmpty());
        QVERIFY(!content.contains("sekrit-token-123"));
        QVERIFY(!run.standardError.contains("sekrit-token-123"));
    }

    void timeoutReached_exitsOne()
    {
        Json slow = reply(validPerson);
        slow["first_byte_delay_ms"] = 5000;
        QVERIFY(serve(Json::array({ slow })));
        const CliRun run = runCli(args({ QStringLiteral("--timeout"), QStringLiteral("0.3") }));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.standardOutput.isEmpty());
        QVERIFY2(run.standardError.contains("deadline"), run.standardError.constData());
    }

    void modelNotFound_exitsThree()
    {
        Json missing = Json::object();
        missing["status"] = 404;
        missing["error_body"] = Json { { "error", "model 'llama3.1:8b' not found" } };
        QVERIFY(serve(Json::array({ missing })));
        const CliRun run = runCli(args({}));
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.standardOutput.isEmpty());
    }

    void unreachableServer_exitsThree()
    {
        m_host = QStringLiteral("http://127.0.0.1:1");
        const CliRun run = runCli(args({}));
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.standardOutput.isEmpty());
    }

    void groundWithInput_traceAndGroundingFileHoldSpansInTheInput()
    {
        // A negative age first (reasked), then a value with one name found and one e-mail invented.
        QVERIFY(serve(Json::array({ reply("{'name': 'ada lovelace', 'age': -1}"),
                                    reply("{'name': 'Ada Lovelace', 'age': 36, 'email': 'ada@example.org'}") })));
        const QString inputPath = m_dir.filePath(QStringLiteral("letter.txt"));
        QFile input(inputPath);
        QVERIFY(input.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QByteArray text = "Caf\xc3\xa9 \xf0\x9f\x98\x80 note: ADA  LOVELACE was 36 years old.\n";
        input.write(text);
        input.close();
        const QString tracePath = m_dir.filePath(QStringLiteral("ground-trace.jsonl"));
        const QString groundingPath = m_dir.filePath(QStringLiteral("grounding.json"));
        const QString reportPath = m_dir.filePath(QStringLiteral("report.html"));
        QStringList list = args({ QStringLiteral("--trace"), tracePath, QStringLiteral("--json-grounding"),
                                  groundingPath, QStringLiteral("--html-report"), reportPath });
        list[5] = QStringLiteral("--input");
        list[6] = inputPath;
        const CliRun run = runCli(list);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("grounding: 2 of 3 values found in the source (1 exact, 1 tolerant"),
                 run.standardError.constData());
        QVERIFY2(run.standardError.contains("not found in the source: /email"), run.standardError.constData());
        // stdout stays the value alone.
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false)["age"], Json(36));

        // "ADA  LOVELACE" starts at UTF-16 offset 14: "Café " is 5 units, the emoji 2, " note: " 7.
        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 2);
        QCOMPARE_JSON(trace.at(0)["grounding"]["/name"]["kind"], Json("tolerant"));
        QCOMPARE_JSON(trace.at(0)["grounding"]["/age"]["kind"], Json("absent")); // -1 is nowhere
        QCOMPARE_JSON(trace.at(1)["grounding"]["/name"]["spans"], Json::parse("[[14, 27]]"));
        QCOMPARE_JSON(trace.at(1)["grounding"]["/age"]["kind"], Json("exact"));
        QCOMPARE_JSON(trace.at(1)["grounding"]["/age"]["spans"], Json::parse("[[32, 34]]"));
        QCOMPARE_JSON(trace.at(1)["grounding"]["/email"]["kind"], Json("absent"));

        QFile file(groundingPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json grounding = Json::parse(file.readAll().toStdString(), nullptr, false);
        QCOMPARE_JSON(grounding["source"], Json(inputPath.toStdString()));
        QCOMPARE_JSON(grounding["offsets"], Json("utf-16"));
        QCOMPARE_JSON(grounding["source_length"], Json(QString::fromUtf8(text).size()));
        QCOMPARE_JSON(grounding["grounding"], trace.at(1)["grounding"]);
        const QString doc = QString::fromUtf8(text);
        QCOMPARE(doc.mid(14, 13), QStringLiteral("ADA  LOVELACE"));

        // The report: both attempts, the input with its two found values marked, the invented e-mail flagged.
        QFile reportFile(reportPath);
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        const QString report = QString::fromUtf8(reportFile.readAll());
        QVERIFY(report.contains(QStringLiteral("Valid on attempt 2")));
        QCOMPARE(report.count(QStringLiteral("<mark ")), 2);
        QVERIFY(report.contains(QStringLiteral(">ADA  LOVELACE</mark>")));
        QVERIFY(report.contains(QStringLiteral("<td class=\"k-absent\">absent</td>")));
        QCOMPARE(report.count(QStringLiteral("<summary>Attempt ")), 2);
        QVERIFY(report.contains(QStringLiteral("llama3.1:8b")));
    }

    void chunkedInput_mergedWithConflictShownAndSpansInTheWholeInput()
    {
        QVERIFY(serve(Json::array({ reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"),
                                    reply("{'people': [{'name': 'Charles Babbage', 'age': 79}, "
                                          "{'name': 'Ada Lovelace', 'age': 37}]}"),
                                    reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}") })));
        const QString inputPath = Formwork::Test::testDataPath(QStringLiteral("extraction/three-people.txt"));
        const QString tracePath = m_dir.filePath(QStringLiteral("chunk-trace.jsonl"));
        const QString groundingPath = m_dir.filePath(QStringLiteral("chunk-grounding.json"));
        QStringList list = args(
            { QStringLiteral("--chunk-chars"), QStringLiteral("200"), QStringLiteral("--chunk-overlap"),
              QStringLiteral("30"), QStringLiteral("--merge-key"), QStringLiteral("name"), QStringLiteral("--ground"),
              QStringLiteral("--json-grounding"), groundingPath, QStringLiteral("--trace"), tracePath });
        list[4] = Formwork::Test::testDataPath(QStringLiteral("extraction/people.schema.json"));
        list[5] = QStringLiteral("--input");
        list[6] = inputPath;
        const CliRun run = runCli(list);
        QCOMPARE(run.exitCode, 0);
        const QByteArray err = run.standardError;
        QVERIFY2(err.contains("chunk 1/3 (characters 0 to 120)"), err.constData());
        QVERIFY2(err.contains("chunk 3/3"), err.constData());
        QVERIFY2(err.contains("conflict at /people/0/age: 36 (chunk 1) vs 37 (chunk 2); kept 36"), err.constData());
        QVERIFY2(err.contains("valid: 3 chunk(s) merged"), err.constData());
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false),
                      Json::parse(q("{'people': [{'name': 'Ada Lovelace', 'age': 36}, {'name': 'Charles Babbage', "
                                    "'age': 79}, {'name': 'Grace Hopper', 'age': 85}]}")
                                      .toStdString()));

        QFile inputFile(inputPath);
        QVERIFY(inputFile.open(QIODevice::ReadOnly));
        const QString doc = QString::fromUtf8(inputFile.readAll());
        const qsizetype grace = doc.indexOf(QStringLiteral("Grace Hopper"));
        QFile file(groundingPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json grounding = Json::parse(file.readAll().toStdString(), nullptr, false)["grounding"];
        QCOMPARE_JSON(grounding["/people/2/name"]["spans"], Json::array({ Json::array({ grace, grace + 12 }) }));
        QCOMPARE_JSON(grounding["/people/0/name"]["kind"], Json("ambiguous")); // in chunks 1 and 2

        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 3);
        QCOMPARE_JSON(trace.at(2)["chunk"]["index"], Json(2));
        QCOMPARE_JSON(trace.at(2)["grounding"]["/people/0/name"]["spans"],
                      Json::array({ Json::array({ grace, grace + 12 }) }));
    }

    // The chunked runs' arguments: the people schema, --input three-people.txt, chunks of 200.
    QStringList chunkedArgs(const QStringList &extra) const
    {
        QStringList list = args(QStringList { QStringLiteral("--chunk-chars"), QStringLiteral("200"),
                                              QStringLiteral("--chunk-overlap"), QStringLiteral("30"),
                                              QStringLiteral("--merge-key"), QStringLiteral("name") }
                                + extra);
        list[4] = Formwork::Test::testDataPath(QStringLiteral("extraction/people.schema.json"));
        list[5] = QStringLiteral("--input");
        list[6] = Formwork::Test::testDataPath(QStringLiteral("extraction/three-people.txt"));
        return list;
    }

    // A run of chunks is stored as one run: its chunks' attempts, each naming its chunk, and the
    // merged value as the result; `history list` names the chunks, `history show` lists them.
    void chunkedRun_storedInTheHistoryWithItsChunks()
    {
        QVERIFY(serve(Json::array({ reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"),
                                    reply("{'people': [{'name': 'Charles Babbage', 'age': '79'}]}"), // reasked
                                    reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"),
                                    reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}") })));
        const QString historyPath = m_dir.filePath(QStringLiteral("chunked-history.sqlite"));
        const CliRun run = runCli(chunkedArgs({ QStringLiteral("--history"), historyPath }));
        QCOMPARE(run.exitCode, 0);
        qint64 id = 0;
        {
            Formwork::HistoryDatabase history;
            QCOMPARE(history.open(historyPath), QString());
            const QList<Formwork::StoredRun> runs = history.listRuns();
            QCOMPARE(runs.size(), 1);
            id = runs.constFirst().id;
            const auto stored = history.run(id);
            QVERIFY(stored.has_value());
            QCOMPARE(stored->status, QStringLiteral("valid"));
            QCOMPARE(stored->attempts.size(), 4);
            QCOMPARE(stored->attempts.at(1).chunk, 1);
            QCOMPARE(stored->attempts.at(1).outcome, QStringLiteral("schema-invalid"));
            QCOMPARE(stored->attempts.at(2).chunk, 1);
            QCOMPARE(stored->attempts.at(3).chunk, 2);
            QCOMPARE_JSON(Json::parse(stored->resultJson.toStdString(), nullptr, false),
                          Json::parse(run.standardOutput.toStdString(), nullptr, false));
        }
        const CliRun list
            = runCli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history"), historyPath });
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.standardOutput.contains("4 attempt(s)") && list.standardOutput.contains("3 chunk(s)"),
                 list.standardOutput.constData());
        const CliRun show = runCli({ QStringLiteral("history"), QStringLiteral("show"), QString::number(id),
                                     QStringLiteral("--history"), historyPath });
        QCOMPARE(show.exitCode, 0);
        const Json shown = Json::parse(show.standardOutput.toStdString(), nullptr, false);
        QCOMPARE(shown["chunks"]["chunks"].size(), std::size_t(3));
        QCOMPARE_JSON(shown["chunks"]["chunks"][1]["attempts"], Json::array({ 2, 3 }));
        QCOMPARE_JSON(shown["chunks"]["chunks"][1]["status"], Json("valid"));
        QCOMPARE_JSON(shown["attempt_list"][3]["chunk"]["index"], Json(2));
        QCOMPARE_JSON(shown["settings"]["chunking"]["max_chars"], Json(200));
    }

    void chunkedPasses_secondPassAddsTheMissedItemOnce()
    {
        QVERIFY(serve(Json::array({ reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"),
                                    reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"),
                                    reply("{'people': []}"), // pass 1 misses Grace Hopper
                                    reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"),
                                    reply("{'people': [{'name': 'Charles Babbage', 'age': 80}, "
                                          "{'name': 'Ada Lovelace', 'age': 36}]}"),
                                    reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}") })));
        const QString tracePath = m_dir.filePath(QStringLiteral("passes-trace.jsonl"));
        const CliRun run = runCli(
            chunkedArgs({ QStringLiteral("--passes"), QStringLiteral("2"), QStringLiteral("--trace"), tracePath }));
        QCOMPARE(run.exitCode, 0);
        const QByteArray err = run.standardError;
        QVERIFY2(err.contains("pass 1/2") && err.contains("pass 2/2"), err.constData());
        // Babbage's age from pass 2 neither overrides pass 1 nor makes a conflict: pass 2 adds only.
        QVERIFY2(!err.contains("conflict"), err.constData());
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false),
                      Json::parse(q("{'people': [{'name': 'Ada Lovelace', 'age': 36}, {'name': 'Charles Babbage', "
                                    "'age': 79}, {'name': 'Grace Hopper', 'age': 85}]}")
                                      .toStdString()));
        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 6);
        QCOMPARE_JSON(trace.at(5)["chunk"]["pass"], Json(2));
        QCOMPARE_JSON(trace.at(5)["chunk"]["index"], Json(2));
    }

    void chunkedPasses_zero_isAUsageError()
    {
        m_host = QStringLiteral("http://127.0.0.1:1");
        const CliRun run = runCli(chunkedArgs({ QStringLiteral("--passes"), QStringLiteral("0") }));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("--passes needs a whole number of at least 1."),
                 run.standardError.constData());
    }

    void chunkedChecks_groundedInTheChunkAndReasked()
    {
        // Grace Hopper stands in the document, but not in chunk 2: its grounding check fails there.
        QVERIFY(serve(Json::array({ reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"),
                                    reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"),
                                    reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"),
                                    reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}") })));
        QFile checks(m_dir.filePath(QStringLiteral("people.checks.json")));
        QVERIFY(checks.open(QIODevice::WriteOnly | QIODevice::Truncate));
        checks.write(q("{'formworkChecks': 1, 'checks': [{'name': 'name-in-text', 'kind': 'grounding', "
                       "'path': '/people/*/name', 'match': 'exact', 'severity': 'hard'}]}"));
        checks.close();
        const QString tracePath = m_dir.filePath(QStringLiteral("checks-trace.jsonl"));
        const CliRun run = runCli(
            chunkedArgs({ QStringLiteral("--checks"), checks.fileName(), QStringLiteral("--trace"), tracePath }));
        QVERIFY2(run.exitCode == 0, run.standardError.constData());
        QVERIFY2(run.standardError.contains("name-in-text") || run.standardError.contains("/people/0/name"),
                 run.standardError.constData());
        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 4);
        QCOMPARE_JSON(trace.at(1)["chunk"]["index"], Json(1));
        QCOMPARE_JSON(trace.at(1)["errors"][0]["check"], Json("name-in-text"));
        QCOMPARE_JSON(trace.at(2)["chunk"]["index"], Json(1)); // the reask of chunk 2
        QCOMPARE_JSON(trace.at(3)["errors"], Json::array()); // Grace in chunk 3's text: passes
        QCOMPARE_JSON(Json::parse(run.standardOutput.toStdString(), nullptr, false)["people"].size(), 3u);
    }

    void pdfInput_groundingSaysThePage()
    {
        QVERIFY(serve(Json::array({ reply("{'name': 'Ada Lovelace', 'age': 36}") })));
        const QString groundingPath = m_dir.filePath(QStringLiteral("pdf-grounding.json"));
        QStringList list = args({ QStringLiteral("--json-grounding"), groundingPath });
        list[5] = QStringLiteral("--input");
        list[6] = Formwork::Test::testDataPath(QStringLiteral("documents/two-pages.pdf"));
        const CliRun run = runCli(list);
        if (run.standardError.contains("no PDF support"))
            QSKIP("built without Poppler");
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.standardError.contains("Error:"), run.standardError.constData()); // no Poppler noise
        QFile file(groundingPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json grounding = Json::parse(file.readAll().toStdString(), nullptr, false)["grounding"];
        QCOMPARE_JSON(grounding["/name"]["kind"], Json("exact"));
        QCOMPARE_JSON(grounding["/name"]["pages"], Json::parse("[2]"));
        QCOMPARE_JSON(grounding["/age"]["kind"], Json("absent"));
        QCOMPARE_JSON(grounding["/age"]["pages"], Json::array());
        // The model saw the PDF's text, not its bytes.
        QVERIFY(!run.standardError.contains("%PDF"));
    }

    void brokenPdfInput_exitsTwoNamingTheFile()
    {
        m_host = QStringLiteral("http://127.0.0.1:1");
        QStringList list = args({});
        list[5] = QStringLiteral("--input");
        list[6] = Formwork::Test::testDataPath(QStringLiteral("documents/broken.pdf"));
        const CliRun run = runCli(list);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("broken.pdf"), run.standardError.constData());
        QVERIFY(run.standardOutput.isEmpty());
    }

    void noGround_traceHasNoGrounding()
    {
        QVERIFY(serve(Json::array({ reply(validPerson) })));
        const QString tracePath = m_dir.filePath(QStringLiteral("plain-trace.jsonl"));
        const CliRun run = runCli(args({ QStringLiteral("--trace"), tracePath }));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.standardError.contains("grounding"));
        QVERIFY(!readJsonLines(tracePath).at(0).contains("grounding"));
    }

    // Against llama-server (as the fake answers): json mode is valid first time (the schema goes
    // inside json_object), another model name runs with the server's model and says so, and the
    // trace keeps the model that answered (issue 11).
    void llamaServerJsonMode_validWithServersModel()
    {
        QVERIFY(serveScript(Json::parse(
            Formwork::Test::readTestData(QStringLiteral("llm/cli-llama-server-probe.json")).toStdString())));
        const QString trace = m_dir.filePath(QStringLiteral("llama.jsonl"));
        const CliRun run = runCli(args({ QStringLiteral("--api"), QStringLiteral("openai"), QStringLiteral("--mode"),
                                         QStringLiteral("json"), QStringLiteral("--trace"), trace }));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("llama.cpp's llama-server"), run.standardError.constData());
        QVERIFY(
            run.standardError.contains("serves only the model /models/tiny.gguf: the run uses it, not llama3.1:8b."));
        QVERIFY(!run.standardError.contains("Ollama"));
        const QList<Json> lines = readJsonLines(trace);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first()["model"].get<std::string>(), std::string("/models/tiny.gguf"));
        QCOMPARE(lines.first()["request"]["response_format"]["schema"]["title"].get<std::string>(),
                 std::string("Person"));
    }

    void ollamaApiOnLlamaServer_exitsThreeWithHint()
    {
        QVERIFY(serveScript(Json::parse(
            Formwork::Test::readTestData(QStringLiteral("llm/cli-llama-server-probe.json")).toStdString())));
        const CliRun run = runCli(args({}));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.standardError.contains("does not speak Ollama's native API. Use --api openai."),
                 run.standardError.constData());
    }

    void unreachableServer_messageNamesTheUrl()
    {
        m_host = QStringLiteral("http://127.0.0.1:1");
        const CliRun run = runCli(args({}));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.standardError.contains("The server at http://127.0.0.1:1 cannot be reached."),
                 run.standardError.constData());
        QVERIFY(!run.standardError.contains(".;"));
    }

    void badSchemaFile_exitsTwoNamingLineAndColumn()
    {
        m_host = QStringLiteral("http://127.0.0.1:1");
        QStringList list = args({});
        list[4] = Formwork::Test::testDataPath(QStringLiteral("extraction/broken.schema.json"));
        const CliRun run = runCli(list);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("broken.schema.json:4:3:"), run.standardError.constData());
    }

    void missingPrompt_exitsTwo()
    {
        const CliRun run = runCli({ QStringLiteral("extract"), QStringLiteral("--model"), QStringLiteral("m"),
                                    QStringLiteral("--schema"), QStringLiteral("x.json") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardOutput.isEmpty());
    }

    // Every run goes into the history (one transaction per attempt); --no-history keeps it out; the
    // default file is under XDG_DATA_HOME (the test's own folder, see cliDataHome()).
    void run_storedInTheHistoryUnlessNoHistory()
    {
        QVERIFY(serve(Json::array({ reply(negativeAge), reply(validPerson) })));
        const QString historyPath = m_dir.filePath(QStringLiteral("extract-history.sqlite"));
        const CliRun run = runCli(args({ QStringLiteral("--history"), historyPath }));
        QCOMPARE(run.exitCode, 0);
        {
            Formwork::HistoryDatabase history;
            QCOMPARE(history.open(historyPath), QString());
            const QList<Formwork::StoredRun> runs = history.listRuns();
            QCOMPARE(runs.size(), 1);
            const auto stored = history.run(runs.constFirst().id);
            QCOMPARE(stored->status, QStringLiteral("valid"));
            QCOMPARE(stored->batchId, 0);
            QCOMPARE(stored->attempts.size(), 2);
            QCOMPARE(stored->attempts.at(0).outcome, QStringLiteral("schema-invalid"));
            QVERIFY(stored->inputJson.contains(QStringLiteral("Ada Lovelace is 36.")));
        }
        cleanup();

        QVERIFY(serve(Json::array({ reply(validPerson) })));
        const QString unused = m_dir.filePath(QStringLiteral("never.sqlite"));
        const CliRun off = runCli(args({ QStringLiteral("--history"), unused, QStringLiteral("--no-history") }));
        QCOMPARE(off.exitCode, 0);
        QVERIFY(!QFile::exists(unused));
        cleanup();

        QVERIFY(serve(Json::array({ reply(validPerson) })));
        const QString defaultPath
            = Formwork::Test::cliDataHome() + QStringLiteral("/formwork/history.sqlite"); // shared with the window
        qsizetype before = 0;
        if (QFile::exists(defaultPath)) {
            Formwork::HistoryDatabase history;
            QCOMPARE(history.open(defaultPath), QString());
            before = history.listRuns().size();
        }
        QCOMPARE(runCli(args({})).exitCode, 0);
        Formwork::HistoryDatabase history;
        QCOMPARE(history.open(defaultPath), QString());
        QCOMPARE(history.listRuns().size(), before + 1);
    }

    // The window and formwork-cli share one history file (issue 12): a CLI run with --history
    // while the window's HistoryDatabase holds the file open, and while the window is in the
    // middle of a write transaction, waits for it (busy timeout) and stores its run; both sides'
    // runs are there afterwards and the window writes on.
    void historyOpenInTheWindow_cliWaitsAndBothRunsAreKept()
    {
        QVERIFY(serve(Json::array({ reply(validPerson) })));
        const QString path = m_dir.filePath(QStringLiteral("shared/history.sqlite"));
        Formwork::HistoryDatabase window;
        QCOMPARE(window.open(path), QString());
        Formwork::RunStart start;
        start.model = QStringLiteral("window-model");
        const qint64 windowRun = window.beginRun(start); // a run under way in the window
        QVERIFY(windowRun > 0);

        // A second connection of this process holds the write lock while the CLI starts.
        const QString lockName = QStringLiteral("lock");
        {
            QSqlDatabase lock = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), lockName);
            lock.setDatabaseName(path);
            QVERIFY(lock.open());
            QSqlQuery q(lock);
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO runs(created_at, model, status) VALUES('2026-01-01', "
                                          "'locker', 'valid')")));
        }
        QProcess cli;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), Formwork::Test::cliDataHome());
        cli.setProcessEnvironment(environment);
        QSignalSpy finished(&cli, &QProcess::finished);
        bool released = false;
        QTimer::singleShot(1500, this, [&released, &lockName] {
            QSqlQuery q(QSqlDatabase::database(lockName, false));
            released = q.exec(QStringLiteral("COMMIT"));
        });
        cli.start(QStringLiteral(FORMWORK_CLI_PATH), args({ QStringLiteral("--history"), path }));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(released);
        QSqlDatabase::removeDatabase(lockName);
        const QByteArray err = cli.readAllStandardError();
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(!err.contains("history"), err.constData()); // no write warning

        Formwork::RunResult result;
        result.success = true;
        QVERIFY(window.finishRun(windowRun, QStringLiteral("valid"), result)); // the window writes on
        QStringList models;
        for (const Formwork::StoredRun &run : window.listRuns())
            models.append(run.model);
        models.sort();
        QCOMPARE(
            models,
            QStringList({ QStringLiteral("llama3.1:8b"), QStringLiteral("locker"), QStringLiteral("window-model") }));
        Formwork::HistoryDatabase fresh;
        QCOMPARE(fresh.open(path), QString());
        QCOMPARE(fresh.listRuns().size(), 3);
        QCOMPARE(fresh.run(windowRun)->status, QStringLiteral("valid"));
    }
};

QTEST_GUILESS_MAIN(TestExtract)
#include "tst_extract.moc"
