// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractionrequest.h"
#include "extraction/promptsettings.h"
#include "extractiontestsupport.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;
using Formwork::Test::personSchema;
using Json = nlohmann::ordered_json;

class TestPromptSettings final : public QObject
{
    Q_OBJECT

private:
    static PromptSettings basic()
    {
        PromptSettings s;
        s.userPrompt = QStringLiteral("Extract the person from: {{doc}}");
        s.variables = { { QStringLiteral("doc"), QStringLiteral("Ada Lovelace is 36.") } };
        return s;
    }

    static ModelInfo visionModel()
    {
        ModelInfo info;
        info.name = QStringLiteral("gemma3:4b");
        info.capabilities = { QStringLiteral("completion"), QStringLiteral("vision") };
        info.capabilitiesKnown = true;
        return info;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void variableNames_inOrderOfFirstAppearanceWithoutDuplicates()
    {
        QCOMPARE(templateVariableNames(QStringLiteral("{{b}} and {{a}}, again {{b}}; {{ c d }}")),
                 QStringList({ QStringLiteral("b"), QStringLiteral("a"), QStringLiteral(" c d ") }));
        QCOMPARE(templateVariableNames(QStringLiteral("no {placeholders} {{}} {{a\nb}} here")), QStringList());
        QCOMPARE(templateVariableNames(QStringLiteral("{{{x}}}")), QStringList({ QStringLiteral("x") }));
    }

    void variables_filledIntoBothPrompts()
    {
        PromptSettings s = basic();
        s.systemPrompt = QStringLiteral("You read {{kind}} documents.");
        s.variables.append({ QStringLiteral("kind"), QStringLiteral("medical") });
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY2(config.hasValue(), qPrintable(config ? QString() : config.error()));
        QCOMPARE(config->messages.size(), 2);
        QCOMPARE(config->messages.at(0).role, QStringLiteral("system"));
        QCOMPARE(config->messages.at(0).content, QStringLiteral("You read medical documents."));
        QCOMPARE(config->messages.at(1).role, QStringLiteral("user"));
        QCOMPARE(config->messages.at(1).content, QStringLiteral("Extract the person from: Ada Lovelace is 36."));
    }

    void valueHoldingPlaceholder_insertedVerbatim()
    {
        PromptSettings s = basic();
        s.userPrompt = QStringLiteral("{{a}} / {{b}} / {{unknown}}");
        s.variables
            = { { QStringLiteral("a"), QStringLiteral("{{b}}") }, { QStringLiteral("b"), QStringLiteral("B") } };
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY(config.hasValue());
        QCOMPARE(config->messages.last().content, QStringLiteral("{{b}} / B / {{unknown}}"));
    }

    void emptySystemPrompt_noSystemMessage()
    {
        PromptSettings s = basic();
        s.systemPrompt = QStringLiteral("  \n");
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY(config.hasValue());
        QCOMPARE(config->messages.size(), 1);
        QCOMPARE(config->messages.first().role, QStringLiteral("user"));
    }

    void emptyUserPrompt_error()
    {
        PromptSettings s = basic();
        s.userPrompt = QStringLiteral(" \n\t");
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY(!config.hasValue());
        QVERIFY2(config.error().contains(QStringLiteral("user prompt is empty")), qPrintable(config.error()));
    }

    void userPromptEmptyAfterFilling_errorNamesVariable()
    {
        PromptSettings s = basic();
        s.userPrompt = QStringLiteral("{{doc}}");
        s.variables = { { QStringLiteral("doc"), QString() } };
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY(!config.hasValue());
        QVERIFY2(config.error().contains(QStringLiteral("doc")), qPrintable(config.error()));
    }

    void images_readIntoUserMessage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(40, 'x');
        const QString path = dir.filePath(QStringLiteral("a.png"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png);
        file.close();

        PromptSettings s = basic();
        s.systemPrompt = QStringLiteral("sys");
        s.imagePaths = { path, path };
        auto config = buildExtractionConfig(s, QStringLiteral("gemma3:4b"), personSchema(), visionModel());
        QVERIFY(config.hasValue());
        QVERIFY(config->messages.first().images.isEmpty());
        QCOMPARE(config->messages.last().images.size(), 2);
        QCOMPARE(config->messages.last().images.first(), png);
    }

    void missingImage_errorNamesFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gone-4711.png"));
        PromptSettings s = basic();
        s.imagePaths = { path };
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), visionModel());
        QVERIFY(!config.hasValue());
        QVERIFY2(config.error().contains(QStringLiteral("gone-4711.png")), qPrintable(config.error()));
    }

    void directoryAsImage_errorNamesIt()
    {
        QTemporaryDir dir;
        PromptSettings s = basic();
        s.imagePaths = { dir.path() };
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), visionModel());
        QVERIFY(!config.hasValue());
        QVERIFY2(config.error().contains(QDir::toNativeSeparators(dir.path())), qPrintable(config.error()));
    }

    void limitsOptionsThinkTemplatesModel_copied()
    {
        PromptSettings s = basic();
        s.mode = ExtractionMode::Tools;
        s.maxAttempts = 5;
        s.deadlineMs = 12000;
        s.tokenBudget = 9000;
        s.options.temperature = 0.2;
        s.options.seed = 42;
        s.options.numCtx = 8192;
        s.options.numPredict = 700;
        s.think = ThinkMode::Off;
        s.templates.reaskTools = QStringLiteral("fix: {{errors}}");
        const ModelInfo info = visionModel();
        auto config = buildExtractionConfig(s, QStringLiteral("gemma3:4b"), personSchema(), info);
        QVERIFY(config.hasValue());
        QCOMPARE(config->model, QStringLiteral("gemma3:4b"));
        QVERIFY(config->schema.has_value());
        QVERIFY(config->schema->document() == personSchema().document());
        QCOMPARE(config->mode, ExtractionMode::Tools);
        QCOMPARE(config->limits.maxAttempts, 5);
        QCOMPARE(config->limits.deadlineMs, 12000);
        QCOMPARE(config->limits.tokenBudget, 9000);
        QCOMPARE(config->options.temperature, std::optional<double>(0.2));
        QCOMPARE(config->options.seed, std::optional<qint64>(42));
        QCOMPARE(config->options.numCtx, std::optional<int>(8192));
        QCOMPARE(config->options.numPredict, std::optional<int>(700));
        QCOMPARE(config->think, ThinkMode::Off);
        QCOMPARE(config->templates.reaskTools, QStringLiteral("fix: {{errors}}"));
        QCOMPARE(config->templates.schemaPrompt, ExtractionTemplates::defaults().schemaPrompt);
        QCOMPARE(config->modelInfo.name, info.name);
        QCOMPARE(config->modelInfo.capabilities, info.capabilities);
        QVERIFY(config->modelInfo.capabilitiesKnown);
    }

    void config_buildsBaseRequestWithSchemaPrompt()
    {
        PromptSettings s = basic();
        s.systemPrompt = QStringLiteral("Be exact.");
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY(config.hasValue());
        auto base = buildBaseRequest(*config, BackendApi::Ollama);
        QVERIFY(base.hasValue());
        QVERIFY(base->request.messages.first().content.startsWith(QStringLiteral("Be exact.\n\n")));
    }
};

QTEST_GUILESS_MAIN(TestPromptSettings)
#include "tst_promptsettings.moc"
