// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/mainwindow.h"

#include "batch/batchpane.h"
#include "checklist/checkspane.h"
#include "checks/checksattemptchecker.h"
#include "documents/sourcepane.h"
#include "documents/sourceview.h"
#include "drafting/schemadraftdialog.h"
#include "editor/codeeditor.h"
#include "formworkversion.h"
#include "highlighting/highlightingthememenu.h"
#include "highlighting/jsonhighlighting.h"
#include "history/historypane.h"
#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "mainwindow/runcontroller.h"
#include "mainwindow/workspacecontroller.h"
#include "picker/advisorbutton.h"
#include "picker/modelpickerpane.h"
#include "prompt/promptpane.h"
#include "result/resultpane.h"
#include "result/resulttreemodel.h"
#include "run/runsession.h"
#include "schemaeditor/inferschemadialog.h"
#include "schemaeditor/schemaeditorpane.h"
#include "store/historydatabase.h"
#include "timeline/timelinepane.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace Formwork {
namespace Ui {

namespace {
const QString GeometryKey = QStringLiteral("MainWindow/geometry");
const QString StateKey = QStringLiteral("MainWindow/state");
const QString TimelineKey = QStringLiteral("MainWindow/timeline"); // the Attempts pane's splitters
constexpr int LayoutVersion = 2; // 2: the panes replaced the placeholders
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new RunSession(this))
    , m_schemaEditor(new SchemaEditorPane(this))
    , m_picker(new ModelPickerPane(this))
    , m_prompt(new PromptPane(this))
    , m_result(new ResultPane(m_session, this))
    , m_timeline(new TimelinePane(m_session, this))
    , m_workspace(new WorkspaceController(this))
    , m_runController(new RunController(m_session, { m_schemaEditor, m_picker, m_prompt }, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/formwork.png")));
    m_schemaEditor->setObjectName(QStringLiteral("schemaEditor"));
    setCentralWidget(m_schemaEditor);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

    createActions();
    createRunToolBar();
    createPanes();
    setUpWorkspace();
    // Issue 16: the JSON highlighting theme (KSyntaxHighlighting's themes; hidden on the built-in path).
    m_viewMenu->addSeparator();
    m_viewMenu->addMenu(new HighlightingThemeMenu(this));

    connect(m_session, &RunSession::finished, this, &MainWindow::runFinished);
    connect(m_timeline, &TimelinePane::schemaLocationRequested, m_schemaEditor,
            &SchemaEditorPane::revealKeywordLocation);
    connect(m_runController, &RunController::statusMessage, statusBar(), &QStatusBar::showMessage);
    statusBar()->addPermanentWidget(m_runController->chunkProgress());
    statusBar()->addPermanentWidget(m_runController->statusLabel());
    statusBar()->showMessage(tr("Ready. Highlighting: %1.").arg(JsonHighlighting::implementationName()));
    resize(1400, 900);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPane(const QString &objectName, const QString &title, QWidget *content,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

// Left to right: what to ask (model, prompt), the schema in the centre, what came back (result);
// the attempts of the run underneath.
void MainWindow::createPanes()
{
    m_picker->setObjectName(QStringLiteral("modelPicker"));
    m_prompt->setObjectName(QStringLiteral("promptPane"));
    m_result->setObjectName(QStringLiteral("resultPane"));
    m_timeline->setObjectName(QStringLiteral("timelinePane"));
    QDockWidget *model = addPane(QStringLiteral("modelPickerDock"), tr("Model"), m_picker, Qt::LeftDockWidgetArea);
    QDockWidget *prompt = addPane(QStringLiteral("promptDock"), tr("Prompt"), m_prompt, Qt::LeftDockWidgetArea);
    QDockWidget *result = addPane(QStringLiteral("resultDock"), tr("Result"), m_result, Qt::RightDockWidgetArea);
    QDockWidget *timeline
        = addPane(QStringLiteral("timelineDock"), tr("Attempts"), m_timeline, Qt::BottomDockWidgetArea);
    splitDockWidget(model, prompt, Qt::Vertical);
    // The authoring column runs the full height; the attempts sit under the schema and the result.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    m_defaultDocks = { model, prompt, result, timeline }; // see applyDefaultDockSizes()
    createBatchPane(timeline);
    createSourcePane(prompt);
    createChecksPane(result);
}

// The checks beyond the schema (issue 14), a tab beside the result: what a run checks besides the
// schema, and a Test of them against the current result.
void MainWindow::createChecksPane(QDockWidget *result)
{
    m_checks = new ChecksPane(this);
    m_checks->setObjectName(QStringLiteral("checksPane"));
    QDockWidget *checks = addPane(QStringLiteral("checksDock"), tr("Checks"), m_checks, Qt::RightDockWidgetArea);
    checks->toggleViewAction()->setToolTip(
        tr("Show the checks beyond the schema: expressions, grounding in the input, model-judged rules"));
    tabifyDockWidget(result, checks);
    result->raise();
    m_runController->setChecksPane(m_checks);
    m_checks->setSubjectProvider([this]() -> std::optional<ChecksPane::TestSubject> {
        const RunResult &run = m_session->result();
        if (!run.hasValue)
            return std::nullopt;
        return ChecksPane::TestSubject { run.value, ChecksAttemptChecker::conversationText(m_session->config()) };
    });
}

// The run's input text with its values highlighted, a tab beside the prompt: a value selected in
// the result tree is selected in the text, and a value clicked in the text is selected in the tree.
void MainWindow::createSourcePane(QDockWidget *prompt)
{
    m_source = new SourcePane(m_session, this);
    m_source->setObjectName(QStringLiteral("sourcePane"));
    QDockWidget *source = addPane(QStringLiteral("sourceDock"), tr("Source"), m_source, Qt::LeftDockWidgetArea);
    source->toggleViewAction()->setToolTip(tr("Show the run's input text with each extracted value highlighted"));
    tabifyDockWidget(prompt, source);
    prompt->raise();
    connect(m_result, &ResultPane::currentPointerChanged, m_source->view(), &SourceView::selectPointer);
    connect(m_source->view(), &SourceView::pointerClicked, m_result, &ResultPane::selectPointer);
    connect(m_source, &SourcePane::groundingShown, m_result, [this] {
        QStringList absent;
        for (const GroundedValue &v : m_source->view()->grounding().values())
            if (!v.isGrounded())
                absent.append(QString::fromStdString(v.pointer));
        m_result->model()->setNotInSource(absent);
    });
}

// Sizes for a first start, as fractions of the window: the model list and the attempts need
// room to be read. Applied once the window has its size (docks ignore sizes before that).
void MainWindow::applyDefaultDockSizes()
{
    if (m_defaultDocks.size() != 4)
        return;
    QDockWidget *model = m_defaultDocks.at(0);
    QDockWidget *prompt = m_defaultDocks.at(1);
    QDockWidget *result = m_defaultDocks.at(2);
    QDockWidget *timeline = m_defaultDocks.at(3);
    resizeDocks({ model, result }, { width() * 26 / 100, width() * 25 / 100 }, Qt::Horizontal);
    resizeDocks({ model, prompt }, { height() * 48 / 100, height() * 52 / 100 }, Qt::Vertical);
    resizeDocks({ timeline }, { height() * 36 / 100 }, Qt::Vertical);
    m_defaultDocks.clear();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_defaultDocks.isEmpty())
        QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);
}

// The panes' state goes through the workspace controller's two callbacks, and every pane change
// calls markModified(). Panes not wired yet keep what the opened workspace file had.
void MainWindow::setUpWorkspace()
{
    m_workspace->capture = [this] {
        Workspace workspace = m_workspace->appliedWorkspace();
        workspace.schemaText = m_schemaEditor->text();
        workspace.prompt = m_prompt->settings();
        workspace.server = m_picker->serverSettings();
        workspace.checks = m_checks->checks();
        return workspace;
    };
    m_workspace->apply = [this](const Workspace &workspace) {
        m_session->clear();
        m_schemaEditor->setText(workspace.schemaText);
        m_prompt->setSettings(workspace.prompt);
        m_picker->setServerSettings(workspace.server);
        m_checks->setChecks(workspace.checks);
    };
    m_workspace->setBlankWorkspace(m_workspace->capture());
    connect(m_schemaEditor, &SchemaEditorPane::textEdited, m_workspace, &WorkspaceController::markModified);
    connect(m_prompt, &PromptPane::settingsChanged, m_workspace, &WorkspaceController::markModified);
    connect(m_picker, &ModelPickerPane::serverSettingsChanged, m_workspace, &WorkspaceController::markModified);
    connect(m_checks, &ChecksPane::checksEdited, m_workspace, &WorkspaceController::markModified);
    // A dropped .json may be a data file dropped by mistake: loading it replaces the schema and
    // its undo history, so ask first.
    connect(m_workspace, &WorkspaceController::schemaFileDropped, this, [this](const QString &path) {
        WorkspaceController::Question question;
        question.title = tr("Replace the schema?");
        question.text = tr("Load %1 into the schema editor? The current schema text is replaced and cannot be "
                           "undone.")
                            .arg(QDir::toNativeSeparators(path));
        question.buttons = QMessageBox::Yes | QMessageBox::Cancel;
        question.defaultButton = QMessageBox::Cancel;
        if (m_schemaEditor->text().trimmed().isEmpty() || m_workspace->ask(question) == QMessageBox::Yes)
            m_schemaEditor->openFile(path);
    });
    connect(m_workspace, &WorkspaceController::documentFileDropped, this, &MainWindow::openDocument);
    connect(m_prompt, &PromptPane::variableFileLoaded, this, [this](const QString &name, const QString &path, bool ok) {
        if (ok)
            statusBar()->showMessage(tr("%1 is the value of {{%2}}.").arg(QFileInfo(path).fileName(), name), 8000);
        else
            statusBar()->showMessage(m_prompt->problemText(PromptPane::Problem::Variables), 8000);
    });
    connect(m_workspace, &WorkspaceController::statusMessage, statusBar(), &QStatusBar::showMessage);
    m_workspace->watchDrops(m_schemaEditor->editor());
    m_workspace->watchDrops(m_prompt->userPromptEdit());
    m_workspace->watchDrops(m_prompt->systemPromptEdit());
}

void MainWindow::openDocument(const QString &path)
{
    // An image goes to the user message, for vision models; anything else is read as the input.
    if (!QImageReader::imageFormat(path).isEmpty()) {
        if (m_prompt->addImageFile(path))
            statusBar()->showMessage(tr("%1 was added to the user message.").arg(QFileInfo(path).fileName()), 8000);
        else
            statusBar()->showMessage(m_prompt->problemText(PromptPane::Problem::Images), 8000);
        return;
    }
    statusBar()->showMessage(tr("Reading %1\u2026").arg(QFileInfo(path).fileName()));
    m_prompt->loadDocument(path);
}

bool MainWindow::openWorkspace(const QString &path)
{
    return m_workspace->open(path);
}

bool MainWindow::startRun()
{
    return m_runController->startRun();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_workspace->populateFileMenu(fileMenu);
    fileMenu->addSeparator();
    QAction *import = fileMenu->addAction(tr("&Import Schema..."), this, &MainWindow::importSchema);
    import->setObjectName(QStringLiteral("actionImportSchema"));
    import->setToolTip(tr("Replace the schema with the text of a JSON Schema file"));
    QAction *exportAction = fileMenu->addAction(tr("&Export Schema..."), this, &MainWindow::exportSchema);
    exportAction->setObjectName(QStringLiteral("actionExportSchema"));
    exportAction->setToolTip(tr("Write the schema text to a JSON file of its own"));
    QAction *document = fileMenu->addAction(tr("Open &Document..."), this, &MainWindow::chooseDocument);
    document->setObjectName(QStringLiteral("actionOpenDocument"));
    document->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    document->setToolTip(tr("Make a text, Markdown, HTML or PDF file the input: the value of {{document}} "
                            "(Ctrl+Shift+O; dropping the file onto the window does the same)"));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Close Formwork (asks about unsaved changes first)"));

    QMenu *editMenu = menuBar()->addMenu(tr("&Schema"));
    QAction *infer
        = editMenu->addAction(tr("&Infer Schema from Example JSON..."), this, &MainWindow::inferSchemaFromExample);
    infer->setObjectName(QStringLiteral("actionInferSchema"));
    infer->setToolTip(tr("Paste an example of the JSON you want and get a schema for it (types, required fields, "
                         "arrays of objects, formats)"));
    QAction *draft = editMenu->addAction(tr("&Draft Schema..."), this, &MainWindow::draftSchema);
    draft->setObjectName(QStringLiteral("actionDraftSchema"));
    draft->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    draft->setToolTip(tr("Describe what to extract in words and let the chosen model write the schema (checked "
                         "against the JSON Schema metaschema); see the changes before using it"));

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_runController->runAction());
    runMenu->addAction(m_runController->cancelAction());
    runMenu->addSeparator();
    runMenu->addAction(m_runController->validateJsonAction());
    runMenu->addAction(m_runController->splitIntoChunksAction());
    runMenu->addSeparator();
    runMenu->addAction(m_picker->refreshAction());

    m_viewMenu = menuBar()->addMenu(tr("&View"));

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Formwork"), this, &MainWindow::showAbout);
}

// Where the eye starts: what runs, how to stop it, and what the advisor thinks of it.
void MainWindow::createRunToolBar()
{
    QToolBar *bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(m_runController->runAction());
    bar->addAction(m_runController->cancelAction());
    bar->addSeparator();
    bar->addAction(m_runController->validateJsonAction());
    bar->addSeparator();
    bar->addWidget(m_runController->contextLabel());
    bar->addWidget(m_runController->advisorButton());
}

void MainWindow::inferSchemaFromExample()
{
    InferSchemaDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_schemaEditor->inferFromExample(dialog.exampleText(), &error))
        statusBar()->showMessage(tr("Cannot infer a schema: %1").arg(error), 8000);
}

void MainWindow::draftSchema()
{
    const QString model = m_picker->currentModel().name;
    if (model.isEmpty() || !m_picker->backend()) {
        statusBar()->showMessage(tr("Choose a model in the Model pane first: it writes the draft."), 8000);
        return;
    }
    const QByteArray text = m_schemaEditor->text().toUtf8();
    const nlohmann::ordered_json current
        = nlohmann::ordered_json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    SchemaDraftDialog dialog(m_picker->backend(), model, current.is_discarded() ? nlohmann::ordered_json() : current,
                             this);
    if (dialog.exec() == QDialog::Accepted && dialog.draft())
        m_schemaEditor->setText(QString::fromStdString(dialog.draft()->dump(2)) + QLatin1Char('\n'));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState(LayoutVersion));
    settings.setValue(TimelineKey, m_timeline->saveLayout());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    if (restoreState(settings.value(StateKey).toByteArray(), LayoutVersion))
        m_defaultDocks.clear(); // the user's own sizes win
    m_timeline->restoreLayout(settings.value(TimelineKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_workspace->requestClose()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::importSchema()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Import Schema"), QFileInfo(m_schemaEditor->filePath()).path(),
                                       tr("JSON Schema (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_schemaEditor->openFile(path);
}

void MainWindow::chooseDocument()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Document"), QString(),
        tr("Documents (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf);;All files (*)"));
    if (!path.isEmpty())
        openDocument(path);
}

void MainWindow::exportSchema()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Schema"), m_schemaEditor->filePath(),
                                                      tr("JSON Schema (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_schemaEditor->saveToFile(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Formwork"),
                       tr("<b>Formwork %1</b><p>Validated, structured JSON from local LLMs.</p>")
                           .arg(QStringLiteral(FORMWORK_VERSION_STRING)));
}

// The Batch pane shares the attempts' place (a tab beside it) and runs with what the window has:
// the schema being edited, the chosen model and server, the prompt as a template.
void MainWindow::createBatchPane(QDockWidget *besides)
{
    m_batch = new BatchPane(this);
    m_batch->setObjectName(QStringLiteral("batchPane"));
    m_batch->setReadyGate(schemaLintGate(m_batch));
    m_batch->setConfigProvider([this]() -> Result<BatchConfig, QString> {
        // A long schema typed in since the gate let the batch start is not linted on this thread.
        if (!m_schemaEditor->ensureLintCurrent(m_batch, [] {}))
            return tr("The schema changed and is being checked; start again when it is checked.");
        const std::optional<Schema> schema = m_schemaEditor->currentSchema();
        if (!schema)
            return tr("The schema is not valid yet: %1").arg(m_schemaEditor->message());
        const ModelInfo model = m_picker->currentModel();
        LlmBackend *backend = m_picker->backend();
        if (model.name.isEmpty() || !backend)
            return tr("Choose a model in the Model pane first.");
        BatchConfig config;
        config.api = backend->api();
        config.endpoints = { BatchEndpoint { backend->baseUrl(), 1 } };
        config.bearerToken = backend->config().bearerToken;
        config.model = model.name;
        config.modelInfo = model;
        config.schema = schema;
        config.prompt = m_prompt->settings();
        config.checker = m_checks->checkerFor(backend); // the Checks pane's, as for a single run
        return config;
    });
    QDockWidget *dock = addPane(QStringLiteral("batchDock"), tr("Batch"), m_batch, Qt::BottomDockWidgetArea);
    tabifyDockWidget(besides, dock);
    // The batch waits for the server probe like a single run; the comparison offers the server's models.
    m_batch->setServerConnection(m_picker->connection());
    const auto listModels = [this] {
        QStringList names;
        for (int row = 0; row < m_picker->catalog()->rowCount(); ++row)
            names.append(m_picker->catalog()->index(row, 0).data(ModelCatalog::NameRole).toString());
        m_batch->setModelNames(names);
    };
    connect(m_picker->catalog(), &QAbstractItemModel::modelReset, m_batch, listModels);
    connect(m_picker->catalog(), &QAbstractItemModel::rowsInserted, m_batch, listModels);
    connect(m_picker->catalog(), &QAbstractItemModel::rowsRemoved, m_batch, listModels);
    // Each variant of a comparison runs with its own model's info (context, capabilities).
    m_batch->setModelInfoLookup([this](const QString &name) {
        for (int row = 0; row < m_picker->catalog()->rowCount(); ++row) {
            if (m_picker->catalog()->modelAt(row).name == name)
                return m_picker->catalog()->modelAt(row);
        }
        return ModelInfo();
    });
    // A Batch menu between Run and View; an entry used from it shows the pane it acts on.
    auto *batchMenu = new QMenu(tr("&Batch"), this);
    batchMenu->setObjectName(QStringLiteral("batchMenu"));
    m_batch->populateMenu(batchMenu);
    menuBar()->insertMenu(m_viewMenu->menuAction(), batchMenu);
    connect(batchMenu, &QMenu::triggered, dock, [dock] {
        dock->show();
        dock->raise();
    });

    m_history = new HistoryPane(this);
    m_history->setObjectName(QStringLiteral("historyPane"));
    m_history->setReadyGate(schemaLintGate(m_history));
    m_history->setSchemaProvider([this] { return m_schemaEditor->currentSchema(); });
    QDockWidget *historyDock
        = addPane(QStringLiteral("historyDock"), tr("History"), m_history, Qt::BottomDockWidgetArea);
    tabifyDockWidget(besides, historyDock);
    // Read when first shown, not at start-up.
    connect(historyDock, &QDockWidget::visibilityChanged, m_history, [this](bool visible) {
        if (visible)
            m_history->refresh();
    });
    besides->raise();
    connectHistory(besides);
}

ReadyGate MainWindow::schemaLintGate(QObject *context) const
{
    return [this, context](std::function<void()> resume) {
        return m_schemaEditor->ensureLintCurrent(context, std::move(resume));
    };
}

// Every run of the window goes into the history; a stored run (from the History pane or a batch
// row) is reopened into the Attempts pane, read-only.
void MainWindow::connectHistory(QDockWidget *timeline)
{
    m_session->setHistoryPath(HistoryDatabase::defaultPath());
    connect(m_session, &RunSession::historyError, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The run was not stored in the history: %1").arg(message), 8000);
    });
    connect(m_session, &RunSession::recorded, m_history, [this] {
        if (m_history->isVisible())
            m_history->refresh();
    });
    const auto open = [this, timeline](const StoredRun &run) {
        if (!m_session->showStored(run)) {
            statusBar()->showMessage(tr("A run is under way; cancel it (Esc) before opening a stored one."), 8000);
            return;
        }
        timeline->show();
        timeline->raise();
        statusBar()->showMessage(tr("Showing stored run #%1 (read-only).").arg(run.id), 5000);
    };
    connect(m_history, &HistoryPane::storedRunOpened, this, open);
    connect(m_batch, &BatchPane::storedRunOpened, this, open);
    // Menu entries beside Run: they act on the current row of their pane.
    for (QAction *menuAction : menuBar()->actions()) {
        QMenu *menu = menuAction->menu();
        if (menu && menu->actions().contains(m_runController->runAction())) {
            menu->addSeparator();
            menu->addAction(m_history->openAction());
            menu->addAction(m_batch->openRowAction());
        }
    }
}

} // namespace Ui
} // namespace Formwork
