// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/advisorbutton.h"
#include "picker/capabilityadvisor.h"

#include "extraction/promptsettings.h"
#include "extraction/tokenestimate.h"

#include <QFrame>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;

namespace {

using Id = Advice::Id;

// A plain GGUF chat model with every capability but the one a case takes away; nothing to advise.
AdvisorInput quietInput()
{
    AdvisorInput in;
    in.model.name = QStringLiteral("plain:8b");
    in.model.format = QStringLiteral("gguf");
    in.model.capabilities = { QStringLiteral("completion") };
    in.model.capabilitiesKnown = true;
    in.model.contextLength = 8192;
    in.api = BackendApi::Ollama;
    in.mode = ExtractionMode::Schema;
    in.estimatedPromptTokens = 500;
    return in;
}

QList<Id> ids(const QList<Advice> &advice)
{
    QList<Id> out;
    for (const Advice &a : advice)
        out.append(a.id);
    return out;
}

QStringList names(const QList<Advice> &advice)
{
    QStringList out;
    for (const Advice &a : advice)
        out.append(adviceIdName(a.id));
    return out;
}

const Advice *find(const QList<Advice> &advice, Id id)
{
    for (const Advice &a : advice) {
        if (a.id == id)
            return &a;
    }
    return nullptr;
}

EnforcementItem item(const QString &keyword, EnforcementStatus status)
{
    EnforcementItem i;
    i.pointer = QStringLiteral("/properties/x");
    i.keyword = keyword;
    i.status = status;
    return i;
}

} // namespace

class TestCapabilityAdvisor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void quietInput_noAdvice()
    {
        const QList<Advice> advice = adviseRun(quietInput());
        QVERIFY2(advice.isEmpty(), qPrintable(names(advice).join(u',')));
    }

    void noModel_noAdvice()
    {
        AdvisorInput in = quietInput();
        in.model = ModelInfo();
        in.mode = ExtractionMode::Tools;
        in.imageCount = 2;
        QVERIFY(adviseRun(in).isEmpty());
    }

    void toolsMode_modelWithoutTools_error()
    {
        AdvisorInput in = quietInput();
        in.mode = ExtractionMode::Tools;
        const QList<Advice> advice = adviseRun(in);
        const Advice *a = find(advice, Id::ToolsUnsupported);
        QVERIFY(a);
        QCOMPARE(a->severity, Advice::Severity::Error);
        QVERIFY(a->text.contains(QLatin1String("plain:8b")));
        QVERIFY(a->text.contains(QLatin1String("schema mode")));
        QCOMPARE(advice.constFirst().id, Id::ToolsUnsupported); // most severe first

        in.model.capabilities.append(QStringLiteral("tools"));
        QVERIFY(!ids(adviseRun(in)).contains(Id::ToolsUnsupported));
        in.model.capabilities = {};
        in.model.capabilitiesKnown = false; // /v1/models: unknown, so no claim
        QVERIFY(!ids(adviseRun(in)).contains(Id::ToolsUnsupported));
        in.model.capabilitiesKnown = true;
        in.mode = ExtractionMode::Schema;
        QVERIFY(!ids(adviseRun(in)).contains(Id::ToolsUnsupported));
    }

    void toolsMode_ollama_toolChoiceIgnored_onBothApis_notOnLlamaServer()
    {
        AdvisorInput in = quietInput();
        in.model.capabilities.append(QStringLiteral("tools"));
        in.mode = ExtractionMode::Tools;
        const Advice *native = nullptr;
        const QList<Advice> nativeAdvice = adviseRun(in);
        native = find(nativeAdvice, Id::ToolChoiceIgnored);
        QVERIFY(native);
        QVERIFY(native->text.contains(QLatin1String("native API has no tool_choice")));
        in.api = BackendApi::OpenAi;
        const QList<Advice> v1Advice = adviseRun(in);
        const Advice *v1 = find(v1Advice, Id::ToolChoiceIgnored);
        QVERIFY(v1);
        QVERIFY(v1->text.contains(QLatin1String("/v1 endpoint ignores tool_choice")));
        in.ollamaServer = false; // llama-server honours tool_choice
        QVERIFY(adviseRun(in).isEmpty());
        in.ollamaServer = true;
        in.mode = ExtractionMode::Json;
        QVERIFY(adviseRun(in).isEmpty());
    }

    void thinkingModel_defaultThink_offersTheSetting()
    {
        AdvisorInput in = quietInput();
        in.model.capabilities.append(QStringLiteral("thinking"));
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::ThinkingModel });
        QVERIFY(advice.constFirst().text.contains(QLatin1String("Think")));
        in.think = ThinkMode::Off;
        QVERIFY(adviseRun(in).isEmpty());
        in.think = ThinkMode::High;
        QVERIFY(adviseRun(in).isEmpty());
    }

    void thinkSet_modelWithoutThinking_notSent()
    {
        AdvisorInput in = quietInput();
        in.think = ThinkMode::On;
        QCOMPARE(ids(adviseRun(in)), QList<Id> { Id::ThinkUnsupported });
        in.think = ThinkMode::Off; // always accepted by the server
        QVERIFY(adviseRun(in).isEmpty());
    }

    void promptLargerThanContext_error()
    {
        AdvisorInput in = quietInput();
        in.estimatedPromptTokens = 9000;
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::ContextExceeded });
        QVERIFY(advice.constFirst().text.contains(QLatin1String("9000")));
        QVERIFY(advice.constFirst().text.contains(QLatin1String("8192")));
        in.estimatedPromptTokens = 8192;
        QVERIFY(adviseRun(in).isEmpty());
        in.estimatedPromptTokens = 9000;
        in.model.contextLength = 0; // unknown: no claim
        QVERIFY(adviseRun(in).isEmpty());
    }

    void promptLargerThanNumCtx_warning()
    {
        AdvisorInput in = quietInput();
        in.estimatedPromptTokens = 5000;
        in.numCtx = 4096;
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::NumCtxTooSmall });
        QVERIFY(advice.constFirst().text.contains(QLatin1String("num_ctx")));
        in.numCtx = 8192;
        QVERIFY(adviseRun(in).isEmpty());
        // A loaded runner's context counts when the run sets none.
        in.numCtx.reset();
        in.model.loaded = true;
        in.model.runtimeContextLength = 4096;
        QCOMPARE(ids(adviseRun(in)), QList<Id> { Id::NumCtxTooSmall });
    }

    void schemaNotEnforced_mlxAndCloud_inSchemaAndJsonModes()
    {
        AdvisorInput in = quietInput();
        in.model.format = QStringLiteral("safetensors");
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::SchemaNotEnforced });
        QCOMPARE(advice.constFirst().severity, Advice::Severity::Warning);
        in.mode = ExtractionMode::Json;
        QCOMPARE(ids(adviseRun(in)), QList<Id> { Id::SchemaNotEnforced });
        in.mode = ExtractionMode::MdJson; // no format sent: nothing ignored
        QVERIFY(adviseRun(in).isEmpty());
        in = quietInput();
        in.model.remote = true;
        QCOMPARE(ids(adviseRun(in)), QList<Id> { Id::SchemaNotEnforced });
    }

    void ignoredKeywords_countedWithoutAnnotations_schemaModeOnly()
    {
        AdvisorInput in = quietInput();
        in.enforcement = { item(QStringLiteral("type"), EnforcementStatus::Enforced),
                           item(QStringLiteral("description"), EnforcementStatus::Ignored),
                           item(QStringLiteral("multipleOf"), EnforcementStatus::Ignored),
                           item(QStringLiteral("uniqueItems"), EnforcementStatus::Ignored),
                           item(QStringLiteral("multipleOf"), EnforcementStatus::Ignored) };
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::KeywordsIgnored });
        const QString text = advice.constFirst().text;
        QVERIFY2(text.startsWith(QLatin1String("3 schema keywords")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("multipleOf, uniqueItems")));
        QVERIFY(!text.contains(QLatin1String("description")));
        in.mode = ExtractionMode::Tools;
        in.model.capabilities.append(QStringLiteral("tools"));
        in.ollamaServer = false;
        QVERIFY(adviseRun(in).isEmpty());
        in = quietInput();
        in.enforcement = { item(QStringLiteral("title"), EnforcementStatus::Ignored) };
        QVERIFY(adviseRun(in).isEmpty());
    }

    void oneIgnoredKeyword_namesItAndTheGrammar()
    {
        AdvisorInput in = quietInput();
        in.enforcement = { item(QStringLiteral("multipleOf"), EnforcementStatus::Ignored) };
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::KeywordsIgnored });
        QVERIFY2(advice.constFirst().text.startsWith(
                     QLatin1String("1 schema keyword is not enforced by the grammar (multipleOf):")),
                 qPrintable(advice.constFirst().text));
    }

    void rejectedKeyword_error()
    {
        AdvisorInput in = quietInput();
        in.enforcement = { item(QStringLiteral("type"), EnforcementStatus::Rejected) };
        QCOMPARE(ids(adviseRun(in)), QList<Id> { Id::KeywordsRejected });
    }

    // The advice names the probed server and uses its rules (issue 11): llama-server honours
    // tool_choice and ignores an unanchored pattern; an unknown server gets no keyword list.
    void probedServer_adviceNamesItAndUsesItsRules()
    {
        AdvisorInput in = quietInput();
        in.enforcement = { item(QStringLiteral("multipleOf"), EnforcementStatus::Ignored),
                           item(QStringLiteral("pattern"), EnforcementStatus::Rejected) };
        in.server = ServerKind::LlamaServer;
        in.ollamaServer = false;
        QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::KeywordsIgnored });
        QVERIFY2(advice.constFirst().text.contains(QLatin1String("the grammar of llama.cpp's llama-server")),
                 qPrintable(advice.constFirst().text));
        QVERIFY(advice.constFirst().text.contains(QLatin1String("multipleOf, pattern")));

        in.server = ServerKind::OpenAiCompatible;
        advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::EnforcementUnknown });
        QVERIFY2(advice.constFirst().text.contains(QLatin1String("an OpenAI-compatible server of unknown kind")),
                 qPrintable(advice.constFirst().text));
        QVERIFY(!advice.constFirst().text.contains(QLatin1String("multipleOf")));

        in = quietInput();
        in.mode = ExtractionMode::Tools;
        in.model.capabilities.append(QStringLiteral("tools"));
        in.api = BackendApi::OpenAi;
        in.server = ServerKind::LlamaServer;
        QVERIFY(adviseRun(in).isEmpty());
        in.server = ServerKind::OpenAiCompatible;
        advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::ToolChoiceIgnored });
        QVERIFY(!advice.constFirst().text.contains(QLatin1String("Ollama")));
    }

    void imagesWithoutVision_error()
    {
        AdvisorInput in = quietInput();
        in.imageCount = 2;
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), QList<Id> { Id::ImagesWithoutVision });
        QVERIFY(advice.constFirst().text.startsWith(QLatin1String("2 images")));
        in.model.capabilities.append(QStringLiteral("vision"));
        QVERIFY(adviseRun(in).isEmpty());
        in.model.capabilities = { QStringLiteral("completion"), QStringLiteral("multimodal") };
        QVERIFY(adviseRun(in).isEmpty());
        in.model.capabilities = { QStringLiteral("completion") };
        in.imageCount = 0;
        QVERIFY(adviseRun(in).isEmpty());
    }

    void severalProblems_sortedBySeverity()
    {
        AdvisorInput in = quietInput();
        in.model.capabilities.append(QStringLiteral("thinking"));
        in.model.format = QStringLiteral("safetensors");
        in.imageCount = 1;
        const QList<Advice> advice = adviseRun(in);
        QCOMPARE(ids(advice), (QList<Id> { Id::ImagesWithoutVision, Id::SchemaNotEnforced, Id::ThinkingModel }));
    }

    void estimatePromptTokens_sumsTheParts()
    {
        QCOMPARE(estimatePromptTokens(QString(), QString(), QString()), 0);
        const qint64 all = estimatePromptTokens(QStringLiteral("You extract data."), QStringLiteral("Harry is 37."),
                                                QStringLiteral("{\"type\":\"object\"}"));
        QVERIFY(all > estimatePromptTokens(QStringLiteral("You extract data."), QString(), QString()));
    }

    void advisorInputFor_readsThePromptSettings()
    {
        PromptSettings prompt;
        prompt.systemPrompt = QStringLiteral("You extract data.");
        prompt.userPrompt = QStringLiteral("Extract from: {{doc}}");
        prompt.variables
            = { PromptVariable { QStringLiteral("doc"), QString(40000, u'a').replace(u'a', QStringLiteral("word ")) } };
        prompt.imagePaths = { QStringLiteral("/tmp/a.png") };
        prompt.mode = ExtractionMode::Tools;
        prompt.think = ThinkMode::Low;
        prompt.options.numCtx = 4096;
        ModelInfo model = quietInput().model;
        const QList<EnforcementItem> enforcement = { item(QStringLiteral("multipleOf"), EnforcementStatus::Ignored) };
        const AdvisorInput in
            = advisorInputFor(prompt, estimateTokens(u"{\"type\":\"object\"}"), enforcement, model, BackendApi::OpenAi);
        QCOMPARE(in.mode, ExtractionMode::Tools);
        QCOMPARE(in.think, ThinkMode::Low);
        QCOMPARE(in.numCtx.value_or(0), 4096);
        QCOMPARE(in.imageCount, 1);
        QCOMPARE(in.api, BackendApi::OpenAi);
        QCOMPARE(in.enforcement.size(), 1);
        // The document in {{doc}} counts: 40000 words are far more than 4096 tokens.
        QVERIFY2(in.estimatedPromptTokens > 40000, qPrintable(QString::number(in.estimatedPromptTokens)));
        // The schema counted beforehand (as the lint does) gives what its text gives.
        QCOMPARE(in.estimatedPromptTokens, estimatePromptTokens(prompt, QStringLiteral("{\"type\":\"object\"}")));
        QVERIFY(ids(adviseRun(in)).contains(Id::ContextExceeded));
    }

    void advisorButton_countsAndLists()
    {
        AdvisorButton button;
        QCOMPARE(button.objectName(), QStringLiteral("advisorButton"));
        QCOMPARE(button.text(), QStringLiteral("advisor: no warnings"));
        QVERIFY(!button.isEnabled());
        QVERIFY(!button.toolTip().isEmpty());

        AdvisorInput in = quietInput();
        in.imageCount = 1;
        in.model.format = QStringLiteral("safetensors");
        const QList<Advice> advice = adviseRun(in);
        button.setAdvice(advice);
        QCOMPARE(button.text(), QStringLiteral("advisor: 2 warnings"));
        QVERIFY(button.isEnabled());
        QVERIFY(button.toolTip().contains(advice.constFirst().text.toHtmlEscaped()));
        QVERIFY(!button.icon().isNull());

        QTest::mouseClick(&button, Qt::LeftButton);
        QFrame *popup = button.popup();
        QCOMPARE(popup->objectName(), QStringLiteral("advisorPopup"));
        QVERIFY(popup->isVisible());
        const QString listed = popup->findChild<QLabel *>(QStringLiteral("advisorPopupText"))->text();
        QVERIFY(listed.contains(advice.at(0).text.toHtmlEscaped()));
        QVERIFY(listed.contains(advice.at(1).text.toHtmlEscaped()));
        popup->hide();

        in.imageCount = 0;
        in.model.format = QStringLiteral("gguf");
        button.setAdvice(adviseRun(in));
        QCOMPARE(button.text(), QStringLiteral("advisor: no warnings"));
        QVERIFY(!button.isEnabled());
    }
};

QTEST_MAIN(TestCapabilityAdvisor)
#include "tst_capabilityadvisor.moc"
