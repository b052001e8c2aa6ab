// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontestsupport.h"
#include "testdata.h"
#include "timebudget.h"
#include "json/jsonparser.h"

#include <QElapsedTimer>
#include <QTest>

#include <cstdint>
#include <limits>

using namespace Formwork;
using Formwork::Test::json;
using Json = nlohmann::ordered_json;
using Kind = JsonParseError::Kind;

Q_DECLARE_METATYPE(Formwork::JsonParseError::Kind)

namespace {

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

std::vector<std::string> keysOf(const Json &object)
{
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it)
        keys.push_back(it.key());
    return keys;
}

std::string nestedArrays(int depth)
{
    return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
}

} // namespace

class TestJsonParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validDocument_equalsNlohmannAndKeepsKeyOrder()
    {
        const char *text = "{\"z\": 1, \"a\": [true, false, null], \"m\": {\"s\": \"x\", \"e\": {}, \"l\": []}}";
        const auto parsed = parseJson(text);
        QVERIFY(parsed);
        COMPARE_JSON(parsed->value, json(text));
        QCOMPARE(keysOf(parsed->value), (std::vector<std::string> { "z", "a", "m" }));
        QVERIFY(parsed->warnings.isEmpty());
    }

    void surroundingWhitespace_isAllowed()
    {
        const auto parsed = parseJson(" \t\r\n[ 1 , 2 ]\n ");
        QVERIFY(parsed);
        COMPARE_JSON(parsed->value, json("[1, 2]"));
    }

    void byteOrderMark_isSkipped()
    {
        const auto parsed = parseJson("\xEF\xBB\xBF{\"a\": 1}");
        QVERIFY(parsed);
        COMPARE_JSON(parsed->value, json("{\"a\": 1}"));
        QCOMPARE(parsed->sourceMap.valueRange(""), std::optional(SourceRange { 3, 11 }));
        const auto alone = parseJson("\xEF\xBB\xBF");
        QVERIFY(!alone);
        QCOMPARE(alone.error().kind, Kind::EmptyDocument);
    }

    void numbers_keepTheirKindAndValue()
    {
        const auto parsed = parseJson("[0, -0, 18446744073709551615, -9223372036854775808, 18446744073709551616, 1.5, "
                                      "-2.5e-3, 1E2, 1e-400, -1e-400]");
        QVERIFY(parsed);
        const Json &v = parsed->value;
        QVERIFY(v[0].is_number_unsigned());
        QCOMPARE(v[0].get<std::uint64_t>(), 0u);
        QVERIFY(v[1].is_number_integer());
        QCOMPARE(v[1].get<std::int64_t>(), 0);
        QVERIFY(v[2].is_number_unsigned());
        QCOMPARE(v[2].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
        QVERIFY(v[3].is_number_integer() && !v[3].is_number_unsigned());
        QCOMPARE(v[3].get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
        QVERIFY(v[4].is_number_float());
        QCOMPARE(v[4].get<double>(), 18446744073709551616.0);
        QCOMPARE(v[5].get<double>(), 1.5);
        QCOMPARE(v[6].get<double>(), -0.0025);
        QCOMPARE(v[7].get<double>(), 100.0);
        QCOMPARE(v[8].get<double>(), 0.0); // below the smallest double: rounds to zero, not an error
        QCOMPARE(v[9].get<double>(), 0.0);
        QVERIFY(std::signbit(v[9].get<double>()));
    }

    void stringEscapes_areDecodedToUtf8()
    {
        const auto parsed
            = parseJson("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\u20AC \xc3\xa9 \\u0000\"");
        QVERIFY(parsed);
        const char expectedBytes[] = "q\" b\\ s/ \b\f\n\r\t \xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac \xc3\xa9 \0";
        const std::string expected(expectedBytes, sizeof expectedBytes - 1); // keeps the NUL
        QCOMPARE(parsed->value.get<std::string>(), expected);
    }

    void errors_reportKindAndPosition_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<qsizetype>("offset");
        QTest::addColumn<QString>("message");

        const auto row = [](const char *name, QByteArray input, Kind kind, qsizetype offset, const char *message) {
            QTest::newRow(name) << input << kind << offset << QString::fromUtf8(message);
        };
        row("empty", "   ", Kind::EmptyDocument, 3, "the document is empty");
        row("end in object", "{\"a\": 1", Kind::UnexpectedEndOfInput, 7, "unexpected end of input inside an object");
        row("end in array", "[1, ", Kind::UnexpectedEndOfInput, 4, "unexpected end of input inside an array");
        row("end in string", "\"abc", Kind::UnexpectedEndOfInput, 4, "unexpected end of input inside a string");
        row("end in literal", "nul", Kind::UnexpectedEndOfInput, 3,
            "unexpected end of input inside true, false or null");
        row("end in number", "1.", Kind::UnexpectedEndOfInput, 2, "unexpected end of input inside a number");
        // fuzz_json: a lone 0xEF was an unexpected character while partial parsing waited for more.
        row("end in byte order mark", "\xEF", Kind::UnexpectedEndOfInput, 1,
            "unexpected end of input inside the byte order mark");
        row("end in byte order mark, two bytes", "\xEF\xBB", Kind::UnexpectedEndOfInput, 2,
            "unexpected end of input inside the byte order mark");
        row("missing colon", "{\"a\" 1}", Kind::UnexpectedCharacter, 5, "expected ':' after object key");
        row("missing comma in object", "{\"a\": 1 \"b\": 2}", Kind::UnexpectedCharacter, 8,
            "expected ',' or '}' after object member");
        row("missing comma in array", "[1 2]", Kind::UnexpectedCharacter, 3, "expected ',' or ']' after array element");
        row("unquoted key", "{1:2}", Kind::UnexpectedCharacter, 1, "expected a string key or '}'");
        row("trailing comma in object", "{\"a\":1,}", Kind::UnexpectedCharacter, 7, "expected a string key after ','");
        row("trailing comma in array", "[1,]", Kind::UnexpectedCharacter, 3, "expected a value");
        row("not a value", "x", Kind::UnexpectedCharacter, 0, "expected a value");
        row("byte outside string", "\xff", Kind::UnexpectedCharacter, 0, "expected a value");
        row("bad literal", "[tru]", Kind::InvalidLiteral, 1, "invalid literal; expected true, false or null");
        row("leading zero", "01", Kind::InvalidNumber, 0, "invalid number: leading zeros are not allowed");
        row("no fraction digit", "1.x", Kind::InvalidNumber, 2,
            "invalid number: expected a digit after the decimal point");
        row("minus alone", "-a", Kind::InvalidNumber, 1, "invalid number: expected a digit after '-'");
        row("no exponent digit", "1ex", Kind::InvalidNumber, 2, "invalid number: expected a digit in the exponent");
        row("too large", "1e400", Kind::NumberOutOfRange, 0, "number is too large to be represented");
        row("too large negative", "[-1e999]", Kind::NumberOutOfRange, 1, "number is too large to be represented");
        row("raw tab", "\"a\tb\"", Kind::UnescapedControlCharacter, 2,
            "control character in string; it must be written as an escape such as \\n");
        row("bad escape", "\"a\\x\"", Kind::InvalidEscape, 2, "invalid escape sequence in string");
        row("bad hex", "\"\\u12g4\"", Kind::InvalidUnicodeEscape, 1,
            "invalid \\u escape: expected four hexadecimal digits");
        row("lone high surrogate", "\"\\ud800\"", Kind::LoneSurrogate, 1,
            "\\u escape is half of a UTF-16 surrogate pair without the other half");
        row("lone low surrogate", "\"\\udc00\"", Kind::LoneSurrogate, 1,
            "\\u escape is half of a UTF-16 surrogate pair without the other half");
        row("high surrogate then letter", "\"\\ud800\\u0041\"", Kind::LoneSurrogate, 1,
            "\\u escape is half of a UTF-16 surrogate pair without the other half");
        row("invalid byte", "\"\xff\"", Kind::InvalidUtf8, 1, "invalid UTF-8 byte sequence");
        row("overlong encoding", "\"\xc0\xaf\"", Kind::InvalidUtf8, 1, "invalid UTF-8 byte sequence");
        row("encoded surrogate", "\"\xed\xa0\x80\"", Kind::InvalidUtf8, 1, "invalid UTF-8 byte sequence");
        row("truncated sequence", "\"\xe2\x82\"", Kind::InvalidUtf8, 1, "invalid UTF-8 byte sequence");
        row("trailing text", "{} x", Kind::TrailingContent, 3, "unexpected text after the JSON value");
        row("two values", "1 2", Kind::TrailingContent, 2, "unexpected text after the JSON value");
    }

    void errors_reportKindAndPosition()
    {
        QFETCH(QByteArray, input);
        QFETCH(Kind, kind);
        QFETCH(qsizetype, offset);
        QFETCH(QString, message);

        const auto parsed = parseJson(view(input));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, kind);
        QCOMPARE(parsed.error().offset, offset);
        QCOMPARE(parsed.error().line, 1);
        QCOMPARE(parsed.error().column, int(offset) + 1);
        QCOMPARE(parsed.error().message, message);
    }

    // fuzz_json's invariant: a strict error that more text could mend is no error to partial
    // parsing, which waits (a stream may be cut inside the byte order mark).
    void cutInsideByteOrderMark_partialWaitsWhereStrictEndsEarly()
    {
        for (const std::string_view text : { std::string_view("\xEF"), std::string_view("\xEF\xBB") }) {
            QCOMPARE(parseJson(text).error().kind, Kind::UnexpectedEndOfInput);
            const PartialJson partial = parsePartialJson(text);
            QVERIFY(!partial.error);
            QVERIFY(!partial.complete);
            QVERIFY(!partial.hasValue);
        }
    }

    void errorOnLaterLine_hasLineAndColumn()
    {
        const auto parsed = parseJson("{\n  \"a\": 1\n  \"b\": 2\n}");
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().offset, 13);
        QCOMPARE(parsed.error().line, 3);
        QCOMPARE(parsed.error().column, 3);
    }

    void errorAfterNonAscii_columnCountsUtf16Units()
    {
        // e-acute is one UTF-16 unit, the emoji two: 10 units precede the 'x'.
        const auto parsed = parseJson("{\"\xc3\xa9\xf0\x9f\x98\x80\": 1 x}");
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().offset, 13);
        QCOMPARE(parsed.error().column, 11);
    }

    void hundredThousandOpenBrackets_failWithoutRecursion()
    {
        const std::string text(100000, '[');
        const auto parsed = parseJson(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, Kind::NestingTooDeep);
        QCOMPARE(parsed.error().offset, 512);
        QVERIFY(parsed.error().message.contains(QStringLiteral("512")));
    }

    void nestingAtTheLimit_parses()
    {
        QVERIFY(parseJson(nestedArrays(512)));
        const auto tooDeep = parseJson(nestedArrays(513));
        QVERIFY(!tooDeep);
        QCOMPARE(tooDeep.error().kind, Kind::NestingTooDeep);
    }

    void raisedDepthLimit_parsesVeryDeepDocument()
    {
        JsonParseOptions options;
        options.maxDepth = 200000;
        const auto parsed = parseJson(nestedArrays(100000), options);
        QVERIFY(parsed);
        QCOMPARE(parsed->sourceMap.size(), 100000);
        QCOMPARE(parsed->sourceMap.valueRange("/0/0"), std::optional(SourceRange { 2, 199998 }));
    }

    void duplicateKey_warnsAndLastValueWins()
    {
        const char *text = "{\"a\": 1, \"b\": 2, \"a\": 3}";
        const auto parsed = parseJson(text);
        QVERIFY(parsed);
        COMPARE_JSON(parsed->value, json("{\"a\": 3, \"b\": 2}"));
        QCOMPARE(keysOf(parsed->value), (std::vector<std::string> { "a", "b" }));
        QCOMPARE(parsed->warnings.size(), 1);
        const JsonWarning &warning = parsed->warnings.first();
        QCOMPARE(warning.kind, JsonWarning::Kind::DuplicateKey);
        QCOMPARE(warning.pointer, std::string("/a"));
        QCOMPARE(warning.range, (SourceRange { 17, 20 }));
        QCOMPARE(warning.line, 1);
        QCOMPARE(warning.column, 18);
        QCOMPARE(warning.message, QStringLiteral("duplicate key \"a\"; the last value is used"));
        QCOMPARE(parsed->sourceMap.valueRange("/a"), std::optional(SourceRange { 22, 23 }));
        QCOMPARE(parsed->sourceMap.keyRange("/a"), std::optional(SourceRange { 17, 20 }));
    }

    void duplicateKeyInNestedObject_warningHasFullPointer()
    {
        const auto parsed = parseJson("[{\"o\": {\"k~/\": 1, \"k~/\": [2]}}]");
        QVERIFY(parsed);
        QCOMPARE(parsed->warnings.size(), 1);
        QCOMPARE(parsed->warnings.first().pointer, std::string("/0/o/k~0~1"));
        COMPARE_JSON(parsed->value, json("[{\"o\": {\"k~/\": [2]}}]"));
    }

    void duplicateKeyInLargeObject_isFoundThroughTheIndex()
    {
        std::string text = "{";
        for (int i = 0; i < 100; ++i)
            text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
        text += "\"k5\": -1}";
        const auto parsed = parseJson(text);
        QVERIFY(parsed);
        QCOMPARE(parsed->value.size(), 100u);
        QCOMPARE(parsed->value["k5"].get<int>(), -1);
        QCOMPARE(keysOf(parsed->value).back(), std::string("k99"));
        QCOMPARE(parsed->warnings.size(), 1);
        QCOMPARE(parsed->warnings.first().pointer, std::string("/k5"));
    }

    void manyDuplicateKeys_areReportedQuicklyWithPositions()
    {
        std::string text = "{\n";
        for (int i = 0; i < 50000; ++i)
            text += "\"same\": " + std::to_string(i) + ",\n";
        text += "\"same\": -1}";
        QElapsedTimer timer;
        timer.start();
        const auto parsed = parseJson(text);
        QVERIFY(parsed);
        QCOMPARE_LT(timer.elapsed(), Test::timeBudgetMs(5000));
        QCOMPARE(parsed->warnings.size(), 50000);
        QCOMPARE(parsed->warnings.last().line, 50002);
        QCOMPARE(parsed->warnings.last().column, 1);
        QCOMPARE(parsed->value["same"].get<int>(), -1);
    }

    void sourceMapOff_leavesMapEmpty()
    {
        JsonParseOptions options;
        options.recordSourceMap = false;
        const auto parsed = parseJson("{\"a\": [1, 2]}", options);
        QVERIFY(parsed);
        QVERIFY(parsed->sourceMap.isEmpty());
        COMPARE_JSON(parsed->value, json("{\"a\": [1, 2]}"));
    }

    void fixtureDocument_equalsNlohmann()
    {
        const QByteArray text = Formwork::Test::readTestData(QStringLiteral("json/stream-reply.json"));
        const auto parsed = parseJson(view(text));
        QVERIFY(parsed);
        COMPARE_JSON(parsed->value, Json::parse(text.constData(), text.constData() + text.size()));
    }
};

QTEST_GUILESS_MAIN(TestJsonParser)
#include "tst_jsonparser.moc"
