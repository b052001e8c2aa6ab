// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schemaeditor/schemalint.h"

#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;
template<typename T>
class QFutureWatcher;

namespace Formwork {
namespace Ui {

class CodeEditor;

// The JSON Schema text editor: highlighting, line numbers, open/save, an inline message that says
// where the text stops being valid JSON or a valid schema, and the list of keywords the server
// will not enforce. Linting runs on a worker thread after a typing pause, so large schemas never
// freeze typing. It never shows a modal dialog itself, so it can be driven from tests; the main
// window owns the file dialogs.
class SchemaEditorPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaEditorPane)

public:
    explicit SchemaEditorPane(QWidget *parent = nullptr);
    ~SchemaEditorPane() override;

    QString text() const;
    void setText(const QString &text);

    // Loads `path` into the editor. On failure the editor keeps its text and the message bar
    // names the file and the reason.
    bool openFile(const QString &path);
    // Writes the editor's text atomically. On failure the text stays in the editor, unsaved.
    bool saveToFile(const QString &path);

    QString filePath() const { return m_filePath; }
    bool isModified() const;
    QString message() const;
    bool isValidJson() const;
    const SchemaLintResult &lintResult() const { return m_lint; }

    // Lints now, on this thread, instead of after the typing pause.
    void checkNow();

    CodeEditor *editor() const { return m_editor; }

Q_SIGNALS:
    void filePathChanged(const QString &path);
    void modificationChanged(bool modified);
    void linted();

private:
    void scheduleCheck();
    void startBackgroundLint();
    void applyLint(const SchemaLintResult &result);
    void selectEnforcementItem(QTreeWidgetItem *item);
    void showMessage(const QString &text, bool isError);
    void setFilePath(const QString &path);

    CodeEditor *m_editor;
    QLabel *m_messageLabel;
    QTreeWidget *m_enforcementList;
    QTimer *m_checkTimer;
    QFutureWatcher<SchemaLintResult> *m_lintWatcher;
    quint64 m_textGeneration = 0;
    quint64 m_lintGeneration = 0;
    QString m_filePath;
    SchemaLintResult m_lint;
};

} // namespace Ui
} // namespace Formwork
