// SPDX-License-Identifier: GPL-3.0-or-later
// formwork-cli extract against the fake-ollama executable.
#include "clirunner.h"
#include "jsoncompare.h"
#include "testdata.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using Formwork::Test::CliRun;
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
    std::unique_ptr<QProcess> m_server;
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
        const QString path = m_dir.filePath(QStringLiteral("script.json"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        file.write(QByteArray::fromStdString(script.dump()));
        file.close();
        m_server = std::make_unique<QProcess>();
        m_server->start(QStringLiteral(FAKE_OLLAMA_PATH), { path, QStringLiteral("60000") });
        if (!m_server->waitForStarted(10000))
            return false;
        while (!m_server->canReadLine()) {
            if (!m_server->waitForReadyRead(10000))
                return false;
        }
        const QByteArray port = m_server->readLine().trimmed();
        m_host = QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(port));
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

    static QList<Json> readTrace(const QString &path)
    {
        QList<Json> lines;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return lines;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (!line.isEmpty())
                lines.append(Json::parse(line.toStdString(), nullptr, false));
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("FORMWORK_BACKOFF_BASE_MS", "5");
        qunsetenv("OLLAMA_HOST");
    }

    void cleanup()
    {
        if (m_server) {
            m_server->kill();
            m_server->waitForFinished();
            m_server.reset();
        }
    }

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
        const QList<Json> trace = readTrace(tracePath);
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
        QFile raw(tracePath);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains("Bearer"));
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
        const QList<Json> trace = readTrace(tracePath);
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
        QVERIFY(readTrace(tracePath).isEmpty()); // nothing was sent
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
        const QList<Json> lines = readTrace(trace);
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
};

QTEST_GUILESS_MAIN(TestExtract)
#include "tst_extract.moc"
