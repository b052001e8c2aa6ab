// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/mainwindow.h"

#include "editor/codeeditor.h"
#include "formworkversion.h"
#include "highlighting/jsonhighlighting.h"
#include "mainwindow/workspacecontroller.h"
#include "panes/plannedpane.h"
#include "schemaeditor/schemaeditorpane.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace Formwork {
namespace Ui {

namespace {
const QString GeometryKey = QStringLiteral("MainWindow/geometry");
const QString StateKey = QStringLiteral("MainWindow/state");
constexpr int LayoutVersion = 1;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_schemaEditor(new SchemaEditorPane(this))
    , m_workspace(new WorkspaceController(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/formwork.png")));
    m_schemaEditor->setObjectName(QStringLiteral("schemaEditor"));
    setCentralWidget(m_schemaEditor);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

    createActions();

    addPane(QStringLiteral("modelPickerDock"), tr("Model"),
            new PlannedPane(
                tr("Model picker"),
                tr("Lists the models of your Ollama server with size, quantization, context length and capabilities.")),
            Qt::LeftDockWidgetArea);
    addPane(QStringLiteral("promptDock"), tr("Prompt"),
            new PlannedPane(tr("Prompt"), tr("System and user prompts, template variables, images and run options.")),
            Qt::LeftDockWidgetArea);
    addPane(
        QStringLiteral("resultDock"), tr("Result"),
        new PlannedPane(tr("Result viewer"),
                        tr("Shows the validated object as a tree and as highlighted JSON, ready to copy and export.")),
        Qt::RightDockWidgetArea);
    addPane(
        QStringLiteral("timelineDock"), tr("Attempts"),
        new PlannedPane(
            tr("Attempt timeline"),
            tr("One entry per attempt: the request, the raw reply with failing values underlined, and the errors.")),
        Qt::BottomDockWidgetArea);

    setUpWorkspace();

    statusBar()->showMessage(tr("Ready. Highlighting: %1.").arg(JsonHighlighting::implementationName()));
    resize(1200, 800);
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

// The panes' state goes through the workspace controller's two callbacks, and every pane change
// calls markModified(). Panes not wired yet keep what the opened workspace file had.
void MainWindow::setUpWorkspace()
{
    m_workspace->capture = [this] {
        Workspace workspace = m_workspace->appliedWorkspace();
        workspace.schemaText = m_schemaEditor->text();
        return workspace;
    };
    m_workspace->apply = [this](const Workspace &workspace) { m_schemaEditor->setText(workspace.schemaText); };
    m_workspace->setBlankWorkspace(m_workspace->capture());
    connect(m_schemaEditor->editor(), &QPlainTextEdit::textChanged, m_workspace, &WorkspaceController::markModified);
    connect(m_workspace, &WorkspaceController::schemaFileDropped, m_schemaEditor, &SchemaEditorPane::openFile);
    connect(m_workspace, &WorkspaceController::statusMessage, statusBar(), &QStatusBar::showMessage);
    m_workspace->watchDrops(m_schemaEditor->editor());
}

bool MainWindow::openWorkspace(const QString &path)
{
    return m_workspace->open(path);
}

bool MainWindow::startRun()
{
    return false; // the run controls are wired in by the window's integration
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
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Close Formwork (asks about unsaved changes first)"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Formwork"), this, &MainWindow::showAbout);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState(LayoutVersion));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    restoreState(settings.value(StateKey).toByteArray(), LayoutVersion);
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

} // namespace Ui
} // namespace Formwork
