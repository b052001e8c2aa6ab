// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/backgroundwork.h"

#include <QList>
#include <QMainWindow>

class QDockWidget;

namespace Formwork {
namespace Ui {

class BatchPane;
class HistoryPane;
class ModelPickerPane;
class PromptPane;
class ResultPane;
class RunController;
class RunSession;
class SchemaEditorPane;
class TimelinePane;
class WorkspaceController;
class SourcePane;
class ChecksPane;

// The workbench: the schema editor in the centre, the model picker, prompt, result and attempt
// timeline in docks. Dock layout and window geometry are restored from QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    SchemaEditorPane *schemaEditor() const { return m_schemaEditor; }
    ModelPickerPane *modelPicker() const { return m_picker; }
    PromptPane *promptPane() const { return m_prompt; }
    BatchPane *batchPane() const { return m_batch; }
    HistoryPane *historyPane() const { return m_history; }
    ResultPane *resultPane() const { return m_result; }
    TimelinePane *timelinePane() const { return m_timeline; }
    SourcePane *sourcePane() const { return m_source; }
    ChecksPane *checksPane() const { return m_checks; }
    RunSession *runSession() const { return m_session; }
    RunController *runController() const { return m_runController; }
    // The workspace file: New/Open/Save, recent files, autosave and recovery, drops.
    WorkspaceController *workspaceController() const { return m_workspace; }

    // Opens a workspace file; on failure the window keeps what it had and says why.
    bool openWorkspace(const QString &path);
    // Makes a document the run's input (PromptPane::loadDocument()), or adds an image to the
    // user message; the status bar says what happened. Also what a dropped file does.
    void openDocument(const QString &path);
    // Starts a run of the current workspace. Returns false when it could not start.
    bool startRun();

    void saveLayout() const;
    void restoreLayout();

Q_SIGNALS:
    // The run started by startRun() ended (succeeded, failed or cancelled).
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addPane(const QString &objectName, const QString &title, QWidget *content, Qt::DockWidgetArea area);
    void createPanes();
    void createSourcePane(QDockWidget *prompt);
    void createChecksPane(QDockWidget *result);
    void createActions();
    void createRunToolBar();
    void applyDefaultDockSizes();
    void inferSchemaFromExample();
    void draftSchema();
    void importSchema();
    void chooseDocument();
    void exportSchema();
    void setUpWorkspace();
    void showAbout();

    RunSession *m_session;
    SchemaEditorPane *m_schemaEditor;
    ModelPickerPane *m_picker;
    PromptPane *m_prompt;
    ResultPane *m_result;
    TimelinePane *m_timeline;
    WorkspaceController *m_workspace;
    SourcePane *m_source = nullptr;
    ChecksPane *m_checks = nullptr;
    RunController *m_runController;
    QMenu *m_viewMenu = nullptr;
    QList<QDockWidget *> m_defaultDocks; // until their first-start sizes are applied
    BatchPane *m_batch = nullptr;
    HistoryPane *m_history = nullptr;
    void createBatchPane(QDockWidget *besides);
    void connectHistory(QDockWidget *timeline);
    // For a pane that acts on the schema: a long schema just edited is first checked on a worker.
    ReadyGate schemaLintGate(QObject *context) const;
};

} // namespace Ui
} // namespace Formwork
