// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafting/schemadraft.h"
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "jsoncompare.h"
#include "llm/llmbackend.h"
#include "schema/schemaregistry.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::parseQ;
using Formwork::Test::q;
using Json = nlohmann::ordered_json;

namespace {

// Passes the draft format, fails the 2020-12 metaschema: "required" items must be unique.
const char *const duplicateRequired
    = "{'type': 'object', 'properties': {'number': {'type': 'string'}}, 'required': ['number', 'number']}";
const char *const goodDraft = "{'type': 'object', 'properties': {'number': {'type': 'string', 'description': "
                              "'As printed'}, 'total': {'type': 'number'}}, 'required': ['number']}";

// Uses "$defs"/"$ref" for the two parties and "pattern" for the invoice number.
const char *const refDraft
    = "{'type': 'object', 'properties': {'number': {'type': 'string', 'pattern': '^INV-[0-9]{4}-[0-9]{4}$'}, "
      "'seller': {'$ref': '#/$defs/party'}, 'buyer': {'$ref': '#/$defs/party', 'description': 'billed to'}, "
      "'lines': {'type': 'array', 'items': {'$ref': '#/$defs/line'}}}, 'required': ['number', 'seller'], "
      "'$defs': {'party': {'type': 'object', 'properties': {'name': {'type': 'string'}}, 'required': ['name']}, "
      "'line': {'type': 'object', 'properties': {'qty': {'type': 'integer', 'minimum': 1}}}}}";
// Passes the format, but its $ref points at a definition it does not have.
const char *const danglingRef = "{'type': 'object', 'properties': {'seller': {'$ref': '#/$defs/party'}}}";

std::shared_ptr<SchemaRegistry> metaschemas()
{
    auto registry = std::make_shared<SchemaRegistry>();
    registry->addMetaschemas();
    return registry;
}

} // namespace

class TestSchemaDraft final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Test::registerRunMetaTypes();
        if (metaschemas()->isEmpty())
            QSKIP("the official metaschemas are not installed (python3-jsonschema)");
    }

    void format_acceptsASchema_andIsItselfASchema()
    {
        const auto format = Schema::compile(schemaDraftFormat());
        QVERIFY(format);
        QVERIFY(format->isValid(parseQ(goodDraft)));
        QVERIFY(!format->isValid(parseQ("{'type': 'object', 'properties': {'a': {'type': 'text'}}}")));
    }

    void metaschemaChecker_findsWhatTheFormatCannotSay()
    {
        MetaschemaChecker checker(metaschemas());
        QVERIFY(checker.checkDraft(parseQ(goodDraft)).hard.isEmpty());
        const CheckReport report = checker.checkDraft(parseQ(duplicateRequired));
        QVERIFY(!report.hard.isEmpty());
        QCOMPARE(report.hard.first().instancePath, QStringLiteral("/required"));
        QCOMPARE(report.hard.first().kind, QStringLiteral("metaschema"));
    }

    void format_allowsDefsRefsAndPatterns_andTheDraftIsARealSchema()
    {
        const auto format = Schema::compile(schemaDraftFormat());
        QVERIFY(format);
        QVERIFY(format->isValid(parseQ(refDraft)));
        // Only references to the draft's own definitions.
        QVERIFY(!format->isValid(parseQ("{'type': 'object', 'properties': {'a': {'$ref': 'https://x.test/s'}}}")));
        QVERIFY(!format->isValid(
            parseQ("{'type': 'object', 'properties': {'a': {'$ref': '#/$defs/p', 'type': 'string'}}}")));
        QVERIFY(!format->isValid(parseQ("{'type': 'object', 'properties': {'a': {'type': 'string', 'pattern': 3}}}")));

        MetaschemaChecker checker(metaschemas());
        QVERIFY(checker.checkDraft(parseQ(refDraft)).hard.isEmpty());
        // What the real schema then says: the refs are followed, the pattern is enforced.
        const auto drafted = Schema::compile(parseQ(refDraft));
        QVERIFY(drafted);
        QVERIFY(
            drafted->isValid(parseQ("{'number': 'INV-2024-0117', 'seller': {'name': 'N'}, 'lines': [{'qty': 2}]}")));
        QVERIFY(!drafted->isValid(parseQ("{'number': 'INV-24-17', 'seller': {'name': 'N'}}")));
        QVERIFY(!drafted->isValid(parseQ("{'number': 'INV-2024-0117', 'seller': {}}")));
        QVERIFY(
            !drafted->isValid(parseQ("{'number': 'INV-2024-0117', 'seller': {'name': 'N'}, 'lines': [{'qty': 0}]}")));

        // A reference without its definition, or a pattern that is not a regex, is an error to reask.
        const CheckReport dangling = checker.checkDraft(parseQ(danglingRef));
        QVERIFY(!dangling.hard.isEmpty());
        QCOMPARE(dangling.hard.first().kind, QStringLiteral("metaschema"));
        QVERIFY(
            !checker.checkDraft(parseQ("{'type': 'object', 'properties': {'a': {'type': 'string', 'pattern': '(['}}}"))
                 .hard.isEmpty());
    }

    void draftWithDanglingRef_isReasked_thenTheDefsDraftIsAccepted()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.addModel(QStringLiteral("qwen3:8b"));
        fake.enqueueChat(FakeReply::text({ q(danglingRef) }));
        fake.enqueueChat(FakeReply::text({ q(refDraft) }));
        QNetworkAccessManager nam;
        BackendConfig bc;
        bc.baseUrl = fake.baseUrl();
        std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &nam, bc));
        ExtractionConfig config = schemaDraftConfig(QStringLiteral("invoices: number, seller and buyer, lines"),
                                                    QStringLiteral("qwen3:8b"), metaschemas());
        config.limits.backoffBaseMs = 5;
        ExtractionRun run(backend.get(), config);
        QSignalSpy ok(&run, &ExtractionRun::succeeded);
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 10000);
        const RunResult result = ok.first().first().value<RunResult>();
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE_JSON(result.value, parseQ(refDraft));
        const auto requests = fake.requestsTo("/api/chat");
        QCOMPARE(requests.size(), 2);
        // The request carries the format with $defs and $ref, and the prompt says how to use them.
        const Json &format = requests.at(0).json["format"];
        QVERIFY(format["properties"].contains("$defs"));
        QVERIFY(format["properties"]["properties"]["additionalProperties"].contains("anyOf"));
        const std::string system = requests.at(0).json["messages"].front()["content"].get<std::string>();
        QVERIFY(system.find("#/$defs/") != std::string::npos);
        const std::string reask = requests.at(1).json["messages"].back()["content"].get<std::string>();
        QVERIFY2(reask.find("/properties/seller") != std::string::npos, reask.c_str());
    }

    void invalidDraft_isReaskedWithTheMetaschemaError_thenAccepted()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.addModel(QStringLiteral("qwen3:8b"));
        fake.enqueueChat(FakeReply::text({ q(duplicateRequired) }));
        fake.enqueueChat(FakeReply::text({ q(goodDraft) }));
        QNetworkAccessManager nam;
        BackendConfig bc;
        bc.baseUrl = fake.baseUrl();
        std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &nam, bc));
        ExtractionConfig config = schemaDraftConfig(QStringLiteral("invoices: number and total"),
                                                    QStringLiteral("qwen3:8b"), metaschemas());
        config.limits.backoffBaseMs = 5;
        ExtractionRun run(backend.get(), config);
        QSignalSpy ok(&run, &ExtractionRun::succeeded);
        QSignalSpy failed(&run, &ExtractionRun::failed);
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 10000);
        QCOMPARE(failed.count(), 0);
        const RunResult result = ok.first().first().value<RunResult>();
        QCOMPARE(result.attempts.size(), 2);
        QCOMPARE_JSON(result.value, parseQ(goodDraft));
        QCOMPARE(result.attempts.first().errors.first().kind, QStringLiteral("metaschema"));
        QVERIFY(result.attempts.first().errors.first().range.isValid());

        const auto requests = fake.requestsTo("/api/chat");
        QCOMPARE(requests.size(), 2);
        QCOMPARE_JSON(requests.at(0).json["format"], schemaDraftFormat());
        const Json messages = requests.at(0).json["messages"];
        QVERIFY(messages.back()["content"].get<std::string>().find("invoices: number and total") != std::string::npos);
        const std::string reask = requests.at(1).json["messages"].back()["content"].get<std::string>();
        QVERIFY2(reask.find("/required") != std::string::npos, reask.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSchemaDraft)
#include "tst_schemadraft.moc"
