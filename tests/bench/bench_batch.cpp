// SPDX-License-Identifier: GPL-3.0-or-later
// Batch throughput against an instant FakeOllama (the client's own cost per row), at
// concurrency 1 and 4, with and without the history; and the history's write cost per attempt.
//   build/<preset>/tests/bench/bench_batch [rows] [attempts-for-the-history-bench]
#include "batch/batchrunner.h"
#include "batchscript.h"
#include "fakeollama.h"
#include "store/historydatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace Formwork;
using Formwork::Test::BatchScript;
using Json = nlohmann::ordered_json;

namespace {

// Rows per second of one batch; every row valid on the first attempt.
double rowsPerSecond(QNetworkAccessManager &network, const QUrl &url, int rows, int concurrency,
                     HistoryDatabase *history)
{
    QByteArray csv = "item\n";
    for (int n = 1; n <= rows; ++n)
        csv += QByteArray::number(n * 10 + 1) + '\n'; // never a scripted reask or failure
    auto input = parseCsvInput(csv, QStringLiteral("bench.csv"));
    BatchConfig config;
    config.endpoints = { BatchEndpoint { url, concurrency } };
    config.model = QStringLiteral("m");
    config.schema = std::move(Schema::compile(Json::parse(BatchScript::schema().toStdString()))).value();
    config.prompt.userPrompt = QStringLiteral("item: {{item}}");
    BatchRunner runner(&network, config, *input);
    if (history)
        runner.setHistory(history, history->createBatch(StoredBatch()));
    QEventLoop loop;
    QObject::connect(&runner, &BatchRunner::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    runner.start();
    loop.exec();
    return rows / (double(timer.nsecsElapsed()) / 1e9);
}

// Microseconds per HistoryDatabase::addAttempt (its own transaction), median and mean.
std::pair<double, double> historyWriteMicros(const QString &path, int attempts)
{
    HistoryDatabase history;
    if (!history.open(path).isEmpty())
        return { -1, -1 };
    RunStart start;
    start.rowId = QStringLiteral("1");
    const qint64 run = history.beginRun(start);
    AttemptRecord a;
    a.requestJson = QByteArray(1200, 'r');
    a.content = QStringLiteral("{\"name\": \"P1\", \"age\": 1}");
    a.outcome = AttemptOutcome::Valid;
    std::vector<double> micros;
    micros.reserve(size_t(attempts));
    for (int i = 1; i <= attempts; ++i) {
        a.number = i;
        QElapsedTimer timer;
        timer.start();
        history.addAttempt(run, a);
        micros.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    double sum = 0;
    for (double m : micros)
        sum += m;
    std::sort(micros.begin(), micros.end());
    return { micros.at(micros.size() / 2), sum / double(micros.size()) };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rows = std::max(1, app.arguments().value(1, QStringLiteral("400")).toInt());
    const int attempts = std::max(1, app.arguments().value(2, QStringLiteral("2000")).toInt());
    QTextStream out(stdout);
    Formwork::Test::FakeOllama server;
    server.listen();
    server.addModel(QStringLiteral("m")); // the model the batch asks for
    server.setChatResponder(BatchScript::responder());
    QNetworkAccessManager network;
    QTemporaryDir dir;

    out << "bench_batch: " << rows << " rows against an instant FakeOllama (client cost per row)" << Qt::endl;
    rowsPerSecond(network, server.baseUrl(), 20, 1, nullptr); // warm-up
    for (const int concurrency : { 1, 4 }) {
        const double plain = rowsPerSecond(network, server.baseUrl(), rows, concurrency, nullptr);
        HistoryDatabase history;
        history.open(dir.filePath(QStringLiteral("rows-%1.sqlite").arg(concurrency)));
        const double stored = rowsPerSecond(network, server.baseUrl(), rows, concurrency, &history);
        out << QStringLiteral("  concurrency %1: %2 rows/s without history, %3 rows/s with history")
                   .arg(concurrency)
                   .arg(plain, 0, 'f', 0)
                   .arg(stored, 0, 'f', 0)
            << Qt::endl;
    }
    const auto [median, mean] = historyWriteMicros(dir.filePath(QStringLiteral("attempts.sqlite")), attempts);
    out << QStringLiteral("history write per attempt (own transaction, WAL): median %1 us, mean %2 us over %3")
               .arg(median, 0, 'f', 1)
               .arg(mean, 0, 'f', 1)
               .arg(attempts)
        << Qt::endl;
    return 0;
}
