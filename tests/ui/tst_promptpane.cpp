// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"
#include "extraction/extractionrun.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "prompt/promptimagelist.h"
#include "prompt/promptpane.h"
#include "prompt/promptvariablesmodel.h"
#include "prompt/runoptionsform.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

#include <memory>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::FakeToolCall;
using Formwork::Test::personSchema;
using Json = nlohmann::ordered_json;

Q_DECLARE_METATYPE(Formwork::ExtractionMode)
Q_DECLARE_METATYPE(Formwork::BackendApi)
Q_DECLARE_METATYPE(Formwork::ThinkMode)

namespace {

const char *const ValidPerson = R"({"name": "Ada", "age": 36})";

ModelInfo modelInfo(const QString &name, const QStringList &capabilities)
{
    ModelInfo info;
    info.name = name;
    info.capabilities = capabilities;
    info.capabilitiesKnown = true;
    return info;
}

ModelInfo textModel()
{
    return modelInfo(QStringLiteral("llama3.1:8b"), { QStringLiteral("completion"), QStringLiteral("tools") });
}

ModelInfo visionModel()
{
    return modelInfo(QStringLiteral("gemma3:4b"), { QStringLiteral("completion"), QStringLiteral("vision") });
}

ModelInfo thinkingModel()
{
    return modelInfo(QStringLiteral("qwen3:8b"),
                     { QStringLiteral("completion"), QStringLiteral("tools"), QStringLiteral("thinking") });
}

QString writePng(const QTemporaryDir &dir, const QString &name, const QColor &color)
{
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(color);
    const QString path = dir.filePath(name);
    if (!image.save(path, "PNG"))
        return {};
    return path;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

std::string dumpOf(const Json &json)
{
    return json.dump();
}

} // namespace

class TestPromptPane final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    template<typename T> static T *child(const QWidget &pane, const char *name)
    {
        return pane.findChild<T *>(QString::fromLatin1(name));
    }

    // Runs `config` against a FakeOllama with one scripted reply; returns the body of the first
    // chat request the fake received (null when none arrived).
    Json runAndRecord(FakeOllama &fake, BackendApi api, const ExtractionConfig &config, bool *succeeded = nullptr)
    {
        BackendConfig bc;
        bc.baseUrl = fake.baseUrl();
        bc.firstByteTimeoutMs = 5000;
        bc.stallTimeoutMs = 5000;
        std::unique_ptr<LlmBackend> backend(LlmBackend::create(api, &m_nam, bc));
        ExtractionRun run(backend.get(), config);
        QSignalSpy ok(&run, &ExtractionRun::succeeded);
        QSignalSpy failed(&run, &ExtractionRun::failed);
        run.start();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(ok.count() + failed.count(), 1, 10000); }();
        if (succeeded)
            *succeeded = ok.count() == 1;
        const QByteArray path
            = api == BackendApi::Ollama ? QByteArrayLiteral("/api/chat") : QByteArrayLiteral("/v1/chat/completions");
        const auto requests = fake.requestsTo(path);
        return requests.isEmpty() ? Json() : requests.first().json;
    }

    static FakeReply validReply(ExtractionMode mode)
    {
        if (mode == ExtractionMode::Tools) {
            FakeReply call;
            call.toolCalls
                = { FakeToolCall { QStringLiteral("call_1"), QStringLiteral("Person"), QByteArray(ValidPerson) } };
            return call;
        }
        if (mode == ExtractionMode::MdJson)
            return FakeReply::text(
                { QStringLiteral("```json\n"), QString::fromUtf8(ValidPerson), QStringLiteral("\n```") });
        return FakeReply::text({ QString::fromUtf8(ValidPerson) });
    }

    static PromptSettings richSettings()
    {
        PromptSettings s;
        s.systemPrompt = QStringLiteral("You read {{kind}} records.");
        s.userPrompt = QStringLiteral("Extract the person from: {{doc}}");
        s.variables = { { QStringLiteral("kind"), QStringLiteral("census") },
                        { QStringLiteral("doc"), QStringLiteral("Ada Lovelace, 36, \"mathematician\" \u00e9") } };
        s.options.temperature = 0.25;
        s.options.seed = 7;
        s.options.numCtx = 4096;
        s.options.numPredict = 600;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<RunResult>();
        qRegisterMetaType<ExtractionMode>();
    }

    void variablesTable_listsPlaceholdersOfBothPromptsAndFillsThem()
    {
        PromptPane pane;
        auto *table = child<QTableView>(pane, "variablesTable");
        QVERIFY(table);
        QAbstractItemModel *model = table->model();
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&pane, &PromptPane::settingsChanged);

        child<QPlainTextEdit>(pane, "systemPromptEdit")->setPlainText(QStringLiteral("Read {{kind}} for {{who}}."));
        child<QPlainTextEdit>(pane, "userPromptEdit")->setPlainText(QStringLiteral("{{doc}} by {{who}}; {{doc}}"));
        QVERIFY(changed.count() >= 2);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("kind"));
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("who"));
        QCOMPARE(model->index(2, 0).data().toString(), QStringLiteral("doc"));
        QVERIFY(!(model->flags(model->index(0, 0)) & Qt::ItemIsEditable));
        QVERIFY(model->flags(model->index(0, 1)) & Qt::ItemIsEditable);

        changed.clear();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("census")));
        QVERIFY(model->setData(model->index(1, 1), QStringLiteral("Bob")));
        QVERIFY(model->setData(model->index(2, 1), QStringLiteral("Ada, 36")));
        QCOMPARE(changed.count(), 3);

        const PromptSettings s = pane.settings();
        QCOMPARE(s.variables.size(), 3);
        QCOMPARE(s.variables.at(2), (PromptVariable { QStringLiteral("doc"), QStringLiteral("Ada, 36") }));
        auto config = buildExtractionConfig(s, QStringLiteral("m"), personSchema(), ModelInfo());
        QVERIFY(config.hasValue());
        QCOMPARE(config->messages.at(0).content, QStringLiteral("Read census for Bob."));
        QCOMPARE(config->messages.at(1).content, QStringLiteral("Ada, 36 by Bob; Ada, 36"));

        // The value editor below the table edits the selected variable.
        table->selectRow(1);
        auto *valueEdit = child<QPlainTextEdit>(pane, "variableValueEdit");
        QCOMPARE(valueEdit->toPlainText(), QStringLiteral("Bob"));
        valueEdit->setPlainText(QStringLiteral("Carol\nsecond line"));
        QCOMPARE(pane.settings().variables.at(1).value, QStringLiteral("Carol\nsecond line"));
        QCOMPARE(model->index(1, 1).data(Qt::EditRole).toString(), QStringLiteral("Carol\nsecond line"));
    }

    void multiLineValue_survivesEditingInTheTable()
    {
        PromptPane pane;
        pane.resize(380, 640);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.showTab(PromptPane::Tab::Inputs);
        child<QPlainTextEdit>(pane, "userPromptEdit")->setPlainText(QStringLiteral("{{doc}}"));
        const QString document = QStringLiteral("line one\nline two\n\tindented");
        pane.variablesModel()->setValue(QStringLiteral("doc"), document);
        auto *table = child<QTableView>(pane, "variablesTable");
        const QModelIndex index = table->model()->index(0, PromptVariablesModel::ValueColumn);
        table->setCurrentIndex(index);
        table->edit(index);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor && editor != table);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!table->indexWidget(index)); // the delegate commits and closes in a queued call
        QCOMPARE(pane.settings().variables.first().value, document);
        // The same path does commit an edit (so the check above is not vacuous).
        table->edit(index);
        editor = QApplication::focusWidget();
        QVERIFY(editor && editor != table);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("short"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!table->indexWidget(index));
        QCOMPARE(pane.settings().variables.first().value, QStringLiteral("short"));
    }

    void destroyedWhileACellIsEdited_noCrash()
    {
        auto pane = std::make_unique<PromptPane>();
        pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(pane.get()));
        pane->showTab(PromptPane::Tab::Inputs);
        child<QPlainTextEdit>(*pane, "userPromptEdit")->setPlainText(QStringLiteral("{{doc}}"));
        auto *table = child<QTableView>(*pane, "variablesTable");
        const QModelIndex index = table->model()->index(0, PromptVariablesModel::ValueColumn);
        table->edit(index);
        QVERIFY(QApplication::focusWidget() != table);
        QPointer<QWidget> editor = QApplication::focusWidget();
        QVERIFY(editor && pane->isAncestorOf(editor));
        QTest::keyClicks(editor, QStringLiteral("typed"));
        pane.reset(); // the open editor commits while the pane is torn down
        QVERIFY(editor.isNull()); // and went with it
    }

    void variableFromFile_setsValueOrNamesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("letter.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Dear Ada,\n\xc3\xa9t\xc3\xa9 1843.\n");
        file.close();
        PromptPane pane;
        child<QPlainTextEdit>(pane, "userPromptEdit")->setPlainText(QStringLiteral("{{doc}}"));
        QSignalSpy changed(&pane, &PromptPane::settingsChanged);
        QSignalSpy loaded(&pane, &PromptPane::variableFileLoaded);
        // Read on a worker thread: the pane says so and the button waits.
        pane.loadVariableFromFile(QStringLiteral("doc"), path);
        QVERIFY(pane.isReadingFile());
        QVERIFY(!child<QToolButton>(pane, "variableFromFileButton")->isEnabled());
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.first().at(2).toBool(), true);
        QVERIFY(!pane.isReadingFile());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(pane.settings().variables.first().value, QStringLiteral("Dear Ada,\n\u00e9t\u00e9 1843.\n"));

        const QString binary = dir.filePath(QStringLiteral("scan.bin"));
        QFile bin(binary);
        QVERIFY(bin.open(QIODevice::WriteOnly));
        bin.write(QByteArray::fromHex("ff fe 00 c3 28"));
        bin.close();
        pane.loadVariableFromFile(QStringLiteral("doc"), binary);
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.last().at(2).toBool(), false);
        QVERIFY(pane.problemText(PromptPane::Problem::Variables).contains(QStringLiteral("scan.bin")));
        pane.loadVariableFromFile(QStringLiteral("doc"), dir.filePath(QStringLiteral("missing.txt")));
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.last().at(2).toBool(), false);
        QVERIFY(pane.problemText(PromptPane::Problem::Variables).contains(QStringLiteral("missing.txt")));
        QCOMPARE(pane.settings().variables.first().value, QStringLiteral("Dear Ada,\n\u00e9t\u00e9 1843.\n"));
    }

    // HTML loses its tags; only the newest of two loads lands.
    void variableFromFile_htmlStrippedAndNewestLoadWins()
    {
        QTemporaryDir dir;
        const QString html = dir.filePath(QStringLiteral("note.html"));
        const QString text = dir.filePath(QStringLiteral("note.txt"));
        QFile htmlFile(html);
        QVERIFY(htmlFile.open(QIODevice::WriteOnly));
        htmlFile.write("<html><body><p>Ada <b>Lovelace</b></p></body></html>");
        htmlFile.close();
        QFile textFile(text);
        QVERIFY(textFile.open(QIODevice::WriteOnly));
        textFile.write("first");
        textFile.close();
        PromptPane pane;
        child<QPlainTextEdit>(pane, "userPromptEdit")->setPlainText(QStringLiteral("{{doc}}"));
        QSignalSpy loaded(&pane, &PromptPane::variableFileLoaded);
        pane.loadVariableFromFile(QStringLiteral("doc"), text);
        pane.loadVariableFromFile(QStringLiteral("doc"), html);
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.first().at(1).toString(), html);
        const QString value = pane.settings().variables.first().value;
        QVERIFY2(value.contains(QStringLiteral("Ada Lovelace")) && !value.contains(u'<'), qPrintable(value));
    }

    // A dropped document becomes {{document}}, or the selected variable, or is added to the prompt.
    void loadDocument_choosesTheVariableOrAddsOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("contract.md"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# Contract\nBetween Ada and Charles.");
        file.close();
        PromptPane pane;
        auto *user = child<QPlainTextEdit>(pane, "userPromptEdit");
        QSignalSpy loaded(&pane, &PromptPane::variableFileLoaded);

        user->setPlainText(QStringLiteral("{{title}} and {{document}}"));
        QCOMPARE(pane.loadDocument(path), QStringLiteral("document"));
        QVERIFY(loaded.wait());
        QCOMPARE(pane.variablesModel()->value(QStringLiteral("document")),
                 QStringLiteral("# Contract\nBetween Ada and Charles."));

        user->setPlainText(QStringLiteral("Extract the parties."));
        QCOMPARE(pane.loadDocument(path), QStringLiteral("document"));
        QCOMPARE(user->toPlainText(), QStringLiteral("Extract the parties.\n\n{{document}}"));
        QVERIFY(loaded.wait());
        QCOMPARE(pane.settings().variables.size(), 1);
        QVERIFY(pane.settings().variables.first().value.startsWith(QStringLiteral("# Contract")));
        user->undo();
        QCOMPARE(user->toPlainText(), QStringLiteral("Extract the parties."));
    }

    void variableValue_keptWhenPlaceholderDisappearsAndReturns()
    {
        PromptPane pane;
        auto *user = child<QPlainTextEdit>(pane, "userPromptEdit");
        user->setPlainText(QStringLiteral("Text: {{doc}}"));
        pane.variablesModel()->setValue(QStringLiteral("doc"), QStringLiteral("the document"));
        user->setPlainText(QStringLiteral("Text: {{do}}"));
        QCOMPARE(pane.variablesModel()->names(), QStringList({ QStringLiteral("do") }));
        QCOMPARE(pane.settings().variables.first().value, QString());
        user->setPlainText(QStringLiteral("Text: {{doc}}"));
        QCOMPARE(pane.settings().variables,
                 QList<PromptVariable>({ { QStringLiteral("doc"), QStringLiteral("the document") } }));
    }

    void variablesModel_passesModelTester()
    {
        PromptVariablesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNames({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a") });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QVERIFY(model.setData(model.index(1, PromptVariablesModel::ValueColumn), QStringLiteral("B")));
        QVERIFY(!model.setData(model.index(1, PromptVariablesModel::NameColumn), QStringLiteral("renamed")));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("b"));
        model.setValue(QStringLiteral("a"), QStringLiteral("line one\nline two"));
        QCOMPARE(model.index(0, 1).data(Qt::DisplayRole).toString(), QStringLiteral("line one \u2026"));
        QCOMPARE(model.index(0, 1).data(Qt::EditRole).toString(), QStringLiteral("line one\nline two"));
        model.setNames({ QStringLiteral("c") });
        model.setValues({ { QStringLiteral("c"), QStringLiteral("C") } });
        QCOMPARE(model.variables(), QList<PromptVariable>({ { QStringLiteral("c"), QStringLiteral("C") } }));
        model.setNames({ QStringLiteral("b"), QStringLiteral("c") });
        QCOMPARE(model.variables().first().value, QStringLiteral("B"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void preview_matchesTheRequestTheServerReceives_data()
    {
        QTest::addColumn<ExtractionMode>("mode");
        QTest::addColumn<BackendApi>("api");
        QTest::addColumn<ThinkMode>("think");
        const std::pair<ExtractionMode, const char *> modes[] = { { ExtractionMode::Schema, "schema" },
                                                                  { ExtractionMode::Json, "json" },
                                                                  { ExtractionMode::MdJson, "md-json" },
                                                                  { ExtractionMode::Tools, "tools" } };
        for (const auto &[mode, name] : modes) {
            QTest::addRow("%s native", name) << mode << BackendApi::Ollama << ThinkMode::Default;
            QTest::addRow("%s v1", name) << mode << BackendApi::OpenAi << ThinkMode::Default;
        }
        QTest::addRow("schema native think low") << ExtractionMode::Schema << BackendApi::Ollama << ThinkMode::Low;
        QTest::addRow("json v1 think off") << ExtractionMode::Json << BackendApi::OpenAi << ThinkMode::Off;
    }

    void preview_matchesTheRequestTheServerReceives()
    {
        QFETCH(ExtractionMode, mode);
        QFETCH(BackendApi, api);
        QFETCH(ThinkMode, think);

        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setShowJson(QStringLiteral("qwen3:8b"), Test::readTestData(QStringLiteral("llm/show-qwen3.json")));
        fake.enqueueChat(validReply(mode));

        PromptPane pane;
        PromptSettings s = richSettings();
        s.mode = mode;
        s.think = think;
        pane.setSettings(s);
        const ModelInfo info = think == ThinkMode::Default ? textModel() : thinkingModel();
        pane.setRunContext(personSchema(), info.name, info, api);
        pane.showTab(PromptPane::Tab::Preview);

        const QString preview = pane.previewRequestJson();
        QVERIFY2(!preview.isEmpty(), qPrintable(pane.previewProblem()));
        // The shown preview is that JSON (no images here, so nothing is shortened).
        QCOMPARE(child<CodeEditor>(pane, "messagePreview")->toPlainText(), preview);
        QCOMPARE(child<QStackedWidget>(pane, "previewStack")->currentWidget(),
                 static_cast<QWidget *>(child<CodeEditor>(pane, "messagePreview")));

        auto config = buildExtractionConfig(pane.settings(), info.name, personSchema(), info);
        QVERIFY(config.hasValue());
        bool succeeded = false;
        const Json sent = runAndRecord(fake, api, *config, &succeeded);
        QVERIFY(succeeded);
        QVERIFY(sent.is_object());
        const Json shown = Json::parse(preview.toStdString());
        QVERIFY2(shown == sent, qPrintable(QString::fromStdString(dumpOf(shown) + "\n!=\n" + dumpOf(sent))));
        // Key order is part of "exact" (the grammar follows the schema's order).
        QCOMPARE(QString::fromStdString(shown.dump()), QString::fromStdString(sent.dump()));

        // The checks above must have something to compare: the options and the mode are on the wire.
        if (api == BackendApi::Ollama) {
            QCOMPARE(sent["options"]["seed"].get<int>(), 7);
            QCOMPARE(sent["options"]["num_ctx"].get<int>(), 4096);
            QCOMPARE(sent["options"]["num_predict"].get<int>(), 600);
            QCOMPARE(sent.contains("think"), think != ThinkMode::Default);
        } else {
            QCOMPARE(sent["max_tokens"].get<int>(), 600);
            QVERIFY(!sent.contains("num_ctx"));
            QCOMPARE(sent.contains("reasoning_effort"), think != ThinkMode::Default);
        }
        QCOMPARE(sent.contains("tools"), mode == ExtractionMode::Tools);
    }

    void images_reachTheRequestAsBase64_data()
    {
        QTest::addColumn<BackendApi>("api");
        QTest::newRow("native") << BackendApi::Ollama;
        QTest::newRow("v1") << BackendApi::OpenAi;
    }

    void images_reachTheRequestAsBase64()
    {
        QFETCH(BackendApi, api);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = writePng(dir, QStringLiteral("card.png"), Qt::red);
        QVERIFY(!path.isEmpty());
        const QByteArray bytes = fileBytes(path);
        QVERIFY(!bytes.isEmpty());

        PromptPane pane;
        PromptSettings s = richSettings();
        pane.setSettings(s);
        QSignalSpy changed(&pane, &PromptPane::settingsChanged);
        QVERIFY(pane.addImageFile(path));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(pane.imagePaths(), QStringList({ path }));
        QCOMPARE(child<QListWidget>(pane, "imageList")->count(), 1);
        QVERIFY(!child<QListWidget>(pane, "imageList")->item(0)->icon().isNull());

        const ModelInfo info = visionModel();
        pane.setRunContext(personSchema(), info.name, info, api);
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.addModel(info.name, info.capabilities);
        fake.enqueueChat(validReply(ExtractionMode::Schema));
        auto config = buildExtractionConfig(pane.settings(), info.name, personSchema(), info);
        QVERIFY(config.hasValue());
        bool succeeded = false;
        const Json sent = runAndRecord(fake, api, *config, &succeeded);
        QVERIFY(succeeded);
        const Json &user = sent["messages"].back();
        const std::string base64 = bytes.toBase64().toStdString();
        if (api == BackendApi::Ollama) {
            QCOMPARE(user["images"].size(), 1u);
            QCOMPARE(user["images"][0].get<std::string>(), base64);
        } else {
            QCOMPARE(user["content"][1]["type"].get<std::string>(), std::string("image_url"));
            QCOMPARE(user["content"][1]["image_url"]["url"].get<std::string>(), "data:image/png;base64," + base64);
        }
        // The preview names the same bytes, and shows them shortened.
        QVERIFY(Json::parse(pane.previewRequestJson().toStdString()) == sent);
        pane.showTab(PromptPane::Tab::Preview);
        const QString shown = child<CodeEditor>(pane, "messagePreview")->toPlainText();
        QVERIFY(!shown.contains(QString::fromStdString(base64)));
        QVERIFY(shown.contains(QString::fromStdString(base64.substr(0, 40))));
    }

    void imageThatIsNoImage_refusedWithMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just text");
        file.close();
        PromptPane pane;
        QVERIFY(!pane.addImageFile(path));
        QVERIFY(pane.imagePaths().isEmpty());
        QVERIFY2(pane.problemText(PromptPane::Problem::Images).contains(QStringLiteral("notes.txt")),
                 qPrintable(pane.problemText(PromptPane::Problem::Images)));
    }

    void missingImageAtRun_problemNamesTheFile()
    {
        QTemporaryDir dir;
        const QString path = writePng(dir, QStringLiteral("gone.png"), Qt::blue);
        PromptPane pane;
        pane.setSettings(richSettings());
        QVERIFY(pane.addImageFile(path));
        QVERIFY(QFile::remove(path));
        auto config = pane.buildRunConfig(personSchema(), QStringLiteral("gemma3:4b"), visionModel());
        QVERIFY(!config.hasValue());
        QVERIFY(config.error().contains(QStringLiteral("gone.png")));
        QCOMPARE(pane.problemText(PromptPane::Problem::Images), config.error());
        QCOMPARE(child<QTabWidget>(pane, "promptTabs")->currentIndex(), int(PromptPane::Tab::Inputs));
    }

    void droppedFilesAndPastedImages_added()
    {
        QTemporaryDir dir;
        const QString path = writePng(dir, QStringLiteral("dropped.png"), Qt::green);
        PromptPane pane;
        auto *list = child<PromptImageList>(pane, "imageList");
        QVERIFY(list);

        auto *mime = new QMimeData;
        mime->setUrls({ QUrl::fromLocalFile(path) });
        QVERIFY(list->viewport()->acceptDrops());
        // Qt delivers a drop only to the widget that accepted the drag's enter event.
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(list->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(list->viewport(), &drop);
        QCOMPARE(pane.imagePaths(), QStringList({ path }));

        QImage image(4, 4, QImage::Format_ARGB32);
        image.fill(Qt::yellow);
        QApplication::clipboard()->setImage(image);
        if (!QApplication::clipboard()->mimeData() || !QApplication::clipboard()->mimeData()->hasImage()) {
            delete mime;
            QSKIP("this platform plugin has no clipboard");
        }
        QVERIFY(pane.pasteImage());
        QCOMPARE(pane.imagePaths().size(), 2);
        const QString pasted = pane.imagePaths().last();
        QVERIFY2(pasted.startsWith(PromptImageList::pastedImagesDir()), qPrintable(pasted));
        QVERIFY(pasted.endsWith(QStringLiteral(".png")));
        QImage back(pasted);
        QCOMPARE(back.size(), QSize(4, 4));
        QFile::remove(pasted);
        delete mime;

        list->setCurrentRow(0);
        list->item(0)->setSelected(true);
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(pane.imagePaths(), QStringList({ pasted }));
    }

    void settings_roundTripThroughSetSettings()
    {
        PromptSettings s = richSettings();
        s.imagePaths = { QStringLiteral("/nonexistent/kept-anyway.png") };
        s.mode = ExtractionMode::MdJson;
        s.maxAttempts = 5;
        s.deadlineMs = 90500;
        s.tokenBudget = 12000;
        s.think = ThinkMode::High;
        s.options.topK = 20; // not edited by the pane, but not lost either
        s.templates.schemaPrompt = QStringLiteral("Schema:\n{{schema}}");
        s.templates.markdownRequest = QStringLiteral("Fence it.");
        s.templates.reaskJson = QStringLiteral("J {{errors}}");
        s.templates.reaskMarkdown = QStringLiteral("M {{errors}}");
        s.templates.reaskTools = QStringLiteral("T {{errors}}");

        PromptPane pane;
        QSignalSpy changed(&pane, &PromptPane::settingsChanged);
        QSignalSpy modeChanged(&pane, &PromptPane::modeChanged);
        pane.setSettings(s);
        QCOMPARE(changed.count(), 0); // loading is no edit
        QCOMPARE(modeChanged.count(), 1);
        QCOMPARE(modeChanged.first().first().value<ExtractionMode>(), ExtractionMode::MdJson);

        const PromptSettings r = pane.settings();
        QCOMPARE(r.systemPrompt, s.systemPrompt);
        QCOMPARE(r.userPrompt, s.userPrompt);
        QCOMPARE(r.variables, s.variables);
        QCOMPARE(r.imagePaths, s.imagePaths);
        QCOMPARE(r.mode, s.mode);
        QCOMPARE(r.maxAttempts, s.maxAttempts);
        QCOMPARE(r.deadlineMs, s.deadlineMs);
        QCOMPARE(r.tokenBudget, s.tokenBudget);
        QCOMPARE(r.options.temperature, s.options.temperature);
        QCOMPARE(r.options.seed, s.options.seed);
        QCOMPARE(r.options.numCtx, s.options.numCtx);
        QCOMPARE(r.options.numPredict, s.options.numPredict);
        QCOMPARE(r.options.topK, s.options.topK);
        QCOMPARE(r.think, s.think);
        QCOMPARE(r.templates.schemaPrompt, s.templates.schemaPrompt);
        QCOMPARE(r.templates.markdownRequest, s.templates.markdownRequest);
        QCOMPARE(r.templates.reaskJson, s.templates.reaskJson);
        QCOMPARE(r.templates.reaskMarkdown, s.templates.reaskMarkdown);
        QCOMPARE(r.templates.reaskTools, s.templates.reaskTools);

        // Unset options come back unset (server default), not as zeros.
        pane.setSettings(PromptSettings());
        const PromptSettings d = pane.settings();
        QVERIFY(!d.options.temperature && !d.options.seed && !d.options.numCtx && !d.options.numPredict);
        QCOMPARE(d.deadlineMs, 0);
        QCOMPARE(d.think, ThinkMode::Default);
        QCOMPARE(d.mode, ExtractionMode::Schema);
        QCOMPARE(child<QDoubleSpinBox>(pane, "temperatureSpin")->text(), QStringLiteral("default"));
        QCOMPARE(child<QSpinBox>(pane, "seedSpin")->text(), QStringLiteral("default"));
    }

    void optionEdits_changeSettingsAndMode()
    {
        PromptPane pane;
        QSignalSpy changed(&pane, &PromptPane::settingsChanged);
        QSignalSpy modeChanged(&pane, &PromptPane::modeChanged);
        auto *combo = child<QComboBox>(pane, "modeCombo");
        auto *explanation = child<QLabel>(pane, "modeExplanation");
        const QString before = explanation->text();
        combo->setCurrentIndex(combo->findText(QStringLiteral("tools")));
        QCOMPARE(modeChanged.count(), 1);
        QCOMPARE(pane.mode(), ExtractionMode::Tools);
        QCOMPARE(pane.settings().mode, ExtractionMode::Tools);
        QVERIFY(explanation->text() != before);
        QCOMPARE(explanation->text(), RunOptionsForm::modeExplanation(ExtractionMode::Tools));
        child<QSpinBox>(pane, "attemptsSpin")->setValue(4);
        child<QDoubleSpinBox>(pane, "temperatureSpin")->setValue(0);
        QCOMPARE(pane.settings().maxAttempts, 4);
        QCOMPARE(pane.settings().options.temperature, std::optional<double>(0.0)); // 0 is a value, not "default"
        QCOMPARE(changed.count(), 3);
        QVERIFY(child<QLabel>(pane, "attemptsNote")->text().contains(QStringLiteral("the first included")));

        // Every option says what it does on the wire.
        for (const char *name : { "modeCombo", "attemptsSpin", "temperatureSpin", "seedSpin", "numCtxSpin",
                                  "numPredictSpin", "thinkCombo", "deadlineSpin", "tokenBudgetSpin" }) {
            auto *widget = child<QWidget>(pane, name);
            QVERIFY2(widget, name);
            QVERIFY2(!widget->toolTip().isEmpty(), name);
        }
        QVERIFY(child<QWidget>(pane, "temperatureSpin")->toolTip().contains(QStringLiteral("options.temperature")));
        QVERIFY(child<QWidget>(pane, "numCtxSpin")->toolTip().contains(QStringLiteral("/v1 cannot")));
    }

    void templates_resetToDefault()
    {
        PromptPane pane;
        QSignalSpy changed(&pane, &PromptPane::settingsChanged);
        const ExtractionTemplates defaults = ExtractionTemplates::defaults();
        const char *editors[] = { "schemaPromptTemplate", "markdownRequestTemplate", "reaskJsonTemplate",
                                  "reaskMarkdownTemplate", "reaskToolsTemplate" };
        for (const char *name : editors)
            child<QPlainTextEdit>(pane, name)->setPlainText(QStringLiteral("edited"));
        QCOMPARE(pane.settings().templates.reaskJson, QStringLiteral("edited"));
        QCOMPARE(pane.settings().templates.schemaPrompt, QStringLiteral("edited"));
        QVERIFY(!child<QLabel>(pane, "reaskJsonHint")->isHidden()); // no {{errors}} in it
        QCOMPARE(changed.count(), 5);

        auto *reset = child<QPushButton>(pane, "reaskJsonReset");
        QVERIFY(reset && reset->isEnabled());
        QVERIFY(!reset->toolTip().isEmpty());
        reset->click();
        QCOMPARE(pane.settings().templates.reaskJson, defaults.reaskJson);
        QCOMPARE(pane.settings().templates.reaskTools, QStringLiteral("edited"));
        QVERIFY(!reset->isEnabled());
        QVERIFY(child<QLabel>(pane, "reaskJsonHint")->isHidden());
        QCOMPARE(changed.count(), 6);

        child<QPushButton>(pane, "resetAllTemplates")->click();
        const ExtractionTemplates t = pane.settings().templates;
        QCOMPARE(t.schemaPrompt, defaults.schemaPrompt);
        QCOMPARE(t.markdownRequest, defaults.markdownRequest);
        QCOMPARE(t.reaskMarkdown, defaults.reaskMarkdown);
        QCOMPARE(t.reaskTools, defaults.reaskTools);
    }

    void editedSchemaPrompt_reachesThePreview()
    {
        PromptPane pane;
        pane.setSettings(richSettings());
        pane.setRunContext(personSchema(), QStringLiteral("llama3.1:8b"), textModel(), BackendApi::Ollama);
        child<QPlainTextEdit>(pane, "schemaPromptTemplate")->setPlainText(QStringLiteral("OWN WORDS {{schema}}"));
        const Json shown = Json::parse(pane.previewRequestJson().toStdString());
        const std::string system = shown["messages"][0]["content"].get<std::string>();
        QVERIFY2(system.find("You read census records.\n\nOWN WORDS {") == 0, system.c_str());
    }

    void optionHints_followTheModelAndApi()
    {
        PromptPane pane;
        auto *modeHint = child<QLabel>(pane, "modeHint");
        auto *thinkHint = child<QLabel>(pane, "thinkHint");
        auto *numCtxHint = child<QLabel>(pane, "numCtxHint");
        pane.setRunContext(personSchema(), QStringLiteral("gemma3:4b"), visionModel(), BackendApi::Ollama);
        QVERIFY(modeHint->isHidden());
        pane.setMode(ExtractionMode::Tools);
        QVERIFY(!modeHint->isHidden()); // gemma3 lists no `tools`
        QVERIFY(modeHint->text().contains(QStringLiteral("gemma3:4b")));
        QVERIFY(!pane.previewProblem().isEmpty()); // and the run would be refused
        pane.setMode(ExtractionMode::Json);
        QVERIFY(modeHint->isHidden());

        QVERIFY(thinkHint->isHidden());
        auto *think = child<QComboBox>(pane, "thinkCombo");
        think->setCurrentIndex(think->findData(int(ThinkMode::Off)));
        QVERIFY(!thinkHint->isHidden()); // gemma3 does not think
        pane.setRunContext(personSchema(), QStringLiteral("qwen3:8b"), thinkingModel(), BackendApi::Ollama);
        QVERIFY(thinkHint->isHidden());

        child<QSpinBox>(pane, "numCtxSpin")->setValue(8192);
        QVERIFY(numCtxHint->isHidden());
        pane.setRunContext(personSchema(), QStringLiteral("qwen3:8b"), thinkingModel(), BackendApi::OpenAi);
        QVERIFY(!numCtxHint->isHidden()); // /v1 cannot set num_ctx
    }

    void visionWarning_shownForModelWithoutVision()
    {
        PromptPane pane;
        auto *warning = child<QLabel>(pane, "visionWarning");
        QVERIFY(warning);
        pane.setRunContext(personSchema(), QStringLiteral("gemma3:4b"), visionModel(), BackendApi::Ollama);
        QVERIFY(warning->isHidden());
        pane.setRunContext(personSchema(), QStringLiteral("llama3.1:8b"), textModel(), BackendApi::Ollama);
        QVERIFY(!warning->isHidden());
        QVERIFY(warning->text().contains(QStringLiteral("llama3.1:8b")));
        QVERIFY(warning->text().contains(QStringLiteral("vision")));
        // Unknown capabilities: no claim either way.
        ModelInfo unknown;
        unknown.name = QStringLiteral("x");
        pane.setRunContext(personSchema(), QStringLiteral("x"), unknown, BackendApi::Ollama);
        QVERIFY(warning->isHidden());
    }

    void missingSchemaOrModel_previewSaysSo()
    {
        PromptPane pane;
        pane.setSettings(richSettings());
        pane.showTab(PromptPane::Tab::Preview);
        pane.setRunContext(std::nullopt, QStringLiteral("llama3.1:8b"), textModel(), BackendApi::Ollama);
        QTRY_VERIFY(child<QLabel>(pane, "previewProblem")->text().contains(QStringLiteral("schema")));
        QVERIFY(pane.previewRequestJson().isEmpty());
        QCOMPARE(child<QStackedWidget>(pane, "previewStack")->currentWidget(),
                 static_cast<QWidget *>(child<QLabel>(pane, "previewProblem")));
        QVERIFY(child<CodeEditor>(pane, "messagePreview")->toPlainText().isEmpty());

        pane.setRunContext(personSchema(), QString(), ModelInfo(), BackendApi::Ollama);
        QTRY_VERIFY(child<QLabel>(pane, "previewProblem")->text().contains(QStringLiteral("model")));

        pane.setRunContext(personSchema(), QStringLiteral("llama3.1:8b"), textModel(), BackendApi::Ollama);
        QTRY_COMPARE(child<QStackedWidget>(pane, "previewStack")->currentWidget(),
                     static_cast<QWidget *>(child<CodeEditor>(pane, "messagePreview")));
    }

    void emptyUserPrompt_problemShownUnderTheEditor()
    {
        PromptPane pane;
        pane.setRunContext(personSchema(), QStringLiteral("llama3.1:8b"), textModel(), BackendApi::Ollama);
        pane.showTab(PromptPane::Tab::Options);
        auto config = pane.buildRunConfig(personSchema(), QStringLiteral("llama3.1:8b"), textModel());
        QVERIFY(!config.hasValue());
        auto *label = child<QLabel>(pane, "userPromptProblem");
        QVERIFY(!label->isHidden());
        QCOMPARE(label->text(), config.error());
        QCOMPARE(pane.problemText(PromptPane::Problem::UserPrompt), config.error());
        QCOMPARE(child<QTabWidget>(pane, "promptTabs")->currentIndex(), int(PromptPane::Tab::Prompt));
        QVERIFY(pane.previewProblem().contains(QStringLiteral("user prompt")));

        child<QPlainTextEdit>(pane, "userPromptEdit")->setPlainText(QStringLiteral("Ada is 36."));
        QVERIFY(label->isHidden());
        QVERIFY(pane.buildRunConfig(personSchema(), QStringLiteral("llama3.1:8b"), textModel()).hasValue());

        pane.showProblem(PromptPane::Problem::Options, QStringLiteral("tools needs another model"));
        QCOMPARE(child<QTabWidget>(pane, "promptTabs")->currentIndex(), int(PromptPane::Tab::Options));
        pane.clearProblems();
        QVERIFY(pane.problemText(PromptPane::Problem::Options).isEmpty());
    }

    void placeholders_highlightedInPrompts()
    {
        PromptPane pane;
        auto *user = child<QPlainTextEdit>(pane, "userPromptEdit");
        user->setPlainText(QStringLiteral("From {{doc}} only"));
        const QTextBlock block = user->document()->firstBlock();
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        bool marked = false;
        for (const QTextLayout::FormatRange &range : formats) {
            if (range.start == 5 && range.length == 7 && range.format.fontWeight() == QFont::Bold)
                marked = true;
            QVERIFY(range.start >= 5 && range.start + range.length <= 12); // nothing else marked
        }
        QVERIFY(marked);
    }

    void pane_fitsANarrowDock()
    {
        PromptPane pane;
        pane.resize(380, 640);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY2(pane.minimumSizeHint().width() <= 380, qPrintable(QString::number(pane.minimumSizeHint().width())));
        auto *tabs = child<QTabWidget>(pane, "promptTabs");
        // Every tab's title is visible at once: no scroll arrows.
        QVERIFY2(tabs->tabBar()->sizeHint().width() <= 380,
                 qPrintable(QString::number(tabs->tabBar()->sizeHint().width())));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QWidget *page = tabs->widget(i);
            QVERIFY2(page->width() <= 380, qPrintable(tabs->tabText(i)));
            QVERIFY2(
                page->minimumSizeHint().width() <= 380,
                qPrintable(tabs->tabText(i) + QStringLiteral(": ") + QString::number(page->minimumSizeHint().width())));
        }
    }
};

QTEST_MAIN(TestPromptPane)
#include "tst_promptpane.moc"
