// SPDX-License-Identifier: GPL-3.0-or-later
// Validator throughput on a realistic extraction schema (nested objects, arrays of objects, enums,
// formats, patterns, required). Prints instances per second for valid and invalid instances, with
// isValid() (first failure) and validate() (every error with its message), and, when Python's
// jsonschema is installed, a reference run of it on the same files in the same invocation.
#include "schema/schema.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <cstdio>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

Json load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.constBegin(), bytes.constEnd());
}

// Runs `body` repeatedly for about `budgetMs` and returns calls per second.
template<typename F> double measure(F body, int budgetMs = 1000)
{
    QElapsedTimer timer;
    timer.start();
    qint64 calls = 0;
    volatile std::size_t sink = 0;
    while (timer.elapsed() < budgetMs) {
        for (int i = 0; i < 100; ++i)
            sink = sink + body();
        calls += 100;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    return double(calls) / seconds;
}

const char *const pythonReference = R"PY(
import json, sys, time
import jsonschema
schema = json.load(open(sys.argv[1]))
checker = jsonschema.FormatChecker()
v = jsonschema.Draft202012Validator(schema, format_checker=checker)
for name in sys.argv[2:]:
    inst = json.load(open(name))
    for mode in ("is_valid", "iter_errors"):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 1.0:
            for _ in range(20):
                if mode == "is_valid":
                    v.is_valid(inst)
                else:
                    list(v.iter_errors(inst))
            n += 20
        print("%s %s %.0f" % (name.rsplit("/", 1)[-1], mode, n / (time.perf_counter() - t0)))
import importlib.metadata
print("version", importlib.metadata.version("jsonschema"))
)PY";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString dir = QStringLiteral(FORMWORK_BENCH_DATA_DIR);
    const QString schemaPath = dir + QStringLiteral("/extraction.schema.json");
    const Json schemaJson = load(schemaPath);
    SchemaOptions options;
    options.assertFormats = true;

    QElapsedTimer compileTimer;
    compileTimer.start();
    auto compiled = Schema::compile(schemaJson, options);
    const double compileUs = double(compileTimer.nsecsElapsed()) / 1e3;
    if (!compiled) {
        std::fprintf(stderr, "schema does not compile: %s\n", qPrintable(compiled.error().constFirst().message));
        return 2;
    }
    const Schema schema = *compiled;
    const double compilesPerSecond
        = measure([&] { return std::size_t(bool(Schema::compile(schemaJson, options))); }, 500);

    std::printf("Formwork validator benchmark (schema: %s, formats asserted)\n", qPrintable(schemaPath));
    std::printf("  compile: first %.0f us, %.0f compiles/s\n", compileUs, compilesPerSecond);
    for (const char *name : { "valid.json", "invalid.json" }) {
        const QString path = dir + QLatin1Char('/') + QString::fromLatin1(name);
        const Json instance = load(path);
        const std::size_t errors = std::size_t(schema.validate(instance).size());
        const double fast = measure([&] { return std::size_t(schema.isValid(instance)); });
        const double full = measure([&] { return std::size_t(schema.validate(instance).size()); });
        std::printf("  %-13s (%zu errors, %zu bytes): isValid %10.0f instances/s   validate %10.0f instances/s\n", name,
                    errors, std::size_t(instance.dump().size()), fast, full);
    }

    QProcess python;
    python.start(QStringLiteral("python3"),
                 { QStringLiteral("-c"), QString::fromLatin1(pythonReference), schemaPath,
                   dir + QStringLiteral("/valid.json"), dir + QStringLiteral("/invalid.json") });
    if (python.waitForFinished(60000) && python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0) {
        const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
        std::printf("Reference: Python jsonschema %s (Draft202012Validator, FormatChecker), same files:\n",
                    lines.constLast().split(' ').value(1).constData());
        for (int i = 0; i + 1 < lines.size(); ++i) {
            const QList<QByteArray> parts = lines[i].split(' ');
            std::printf("  %-13s %-11s %10s instances/s\n", parts.value(0).constData(), parts.value(1).constData(),
                        parts.value(2).constData());
        }
    } else {
        std::printf("Reference: Python jsonschema not available (%s)\n", python.readAllStandardError().constData());
    }
    return 0;
}
