// SPDX-License-Identifier: GPL-3.0-or-later
// A long document extracted chunk by chunk against FakeOllama, merged and grounded (issue 13).
#include "checks/attemptchecker.h"
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "grounding/chunkedextraction.h"
#include "jsoncompare.h"
#include "llm/llmbackend.h"
#include "schema/schema.h"
#include "settle.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::parseQ;
using Formwork::Test::q;
using Json = nlohmann::ordered_json;

namespace {

QString document()
{
    return Test::threePeopleDocument();
}

FakeReply reply(const char *json)
{
    return FakeReply::text({ q(json) });
}

// A check that fails every person whose name is not in the chunk's text, and records the texts.
class ChunkTextChecker final : public AttemptChecker
{
public:
    explicit ChunkTextChecker(QString text, QStringList *seen)
        : m_text(std::move(text))
    {
        seen->append(m_text);
    }

    AttemptCheckJob *check(const AttemptRecord &attempt, const ExtractionConfig &, QObject *parent) override
    {
        auto *job = new AttemptCheckJob(parent);
        CheckReport report;
        const Json &people = attempt.value["people"];
        for (std::size_t i = 0; i < people.size(); ++i) {
            const QString name = QString::fromStdString(people[i]["name"].get<std::string>());
            if (!m_text.contains(name)) {
                ValidationError error;
                error.instancePath = QStringLiteral("/people/%1/name").arg(i);
                error.message = QStringLiteral("not in the chunk");
                report.hard.append(error);
            }
        }
        QTimer::singleShot(0, job, [job, report] { Q_EMIT job->finished(report); });
        return job;
    }

private:
    QString m_text;
};

} // namespace

class TestChunkedExtraction final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<LlmBackend> m_backend;

    static ExtractionConfig config() { return Test::peopleRunConfig(); }

    static ChunkedExtractionOptions options(int concurrency)
    {
        ChunkedExtractionOptions o;
        o.chunking = { 200, 30 };
        o.merge.itemKey = QStringLiteral("name");
        o.concurrency = concurrency;
        return o;
    }

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init()
    {
        m_fake = std::make_unique<FakeOllama>();
        QVERIFY(m_fake->listen());
        BackendConfig bc;
        bc.baseUrl = m_fake->baseUrl();
        bc.firstByteTimeoutMs = 5000;
        bc.stallTimeoutMs = 5000;
        m_backend.reset(LlmBackend::create(BackendApi::Ollama, &m_nam, bc, nullptr));
    }

    void cleanup()
    {
        m_backend.reset();
        m_fake.reset();
    }

    void threeChunks_reaskedMergedAndGroundedInTheWholeDocument()
    {
        const QString doc = document();
        ChunkedExtraction extraction(m_backend.get(), config(), doc, options(1));
        QCOMPARE(extraction.chunks().size(), std::size_t(3));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': '79'}]}")); // reasked
        m_fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': 79}, "
                                  "{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        QSignalSpy chunkFinished(&extraction, &ChunkedExtraction::chunkFinished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(chunkFinished.count(), 3);

        const ChunkedResult &result = extraction.result();
        QVERIFY2(result.success, qPrintable(result.message));
        QCOMPARE_JSON(result.merged.value,
                      parseQ("{'people': [{'name': 'Ada Lovelace', 'age': 36}, {'name': 'Charles Babbage', 'age': 79}, "
                             "{'name': 'Grace Hopper', 'age': 85}]}"));
        QCOMPARE(result.chunks[1].result.attempts.size(), 2);

        // Each request holds its chunk only, in place of the document; the instruction stays.
        const auto requests = m_fake->requestsTo("/api/chat");
        QCOMPARE(requests.size(), 4);
        const DocumentChunk last = extraction.chunks()[2];
        const std::string content = requests[3].json["messages"].back()["content"].get<std::string>();
        QCOMPARE(QString::fromStdString(content),
                 QStringLiteral("People in this text:\n\n") + doc.mid(last.begin, last.length()));

        // Spans are in the whole document: Ada stands twice (chunks 0 and 1), Grace once.
        const Grounding &g = result.merged.grounding;
        const qsizetype secondAda = doc.indexOf(QStringLiteral("Ada Lovelace"), 1);
        QCOMPARE(g.find("/people/0/name")->kind, MatchKind::Ambiguous);
        QCOMPARE(g.find("/people/0/name")->spans, (std::vector<TextSpan> { { 0, 12 }, { secondAda, secondAda + 12 } }));
        const qsizetype grace = doc.indexOf(QStringLiteral("Grace Hopper"));
        QCOMPARE(g.find("/people/2/name")->spans, (std::vector<TextSpan> { { grace, grace + 12 } }));
        QCOMPARE(g.find("/people/2/name")->kind, MatchKind::Exact);
        const qsizetype age = doc.indexOf(QStringLiteral("85"));
        QCOMPARE(g.find("/people/2/age")->spans, (std::vector<TextSpan> { { age, age + 2 } }));
    }

    void concurrency_allChunksInFlightAtOnceAndMergedInChunkOrder()
    {
        ChunkedExtraction extraction(m_backend.get(), config(), document(), options(3));
        for (int i = 0; i < 3; ++i)
            m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        QStringList events;
        connect(&extraction, &ChunkedExtraction::chunkStarted, this,
                [&events](int index) { events.append(QStringLiteral("start %1").arg(index)); });
        connect(&extraction, &ChunkedExtraction::chunkFinished, this,
                [&events](int index) { events.append(QStringLiteral("end %1").arg(index)); });
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(events.mid(0, 3),
                 (QStringList { QStringLiteral("start 0"), QStringLiteral("start 1"), QStringLiteral("start 2") }));
        QVERIFY(extraction.result().success);
        QCOMPARE_JSON(extraction.result().merged.value, parseQ("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
    }

    void requiredTopLevelField_chunkNotReaskedButMergedValueFlagged()
    {
        // `title` is required at the root, `name` in each item. A chunk cannot see the title of
        // the whole document: it is not asked for it (no reask, and the grammar of schema mode does
        // not force one); the merged value is checked against the full schema and lacks it.
        ExtractionConfig c = config();
        c.schema = Schema::compile(parseQ("{'type': 'object', 'properties': {'title': {'type': 'string'}, 'people': "
                                          "{'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'properties': "
                                          "{'name': {'type': 'string'}}, 'required': ['name']}}}, "
                                          "'required': ['title', 'people']}"))
                       .value();
        ChunkedExtraction extraction(m_backend.get(), c, document(), options(1));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace'}]}"));
        m_fake->enqueueChat(reply("{'people': []}")); // minItems of a top-level array: relaxed too
        m_fake->enqueueChat(reply("{'people': [{}]}")); // an item without its name: reasked
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper'}]}"));
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

        const ChunkedResult &result = extraction.result();
        const auto requests = m_fake->requestsTo("/api/chat");
        QCOMPARE(requests.size(), 4); // three chunks, one reask: the one inside an item
        QCOMPARE(result.chunks[0].result.attempts.size(), 1);
        QCOMPARE(result.chunks[1].result.attempts.size(), 1);
        QCOMPARE(result.chunks[2].result.attempts.size(), 2);
        // The chunks' requests carry the relaxed schema; the items keep their own `required`.
        const Json &format = requests[0].json["format"];
        QVERIFY(!format.contains("required"));
        QVERIFY(!format["properties"]["people"].contains("minItems"));
        QCOMPARE_JSON(format["properties"]["people"]["items"]["required"], parseQ("['name']"));

        QVERIFY(result.hasValue);
        QVERIFY(!result.success);
        QCOMPARE(result.mergedErrors.size(), 1);
        QCOMPARE(result.mergedErrors.first().keyword, QStringLiteral("required"));
        QCOMPARE(result.mergedErrors.first().instancePath, QString());
        QVERIFY2(result.mergedErrors.first().message.contains(QStringLiteral("title")),
                 qPrintable(result.mergedErrors.first().message));
        QVERIFY2(result.message.startsWith(QStringLiteral("the merged value is not valid")),
                 qPrintable(result.message));
        QCOMPARE(result.merged.value["people"].size(), std::size_t(2));
    }

    void chunkSchema_relaxesOnlyTheRoot()
    {
        const auto full = Schema::compile(parseQ("{'type': 'object', 'required': ['a'], 'properties': {'a': "
                                                 "{'type': 'object', 'required': ['b'], 'minItems': 2}}}"));
        const std::optional<Schema> chunk = chunkSchemaOf(full.value());
        QVERIFY(chunk);
        QVERIFY(chunk->isValid(parseQ("{}")));
        QVERIFY(!chunk->isValid(parseQ("{'a': {}}"))); // a nested object's required stays
        QVERIFY(!full.value().isValid(parseQ("{}")));
        // Nothing to relax: the same schema.
        const auto plain = Schema::compile(parseQ("{'type': 'object'}"));
        QCOMPARE_JSON(chunkSchemaOf(plain.value())->document(), plain.value().document());
        QVERIFY(!chunkSchemaOf(std::nullopt));
    }

    // A root that is a reference to a definition: a relaxed copy of the definition is what the
    // chunks get; the definition itself, used again inside (a tree's nodes), keeps its rules.
    void chunkSchema_rootReference_relaxedInACopyOfTheDefinition()
    {
        const auto full = Schema::compile(
            parseQ("{'$ref': '#/$defs/Node', '$defs': {'Node': {'type': 'object', 'required': ['name'], 'properties': "
                   "{'name': {'type': 'string'}, 'children': {'type': 'array', 'minItems': 1, 'items': {'$ref': "
                   "'#/$defs/Node'}}}}}}"));
        QVERIFY(full);
        const std::optional<Schema> chunk = chunkSchemaOf(full.value());
        QVERIFY(chunk);
        QVERIFY(!full.value().isValid(parseQ("{}")));
        QVERIFY(chunk->isValid(parseQ("{}")));
        QVERIFY(chunk->isValid(parseQ("{'children': []}"))); // the root's array: minItems dropped
        QVERIFY(!full.value().isValid(parseQ("{'name': 'a', 'children': []}")));
        QVERIFY(!chunk->isValid(parseQ("{'children': [{}]}"))); // a node inside still needs its name
        QVERIFY(!chunk->isValid(parseQ("{'children': [{'name': 'b', 'children': []}]}"))); // and its minItems
        QVERIFY(chunk->isValid(parseQ("{'children': [{'name': 'b'}]}")));
        QVERIFY(!chunk->isValid(parseQ("{'name': 3}"))); // types stay
        // The copy sits beside the definition; the root points at it.
        QCOMPARE(QString::fromStdString(chunk->document()["$ref"].get<std::string>()),
                 QStringLiteral("#/$defs/Node.chunk"));
        QVERIFY(chunk->document()["$defs"]["Node"].contains("required"));
    }

    // allOf branches at the root, one of them a draft-07 reference through another reference.
    void chunkSchema_rootAllOfBranches_relaxed()
    {
        const auto full = Schema::compile(parseQ(
            "{'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'allOf': [{'required': "
            "['title']}, {'$ref': '#/definitions/Body'}], 'definitions': {'Body': {'$ref': '#/definitions/Lists'}, "
            "'Lists': {'required': ['items'], 'properties': {'items': {'type': 'array', 'minItems': 2, 'items': "
            "{'type': 'object', 'required': ['id']}}}}}}"));
        QVERIFY(full);
        const std::optional<Schema> chunk = chunkSchemaOf(full.value());
        QVERIFY(chunk);
        QVERIFY(!full.value().isValid(parseQ("{'items': []}")));
        QVERIFY(chunk->isValid(parseQ("{}")));
        QVERIFY(chunk->isValid(parseQ("{'items': [{'id': 1}]}")));
        QVERIFY(!chunk->isValid(parseQ("{'items': [{}]}"))); // an item's required stays
        QVERIFY(!chunk->isValid(parseQ("{'items': 'none'}")));
    }

    // What is not covered keeps its rules (the chunks are asked for it): a required inside anyOf,
    // a reference to another document.
    void chunkSchema_anyOfAndRemoteReference_leftWhole()
    {
        const auto anyOf
            = Schema::compile(parseQ("{'type': 'object', 'anyOf': [{'required': ['a']}, {'required': ['b']}]}"));
        QVERIFY(anyOf);
        QVERIFY(!chunkSchemaOf(anyOf.value())->isValid(parseQ("{}")));
        QCOMPARE_JSON(chunkSchemaOf(anyOf.value())->document(), anyOf.value().document());
        const auto deep = Schema::compile(
            parseQ("{'$ref': '#/$defs/a/b', '$defs': {'a': {'b': {'type': 'object', 'required': ['x']}}}}"));
        QVERIFY(deep);
        QVERIFY(!chunkSchemaOf(deep.value())->isValid(parseQ("{}")));
        // A loop of references ends without relaxing anything it cannot reach.
        const auto loop = Schema::compile(parseQ("{'$ref': '#/$defs/A', '$defs': {'A': {'$ref': '#/$defs/B'}, "
                                                 "'B': {'$ref': '#/$defs/A'}}}"));
        if (loop)
            QVERIFY(chunkSchemaOf(loop.value()));
    }

    void failingChunk_reportedAndTheOthersStillMerged()
    {
        ExtractionConfig c = config();
        c.limits.maxAttempts = 1;
        ChunkedExtraction extraction(m_backend.get(), c, document(), options(1));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fake->enqueueChat(reply("{'people': 'none'}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const ChunkedResult &result = extraction.result();
        QVERIFY(!result.success);
        QVERIFY(result.hasValue);
        QCOMPARE(result.message, QStringLiteral("1 of 3 chunks gave no valid value"));
        QCOMPARE(result.merged.value["people"].size(), std::size_t(2));
    }

    void recallPass_addsOnlyTheItemThePassBeforeMissed()
    {
        ChunkedExtractionOptions o = options(1);
        o.passes = 2;
        ChunkedExtraction extraction(m_backend.get(), config(), document(), o);
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"));
        m_fake->enqueueChat(reply("{'people': []}")); // pass 1 misses Grace Hopper
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 37}, "
                                  "{'name': 'Charles Babbage', 'age': 79}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        QSignalSpy passes(&extraction, &ChunkedExtraction::passStarted);
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(passes.count(), 2);
        QCOMPARE(passes.at(1).at(0).toInt(), 1);
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), 6);
        const ChunkedResult &result = extraction.result();
        QVERIFY2(result.success, qPrintable(result.message));
        QCOMPARE(result.chunks.size(), std::size_t(6));
        QCOMPARE(result.chunks[5].pass, 1);
        QCOMPARE(result.chunks[5].chunk.index, 2);
        // Ada and Babbage once each, Grace added; Ada's 37 in pass 2 is not a conflict (pass 2 only adds).
        QCOMPARE_JSON(result.merged.value,
                      parseQ("{'people': [{'name': 'Ada Lovelace', 'age': 36}, {'name': 'Charles Babbage', 'age': 79}, "
                             "{'name': 'Grace Hopper', 'age': 85}]}"));
        QVERIFY(result.merged.conflicts.empty());
        const qsizetype grace = document().indexOf(QStringLiteral("Grace Hopper"));
        QCOMPARE(result.merged.grounding.find("/people/2/name")->spans,
                 (std::vector<TextSpan> { { grace, grace + 12 } }));
    }

    void checkerPerChunk_groundsInTheChunkAndReasks()
    {
        QStringList seen;
        ChunkedExtractionOptions o = options(1);
        o.checkerForChunk = [&seen](const QString &text) { return std::make_shared<ChunkTextChecker>(text, &seen); };
        ChunkedExtraction extraction(m_backend.get(), config(), document(), o);
        m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}")); // not in chunk 2
        m_fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const ChunkedResult &result = extraction.result();
        QVERIFY2(result.success, qPrintable(result.message));
        QCOMPARE(seen.size(), 3);
        const DocumentChunk second = extraction.chunks()[1];
        QCOMPARE(seen.at(1), document().mid(second.begin, second.length()));
        QCOMPARE(result.chunks[1].result.attempts.size(), 2);
        QCOMPARE(result.chunks[1].result.attempts[0].errors.first().instancePath, QStringLiteral("/people/0/name"));
        QCOMPARE(result.merged.value["people"].size(), std::size_t(3));
    }

    void resume_afterCancel_asksOnlyTheUnfinishedChunks()
    {
        ChunkedResult earlier;
        {
            ChunkedExtraction first(m_backend.get(), config(), document(), options(1));
            m_fake->enqueueChat(reply("{'people': [{'name': 'Ada Lovelace', 'age': 36}]}"));
            FakeReply stalled = FakeReply::text({ QStringLiteral("{\"people\": [") });
            stalled.stallMidStream = true;
            m_fake->enqueueChat(stalled);
            QSignalSpy finished(&first, &ChunkedExtraction::finished);
            QSignalSpy chunkFinished(&first, &ChunkedExtraction::chunkFinished);
            first.start();
            QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/api/chat").size(), 2, 10000);
            QCOMPARE(chunkFinished.count(), 1);
            first.cancel();
            QCOMPARE(finished.count(), 1);
            earlier = first.result();
        }
        QCOMPARE(earlier.validChunkRuns(), 1);
        QVERIFY(Formwork::Test::settleNetwork(&m_nam));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Charles Babbage', 'age': 79}]}"));
        m_fake->enqueueChat(reply("{'people': [{'name': 'Grace Hopper', 'age': 85}]}"));
        ChunkedExtraction second(m_backend.get(), config(), document(), options(1));
        second.resumeFrom(earlier);
        QSignalSpy started(&second, &ChunkedExtraction::chunkStarted);
        QSignalSpy finished(&second, &ChunkedExtraction::finished);
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(started.count(), 2);
        QCOMPARE(started.at(0).at(0).toInt(), 1); // chunk 1 was not asked again
        QCOMPARE(m_fake->requestsTo("/api/chat").size(), 4);
        QVERIFY2(second.result().success, qPrintable(second.result().message));
        QCOMPARE(second.result().merged.value["people"].size(), std::size_t(3));
    }

    void cancel_endsOnceWithoutAValue()
    {
        FakeReply stalled = FakeReply::text({ QStringLiteral("{\"people\": [") });
        stalled.stallMidStream = true;
        m_fake->enqueueChat(stalled);
        ChunkedExtraction extraction(m_backend.get(), config(), document(), options(1));
        QSignalSpy started(&extraction, &ChunkedExtraction::chunkStarted);
        QSignalSpy finished(&extraction, &ChunkedExtraction::finished);
        extraction.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/api/chat").size(), 1, 10000);
        extraction.cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(extraction.result().cancelled);
        QVERIFY(!extraction.result().success);
        QVERIFY(!extraction.result().hasValue);
        QVERIFY(Formwork::Test::settleNetwork(&m_nam)); // the next chunk would start from a queued call
        QCOMPARE(started.count(), 1); // nothing more was started
        QCOMPARE(finished.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestChunkedExtraction)
#include "tst_chunkedextraction.moc"
