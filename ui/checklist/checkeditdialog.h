// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Formwork {
namespace Ui {

// Adds or edits one check: its name, kind, path, the kind's own fields (expression and time
// limit, match, rule and judging model), the message for the model, severity and enabled.
class CheckEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckEditDialog)

public:
    explicit CheckEditDialog(QWidget *parent = nullptr);
    ~CheckEditDialog() override;

    void setCheck(const CheckDefinition &check);
    CheckDefinition check() const;
    // Why the check cannot be saved as it stands, or an empty string.
    QString problem() const;

    void accept() override;

private:
    void updateKindFields();

    QComboBox *m_kind;
    QLineEdit *m_name;
    QLineEdit *m_path;
    QPlainTextEdit *m_expression;
    QSpinBox *m_timeout;
    QComboBox *m_match;
    QPlainTextEdit *m_rule;
    QLineEdit *m_model;
    QLineEdit *m_message;
    QComboBox *m_severity;
    QCheckBox *m_enabled;
    QLabel *m_problem;
    QFormLayout *m_form;
    QDialogButtonBox *m_buttons;
};

} // namespace Ui
} // namespace Formwork
