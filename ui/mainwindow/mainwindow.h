// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QDockWidget;

namespace Formwork {
namespace Ui {

class SchemaEditorPane;

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

    void saveLayout() const;
    void restoreLayout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addPane(const QString &objectName, const QString &title, QWidget *content, Qt::DockWidgetArea area);
    void createActions();
    void openSchema();
    void saveSchema();
    void saveSchemaAs();
    void updateTitle();
    void showAbout();

    SchemaEditorPane *m_schemaEditor;
    QMenu *m_viewMenu = nullptr;
};

} // namespace Ui
} // namespace Formwork
