// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"
#include "schema/schemaregistry.h"
#include "testdata.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using Formwork::Test::runCli;
using Formwork::Test::testDataPath;
using Json = nlohmann::ordered_json;

namespace {

QString fixture(const char *name)
{
    return testDataPath(QStringLiteral("validate/") + QString::fromLatin1(name));
}

std::vector<Json> jsonLines(const QByteArray &output)
{
    std::vector<Json> lines;
    for (const QByteArray &line : output.trimmed().split('\n')) {
        if (!line.isEmpty())
            lines.push_back(Json::parse(line.constBegin(), line.constEnd()));
    }
    return lines;
}

} // namespace

class TestValidateCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validInstance_printsValidLineAndExitsZero()
    {
        const auto run = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                  fixture("invoice.schema.json"), fixture("valid.json") });
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 0);
        const auto lines = jsonLines(run.standardOutput);
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(lines[0]["file"].get<std::string>()), fixture("valid.json"));
        QCOMPARE(lines[0]["valid"].get<bool>(), true);
        QVERIFY(lines[0]["errors"].empty());
    }

    void invalidInstance_listsEveryErrorAndExitsOne()
    {
        const auto run = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                  fixture("invoice.schema.json"), fixture("valid.json"), fixture("invalid.json") });
        QCOMPARE(run.exitCode, 1);
        const auto lines = jsonLines(run.standardOutput);
        QCOMPARE(lines.size(), std::size_t(2));
        const Json &errors = lines[1]["errors"];
        QCOMPARE(lines[1]["valid"].get<bool>(), false);
        QCOMPARE(errors.size(), std::size_t(3));
        QCOMPARE(errors[0]["instancePath"].get<std::string>(), std::string());
        QCOMPARE(errors[0]["keywordLocation"].get<std::string>(), std::string("/required"));
        QCOMPARE(errors[0]["message"].get<std::string>(), std::string("missing required property \"email\""));
        QCOMPARE(errors[1]["instancePath"].get<std::string>(), std::string("/status"));
        QCOMPARE(errors[1]["message"].get<std::string>(), std::string("\"done!\" is not one of \"open\", \"closed\""));
        QCOMPARE(errors[2]["instancePath"].get<std::string>(), std::string("/items/2/price"));
        QCOMPARE(errors[2]["keywordLocation"].get<std::string>(),
                 std::string("/properties/items/items/properties/price/minimum"));
        QCOMPARE(errors[2]["message"].get<std::string>(), std::string("-3 is less than the minimum of 0"));
        // Each range is the byte span of the failing value in invalid.json.
        const QByteArray text = Formwork::Test::readTestData(QStringLiteral("validate/invalid.json"));
        const auto spanOf = [&text](const Json &error) {
            const auto begin = error["range"][0].get<qsizetype>();
            const auto end = error["range"][1].get<qsizetype>();
            return text.mid(begin, end - begin);
        };
        QVERIFY(spanOf(errors[0]).startsWith('{'));
        QVERIFY(spanOf(errors[0]).endsWith('}'));
        QCOMPARE(spanOf(errors[1]), QByteArray("\"done!\""));
        QCOMPARE(spanOf(errors[2]), QByteArray("-3"));
    }

    // The lines are written without a JSON library: a file name with a quote, a backslash, a tab
    // and a control character must still come out as valid JSON giving the name back.
    void awkwardFileName_isEscapedAsJson()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("a \"quoted\"\\back\tslash\x01 \u00e9.json"));
        QVERIFY(QFile::copy(fixture("invalid.json"), path));
        const auto run
            = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"), fixture("invoice.schema.json"), path });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.standardOutput.contains("\\\"quoted\\\"\\\\back\\tslash\\u0001 \xc3\xa9.json"),
                 run.standardOutput.constData());
        const auto lines = jsonLines(run.standardOutput);
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(lines[0]["file"].get<std::string>()), path);
        QCOMPARE(lines[0]["errors"][1]["message"].get<std::string>(),
                 std::string("\"done!\" is not one of \"open\", \"closed\""));
    }

    // Ranges are found in the instance's text; with a repeated key the value that counts (the last)
    // is the one pointed at.
    void duplicateKey_rangeIsTheLastValue()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray text = "{\"email\": \"a@b.c\", \"status\": \"open\", \"status\": \"shut\"}";
        QFile file(dir.filePath(QStringLiteral("dup.json")));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(text) == text.size());
        file.close();
        const auto run = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                  fixture("invoice.schema.json"), file.fileName() });
        QCOMPARE(run.exitCode, 1);
        const auto lines = jsonLines(run.standardOutput);
        QCOMPARE(lines.size(), std::size_t(1));
        const Json &error = lines[0]["errors"][0];
        QCOMPARE(error["instancePath"].get<std::string>(), std::string("/status"));
        const auto begin = error["range"][0].get<qsizetype>();
        const auto end = error["range"][1].get<qsizetype>();
        QCOMPARE(begin, text.lastIndexOf("\"shut\""));
        QCOMPARE(text.mid(begin, end - begin), QByteArray("\"shut\""));
    }

    void formatOption_assertsFormats()
    {
        const QStringList base
            = { QStringLiteral("validate"), QStringLiteral("--schema"), fixture("invoice.schema.json") };
        const auto annotation = runCli(base + QStringList { fixture("badformat.json") });
        QCOMPARE(annotation.exitCode, 0);
        const auto asserted = runCli(base + QStringList { QStringLiteral("--formats"), fixture("badformat.json") });
        QCOMPARE(asserted.exitCode, 1);
        const auto lines = jsonLines(asserted.standardOutput);
        QCOMPARE(lines[0]["errors"][0]["instancePath"].get<std::string>(), std::string("/email"));
        QCOMPARE(lines[0]["errors"][0]["keywordLocation"].get<std::string>(), std::string("/properties/email/format"));
    }

    void brokenInstance_reportsLineAndColumnAndExitsTwo()
    {
        const auto run = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                  fixture("invoice.schema.json"), fixture("broken.json"), fixture("valid.json") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains(QByteArray(fixture("broken.json").toUtf8() + ":4:1: invalid JSON")),
                 run.standardError.constData());
        // The readable instance is still reported.
        QCOMPARE(jsonLines(run.standardOutput).size(), std::size_t(1));
    }

    void missingInstance_namesTheFileAndExitsTwo()
    {
        const auto run = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                  fixture("invoice.schema.json"), fixture("does-not-exist.json") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("does-not-exist.json: cannot read the file"));
    }

    void invalidSchema_listsSchemaErrorsAndExitsTwo()
    {
        const auto run = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                  fixture("badschema.schema.json"), fixture("valid.json") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardOutput.isEmpty());
        QVERIFY2(run.standardError.contains(
                     "badschema.schema.json:1:31: invalid schema at \"/minimum\": minimum must be a number"),
                 run.standardError.constData());
        QVERIFY(run.standardError.contains("invalid schema at \"/properties/a/$ref\": cannot resolve the reference"));
    }

    void draft7Option_appliesDraft7Rules()
    {
        // In draft-07, $ref hides its siblings: the maxLength next to it is not applied.
        const auto run
            = runCli({ QStringLiteral("validate"), QStringLiteral("--draft"), QStringLiteral("7"),
                       QStringLiteral("--schema"), fixture("refsibling.schema.json"), fixture("longstring.json") });
        QCOMPARE(run.exitCode, 0);
        const auto run2020 = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"),
                                      fixture("refsibling.schema.json"), fixture("longstring.json") });
        QCOMPARE(run2020.exitCode, 1);
    }

    void metaschemaRef_validatesSchemasAgainstTheOfficialMetaschema()
    {
        if (Formwork::SchemaRegistry().addMetaschemas() == 0)
            QSKIP("python3-jsonschema's metaschemas are not installed");
        const auto run
            = runCli({ QStringLiteral("validate"), QStringLiteral("--schema"), fixture("metaschema-ref.schema.json"),
                       fixture("invoice.schema.json"), fixture("badschema.schema.json") });
        QCOMPARE(run.exitCode, 1);
        const auto lines = jsonLines(run.standardOutput);
        QCOMPARE(lines.size(), std::size_t(2));
        QCOMPARE(lines[0]["valid"].get<bool>(), true);
        QCOMPARE(lines[1]["valid"].get<bool>(), false);
        QCOMPARE(lines[1]["errors"][0]["instancePath"].get<std::string>(), std::string("/minimum"));
    }

    void missingSchemaOption_exitsTwo()
    {
        const auto run = runCli({ QStringLiteral("validate"), fixture("valid.json") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("--schema"));
    }
};

QTEST_GUILESS_MAIN(TestValidateCommand)
#include "tst_validatecommand.moc"
