// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace Formwork {
namespace Ui {

class CodeEditor;

// The JSON Schema text editor: highlighting, line numbers, open/save, and an inline message that
// says where the text stops being valid JSON. It never shows a modal dialog itself, so it can be
// driven from tests; the main window owns the file dialogs.
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
    bool isValidJson() const { return m_validJson; }

    // Runs the syntax check now instead of after the typing pause.
    void checkNow();

    CodeEditor *editor() const { return m_editor; }

Q_SIGNALS:
    void filePathChanged(const QString &path);
    void modificationChanged(bool modified);

private:
    void scheduleCheck();
    void showMessage(const QString &text, bool isError);
    void setFilePath(const QString &path);

    CodeEditor *m_editor;
    QLabel *m_messageLabel;
    QTimer *m_checkTimer;
    QString m_filePath;
    bool m_validJson = false;
};

} // namespace Ui
} // namespace Formwork
