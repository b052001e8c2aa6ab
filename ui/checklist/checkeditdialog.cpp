// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/checkeditdialog.h"

#include "checklist/checklistmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

CheckEditDialog::CheckEditDialog(QWidget *parent)
    : QDialog(parent)
    , m_kind(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_path(new QLineEdit(this))
    , m_expression(new QPlainTextEdit(this))
    , m_timeout(new QSpinBox(this))
    , m_match(new QComboBox(this))
    , m_rule(new QPlainTextEdit(this))
    , m_model(new QLineEdit(this))
    , m_message(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_problem(new QLabel(this))
    , m_form(new QFormLayout)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("checkEditDialog"));
    setWindowTitle(tr("Check"));
    for (const CheckKind kind : { CheckKind::Expression, CheckKind::Grounding, CheckKind::Rule })
        m_kind->addItem(CheckListModel::kindText(kind), int(kind));
    m_match->addItem(tr("normalized (case, spaces, punctuation, accents ignored)"), int(GroundingMatch::Normalized));
    m_match->addItem(tr("exact"), int(GroundingMatch::Exact));
    m_severity->addItem(tr("hard: fails the attempt and is reasked"), int(CheckSeverity::Hard));
    m_severity->addItem(tr("soft: reported only"), int(CheckSeverity::Soft));
    m_timeout->setRange(1, 60000);
    m_timeout->setSuffix(tr(" ms"));
    m_path->setPlaceholderText(tr("/total, or /lineItems/*/description"));
    m_expression->setPlaceholderText(tr("total == lineItems.reduce((s, i) => s + i.total, 0)"));
    m_rule->setPlaceholderText(tr("Each fact is about the person named in name."));
    m_model->setPlaceholderText(tr("the extraction's model"));
    m_message->setPlaceholderText(tr("What the model reads when the check fails"));
    m_problem->setObjectName(QStringLiteral("checkProblem"));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::BrightText);

    const std::pair<QWidget *, const char *> named[] = {
        { m_kind, "checkKind" },       { m_name, "checkName" },
        { m_path, "checkPath" },       { m_expression, "checkExpression" },
        { m_timeout, "checkTimeout" }, { m_match, "checkMatch" },
        { m_rule, "checkRule" },       { m_model, "checkModel" },
        { m_message, "checkMessage" }, { m_severity, "checkSeverity" },
        { m_enabled, "checkEnabled" },
    };
    for (const auto &[widget, name] : named)
        widget->setObjectName(QLatin1String(name));

    m_form->addRow(tr("&Kind:"), m_kind);
    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(tr("&Path:"), m_path);
    m_form->addRow(tr("E&xpression:"), m_expression);
    m_form->addRow(tr("&Time limit:"), m_timeout);
    m_form->addRow(tr("M&atch:"), m_match);
    m_form->addRow(tr("&Rule:"), m_rule);
    m_form->addRow(tr("&Judging model:"), m_model);
    m_form->addRow(tr("&Message:"), m_message);
    m_form->addRow(tr("&Severity:"), m_severity);
    m_form->addRow(QString(), m_enabled);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &CheckEditDialog::updateKindFields);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CheckEditDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CheckEditDialog::reject);
    setCheck(CheckDefinition());
}

CheckEditDialog::~CheckEditDialog() = default;

void CheckEditDialog::setCheck(const CheckDefinition &check)
{
    m_kind->setCurrentIndex(m_kind->findData(int(check.kind)));
    m_name->setText(check.name);
    m_path->setText(check.path);
    m_expression->setPlainText(check.expression);
    m_timeout->setValue(check.timeoutMs);
    m_match->setCurrentIndex(m_match->findData(int(check.match)));
    m_rule->setPlainText(check.rule);
    m_model->setText(check.model);
    m_message->setText(check.message);
    m_severity->setCurrentIndex(m_severity->findData(int(check.severity)));
    m_enabled->setChecked(check.enabled);
    updateKindFields();
}

CheckDefinition CheckEditDialog::check() const
{
    CheckDefinition check;
    check.kind = CheckKind(m_kind->currentData().toInt());
    check.name = m_name->text().trimmed();
    check.path = m_path->text().trimmed();
    check.message = m_message->text();
    check.severity = CheckSeverity(m_severity->currentData().toInt());
    check.enabled = m_enabled->isChecked();
    if (check.kind == CheckKind::Expression) {
        check.expression = m_expression->toPlainText();
        check.timeoutMs = m_timeout->value();
    } else if (check.kind == CheckKind::Grounding) {
        check.match = GroundingMatch(m_match->currentData().toInt());
    } else {
        check.rule = m_rule->toPlainText();
        check.model = m_model->text().trimmed();
    }
    return check;
}

QString CheckEditDialog::problem() const
{
    const CheckDefinition c = check();
    if (c.name.isEmpty())
        return tr("Give the check a name.");
    if (!c.path.isEmpty() && !c.path.startsWith(QLatin1Char('/')))
        return tr("The path is a JSON Pointer: empty for the whole value, else starting with /.");
    if (c.kind == CheckKind::Expression && c.expression.trimmed().isEmpty())
        return tr("Write the expression that must be true.");
    if (c.kind == CheckKind::Expression && c.message.trimmed().isEmpty())
        return tr("Write the message the model reads when the expression is false.");
    if (c.kind == CheckKind::Rule && c.rule.trimmed().isEmpty())
        return tr("Write the rule in plain words.");
    return {};
}

void CheckEditDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    if (why.isEmpty())
        QDialog::accept();
}

void CheckEditDialog::updateKindFields()
{
    const auto kind = CheckKind(m_kind->currentData().toInt());
    m_form->setRowVisible(m_expression, kind == CheckKind::Expression);
    m_form->setRowVisible(m_timeout, kind == CheckKind::Expression);
    m_form->setRowVisible(m_match, kind == CheckKind::Grounding);
    m_form->setRowVisible(m_rule, kind == CheckKind::Rule);
    m_form->setRowVisible(m_model, kind == CheckKind::Rule);
}

} // namespace Ui
} // namespace Formwork
