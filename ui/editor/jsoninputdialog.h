// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace Formwork {
namespace Ui {

class CodeEditor;

// A dialog to paste or open a JSON document: "Validate JSON..." (checked against the schema
// without a model) and "Infer Schema from Example JSON..." both ask for one this way.
class JsonInputDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonInputDialog)

public:
    struct Texts {
        QString title;
        QString placeholder; // what the empty editor says
        QString acceptButton;
        QString acceptToolTip;
    };

    explicit JsonInputDialog(const Texts &texts, QWidget *parent = nullptr);
    ~JsonInputDialog() override;

    QString text() const;
    void setText(const QString &text);
    // Loads a file into the editor; on failure the editor keeps its text and the dialog says
    // which file and why (too large, not UTF-8, unreadable).
    bool loadFile(const QString &path);
    QString message() const;

private:
    void chooseFile();
    void updateAcceptButton();

    CodeEditor *m_editor;
    QLabel *m_message;
    QPushButton *m_acceptButton = nullptr;
};

} // namespace Ui
} // namespace Formwork
