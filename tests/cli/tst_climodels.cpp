// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using Formwork::Test::runCli;
using Formwork::Test::testDataPath;

// `formwork-cli models` against the fake-ollama executable started with QProcess.
class TestCliModels final : public QObject
{
    Q_OBJECT

private:
    QProcess *m_server = nullptr;

    // Starts fake-ollama with a script under tests/data/llm and returns its address.
    QString startServer(const QString &script)
    {
        m_server = new QProcess(this);
        m_server->start(QStringLiteral(FAKE_OLLAMA_PATH),
                        { testDataPath(QStringLiteral("llm/") + script), QStringLiteral("60000") });
        if (!m_server->waitForStarted(5000))
            return {};
        for (int i = 0; i < 50 && !m_server->canReadLine(); ++i)
            m_server->waitForReadyRead(100);
        const QByteArray port = m_server->readLine().trimmed();
        return QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(port);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        if (m_server) {
            m_server->kill();
            m_server->waitForFinished(5000);
            delete m_server;
            m_server = nullptr;
        }
    }

    void models_table_listsEveryModel()
    {
        const QString host = startServer(QStringLiteral("cli-models.json"));
        QVERIFY(!host.isEmpty());
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host });
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.standardOutput.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("NAME"));
        QVERIFY(lines[0].contains("CAPABILITIES"));
        QVERIFY(lines[1].startsWith("llama3.2:latest"));
        QVERIFY(lines[1].contains("2.0 GB"));
        QVERIFY(lines[1].contains("Q4_K_M"));
        QVERIFY(lines[1].contains("4096")); // the context it is loaded with (/api/ps), not the trained 131072
        QVERIFY(!lines[1].contains("131072"));
        QVERIFY(lines[1].contains("completion,tools"));
        QVERIFY(lines[1].contains("loaded"));
        QVERIFY(lines[2].contains("schema not enforced"));
    }

    void models_json_parseableWithFields()
    {
        const QString host = startServer(QStringLiteral("cli-models.json"));
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.standardOutput, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray models = doc.array();
        QCOMPARE(models.size(), 4);
        const QJsonObject first = models.first().toObject();
        QCOMPARE(first.value(QLatin1String("name")).toString(), QStringLiteral("llama3.2:latest"));
        QCOMPARE(first.value(QLatin1String("context_length")).toInteger(), 4096);
        QCOMPARE(first.value(QLatin1String("trained_context_length")).toInteger(), 131072);
        QCOMPARE(first.value(QLatin1String("parameter_size")).toString(), QStringLiteral("3.2B"));
        QVERIFY(first.value(QLatin1String("loaded")).toBool());
        QVERIFY(!models.at(1).toObject().value(QLatin1String("schema_enforced")).toBool());
        QVERIFY(models.at(3).toObject().value(QLatin1String("embedding_only")).toBool());
    }

    void models_emptyServer_exitZeroWithHint()
    {
        const QString host = startServer(QStringLiteral("cli-empty.json"));
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.standardOutput.isEmpty());
        QVERIFY(run.standardError.contains("ollama pull"));
        const auto json
            = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host, QStringLiteral("--json") });
        QCOMPARE(json.standardOutput.trimmed(), QByteArray("[]"));
    }

    // reference 8: llama-server's /v1/models with "size":"" is tolerated.
    void models_openAiApi_llamaServer()
    {
        const QString host = startServer(QStringLiteral("cli-llama-server.json"));
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--api"), QStringLiteral("openai"),
                                  QStringLiteral("--host"), host });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardOutput.contains("m.gguf"), run.standardOutput.constData());
        QVERIFY(run.standardOutput.contains("131072"));
    }

    // A real llama-server (as the fake answers): the server is named, n_params is not "0.0B",
    // the slot context is shown, the served model is loaded (issue 11).
    void models_llamaServer_serverNamedWithMeta()
    {
        const QString host = startServer(QStringLiteral("cli-llama-server-probe.json"));
        const auto table = runCli({ QStringLiteral("models"), QStringLiteral("--api"), QStringLiteral("openai"),
                                    QStringLiteral("--host"), host });
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.standardError.contains("Server: llama.cpp's llama-server (build b0-unknown), serving "
                                              "/models/tiny.gguf with 1024 tokens of context per slot."),
                 table.standardError.constData());
        const QList<QByteArray> lines = table.standardOutput.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[1].contains("4.2M") && lines[1].contains("1024") && lines[1].contains("loaded"),
                 lines[1].constData());
        QVERIFY(!lines[1].contains("0.0B"));

        const auto json = runCli({ QStringLiteral("models"), QStringLiteral("--api"), QStringLiteral("openai"),
                                   QStringLiteral("--json"), QStringLiteral("--host"), host });
        const QJsonObject model = QJsonDocument::fromJson(json.standardOutput).array().first().toObject();
        QCOMPARE(model.value(QLatin1String("server")).toString(), QStringLiteral("llama-server"));
        QCOMPARE(model.value(QLatin1String("context_length")).toInteger(), 1024);
        QCOMPARE(model.value(QLatin1String("trained_context_length")).toInteger(), 2048);
        QVERIFY(model.value(QLatin1String("loaded")).toBool());
    }

    void models_ollamaApiOnLlamaServer_noSuchEndpointAndHint()
    {
        const QString host = startServer(QStringLiteral("cli-llama-server-probe.json"));
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.standardError.contains(QByteArray("no such endpoint: " + host.toUtf8() + "/api/tags.")),
                 run.standardError.constData());
        QVERIFY(run.standardError.contains("Use --api openai."));
        QVERIFY(!run.standardError.contains("not installed"));
    }

    void models_ollama_serverInJson()
    {
        const QString host = startServer(QStringLiteral("cli-models.json"));
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host, QStringLiteral("--json") });
        const QJsonArray models = QJsonDocument::fromJson(run.standardOutput).array();
        QCOMPARE(models.first().toObject().value(QLatin1String("server")).toString(), QStringLiteral("ollama"));
        QVERIFY2(run.standardError.contains("Server: Ollama"), run.standardError.constData());
    }

    void models_unreachable_exit3WithMessage()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString host = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host });
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.standardOutput.isEmpty());
        const QByteArray expected
            = "no Ollama server at " + host.toUtf8() + ": start it with `ollama serve` or set --host";
        QVERIFY2(run.standardError.contains(expected), run.standardError.constData());
    }

    // reference 7: without --host, OLLAMA_HOST is used (inherited by the child process).
    void models_ollamaHostEnvironment_used()
    {
        const QString host = startServer(QStringLiteral("cli-models.json"));
        const QString port = host.section(u':', -1);
        const QByteArray bindAll = QByteArray("0.0.0.0:") + port.toLatin1(); // maps to loopback
        qputenv("OLLAMA_HOST", bindAll); // Qt 6.8's qputenv takes no QStringBuilder
        const auto run = runCli({ QStringLiteral("models") });
        qunsetenv("OLLAMA_HOST");
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.standardOutput.contains("llama3.2:latest"));
    }

    void models_serverError_exit3WithServerText()
    {
        const QString host = startServer(QStringLiteral("cli-tags-error.json"));
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--host"), host });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.standardError.contains("llama runner process has terminated: boom"),
                 run.standardError.constData());
    }

    void models_badApi_usageError()
    {
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--api"), QStringLiteral("grpc") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("--api"));
    }

    void models_help_listsOptions()
    {
        const auto run = runCli({ QStringLiteral("models"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.standardOutput.contains("--host"));
        QVERIFY(run.standardOutput.contains("--json"));
        QVERIFY(run.standardOutput.contains("--api"));
    }
};

QTEST_GUILESS_MAIN(TestCliModels)
#include "tst_climodels.moc"
