// SPDX-License-Identifier: GPL-3.0-or-later
// What the checks beyond JSON Schema cost per attempt, on the invoice example (issue 14): the
// expression checks and the grounding checks of tests/data/checks/invoice.checks.json on the
// invoice answer, in microseconds per attempt.
//   build/<preset>/tests/bench/bench_checks [rounds]
#include "checks/checksfile.h"
#include "checks/checksjob.h"
#include "checks/localchecks.h"
#include "extraction/extractiontypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <functional>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

CheckList ofKind(const CheckList &all, CheckKind kind)
{
    CheckList out;
    for (const CheckDefinition &check : all) {
        if (check.kind == kind)
            out.append(check);
    }
    return out;
}

// Microseconds per call of `work`, over `rounds` calls.
double microsecondsPer(int rounds, const std::function<void()> &work)
{
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < rounds; ++i)
        work();
    return double(clock.nsecsElapsed()) / 1000.0 / rounds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const QString data = QStringLiteral(FORMWORK_TEST_DATA_DIR);
    auto checks = parseChecksFile(readFile(data + QStringLiteral("/checks/invoice.checks.json")),
                                  QStringLiteral("invoice.checks.json"));
    if (!checks) {
        out << checks.error() << Qt::endl;
        return 1;
    }
    const QString source = QString::fromUtf8(readFile(data + QStringLiteral("/checks/invoice.txt")));
    AttemptRecord attempt;
    attempt.extractedText = QString::fromUtf8(readFile(data + QStringLiteral("/examples/invoice.answer.json")));
    attempt.value = Json::parse(attempt.extractedText.toStdString());
    attempt.span = { 0, attempt.extractedText.toUtf8().size() };
    const std::optional<SourceMap> map = replySourceMap(attempt);

    LocalCheckInput input;
    input.value = &attempt.value;
    input.sourceMap = map ? &*map : nullptr;
    input.sourceText = source;

    const CheckList expressions = ofKind(*checks, CheckKind::Expression);
    const CheckList grounding = ofKind(*checks, CheckKind::Grounding);
    out << QStringLiteral("invoice example: %1 expression checks, %2 grounding checks (one of them over the %3 line "
                          "items); %4 rounds\n")
               .arg(expressions.size())
               .arg(grounding.size())
               .arg(attempt.value["lineItems"].size())
               .arg(rounds);

    double failures = 0;
    QElapsedTimer cold;
    cold.start();
    LocalChecks expressionChecks(expressions);
    failures += double(expressionChecks.run(input).hard.size());
    out << QStringLiteral("expression checks, first attempt (engine start + compile): %1 us\n")
               .arg(double(cold.nsecsElapsed()) / 1000.0, 0, 'f', 1);
    out << QStringLiteral("expression checks per attempt:                             %1 us\n")
               .arg(microsecondsPer(rounds, [&] { failures += double(expressionChecks.run(input).hard.size()); }), 0,
                    'f', 2);

    cold.restart();
    LocalChecks groundingChecks(grounding);
    failures += double(groundingChecks.run(input).hard.size());
    out << QStringLiteral("grounding checks, first attempt (input indexed):           %1 us\n")
               .arg(double(cold.nsecsElapsed()) / 1000.0, 0, 'f', 1);
    out << QStringLiteral("grounding checks per attempt:                              %1 us\n")
               .arg(microsecondsPer(rounds, [&] { failures += double(groundingChecks.run(input).hard.size()); }), 0,
                    'f', 2);

    LocalChecks all(*checks);
    all.run(input);
    out << QStringLiteral("all six, with the reply's source map rebuilt (as a run does): %1 us\n")
               .arg(microsecondsPer(rounds,
                                    [&] {
                                        const std::optional<SourceMap> m = replySourceMap(attempt);
                                        LocalCheckInput in = input;
                                        in.sourceMap = m ? &*m : nullptr;
                                        failures += double(all.run(in).hard.size());
                                    }),
                    0, 'f', 2);
    if (failures > 0)
        out << QStringLiteral("unexpected: %1 failed checks on the valid invoice\n").arg(failures);
    return failures > 0 ? 1 : 0;
}
