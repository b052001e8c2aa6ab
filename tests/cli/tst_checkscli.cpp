// SPDX-License-Identifier: GPL-3.0-or-later
// formwork-cli extract/validate with --checks and --workspace, against the fake-ollama executable.
#include "clirunner.h"
#include "fakeollamaprocess.h"
#include "invoicetestsupport.h"
#include "testdata.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using Formwork::Test::checksDataPath;
using Formwork::Test::CliRun;
using Formwork::Test::FakeOllamaProcess;
using Formwork::Test::invoiceRowsJsonl;
using Formwork::Test::readJsonLines;
using Formwork::Test::runCli;
using Formwork::Test::testDataPath;
using Json = nlohmann::ordered_json;

class TestChecksCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeOllamaProcess> m_server;
    QString m_host;

    bool serve(const QString &scriptPath)
    {
        m_server = std::make_unique<FakeOllamaProcess>(QStringLiteral(FAKE_OLLAMA_PATH));
        if (!m_server->start(scriptPath))
            return false;
        m_host = m_server->host();
        return true;
    }

    QStringList extractArgs(const QStringList &extra) const
    {
        return QStringList { QStringLiteral("extract"),
                             QStringLiteral("--model"),
                             QStringLiteral("llama3.1:8b"),
                             QStringLiteral("--schema"),
                             checksDataPath("invoice.schema.json"),
                             QStringLiteral("--input"),
                             checksDataPath("invoice.txt"),
                             QStringLiteral("--host"),
                             m_host }
        + extra;
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        return Formwork::Test::writeTestFile(m_dir.filePath(name), bytes);
    }

private Q_SLOTS:
    void initTestCase()
    {
        Formwork::Test::setUpCliTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void cleanup() { m_server.reset(); }

    void extract_sumCheckFailsOnce_reaskFixesIt()
    {
        QVERIFY(serve(checksDataPath("invoice-sum.script.json")));
        const QString tracePath = m_dir.filePath(QStringLiteral("trace.jsonl"));
        const CliRun run = runCli(extractArgs({ QStringLiteral("--checks"), checksDataPath("invoice.checks.json"),
                                                QStringLiteral("--trace"), tracePath }));
        QCOMPARE(run.exitCode, 0);
        const QString err = QString::fromUtf8(run.standardError);
        QVERIFY2(err.contains(QStringLiteral("/total: total must equal the sum of the line items' totals plus tax")),
                 run.standardError.constData());
        QCOMPARE(Json::parse(run.standardOutput.toStdString())["total"].get<double>(), 360.57);

        const QList<Json> trace = readJsonLines(tracePath);
        QCOMPARE(trace.size(), 2);
        const Json &failed = trace.at(0)["errors"];
        QCOMPARE(failed.size(), 1u);
        QCOMPARE(failed[0]["kind"].get<std::string>(), std::string("expression"));
        QCOMPARE(failed[0]["check"].get<std::string>(), std::string("total-adds-up"));
        // The reask (the second request's last message) quotes the check's message.
        const std::string reask = trace.at(1)["request"]["messages"].back()["content"].get<std::string>();
        QVERIFY(reask.find("/total: total must equal the sum") != std::string::npos);
    }

    void extract_checksFromWorkspace_areUsed()
    {
        QVERIFY(serve(checksDataPath("invoice-sum.script.json")));
        QFile example(QStringLiteral(FORMWORK_EXAMPLES_DIR "/invoice.formwork.json"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        Json workspace = Json::parse(example.readAll().toStdString());
        QFile checks(checksDataPath("invoice.checks.json"));
        QVERIFY(checks.open(QIODevice::ReadOnly));
        workspace["checks"] = Json::parse(checks.readAll().toStdString())["checks"];
        const QString path
            = writeFile(QStringLiteral("invoice.formwork.json"), QByteArray::fromStdString(workspace.dump()));
        const CliRun run = runCli(extractArgs({ QStringLiteral("--workspace"), path }));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.standardError.contains("attempt 1 failed"));
        QVERIFY(run.standardError.contains("total-adds-up") || run.standardError.contains("/total: total must"));
    }

    void extract_brokenCheck_exitsTwoNamingIt()
    {
        QVERIFY(serve(checksDataPath("invoice-sum.script.json")));
        const QString path = writeFile(
            QStringLiteral("broken.checks.json"),
            "{\"formworkChecks\": 1, \"checks\": [{\"name\": \"loops\", \"kind\": \"expression\", \"timeoutMs\": 50,"
            " \"expression\": \"(() => { for (;;) {} })()\", \"message\": \"m\"}]}");
        const CliRun run = runCli(extractArgs({ QStringLiteral("--checks"), path }));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("The expression check \"loops\" did not finish within 50 ms."),
                 run.standardError.constData());
        QVERIFY(run.standardOutput.isEmpty());
    }

    void extract_unreadableChecksFile_exitsTwo()
    {
        const CliRun run
            = runCli(extractArgs({ QStringLiteral("--checks"), m_dir.filePath(QStringLiteral("none.json")) }));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("none.json"));
    }

    void validate_runsExpressionAndGroundingChecks()
    {
        QFile answer(testDataPath(QStringLiteral("examples/invoice.answer.json")));
        QVERIFY(answer.open(QIODevice::ReadOnly));
        Json invoice = Json::parse(answer.readAll().toStdString());
        invoice["total"] = 350.57;
        invoice["buyer"] = "Kaffeeroesterei Brandt";
        const QString path = writeFile(QStringLiteral("bad.json"), QByteArray::fromStdString(invoice.dump(2)));
        const CliRun run
            = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"), checksDataPath("invoice.schema.json"),
                       QStringLiteral("--checks"), checksDataPath("invoice.checks.json"), QStringLiteral("--source"),
                       checksDataPath("invoice.txt"), path });
        QCOMPARE(run.exitCode, 1);
        const Json line = Json::parse(run.standardOutput.toStdString());
        QCOMPARE(line["valid"].get<bool>(), false);
        QCOMPARE(line["errors"].size(), 2u);
        const QByteArray text = QByteArray::fromStdString(invoice.dump(2));
        for (const Json &error : line["errors"]) {
            const auto begin = error["range"][0].get<qsizetype>();
            const auto end = error["range"][1].get<qsizetype>();
            const QByteArray cut = text.mid(begin, end - begin);
            if (error["kind"] == "expression")
                QCOMPARE(cut, QByteArray("350.57"));
            else
                QCOMPARE(cut, QByteArray("\"Kaffeeroesterei Brandt\""));
        }
    }

    void draftSchema_invalidDraftReasked_validSchemaOnStdout()
    {
        QVERIFY(serve(checksDataPath("draft-schema.script.json")));
        const CliRun run = runCli({ QStringLiteral("draft-schema"), QStringLiteral("--model"),
                                    QStringLiteral("qwen3:8b"), QStringLiteral("--describe"),
                                    QStringLiteral("invoices: number and total"), QStringLiteral("--host"), m_host });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("draft 1 is not a valid schema:"), run.standardError.constData());
        QVERIFY(run.standardError.contains("/required"));
        const Json schema = Json::parse(run.standardOutput.toStdString());
        QVERIFY(schema["properties"].contains("total"));
    }

    void batch_rowFailingASumCheck_isReaskedAndValid()
    {
        QVERIFY(serve(checksDataPath("invoice-sum.script.json")));
        const QString rows = writeFile(QStringLiteral("rows.jsonl"), invoiceRowsJsonl({ QStringLiteral("a") }));
        const QString out = m_dir.filePath(QStringLiteral("out.jsonl"));
        const CliRun run
            = runCli({ QStringLiteral("batch"), QStringLiteral("--schema"), checksDataPath("invoice.schema.json"),
                       QStringLiteral("--model"), QStringLiteral("qwen3:8b"), QStringLiteral("--input"), rows,
                       QStringLiteral("--out"), out, QStringLiteral("--host"), m_host, QStringLiteral("--history"),
                       m_dir.filePath(QStringLiteral("history.sqlite")), QStringLiteral("--checks"),
                       checksDataPath("invoice.checks.json") });
        QVERIFY2(run.exitCode == 0, run.standardError.constData());
        const QList<Json> results = readJsonLines(out);
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().dump().find("360.57") != std::string::npos, results.first().dump().c_str());
        QCOMPARE(m_server->state(), QProcess::Running);
    }

    void batch_countsRowsPerFailedCheck_andHistoryShowsTheKind()
    {
        QVERIFY(serve(checksDataPath("invoice-sum.script.json")));
        const QString rows = writeFile(QStringLiteral("rows1.jsonl"), invoiceRowsJsonl({ QStringLiteral("a") }));
        const QString history = m_dir.filePath(QStringLiteral("counts.sqlite"));
        const CliRun run
            = runCli({ QStringLiteral("batch"), QStringLiteral("--schema"), checksDataPath("invoice.schema.json"),
                       QStringLiteral("--model"), QStringLiteral("qwen3:8b"), QStringLiteral("--input"), rows,
                       QStringLiteral("--out"), m_dir.filePath(QStringLiteral("out1.jsonl")), QStringLiteral("--host"),
                       m_host, QStringLiteral("--history"), history, QStringLiteral("--checks"),
                       checksDataPath("invoice.checks.json"), QStringLiteral("--attempts"), QStringLiteral("1") });
        QVERIFY2(run.exitCode == 1, run.standardError.constData()); // the row failed
        QVERIFY2(run.standardError.contains("batch: checks failed: total-adds-up (expression) 1 row(s)\n"),
                 run.standardError.constData());

        const CliRun show = runCli({ QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("1"),
                                     QStringLiteral("--history"), history });
        QCOMPARE(show.exitCode, 0);
        const Json stored = Json::parse(show.standardOutput.toStdString());
        const Json &errors = stored["attempt_list"][0]["errors"];
        QCOMPARE(errors.size(), 1u);
        QCOMPARE(errors[0]["kind"].get<std::string>(), std::string("expression"));
        QCOMPARE(errors[0]["check"].get<std::string>(), std::string("total-adds-up"));
        QCOMPARE(errors[0]["soft"].get<bool>(), false);
        QCOMPARE(errors[0]["instancePath"].get<std::string>(), std::string("/total"));
        QCOMPARE(stored["check_failures"][0]["name"].get<std::string>(), std::string("total-adds-up"));
    }

    void batchVariantJson_countsRowsPerFailedCheck()
    {
        QVERIFY(serve(checksDataPath("invoice-sum.script.json")));
        const QString rows = writeFile(QStringLiteral("rows2.jsonl"), invoiceRowsJsonl({ QStringLiteral("a") }));
        const CliRun run
            = runCli({ QStringLiteral("batch"), QStringLiteral("--schema"), checksDataPath("invoice.schema.json"),
                       QStringLiteral("--model"), QStringLiteral("qwen3:8b"), QStringLiteral("--input"), rows,
                       QStringLiteral("--host"), m_host, QStringLiteral("--variant"), QStringLiteral("qwen3:8b"),
                       QStringLiteral("--json"), QStringLiteral("--checks"), checksDataPath("invoice.checks.json"),
                       QStringLiteral("--attempts"), QStringLiteral("1") });
        const Json grid = Json::parse(run.standardOutput.toStdString(), nullptr, false);
        QVERIFY2(grid.is_array() && grid.size() == 1, run.standardError.constData());
        const Json expected = Json::parse(
            "[{\"check\": \"total-adds-up\", \"kind\": \"expression\", \"hard_rows\": 1, \"soft_rows\": 0}]");
        QVERIFY2(grid[0]["check_failures"] == expected, grid.dump().c_str());
    }

    void validate_withoutSource_skipsGroundingAndSaysSo()
    {
        const CliRun run
            = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"), checksDataPath("invoice.schema.json"),
                       QStringLiteral("--checks"), checksDataPath("invoice.checks.json"),
                       testDataPath(QStringLiteral("examples/invoice.answer.json")) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.standardError.contains("grounding check \"seller-in-text\" skipped (no --source)"));
    }
};

QTEST_GUILESS_MAIN(TestChecksCli)
#include "tst_checkscli.moc"
