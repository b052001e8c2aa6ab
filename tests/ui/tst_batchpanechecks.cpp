// SPDX-License-Identifier: GPL-3.0-or-later
// The Batch pane's count of rows per failed check (issue 14), and what the model-judged rules cost
// per row and in all, against an in-process FakeOllama.
#include "batch/batchpane.h"
#include "batch/batchresultsmodel.h"
#include "batchscript.h"
#include "checks/checksattemptchecker.h"
#include "fakeollama.h"
#include "invoicetestsupport.h"
#include "llm/llmbackend.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <QFile>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Json = nlohmann::ordered_json;

namespace {

CheckDefinition expression(const char *name, const char *code, CheckSeverity severity)
{
    CheckDefinition check;
    check.name = QString::fromLatin1(name);
    check.kind = CheckKind::Expression;
    check.path = QStringLiteral("/age");
    check.expression = QString::fromLatin1(code);
    check.message = QStringLiteral("message of ") + check.name;
    check.severity = severity;
    return check;
}

// The pane's configuration: the BatchScript schema at `url`, with `checks`.
BatchPane::ConfigProvider scriptConfig(const QUrl &url, const CheckList &checks)
{
    return [url, checks]() -> Result<BatchConfig, QString> {
        BatchConfig c;
        c.endpoints = { BatchEndpoint { url, 1 } };
        c.model = QStringLiteral("llama3.1:8b");
        c.schema = std::move(Schema::compile(Json::parse(BatchScript::schema().toStdString()))).value();
        c.prompt.userPrompt = QStringLiteral("item: {{item}}");
        c.backoffBaseMs = 1;
        c.checker = std::make_shared<ChecksAttemptChecker>(checks, nullptr);
        return c;
    };
}

} // namespace

class TestBatchPaneChecks final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Runs `rows` BatchScript rows (<name>.csv, history <name>.sqlite) in `pane`, its grid under a
    // model tester, to the end; nullopt when it did not end.
    std::optional<BatchSummary> runRows(BatchPane &pane, const QString &name, int rows)
    {
        pane.setHistoryPath(m_dir.filePath(name + QStringLiteral(".sqlite")));
        const QString input = m_dir.filePath(name + QStringLiteral(".csv"));
        QFile file(input);
        if (!file.open(QIODevice::WriteOnly) || file.write(BatchScript::csv(rows)) < 0)
            return std::nullopt;
        file.close();
        pane.setInputPath(input);
        QAbstractItemModelTester tester(pane.resultsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("batchRunButton")), Qt::LeftButton);
        if (finished.count() != 1 && !finished.wait(30000))
            return std::nullopt;
        return finished.first().first().value<BatchSummary>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_batchpanechecks"));
    }

    void batch_showsRowsPerFailedCheck_hardAndSoftApart()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        const CheckList checks { expression("odd-age", "age % 2 == 1 || age < 0", CheckSeverity::Soft),
                                 expression("under-nine", "age < 9", CheckSeverity::Hard) };
        BatchPane pane;
        pane.setConfigProvider(scriptConfig(server.baseUrl(), checks));
        pane.setHistoryPath(m_dir.filePath(QStringLiteral("h.sqlite")));
        const QString rows = m_dir.filePath(QStringLiteral("rows.csv"));
        {
            QFile file(rows);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(BatchScript::csv(10));
        }
        pane.setInputPath(rows);
        auto *label = pane.findChild<QLabel *>(QStringLiteral("batchCheckFailuresLabel"));
        QVERIFY(label);
        QVERIFY(label->isHidden()); // nothing failed yet
        QVERIFY(!label->toolTip().isEmpty());
        QSignalSpy finished(&pane, &BatchPane::batchFinished);
        QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("batchRunButton")), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        // Rows 9 and 10 fail the hard check on every attempt; the even ages 2..10 fail the soft one
        // (row 7 never has a valid age and is the schema's failure, not a check's).
        const auto summary = finished.first().first().value<BatchSummary>();
        QCOMPARE(summary.progress.failed, 3);
        const QString text = label->text();
        QVERIFY2(!label->isHidden(), qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("checks failed: ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("odd-age (expression) 5 soft")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("under-nine (expression) 2 row(s)")), qPrintable(text));
        QCOMPARE(text, checkFailureCountsText(summary.checkFailures));
    }

    // The grid's Errors column shows the soft checks that failed apart from the errors that decided
    // the row, and its tooltip names every failed check with its severity, path and message.
    // A model-judged rule: each row's Attempts tooltip gives its judges' tokens and requests apart
    // from the extraction's, and the progress line sums them.
    void judgedRule_attemptsTooltipAndProgressLine_showJudgesApart()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.addModel(QStringLiteral("judge:1b"));
        server.setChatResponder([](const Test::RecordedRequest &request) -> std::optional<Test::FakeReply> {
            if (request.json.value("model", std::string()) != "judge:1b")
                return BatchScript::responder()(request);
            Test::FakeReply verdict
                = Test::FakeReply::text({ QStringLiteral("{\"valid\": true, \"reason\": \"ok\"}") });
            verdict.promptTokens = 100;
            verdict.evalTokens = 5;
            return verdict;
        });
        QNetworkAccessManager network;
        BackendConfig judgeServer;
        judgeServer.baseUrl = server.baseUrl();
        std::unique_ptr<LlmBackend> judge(LlmBackend::create(BackendApi::Ollama, &network, judgeServer));
        const CheckDefinition rule
            = Test::ruleCheck(QStringLiteral("plausible"), QStringLiteral("/age"),
                              QStringLiteral("the age is a plausible age"), QStringLiteral("judge:1b"));
        const auto base = scriptConfig(server.baseUrl(), {});
        BatchPane pane;
        pane.setConfigProvider([base, rule, backend = judge.get()]() -> Result<BatchConfig, QString> {
            auto config = base();
            if (config)
                config->checker = std::make_shared<ChecksAttemptChecker>(CheckList { rule }, backend);
            return config;
        });
        // Row 3 is valid after a reask: judged once, on its valid reply.
        const std::optional<BatchSummary> summary = runRows(pane, QStringLiteral("judged"), 4);
        QVERIFY(summary);
        BatchResultsModel *model = pane.resultsModel();
        QCOMPARE(summary->progress.judges.requests, 4);
        QCOMPARE(summary->progress.judges.promptTokens, 400);
        QCOMPARE(summary->progress.judges.completionTokens, 20);
        QCOMPARE(summary->progress.tokens, 5 * (26 + 12)); // the extraction's: row 3 asked twice
        auto *label = pane.findChild<QLabel *>(QStringLiteral("batchProgressLabel"));
        QVERIFY(label);
        QVERIFY2(label->text().contains(QStringLiteral(", model-judged rules: 420 tokens in 4 request(s)")),
                 qPrintable(label->text()));
        for (int row = 0; row < 4; ++row) {
            const BatchRowResult &result = model->rowResult(row);
            QCOMPARE(result.judges.requests, 1);
            QCOMPARE(result.judges.tokens(), 105);
            const QString tip = model->index(row, BatchResultsModel::AttemptsColumn).data(Qt::ToolTipRole).toString();
            const qint64 extraction = result.attempts * (26 + 12);
            QVERIFY2(tip.startsWith(QStringLiteral("Extraction: %1 tokens (%2 prompt, %3 completion), ")
                                        .arg(extraction)
                                        .arg(result.attempts * 26)
                                        .arg(result.attempts * 12)),
                     qPrintable(tip));
            QVERIFY2(tip.contains(QStringLiteral("\nModel-judged rules: 1 request(s), 105 tokens (100 prompt, 5 "
                                                 "completion), %1 s")
                                      .arg(double(result.judges.wallMs) / 1000.0, 0, 'f', 1)),
                     qPrintable(tip));
        }
    }

    void grid_errorsColumn_softCheckFailuresApart_tooltipNamesThem()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setChatResponder(BatchScript::responder());
        BatchPane pane;
        pane.setConfigProvider(scriptConfig(server.baseUrl(),
                                            { expression("odd-age", "age % 2 == 1 || age < 0", CheckSeverity::Soft),
                                              expression("under-nine", "age < 9", CheckSeverity::Hard) }));
        QVERIFY(runRows(pane, QStringLiteral("grid"), 10));
        BatchResultsModel *model = pane.resultsModel();

        const int errors = model->columnCount() - 1;
        QCOMPARE(model->headerData(errors, Qt::Horizontal).toString(), QStringLiteral("Errors"));
        const auto display = [model, errors](int row) { return model->index(row, errors).data().toString(); };
        const auto tip
            = [model, errors](int row) { return model->index(row, errors).data(Qt::ToolTipRole).toString(); };
        const QString soft = QStringLiteral("odd-age (expression, soft, not reasked) at /age: message of odd-age");
        const QString hard = QStringLiteral("under-nine (expression, hard) at /age: message of under-nine");

        // Row 1: valid, nothing failed.
        QCOMPARE(display(0), QString());
        QVERIFY(!model->index(0, errors).data(Qt::ToolTipRole).isValid());
        // Row 2: valid, but the soft check failed.
        QCOMPARE(model->rowResult(1).status, BatchRowStatus::Valid);
        QCOMPARE(display(1), QStringLiteral("1 soft check(s) failed"));
        QVERIFY2(tip(1).contains(soft), qPrintable(tip(1)));
        QVERIFY2(!tip(1).contains(QStringLiteral("under-nine")), qPrintable(tip(1)));
        // Row 9: failed the hard check only.
        QCOMPARE(model->rowResult(8).status, BatchRowStatus::Invalid);
        QVERIFY2(display(8).contains(QStringLiteral("message of under-nine")), qPrintable(display(8)));
        QVERIFY2(!display(8).contains(QStringLiteral("soft")), qPrintable(display(8)));
        QVERIFY2(tip(8).contains(hard), qPrintable(tip(8)));
        // Row 10: the hard errors, then the soft one apart; the tooltip names both checks.
        QCOMPARE(model->rowResult(9).status, BatchRowStatus::Invalid);
        QVERIFY2(display(9).contains(QStringLiteral("message of under-nine")), qPrintable(display(9)));
        QVERIFY2(display(9).endsWith(QStringLiteral(" (+1 soft)")), qPrintable(display(9)));
        QVERIFY2(!display(9).contains(QStringLiteral("message of odd-age")), qPrintable(display(9)));
        QVERIFY2(tip(9).contains(hard) && tip(9).contains(soft), qPrintable(tip(9)));
        QVERIFY2(tip(9).startsWith(model->rowResult(9).lastErrors.join(u'\n')), qPrintable(tip(9)));
    }
};

QTEST_MAIN(TestBatchPaneChecks)
#include "tst_batchpanechecks.moc"
