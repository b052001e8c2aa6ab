// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/atomicfile.h"
#include "export/csvexport.h"
#include "export/jsonexport.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

// Test JSON is written with single quotes for readability.
Json parseQ(const char *text)
{
    return Json::parse(QString::fromUtf8(text).replace(u'\'', u'"').toStdString());
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

} // namespace

class TestExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void resultToJson_prettyKeyOrderKeptNonAsciiAsIs()
    {
        const Json value = parseQ("{'zeta': 1, 'alpha': {'b': [1, 2], 'a': 'Zoë ✓'}}");
        const QByteArray text = resultToJson(value);
        QCOMPARE(QString::fromUtf8(text),
                 QStringLiteral("{\n  \"zeta\": 1,\n  \"alpha\": {\n    \"b\": [\n      1,\n      2\n    ],\n"
                                "    \"a\": \"Zo\u00eb \u2713\"\n  }\n}\n"));
        QVERIFY(Json::parse(text.toStdString()) == value);
    }

    void resultToJson_invalidUtf8Replaced()
    {
        const Json value = Json::object({ { "bad", std::string("a\xff") } });
        QCOMPARE(resultToJson(value, -1), QByteArray("{\"bad\":\"a\xef\xbf\xbd\"}\n"));
    }

    void resultsToJsonLines_oneCompactValuePerLine()
    {
        const QByteArray lines = resultsToJsonLines({ parseQ("{'b': 1, 'a': 'x\\ny'}"), parseQ("[1, 2]") });
        QCOMPARE(lines, QByteArray("{\"b\":1,\"a\":\"x\\ny\"}\n[1,2]\n"));
        QCOMPARE(resultsToJsonLines({}), QByteArray());
    }

    void flatten_columnsInSchemaOrderThenExtraKeys()
    {
        const Json schema = parseQ("{'type': 'object', 'properties': {"
                                   "'name': {'type': 'string'},"
                                   "'address': {'type': 'object', 'properties': {'street': {}, 'city': {}}},"
                                   "'age': {'type': 'integer'}}}");
        // The value has the keys in another order and two the schema does not know.
        const Json value
            = parseQ("{'note': 'x', 'age': 36, 'address': {'city': 'London', 'zip': 'N1', 'street': 'Baker'},"
                     "'name': 'Ada'}");
        const CsvTable table = flattenRows({ value }, schema);
        QCOMPARE(table.header, list({ "name", "address.street", "address.city", "address.zip", "age", "note" }));
        QCOMPARE(table.rows.size(), 1);
        QCOMPARE(table.rows.first(), list({ "Ada", "Baker", "London", "N1", "36", "x" }));
    }

    void flatten_refToDefsIsFollowedAndRecursionStops()
    {
        const Json schema
            = parseQ("{'type': 'object', '$defs': {"
                     "  'Address': {'type': 'object', 'properties': {'city': {}, 'country': {}}},"
                     "  'Node': {'type': 'object', 'properties': {'label': {}, 'next': {'$ref': '#/$defs/Node'}}}},"
                     "'properties': {'home': {'$ref': '#/$defs/Address'},"
                     "  'work': {'anyOf': [{'$ref': '#/$defs/Address'}, {'type': 'null'}]},"
                     "  'list': {'$ref': '#/$defs/Node'}}}");
        const CsvTable empty = flattenRows({ Json::object() }, schema);
        QCOMPARE(empty.header,
                 list({ "home.city", "home.country", "work.city", "work.country", "list.label", "list.next" }));
        QCOMPARE(empty.rows.first(), QStringList(6, QString()));

        // The recursive part takes whatever the value has.
        const CsvTable deep = flattenRows({ parseQ("{'list': {'label': 'a', 'next': {'label': 'b'}}}") }, schema);
        QCOMPARE(deep.header,
                 list({ "home.city", "home.country", "work.city", "work.country", "list.label", "list.next.label" }));
        QCOMPARE(deep.rows.first(), list({ "", "", "", "", "a", "b" }));
    }

    void flatten_definitionsOfDraft7AndAllOf()
    {
        const Json schema = parseQ("{'definitions': {'Base': {'properties': {'id': {}}}},"
                                   "'allOf': [{'$ref': '#/definitions/Base'}], 'properties': {'title': {}}}");
        const CsvTable table = flattenRows({ parseQ("{'title': 't', 'id': 7}") }, schema);
        QCOMPARE(table.header, list({ "id", "title" }));
        QCOMPARE(table.rows.first(), list({ "7", "t" }));
    }

    void flatten_cellsForScalarsArraysAndNulls()
    {
        const Json value
            = parseQ("{'s': 'text', 'i': 3, 'f': 2.5, 'b': true, 'n': null,"
                     "'tags': ['red', 'green', 3, false], 'none': [],"
                     "'items': [{'sku': 'A', 'qty': 1}, {'sku': 'B'}], 'matrix': [[1, 2], [3]], 'obj': {}}");
        const CsvTable table = flattenRows({ value });
        QCOMPARE(table.header, list({ "s", "i", "f", "b", "n", "tags", "none", "items", "matrix", "obj" }));
        QCOMPARE(table.rows.first(),
                 list({ "text", "3", "2.5", "true", "", "red; green; 3; false", "",
                        "[{\"sku\":\"A\",\"qty\":1},{\"sku\":\"B\"}]", "[[1,2],[3]]", "{}" }));
    }

    void flatten_manyRowsShareColumnsAndLeaveGapsEmpty()
    {
        const Json schema = parseQ("{'properties': {'a': {}, 'b': {}}}");
        const CsvTable table
            = flattenRows({ parseQ("{'a': 1}"), parseQ("{'b': 2, 'c': 3}"), parseQ("{'d': {'e': 4}}") }, schema);
        QCOMPARE(table.header, list({ "a", "b", "c", "d.e" }));
        QCOMPARE(table.rows.size(), 3);
        QCOMPARE(table.rows.at(0), list({ "1", "", "", "" }));
        QCOMPARE(table.rows.at(1), list({ "", "2", "3", "" }));
        QCOMPARE(table.rows.at(2), list({ "", "", "", "4" }));
    }

    void flatten_objectInOneRowStringInAnother_bothKept()
    {
        const CsvTable table = flattenRows({ parseQ("{'a': {'x': 1}}"), parseQ("{'a': 'plain'}") });
        QCOMPARE(table.header, list({ "a", "a.x" }));
        QCOMPARE(table.rows.at(0), list({ "", "1" }));
        QCOMPARE(table.rows.at(1), list({ "plain", "" }));
    }

    void flatten_nonObjectValue_oneValueColumn()
    {
        const CsvTable table = flattenRows({ parseQ("[1, 2]"), Json("x") });
        QCOMPARE(table.header, list({ "value" }));
        QCOMPARE(table.rows.at(0), list({ "1; 2" }));
        QCOMPARE(table.rows.at(1), list({ "x" }));
    }

    void toCsv_quotesOnlyWhatMustBeQuoted()
    {
        CsvTable table;
        table.header = list({ "plain", "comma", "quote", "newline", "cr", "unicode", "space" });
        table.rows.append(list({ "abc", "a,b", "say \"hi\"", "line1\nline2", "a\rb", "Zoë — 東京", " padded " }));
        const QByteArray csv = toCsv(table);
        const QByteArray expected = "plain,comma,quote,newline,cr,unicode,space\r\n"
                                    "abc,\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"a\rb\","
            + QStringLiteral("Zo\u00eb \u2014 \u6771\u4eac").toUtf8() + ", padded \r\n";
        QCOMPARE(csv, expected);
    }

    void toCsv_shortRowsPaddedToHeader()
    {
        CsvTable table;
        table.header = list({ "a", "b", "c" });
        table.rows.append(list({ "1" }));
        QCOMPARE(toCsv(table), QByteArray("a,b,c\r\n1,,\r\n"));
    }

    void flattenAndCsv_endToEnd()
    {
        const Json schema = parseQ("{'properties': {'name': {}, 'facts': {'type': 'array'}}}");
        Json value = Json::object();
        value["name"] = "O'Brien, \"Pat\"";
        value["facts"] = Json::array({ "a;b", "c" });
        QCOMPARE(toCsv(flattenRows({ value }, schema)),
                 QByteArray("name,facts\r\n\"O'Brien, \"\"Pat\"\"\",a;b; c\r\n"));
    }

    void writeFileAtomically_writesAndReadsBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        const QByteArray bytes = toCsv(flattenRows({ parseQ("{'city': 'Zürich', 'n': 1}") }));
        QCOMPARE(writeFileAtomically(path, bytes), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("city,n\r\nZ\xc3\xbcrich,1\r\n"));
        file.close();

        // Overwrites as a whole.
        QCOMPARE(writeFileAtomically(path, "x"), QString());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("x"));
    }

    void writeFileAtomically_badPath_saysWhy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/dir/out.json"));
        const QString error = writeFileAtomically(path, "{}");
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("out.json")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!writeFileAtomically(QString(), "{}").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
