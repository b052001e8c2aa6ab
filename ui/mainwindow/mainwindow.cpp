// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/mainwindow.h"

#include "formworkversion.h"
#include "highlighting/jsonhighlighting.h"
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

    connect(m_schemaEditor, &SchemaEditorPane::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_schemaEditor, &SchemaEditorPane::modificationChanged, this, &MainWindow::updateTitle);
    updateTitle();

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

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Schema..."), this, &MainWindow::openSchema);
    open->setShortcut(QKeySequence::Open);
    QAction *save = fileMenu->addAction(tr("&Save Schema"), this, &MainWindow::saveSchema);
    save->setShortcut(QKeySequence::Save);
    QAction *saveAs = fileMenu->addAction(tr("Save Schema &As..."), this, &MainWindow::saveSchemaAs);
    saveAs->setShortcut(QKeySequence::SaveAs);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

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
    if (m_schemaEditor->isModified()) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved schema"), tr("The schema has changes that are not saved. Save them before closing?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Save)
            saveSchema();
        if (answer == QMessageBox::Cancel || m_schemaEditor->isModified()) {
            event->ignore();
            return;
        }
    }
    saveLayout();
    event->accept();
}

void MainWindow::openSchema()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Schema"), QFileInfo(m_schemaEditor->filePath()).path(),
                                       tr("JSON Schema (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_schemaEditor->openFile(path);
}

void MainWindow::saveSchema()
{
    if (m_schemaEditor->filePath().isEmpty())
        saveSchemaAs();
    else
        m_schemaEditor->saveToFile(m_schemaEditor->filePath());
}

void MainWindow::saveSchemaAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Schema"), m_schemaEditor->filePath(),
                                                      tr("JSON Schema (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_schemaEditor->saveToFile(path);
}

void MainWindow::updateTitle()
{
    const QString name = m_schemaEditor->filePath().isEmpty() ? tr("Untitled schema")
                                                              : QFileInfo(m_schemaEditor->filePath()).fileName();
    setWindowTitle(QStringLiteral("%1[*] - Formwork").arg(name));
    setWindowModified(m_schemaEditor->isModified());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Formwork"),
                       tr("<b>Formwork %1</b><p>Validated, structured JSON from local LLMs.</p>")
                           .arg(QStringLiteral(FORMWORK_VERSION_STRING)));
}

} // namespace Ui
} // namespace Formwork
