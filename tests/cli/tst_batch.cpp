// SPDX-License-Identifier: GPL-3.0-or-later
// formwork-cli batch and history against an in-process FakeOllama, a kill -9 included.
#include "batchscript.h"
#include "fakeollama.h"
#include "jsoncompare.h"
#include "store/historydatabase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using Formwork::HistoryDatabase;
using Formwork::StoredRun;
using Formwork::Test::BatchScript;
using Formwork::Test::FakeOllama;
using Json = nlohmann::ordered_json;

namespace {

struct Run {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList lines(const QString &path)
{
    return QString::fromUtf8(readAll(path)).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestBatch final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FakeOllama *m_server = nullptr;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

    QString host() const { return m_server->baseUrl().toString(); }

    std::unique_ptr<QProcess> start(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FORMWORK_BACKOFF_BASE_MS"), QStringLiteral("1"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("LANGUAGE"), QString());
        process->setProcessEnvironment(env);
        process->setWorkingDirectory(m_dir.path());
        process->start(QStringLiteral(FORMWORK_CLI_PATH), arguments);
        return process;
    }

    // Runs formwork-cli while this process keeps serving the fake (a real event loop meanwhile).
    Run cli(const QStringList &arguments, int timeoutMs = 60000)
    {
        auto process = start(arguments);
        QSignalSpy finished(process.get(), &QProcess::finished);
        Run run;
        if (process->state() != QProcess::NotRunning && !finished.wait(timeoutMs)) {
            process->kill();
            process->waitForFinished();
            run.crashed = true;
        }
        run.crashed = run.crashed || process->exitStatus() != QProcess::NormalExit;
        run.exitCode = process->exitCode();
        run.out = QString::fromUtf8(process->readAllStandardOutput());
        run.err = QString::fromUtf8(process->readAllStandardError());
        return run;
    }

    QStringList batchArgs(const QString &input, const QString &out, const QStringList &extra = {}) const
    {
        return QStringList { QStringLiteral("batch"),   QStringLiteral("--schema"), path(QStringLiteral("s.json")),
                             QStringLiteral("--model"), QStringLiteral("m"),        QStringLiteral("--input"),
                             input,                     QStringLiteral("--out"),    out,
                             QStringLiteral("--host"),  host(),                     QStringLiteral("--history"),
                             path(QStringLiteral("history.sqlite")) }
        + extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        write(QStringLiteral("s.json"), BatchScript::schema());
    }

    void init()
    {
        m_server = new FakeOllama(this);
        QVERIFY(m_server->listen());
        m_server->addModel(QStringLiteral("m")); // the model the batches ask for
        m_server->setChatResponder(BatchScript::responder());
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void help_showsTheOptions()
    {
        const Run run = cli({ QStringLiteral("batch"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const char *option : { "--resume", "--concurrency", "--expected-column", "--template", "--host" })
            QVERIFY2(run.out.contains(QLatin1String(option)), option);
        const Run usage = cli({ QStringLiteral("--help") });
        QVERIFY(usage.out.contains(QStringLiteral("batch")));
        QVERIFY(usage.out.contains(QStringLiteral("history")));
    }

    void allRowsValid_exitZero_csvWithRowIds()
    {
        write(QStringLiteral("five.csv"), "item\n1\n2\n3\n4\n5\n");
        const Run run = cli(batchArgs(path(QStringLiteral("five.csv")), path(QStringLiteral("five-out.csv"))));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("batch: 5/5 done, 4 valid first try, 1 after reasks, 0 failed")));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(lines(path(QStringLiteral("five-out.csv"))),
                 QStringList({ QStringLiteral("row_id,name,age\r"), QStringLiteral("1,P1,1\r"), QStringLiteral("2,P2,2\r"),
                               QStringLiteral("3,P3,3\r"), QStringLiteral("4,P4,4\r"), QStringLiteral("5,P5,5\r") }));
        QVERIFY(!QFile::exists(path(QStringLiteral("five-out.csv.failures.jsonl"))));
    }

    void someRowsFail_exitOne_failuresListed()
    {
        write(QStringLiteral("thirty.csv"), BatchScript::csv(30));
        const QString out = path(QStringLiteral("thirty.jsonl"));
        const Run run = cli(batchArgs(path(QStringLiteral("thirty.csv")), out, { QStringLiteral("--concurrency"), QStringLiteral("3") }));
        QVERIFY2(run.exitCode == 1, qPrintable(run.err));
        const QStringList results = lines(out);
        QCOMPARE(results.size(), 29);
        QCOMPARE_JSON(Json::parse(results.at(6).toStdString()), Json::parse("{\"row_id\":\"8\",\"name\":\"P8\",\"age\":8}"));
        const QStringList failures = lines(out + QStringLiteral(".failures.jsonl"));
        QCOMPARE(failures.size(), 1);
        const Json failure = Json::parse(failures.at(0).toStdString());
        QCOMPARE_JSON(failure["row_id"], Json("7"));
        QCOMPARE_JSON(failure["input"], Json(QDir::toNativeSeparators(path(QStringLiteral("thirty.csv"))).toStdString() + ":8"));
        QCOMPARE_JSON(failure["attempts"], Json(3));
        QVERIFY(failure["errors"].dump().find("/age") != std::string::npos);
        QVERIFY(run.err.contains(QStringLiteral("30 rows, 29 valid (3 after reasks), 1 failed")));
    }

    void raggedCsv_exitTwo_beforeAnyRequest()
    {
        write(QStringLiteral("ragged.csv"), "item,note\n1,a\n2\n");
        const Run run = cli(batchArgs(path(QStringLiteral("ragged.csv")), path(QStringLiteral("r.csv"))));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("ragged.csv:3: this row has 1 fields but the header has 2")), qPrintable(run.err));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void templateWithUnknownVariable_exitTwo()
    {
        write(QStringLiteral("t.csv"), "item\n1\n");
        write(QStringLiteral("t.txt"), "item: {{item}} {{city}}");
        const Run run = cli(batchArgs(path(QStringLiteral("t.csv")), path(QStringLiteral("t-out.csv")),
                                      { QStringLiteral("--template"), path(QStringLiteral("t.txt")) }));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("{{city}}")), qPrintable(run.err));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void serverUnreachable_exitThree()
    {
        write(QStringLiteral("u.csv"), "item\n1\n2\n");
        m_server->shutDown();
        const Run run = cli(batchArgs(path(QStringLiteral("u.csv")), path(QStringLiteral("u-out.csv"))));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("--resume")), qPrintable(run.err));
    }

    void killMinus9_resumeCompletesWithNothingLostOrDoubled()
    {
        m_server->setChatResponder(BatchScript::responder(15));
        write(QStringLiteral("k.csv"), BatchScript::csv(80));
        const QString out = path(QStringLiteral("k.jsonl"));
        const QString historyPath = path(QStringLiteral("kill.sqlite"));
        QStringList args = batchArgs(path(QStringLiteral("k.csv")), out);
        args[args.indexOf(QStringLiteral("--history")) + 1] = historyPath;

        auto process = start(args);
        QVERIFY(process->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestsTo("/api/chat").size() >= 30, 30000);
        process->kill(); // SIGKILL: no chance to clean up
        QVERIFY(process->waitForFinished(10000));
        QCOMPARE(process->exitStatus(), QProcess::CrashExit);
        const qsizetype requestsAtKill = m_server->requestsTo("/api/chat").size();
        QVERIFY(!QFile::exists(out));

        QSet<QString> finishedBefore;
        qint64 batchId = 0;
        {
            HistoryDatabase history;
            QCOMPARE(history.open(historyPath), QString());
            const auto batch = history.latestUnfinishedBatch(out);
            QVERIFY(batch.has_value());
            batchId = batch->id;
            for (const StoredRun &run : history.finishedRuns(batchId))
                finishedBefore.insert(run.rowId);
        }
        QVERIFY2(finishedBefore.size() >= 15 && finishedBefore.size() < 80, qPrintable(QString::number(finishedBefore.size())));

        const Run resumed = cli(args + QStringList { QStringLiteral("--resume") });
        QVERIFY2(resumed.exitCode == 1, qPrintable(resumed.err)); // rows 7, 32 and 57 fail as scripted
        QVERIFY(resumed.err.contains(QStringLiteral("resuming batch %1").arg(batchId)));
        for (const auto &request : m_server->requestsTo("/api/chat").mid(requestsAtKill))
            QVERIFY(!finishedBefore.contains(QString::number(BatchScript::rowOf(request))));

        std::map<std::string, int> seen;
        for (const QString &line : lines(out))
            ++seen[Json::parse(line.toStdString())["row_id"].get<std::string>()];
        for (const QString &line : lines(out + QStringLiteral(".failures.jsonl")))
            ++seen[Json::parse(line.toStdString())["row_id"].get<std::string>()];
        QCOMPARE(int(seen.size()), 80);
        for (const auto &[row, count] : seen)
            QCOMPARE(count, 1);

        HistoryDatabase history;
        QCOMPARE(history.open(historyPath), QString());
        std::map<QString, int> finalRuns;
        for (const StoredRun &run : history.listRuns(100000, batchId)) {
            if (run.status == u"valid" || run.status == u"invalid")
                ++finalRuns[run.rowId];
        }
        QCOMPARE(int(finalRuns.size()), 80);
        for (const auto &[row, count] : finalRuns)
            QCOMPARE(count, 1);
        QCOMPARE(history.batch(batchId)->status, QStringLiteral("finished"));
    }

    void expectedColumn_agreementOnStderr()
    {
        write(QStringLiteral("e.csv"), "item,expected\n1,\"{\"\"name\"\":\"\"P1\"\",\"\"age\"\":1}\"\n2,\"{\"\"name\"\":\"\"P2\"\",\"\"age\"\":9}\"\n");
        const Run run = cli(batchArgs(path(QStringLiteral("e.csv")), path(QStringLiteral("e.json")),
                                      { QStringLiteral("--expected-column"), QStringLiteral("expected") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("agreement with expected values: 1/2 rows, 3/4 fields (75.0%)")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("  /age  1/2")));
        const Json results = Json::parse(readAll(path(QStringLiteral("e.json"))).toStdString());
        QCOMPARE(results.size(), size_t(2));
        QVERIFY(!results[0].contains("expected"));
    }

    void folderInput_textAndFilenameFilled()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("docs"));
        write(QStringLiteral("docs/a.txt"), "item: 11");
        write(QStringLiteral("docs/b.md"), "item: 12");
        const Run run = cli(batchArgs(path(QStringLiteral("docs")), path(QStringLiteral("docs.json"))));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const Json results = Json::parse(readAll(path(QStringLiteral("docs.json"))).toStdString());
        QCOMPARE_JSON(results[1], Json::parse("{\"row_id\":\"b.md\",\"name\":\"P12\",\"age\":12}"));
        const QByteArray prompt = m_server->requestsTo("/api/chat").constFirst().body;
        QVERIFY(prompt.contains("filename: a.txt"));
    }

    void history_listShowAndRevalidate()
    {
        const QString historyPath = path(QStringLiteral("h2.sqlite"));
        write(QStringLiteral("h.csv"), BatchScript::csv(30));
        QStringList args = batchArgs(path(QStringLiteral("h.csv")), path(QStringLiteral("h.csv.out.csv")));
        args[args.indexOf(QStringLiteral("--history")) + 1] = historyPath;
        QCOMPARE(cli(args).exitCode, 1);

        const Run list = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history"), historyPath,
                               QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("100") });
        QCOMPARE(list.exitCode, 0);
        const QStringList runs = list.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(runs.size(), 30);
        const Json newest = Json::parse(runs.at(0).toStdString());
        const Run show = cli({ QStringLiteral("history"), QStringLiteral("show"),
                               QString::number(newest["id"].get<qint64>()), QStringLiteral("--history"), historyPath });
        QCOMPARE(show.exitCode, 0);
        const Json shown = Json::parse(show.out.toStdString());
        QVERIFY(shown["attempt_list"].is_array() && !shown["attempt_list"].empty());
        QVERIFY(shown["attempt_list"][0]["request"]["messages"].is_array());
        QVERIFY(shown["attempt_list"][0]["content"].get<std::string>().find("\"name\"") != std::string::npos);

        // Edited schema: no minimum, at most 20. Rows 21..30 turn invalid; row 7 (age -1) turns valid.
        write(QStringLiteral("edited.json"),
              "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\","
              "\"maximum\":20}},\"required\":[\"name\",\"age\"]}");
        const Run revalidate = cli({ QStringLiteral("history"), QStringLiteral("revalidate"), QStringLiteral("--schema"),
                                     path(QStringLiteral("edited.json")), QStringLiteral("--history"), historyPath });
        QCOMPARE(revalidate.exitCode, 0);
        QSet<QString> flipped;
        for (const QString &line : revalidate.out.split(u'\n', Qt::SkipEmptyParts)) {
            const Json change = Json::parse(line.toStdString());
            flipped.insert(QString::fromStdString(change["row_id"].get<std::string>()) + u':'
                           + QString::fromStdString(change["after"].get<std::string>()));
        }
        QSet<QString> expected { QStringLiteral("7:valid") };
        for (int n = 21; n <= 30; ++n)
            expected.insert(QStringLiteral("%1:invalid").arg(n));
        QCOMPARE(flipped, expected);
        QVERIFY2(revalidate.err.contains(QStringLiteral("30 runs re-validated, 11 verdicts change (10 valid -> invalid, 1 invalid -> valid)")),
                 qPrintable(revalidate.err));
        QCOMPARE(m_server->requestsTo("/api/chat").size(), 30 + 3 * 1 + 2); // the batch only: revalidation calls no model
    }

    void corruptHistory_clearMessage_fileKept()
    {
        const QString bad = path(QStringLiteral("bad.sqlite"));
        write(QStringLiteral("bad.sqlite"), QByteArray(4096, 'z'));
        const Run list = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history"), bad });
        QCOMPARE(list.exitCode, 2);
        QVERIFY2(list.err.contains(QStringLiteral("not a SQLite database or it is damaged")), qPrintable(list.err));
        QCOMPARE(readAll(bad), QByteArray(4096, 'z'));

        write(QStringLiteral("c.csv"), "item\n1\n");
        QStringList args = batchArgs(path(QStringLiteral("c.csv")), path(QStringLiteral("c.json")));
        args[args.indexOf(QStringLiteral("--history")) + 1] = bad;
        const Run batch = cli(args);
        QCOMPARE(batch.exitCode, 0); // goes on without a history
        QVERIFY(batch.err.contains(QStringLiteral("without a history")));
        QCOMPARE(cli(args + QStringList { QStringLiteral("--resume") }).exitCode, 2);
        QCOMPARE(readAll(bad), QByteArray(4096, 'z'));
    }
};

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
