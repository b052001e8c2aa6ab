// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/translations.h"
#include "editor/codeeditor.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/runcontroller.h"
#include "mainwindow/workspacecontroller.h"
#include "picker/advisorbutton.h"
#include "picker/capabilityadvisor.h"
#include "picker/modelpickerpane.h"
#include "picker/serverconnection.h"
#include "prompt/promptpane.h"
#include "run/runsession.h"
#include "schemaeditor/schemaeditorpane.h"
#include "testdata.h"
#include "timeline/timelinepane.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QToolBar>
#include <QTranslator>

using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::readTestData;

namespace {

const char PersonSchema[] = "{\n"
                            "  \"type\": \"object\",\n"
                            "  \"properties\": {\n"
                            "    \"name\": { \"type\": \"string\" },\n"
                            "    \"age\": { \"type\": \"integer\", \"minimum\": 0 }\n"
                            "  },\n"
                            "  \"required\": [\"name\", \"age\"]\n"
                            "}\n";

// A loopback port nothing listens on.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when `probe` goes
}

// Points the window at `server`, picks its llama3.2 model, and sets the person schema and `prompt`.
void prepare(MainWindow &window, const QUrl &server, const QString &prompt)
{
    Formwork::ServerSettings settings;
    settings.host = server;
    settings.api = Formwork::BackendApi::Ollama;
    settings.model = QStringLiteral("llama3.2:latest");
    window.modelPicker()->setServerSettings(settings);
    QTRY_COMPARE(window.modelPicker()->catalog()->state(), Formwork::ModelCatalog::State::Ready);
    QCOMPARE(window.modelPicker()->currentModel().name, settings.model);
    window.schemaEditor()->setText(QString::fromUtf8(PersonSchema));
    Formwork::PromptSettings promptSettings;
    promptSettings.userPrompt = prompt;
    promptSettings.options.temperature = 0.0;
    window.promptPane()->setSettings(promptSettings);
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void init() { QSettings().clear(); }

    void window_hasFourPanesAndTimeline()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.findChild<QWidget *>(QStringLiteral("schemaEditor")));
        const std::pair<const char *, const char *> panes[] = { { "modelPickerDock", "modelPicker" },
                                                                { "promptDock", "promptPane" },
                                                                { "resultDock", "resultPane" },
                                                                { "timelineDock", "timelinePane" } };
        for (const auto &[dockName, paneName] : panes) {
            auto *dock = window.findChild<QDockWidget *>(QString::fromLatin1(dockName));
            QVERIFY2(dock, dockName);
            QVERIFY2(dock->isVisible(), dockName);
            QVERIFY2(dock->widget() && dock->widget()->objectName() == QLatin1String(paneName), paneName);
        }
        // Nothing says "Not implemented yet" any more.
        QVERIFY(window.findChildren<QLabel *>(QStringLiteral("plannedPaneText")).isEmpty());
        // The run controls are where the eye starts.
        auto *bar = window.findChild<QToolBar *>(QStringLiteral("runToolBar"));
        QVERIFY(bar);
        QVERIFY(bar->actions().contains(window.runController()->runAction()));
        QVERIFY(bar->actions().contains(window.runController()->cancelAction()));
        QCOMPARE(window.runController()->runAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QCOMPARE(window.runController()->cancelAction()->shortcut(), QKeySequence(Qt::Key_Escape));
        QCOMPARE(window.runController()->validateJsonAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
        QVERIFY(!window.runController()->cancelAction()->isEnabled());
        for (QAction *action : { window.runController()->runAction(), window.runController()->cancelAction(),
                                 window.runController()->validateJsonAction() })
            QVERIFY2(!action->toolTip().isEmpty() && action->toolTip() != action->text(), qPrintable(action->text()));
    }

    // The toolbar names the chosen model as soon as it is chosen, not after the typing pause.
    void pickModel_toolbarNamesItAtOnce()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        MainWindow window;
        auto *context = window.findChild<QLabel *>(QStringLiteral("runContext"));
        QVERIFY(context);
        Formwork::ServerSettings settings;
        settings.host = fake.baseUrl();
        settings.api = Formwork::BackendApi::Ollama;
        window.modelPicker()->setServerSettings(settings);
        QTRY_COMPARE(window.modelPicker()->catalog()->state(), Formwork::ModelCatalog::State::Ready);
        QVERIFY(window.modelPicker()->selectModel(QStringLiteral("gemma3:4b-mlx")));
        QVERIFY2(context->text().startsWith(QStringLiteral("gemma3:4b-mlx on ")), qPrintable(context->text()));
    }

    // The whole flow a new user follows: server, model, schema, prompt, Run; an invalid first reply
    // is reasked and the second one is valid.
    void run_invalidThenValid_showsTwoAttemptsAndTheResult()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": \"36\"}") }));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", "), QStringLiteral("\"age\": 36}") }));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        prepare(window, fake.baseUrl(), QStringLiteral("Ada is 36 years old."));

        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.runController()->runAction()->trigger();
        QVERIFY(window.runController()->cancelAction()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

        RunSession *session = window.runSession();
        QCOMPARE(session->state(), RunSession::State::Succeeded);
        QCOMPARE(session->attempts().size(), 2);
        QCOMPARE(session->attempts().first().outcome, Formwork::AttemptOutcome::SchemaInvalid);
        QCOMPARE(fake.requestsTo("/api/chat").size(), 2);
        QCOMPARE(fake.requestsTo("/api/chat").first().json.value("model", std::string()), "llama3.2:latest");

        auto *attempts = window.findChild<QAbstractItemView *>(QStringLiteral("attemptList"));
        QVERIFY(attempts);
        QCOMPARE(attempts->model()->rowCount(), 2);
        auto *verdict = window.findChild<QLabel *>(QStringLiteral("resultVerdict"));
        QVERIFY(verdict);
        QVERIFY2(verdict->text().contains(QStringLiteral("Valid on attempt 2")), qPrintable(verdict->text()));
        auto *status = window.findChild<QLabel *>(QStringLiteral("runStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("2/3")), qPrintable(status->text()));
        QVERIFY(window.runController()->runAction()->isEnabled());
        QVERIFY(!window.runController()->cancelAction()->isEnabled());

        // Clicking the first attempt's error selects the keyword it broke in the schema text.
        QVERIFY(window.timelinePane()->selectAttempt(1));
        window.timelinePane()->showError(0);
        const QString selected = window.schemaEditor()->editor()->textCursor().selectedText();
        QVERIFY2(selected.contains(QStringLiteral("\"type\": \"integer\"")), qPrintable(selected));
    }

    // Long documents (issue 13): with chunking "always" the prompt is split, each chunk run in
    // turn with a progress bar, and the merged value shown with its conflict.
    void run_chunkingAlways_splitsThePromptAndMerges()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") }));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 37}") }));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") }));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString paragraph = QStringLiteral("Ada is 36 years old and writes programs for the engine. ");
        const QString document = paragraph.repeated(3) + QStringLiteral("\n\n") + paragraph.repeated(3)
            + QStringLiteral("\n\n") + paragraph.repeated(3);
        prepare(window, fake.baseUrl(), document);
        Formwork::PromptSettings settings = window.promptPane()->settings();
        settings.chunking.mode = Formwork::ChunkingMode::Always;
        settings.chunking.maxChars = 200;
        settings.chunking.overlapChars = 0;
        settings.chunking.concurrency = 1; // one chunk after another: the replies come in chunk order
        window.promptPane()->setSettings(settings);
        auto *combo = window.findChild<QComboBox *>(QStringLiteral("chunkingCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->currentData().toInt(), int(Formwork::ChunkingMode::Always));

        auto *progress = window.findChild<QProgressBar *>(QStringLiteral("chunkProgress"));
        QVERIFY(progress);
        QStringList formats;
        connect(window.runSession(), &RunSession::chunkProgressed, this,
                [&] { formats.append(progress->isVisible() ? progress->format() : QStringLiteral("hidden")); });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.runController()->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(fake.requestsTo("/api/chat").size(), 3);
        QCOMPARE(
            formats,
            (QStringList { QStringLiteral("chunk 1/3"), QStringLiteral("chunk 2/3"), QStringLiteral("chunk 3/3") }));
        QVERIFY(!progress->isVisible());
        RunSession *session = window.runSession();
        QVERIFY(session->isChunked());
        QCOMPARE(session->state(), RunSession::State::Succeeded);
        auto *verdict = window.findChild<QLabel *>(QStringLiteral("resultVerdict"));
        QCOMPARE(verdict->text(), QStringLiteral("Valid: 3 chunks merged."));
        auto *conflicts = window.findChild<QLabel *>(QStringLiteral("resultConflicts"));
        QVERIFY2(conflicts->isVisible()
                     && conflicts->text().contains(QStringLiteral("conflict at /age: 36 (chunk 1, 3)")),
                 qPrintable(conflicts->text()));
        auto *status = window.findChild<QLabel *>(QStringLiteral("runStatus"));
        QVERIFY2(status->text().startsWith(QStringLiteral("3 chunk(s) merged")), qPrintable(status->text()));

        // Split into Chunks sits in the Run menu; with nothing too long it is disabled.
        QAction *split = window.runController()->splitIntoChunksAction();
        QCOMPARE(split->objectName(), QStringLiteral("actionSplitIntoChunks"));
        QVERIFY(!split->toolTip().isEmpty());
        QVERIFY(!split->isEnabled());
        bool inMenu = false;
        for (QAction *menu : window.menuBar()->actions())
            inMenu = inMenu || (menu->menu() && menu->menu()->actions().contains(split));
        QVERIFY(inMenu);
    }

    // The capability advisor on a real overflow (issue 13): the model's context (1024 tokens, from
    // /api/show) is smaller than the document; the advisor says so and offers Split into Chunks,
    // which turns Long documents to auto; Run then splits the document into chunks that fit and
    // asks the server once per chunk.
    void advisor_contextOverflow_offersSplitIntoChunks_whichRunsChunked()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        QByteArray tags = readTestData(QStringLiteral("llm/tags-new.json"));
        tags.replace("\"context_length\": 131072", "\"context_length\": 1024");
        fake.setTagsJson(tags);
        fake.setShowJson(
            QStringLiteral("llama3.2:latest"),
            QByteArrayLiteral("{\"details\":{\"family\":\"llama\",\"parameter_size\":\"3.2B\"},"
                              "\"model_info\":{\"general.architecture\":\"llama\","
                              "\"llama.context_length\":1024},\"capabilities\":[\"completion\",\"tools\"]}"));
        fake.setChatResponder([](const Formwork::Test::RecordedRequest &) -> std::optional<FakeReply> {
            return FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") });
        });

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString paragraph = QStringLiteral("Ada is 36 years old and writes programs for the engine. ");
        QString document;
        for (int i = 0; i < 10; ++i)
            document += paragraph.repeated(8) + QStringLiteral("\n\n"); // about 4,500 characters
        prepare(window, fake.baseUrl(), document);
        QTRY_COMPARE(window.modelPicker()->currentModel().contextLength, qint64(1024));

        RunController *controller = window.runController();
        QAction *split = controller->splitIntoChunksAction();
        const auto overflow = [controller] {
            for (const Advice &advice : controller->advisorButton()->advice())
                if (advice.id == Advice::Id::ContextExceeded)
                    return true;
            return false;
        };
        QTRY_VERIFY(overflow());
        QTRY_VERIFY(split->isEnabled());
        // Offered in the advisor's popup, as a button that triggers it.
        controller->advisorButton()->showPopup();
        auto *button = controller->advisorButton()->popup()->findChild<QAbstractButton *>(
            QStringLiteral("actionSplitIntoChunksButton"));
        QVERIFY(button);
        QTRY_VERIFY(button->isVisible());
        button->click();
        QCOMPARE(window.promptPane()->settings().chunking.mode, Formwork::ChunkingMode::Auto);
        QTRY_VERIFY(!split->isEnabled()); // chunking is on now

        // Two chunks at a time by default, from Long documents' "At the same time".
        auto *concurrency = window.findChild<QSpinBox *>(QStringLiteral("chunkConcurrencySpin"));
        QVERIFY(concurrency);
        QCOMPARE(concurrency->value(), 2);
        int mostRunning = 0;
        connect(window.runSession(), &RunSession::chunkProgressed, this,
                [&] { mostRunning = std::max(mostRunning, window.runSession()->runningChunks()); });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        controller->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(mostRunning, 2);
        RunSession *session = window.runSession();
        QVERIFY(session->isChunked());
        QVERIFY2(session->chunkCount() >= 2, qPrintable(QString::number(session->chunkCount())));
        QCOMPARE(session->state(), RunSession::State::Succeeded);
        const auto requests = fake.requestsTo("/api/chat");
        QCOMPARE(int(requests.size()), session->chunkCount()); // one request per chunk, none for the whole
        for (const auto &request : requests) {
            const std::string content = request.json["messages"].back()["content"].get<std::string>();
            QVERIFY(content.size() < std::size_t(document.size()) / 2);
        }
    }

    // The window probes each server it connects to and builds requests for it: llama-server
    // enforces json mode only with the schema inside json_object (issue 11).
    void run_jsonModeOnLlamaServer_sendsTheSchemaInsideJsonObject()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024);
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") }));

        MainWindow window;
        Formwork::ServerSettings settings;
        settings.host = fake.baseUrl();
        settings.api = Formwork::BackendApi::OpenAi;
        settings.model = QStringLiteral("/models/tiny.gguf");
        window.modelPicker()->setServerSettings(settings);
        QTRY_COMPARE(window.modelPicker()->catalog()->state(), Formwork::ModelCatalog::State::Ready);
        window.schemaEditor()->setText(QString::fromUtf8(PersonSchema));
        Formwork::PromptSettings promptSettings;
        promptSettings.userPrompt = QStringLiteral("Ada is 36 years old.");
        promptSettings.mode = Formwork::ExtractionMode::Json;
        window.promptPane()->setSettings(promptSettings);

        // Run at once, before the connection's own probe could have ended: the run waits for it.
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QVERIFY(window.runController()->startRun());
        QVERIFY(!window.runController()->runAction()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(window.runSession()->state(), RunSession::State::Succeeded);
        QCOMPARE(window.modelPicker()->connection()->serverInfo().kind, Formwork::ServerKind::LlamaServer);
        const auto requests = fake.requestsTo("/v1/chat/completions");
        QCOMPARE(requests.size(), 1);
        const auto format = requests.first().json.value("response_format", nlohmann::ordered_json());
        QCOMPARE(format.value("type", std::string()), "json_object");
        QVERIFY2(format.contains("schema") && format["schema"].value("required", nlohmann::ordered_json()).size() == 2,
                 format.dump().c_str());
    }

    // A long schema just typed in is checked on a worker before the run: Run does not lint it on
    // this thread, says that it waits (and can be cancelled), and starts once the check lands.
    void run_longSchemaJustTyped_startsWhenTheWorkersLintLands()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        fake.enqueueChat(FakeReply::text({ QStringLiteral("{\"name\": \"Ada\", \"age\": 36}") }));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        prepare(window, fake.baseUrl(), QStringLiteral("Ada is 36 years old."));
        SchemaEditorPane *schema = window.schemaEditor();
        schema->setText(Formwork::Test::longPersonSchema(600 * 1024));
        QTRY_VERIFY_WITH_TIMEOUT(schema->isLintCurrent(), 20000);

        // Cancelled while it waits: nothing starts when the check lands.
        schema->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(schema->editor(), QStringLiteral(" "));
        QVERIFY(window.runController()->startRun());
        QVERIFY(!schema->isLintCurrent()); // not linted on this thread
        QVERIFY(window.runController()->cancelAction()->isEnabled());
        QVERIFY(!window.runController()->runAction()->isEnabled());
        window.runController()->cancelAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(schema->isLintCurrent(), 20000);
        QVERIFY(window.runController()->runAction()->isEnabled());
        QCOMPARE(window.runSession()->state(), RunSession::State::Idle);

        // Cancelled and pressed again while it waits: one run, when the check lands.
        QTest::keyClicks(schema->editor(), QStringLiteral(" "));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.runController()->runAction()->trigger();
        window.runController()->cancelAction()->trigger();
        window.runController()->runAction()->trigger();
        QVERIFY(!schema->isLintCurrent());
        QCOMPARE(fake.requestsTo("/api/chat").size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(window.runSession()->state(), RunSession::State::Succeeded);
        QCOMPARE(fake.requestsTo("/api/chat").size(), 1);
        const auto sent = fake.requestsTo("/api/chat").first().json;
        QVERIFY(sent.dump().find("padding line 1000 ") != std::string::npos); // the long schema went out
    }

    void run_emptyPrompt_doesNotStartAndSaysWhy()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        MainWindow window;
        prepare(window, fake.baseUrl(), QString());
        QVERIFY(!window.startRun());
        QVERIFY(!window.runController()->lastProblem().isEmpty());
        QVERIFY(!window.promptPane()->problemText(PromptPane::Problem::UserPrompt).isEmpty());
        QVERIFY(fake.requestsTo("/api/chat").isEmpty());
        QCOMPARE(window.runSession()->state(), RunSession::State::Idle);
    }

    void run_invalidSchemaOrNoModel_doesNotStart()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        MainWindow window;
        prepare(window, fake.baseUrl(), QStringLiteral("Ada is 36."));

        window.schemaEditor()->setText(QStringLiteral("{\"type\": \"object\", \"properties\": "));
        QVERIFY(!window.startRun());
        QVERIFY2(window.runController()->lastProblem().contains(QStringLiteral("schema")),
                 qPrintable(window.runController()->lastProblem()));

        window.schemaEditor()->setText(QString::fromUtf8(PersonSchema));
        // A server that is down and no model chosen: the picker cannot offer one.
        Formwork::ServerSettings down;
        down.host = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        window.modelPicker()->setServerSettings(down);
        QTRY_COMPARE(window.modelPicker()->catalog()->state(), Formwork::ModelCatalog::State::Failed);
        QVERIFY(window.modelPicker()->currentModel().name.isEmpty());
        QVERIFY(!window.startRun());
        QVERIFY2(window.runController()->lastProblem().contains(QStringLiteral("model")),
                 qPrintable(window.runController()->lastProblem()));
        QVERIFY(fake.requestsTo("/api/chat").isEmpty());
    }

    void cancel_midStream_leavesACancelledAttemptAndAUsableWindow()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        FakeReply stalled = FakeReply::text({ QStringLiteral("{\"name\": \"Ad") });
        stalled.stallMidStream = true;
        fake.enqueueChat(stalled);

        MainWindow window;
        prepare(window, fake.baseUrl(), QStringLiteral("Ada is 36."));
        QSignalSpy streamed(window.runSession(), &RunSession::streamProgressed);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QVERIFY(window.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(!streamed.isEmpty(), 10000);
        window.runController()->cancelAction()->trigger();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(window.runSession()->result().reason, Formwork::RunFailureReason::Cancelled);
        QCOMPARE(window.runSession()->attempts().size(), 1);
        QCOMPARE(window.runSession()->attempts().first().outcome, Formwork::AttemptOutcome::Cancelled);
        QVERIFY(window.runController()->runAction()->isEnabled());
        // The window still edits and validates.
        QVERIFY(window.runController()->validateJson(QStringLiteral("{\"name\": \"Ada\", \"age\": 36}")));
        QCOMPARE(window.runSession()->state(), RunSession::State::Succeeded);
    }

    void validateJson_withoutAModel_landsInTheResultViews()
    {
        MainWindow window;
        window.schemaEditor()->setText(QString::fromUtf8(PersonSchema));
        QVERIFY(window.runController()->validateJson(QStringLiteral("{\"name\": \"Ada\", \"age\": -1}")));
        QCOMPARE(window.runSession()->state(), RunSession::State::Failed);
        QCOMPARE(window.runSession()->attempts().size(), 1);
        QCOMPARE(window.runSession()->attempts().first().errors.size(), 1);
        auto *attempts = window.findChild<QAbstractItemView *>(QStringLiteral("attemptList"));
        QCOMPARE(attempts->model()->rowCount(), 1);
        auto *accept = window.findChild<QAbstractButton *>(QStringLiteral("acceptAnywayButton"));
        QVERIFY(accept && accept->isEnabled());
    }

    void workspace_capturesPromptAndServer()
    {
        MainWindow window;
        Formwork::Workspace workspace;
        workspace.schemaText = QString::fromUtf8(PersonSchema);
        workspace.prompt.userPrompt = QStringLiteral("Who is {{name}}?");
        workspace.prompt.variables = { { QStringLiteral("name"), QStringLiteral("Ada") } };
        workspace.prompt.mode = Formwork::ExtractionMode::Tools;
        workspace.server.host = QUrl(QStringLiteral("http://127.0.0.1:9"));
        workspace.server.model = QStringLiteral("qwen3:8b");
        window.workspaceController()->apply(workspace);
        const Formwork::Workspace captured = window.workspaceController()->capture();
        QCOMPARE(captured.schemaText, workspace.schemaText);
        QCOMPARE(captured.prompt.userPrompt, workspace.prompt.userPrompt);
        QCOMPARE(captured.prompt.variables, workspace.prompt.variables);
        QCOMPARE(captured.prompt.mode, Formwork::ExtractionMode::Tools);
        QCOMPARE(captured.server.host, workspace.server.host);
        QCOMPARE(captured.server.model, workspace.server.model);
    }

    void layout_isRestoredOnNextStart()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *timeline = window.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
            auto *result = window.findChild<QDockWidget *>(QStringLiteral("resultDock"));
            window.addDockWidget(Qt::LeftDockWidgetArea, result);
            timeline->hide();
            auto *splitter = window.findChild<QSplitter *>(QStringLiteral("timelineSplitter"));
            QVERIFY(splitter);
            splitter->setSizes({ 400, 500 });
            window.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("MainWindow/state")));

        MainWindow restored;
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        auto *timeline = restored.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
        auto *result = restored.findChild<QDockWidget *>(QStringLiteral("resultDock"));
        QVERIFY(!timeline->isVisible());
        QCOMPARE(restored.dockWidgetArea(result), Qt::LeftDockWidgetArea);
        QVERIFY(restored.findChild<QDockWidget *>(QStringLiteral("promptDock"))->isVisible());
        const QList<int> sizes = restored.findChild<QSplitter *>(QStringLiteral("timelineSplitter"))->sizes();
        QVERIFY2(sizes.size() == 2 && sizes.at(0) > sizes.at(1) * 7 / 10,
                 qPrintable(QStringLiteral("%1").arg(sizes.value(0))));
    }

    void germanLocale_showsGermanStrings()
    {
        QVERIFY(Formwork::installTranslations(qApp, QLocale(QLocale::German, QLocale::Germany)));
        {
            MainWindow window;
            QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("&Datei"));
            QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("modelPickerDock"))->windowTitle(),
                     QStringLiteral("Modell"));
            QCOMPARE(window.runController()->runAction()->text(), QStringLiteral("&Ausführen"));
            QVERIFY(window.runController()->runAction()->toolTip().contains(QStringLiteral("Schema")));
        }
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *translator : translators) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

    void unknownLocale_hasNoCatalogue()
    {
        QVERIFY(!Formwork::installTranslations(qApp, QLocale(QLocale::Zulu, QLocale::SouthAfrica)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
