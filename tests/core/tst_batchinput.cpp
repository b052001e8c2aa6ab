// SPDX-License-Identifier: GPL-3.0-or-later
// Batch inputs (CSV, JSONL, folders), expected-value agreement and the row export.
#include "batch/batchinput.h"
#include "batch/expectedcompare.h"
#include "documents/documenttext.h"
#include "export/rowexport.h"
#include "jsoncompare.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using Formwork::Test::testDataPath;
using Json = nlohmann::ordered_json;

namespace {

QString valueOf(const BatchRow &row, const QString &name)
{
    for (const PromptVariable &v : row.variables) {
        if (v.name == name)
            return v.value;
    }
    return QStringLiteral("<missing>");
}

QString csvError(const QByteArray &bytes, const BatchInputOptions &options = {})
{
    auto input = parseCsvInput(bytes, QStringLiteral("rows.csv"), options);
    return input ? QString() : input.error();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestBatchInput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void csv_quotesAndEmbeddedNewlines_keptInTheField()
    {
        const QByteArray bytes = "name,notes\r\nAda,\"says \"\"hi\"\", then\nleaves\"\r\nBob,plain\r\n";
        auto input = parseCsvInput(bytes, QStringLiteral("rows.csv"));
        QVERIFY2(input, qPrintable(input ? QString() : input.error()));
        QCOMPARE(input->columns, QStringList({ QStringLiteral("name"), QStringLiteral("notes") }));
        QCOMPARE(input->rows.size(), 2);
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("notes")), QStringLiteral("says \"hi\", then\nleaves"));
        QCOMPARE(input->rows.at(0).id, QStringLiteral("1"));
        QCOMPARE(input->rows.at(0).reference, QStringLiteral("rows.csv:2"));
        // The first record spans lines 2 and 3, so Bob starts on line 4.
        QCOMPARE(input->rows.at(1).reference, QStringLiteral("rows.csv:4"));
        QCOMPARE(valueOf(input->rows.at(1), QStringLiteral("name")), QStringLiteral("Bob"));
    }

    void idColumn_distinctValues_nameTheRows()
    {
        auto named = parseCsvInput("id,text\nc1,a\nc2,b\n", QStringLiteral("rows.csv"));
        QVERIFY(named);
        QCOMPARE(named->rows.at(1).id, QStringLiteral("c2"));
        QCOMPARE(valueOf(named->rows.at(1), QStringLiteral("id")), QStringLiteral("c2")); // still a variable
        auto repeated = parseCsvInput("id,text\nc1,a\nc1,b\n", QStringLiteral("rows.csv"));
        QVERIFY(repeated);
        QCOMPARE(repeated->rows.at(1).id, QStringLiteral("2"));
        auto lines = parseJsonLinesInput("{\"id\": 7}\n{\"id\": 9}\n", QStringLiteral("rows.jsonl"));
        QVERIFY(lines);
        QCOMPARE(lines->rows.at(0).id, QStringLiteral("7"));
    }

    void csv_bomAndLfEndings_bomDropped()
    {
        auto input = parseCsvInput("\xEF\xBB\xBFname,city\nAda,K\xC3\xB6ln\n", QStringLiteral("rows.csv"));
        QVERIFY(input);
        QCOMPARE(input->columns.constFirst(), QStringLiteral("name"));
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("city")), QString::fromUtf8("K\xC3\xB6ln"));
    }

    void csv_emptyCellsAndNoFinalNewline_kept()
    {
        auto input = parseCsvInput("a,b,c\n,,\n1,,3", QStringLiteral("rows.csv"));
        QVERIFY(input);
        QCOMPARE(input->rows.size(), 2);
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("b")), QString());
        QCOMPARE(valueOf(input->rows.at(1), QStringLiteral("c")), QStringLiteral("3"));
        QCOMPARE(valueOf(input->rows.at(1), QStringLiteral("b")), QString());
    }

    void csv_quotedEmptyField_isARowOfItsOwn()
    {
        auto input = parseCsvInput("a\n\"\"\n\nx\n", QStringLiteral("rows.csv"));
        QVERIFY(input);
        QCOMPARE(input->rows.size(), 2); // the blank line is skipped, the quoted empty field is not
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("a")), QString());
    }

    void csv_raggedRow_namesFileAndLine()
    {
        const QString error = csvError("a,b\n1,2\n3\n4,5\n");
        QVERIFY2(error.startsWith(QStringLiteral("rows.csv:3: ")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("1 fields but the header has 2")), qPrintable(error));
    }

    void csv_raggedRowAfterEmbeddedNewline_countsPhysicalLines()
    {
        const QString error = csvError("a,b\n\"x\ny\",2\n1,2,3\n");
        QVERIFY2(error.startsWith(QStringLiteral("rows.csv:4: ")), qPrintable(error));
    }

    void csv_badQuotes_clearErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("words");
        QTest::newRow("quote inside unquoted") << QByteArray("a,b\n1,x\"y\n") << QStringLiteral("rows.csv:2: ")
                                               << QStringLiteral("quote inside an unquoted field");
        QTest::newRow("text after closing quote") << QByteArray("a,b\n\"1\"x,2\n") << QStringLiteral("rows.csv:2: ")
                                                  << QStringLiteral("after a closing quote");
        QTest::newRow("never closed") << QByteArray("a\nok\n\"open\nmore\n") << QStringLiteral("rows.csv:3: ")
                                      << QStringLiteral("never closed");
    }
    void csv_badQuotes_clearErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, start);
        QFETCH(QString, words);
        const QString error = csvError(bytes);
        QVERIFY2(error.startsWith(start), qPrintable(error));
        QVERIFY2(error.contains(words), qPrintable(error));
    }

    void csv_invalidUtf8_namesLine()
    {
        const QString error = csvError("a\nok\nbad \xFF\xFE here\n");
        QVERIFY2(error.startsWith(QStringLiteral("rows.csv:3: ")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("UTF-8")));
    }

    void csv_headerProblems_refused()
    {
        QVERIFY(csvError("").contains(QStringLiteral("header row")));
        QVERIFY(csvError("a,,c\n1,2,3\n").contains(QStringLiteral("column 2 of the header has no name")));
        QVERIFY(csvError("a,a\n1,2\n").contains(QStringLiteral("names 'a' twice")));
    }

    void csv_expectedColumn_parsedAndNotAVariable()
    {
        BatchInputOptions options;
        options.expectedColumn = QStringLiteral("expected");
        auto input = parseCsvInput("text,expected\nhi,\"{\"\"a\"\": 1}\"\nno,\n", QStringLiteral("rows.csv"), options);
        QVERIFY2(input, qPrintable(input ? QString() : input.error()));
        QCOMPARE(input->columns, QStringList({ QStringLiteral("text") }));
        QCOMPARE(input->rows.at(0).variables.size(), 1);
        QVERIFY(input->rows.at(0).expected.has_value());
        QCOMPARE_JSON(*input->rows.at(0).expected, Json::parse("{\"a\":1}"));
        QVERIFY(!input->rows.at(1).expected.has_value());

        QVERIFY(csvError("text,expected\nhi,{oops\n", options).startsWith(QStringLiteral("rows.csv:2: ")));
        QVERIFY(csvError("text,other\nhi,1\n", options).contains(QStringLiteral("no column 'expected'")));
    }

    void jsonl_objectsAndBlankLines_rowsWithLineReferences()
    {
        BatchInputOptions options;
        options.expectedColumn = QStringLiteral("gold");
        const QByteArray bytes
            = "{\"text\": \"a\", \"n\": 2, \"gold\": {\"x\": 1}}\n\n{\"text\": \"b\", \"gold\": \"[1]\"}\n";
        auto input = parseJsonLinesInput(bytes, QStringLiteral("rows.jsonl"), options);
        QVERIFY2(input, qPrintable(input ? QString() : input.error()));
        QCOMPARE(input->rows.size(), 2);
        QCOMPARE(input->rows.at(1).reference, QStringLiteral("rows.jsonl:3"));
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("n")), QStringLiteral("2"));
        QCOMPARE_JSON(*input->rows.at(0).expected, Json::parse("{\"x\":1}"));
        QCOMPARE_JSON(*input->rows.at(1).expected, Json::parse("[1]"));
        QCOMPARE(input->columns, QStringList({ QStringLiteral("text"), QStringLiteral("n") }));
    }

    void jsonl_lineThatIsNotAnObject_namesLine()
    {
        auto input = parseJsonLinesInput("{\"a\":1}\n[1,2]\n", QStringLiteral("rows.jsonl"));
        QVERIFY(!input);
        QVERIFY2(input.error().startsWith(QStringLiteral("rows.jsonl:2: ")), qPrintable(input.error()));
        auto broken = parseJsonLinesInput("{\"a\":1}\n{\"a\":\n", QStringLiteral("rows.jsonl"));
        QVERIFY(!broken);
        QVERIFY(broken.error().startsWith(QStringLiteral("rows.jsonl:2: ")));
        auto utf = parseJsonLinesInput("{\"a\":1}\n{\"a\":\"\xC3\"}\n", QStringLiteral("rows.jsonl"));
        QVERIFY(!utf);
        QVERIFY(utf.error().startsWith(QStringLiteral("rows.jsonl:2: ")));
    }

    void folder_txtAndMdFiles_textAndFilename()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b.md")), "# B\n"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a.txt")), "alpha"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("c.pdf")), "%PDF"));
        auto input = readBatchInput(dir.path());
        QVERIFY2(input, qPrintable(input ? QString() : input.error()));
        QCOMPARE(input->rows.size(), 2);
        QCOMPARE(input->rows.at(0).id, QStringLiteral("a.txt"));
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("text")), QStringLiteral("alpha"));
        QCOMPARE(valueOf(input->rows.at(1), QStringLiteral("filename")), QStringLiteral("b.md"));
        QCOMPARE(input->columns, QStringList({ QStringLiteral("text"), QStringLiteral("filename") }));

        const QByteArray before = input->fingerprint;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a.txt")), "alpha2"));
        QVERIFY(readBatchInput(dir.path())->fingerprint != before);
    }

    // With the document reader of formwork_documents (as the CLI and the window use it), a folder
    // of PDFs and HTML pages is a batch like a folder of text files (issue 13).
    void folder_pdfAndHtmlFiles_readAsText()
    {
        if (!pdfSupported())
            QSKIP("built without Poppler");
        QTemporaryDir dir;
        QVERIFY(QFile::copy(testDataPath(QStringLiteral("documents/two-pages.pdf")),
                            dir.filePath(QStringLiteral("a-invoice.pdf"))));
        QVERIFY(
            writeFile(dir.filePath(QStringLiteral("b-page.html")), "<html><body><p>Bob &amp; Co</p></body></html>"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("c-note.txt")), "plain"));
        BatchInputOptions options;
        options.documents = documentReaderForBatches();
        auto input = readBatchInput(dir.path(), options);
        QVERIFY2(input, qPrintable(input ? QString() : input.error()));
        QCOMPARE(input->rows.size(), 3);
        QCOMPARE(input->rows.at(0).id, QStringLiteral("a-invoice.pdf"));
        const QString pdfText = valueOf(input->rows.at(0), QStringLiteral("text"));
        QVERIFY2(pdfText.contains(QStringLiteral("Acme Corp.")) && pdfText.contains(QStringLiteral("Ada Lovelace")),
                 qPrintable(pdfText));
        QCOMPARE(valueOf(input->rows.at(1), QStringLiteral("text")).trimmed(), QStringLiteral("Bob & Co"));
        QCOMPARE(valueOf(input->rows.at(2), QStringLiteral("text")), QStringLiteral("plain"));
        QCOMPARE(valueOf(input->rows.at(0), QStringLiteral("filename")), QStringLiteral("a-invoice.pdf"));
    }

    void folder_brokenPdf_refusedNamingTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a.txt")), "alpha"));
        const QString broken = dir.filePath(QStringLiteral("b.pdf"));
        QVERIFY(writeFile(broken, "%PDF-1.4 not really"));
        BatchInputOptions options;
        options.documents = documentReaderForBatches();
        auto input = readBatchInput(dir.path(), options);
        QVERIFY(!input);
        QVERIFY2(input.error().contains(QStringLiteral("b.pdf")), qPrintable(input.error()));
        QTemporaryDir empty;
        auto nothing = readBatchInput(empty.path(), options);
        QVERIFY(!nothing);
        QVERIFY2(nothing.error().contains(QStringLiteral(".pdf")), qPrintable(nothing.error()));
    }

    void readBatchInput_unknownOrMissing_refused()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("rows.xlsx")), "x"));
        auto unknown = readBatchInput(dir.filePath(QStringLiteral("rows.xlsx")));
        QVERIFY(!unknown);
        QVERIFY(unknown.error().contains(QStringLiteral("unknown input type")));
        QVERIFY(!readBatchInput(dir.filePath(QStringLiteral("none.csv"))));
        QTemporaryDir empty;
        auto nothing = readBatchInput(empty.path());
        QVERIFY(!nothing);
        QVERIFY(nothing.error().contains(QStringLiteral("no .txt or .md")));
    }

    void defaultTemplate_listsEveryColumn()
    {
        const QString text = defaultBatchTemplate({ QStringLiteral("name"), QStringLiteral("city") });
        QVERIFY(text.contains(QStringLiteral("name: {{name}}\ncity: {{city}}\n")));
        QCOMPARE(templateVariableNames(text), QStringList({ QStringLiteral("name"), QStringLiteral("city") }));
    }

    void expected_comparedLeafByLeaf()
    {
        const Json expected
            = Json::parse("{\"name\":\"Ada\",\"age\":36,\"tags\":[\"a\",\"b\"],\"addr\":{\"city\":\"K\"}}");
        const Json actual
            = Json::parse("{\"name\":\"Ada\",\"age\":37,\"tags\":[\"a\"],\"addr\":{\"city\":\"K\"},\"extra\":1}");
        const RowAgreement row = compareWithExpected(expected, actual);
        QCOMPARE(int(row.leaves.size()), 5);
        QCOMPARE(row.agreed(), 3); // name, tags/0, addr/city
        QVERIFY(!row.allAgree());
        QCOMPARE_JSON(compareWithExpected(expected, expected).agreed(), 5);
        QCOMPARE_JSON(compareWithExpected(expected, Json()).agreed(), 0);

        AgreementReport report;
        report.add(row);
        report.add(compareWithExpected(expected, expected));
        QCOMPARE(report.rows.agreed, 1);
        QCOMPARE(report.rows.total, 2);
        QCOMPARE(report.leaves.agreed, 8);
        QCOMPARE(report.fields.at("/age").agreed, 1);
        QCOMPARE(report.fields.at("/tags/*").total, 4);
        QCOMPARE(report.fields.at("/tags/*").agreed, 3);
        QCOMPARE(report.fieldOrder.front(), std::string("/name"));
        QCOMPARE(fieldOfPointer("/items/12/price"), std::string("/items/*/price"));
    }

    void rowExport_allFormats_carryRowIdsAndReadBack()
    {
        const Json schema = Json::parse("{\"properties\":{\"name\":{},\"addr\":{\"properties\":{\"city\":{}}},"
                                        "\"tags\":{},\"items\":{\"items\":{\"properties\":{\"sku\":{},\"qty\":{}}}}}}");
        const QList<ExportRow> rows = {
            { QStringLiteral("1"),
              Json::parse("{\"name\":\"Ada, \\\"A\\\"\",\"addr\":{\"city\":\"K\"},\"tags\":[\"x\",\"y\"],"
                          "\"items\":[{\"sku\":\"s1\",\"qty\":2},{\"sku\":\"s2\",\"qty\":1}]}") },
            { QStringLiteral("7"), Json::parse("{\"name\":\"Bob\\nLee\",\"tags\":[]}") },
        };
        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
        QCOMPARE(writeRows(csvPath, rows, schema), QString());
        QFile csvFile(csvPath);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        auto table = parseCsvInput(csvFile.readAll(), csvPath);
        QVERIFY2(table, qPrintable(table ? QString() : table.error()));
        QCOMPARE(table->columns,
                 QStringList({ QStringLiteral("row_id"), QStringLiteral("name"), QStringLiteral("addr.city"),
                               QStringLiteral("tags"), QStringLiteral("items") }));
        QCOMPARE(valueOf(table->rows.at(0), QStringLiteral("name")), QStringLiteral("Ada, \"A\""));
        QCOMPARE(valueOf(table->rows.at(0), QStringLiteral("tags")), QStringLiteral("x; y"));
        QCOMPARE_JSON(Json::parse(valueOf(table->rows.at(0), QStringLiteral("items")).toStdString()),
                      rows.at(0).value["items"]);
        QCOMPARE(valueOf(table->rows.at(1), QStringLiteral("row_id")), QStringLiteral("7"));
        QCOMPARE(valueOf(table->rows.at(1), QStringLiteral("name")), QStringLiteral("Bob\nLee"));

        RowExportOptions explode;
        explode.explodeObjectArrays = true;
        explode.bom = true;
        const QByteArray exploded = rowsToCsv(rows, schema, explode);
        QVERIFY(exploded.startsWith("\xEF\xBB\xBFrow_id,"));
        auto explodedTable = parseCsvInput(exploded, QStringLiteral("x.csv"));
        QVERIFY(explodedTable);
        QVERIFY(explodedTable->columns.contains(QStringLiteral("items.sku")));
        QCOMPARE(explodedTable->rows.size(), 3); // two elements of row 1, and row 7
        QCOMPARE(valueOf(explodedTable->rows.at(1), QStringLiteral("items.sku")), QStringLiteral("s2"));
        QCOMPARE(valueOf(explodedTable->rows.at(1), QStringLiteral("row_id")), QStringLiteral("1"));

        const QString jsonlPath = dir.filePath(QStringLiteral("out.jsonl"));
        QCOMPARE(writeRows(jsonlPath, rows, schema), QString());
        QFile jsonl(jsonlPath);
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = jsonl.readAll().split('\n');
        QCOMPARE(lines.size(), 3); // two records and the empty rest after the last newline
        const Json first = Json::parse(lines.at(0).toStdString());
        QCOMPARE(first.begin().key(), std::string("row_id"));
        QCOMPARE_JSON(first["items"], rows.at(0).value["items"]);

        const QString jsonPath = dir.filePath(QStringLiteral("out.json"));
        QCOMPARE(writeRows(jsonPath, rows, schema), QString());
        QFile json(jsonPath);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const Json array = Json::parse(json.readAll().toStdString());
        QCOMPARE(array.size(), size_t(2));
        QCOMPARE_JSON(array[1]["row_id"], Json("7"));
        QCOMPARE_JSON(array[1]["name"], Json("Bob\nLee"));

        QVERIFY(writeRows(dir.filePath(QStringLiteral("out.xml")), rows, schema).contains(QStringLiteral("unknown")));
        QVERIFY(!writeRows(dir.filePath(QStringLiteral("missing/dir/out.csv")), rows, schema).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchInput)
#include "tst_batchinput.moc"
