// SPDX-License-Identifier: GPL-3.0-or-later
// formwork-cli batch with --checks (issue 14): the failed checks in the progress line on stderr and
// in <out>.failures.jsonl, rows resumed from the history included, against the fake-ollama executable.
#include "clirunner.h"
#include "fakeollamaprocess.h"
#include "store/historydatabase.h"
#include "testdata.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using Formwork::HistoryDatabase;
using Formwork::Test::CliRun;
using Formwork::Test::FakeOllamaProcess;
using Formwork::Test::readJsonLines;
using Formwork::Test::runCli;
using Formwork::Test::testDataPath;
using Json = nlohmann::ordered_json;

namespace {

QString data(const char *name)
{
    return testDataPath(QStringLiteral("checks/") + QLatin1String(name));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The progress lines of a batch on stderr (not a terminal: plain lines).
QStringList progressLines(const QByteArray &standardError)
{
    QStringList found;
    for (const QString &line : QString::fromUtf8(standardError).split(u'\n'))
        if (line.startsWith(QStringLiteral("batch: ")) && line.contains(QStringLiteral(" done, ")))
            found.append(line);
    return found;
}

// What the failures file holds for a row whose first reply leaves the tax out of the total,
// with the soft check "total-under-100" failing too.
Json expectedCheckFailures()
{
    Json hard = Json::object();
    hard["check"] = "total-adds-up";
    hard["kind"] = "expression";
    hard["soft"] = false;
    hard["message"] = "total must equal the sum of the line items' totals plus tax";
    hard["instancePath"] = "/total";
    Json soft = hard;
    soft["check"] = "total-under-100";
    soft["soft"] = true;
    soft["message"] = "a total of 100 or more is checked by hand";
    return Json::array({ hard, soft });
}

} // namespace

class TestBatchChecks final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeOllamaProcess> m_server;
    QString m_checks; // invoice.checks.json and the soft check "total-under-100"
    QString m_rows; // the invoice twice: the script's first reply (total without tax), then its second

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool serve()
    {
        m_server = std::make_unique<FakeOllamaProcess>(QStringLiteral(FAKE_OLLAMA_PATH));
        return m_server->start(data("invoice-sum.script.json"));
    }

    QStringList batchArgs(const QString &out, const QString &history, const QStringList &extra = {}) const
    {
        return QStringList { QStringLiteral("batch"),
                             QStringLiteral("--schema"),
                             data("invoice.schema.json"),
                             QStringLiteral("--model"),
                             QStringLiteral("qwen3:8b"),
                             QStringLiteral("--input"),
                             m_rows,
                             QStringLiteral("--out"),
                             out,
                             QStringLiteral("--host"),
                             m_server->host(),
                             QStringLiteral("--history"),
                             history,
                             QStringLiteral("--checks"),
                             m_checks,
                             QStringLiteral("--attempts"),
                             QStringLiteral("1") }
        + extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("FORMWORK_BACKOFF_BASE_MS", "5");
        qputenv("LC_ALL", "C.UTF-8");
        qputenv("LANGUAGE", "");
        qunsetenv("OLLAMA_HOST");

        Json checks = Json::parse(readAll(data("invoice.checks.json")).toStdString());
        Json soft = Json::object();
        soft["name"] = "total-under-100";
        soft["kind"] = "expression";
        soft["path"] = "/total";
        soft["expression"] = "total < 100";
        soft["message"] = "a total of 100 or more is checked by hand";
        soft["severity"] = "soft";
        checks["checks"].push_back(soft);
        m_checks = Formwork::Test::writeTestFile(path(QStringLiteral("checks.json")),
                                                 QByteArray::fromStdString(checks.dump(2)));

        Json row = Json::object();
        row["invoice"] = readAll(data("invoice.txt")).toStdString();
        row["id"] = "a";
        QByteArray rows = QByteArray::fromStdString(row.dump()) + '\n';
        row["id"] = "b";
        rows += QByteArray::fromStdString(row.dump()) + '\n';
        m_rows = Formwork::Test::writeTestFile(path(QStringLiteral("rows.jsonl")), rows);
    }

    void cleanup() { m_server.reset(); }

    // Row a fails the sum check (one attempt), row b is valid; both fail the soft check.
    void progressLine_countsFailedChecks_hardAndSoftApart()
    {
        QVERIFY(serve());
        const CliRun run = runCli(batchArgs(path(QStringLiteral("p.jsonl")), path(QStringLiteral("p.sqlite"))));
        QVERIFY2(run.exitCode == 1, run.standardError.constData()); // row a failed
        const QStringList lines = progressLines(run.standardError);
        QVERIFY2(lines.size() >= 2, run.standardError.constData());
        QVERIFY2(lines.constFirst().startsWith(QStringLiteral("batch: 0/2 done, 0 valid first try, 0 after reasks, "
                                                              "0 failed, 0 failed check(s)")),
                 qPrintable(lines.constFirst()));
        QVERIFY2(lines.constLast().startsWith(QStringLiteral("batch: 2/2 done, 1 valid first try, 0 after reasks, "
                                                             "1 failed, 1 failed check(s) (+2 soft)")),
                 qPrintable(lines.constLast()));
        // The closing count per check says the same.
        QVERIFY2(run.standardError.contains("batch: checks failed: total-adds-up (expression) 1 row(s); "
                                            "total-under-100 (expression) 2 soft\n"),
                 run.standardError.constData());
    }

    // A batch without checks says nothing of them.
    void progressLine_withoutChecks_saysNothingOfThem()
    {
        QVERIFY(serve());
        QStringList args = batchArgs(path(QStringLiteral("n.jsonl")), path(QStringLiteral("n.sqlite")));
        const qsizetype checks = args.indexOf(QStringLiteral("--checks"));
        args.remove(checks, 2);
        const CliRun run = runCli(args);
        QVERIFY2(run.exitCode == 0, run.standardError.constData()); // without the sum check both are valid
        const QStringList lines = progressLines(run.standardError);
        QVERIFY2(!lines.isEmpty(), run.standardError.constData());
        for (const QString &line : lines)
            QVERIFY2(!line.contains(QStringLiteral("check")), qPrintable(line));
    }

    // The failures file names each failed check of the deciding attempt beside the errors' text;
    // written again from the history for rows resumed from it, it holds the same.
    void failuresFile_namesFailedChecks_alsoForResumedRows()
    {
        QVERIFY(serve());
        const QString out = path(QStringLiteral("f.jsonl"));
        const QString history = path(QStringLiteral("f.sqlite"));
        const QString failuresPath = out + QStringLiteral(".failures.jsonl");
        const CliRun run = runCli(batchArgs(out, history));
        QVERIFY2(run.exitCode == 1, run.standardError.constData());
        const QList<Json> failures = readJsonLines(failuresPath);
        QCOMPARE(failures.size(), 1);
        const Json &row = failures.constFirst();
        QCOMPARE(row["row_id"].get<std::string>(), std::string("a"));
        QVERIFY2(row["check_failures"] == expectedCheckFailures(), row.dump(2).c_str());
        // The earlier keys are all still there: the format grew, nothing moved.
        for (const char *key : { "row_id", "input", "status", "attempts", "message", "errors", "last_value" })
            QVERIFY2(row.contains(key), key);
        QCOMPARE(row["errors"].size(), 1u);
        QVERIFY2(row["errors"][0].get<std::string>().find("/total: total must equal") == 0, row.dump(2).c_str());

        // The batch left as if interrupted after both rows: --resume runs no row and writes both
        // from the history.
        {
            HistoryDatabase db;
            QCOMPARE(db.open(history), QString());
            const auto batch = db.batch(1); // the only one in this file
            QVERIFY(batch);
            QCOMPARE(batch->status, QStringLiteral("finished"));
            QVERIFY(db.setBatchStatus(batch->id, QStringLiteral("stopped")));
        }
        QFile::remove(failuresPath);
        QVERIFY(serve()); // answers the probe; no row may ask it anything
        const CliRun resumed = runCli(batchArgs(out, history, { QStringLiteral("--resume") }));
        QVERIFY2(resumed.exitCode == 1, resumed.standardError.constData());
        QVERIFY2(resumed.standardError.contains("batch: resuming batch "), resumed.standardError.constData());
        const QList<Json> again = readJsonLines(failuresPath);
        QCOMPARE(again.size(), 1);
        QVERIFY2(again.constFirst()["check_failures"] == expectedCheckFailures(), again.constFirst().dump(2).c_str());
        // Resumed rows count in the progress line from its first line on.
        const QStringList lines = progressLines(resumed.standardError);
        QVERIFY2(!lines.isEmpty(), resumed.standardError.constData());
        QVERIFY2(lines.constFirst().contains(QStringLiteral("2/2 done, 1 valid first try, 0 after reasks, 1 failed, "
                                                            "1 failed check(s) (+2 soft)")),
                 qPrintable(lines.constFirst()));
    }
};

QTEST_GUILESS_MAIN(TestBatchChecks)
#include "tst_batchchecks.moc"
