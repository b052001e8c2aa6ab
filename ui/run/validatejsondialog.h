// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace Formwork {
namespace Ui {

class CodeEditor;

// "Validate JSON...": paste or open any JSON to check it against the current schema without a
// model. The window hands the text to RunSession::showValidation, so the result lands in the
// same views as a run's.
class ValidateJsonDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ValidateJsonDialog)

public:
    explicit ValidateJsonDialog(QWidget *parent = nullptr);
    ~ValidateJsonDialog() override;

    QString text() const;
    void setText(const QString &text);
    // Loads a file into the editor; on failure the editor keeps its text and the dialog says
    // which file and why (too large, not UTF-8, unreadable).
    bool loadFile(const QString &path);
    QString message() const;

private:
    void chooseFile();
    void updateValidateButton();

    CodeEditor *m_editor;
    QLabel *m_message;
    QPushButton *m_validateButton = nullptr;
};

} // namespace Ui
} // namespace Formwork
