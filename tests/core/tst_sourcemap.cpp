// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontestsupport.h"
#include "json/jsonparser.h"
#include "json/jsonvaluelocator.h"
#include "json/sourcemap.h"

#include <QTest>

using namespace Formwork;
using Formwork::Test::rangeOf;

namespace {

// Keys with '/', '~', an empty key and a non-ASCII key (e-acute, t, e-acute) holding a euro sign.
const std::string document = "{\"a\": [10, {\"b\": \"x\"}], \"a/b\": 1, \"m~n\": 2, \"\": 3, "
                             "\"\xc3\xa9t\xc3\xa9\": \"\xe2\x82\xac\"}";

SourceMap mapOf(std::string_view text)
{
    auto parsed = parseJson(text);
    if (!parsed)
        qFatal("fixture does not parse: %s", qPrintable(parsed.error().message));
    return std::move(parsed)->sourceMap;
}

std::optional<SourceRange> at(std::string_view needle, std::size_t from = 0)
{
    return rangeOf(document, needle, from);
}

} // namespace

class TestSourceMap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void root_coversWholeDocument()
    {
        const SourceMap map = mapOf(document);
        QCOMPARE(map.valueRange(""), std::optional(SourceRange { 0, qsizetype(document.size()) }));
        QCOMPARE(map.keyRange(""), std::nullopt);
    }

    void objectMembers_haveValueAndKeyRanges()
    {
        const SourceMap map = mapOf(document);
        QCOMPARE(map.valueRange("/a"), at("[10, {\"b\": \"x\"}]"));
        QCOMPARE(map.keyRange("/a"), at("\"a\""));
        QCOMPARE(map.valueRange("/a/1/b"), at("\"x\""));
        QCOMPARE(map.keyRange("/a/1/b"), at("\"b\""));
        QCOMPARE(map.valueRange("/a/1"), at("{\"b\": \"x\"}"));
    }

    // Arrays of 64 elements or more are looked up through an element index; both ways must give
    // the same ranges, nested arrays and the last element included.
    void longArrays_elementsFoundByIndex_data()
    {
        QTest::addColumn<int>("length");
        QTest::newRow("walked (63)") << 63;
        QTest::newRow("indexed (64)") << 64;
        QTest::newRow("indexed (5000)") << 5000;
    }

    void longArrays_elementsFoundByIndex()
    {
        QFETCH(int, length);
        // {"items": [{"n": 0, "tags": [0, 0, ...]}, {"n": 1, ...}, ...]}, each element on its own line.
        std::string text = "{\"items\": [";
        std::vector<std::size_t> starts;
        for (int i = 0; i < length; ++i) {
            text += i ? ",\n" : "\n";
            starts.push_back(text.size());
            text += "{\"n\": " + std::to_string(i) + ", \"tags\": [";
            for (int t = 0; t < 70; ++t)
                text += t ? ", 7" : "7";
            text += "]}";
        }
        text += "\n]}";
        const SourceMap map = mapOf(text);
        for (const int i : { 0, 1, length / 2, length - 1 }) {
            const std::string element = "/items/" + std::to_string(i);
            const auto range = map.valueRange(element);
            QVERIFY2(range, element.c_str());
            QCOMPARE(range->begin, qsizetype(starts[std::size_t(i)]));
            QCOMPARE(text.at(std::size_t(range->end - 1)), '}');
            const auto number = map.valueRange(element + "/n");
            QVERIFY(number);
            QCOMPARE(text.substr(std::size_t(number->begin), std::size_t(number->length())), std::to_string(i));
            const auto lastTag = map.valueRange(element + "/tags/69");
            QVERIFY(lastTag);
            QCOMPARE(text.substr(std::size_t(lastTag->begin), 1), std::string("7"));
            QCOMPARE(map.valueRange(element + "/tags/70"), std::nullopt);
        }
        QCOMPARE(map.valueRange("/items/" + std::to_string(length)), std::nullopt);
    }

    void arrayElements_haveValueRangeButNoKey()
    {
        const SourceMap map = mapOf(document);
        QCOMPARE(map.valueRange("/a/0"), at("10"));
        QCOMPARE(map.keyRange("/a/0"), std::nullopt);
    }

    void escapedTokens_resolveToKeysWithSlashAndTilde()
    {
        const SourceMap map = mapOf(document);
        QCOMPARE(map.keyRange("/a~1b"), at("\"a/b\""));
        QCOMPARE(map.valueRange("/a~1b"), at("1", document.find("\"a/b\"")));
        QCOMPARE(map.keyRange("/m~0n"), at("\"m~n\""));
        QCOMPARE(map.valueRange("/m~0n"), at("2", document.find("\"m~n\"")));
        QCOMPARE(map.keyRange("/"), at("\"\""));
        QCOMPARE(map.valueRange("/"), at("3"));
    }

    void nonAsciiKey_rangesAreInBytes()
    {
        const SourceMap map = mapOf(document);
        const auto key = map.keyRange("/\xc3\xa9t\xc3\xa9");
        QVERIFY(key);
        QCOMPARE(key->length(), 7); // two quotes, two 2-byte letters and a 't'
        QCOMPARE(key, at("\"\xc3\xa9t\xc3\xa9\""));
        QCOMPARE(map.valueRange("/\xc3\xa9t\xc3\xa9"),
                 (std::optional(SourceRange { qsizetype(document.size()) - 6, qsizetype(document.size()) - 1 })));
    }

    void missingOrMalformedPointers_giveNothing_data()
    {
        QTest::addColumn<QByteArray>("pointer");
        QTest::newRow("unknown key") << QByteArray("/zzz");
        QTest::newRow("index past end") << QByteArray("/a/2");
        QTest::newRow("append position") << QByteArray("/a/-");
        QTest::newRow("leading zero index") << QByteArray("/a/01");
        QTest::newRow("key on array") << QByteArray("/a/b");
        QTest::newRow("child of scalar") << QByteArray("/a/0/x");
        QTest::newRow("no leading slash") << QByteArray("a");
        QTest::newRow("bad escape") << QByteArray("/m~2n");
        QTest::newRow("dangling tilde") << QByteArray("/m~");
        QTest::newRow("unescaped slash") << QByteArray("/a/b/c");
    }

    void missingOrMalformedPointers_giveNothing()
    {
        QFETCH(QByteArray, pointer);
        const SourceMap map = mapOf(document);
        const std::string_view view(pointer.constData(), std::size_t(pointer.size()));
        QCOMPARE(map.valueRange(view), std::nullopt);
        QCOMPARE(map.keyRange(view), std::nullopt);
    }

    void pointers_listEveryValueInDocumentOrder()
    {
        const SourceMap map = mapOf(document);
        const std::vector<std::string> expected { "",      "/a",     "/a/0",
                                                  "/a/1",  "/a/1/b", "/a~1b",
                                                  "/m~0n", "/",      "/\xc3\xa9t\xc3\xa9" };
        QCOMPARE(map.pointers(), expected);
        QCOMPARE(map.completePointers(), expected);
        QCOMPARE(map.size(), qsizetype(expected.size()));
        for (const std::string &pointer : expected)
            QVERIFY(map.isComplete(pointer));
    }

    void duplicateKey_pointsAtTheLastValue()
    {
        const std::string text = "{\"k\": {\"old\": 1}, \"k\": 2}";
        const SourceMap map = mapOf(text);
        QCOMPARE(map.valueRange("/k"), rangeOf(text, "2"));
        QCOMPARE(map.keyRange("/k"), rangeOf(text, "\"k\"", 2));
        QCOMPARE(map.valueRange("/k/old"), std::nullopt);
        QCOMPARE(map.pointers(), (std::vector<std::string> { "", "/k" }));
    }

    void shift_movesEveryRange()
    {
        SourceMap map = mapOf(document);
        map.shift(100);
        map.shift(-40);
        QCOMPARE(map.shiftAmount(), 60);
        const SourceRange original = *at("10");
        QCOMPARE(map.valueRange("/a/0"), std::optional(SourceRange { original.begin + 60, original.end + 60 }));
        const SourceRange key = *at("\"a\"");
        QCOMPARE(map.keyRange("/a"), std::optional(SourceRange { key.begin + 60, key.end + 60 }));
        QCOMPARE(map.pointerAt(original.begin + 60), std::optional<std::string>("/a/0"));
    }

    void pointerAt_findsInnermostValueOrKey()
    {
        const SourceMap map = mapOf(document);
        QCOMPARE(map.pointerAt(at("\"x\"")->begin + 1), std::optional<std::string>("/a/1/b"));
        QCOMPARE(map.pointerAt(at("\"a/b\"")->begin + 2), std::optional<std::string>("/a~1b"));
        QCOMPARE(map.pointerAt(at("{\"b\"")->begin), std::optional<std::string>("/a/1"));
        QCOMPARE(map.pointerAt(0), std::optional<std::string>(""));
        QCOMPARE(map.pointerAt(qsizetype(document.size())), std::nullopt);
        QCOMPARE(map.pointerAt(-1), std::nullopt);
    }

    void appendToken_escapesTildeAndSlash()
    {
        QCOMPARE(SourceMap::appendToken("/x", "a/b~c"), std::string("/x/a~1b~0c"));
        QCOMPARE(SourceMap::appendToken("", ""), std::string("/"));
    }

    // locateJsonValue() reads the text instead of a map: it must give the map's range for every
    // value, whatever the keys, escapes, white space and nesting.
    void locate_agreesWithTheMapForEveryValue_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("keys with / ~ empty and non-ASCII") << QByteArray::fromStdString(document);
        QTest::newRow("byte order mark and white space")
            << QByteArray("\xEF\xBB\xBF \n\t{ \"a\" :\r\n[ 1 , 2.5e3 ,\n-0 ] , \"b\"\t:\ttrue }\n ");
        QTest::newRow("escaped keys") << QByteArray("{\"a\\u002fb\": 1, \"q\\\"\": [2], \"t\\u007e\": {\"\\n\": 3}}");
        QTest::newRow("brackets and quotes inside strings")
            << QByteArray("{\"s\": \"]}{[\\\"\", \"n\": [\"[\", {\"x\": \"}\\\\\"}, []], \"e\": {}}");
        QTest::newRow("duplicate keys, the first with children")
            << QByteArray("{\"k\": {\"old\": [1, 2]}, \"j\": null, \"k\": {\"new\": false}}");
        QTest::newRow("nested arrays") << QByteArray("[[[]], [[1, [2, [3]]]], {\"a\": [{}, {\"b\": [null]}]}]");
        QTest::newRow("scalar document") << QByteArray("  \"just a string\"  ");
    }

    void locate_agreesWithTheMapForEveryValue()
    {
        QFETCH(QByteArray, text);
        const std::string_view view(text.constData(), std::size_t(text.size()));
        const auto parsed = parseJson(view);
        QVERIFY(parsed);
        const SourceMap &map = parsed->sourceMap;
        // Without duplicate keys (no warning) the first member with the name is the one.
        const auto duplicateKeys = parsed->warnings.isEmpty() ? DuplicateKeys::None : DuplicateKeys::Possible;
        for (const std::string &pointer : map.pointers()) {
            QVERIFY2(map.valueRange(pointer), pointer.c_str());
            QCOMPARE(locateJsonValue(view, pointer), map.valueRange(pointer));
            QCOMPARE(locateJsonValue(view, pointer, duplicateKeys), map.valueRange(pointer));
        }
        for (const char *missing : { "/zzz", "/0/9", "/k/old", "/a/01", "/a/-", "/m~2n", "a", "/s/x" })
            QCOMPARE(locateJsonValue(view, missing), map.valueRange(missing));
    }

    void locate_missingOrMalformedPointers_giveNothing_data() { missingOrMalformedPointers_giveNothing_data(); }

    void locate_missingOrMalformedPointers_giveNothing()
    {
        QFETCH(QByteArray, pointer);
        QCOMPARE(locateJsonValue(document, std::string_view(pointer.constData(), std::size_t(pointer.size()))),
                 std::nullopt);
    }

    void emptyMap_resolvesNothing()
    {
        const SourceMap map;
        QVERIFY(map.isEmpty());
        QCOMPARE(map.valueRange(""), std::nullopt);
        QCOMPARE(map.pointerAt(0), std::nullopt);
        QVERIFY(map.pointers().empty());
    }
};

QTEST_GUILESS_MAIN(TestSourceMap)
#include "tst_sourcemap.moc"
