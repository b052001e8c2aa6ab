// SPDX-License-Identifier: GPL-3.0-or-later
#include "suitecommand.h"

#include "clihelp.h"
#include "runoptions.h"

#include "schema/schema.h"
#include "schema/schemaregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <memory>

namespace Formwork {
namespace Cli {

namespace {

struct Tally {
    int passed = 0;
    int failed = 0;
};

bool readJson(const QString &path, nlohmann::ordered_json &out, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QCoreApplication::translate("cli", "cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    out = nlohmann::ordered_json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (out.is_discarded()) {
        error = QCoreApplication::translate("cli", "%1 is not valid JSON").arg(path);
        return false;
    }
    return true;
}

QStringList suiteFiles(const QString &directory, bool optional)
{
    QStringList files;
    QDirIterator it(directory, { QStringLiteral("*.json") }, QDir::Files,
                    optional ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

void runFile(const QString &path, const QString &displayName, Draft draft, bool assertFormats,
             const std::shared_ptr<const SchemaRegistry> &registry, Tally &tally, QTextStream &out)
{
    nlohmann::ordered_json cases;
    QString error;
    if (!readJson(path, cases, error) || !cases.is_array()) {
        out << QCoreApplication::translate("cli", "FAIL %1: cannot load the file (%2)").arg(displayName, error)
            << Qt::endl;
        ++tally.failed;
        return;
    }
    SchemaOptions options;
    options.defaultDraft = draft;
    options.assertFormats = assertFormats;
    options.registry = registry;
    for (const auto &testCase : cases) {
        const QString caseDescription = QString::fromStdString(testCase.value("description", std::string()));
        const auto compiled = Schema::compile(testCase.at("schema"), draft, options);
        for (const auto &test : testCase.at("tests")) {
            const QString testDescription = QString::fromStdString(test.value("description", std::string()));
            const bool expected = test.value("valid", false);
            QString reason;
            if (!compiled) {
                const SchemaError &first = compiled.error().constFirst();
                reason = QCoreApplication::translate("cli", "schema rejected: %1 at \"%2\"")
                             .arg(first.message, first.pointer);
            } else {
                const bool valid = compiled->isValid(test.at("data"));
                const QList<ValidationError> errors = compiled->validate(test.at("data"));
                if (valid != errors.isEmpty())
                    reason = QCoreApplication::translate("cli", "isValid() and validate() disagree");
                else if (valid != expected)
                    reason = expected ? QCoreApplication::translate("cli", "expected valid, got: %1")
                                            .arg(errors.isEmpty() ? QString() : errors.constFirst().text())
                                      : QCoreApplication::translate("cli", "expected invalid, got valid");
            }
            if (reason.isEmpty()) {
                ++tally.passed;
            } else {
                ++tally.failed;
                out << QStringLiteral("FAIL %1 | %2 | %3: %4")
                           .arg(displayName, caseDescription, testDescription, reason)
                    << Qt::endl;
            }
        }
    }
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli", "Run the official JSON-Schema-Test-Suite against Formwork's validator."));
    const QCommandLineOption help = helpOption();
    parser.addOption(help);
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QCoreApplication::translate("cli", "A JSON-Schema-Test-Suite checkout."));
    const QCommandLineOption draftOption(
        QStringLiteral("draft"),
        QCoreApplication::translate("cli", "The draft to run: 2020-12 or 7 (default: 2020-12)."),
        QStringLiteral("draft"), QStringLiteral("2020-12"));
    const QCommandLineOption optionalOption(
        QStringLiteral("optional"),
        QCoreApplication::translate("cli", "Also run the optional tests, formats asserted (default: off)."));
    const QCommandLineOption metaOption(
        QStringLiteral("metaschemas"),
        QCoreApplication::translate(
            "cli", "The directory with draft7.json, draft2020-12.json and vocabularies.json (default: %1).")
            .arg(SchemaRegistry::defaultMetaschemaDirectory()),
        QStringLiteral("dir"), SchemaRegistry::defaultMetaschemaDirectory());
    parser.addOptions({ draftOption, optionalOption, metaOption });
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto done = parseCommandLine(parser, arguments, QStringLiteral("suite"), out, err, true))
        return *done;
    if (parser.positionalArguments().size() != 1) {
        err << QCoreApplication::translate("cli", "suite: expected one directory.") << Qt::endl;
        return ExitUsage;
    }
    const auto draft = draftFromName(parser.value(draftOption));
    if (!draft) {
        err << QCoreApplication::translate("cli", "suite: unknown draft '%1' (use 2020-12 or 7).")
                   .arg(parser.value(draftOption))
            << Qt::endl;
        return ExitUsage;
    }
    // Absolute, so that remote documents map to the same file paths whatever the working directory.
    const QDir root(QFileInfo(parser.positionalArguments().constFirst()).absoluteFilePath());
    const QString testDir
        = root.filePath(QStringLiteral("tests/")
                        + (*draft == Draft::Draft7 ? QStringLiteral("draft7") : QStringLiteral("draft2020-12")));
    if (!QFileInfo(testDir).isDir()) {
        err << QCoreApplication::translate("cli", "suite: %1 does not exist.").arg(testDir) << Qt::endl;
        return ExitUsage;
    }

    auto registry = std::make_shared<SchemaRegistry>();
    QString error;
    if (QFileInfo(root.filePath(QStringLiteral("remotes"))).isDir())
        registry->addDirectory("http://localhost:1234/", root.filePath(QStringLiteral("remotes")), &error);
    // The official metaschemas, from Debian's python3-jsonschema (never copied into the project).
    if (registry->addMetaschemas(parser.value(metaOption), &error) < 3 && !error.isEmpty())
        err << QCoreApplication::translate("cli", "warning: %1").arg(error) << Qt::endl;

    Tally tally;
    const QDir tests(testDir);
    for (const QString &file : suiteFiles(testDir, parser.isSet(optionalOption))) {
        const QString relative = tests.relativeFilePath(file);
        const bool formats = relative.startsWith(QStringLiteral("optional/format"));
        runFile(file, relative, *draft, formats, registry, tally, out);
    }
    out << QCoreApplication::translate("cli", "%1 passed, %2 failed").arg(tally.passed).arg(tally.failed) << Qt::endl;
    return tally.failed == 0 ? ExitSuccess : ExitInvalid;
}

} // namespace

CliCommand suiteCommand()
{
    return CliCommand { QStringLiteral("suite"),
                        QCoreApplication::translate("cli", "Run the JSON-Schema-Test-Suite (validator conformance)"),
                        run };
}

} // namespace Cli
} // namespace Formwork
