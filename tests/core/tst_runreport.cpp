// SPDX-License-Identifier: GPL-3.0-or-later
// The self-contained HTML report of a run, checked as text and in headless Chromium (issue 13).
#include "export/runreport.h"
#include "grounding/grounder.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

RunReport sampleReport()
{
    RunReport report;
    report.title = QStringLiteral("letter.txt");
    report.sourceName = QStringLiteral("/tmp/letter.txt");
    report.document = QString::fromUtf8("\xF0\x9F\x93\x9C Dear <Sir>, Ada Lovelace (36) writes from London & Paris.\n"
                                        "Ada Lovelace again.");
    report.value = Json::parse("{\"name\": \"Ada Lovelace\", \"age\": 36, \"city\": \"London\", "
                               "\"email\": \"ada@example.org\", \"ok\": true}");
    Grounder grounder(report.document);
    report.grounding = grounder.ground(report.value);
    report.valid = true;
    report.verdict = QStringLiteral("Valid on attempt 2");
    AttemptRecord first;
    first.number = 1;
    first.outcome = AttemptOutcome::SchemaInvalid;
    first.content = QStringLiteral("{\"name\": \"Ada Lovelace\", \"age\": \"36\"} </script><script>alert(1)</script>");
    ValidationError error;
    error.instancePath = QStringLiteral("/age");
    error.message = QStringLiteral("must be an integer");
    first.errors.append(error);
    AttemptRecord second;
    second.number = 2;
    second.outcome = AttemptOutcome::Valid;
    second.content = QStringLiteral("{...}");
    report.attempts = { first, second };
    report.model = QStringLiteral("llama3.2:latest");
    report.mode = QStringLiteral("schema");
    report.settings = Json { { "temperature", 0 } };
    report.wallTimeMs = 1234;
    return report;
}

} // namespace

class TestRunReport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void report_selfContainedEscapedAndMarked()
    {
        const QString html = QString::fromUtf8(renderRunReport(sampleReport()));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        // Nothing from the network, and the reply's markup is text, not a script.
        QVERIFY(!html.contains(QStringLiteral("http://")) && !html.contains(QStringLiteral("https://")));
        QVERIFY(!html.contains(QStringLiteral(" src=")) && !html.contains(QStringLiteral("<link")));
        QVERIFY(html.contains(QStringLiteral("&lt;/script&gt;&lt;script&gt;alert(1)")));
        QVERIFY(html.contains(QStringLiteral("Dear &lt;Sir&gt;")));
        // Ada twice (ambiguous), 36, London; the invented e-mail is flagged; booleans are not looked for.
        QCOMPARE(html.count(QStringLiteral("<mark ")), 4);
        QVERIFY(html.contains(QStringLiteral("data-p=\"%2Fname\"")));
        QVERIFY(html.contains(QStringLiteral("<td class=\"k-absent\">absent</td>")));
        QVERIFY(html.contains(QStringLiteral("<td class=\"k-none\">not looked for</td>")));
        QVERIFY(html.contains(QStringLiteral("must be an integer")));
        QVERIFY(html.contains(QStringLiteral("llama3.2:latest")));
        QVERIFY(html.contains(QStringLiteral("3 of 4 values")));
    }

    void overlappingSpans_nestedWithoutBrokenMarkup()
    {
        RunReport report;
        report.title = QStringLiteral("x");
        report.document = QStringLiteral("Ada Lovelace lived.");
        report.value = Json { { "full", "Ada Lovelace" }, { "first", "Ada" } };
        Grounder grounder(report.document);
        report.grounding = grounder.ground(report.value);
        const QString html = QString::fromUtf8(renderRunReport(report));
        // "Ada" is covered by both values, " Lovelace" by one: two marks, in order.
        QVERIFY(html.contains(QStringLiteral("data-p=\"%2Ffull %2Ffirst\""))
                || html.contains(QStringLiteral("data-p=\"%2Ffirst %2Ffull\"")));
        QCOMPARE(html.count(QStringLiteral("<mark ")), 2);
        QCOMPARE(html.count(QStringLiteral("</mark>")), 2);
    }

    void headlessChromium_loadsWithoutErrorsAndClickSelectsTheSpan()
    {
        const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
        if (chromium.isEmpty())
            QSKIP("chromium is not installed (Debian package chromium)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("report.html"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(renderRunReport(sampleReport()));
        file.close();
        QUrl url = QUrl::fromLocalFile(path);
        url.setFragment(QStringLiteral("select=/city"));
        QProcess browser;
        browser.start(chromium,
                      { QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"),
                        QStringLiteral("--disable-gpu"), QStringLiteral("--no-first-run"),
                        QStringLiteral("--user-data-dir=") + dir.filePath(QStringLiteral("profile")),
                        QStringLiteral("--enable-logging=stderr"), QStringLiteral("--v=0"),
                        QStringLiteral("--virtual-time-budget=3000"), QStringLiteral("--dump-dom"),
                        url.toString(QUrl::FullyEncoded) });
        QVERIFY(browser.waitForFinished(120000));
        const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
        const QString log = QString::fromUtf8(browser.readAllStandardError());
        QVERIFY2(dom.contains(QStringLiteral("data-selected=\"/city\"")), qPrintable(log.right(2000)));
        QVERIFY(dom.contains(QStringLiteral("data-selected-spans=\"1\"")));
        QVERIFY2(dom.contains(QStringLiteral("<tr data-pointer=\"/city\" tabindex=\"0\" class=\"sel\">")),
                 qPrintable(dom.left(3000)));
        QVERIFY(dom.contains(QStringLiteral("class=\"f2 sel\" data-p=\"%2Fcity\"")));
        // No script error or blocked resource on the console.
        for (const QString &line : log.split(u'\n'))
            QVERIFY2(!(line.contains(QStringLiteral("CONSOLE")) || line.contains(QStringLiteral("Uncaught"))
                       || line.contains(QStringLiteral("Content Security Policy"))),
                     qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestRunReport)
#include "tst_runreport.moc"
