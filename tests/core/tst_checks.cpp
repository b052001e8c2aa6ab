// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checksattemptchecker.h"
#include "checks/checksfile.h"
#include "checks/localchecks.h"
#include "checks/rulejudge.h"
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "invoicetestsupport.h"
#include "jsoncompare.h"
#include "llm/llmbackend.h"
#include "store/workspace.h"
#include "testdata.h"
#include "timebudget.h"
#include "json/jsonparser.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::invoiceAnswer;
using Formwork::Test::invoiceChecks;
using Formwork::Test::invoiceWorkspace;
using Formwork::Test::parseQ;
using Formwork::Test::q;
using Formwork::Test::ruleCheck;
using Json = nlohmann::ordered_json;

namespace {

const QString SumMessage = QStringLiteral("total must equal the sum of the line items' totals plus tax");

// The invoice workspace's run (its prompt holds the invoice text) with `checks`.
ExtractionConfig invoiceRunConfig(const CheckList &checks, LlmBackend *judge = nullptr)
{
    const Workspace workspace = invoiceWorkspace();
    const Json schema = Json::parse(workspace.schemaText.toStdString());
    auto config = buildExtractionConfig(workspace.prompt, QStringLiteral("llama3.1:8b"), *Schema::compile(schema), {});
    config->limits.backoffBaseMs = 5;
    config->random = [] { return 0.5; };
    config->checker = std::make_shared<ChecksAttemptChecker>(checks, judge);
    return *config;
}

CheckDefinition expressionCheck(const QString &name, const QString &expression, int timeoutMs = 250)
{
    CheckDefinition check;
    check.name = name;
    check.kind = CheckKind::Expression;
    check.path = QStringLiteral("/total");
    check.expression = expression;
    check.message = QStringLiteral("message of ") + name;
    check.timeoutMs = timeoutMs;
    return check;
}

CheckDefinition groundingCheck(const QString &path, GroundingMatch match)
{
    CheckDefinition check;
    check.name = QStringLiteral("grounded");
    check.kind = CheckKind::Grounding;
    check.path = path;
    check.match = match;
    return check;
}

CheckReport runLocal(const CheckList &checks, const Json &value, const QString &text = {}, bool schemaValid = true)
{
    LocalChecks local(checks);
    LocalCheckInput input;
    input.value = &value;
    input.sourceText = text;
    input.schemaValid = schemaValid;
    return local.run(input);
}

QString lastUserMessage(const Json &body)
{
    for (auto it = body["messages"].rbegin(); it != body["messages"].rend(); ++it) {
        if ((*it)["role"] == "user")
            return QString::fromStdString((*it)["content"].get<std::string>());
    }
    return {};
}

QString replyWith(const Json &value)
{
    // Prose with non-ASCII text before the JSON: ranges are bytes into the whole reply.
    return QStringLiteral("Hier ist die Rechnung – geprüft:\n") + QString::fromStdString(value.dump(2));
}

} // namespace

class TestChecks final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<FakeOllama> m_fake;
    LlmBackend *m_backend = nullptr;

    RunResult runToEnd(ExtractionRun &run, bool expectSuccess)
    {
        QSignalSpy ok(&run, &ExtractionRun::succeeded);
        QSignalSpy fail(&run, &ExtractionRun::failed);
        run.start();
        QSignalSpy &expected = expectSuccess ? ok : fail;
        [&] { QTRY_COMPARE_WITH_TIMEOUT(expected.count(), 1, 10000); }();
        if (expected.count() != 1)
            return {};
        [&] { QCOMPARE((expectSuccess ? fail : ok).count(), 0); }();
        return expected.first().first().value<RunResult>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Test::registerRunMetaTypes();
        qRegisterMetaType<CheckReport>();
        qRegisterMetaType<RuleVerdict>();
    }

    void init()
    {
        m_fake = std::make_unique<FakeOllama>();
        QVERIFY(m_fake->listen());
        BackendConfig bc;
        bc.baseUrl = m_fake->baseUrl();
        m_backend = LlmBackend::create(BackendApi::Ollama, &m_nam, bc, this);
    }

    void cleanup()
    {
        delete m_backend;
        m_backend = nullptr;
        m_fake.reset();
    }

    // --- the checks file and the workspace ---

    void checksFile_roundTrips()
    {
        const CheckList checks = invoiceChecks();
        QCOMPARE(checks.size(), 6);
        QCOMPARE(checks.at(3).kind, CheckKind::Grounding);
        QCOMPARE(checks.at(5).severity, CheckSeverity::Soft);
        auto again = parseChecksFile(serializeChecksFile(checks), QStringLiteral("x.json"));
        QVERIFY(again);
        QCOMPARE(*again, checks);
    }

    void checksFile_badKind_namesFileLineAndColumn()
    {
        const QByteArray bytes = q("{'formworkChecks': 1, 'checks': [\n  {'name': 'a', 'kind': 'magic'}\n]}").toUtf8();
        auto parsed = parseChecksFile(bytes, QStringLiteral("bad.json"));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error(),
                 QStringLiteral("bad.json:2:25: \"kind\" must be \"expression\", \"grounding\" or \"rule\""));
    }

    void checksFile_expressionWithoutMessage_isRefused()
    {
        const QByteArray bytes
            = q("{'formworkChecks': 1, 'checks': [{'name': 'a', 'kind': 'expression', 'expression': 'true'}]}")
                  .toUtf8();
        auto parsed = parseChecksFile(bytes, QStringLiteral("bad.json"));
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(QStringLiteral("needs a \"message\"")), qPrintable(parsed.error()));
    }

    void workspace_keepsChecksBesideTheSchema()
    {
        Workspace workspace = invoiceWorkspace();
        QVERIFY(workspace.checks.isEmpty());
        workspace.checks = invoiceChecks();
        const QByteArray bytes = serializeWorkspace(workspace);
        QVERIFY(bytes.contains("\"checks\""));
        auto again = parseWorkspace(bytes, QStringLiteral("w.formwork.json"));
        QVERIFY(again);
        QCOMPARE(again->checks, workspace.checks);
    }

    // --- expression checks ---

    void expression_onKnownValues_passesAndFails()
    {
        Json invoice = invoiceAnswer();
        const CheckList checks = invoiceChecks().mid(0, 3);
        QVERIFY(runLocal(checks, invoice).hard.isEmpty());

        invoice["total"] = 350.57;
        const CheckReport report = runLocal(checks, invoice);
        QCOMPARE(report.hard.size(), 1);
        QCOMPARE(report.hard.first().kind, QStringLiteral("expression"));
        QCOMPARE(report.hard.first().keyword, QStringLiteral("total-adds-up"));
        QCOMPARE(report.hard.first().instancePath, QStringLiteral("/total"));
        QCOMPARE(report.hard.first().message, SumMessage);
        QVERIFY(report.configurationError.isEmpty());
    }

    void expression_wholeValueIsDollar_andNonObjectRoots()
    {
        QVERIFY(runLocal({ expressionCheck(QStringLiteral("a"), QStringLiteral("$.total > 300")) }, invoiceAnswer())
                    .hard.isEmpty());
        QVERIFY(runLocal({ expressionCheck(QStringLiteral("b"), QStringLiteral("$.length === 2")) }, parseQ("[1, 2]"))
                    .hard.isEmpty());
        QCOMPARE(runLocal({ expressionCheck(QStringLiteral("c"), QStringLiteral("$ > 3")) }, Json(2)).hard.size(), 1);
    }

    void expression_cannotChangeTheValueTheNextCheckSees()
    {
        const CheckReport report = runLocal(
            { expressionCheck(QStringLiteral("meddler"), QStringLiteral("($.total = 0, lineItems.pop(), true)")),
              expressionCheck(QStringLiteral("after"), QStringLiteral("total === 360.57 && lineItems.length === 3")) },
            invoiceAnswer());
        QVERIFY(report.hard.isEmpty());
    }

    void expression_throwing_isConfigurationErrorNamingTheCheck()
    {
        const CheckReport report = runLocal(
            { expressionCheck(QStringLiteral("broken"), QStringLiteral("nosuchfield.length > 0")) }, invoiceAnswer());
        QVERIFY(report.hard.isEmpty());
        QVERIFY2(report.configurationError.startsWith(
                     QStringLiteral("The expression check \"broken\" threw an exception: ReferenceError")),
                 qPrintable(report.configurationError));
    }

    void expression_throwingOnSchemaInvalidValue_isLeftToTheSchema()
    {
        const CheckReport report
            = runLocal({ expressionCheck(QStringLiteral("broken"), QStringLiteral("nosuchfield.length > 0")) },
                       invoiceAnswer(), {}, false);
        QVERIFY(report.configurationError.isEmpty());
        QVERIFY(report.hard.isEmpty());
    }

    void expression_notBoolean_isConfigurationError()
    {
        const CheckReport report
            = runLocal({ expressionCheck(QStringLiteral("sum"), QStringLiteral("total + 1")) }, invoiceAnswer());
        QCOMPARE(report.configurationError,
                 QStringLiteral("The expression check \"sum\" returned 361.57, not true or false."));
    }

    void expression_syntaxError_isConfigurationError()
    {
        const CheckReport report
            = runLocal({ expressionCheck(QStringLiteral("typo"), QStringLiteral("total ==== 1")) }, invoiceAnswer());
        QVERIFY2(report.configurationError.startsWith(QStringLiteral("The expression check \"typo\" does not compile")),
                 qPrintable(report.configurationError));
    }

    void expression_looping_stopsAtItsTimeLimit()
    {
        LocalChecks local(
            { expressionCheck(QStringLiteral("loop"), QStringLiteral("(() => { while (true) {} })()"), 100),
              expressionCheck(QStringLiteral("after"), QStringLiteral("total > 0")) });
        const Json invoice = invoiceAnswer();
        LocalCheckInput input;
        input.value = &invoice;
        QElapsedTimer clock;
        clock.start();
        const CheckReport report = local.run(input);
        QVERIFY2(clock.elapsed() < Test::timeBudgetMs(2000), qPrintable(QString::number(clock.elapsed())));
        QVERIFY(clock.elapsed() >= 90);
        QCOMPARE(report.configurationError,
                 QStringLiteral("The expression check \"loop\" did not finish within 100 ms."));
        // The engine is usable again afterwards.
        QVERIFY(local.runOne(local.checks().at(1), input).configurationError.isEmpty());
        QVERIFY(local.runOne(local.checks().at(1), input).hard.isEmpty());
    }

    void expression_sandbox_hasNoFileOrNetworkAccess()
    {
        const CheckReport report = runLocal(
            { expressionCheck(QStringLiteral("sandbox"),
                              QStringLiteral("typeof XMLHttpRequest === 'undefined' && typeof Qt === 'undefined' "
                                             "&& typeof require === 'undefined' && typeof console === 'undefined'")) },
            invoiceAnswer());
        QVERIFY(report.configurationError.isEmpty());
        QVERIFY(report.hard.isEmpty());
    }

    // --- grounding checks ---

    void grounding_nonAsciiText_exactAndNormalized()
    {
        const QString text = QStringLiteral("Rechnung an: Kaffeerösterei  Brandt, Lindenallee 3 — Köln");
        const Json value = parseQ("{'buyer': 'KAFFEERÖSTEREI brandt', 'city': 'Köln', 'other': 'Rösterei Schmidt'}");
        QVERIFY(runLocal({ groundingCheck(QStringLiteral("/buyer"), GroundingMatch::Normalized) }, value, text)
                    .hard.isEmpty());
        QCOMPARE(runLocal({ groundingCheck(QStringLiteral("/buyer"), GroundingMatch::Exact) }, value, text).hard.size(),
                 1);
        QVERIFY(
            runLocal({ groundingCheck(QStringLiteral("/city"), GroundingMatch::Exact) }, value, text).hard.isEmpty());
        const CheckReport invented
            = runLocal({ groundingCheck(QStringLiteral("/other"), GroundingMatch::Normalized) }, value, text);
        QCOMPARE(invented.hard.size(), 1);
        QCOMPARE(invented.hard.first().kind, QStringLiteral("grounding"));
        QCOMPARE(invented.hard.first().instancePath, QStringLiteral("/other"));
        QVERIFY(invented.hard.first().message.contains(QStringLiteral("\"Rösterei Schmidt\" does not occur")));
    }

    void grounding_wildcardPath_checksEveryElement()
    {
        const QString text = invoiceWorkspace().prompt.variables.first().value;
        Json invoice = invoiceAnswer();
        invoice["lineItems"][1]["description"] = "Roll-up banner in gold";
        const CheckReport report = runLocal(
            { groundingCheck(QStringLiteral("/lineItems/*/description"), GroundingMatch::Normalized) }, invoice, text);
        QCOMPARE(report.hard.size(), 1);
        QCOMPARE(report.hard.first().instancePath, QStringLiteral("/lineItems/1/description"));
    }

    // --- checks in a run ---

    void failingExpression_isReaskedWithItsMessage()
    {
        Json wrong = invoiceAnswer();
        wrong["total"] = 350.57;
        m_fake->enqueueChat(FakeReply::text({ replyWith(wrong) }));
        m_fake->enqueueChat(FakeReply::text({ replyWith(invoiceAnswer()) }));
        ExtractionRun run(m_backend, invoiceRunConfig(invoiceChecks()));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);
        const AttemptRecord &first = result.attempts.first();
        QCOMPARE(first.outcome, AttemptOutcome::SchemaInvalid);
        QCOMPARE(first.errors.size(), 1);
        QCOMPARE(first.errors.first().kind, QStringLiteral("expression"));

        const auto requests = m_fake->requestsTo("/api/chat");
        QCOMPARE(requests.size(), 2);
        const QString reask = lastUserMessage(requests.at(1).json);
        QVERIFY2(reask.contains(QStringLiteral("/total: ") + SumMessage), qPrintable(reask));
        // The mode's reask wording is kept around the check's message.
        const QString wording = ExtractionTemplates::defaults().reaskJson;
        QVERIFY(reask.startsWith(wording.left(wording.indexOf(QStringLiteral("{{errors}}")))));
        QCOMPARE_JSON(result.value, invoiceAnswer());
    }

    void checkErrors_sourceRange_cutsOutTheValue()
    {
        Json wrong = invoiceAnswer();
        wrong["total"] = 350.57;
        wrong["lineItems"][2]["description"] = "Design revision (überarbeitet)";
        m_fake->enqueueChat(FakeReply::text({ replyWith(wrong) }));
        CheckList checks = invoiceChecks();
        checks[5].severity = CheckSeverity::Hard;
        auto config = invoiceRunConfig(checks);
        config.limits.maxAttempts = 1;
        ExtractionRun run(m_backend, config);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.attempts.size(), 1);
        const AttemptRecord &attempt = result.attempts.first();
        const QByteArray raw = attempt.content.toUtf8();
        QCOMPARE(attempt.errors.size(), 2);
        for (const ValidationError &error : attempt.errors) {
            QVERIFY(error.range.isValid());
            const QByteArray cut = raw.mid(error.range.begin, error.range.end - error.range.begin);
            if (error.kind == QLatin1String("expression"))
                QCOMPARE(cut, QByteArray("350.57"));
            else
                QCOMPARE(QString::fromUtf8(cut), QStringLiteral("\"Design revision (überarbeitet)\""));
        }
    }

    void softCheck_isReportedAndNeverReasked()
    {
        Json invoice = invoiceAnswer();
        invoice["lineItems"][0]["description"] = "Visiting cards in gold foil";
        m_fake->enqueueChat(FakeReply::text({ replyWith(invoice) }));
        ExtractionRun run(m_backend, invoiceRunConfig(invoiceChecks()));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), 1);
        const AttemptRecord &attempt = result.attempts.first();
        QVERIFY(attempt.errors.isEmpty());
        QCOMPARE(attempt.softErrors.size(), 1);
        QCOMPARE(attempt.softErrors.first().instancePath, QStringLiteral("/lineItems/0/description"));
        QCOMPARE(attempt.softErrors.first().kind, QStringLiteral("grounding"));
    }

    void brokenCheck_stopsTheRunWithAConfigurationError()
    {
        m_fake->enqueueChat(FakeReply::text({ replyWith(invoiceAnswer()) }));
        ExtractionRun run(m_backend,
                          invoiceRunConfig({ expressionCheck(QStringLiteral("bad"), QStringLiteral("'yes'")) }));
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Configuration);
        QCOMPARE(result.message, QStringLiteral("The expression check \"bad\" returned yes, not true or false."));
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), 1);
    }

    void rule_isJudgedByTheModel_andItsReasonReasked()
    {
        const CheckDefinition rule
            = ruleCheck(QStringLiteral("buyer-is-a-company"), QStringLiteral("/buyer"),
                        QStringLiteral("the buyer is the company the invoice is addressed to, not the seller"),
                        QStringLiteral("judge:1b"));
        m_fake->addModel(rule.model);
        Json wrong = invoiceAnswer();
        wrong["buyer"] = "NORDLICHT DRUCK GmbH";
        FakeReply verdict = FakeReply::text({ q("{'valid': false, 'reason': 'The buyer is the seller; "
                                                "the invoice is billed to Kaffeerösterei Brandt.'}") });
        verdict.promptTokens = 100;
        verdict.evalTokens = 20;
        m_fake->enqueueChat(FakeReply::text({ replyWith(wrong) }));
        m_fake->enqueueChat(verdict);
        m_fake->enqueueChat(FakeReply::text({ replyWith(invoiceAnswer()) }));
        m_fake->enqueueChat(FakeReply::text({ q("{'valid': true, 'reason': 'ok'}") }));
        ExtractionRun run(m_backend, invoiceRunConfig({ rule }, m_backend));
        const RunResult result = runToEnd(run, true);
        QCOMPARE(result.attempts.size(), 2);

        const auto requests = m_fake->requestsTo("/api/chat");
        QCOMPARE(requests.size(), 4);
        const Json &judge = requests.at(1).json;
        QCOMPARE(QString::fromStdString(judge["model"].get<std::string>()), QStringLiteral("judge:1b"));
        QCOMPARE_JSON(judge["format"], RuleJudge::verdictSchema());
        const QString asked = lastUserMessage(judge);
        QVERIFY(asked.contains(rule.rule));
        QVERIFY(asked.contains(QStringLiteral("The value at /buyer:\n\"NORDLICHT DRUCK GmbH\"")));

        const AttemptRecord &first = result.attempts.first();
        QCOMPARE(first.errors.size(), 1);
        QCOMPARE(first.errors.first().kind, QStringLiteral("rule"));
        QVERIFY(first.errors.first().range.isValid());
        QCOMPARE(first.judgeUsage.promptTokens, 100);
        QCOMPARE(first.judgeUsage.completionTokens, 20);
        QVERIFY(lastUserMessage(requests.at(2).json)
                    .contains(QStringLiteral(
                        "/buyer: The buyer is the seller; the invoice is billed to Kaffeerösterei Brandt.")));
        // The judge's tokens are counted apart from the extraction's.
        QCOMPARE(result.usage.promptTokens, 2 * 26);
        QCOMPARE(result.judgeUsage.promptTokens, 100 + 26);
    }

    void rule_judgeTokensCountTowardTheBudget_runStopsSayingSo()
    {
        const CheckDefinition rule
            = ruleCheck(QStringLiteral("buyer-is-a-company"), QStringLiteral("/buyer"),
                        QStringLiteral("the buyer is the company the invoice is addressed to, not the seller"));
        Json wrong = invoiceAnswer();
        wrong["buyer"] = "NORDLICHT DRUCK GmbH";
        FakeReply verdict = FakeReply::text({ q("{'valid': false, 'reason': 'The buyer is the seller.'}") });
        verdict.promptTokens = 100;
        verdict.evalTokens = 20;
        m_fake->enqueueChat(FakeReply::text({ replyWith(wrong) }));
        m_fake->enqueueChat(verdict);
        m_fake->enqueueChat(FakeReply::text({ replyWith(invoiceAnswer()) })); // never asked
        ExtractionConfig config = invoiceRunConfig({ rule }, m_backend);
        config.limits.tokenBudget = 120; // the extraction alone stays under it, the judge pushes it over
        ExtractionRun run(m_backend, config);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Budget);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), 2); // no reask after the verdict
        QVERIFY(result.usage.total() < config.limits.tokenBudget);
        // Still shown apart: the extraction's own usage does not hold the judge's tokens.
        QCOMPARE(result.judgeUsage.promptTokens, 100);
        QCOMPARE(result.judgeUsage.completionTokens, 20);
        const QString expected = QStringLiteral("The token budget of 120 was used up (%1 tokens: %2 by the extraction, "
                                                "120 by model-judged rules).")
                                     .arg(result.usage.total() + 120)
                                     .arg(result.usage.total());
        QCOMPARE(result.message, expected);
    }

    void budget_withoutJudgedRules_keepsItsWording()
    {
        Json wrong = invoiceAnswer();
        wrong["total"] = 350.57;
        m_fake->enqueueChat(FakeReply::text({ replyWith(wrong) }));
        ExtractionConfig config = invoiceRunConfig(invoiceChecks());
        config.limits.tokenBudget = 1;
        ExtractionRun run(m_backend, config);
        const RunResult result = runToEnd(run, false);
        QCOMPARE(result.reason, RunFailureReason::Budget);
        QCOMPARE(result.message,
                 QStringLiteral("The token budget of 1 was used up (%1 tokens).").arg(result.usage.total()));
    }

    void rule_notJudgedWhenALocalHardCheckFails()
    {
        const CheckDefinition rule = ruleCheck(QStringLiteral("r"), QString(), QStringLiteral("anything"));
        Json wrong = invoiceAnswer();
        wrong["total"] = 1.0;
        m_fake->enqueueChat(FakeReply::text({ replyWith(wrong) }));
        CheckList checks = invoiceChecks();
        checks.append(rule);
        auto config = invoiceRunConfig(checks, m_backend);
        config.limits.maxAttempts = 1;
        ExtractionRun run(m_backend, config);
        runToEnd(run, false);
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestChecks)
#include "tst_checks.moc"
