// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsongrowth.h"
#include "jsontestsupport.h"
#include "testdata.h"
#include "json/jsonparser.h"

#include <QTest>

#include <algorithm>

using namespace Formwork;
using Formwork::Test::growsInto;
using Formwork::Test::json;
using Json = nlohmann::ordered_json;

namespace {

std::set<std::string, std::less<>> pointers(std::initializer_list<const char *> list)
{
    std::set<std::string, std::less<>> result;
    for (const char *pointer : list)
        result.insert(pointer);
    return result;
}

} // namespace

class TestJsonPartial final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyPrefix_hasNoValue()
    {
        for (const char *prefix : { "", "  \n" }) {
            const PartialJson partial = parsePartialJson(prefix);
            QVERIFY(!partial.hasValue);
            QVERIFY(!partial.complete);
            QVERIFY(!partial.error);
            QVERIFY(partial.completePointers.empty());
            QVERIFY(partial.sourceMap.isEmpty());
        }
    }

    void openContainers_areClosed()
    {
        const PartialJson partial = parsePartialJson("{\"a\": [1, {\"b\": null}, [");
        QVERIFY(partial.hasValue);
        QVERIFY(!partial.complete);
        QVERIFY(!partial.error);
        COMPARE_JSON(partial.value, json("{\"a\": [1, {\"b\": null}, []]}"));
        QCOMPARE(partial.completePointers, pointers({ "/a/0", "/a/1", "/a/1/b" }));
        QCOMPARE(partial.consumed, 24);
    }

    void openContainer_rangeEndsAtPrefixEndAndIsIncomplete()
    {
        const PartialJson partial = parsePartialJson("{\"a\": [1, ");
        QCOMPARE(partial.sourceMap.valueRange(""), std::optional(SourceRange { 0, 10 }));
        QCOMPARE(partial.sourceMap.valueRange("/a"), std::optional(SourceRange { 6, 10 }));
        QVERIFY(!partial.sourceMap.isComplete("/a"));
        QVERIFY(partial.sourceMap.isComplete("/a/0"));
    }

    void openString_isKeptAsFarAsItGoes()
    {
        const PartialJson partial = parsePartialJson("{\"name\": \"Ad");
        COMPARE_JSON(partial.value, json("{\"name\": \"Ad\"}"));
        QVERIFY(partial.completePointers.empty());
        QCOMPARE(partial.sourceMap.valueRange("/name"), std::optional(SourceRange { 9, 12 }));
    }

    void keyWithoutValue_isDropped_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::newRow("open key") << QByteArray("{\"a\": 1, \"b");
        QTest::newRow("closed key") << QByteArray("{\"a\": 1, \"b\"");
        QTest::newRow("after colon") << QByteArray("{\"a\": 1, \"b\": ");
        QTest::newRow("after comma") << QByteArray("{\"a\": 1, ");
    }

    void keyWithoutValue_isDropped()
    {
        QFETCH(QByteArray, prefix);
        const PartialJson partial = parsePartialJson(prefix.toStdString());
        QVERIFY(!partial.error);
        COMPARE_JSON(partial.value, json("{\"a\": 1}"));
        QCOMPARE(partial.completePointers, pointers({ "/a" }));
    }

    void numberOrLiteralThatMayGrow_isDropped_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("digits") << QByteArray("[1, 23") << QByteArray("[1]");
        QTest::newRow("minus") << QByteArray("[1, -") << QByteArray("[1]");
        QTest::newRow("point") << QByteArray("[1, 2.") << QByteArray("[1]");
        QTest::newRow("exponent") << QByteArray("[1, 2e") << QByteArray("[1]");
        QTest::newRow("literal") << QByteArray("[1, tr") << QByteArray("[1]");
        QTest::newRow("literal done") << QByteArray("[1, true") << QByteArray("[1, true]");
        QTest::newRow("number ended by space") << QByteArray("[1, 23 ") << QByteArray("[1, 23]");
        QTest::newRow("member number") << QByteArray("{\"a\": 12") << QByteArray("{}");
    }

    void numberOrLiteralThatMayGrow_isDropped()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, expected);
        const PartialJson partial = parsePartialJson(prefix.toStdString());
        QVERIFY(!partial.error);
        COMPARE_JSON(partial.value, json(expected.constData()));
    }

    void incompleteEscapeOrCharacter_isDropped_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("backslash") << QByteArray("\"ab\\") << QByteArray("ab");
        QTest::newRow("short unicode escape") << QByteArray("\"ab\\u00") << QByteArray("ab");
        QTest::newRow("high surrogate alone") << QByteArray("\"x\\ud83d") << QByteArray("x");
        QTest::newRow("high surrogate and backslash") << QByteArray("\"x\\ud83d\\") << QByteArray("x");
        QTest::newRow("half of low surrogate") << QByteArray("\"x\\ud83d\\ude") << QByteArray("x");
        QTest::newRow("full pair") << QByteArray("\"x\\ud83d\\ude00") << QByteArray("x\xf0\x9f\x98\x80");
        QTest::newRow("cut UTF-8 sequence") << QByteArray("\"caf\xc3") << QByteArray("caf");
        QTest::newRow("cut 4-byte sequence") << QByteArray("\"a\xf0\x9f\x98") << QByteArray("a");
    }

    void incompleteEscapeOrCharacter_isDropped()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, expected);
        const PartialJson partial = parsePartialJson(prefix.toStdString());
        QVERIFY(!partial.error);
        QVERIFY(partial.hasValue);
        COMPARE_JSON(partial.value, Json(expected.toStdString()));
    }

    void wholeDocument_isComplete()
    {
        const std::string text = "{\"a\": [1, 2], \"b\": \"c\"}  \n";
        const PartialJson partial = parsePartialJson(text);
        QVERIFY(partial.complete);
        QVERIFY(!partial.error);
        QCOMPARE(partial.consumed, qsizetype(text.size()));
        COMPARE_JSON(partial.value, json(text.c_str()));
        QCOMPARE(partial.completePointers, pointers({ "", "/a", "/a/0", "/a/1", "/b" }));
    }

    void syntaxError_stopsThereWithValueSoFar()
    {
        const PartialJson partial = parsePartialJson("{\"a\": 1, ] more");
        QVERIFY(partial.error);
        QCOMPARE(partial.error->kind, JsonParseError::Kind::UnexpectedCharacter);
        QCOMPARE(partial.error->offset, 9);
        QCOMPARE(partial.consumed, 9);
        QVERIFY(!partial.complete);
        COMPARE_JSON(partial.value, json("{\"a\": 1}"));
        QCOMPARE(partial.sourceMap.valueRange(""), std::optional(SourceRange { 0, 9 }));
    }

    void deepPrefix_failsWithoutRecursion()
    {
        const PartialJson partial = parsePartialJson(std::string(100000, '['));
        QVERIFY(partial.error);
        QCOMPARE(partial.error->kind, JsonParseError::Kind::NestingTooDeep);
        QCOMPARE(partial.consumed, 512);
    }

    void duplicateKeyInPrefix_isWarned()
    {
        const PartialJson partial = parsePartialJson("{\"a\": 1, \"a\": \"x");
        COMPARE_JSON(partial.value, json("{\"a\": \"x\"}"));
        QCOMPARE(partial.warnings.size(), 1);
    }

    void replyFedByteByByte_growsIntoTheFullValue()
    {
        const QByteArray bytes = Formwork::Test::readTestData(QStringLiteral("json/stream-reply.json"));
        const std::string reply = bytes.toStdString();
        const auto full = parseJson(reply);
        QVERIFY(full);

        PartialJson previous = parsePartialJson({});
        int distinctValues = 0;
        for (std::size_t length = 1; length <= reply.size(); ++length) {
            const PartialJson partial = parsePartialJson(std::string_view(reply).substr(0, length));
            const QByteArray where = "prefix of " + QByteArray::number(qulonglong(length)) + " bytes";
            QVERIFY2(!partial.error, where.constData());
            QCOMPARE(partial.consumed, qsizetype(length));
            if (previous.hasValue) {
                QVERIFY2(growsInto(previous.value, partial.value), where.constData());
                QVERIFY2(std::includes(partial.completePointers.begin(), partial.completePointers.end(),
                                       previous.completePointers.begin(), previous.completePointers.end()),
                         where.constData());
                if (previous.value != partial.value)
                    ++distinctValues;
            }
            for (const std::string &pointer : partial.completePointers) {
                const Json::json_pointer path(pointer);
                QVERIFY2(partial.value.at(path) == full->value.at(path),
                         QByteArray(where + " at " + pointer.c_str()).constData());
            }
            previous = partial;
        }
        QVERIFY(previous.complete);
        COMPARE_JSON(previous.value, full->value);
        QCOMPARE(previous.completePointers.size(), std::size_t(full->sourceMap.size()));
        QCOMPARE_GT(distinctValues, 100); // strings show up character by character
    }
};

QTEST_GUILESS_MAIN(TestJsonPartial)
#include "tst_jsonpartial.moc"
