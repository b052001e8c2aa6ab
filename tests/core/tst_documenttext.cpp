// SPDX-License-Identifier: GPL-3.0-or-later
// Input documents as text: plain, HTML, PDF with page numbers, and the messages for bad files.
#include "documents/documenttext.h"
#include "documents/htmltext.h"
#include "grounding/grounder.h"
#include "testdata.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using Formwork::Test::testDataPath;

class TestDocumentText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void plainText_asItIsWithoutByteOrderMark()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("note.md"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xEF\xBB\xBF# Caf\xC3\xA9\n\nText.");
        file.close();
        const auto doc = readDocument(path);
        QVERIFY(doc);
        QCOMPARE(doc->text, QString::fromUtf8("# Caf\u00e9\n\nText."));
        QCOMPARE(doc->format, QStringLiteral("text"));
        QVERIFY(doc->pages.empty());
        QCOMPARE(doc->pageAt(3), 0);
    }

    void missingFile_messageNamesIt()
    {
        const auto doc = readDocument(QStringLiteral("/nonexistent/contract.txt"));
        QVERIFY(!doc);
        QVERIFY2(doc.error().contains(QStringLiteral("/nonexistent/contract.txt")), qPrintable(doc.error()));
    }

    void html_tagsStrippedScriptsDroppedEntitiesDecoded()
    {
        const QString html = QStringLiteral(
            "<html><head><title>x</title><style>p{color:red}</style></head><body>"
            "<h1>Invoice&nbsp;17</h1><p>From <b>Acme</b> &amp; Sons,\n   Z&uuml;rich &#x4E2D;&#25991;</p>"
            "<script>var a = '<p>no</p>';</script><!-- hidden --><ul><li>one</li><li>two</li></ul>tail</body></html>");
        QCOMPARE(htmlToText(html),
                 QString::fromUtf8("Invoice 17\nFrom Acme & Sons, Z&uuml;rich \u4e2d\u6587\none\ntwo\ntail"));
    }

    void pdf_pagesInOrderWithPageNumbers()
    {
        if (!pdfSupported())
            QSKIP("built without Poppler");
        const auto doc = readDocument(testDataPath(QStringLiteral("documents/two-pages.pdf")));
        QVERIFY2(doc, doc ? "" : qPrintable(doc.error()));
        QCOMPARE(doc->format, QStringLiteral("pdf"));
        QCOMPARE(doc->pages.size(), std::size_t(2));
        const qsizetype acme = doc->text.indexOf(QStringLiteral("Acme Corp."));
        const qsizetype ada = doc->text.indexOf(QStringLiteral("Ada Lovelace"));
        QVERIFY2(acme >= 0 && ada > acme, qPrintable(doc->text));
        QCOMPARE(doc->pageAt(acme), 1);
        QCOMPARE(doc->pageAt(ada), 2);
        QCOMPARE(doc->pages[1].begin, doc->pages[0].end + 2); // a blank line between pages
        // A value grounded in the PDF's text says its page.
        Grounder grounder(doc->text);
        const Grounding g = grounder.ground(nlohmann::ordered_json { { "buyer", "Ada Lovelace" }, { "total", 1250 } });
        QCOMPARE(doc->pageAt(g.find("/buyer")->spans.at(0).begin), 2);
        QCOMPARE(g.find("/total")->kind, MatchKind::Tolerant);
        QCOMPARE(doc->pageAt(g.find("/total")->spans.at(0).begin), 1);
    }

    void binaryFile_saysNotUtf8NamingTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("scan.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromHex("ff fe 00 c3 28"));
        file.close();
        const auto doc = readDocument(path);
        QVERIFY(!doc);
        QVERIFY2(doc.error().contains(path) && doc.error().contains(QStringLiteral("not UTF-8")),
                 qPrintable(doc.error()));
    }

    void brokenPdf_clearMessageNamingTheFile()
    {
        const QString path = testDataPath(QStringLiteral("documents/broken.pdf"));
        const auto doc = readDocument(path);
        QVERIFY(!doc);
        QVERIFY2(doc.error().contains(path), qPrintable(doc.error()));
        if (pdfSupported())
            QVERIFY2(doc.error().contains(QStringLiteral("damaged")), qPrintable(doc.error()));
        else
            QVERIFY2(doc.error().contains(QStringLiteral("libpoppler-qt6-dev")), qPrintable(doc.error()));
    }

    void pdfWithoutText_saysScanned()
    {
        if (!pdfSupported())
            QSKIP("built without Poppler");
        const auto doc = readDocument(testDataPath(QStringLiteral("documents/no-text.pdf")));
        QVERIFY(!doc);
        QVERIFY2(doc.error().contains(QStringLiteral("no text layer")), qPrintable(doc.error()));
    }
};

QTEST_GUILESS_MAIN(TestDocumentText)
#include "tst_documenttext.moc"
