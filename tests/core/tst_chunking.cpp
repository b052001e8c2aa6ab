// SPDX-License-Identifier: GPL-3.0-or-later
// Long documents: chunks at paragraph and sentence boundaries with overlap, and the merge of the
// chunks' results with their grounding moved back to the whole document (issue 13).
#include "extraction/extractiontypes.h"
#include "extraction/tokenestimate.h"
#include "grounding/chunkmerger.h"
#include "grounding/chunkplan.h"
#include "grounding/documentchunker.h"
#include "grounding/grounder.h"

#include "jsoncompare.h"

#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

// Paragraphs of numbered sentences: "Sentence 3 of paragraph 2 says something." ...
QString paragraphs(int count, int sentences)
{
    QStringList out;
    for (int p = 1; p <= count; ++p) {
        QStringList paragraph;
        for (int s = 1; s <= sentences; ++s)
            paragraph.append(QStringLiteral("Sentence %1 of paragraph %2 says something.").arg(s).arg(p));
        out.append(paragraph.join(u' '));
    }
    return out.join(QStringLiteral("\n\n"));
}

ChatMessage message(const char *role, const QString &content)
{
    ChatMessage m;
    m.role = QString::fromLatin1(role);
    m.content = content;
    return m;
}

Json parseQ(const char *text)
{
    return Json::parse(QString::fromUtf8(text).replace(u'\'', u'"').toStdString());
}

} // namespace

class TestChunking final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shortText_oneChunk()
    {
        const QString text = QStringLiteral("Short.");
        const auto chunks = chunkDocument(text, { 100, 20 });
        QCOMPARE(chunks.size(), std::size_t(1));
        QCOMPARE(chunks[0], (DocumentChunk { 0, 0, text.size() }));
        QCOMPARE(chunkDocument(QString(), { 100, 20 }).size(), std::size_t(1));
    }

    void paragraphs_cutAtParagraphBreaksWithSentenceOverlap()
    {
        const QString text = paragraphs(6, 4); // paragraphs of about 180 characters
        const ChunkingOptions options { 400, 60 };
        const auto chunks = chunkDocument(text, options);
        QVERIFY(chunks.size() >= 3);
        QCOMPARE(chunks.front().begin, qsizetype(0));
        QCOMPARE(chunks.back().end, text.size());
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            const DocumentChunk &c = chunks[i];
            QCOMPARE(c.index, int(i));
            QVERIFY2(c.length() <= options.maxChars, qPrintable(QString::number(c.length())));
            if (i + 1 < chunks.size()) {
                // Every chunk but the last ends after a paragraph (the text before a blank line).
                QVERIFY2(text.mid(c.end - 2, 2) == QStringLiteral("\n\n"), qPrintable(text.mid(c.end - 20, 22)));
                // The next one starts inside it, at a sentence, at most the overlap back: no gap.
                const DocumentChunk &next = chunks[i + 1];
                QVERIFY(next.begin < c.end);
                QVERIFY2(c.end - next.begin <= options.overlapChars, qPrintable(QString::number(c.end - next.begin)));
                QVERIFY2(text.mid(next.begin).startsWith(QStringLiteral("Sentence ")),
                         qPrintable(text.mid(next.begin, 20)));
            }
        }
    }

    void oneLongParagraph_cutAtSentenceEnds()
    {
        const QString text = paragraphs(1, 30);
        const auto chunks = chunkDocument(text, { 300, 50 });
        QVERIFY(chunks.size() > 3);
        for (std::size_t i = 0; i + 1 < chunks.size(); ++i) {
            const QString head = text.left(chunks[i].end).trimmed();
            QVERIFY2(head.endsWith(u'.'), qPrintable(head.right(20)));
            QVERIFY(chunks[i + 1].begin < chunks[i].end);
        }
    }

    void noSpacesAtAll_hardCutNeverSplitsASurrogatePair()
    {
        QString text;
        for (int i = 0; i < 100; ++i)
            text += QString::fromUtf8("\xF0\x9F\x98\x80"); // 200 UTF-16 units, no space
        const auto chunks = chunkDocument(text, { 33, 5 });
        QVERIFY(chunks.size() > 5);
        for (const DocumentChunk &c : chunks) {
            QVERIFY(c.length() <= 33);
            QVERIFY(c.length() > 0);
            QVERIFY(!text[c.begin].isLowSurrogate());
            QVERIFY(c.end == text.size() || !text[c.end].isLowSurrogate());
        }
        QCOMPARE(chunks.back().end, text.size());
        // No overlap asked: chunks follow each other exactly.
        const auto exact = chunkDocument(text, { 40, 0 });
        for (std::size_t i = 0; i + 1 < exact.size(); ++i)
            QCOMPARE(exact[i + 1].begin, exact[i].end);
    }

    void chineseText_cutAtFullStops()
    {
        QString text;
        for (int i = 0; i < 40; ++i)
            text += QString::fromUtf8("\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002"); // 今天天气很好。
        const auto chunks = chunkDocument(text, { 50, 10 });
        QVERIFY(chunks.size() > 3);
        for (std::size_t i = 0; i + 1 < chunks.size(); ++i)
            QCOMPARE(text[chunks[i].end - 1], QChar(u'\u3002'));
    }

    void merge_arraysDeduplicatedByEqualityAndScalarsByAgreement()
    {
        std::vector<ChunkResult> results(3);
        results[0] = { { 0, 0, 100 }, parseQ("{'title': 'Report', 'people': ['Ada', 'Bob'], 'year': null}"), {} };
        results[1] = { { 1, 80, 200 }, parseQ("{'title': 'Report', 'people': ['Bob', 'Cy'], 'year': 1843}"), {} };
        results[2] = { { 2, 180, 300 }, parseQ("{'title': 'Annex', 'people': ['Cy', 'Dee']}"), {} };
        const MergedResult merged = mergeChunkResults(results);
        QCOMPARE_JSON(merged.value, parseQ("{'title': 'Report', 'people': ['Ada', 'Bob', 'Cy', 'Dee'], 'year': 1843}"));
        // "Annex" lost the vote but is shown; null never counts against 1843.
        QCOMPARE(merged.conflicts.size(), std::size_t(1));
        const MergeConflict &c = merged.conflicts[0];
        QCOMPARE(c.pointer, std::string("/title"));
        QVERIFY(c.values == (std::vector<Json> { "Report", "Annex" }));
        QCOMPARE(c.chunks, (std::vector<std::vector<int>> { { 0, 1 }, { 2 } }));
        QCOMPARE(c.chosen, std::size_t(0));
    }

    void merge_objectsByItemKeyMergedMemberByMember()
    {
        std::vector<ChunkResult> results(2);
        results[0] = { { 0, 0, 100 },
                       parseQ("{'items': [{'sku': 'A1', 'qty': 2}, {'sku': 'B2', 'qty': 1}, {'sku': 'B2', 'qty': 1}]}"),
                       {} };
        results[1] = { { 1, 90, 200 },
                       parseQ("{'items': [{'sku': 'B2', 'qty': 1, 'price': 9.5}, {'sku': 'C3', 'qty': 4}]}"),
                       {} };
        MergeOptions byKey;
        byKey.itemKey = QStringLiteral("sku");
        const MergedResult merged = mergeChunkResults(results, byKey);
        // B2 twice in one chunk is two items; B2 in the overlap is the first of them, completed.
        QCOMPARE_JSON(merged.value,
                      parseQ("{'items': [{'sku': 'A1', 'qty': 2}, {'sku': 'B2', 'qty': 1, 'price': 9.5}, "
                             "{'sku': 'B2', 'qty': 1}, {'sku': 'C3', 'qty': 4}]}"));
        QVERIFY(merged.conflicts.empty());
        // By equality instead, the completed B2 is another item.
        QCOMPARE(mergeChunkResults(results).value["items"].size(), std::size_t(5));
    }

    void merge_groundingMovedToWholeDocument()
    {
        const QString doc = QStringLiteral("Ada met Bob. Bob met Cy at noon. Cy met Dee.");
        std::vector<DocumentChunk> chunks { { 0, 0, 20 }, { 1, 13, 33 }, { 2, 26, doc.size() } };
        const std::vector<Json> values { parseQ("{'people': ['Ada', 'Bob']}"), parseQ("{'people': ['Bob', 'Cy']}"),
                                         parseQ("{'people': ['Cy', 'Dee', 'Eve']}") };
        std::vector<ChunkResult> results;
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            Grounder grounder(doc.mid(chunks[i].begin, chunks[i].length()));
            results.push_back({ chunks[i], values[i], grounder.ground(values[i]) });
        }
        const MergedResult merged = mergeChunkResults(results);
        QCOMPARE_JSON(merged.value, parseQ("{'people': ['Ada', 'Bob', 'Cy', 'Dee', 'Eve']}"));
        auto spansOf = [&](const char *pointer) { return merged.grounding.find(pointer)->spans; };
        QCOMPARE(spansOf("/people/0"), (std::vector<TextSpan> { { 0, 3 } }));
        // Bob: chunk 0 saw the first, chunk 1 both (its text starts at "Bob met Cy"): two places.
        QCOMPARE(merged.grounding.find("/people/1")->kind, MatchKind::Ambiguous);
        QCOMPARE(spansOf("/people/1"), (std::vector<TextSpan> { { 8, 11 }, { 13, 16 } }));
        QCOMPARE(spansOf("/people/3"), (std::vector<TextSpan> { { 40, 43 } }));
        QCOMPARE(doc.mid(40, 3), QStringLiteral("Dee"));
        QCOMPARE(merged.grounding.find("/people/4")->kind, MatchKind::Absent);
    }

    void recallPass_keepsEarlierScalarsAndAddsOnlyNewItems()
    {
        std::vector<ChunkResult> results;
        results.push_back({ { 0, 0, 10 }, parseQ("{'title': 'Report', 'people': [{'name': 'Ann'}]}"), {}, 0 });
        results.push_back(
            { { 0, 0, 10 }, parseQ("{'title': 'Annex', 'people': [{'name': 'Ann'}, {'name': 'Bob'}]}"), {}, 1 });
        results.push_back({ { 1, 8, 20 }, parseQ("{'title': null, 'people': [{'name': 'Bob'}]}"), {}, 1 });
        const MergedResult merged = mergeChunkResults(results);
        QCOMPARE_JSON(merged.value, parseQ("{'title': 'Report', 'people': [{'name': 'Ann'}, {'name': 'Bob'}]}"));
        QVERIFY(merged.conflicts.empty()); // "Annex" came from a recall pass: not a vote
    }

    void plan_offAutoAndAlways()
    {
        ExtractionConfig config;
        config.messages.append(message("user", QStringLiteral("Extract:\n") + paragraphs(10, 8)));
        const QString doc = paragraphs(10, 8);
        const qint64 docTokens = estimateTokens(doc);
        const qint64 estimate = docTokens + 100; // the instruction and the schema: 100 tokens
        ChunkSettings settings;
        settings.maxChars = 1000;
        settings.overlapChars = 100;
        settings.passes = 2;
        settings.mergeKey = QStringLiteral("name");
        QVERIFY(!planChunkedRun(config, { doc }, settings, estimate, docTokens).chunked); // off

        settings.mode = ChunkingMode::Auto;
        QVERIFY(!planChunkedRun(config, { doc }, settings, estimate, estimate).chunked); // fits
        QVERIFY(!planChunkedRun(config, { doc }, settings, estimate, 0).chunked); // context unknown
        const ChunkPlan tooLong = planChunkedRun(config, { doc }, settings, estimate, docTokens);
        QVERIFY(tooLong.chunked);
        QCOMPARE(tooLong.document, doc); // the variable, not the instruction around it
        QCOMPARE(tooLong.options.chunking.maxChars, 1000);
        QCOMPARE(tooLong.options.passes, 2);
        QCOMPARE(tooLong.options.merge.itemKey, QStringLiteral("name"));
        QVERIFY(!tooLong.reason.isEmpty());
        // A small context makes smaller chunks: 3 characters per token of the room left (the
        // context less a quarter for the reply and the 100 tokens of the rest).
        const ChunkPlan small = planChunkedRun(config, { doc }, settings, estimate, 400);
        QVERIFY(small.chunked);
        QCOMPARE(small.options.chunking.maxChars, (400 - 100 - 100) * 3);
        QCOMPARE(small.options.chunking.overlapChars, 100);
        QCOMPARE(planChunkedRun(config, { doc }, settings, estimate, 150).options.chunking.maxChars, 500); // the least

        settings.mode = ChunkingMode::Always;
        QVERIFY(planChunkedRun(config, { doc }, settings, 10, 100000).chunked);
        settings.maxChars = int(config.messages.first().content.size());
        QVERIFY(!planChunkedRun(config, { doc }, settings, 10, 100000).chunked); // one chunk: a plain run
    }

    void chunkableDocument_longestVariableThatMakesUpTheMessage()
    {
        ExtractionConfig config;
        config.messages.append(message("system", QStringLiteral("sys")));
        config.messages.append(message("user", QStringLiteral("Find people in: a long text here.")));
        QCOMPARE(chunkableDocument(config, { QStringLiteral("a long text here."), QStringLiteral("text") }),
                 QStringLiteral("a long text here."));
        // A short variable is not the document: the whole message is.
        QCOMPARE(chunkableDocument(config, { QStringLiteral("text") }), config.messages.last().content);
        QCOMPARE(chunkableDocument(ExtractionConfig(), {}), QString());
    }
};

QTEST_GUILESS_MAIN(TestChunking)
#include "tst_chunking.moc"
