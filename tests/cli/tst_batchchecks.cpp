// SPDX-License-Identifier: GPL-3.0-or-later
// formwork-cli batch with --checks (issue 14): the failed checks in the progress line on stderr and
// in <out>.failures.jsonl, and the model-judged rules' tokens, time and requests per row and summed,
// rows resumed from the history included, against the fake-ollama executable.
#include "clirunner.h"
#include "fakeollamaprocess.h"
#include "invoicetestsupport.h"
#include "store/historydatabase.h"
#include "testdata.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

using Formwork::HistoryDatabase;
using Formwork::Test::checksDataPath;
using Formwork::Test::CliRun;
using Formwork::Test::FakeOllamaProcess;
using Formwork::Test::invoiceRowsJsonl;
using Formwork::Test::readJsonLines;
using Formwork::Test::runCli;
using Json = nlohmann::ordered_json;

namespace {

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

// What the script's judges answer per row (their wall_ms aside): row a is valid at once (one
// verdict), b after a reask (two), c never (two).
struct JudgeFigures {
    qint64 promptTokens;
    qint64 completionTokens;
    int requests;
};
const std::map<std::string, JudgeFigures> &expectedJudges()
{
    static const std::map<std::string, JudgeFigures> figures { { "a", { 150, 10, 1 } },
                                                               { "b", { 160 + 170, 20 + 12, 2 } },
                                                               { "c", { 140 + 145, 8 + 9, 2 } } };
    return figures;
}

// Every row written (valid ones from --out, failed ones from the failures file) by row id.
std::map<std::string, Json> writtenRows(const QString &out)
{
    std::map<std::string, Json> rows;
    for (const QString &file : QStringList { out, out + QStringLiteral(".failures.jsonl") })
        for (const Json &row : readJsonLines(file))
            rows[row["row_id"].get<std::string>()] = row;
    return rows;
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
    // One model-judged rule about the buyer, asked of judge:1b (invoice-judged.script.json answers it).
    const QString m_judgedChecks = checksDataPath("invoice-judged.checks.json");

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool serve(const char *script = "invoice-sum.script.json")
    {
        m_server = std::make_unique<FakeOllamaProcess>(QStringLiteral(FAKE_OLLAMA_PATH));
        return m_server->start(checksDataPath(script));
    }
    // Three invoices, a model judging them (invoice-judged.script.json).
    bool serveJudged() { return serve("invoice-judged.script.json"); }

    // The invoice once per id as JSON Lines, in `name`.
    QString writeRows(const QString &name, const QStringList &ids) const
    {
        return Formwork::Test::writeTestFile(path(name), invoiceRowsJsonl(ids));
    }

    // formwork-cli batch of the invoice schema over `rows` with `checks`, against m_server.
    QStringList batchArgsFor(const QString &rows, const QString &checks, const QString &out, const QString &history,
                             int attempts) const
    {
        return QStringList { QStringLiteral("batch"),
                             QStringLiteral("--schema"),
                             checksDataPath("invoice.schema.json"),
                             QStringLiteral("--model"),
                             QStringLiteral("qwen3:8b"),
                             QStringLiteral("--input"),
                             rows,
                             QStringLiteral("--out"),
                             out,
                             QStringLiteral("--host"),
                             m_server->host(),
                             QStringLiteral("--history"),
                             history,
                             QStringLiteral("--checks"),
                             checks,
                             QStringLiteral("--attempts"),
                             QString::number(attempts) };
    }

    QStringList batchArgs(const QString &out, const QString &history, const QStringList &extra = {}) const
    {
        return batchArgsFor(m_rows, m_checks, out, history, 1) + extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Formwork::Test::setUpCliTestEnvironment();
        QVERIFY(m_dir.isValid());

        Json checks = Json::parse(readAll(checksDataPath("invoice.checks.json")).toStdString());
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

        m_rows = writeRows(QStringLiteral("rows.jsonl"), { QStringLiteral("a"), QStringLiteral("b") });
    }

    void cleanup() { m_server.reset(); }

    // Three invoices and a model-judged rule: each written row says what its judges cost, the
    // summary sums it apart from the extraction's tokens, the history keeps it, and a --resume
    // writes the same figures from the history without asking the judge again.
    void judgedRule_usagePerRowAndSummed_alsoAfterResume()
    {
        QVERIFY(serveJudged());
        const QString input = writeRows(QStringLiteral("judged.jsonl"),
                                        { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
        const QString out = path(QStringLiteral("j.jsonl"));
        const QString history = path(QStringLiteral("j.sqlite"));
        const CliRun run = runCli(batchArgsFor(input, m_judgedChecks, out, history, 2));
        QVERIFY2(run.exitCode == 1, run.standardError.constData()); // row c failed

        // Per row, in --out and the failures file: the judges' exact tokens and requests.
        const std::map<std::string, Json> written = writtenRows(out);
        QCOMPARE(written.size(), size_t(3));
        QCOMPARE(written.at("c")["status"].get<std::string>(), std::string("invalid"));
        qint64 wallSum = 0;
        for (const auto &[id, figures] : expectedJudges()) {
            const Json &usage = written.at(id)["judge_usage"];
            QVERIFY2(usage.is_object(), written.at(id).dump().c_str());
            QCOMPARE(usage["prompt_tokens"].get<qint64>(), figures.promptTokens);
            QCOMPARE(usage["completion_tokens"].get<qint64>(), figures.completionTokens);
            QCOMPARE(usage["requests"].get<int>(), figures.requests);
            QVERIFY2(usage["wall_ms"].get<qint64>() >= 30 * figures.requests,
                     usage.dump().c_str()); // each verdict waits 30 ms
            wallSum += usage["wall_ms"].get<qint64>();
        }
        // The sums on stderr: 5 verdicts, 765 + 59 tokens, apart from the extraction's 3882
        // (412 + 236 for a, that and 731 + 238 for b and for c).
        const QString summed = QStringLiteral("batch: model-judged rules: 5 request(s), 824 tokens (765 prompt, 59 "
                                              "completion), %1 s; not in the extraction's 3882 tokens\n")
                                   .arg(double(wallSum) / 1000.0, 0, 'f', 1);
        QVERIFY2(QString::fromUtf8(run.standardError).contains(summed), run.standardError.constData());
        const QStringList lines = progressLines(run.standardError);
        QVERIFY2(!lines.isEmpty(), run.standardError.constData());
        QVERIFY2(lines.constLast().startsWith(QStringLiteral("batch: 3/3 done, 1 valid first try, 1 after reasks, "
                                                             "1 failed, 1 failed check(s), model-judged rules: 824 "
                                                             "tokens in 5 request(s)")),
                 qPrintable(lines.constLast()));

        // The history keeps the same figures with each row's run.
        {
            HistoryDatabase db;
            QCOMPARE(db.open(history), QString());
            const QList<Formwork::StoredRun> stored = db.finishedRuns(1);
            QCOMPARE(stored.size(), 3);
            for (const Formwork::StoredRun &r : stored) {
                const Json &usage = written.at(r.rowId.toStdString())["judge_usage"];
                QCOMPARE(r.judgePromptTokens, usage["prompt_tokens"].get<qint64>());
                QCOMPARE(r.judgeCompletionTokens, usage["completion_tokens"].get<qint64>());
                QCOMPARE(r.judgeWallMs, usage["wall_ms"].get<qint64>());
                QCOMPARE(r.judgeRequests, usage["requests"].get<int>());
            }
            QVERIFY(db.setBatchStatus(1, QStringLiteral("stopped")));
        }

        // --resume runs no row (all three are final in the history; the fake answers the probe) and
        // writes every row's judge figures again from the history, to the millisecond.
        QFile::remove(out);
        QFile::remove(out + QStringLiteral(".failures.jsonl"));
        QVERIFY(serveJudged());
        const CliRun resumed
            = runCli(batchArgsFor(input, m_judgedChecks, out, history, 2) + QStringList { QStringLiteral("--resume") });
        QVERIFY2(resumed.exitCode == 1, resumed.standardError.constData());
        QVERIFY2(resumed.standardError.contains("batch: resuming batch 1"), resumed.standardError.constData());
        const std::map<std::string, Json> rewritten = writtenRows(out);
        QCOMPARE(rewritten.size(), size_t(3));
        for (const auto &[id, row] : written)
            QVERIFY2(rewritten.at(id)["judge_usage"] == row["judge_usage"], rewritten.at(id).dump().c_str());
        QVERIFY2(QString::fromUtf8(resumed.standardError).contains(summed), resumed.standardError.constData());
    }

    // A comparison with a model-judged rule: each variant's column gives what its judges cost,
    // apart from its tokens, in the table and in --json. One invoice, two models, each valid at
    // once with one verdict (150 + 10 tokens for the first, 170 + 12 for the second).
    void judgedRule_variantGrid_givesTheJudgesCostApart()
    {
        Json script = Json::parse(readAll(checksDataPath("invoice-judged.script.json")).toStdString());
        script["models"].push_back("gemma3:4b");
        const Json answer = script["chat"][0];
        Json verdict = script["chat"][1];
        Json secondVerdict = verdict;
        secondVerdict["prompt_tokens"] = 170;
        secondVerdict["eval_tokens"] = 12;
        script["chat"] = Json::array({ answer, verdict, answer, secondVerdict });
        const QString scriptPath = Formwork::Test::writeTestFile(path(QStringLiteral("variants.script.json")),
                                                                 QByteArray::fromStdString(script.dump()));
        const QString input = writeRows(QStringLiteral("variants.jsonl"), { QStringLiteral("a") });
        // Each comparison against a fresh fake (the script serves one run) and its own history.
        const auto compare = [&](const QString &name, const QStringList &extra) {
            m_server = std::make_unique<FakeOllamaProcess>(QStringLiteral(FAKE_OLLAMA_PATH));
            if (!m_server->start(scriptPath))
                return CliRun {};
            QStringList args
                = batchArgsFor(input, m_judgedChecks, QString(), path(name + QStringLiteral(".sqlite")), 2);
            args.remove(args.indexOf(QStringLiteral("--out")), 2); // a grid writes no rows
            return runCli(args
                          + QStringList { QStringLiteral("--variant"), QStringLiteral("qwen3:8b"),
                                          QStringLiteral("--variant"), QStringLiteral("gemma3:4b") }
                          + extra);
        };
        const CliRun run = compare(QStringLiteral("v-json"), { QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.standardError.constData());
        const Json grid = Json::parse(run.standardOutput.toStdString());
        QCOMPARE(grid.size(), size_t(2));
        const std::vector<JudgeFigures> expected { { 150, 10, 1 }, { 170, 12, 1 } };
        for (size_t i = 0; i < expected.size(); ++i) {
            const Json &usage = grid[i]["judge_usage"];
            QVERIFY2(usage.is_object(), grid[i].dump().c_str());
            QCOMPARE(usage["prompt_tokens"].get<qint64>(), expected[i].promptTokens);
            QCOMPARE(usage["completion_tokens"].get<qint64>(), expected[i].completionTokens);
            QCOMPARE(usage["requests"].get<int>(), expected[i].requests);
            QCOMPARE(grid[i]["prompt_tokens"].get<qint64>(), 412); // the extraction's own, judges apart
        }

        const CliRun table = compare(QStringLiteral("v-table"), {});
        QVERIFY2(table.exitCode == 0, table.standardError.constData());
        QStringList judgeLines;
        for (const QString &line : QString::fromUtf8(table.standardOutput).split(u'\n'))
            if (line.startsWith(QStringLiteral("judge tokens")))
                judgeLines.append(line.simplified());
        QCOMPARE(judgeLines, QStringList { QStringLiteral("judge tokens (requests) 160 (1) 182 (1)") });
    }

    // As CSV, the judges' figures are the last columns.
    void judgedRule_csvOut_hasJudgeColumnsLast()
    {
        QVERIFY(serveJudged());
        const QString rows = writeRows(QStringLiteral("judged-csv.jsonl"), { QStringLiteral("a") });
        const QString out = path(QStringLiteral("j.csv"));
        const CliRun run = runCli(batchArgsFor(rows, m_judgedChecks, out, path(QStringLiteral("j-csv.sqlite")), 3));
        QVERIFY2(run.exitCode == 0, run.standardError.constData());
        const QList<QByteArray> records = readAll(out).split('\n');
        QVERIFY2(records.size() >= 2, readAll(out).constData());
        QVERIFY2(records.at(0).endsWith(",judge_usage.prompt_tokens,judge_usage.completion_tokens,"
                                        "judge_usage.wall_ms,judge_usage.requests\r"),
                 records.at(0).constData());
        const QList<QByteArray> cells = records.at(1).trimmed().split(',');
        QCOMPARE(cells.at(cells.size() - 4), QByteArray("150"));
        QCOMPARE(cells.at(cells.size() - 3), QByteArray("10"));
        QVERIFY2(cells.at(cells.size() - 2).toInt() >= 30, records.at(1).constData());
        QCOMPARE(cells.at(cells.size() - 1), QByteArray("1"));
    }

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
        QVERIFY2(!row.contains("judge_usage"), row.dump(2).c_str()); // no model-judged rule: nothing to count
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
