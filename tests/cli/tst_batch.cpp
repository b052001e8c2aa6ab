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

#include <csignal>
#include <sys/types.h>

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
        // The default history (comparisons without --history) goes here, never to the user's.
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
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
        return QStringList { QStringLiteral("batch"),
                             QStringLiteral("--schema"),
                             path(QStringLiteral("s.json")),
                             QStringLiteral("--model"),
                             QStringLiteral("m"),
                             QStringLiteral("--input"),
                             input,
                             QStringLiteral("--out"),
                             out,
                             QStringLiteral("--host"),
                             host(),
                             QStringLiteral("--history"),
                             path(QStringLiteral("history.sqlite")) }
        + extra;
    }

    // The unfinished batch writing to `out` in the history at `historyPath` (id 0: none).
    struct UnfinishedBatch {
        qint64 id = 0;
        QString status;
        QSet<QString> finishedRows; // rows with a final run (valid or invalid)
    };
    UnfinishedBatch unfinishedBatch(const QString &historyPath, const QString &out) const
    {
        UnfinishedBatch found;
        HistoryDatabase history;
        if (!history.open(historyPath).isEmpty())
            return found;
        const auto batch = history.latestUnfinishedBatch(out);
        if (!batch)
            return found;
        found.id = batch->id;
        found.status = batch->status;
        for (const StoredRun &run : history.finishedRuns(batch->id))
            found.finishedRows.insert(run.rowId);
        return found;
    }

    // The row ids written to `out` and to its failures file, in file order.
    QStringList writtenRowIds(const QString &out) const
    {
        QStringList ids;
        for (const QString &file : QStringList { out, out + QStringLiteral(".failures.jsonl") })
            for (const QString &line : lines(file))
                ids.append(QString::fromStdString(Json::parse(line.toStdString())["row_id"].get<std::string>()));
        return ids;
    }

    // Runs the interrupted batch of `args` again with --resume: it goes on with batch `batchId`,
    // runs no row of `finishedBefore` again (no request after the first `requestsBefore` is for
    // one) and writes each of the 80 rows once.
    void resumeCompletes(const QStringList &args, const QString &out, qint64 batchId,
                         const QSet<QString> &finishedBefore, qsizetype requestsBefore)
    {
        const Run resumed = cli(args + QStringList { QStringLiteral("--resume") });
        QVERIFY2(resumed.exitCode == 1, qPrintable(resumed.err)); // rows 7, 32 and 57 fail as scripted
        QVERIFY(resumed.err.contains(QStringLiteral("resuming batch %1").arg(batchId)));
        for (const auto &request : m_server->requestsTo("/api/chat").mid(requestsBefore))
            QVERIFY(!finishedBefore.contains(QString::number(BatchScript::rowOf(request))));

        std::map<QString, int> seen;
        for (const QString &id : writtenRowIds(out))
            ++seen[id];
        QCOMPARE(int(seen.size()), 80);
        for (const auto &[row, count] : seen)
            QCOMPARE(count, 1);
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
        QCOMPARE(
            lines(path(QStringLiteral("five-out.csv"))),
            QStringList({ QStringLiteral("row_id,name,age\r"), QStringLiteral("1,P1,1\r"), QStringLiteral("2,P2,2\r"),
                          QStringLiteral("3,P3,3\r"), QStringLiteral("4,P4,4\r"), QStringLiteral("5,P5,5\r") }));
        QVERIFY(!QFile::exists(path(QStringLiteral("five-out.csv.failures.jsonl"))));
    }

    void someRowsFail_exitOne_failuresListed()
    {
        write(QStringLiteral("thirty.csv"), BatchScript::csv(30));
        const QString out = path(QStringLiteral("thirty.jsonl"));
        const Run run = cli(batchArgs(path(QStringLiteral("thirty.csv")), out,
                                      { QStringLiteral("--concurrency"), QStringLiteral("3") }));
        QVERIFY2(run.exitCode == 1, qPrintable(run.err));
        const QStringList results = lines(out);
        QCOMPARE(results.size(), 29);
        QCOMPARE_JSON(Json::parse(results.at(6).toStdString()),
                      Json::parse("{\"row_id\":\"8\",\"name\":\"P8\",\"age\":8}"));
        const QStringList failures = lines(out + QStringLiteral(".failures.jsonl"));
        QCOMPARE(failures.size(), 1);
        const Json failure = Json::parse(failures.at(0).toStdString());
        QCOMPARE_JSON(failure["row_id"], Json("7"));
        QCOMPARE_JSON(failure["input"],
                      Json(QDir::toNativeSeparators(path(QStringLiteral("thirty.csv"))).toStdString() + ":8"));
        QCOMPARE_JSON(failure["attempts"], Json(3));
        QVERIFY(failure["errors"].dump().find("/age") != std::string::npos);
        QVERIFY(run.err.contains(QStringLiteral("30 rows, 29 valid (3 after reasks), 1 failed")));
    }

    void raggedCsv_exitTwo_beforeAnyRequest()
    {
        write(QStringLiteral("ragged.csv"), "item,note\n1,a\n2\n");
        const Run run = cli(batchArgs(path(QStringLiteral("ragged.csv")), path(QStringLiteral("r.csv"))));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("ragged.csv:3: this row has 1 fields but the header has 2")),
                 qPrintable(run.err));
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

        const UnfinishedBatch unfinished = unfinishedBatch(historyPath, out);
        QVERIFY(unfinished.id > 0);
        const qint64 batchId = unfinished.id;
        const QSet<QString> &finishedBefore = unfinished.finishedRows;
        QVERIFY2(finishedBefore.size() >= 15 && finishedBefore.size() < 80,
                 qPrintable(QString::number(finishedBefore.size())));

        resumeCompletes(args, out, batchId, finishedBefore, requestsAtKill);
        if (QTest::currentTestFailed())
            return;

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

    // Ctrl-C (a real SIGINT to the process): the rows finished so far go to --out and the
    // failures file, the exit code is 130, and --resume finishes the rest without running a
    // finished row again.
    void sigint_writesFinishedRows_resumeCompletes()
    {
        m_server->setChatResponder(BatchScript::responder(15));
        write(QStringLiteral("i.csv"), BatchScript::csv(80));
        const QString out = path(QStringLiteral("i.jsonl"));
        const QString failuresPath = out + QStringLiteral(".failures.jsonl");
        const QString historyPath = path(QStringLiteral("interrupt.sqlite"));
        QStringList args = batchArgs(path(QStringLiteral("i.csv")), out);
        args[args.indexOf(QStringLiteral("--history")) + 1] = historyPath;

        auto process = start(args);
        QVERIFY(process->waitForStarted());
        QSignalSpy finished(process.get(), &QProcess::finished);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestsTo("/api/chat").size() >= 30, 30000);
        QCOMPARE(::kill(pid_t(process->processId()), SIGINT), 0);
        QVERIFY(finished.wait(30000));
        const QString err = QString::fromUtf8(process->readAllStandardError());
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(process->exitCode() == 130, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("batch interrupted: ")), qPrintable(err));
        const qsizetype requestsAtStop = m_server->requestsTo("/api/chat").size();

        // What was written is exactly what the history holds as finished: each row once.
        const UnfinishedBatch unfinished = unfinishedBatch(historyPath, out);
        QVERIFY(unfinished.id > 0);
        QCOMPARE(unfinished.status, QStringLiteral("stopped"));
        const qint64 batchId = unfinished.id;
        const QSet<QString> &finishedBefore = unfinished.finishedRows;
        QVERIFY2(finishedBefore.size() >= 20 && finishedBefore.size() < 80,
                 qPrintable(QString::number(finishedBefore.size())));
        const QStringList written = writtenRowIds(out);
        QCOMPARE(written.size(), finishedBefore.size());
        QCOMPARE(QSet<QString>(written.cbegin(), written.cend()), finishedBefore);
        QVERIFY(finishedBefore.contains(QStringLiteral("7"))); // failed, so in the failures file
        QVERIFY(lines(failuresPath).constFirst().contains(QStringLiteral("\"row_id\":\"7\"")));

        resumeCompletes(args, out, batchId, finishedBefore, requestsAtStop);
    }

    void expectedColumn_agreementOnStderr()
    {
        write(QStringLiteral("e.csv"),
              "item,expected\n1,\"{\"\"name\"\":\"\"P1\"\",\"\"age\"\":1}\"\n2,\"{\"\"name\"\":\"\"P2\"\",\"\"age\"\":"
              "9}\"\n");
        const Run run = cli(batchArgs(path(QStringLiteral("e.csv")), path(QStringLiteral("e.json")),
                                      { QStringLiteral("--expected-column"), QStringLiteral("expected") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("agreement with expected values: 1/2 rows, 3/4 fields (75.0%)")),
                 qPrintable(run.err));
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

    // A folder's PDFs are read too (issue 13); a damaged one stops the batch before any request,
    // naming the file.
    void folderInput_damagedPdf_refusedBeforeAnyRequest()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("pdfs"));
        write(QStringLiteral("pdfs/a.txt"), "item: 11");
        write(QStringLiteral("pdfs/b.pdf"), "%PDF-1.4 cut off");
        const Run run = cli(batchArgs(path(QStringLiteral("pdfs")), path(QStringLiteral("pdfs.json"))));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("b.pdf")), qPrintable(run.err));
        QVERIFY(m_server->requestsTo("/api/chat").isEmpty());
    }

    void history_listShowAndRevalidate()
    {
        const QString historyPath = path(QStringLiteral("h2.sqlite"));
        write(QStringLiteral("h.csv"), BatchScript::csv(30));
        QStringList args = batchArgs(path(QStringLiteral("h.csv")), path(QStringLiteral("h.csv.out.csv")));
        args[args.indexOf(QStringLiteral("--history")) + 1] = historyPath;
        QCOMPARE(cli(args).exitCode, 1);

        const Run list
            = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history"), historyPath,
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
        const Run revalidate
            = cli({ QStringLiteral("history"), QStringLiteral("revalidate"), QStringLiteral("--schema"),
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
        QVERIFY2(revalidate.err.contains(QStringLiteral(
                     "30 runs re-validated, 11 verdicts change (10 valid -> invalid, 1 invalid -> valid)")),
                 qPrintable(revalidate.err));
        QCOMPARE(m_server->requestsTo("/api/chat").size(),
                 30 + 3 * 1 + 2); // the batch only: revalidation calls no model
    }

    // Against llama-server, json mode sends the schema inside json_object (the only json_object
    // it enforces) for every row, as extract does: the batch asks the server what it is (issue 11).
    void llamaServerJsonMode_schemaInsideJsonObject()
    {
        m_server->actAsLlamaServer();
        m_server->setRouteReply("/v1/chat/completions",
                                Formwork::Test::FakeReply::text({ QStringLiteral("{\"name\": \"P\", \"age\": 1}") }));
        write(QStringLiteral("l.csv"), BatchScript::csv(3));
        const Run run = cli(batchArgs(
            path(QStringLiteral("l.csv")), path(QStringLiteral("l.jsonl")),
            { QStringLiteral("--api"), QStringLiteral("openai"), QStringLiteral("--mode"), QStringLiteral("json") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("llama.cpp's llama-server")), qPrintable(run.err));
        const QList<Formwork::Test::RecordedRequest> chats = m_server->requestsTo("/v1/chat/completions");
        QCOMPARE(chats.size(), 3);
        const Json schema = Json::parse(BatchScript::schema().toStdString());
        for (const Formwork::Test::RecordedRequest &request : chats) {
            QCOMPARE_JSON(request.json["response_format"]["type"], Json("json_object"));
            QCOMPARE_JSON(request.json["response_format"]["schema"], schema);
        }
        QCOMPARE(lines(path(QStringLiteral("l.jsonl"))).size(), 3);
    }

    // Two models x two modes over four rows with expected values: every figure of the grid comes
    // from what the scripted models did (issue 12, "Comparison grid").
    void comparisonGrid_twoModelsTwoModes_figuresFromTheRuns()
    {
        m_server->addModel(QStringLiteral("a")); // the variants' models, pulled as Ollama requires
        m_server->addModel(QStringLiteral("b"));
        // Model a: always valid in schema mode; in json mode row 2 needs a reask. Model b: row 3
        // never valid in schema mode; in json mode rows 1 and 2 need a reask.
        m_server->setChatResponder(
            [](const Formwork::Test::RecordedRequest &request) -> std::optional<Formwork::Test::FakeReply> {
                const int n = BatchScript::rowOf(request);
                if (n < 0)
                    return std::nullopt;
                const bool json = request.json.value("format", Json()) == Json("json");
                const bool first = BatchScript::attemptOf(request) == 1;
                const std::string model = request.json.value("model", std::string());
                const bool bad
                    = model == "a" ? json && n == 2 && first : (!json && n == 3) || (json && n <= 2 && first);
                return Formwork::Test::FakeReply::text(
                    { QStringLiteral("{\"name\": \"P%1\", \"age\": %2}").arg(n).arg(bad ? -1 : n) });
            });
        // Row 4's expected age is wrong on purpose: no variant agrees there.
        write(QStringLiteral("g.csv"),
              "item,expected\n"
              "1,\"{\"\"name\"\":\"\"P1\"\",\"\"age\"\":1}\"\n"
              "2,\"{\"\"name\"\":\"\"P2\"\",\"\"age\"\":2}\"\n"
              "3,\"{\"\"name\"\":\"\"P3\"\",\"\"age\"\":3}\"\n"
              "4,\"{\"\"name\"\":\"\"P4\"\",\"\"age\"\":40}\"\n");
        const QStringList args { QStringLiteral("batch"),
                                 QStringLiteral("--schema"),
                                 path(QStringLiteral("s.json")),
                                 QStringLiteral("--input"),
                                 path(QStringLiteral("g.csv")),
                                 QStringLiteral("--host"),
                                 host(),
                                 QStringLiteral("--expected-column"),
                                 QStringLiteral("expected"),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("a"),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("a:json"),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("b:schema"),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("b:json") };
        const Run run = cli(args + QStringList { QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const Json grid = Json::parse(run.out.toStdString());
        QCOMPARE(grid.size(), size_t(4));
        // variant, valid first try, after reasks, failed, attempts, agreed fields of 8
        const std::vector<std::tuple<std::string, int, int, int, int, int>> expected {
            { "a / schema", 4, 0, 0, 4, 7 },
            { "a / json", 3, 1, 0, 5, 7 },
            { "b / schema", 3, 0, 1, 6, 5 },
            { "b / json", 2, 2, 0, 6, 7 },
        };
        for (size_t i = 0; i < expected.size(); ++i) {
            const auto &[name, first, reasked, failed, attempts, agreed] = expected[i];
            const Json &v = grid[i];
            QCOMPARE(v["variant"].get<std::string>(), name);
            QCOMPARE(v["outcome"].get<std::string>(), std::string("finished"));
            QCOMPARE(v["rows"].get<int>(), 4);
            QCOMPARE(v["valid_first_try"].get<int>(), first);
            QCOMPARE(v["valid_after_reasks"].get<int>(), reasked);
            QCOMPARE(v["failed"].get<int>(), failed);
            QCOMPARE(v["attempts"].get<int>(), attempts);
            // The fake reports 26 prompt and 12 completion tokens per reply.
            QCOMPARE(v["prompt_tokens"].get<int>(), 26 * attempts);
            QCOMPARE(v["completion_tokens"].get<int>(), 12 * attempts);
            QVERIFY(v["mean_latency_ms"].is_number());
            QCOMPARE(v["agreement"]["fields_overall"]["agreed"].get<int>(), agreed);
            QCOMPARE(v["agreement"]["fields_overall"]["total"].get<int>(), 8);
        }
        // Each variant ran every row with its own model and mode: 4 + 5 + 6 + 6 requests.
        QCOMPARE(m_server->requestsTo("/api/chat").size(), 21);

        const Run table = cli(args);
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        const QStringList tableLines = table.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(tableLines.size(), 8); // the variants, then seven figures
        QCOMPARE(tableLines.at(0).simplified(), QStringLiteral("a / schema a / json b / schema b / json"));
        QCOMPARE(tableLines.at(1).simplified(), QStringLiteral("valid first try 4 3 3 2"));
        QCOMPARE(tableLines.at(3).simplified(), QStringLiteral("failed 0 0 1 0"));
        QCOMPARE(tableLines.at(5).simplified(), QStringLiteral("tokens 152 190 228 228"));
        QCOMPARE(tableLines.at(7).simplified(),
                 QStringLiteral("field agreement 87.5% (7/8) 87.5% (7/8) 62.5% (5/8) 87.5% (7/8)"));
    }

    // Ctrl-C during a comparison: the rows in flight stop, the grid of what ran is printed with
    // the interrupted variant marked, and the exit code is 130.
    void sigintDuringComparison_gridSoFar_exit130()
    {
        m_server->addModel(QStringLiteral("a")); // the variants' models, pulled as Ollama requires
        m_server->addModel(QStringLiteral("b"));
        m_server->setChatResponder(BatchScript::responder(15));
        write(QStringLiteral("ci.csv"), BatchScript::csv(80));
        auto process = start({ QStringLiteral("batch"), QStringLiteral("--schema"), path(QStringLiteral("s.json")),
                               QStringLiteral("--input"), path(QStringLiteral("ci.csv")), QStringLiteral("--host"),
                               host(), QStringLiteral("--variant"), QStringLiteral("a"), QStringLiteral("--variant"),
                               QStringLiteral("b"), QStringLiteral("--json") });
        QVERIFY(process->waitForStarted());
        QSignalSpy finished(process.get(), &QProcess::finished);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestsTo("/api/chat").size() >= 10, 30000);
        QCOMPARE(::kill(pid_t(process->processId()), SIGINT), 0);
        QVERIFY(finished.wait(30000));
        const QString err = QString::fromUtf8(process->readAllStandardError());
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(process->exitCode() == 130, qPrintable(err));
        const Json grid = Json::parse(process->readAllStandardOutput().toStdString());
        QCOMPARE(grid.size(), size_t(1)); // variant b never started
        QCOMPARE(grid[0]["variant"].get<std::string>(), std::string("a / schema"));
        QCOMPARE(grid[0]["outcome"].get<std::string>(), std::string("cancelled"));
        const int done = grid[0]["valid_first_try"].get<int>() + grid[0]["valid_after_reasks"].get<int>()
            + grid[0]["failed"].get<int>();
        QVERIFY2(done >= 5 && done < 80, qPrintable(QString::number(done)));
        for (const auto &request : m_server->requestsTo("/api/chat"))
            QCOMPARE(request.json.value("model", std::string()), std::string("a"));
    }

    // --variant MODEL:MODE:@FILE (issue 12): that variant's requests carry the file's prompt
    // instead of --template, the others the base prompt; the grid names the prompt.
    void variantPromptFile_requestsCarryItAndGridNamesIt()
    {
        m_server->addModel(QStringLiteral("a"));
        write(QStringLiteral("vp.csv"), BatchScript::csv(3));
        write(QStringLiteral("short.txt"), "Answer briefly. item: {{item}}");
        const QStringList args { QStringLiteral("batch"),
                                 QStringLiteral("--schema"),
                                 path(QStringLiteral("s.json")),
                                 QStringLiteral("--input"),
                                 path(QStringLiteral("vp.csv")),
                                 QStringLiteral("--host"),
                                 host(),
                                 QStringLiteral("--history"),
                                 path(QStringLiteral("vp.sqlite")),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("a"),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("a:json:@") + path(QStringLiteral("short.txt")) };
        const Run run = cli(args + QStringList { QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const Json grid = Json::parse(run.out.toStdString());
        QCOMPARE(grid.size(), size_t(2));
        QCOMPARE(grid[0]["variant"].get<std::string>(), std::string("a / schema"));
        QVERIFY(grid[0]["prompt"].is_null());
        QCOMPARE(grid[1]["variant"].get<std::string>(), std::string("a / json / short.txt"));
        QCOMPARE(grid[1]["prompt"].get<std::string>(), std::string("short.txt"));
        QCOMPARE(grid[1]["valid_first_try"].get<int>(), 2); // row 3 is reasked, as scripted
        QCOMPARE(grid[1]["valid_after_reasks"].get<int>(), 1);
        int withFile = 0;
        for (const auto &request : m_server->requestsTo("/api/chat")) {
            std::string user;
            for (const auto &message : request.json["messages"])
                if (message.value("role", std::string()) == "user" && user.empty())
                    user = message.value("content", std::string());
            const bool json = request.json.value("format", Json()) == Json("json");
            QCOMPARE(user.rfind("Answer briefly. item: ", 0) == 0, json); // the file's prompt, json variant only
            withFile += json ? 1 : 0;
        }
        QCOMPARE(withFile, 4);

        const Run table = cli(args);
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QCOMPARE(table.out.split(u'\n').constFirst().simplified(), QStringLiteral("a / schema a / json / short.txt"));

        // A prompt file naming a column the input lacks is refused before any request.
        write(QStringLiteral("bad.txt"), "{{nope}}");
        const qsizetype before = m_server->requestsTo("/api/chat").size();
        QStringList bad = args;
        bad.last() = QStringLiteral("a:@") + path(QStringLiteral("bad.txt"));
        const Run refused = cli(bad);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("{{nope}}")), qPrintable(refused.err));
        QCOMPARE(m_server->requestsTo("/api/chat").size(), before);
    }

    // A comparison is kept in the history like a batch, one batch per variant (issue 12): after
    // Ctrl-C, --resume finishes it without running a finished row again or twice, and
    // `history list` shows every variant's rows.
    void comparisonInterrupted_resumeFinishesWithoutDuplicates()
    {
        m_server->addModel(QStringLiteral("a"));
        m_server->addModel(QStringLiteral("b"));
        m_server->setChatResponder(BatchScript::responder(15));
        write(QStringLiteral("cr.csv"), BatchScript::csv(30));
        const QString historyPath = path(QStringLiteral("cr.sqlite"));
        const QStringList args { QStringLiteral("batch"),
                                 QStringLiteral("--schema"),
                                 path(QStringLiteral("s.json")),
                                 QStringLiteral("--input"),
                                 path(QStringLiteral("cr.csv")),
                                 QStringLiteral("--host"),
                                 host(),
                                 QStringLiteral("--history"),
                                 historyPath,
                                 QStringLiteral("--variant"),
                                 QStringLiteral("a"),
                                 QStringLiteral("--variant"),
                                 QStringLiteral("b:json"),
                                 QStringLiteral("--json") };
        auto process = start(args);
        QVERIFY(process->waitForStarted());
        QSignalSpy finished(process.get(), &QProcess::finished);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestsTo("/api/chat").size() >= 10, 30000);
        QCOMPARE(::kill(pid_t(process->processId()), SIGINT), 0);
        QVERIFY(finished.wait(30000));
        QCOMPARE(process->exitCode(), 130);

        // The rows of variant a finished before the interruption, from the history.
        const auto finalRows = [&historyPath](const std::string &model) {
            HistoryDatabase history;
            std::map<QString, int> rows;
            if (!history.open(historyPath).isEmpty())
                return rows;
            for (const StoredRun &run : history.listRuns(1000))
                if (run.model.toStdString() == model && (run.status == u"valid" || run.status == u"invalid"))
                    ++rows[run.rowId];
            return rows;
        };
        const std::map<QString, int> before = finalRows("a");
        QVERIFY(before.size() >= 5 && before.size() < 30);
        const qsizetype requestsBefore = m_server->requestsTo("/api/chat").size();

        const Run resumed = cli(args + QStringList { QStringLiteral("--resume") });
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QStringLiteral("resuming the comparison")), qPrintable(resumed.err));
        for (const auto &request : m_server->requestsTo("/api/chat").mid(requestsBefore)) {
            if (request.json.value("model", std::string()) == "a")
                QVERIFY(!before.count(QString::number(BatchScript::rowOf(request))));
        }
        const Json grid = Json::parse(resumed.out.toStdString());
        QCOMPARE(grid.size(), size_t(2));
        for (const Json &variant : grid) {
            QCOMPARE(variant["outcome"].get<std::string>(), std::string("finished"));
            QCOMPARE(variant["valid_first_try"].get<int>() + variant["valid_after_reasks"].get<int>()
                         + variant["failed"].get<int>(),
                     30);
            QCOMPARE(variant["failed"].get<int>(), 1); // row 7
        }
        for (const std::string model : { "a", "b" }) {
            const std::map<QString, int> rows = finalRows(model);
            QCOMPARE(int(rows.size()), 30);
            for (const auto &[row, count] : rows)
                QCOMPARE(count, 1);
        }
        // Finished now: a second --resume has nothing to continue.
        const Run again = cli(args + QStringList { QStringLiteral("--resume") });
        QVERIFY2(again.err.contains(QStringLiteral("nothing to resume")), qPrintable(again.err));

        const Run list
            = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history"), historyPath,
                    QStringLiteral("--limit"), QStringLiteral("1000"), QStringLiteral("--json") });
        QCOMPARE(list.exitCode, 0);
        QSet<qint64> batches;
        int ofB = 0;
        for (const QString &line : list.out.split(u'\n', Qt::SkipEmptyParts)) {
            const Json run = Json::parse(line.toStdString());
            batches.insert(run["batch"].get<qint64>());
            ofB += run["model"] == "b" && run["mode"] == "json" ? 1 : 0;
        }
        QVERIFY(ofB >= 30);
        QCOMPARE(batches.size(), 4); // a and b, then both again for the third run
    }

    // The settings a batch row stores are those of a single run (one home, store/runsettings),
    // with the batch's prompt templates and servers in place of the single run's endpoint.
    void batchAndExtractSettings_sameKeys()
    {
        const QString historyPath = path(QStringLiteral("settings.sqlite"));
        write(QStringLiteral("st.csv"), "item\n1\n");
        QStringList args = batchArgs(path(QStringLiteral("st.csv")), path(QStringLiteral("st.json")),
                                     { QStringLiteral("--temperature"), QStringLiteral("0.5") });
        args[args.indexOf(QStringLiteral("--history")) + 1] = historyPath;
        QCOMPARE(cli(args).exitCode, 0);
        const Run extract
            = cli({ QStringLiteral("extract"), QStringLiteral("--schema"), path(QStringLiteral("s.json")),
                    QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("--prompt"),
                    QStringLiteral("item: 2"), QStringLiteral("--host"), host(), QStringLiteral("--temperature"),
                    QStringLiteral("0.5"), QStringLiteral("--history"), historyPath });
        QVERIFY2(extract.exitCode == 0, qPrintable(extract.err));

        HistoryDatabase history;
        QCOMPARE(history.open(historyPath), QString());
        const QList<StoredRun> runs = history.listRuns(10, 0);
        QCOMPARE(runs.size(), 2);
        const auto keys = [&history](const StoredRun &run) {
            const Json settings = Json::parse(history.run(run.id)->settingsJson.toStdString());
            QStringList names;
            for (auto it = settings.cbegin(); it != settings.cend(); ++it)
                names.append(QString::fromStdString(it.key()));
            return names;
        };
        // Newest first: the extract run, then the batch row.
        QCOMPARE(keys(runs.at(0)).join(u','), QStringLiteral("api,endpoint,model,mode,max_attempts,temperature,think"));
        QCOMPARE(keys(runs.at(1)).join(u','),
                 QStringLiteral("api,model,mode,max_attempts,temperature,think,system_prompt,user_prompt,endpoints"));
    }

    void variantWithOut_exitTwo()
    {
        write(QStringLiteral("v.csv"), "item\n1\n");
        const Run run = cli(batchArgs(path(QStringLiteral("v.csv")), path(QStringLiteral("v.json")),
                                      { QStringLiteral("--variant"), QStringLiteral("a") }));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("batch: --variant prints a grid")), qPrintable(run.err));
        QCOMPARE(m_server->requests().size(), 0);
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
