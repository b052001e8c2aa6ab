// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QDockWidget;

namespace Formwork {
namespace Ui {

class SchemaEditorPane;
class WorkspaceController;

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
    // The workspace file: New/Open/Save, recent files, autosave and recovery, drops.
    WorkspaceController *workspaceController() const { return m_workspace; }

    // Opens a workspace file; on failure the window keeps what it had and says why.
    bool openWorkspace(const QString &path);
    // Starts a run of the current workspace. Returns false when it could not start.
    bool startRun();

    void saveLayout() const;
    void restoreLayout();

Q_SIGNALS:
    // The run started by startRun() ended (succeeded, failed or cancelled).
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addPane(const QString &objectName, const QString &title, QWidget *content, Qt::DockWidgetArea area);
    void createActions();
    void importSchema();
    void exportSchema();
    void setUpWorkspace();
    void showAbout();

    SchemaEditorPane *m_schemaEditor;
    WorkspaceController *m_workspace;
    QMenu *m_viewMenu = nullptr;
};

} // namespace Ui
} // namespace Formwork
