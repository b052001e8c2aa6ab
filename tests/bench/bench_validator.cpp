// SPDX-License-Identifier: GPL-3.0-or-later
// Validator throughput on a realistic extraction schema (nested objects, arrays of objects, enums,
// formats, patterns, required).
//
// 1. In process: instances per second for valid and invalid instances, with isValid() (first
//    failure) and validate() (every error with its message).
// 2. Whole process, against ajv 8: a generated corpus (30,000 invoice instances of the bench schema,
//    one file each, about 60 MB) is checked by `formwork-cli validate --formats` and by a Node.js
//    script doing the same with ajv 8 (Ajv2020, allErrors, ajv-formats): every error collected and
//    printed as one JSON line per instance. Prints wall time, throughput and peak memory (maxrss) of
//    both, and checks they agree on which instances are invalid. ajv is installed from the npm
//    registry into the build folder on first use when `node` and `npm` are on PATH; without them
//    this part prints why it is skipped.
//
// Usage: bench_validator [instances] [rounds] [corpus-folder]
//   default 30000 instances, best of 3 rounds, the corpus in a temporary folder (a given folder is
//   kept, e.g. for `perf record` of one side).
#include "schema/schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

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

// Python jsonschema on the same two files, in process, for reference.
void runPythonReference(const QString &dir, const QString &schemaPath)
{
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
}

void inProcess(const QString &dir, const QString &schemaPath)
{
    const Json schemaJson = load(schemaPath);
    SchemaOptions options;
    options.assertFormats = true;

    QElapsedTimer compileTimer;
    compileTimer.start();
    auto compiled = Schema::compile(schemaJson, options);
    const double compileUs = double(compileTimer.nsecsElapsed()) / 1e3;
    if (!compiled) {
        std::fprintf(stderr, "schema does not compile: %s\n", qPrintable(compiled.error().constFirst().message));
        std::exit(2);
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
    runPythonReference(dir, schemaPath);
}

// --- The corpus --------------------------------------------------------------------------------

// Invoices like the ones a model returns for the bench schema: most valid, about one in three
// with one to four mistakes of the kinds models make (wrong type, a value outside its enum or range,
// a missing or unknown property, a bad date or e-mail, a pattern miss).
class CorpusGenerator
{
public:
    explicit CorpusGenerator(std::uint32_t seed)
        : m_random(seed)
    {
    }

    Json next()
    {
        Json invoice = validInvoice();
        if (pick(3) == 0) {
            const int mistakes = 1 + pick(4);
            for (int i = 0; i < mistakes; ++i)
                spoil(invoice);
        }
        return invoice;
    }

private:
    std::mt19937 m_random;

    int pick(int n) { return int(m_random() % std::uint32_t(n)); }
    template<typename T, std::size_t N> const T &oneOf(const T (&values)[N]) { return values[pick(int(N))]; }

    std::string date()
    {
        char text[16];
        std::snprintf(text, sizeof text, "20%02d-%02d-%02d", 20 + pick(6), 1 + pick(12), 1 + pick(28));
        return text;
    }

    Json party()
    {
        static const char *const names[] = {
            "Acme GmbH", "Globex Ltd", "Initech SARL", "Umbrella B.V.", "Stark Industries Inc.", "Wayne Enterprises"
        };
        static const char *const cities[] = { "Berlin", "London", "Paris", "Amsterdam", "Zürich", "Wien" };
        static const char *const countries[] = { "DE", "GB", "FR", "NL", "CH", "AT" };
        const int which = pick(6);
        Json address = Json::object();
        address["street"] = "Hauptstraße " + std::to_string(1 + pick(200));
        address["city"] = cities[which];
        address["postalCode"] = std::to_string(10000 + pick(89999));
        address["country"] = countries[which];
        Json p = Json::object();
        p["name"] = names[pick(6)];
        p["email"] = "billing" + std::to_string(pick(100)) + "@example.com";
        p["vatId"] = pick(4) == 0 ? Json(nullptr)
                                  : Json(std::string(countries[which]) + std::to_string(100000000 + pick(899999999)));
        p["address"] = std::move(address);
        return p;
    }

    Json line(int index)
    {
        static const char *const colours[] = { "blue", "red", "green", "black", "white" };
        static const char *const sizes[] = { "small", "medium", "large" };
        static const char *const categories[] = { "goods", "service", "shipping", "discount" };
        static const double rates[] = { 0, 0.07, 0.19, 0.2 };
        Json l = Json::object();
        l["sku"] = "SKU-" + std::to_string(1000 + pick(9000));
        l["description"] = "Item number " + std::to_string(index) + ", " + oneOf(colours) + ", " + oneOf(sizes);
        l["quantity"] = 1 + pick(20);
        l["unitPrice"] = double(pick(100000)) / 100;
        l["taxRate"] = oneOf(rates);
        l["category"] = oneOf(categories);
        return l;
    }

    Json validInvoice()
    {
        static const char *const statuses[] = { "draft", "sent", "paid", "overdue", "void" };
        static const char *const currencies[] = { "EUR", "USD", "GBP", "CHF" };
        Json invoice = Json::object();
        invoice["invoiceNumber"] = "INV-" + std::to_string(100000 + pick(900000));
        invoice["issueDate"] = date();
        invoice["dueDate"] = date();
        invoice["status"] = oneOf(statuses);
        invoice["currency"] = oneOf(currencies);
        invoice["seller"] = party();
        invoice["buyer"] = party();
        Json lines = Json::array();
        const int count = 4 + pick(10);
        for (int i = 0; i < count; ++i)
            lines.push_back(line(i));
        invoice["lines"] = std::move(lines);
        const double net = double(pick(1000000)) / 100;
        invoice["totals"] = Json { { "net", net }, { "tax", net * 0.19 }, { "gross", net * 1.19 } };
        invoice["notes"] = pick(2) ? Json(nullptr) : Json("Payable within 30 days.");
        invoice["tags"] = Json::array({ "imported", pick(2) ? "q1" : "q2" });
        return invoice;
    }

    void spoil(Json &invoice)
    {
        Json &lines = invoice["lines"];
        Json &someLine = lines[std::size_t(pick(int(lines.size())))];
        switch (pick(10)) {
        case 0:
            invoice["invoiceNumber"] = std::to_string(pick(100000)); // pattern
            break;
        case 1:
            invoice["issueDate"] = "2024-02-30"; // format date
            break;
        case 2:
            invoice["status"] = "done"; // enum
            break;
        case 3:
            invoice["buyer"].erase("name"); // required
            break;
        case 4:
            invoice["seller"]["address"]["country"] = "Germany"; // pattern
            break;
        case 5:
            someLine["quantity"] = pick(2) ? Json(0) : Json("3"); // minimum or type
            break;
        case 6:
            someLine["unitPrice"] = -2; // minimum
            break;
        case 7:
            someLine["colour"] = "blue"; // additionalProperties
            break;
        case 8:
            invoice["buyer"]["email"] = "ap at example.com"; // format email
            break;
        default:
            invoice["tags"] = Json::array({ "imported", "imported" }); // uniqueItems
            break;
        }
    }
};

struct Corpus {
    QStringList files; // relative to the corpus folder
    qint64 bytes = 0;
};

Corpus writeCorpus(const QString &folder, int count)
{
    Corpus corpus;
    CorpusGenerator generator(20240917);
    for (int i = 0; i < count; ++i) {
        const QString name = QStringLiteral("%1.json").arg(i, 5, 10, QLatin1Char('0'));
        const std::string text = generator.next().dump(1);
        QFile file(folder + QLatin1Char('/') + name);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
            std::exit(2);
        }
        corpus.files.append(name);
        corpus.bytes += qint64(text.size());
    }
    return corpus;
}

// --- Whole-process runs ------------------------------------------------------------------------

struct ProcessRun {
    double seconds = 0;
    double cpuSeconds = 0; // user + system time of the child
    double peakMegabytes = 0; // maximum resident set size of the child
    int exitCode = -1;
};

// Runs `program arguments` in `folder` with stdout to `outputPath`, and measures it with wait4().
std::optional<ProcessRun> runMeasured(const QString &program, const QStringList &arguments, const QString &folder,
                                      const QString &outputPath)
{
    std::vector<QByteArray> storage;
    storage.push_back(QFile::encodeName(program));
    for (const QString &argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray dir = QFile::encodeName(folder);
    const QByteArray out = QFile::encodeName(outputPath);

    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid < 0)
        return std::nullopt;
    if (pid == 0) {
        const int fd = ::open(out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || ::chdir(dir.constData()) != 0 || ::dup2(fd, STDOUT_FILENO) < 0)
            _exit(127);
        ::execvp(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    if (::wait4(pid, &status, 0, &usage) != pid)
        return std::nullopt;
    ProcessRun run;
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    run.peakMegabytes = double(usage.ru_maxrss) / 1024.0;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// Fastest of `rounds` runs (the machine is shared: the fastest is the least disturbed).
std::optional<ProcessRun> bestOf(int rounds, const QString &program, const QStringList &arguments,
                                 const QString &folder, const QString &outputPath)
{
    std::optional<ProcessRun> best;
    for (int i = 0; i < rounds; ++i) {
        const auto run = runMeasured(program, arguments, folder, outputPath);
        if (!run)
            return std::nullopt;
        std::printf("    round %d: %.3f s (cpu %.3f s), peak %.1f MB, exit %d\n", i + 1, run->seconds, run->cpuSeconds,
                    run->peakMegabytes, run->exitCode);
        std::fflush(stdout);
        if (!best || run->seconds < best->seconds)
            best = run;
    }
    return best;
}

// Which files each JSON line of a validate output calls invalid, and how many errors in total.
struct OutputSummary {
    QSet<QString> invalid;
    qint64 lines = 0;
    qint64 errors = 0;
};

OutputSummary summarize(const QString &outputPath)
{
    OutputSummary summary;
    QFile file(outputPath);
    if (!file.open(QIODevice::ReadOnly))
        return summary;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        if (line.trimmed().isEmpty())
            continue;
        const Json json = Json::parse(line.constBegin(), line.constEnd(), nullptr, false);
        if (!json.is_object())
            continue;
        ++summary.lines;
        if (!json.value("valid", true))
            summary.invalid.insert(QString::fromStdString(json.value("file", std::string())));
        if (const auto errors = json.find("errors"); errors != json.end() && errors->is_array())
            summary.errors += qint64(errors->size());
    }
    return summary;
}

// The Node.js side: what `formwork-cli validate --formats` does, with ajv.
const char *const ajvScript = R"JS(
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
let pending = [];
let pendingBytes = 0;
const flush = () => { fs.writeSync(1, pending.join('')); pending = []; pendingBytes = 0; };
let anyInvalid = false;
for (const file of process.argv.slice(3)) {
  const valid = validate(JSON.parse(fs.readFileSync(file, 'utf8')));
  const errors = valid ? [] : validate.errors.map(e => ({ instancePath: e.instancePath,
    keywordLocation: e.schemaPath, message: e.message }));
  anyInvalid = anyInvalid || !valid;
  const line = JSON.stringify({ file, valid, errors }) + '\n';
  pending.push(line);
  pendingBytes += line.length;
  if (pendingBytes > 65536) flush();
}
flush();
process.exitCode = anyInvalid ? 1 : 0;
)JS";

// Installs ajv 8 and ajv-formats into `folder` unless they are there; returns the reason on failure.
QString ensureAjv(const QString &folder)
{
    if (QFile::exists(folder + QStringLiteral("/node_modules/ajv/package.json"))
        && QFile::exists(folder + QStringLiteral("/node_modules/ajv-formats/package.json")))
        return {};
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (npm.isEmpty())
        return QStringLiteral("npm is not installed (Debian: apt-get install npm)");
    QDir().mkpath(folder);
    std::printf("  installing ajv@8 and ajv-formats@3 from the npm registry into %s\n", qPrintable(folder));
    std::fflush(stdout);
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(npm,
                  { QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                    QStringLiteral("--prefix"), folder, QStringLiteral("ajv@8"), QStringLiteral("ajv-formats@3") });
    if (!install.waitForFinished(300000) || install.exitStatus() != QProcess::NormalExit || install.exitCode() != 0)
        return QStringLiteral("npm install failed: ") + QString::fromLocal8Bit(install.readAll().trimmed());
    return {};
}

QString ajvVersion(const QString &folder)
{
    QFile file(folder + QStringLiteral("/node_modules/ajv/package.json"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    const QByteArray bytes = file.readAll();
    const Json json = Json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    return QString::fromStdString(json.is_object() ? json.value("version", std::string("?")) : std::string("?"));
}

void printRun(const char *name, const ProcessRun &run, const Corpus &corpus, const OutputSummary &summary)
{
    std::printf("  %-9s %7.3f s (cpu %.3f s)  %8.0f instances/s  %6.1f MB/s  peak %6.1f MB  (%lld invalid, %lld "
                "errors)\n",
                name, run.seconds, run.cpuSeconds, double(corpus.files.size()) / run.seconds,
                double(corpus.bytes) / 1e6 / run.seconds, run.peakMegabytes, qlonglong(summary.invalid.size()),
                qlonglong(summary.errors));
}

int wholeProcess(const QString &schemaPath, int instances, int rounds, const QString &keptFolder)
{
    QTemporaryDir temporary;
    const QDir corpusDir(keptFolder.isEmpty() ? temporary.path() : keptFolder);
    if (!(keptFolder.isEmpty() ? temporary.isValid() : QDir().mkpath(keptFolder))) {
        std::fprintf(stderr, "cannot create the corpus folder\n");
        return 2;
    }
    QElapsedTimer timer;
    timer.start();
    const Corpus corpus = writeCorpus(corpusDir.path(), instances);
    std::printf("\nWhole process: %lld instances, %.1f MB, one file each (written in %.1f s to %s)\n",
                qlonglong(corpus.files.size()), double(corpus.bytes) / 1e6, double(timer.elapsed()) / 1000,
                qPrintable(corpusDir.path()));

    const QString formworkOutput = corpusDir.filePath(QStringLiteral("formwork.out"));
    std::printf("  formwork-cli validate --schema extraction.schema.json --formats <files>\n");
    const auto formwork = bestOf(
        rounds, QStringLiteral(FORMWORK_CLI_PATH),
        QStringList { QStringLiteral("validate"), QStringLiteral("--schema"), schemaPath, QStringLiteral("--formats") }
            + corpus.files,
        corpusDir.path(), formworkOutput);
    if (!formwork || formwork->exitCode > 1) {
        std::fprintf(stderr, "formwork-cli validate failed\n");
        return 2;
    }
    const OutputSummary formworkSummary = summarize(formworkOutput);

    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString ajvFolder = QStringLiteral(FORMWORK_BENCH_BUILD_DIR "/ajv");
    const QString problem = node.isEmpty()
        ? QStringLiteral("node is not installed (Debian: apt-get install nodejs npm)")
        : ensureAjv(ajvFolder);
    if (!problem.isEmpty()) {
        std::printf("  ajv: skipped, %s\n", qPrintable(problem));
        printRun("formwork", *formwork, corpus, formworkSummary);
        return 0;
    }
    const QString script = ajvFolder + QStringLiteral("/validate.js");
    QFile scriptFile(script);
    if (!scriptFile.open(QIODevice::WriteOnly) || scriptFile.write(ajvScript) < 0) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(script));
        return 2;
    }
    scriptFile.close();
    const QString ajvOutput = corpusDir.filePath(QStringLiteral("ajv.out"));
    std::printf("  node validate.js (ajv %s, Ajv2020 allErrors, ajv-formats) extraction.schema.json <files>\n",
                qPrintable(ajvVersion(ajvFolder)));
    const auto ajv
        = bestOf(rounds, node, QStringList { script, schemaPath } + corpus.files, corpusDir.path(), ajvOutput);
    if (!ajv || ajv->exitCode > 1) {
        std::fprintf(stderr, "the ajv run failed\n");
        return 2;
    }
    const OutputSummary ajvSummary = summarize(ajvOutput);

    std::printf("Best of %d:\n", rounds);
    printRun("formwork", *formwork, corpus, formworkSummary);
    printRun("ajv", *ajv, corpus, ajvSummary);
    std::printf("  throughput ratio formwork/ajv: %.2f wall, %.2f cpu (goal: at least 2)\n",
                ajv->seconds / formwork->seconds, ajv->cpuSeconds / formwork->cpuSeconds);
    if (formworkSummary.invalid != ajvSummary.invalid || formworkSummary.lines != ajvSummary.lines) {
        std::printf("  WARNING: the two disagree on which instances are invalid (%lld vs %lld lines)\n",
                    formworkSummary.lines, ajvSummary.lines);
        return 1;
    }
    std::printf("  both call the same %lld instances invalid\n", qlonglong(formworkSummary.invalid.size()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int instances = args.size() > 1 ? args.at(1).toInt() : 30000;
    const int rounds = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 3;
    const QString dir = QStringLiteral(FORMWORK_BENCH_DATA_DIR);
    const QString schemaPath = dir + QStringLiteral("/extraction.schema.json");
    inProcess(dir, schemaPath);
    return instances > 0 ? wholeProcess(schemaPath, instances, rounds, args.value(3)) : 0;
}
