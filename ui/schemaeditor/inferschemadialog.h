// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;

namespace Formwork {
namespace Ui {

class CodeEditor;

// Asks for an example JSON value to infer a schema from (SchemaEditorPane::inferFromExample).
// OK stays enabled; pressing it with text that is not JSON keeps the dialog open and says where
// the text stops being JSON (line and column), with the spot marked in the text.
class InferSchemaDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InferSchemaDialog)

public:
    explicit InferSchemaDialog(QWidget *parent = nullptr);
    ~InferSchemaDialog() override;

    QString exampleText() const;
    void setExampleText(const QString &text);
    // The parse error shown, empty when none.
    QString errorText() const;

    // Checks the text; true when it is JSON. Shows the error otherwise.
    bool validateExample();

public Q_SLOTS:
    void accept() override;

private:
    CodeEditor *m_editor;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Ui
} // namespace Formwork
