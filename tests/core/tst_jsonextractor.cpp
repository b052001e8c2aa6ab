// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontestsupport.h"
#include "timebudget.h"
#include "json/jsonextractor.h"

#include <QTest>

using namespace Formwork;
using Formwork::Test::json;
using Formwork::Test::rangeOf;
using Source = ExtractedJson::Source;

Q_DECLARE_METATYPE(Formwork::ExtractedJson::Source)

class TestJsonExtractor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extraction_findsTheIntendedJson_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<Source>("source");

        QTest::newRow("bare object") << QByteArray("{\"a\": 1}") << QByteArray("{\"a\": 1}") << Source::BracketedText;
        QTest::newRow("json fence") << QByteArray("Sure!\n```json\n{\"a\": 1}\n```\nDone.") << QByteArray("{\"a\": 1}")
                                    << Source::JsonCodeFence;
        QTest::newRow("fence beats earlier prose json") << QByteArray("Like {\"x\": 0} but:\n```json\n{\"a\": 1}\n```")
                                                        << QByteArray("{\"a\": 1}") << Source::JsonCodeFence;
        QTest::newRow("uppercase fence tag")
            << QByteArray("```JSON\n[1, 2]\n```") << QByteArray("[1, 2]") << Source::JsonCodeFence;
        QTest::newRow("json fence beats plain fence") << QByteArray("```\n{\"p\": 1}\n```\n```json\n{\"j\": 1}\n```")
                                                      << QByteArray("{\"j\": 1}") << Source::JsonCodeFence;
        QTest::newRow("plain fence") << QByteArray("Here:\n```\n[{\"id\": 1}]\n```") << QByteArray("[{\"id\": 1}]")
                                     << Source::CodeFence;
        QTest::newRow("fence on one line")
            << QByteArray("```json {\"a\": true}```") << QByteArray("{\"a\": true}") << Source::JsonCodeFence;
        QTest::newRow("unclosed fence") << QByteArray("```json\n{\"a\": [1]}\n") << QByteArray("{\"a\": [1]}")
                                        << Source::JsonCodeFence;
        QTest::newRow("other language fence is skipped")
            << QByteArray("```python\nd = {\"py\": 1}\n```\nAnswer: {\"b\": 2}") << QByteArray("{\"b\": 2}")
            << Source::BracketedText;
        QTest::newRow("prose around") << QByteArray("Sure! Here it is: {\"name\": \"Ada\"} Hope that helps {:}")
                                      << QByteArray("{\"name\": \"Ada\"}") << Source::BracketedText;
        QTest::newRow("braces inside strings")
            << QByteArray("Result {\"open\": \"{\", \"close\": \"}}\", \"q\": \"say \\\"}\\\" now\"} end }")
            << QByteArray("{\"open\": \"{\", \"close\": \"}}\", \"q\": \"say \\\"}\\\" now\"}")
            << Source::BracketedText;
        QTest::newRow("top-level array") << QByteArray("The list: [1, 2, [3]]. Thanks.") << QByteArray("[1, 2, [3]]")
                                         << Source::BracketedText;
        QTest::newRow("prose brackets skipped") << QByteArray("See [note 1] and {the docs}, then {\"a\": 1}")
                                                << QByteArray("{\"a\": 1}") << Source::BracketedText;
        QTest::newRow("think block ignored")
            << QByteArray("<think>Maybe {\"wrong\": true}? Or ```json\n{\"w\": 2}\n```</think>\n{\"right\": true}")
            << QByteArray("{\"right\": true}") << Source::BracketedText;
        QTest::newRow("thinking without opening tag")
            << QByteArray("The user wants {\"x\": 1}.\n</think>\n\n{\"y\": 2}") << QByteArray("{\"y\": 2}")
            << Source::BracketedText;
        QTest::newRow("several think blocks") << QByteArray("<think>[0]</think>{\"a\": 1}<think>{\"b\": 2}</think>")
                                              << QByteArray("{\"a\": 1}") << Source::BracketedText;
        QTest::newRow("invalid object kept for its error")
            << QByteArray("Result: {name: 'Ada'} ok") << QByteArray("{name: 'Ada'}") << Source::BracketedText;
        QTest::newRow("cut-off reply") << QByteArray("Answer: {\"a\": [1, 2  \n") << QByteArray("{\"a\": [1, 2")
                                       << Source::UnclosedText;
        // Three backticks inside a JSON string are text, not a fence (issue 11).
        QTest::newRow("code snippet in a string")
            << QByteArray("{\"code\": \"```python\\nprint(1)\\n```\", \"n\": 1}")
            << QByteArray("{\"code\": \"```python\\nprint(1)\\n```\", \"n\": 1}") << Source::BracketedText;
        QTest::newRow("markdown field with a bare fence")
            << QByteArray("{\"md\": \"```\\n{\\\"a\\\": 1}\\n```\", \"ok\": true}")
            << QByteArray("{\"md\": \"```\\n{\\\"a\\\": 1}\\n```\", \"ok\": true}") << Source::BracketedText;
        QTest::newRow("one backtick run in a string")
            << QByteArray("{\"s\": \"a ``` b\", \"t\": [1]}") << QByteArray("{\"s\": \"a ``` b\", \"t\": [1]}")
            << Source::BracketedText;
        QTest::newRow("fenced reply with a fence in a string")
            << QByteArray("```json\n{\"code\": \"```js\\nx()\\n```\"}\n```\nDone.")
            << QByteArray("{\"code\": \"```js\\nx()\\n```\"}") << Source::JsonCodeFence;
        QTest::newRow("prose then json with a fence in a string")
            << QByteArray("Here: {\"cmd\": \"```sh\\nls\\n```\"} done.")
            << QByteArray("{\"cmd\": \"```sh\\nls\\n```\"}") << Source::BracketedText;
        QTest::newRow("invalid reply keeps its fence-holding string")
            << QByteArray("{\"code\": \"```py\\nx\\n```\", }") << QByteArray("{\"code\": \"```py\\nx\\n```\", }")
            << Source::BracketedText;
    }

    void extraction_findsTheIntendedJson()
    {
        QFETCH(QByteArray, reply);
        QFETCH(QByteArray, expected);
        QFETCH(Source, source);

        const std::string text = reply.toStdString();
        const auto extracted = extractJson(text);
        QVERIFY(extracted);
        QCOMPARE(QByteArray::fromStdString(extracted->text), expected);
        QCOMPARE(extracted->source, source);
        QCOMPARE(text.substr(std::size_t(extracted->span.begin), std::size_t(extracted->span.length())),
                 extracted->text);
        // The span is where the JSON really sits in the reply, not a copy found elsewhere.
        const std::size_t searchFrom = std::size_t(extracted->span.begin);
        QCOMPARE(extracted->span, rangeOf(text, expected.toStdString(), searchFrom));
    }

    void nothingLikeJson_givesNoResult_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("prose") << QByteArray("I cannot help with that.");
        QTest::newRow("only thinking") << QByteArray("<think>{\"a\": 1}</think>\nNo answer.");
        QTest::newRow("unclosed thinking") << QByteArray("<think>I would answer {\"a\": 1} but");
        QTest::newRow("empty fence") << QByteArray("```json\n```");
        QTest::newRow("closing brackets only") << QByteArray("}} ]]");
    }

    void nothingLikeJson_givesNoResult()
    {
        QFETCH(QByteArray, reply);
        QVERIFY(!extractJson(reply.toStdString()));
    }

    void thinkingRanges_coverTagsAndContent()
    {
        const std::string text = "pre</think>mid<think>x</think>end<think>open";
        const std::vector<SourceRange> ranges = thinkingRanges(text);
        QCOMPARE(ranges.size(), 3u);
        QCOMPARE(ranges[0], (SourceRange { 0, 11 }));
        QCOMPARE(ranges[1], rangeOf(text, "<think>x</think>"));
        QCOMPARE(ranges[2], (SourceRange { qsizetype(text.find("<think>open")), qsizetype(text.size()) }));
    }

    void parsedExtraction_reportsOffsetsInTheReply()
    {
        const std::string reply
            = "<think>plan</think>\nHere you go:\n```json\n{\"city\": \"Paris\", \"tags\": [\"a\"]}\n```";
        const auto extracted = extractJson(reply);
        QVERIFY(extracted);
        const auto parsed = parseExtractedJson(*extracted, reply);
        QVERIFY(parsed);
        COMPARE_JSON(parsed->value, json("{\"city\": \"Paris\", \"tags\": [\"a\"]}"));
        QCOMPARE(parsed->sourceMap.valueRange("/city"), rangeOf(reply, "\"Paris\""));
        QCOMPARE(parsed->sourceMap.keyRange("/tags"), rangeOf(reply, "\"tags\""));
        QCOMPARE(parsed->sourceMap.valueRange("/tags/0"), rangeOf(reply, "\"a\""));
        QCOMPARE(parsed->sourceMap.valueRange(""), std::optional(extracted->span));
    }

    void parsedExtractionError_isLocatedInTheReply()
    {
        const std::string reply = "Line one\nLine two: {\"a\": 1,\n  \"b\" 2}";
        const auto extracted = extractJson(reply);
        QVERIFY(extracted);
        const auto parsed = parseExtractedJson(*extracted, reply);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, JsonParseError::Kind::UnexpectedCharacter);
        QCOMPARE(parsed.error().offset, qsizetype(reply.find("2}")));
        QCOMPARE(parsed.error().line, 3);
        QCOMPARE(parsed.error().column, 7);
    }

    void parsedExtractionWarning_isLocatedInTheReply()
    {
        const std::string reply = "x\n{\"k\": 1, \"k\": 2}";
        const auto extracted = extractJson(reply);
        QVERIFY(extracted);
        const auto parsed = parseExtractedJson(*extracted, reply);
        QVERIFY(parsed);
        QCOMPARE(parsed->warnings.size(), 1);
        QCOMPARE(parsed->warnings.first().range, rangeOf(reply, "\"k\"", 4));
        QCOMPARE(parsed->warnings.first().line, 2);
        QCOMPARE(parsed->warnings.first().column, 10);
    }

    void manyStrayBrackets_stayFast()
    {
        std::string reply(200000, '{');
        reply += "{\"a\": 1}";
        QElapsedTimer timer;
        timer.start();
        const auto extracted = extractJson(reply);
        QVERIFY(extracted);
        QCOMPARE(extracted->source, Source::UnclosedText);
        QCOMPARE_LT(timer.elapsed(), Test::timeBudgetMs(5000));
    }
};

QTEST_GUILESS_MAIN(TestJsonExtractor)
#include "tst_jsonextractor.moc"
