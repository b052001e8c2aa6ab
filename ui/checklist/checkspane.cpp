// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/checkspane.h"

#include "checklist/checkeditdialog.h"
#include "checklist/checklistmodel.h"
#include "checks/checksattemptchecker.h"
#include "checks/localchecks.h"

#include <algorithm>
#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {

using Outcome = CheckListModel::TestOutcome;

Outcome outcomeOf(const CheckReport &report)
{
    if (!report.configurationError.isEmpty())
        return { Outcome::State::Broken, report.configurationError };
    QStringList failures;
    for (const ValidationError &e : report.hard + report.soft)
        failures.append(e.text());
    if (failures.isEmpty())
        return { Outcome::State::Passed, {} };
    return { Outcome::State::Failed, failures.join(QLatin1Char('\n')) };
}

} // namespace

ChecksPane::ChecksPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new CheckListModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("checksView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_status->setObjectName(QStringLiteral("checksStatus"));
    m_status->setWordWrap(true);
    createActions();
    connect(m_model, &CheckListModel::checksEdited, this, &ChecksPane::checksEdited);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChecksPane::updateActions);
    connect(m_view, &QTableView::doubleClicked, this, &ChecksPane::editCurrentCheck);
    updateActions();
}

ChecksPane::~ChecksPane() = default;

void ChecksPane::createActions()
{
    auto *toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("checksToolBar"));
    m_addAction = toolBar->addAction(tr("&Add…"), this, &ChecksPane::addCheck);
    m_addAction->setObjectName(QStringLiteral("addCheckAction"));
    m_addAction->setToolTip(tr("Add a check beyond the schema: an expression, grounding in the input, or a rule"));
    m_editAction = toolBar->addAction(tr("&Edit…"), this, &ChecksPane::editCurrentCheck);
    m_editAction->setObjectName(QStringLiteral("editCheckAction"));
    m_editAction->setToolTip(tr("Edit the selected check"));
    m_removeAction = toolBar->addAction(tr("&Remove"), this, &ChecksPane::removeCurrentCheck);
    m_removeAction->setObjectName(QStringLiteral("removeCheckAction"));
    m_removeAction->setToolTip(tr("Remove the selected check"));
    m_testAction = toolBar->addAction(tr("&Test"), this, &ChecksPane::testChecks);
    m_testAction->setObjectName(QStringLiteral("testChecksAction"));
    m_testAction->setToolTip(tr("Run the checks against the current result (rules need a model and are skipped)"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_view);
    layout->addWidget(m_status);
}

const CheckList &ChecksPane::checks() const
{
    return m_model->checks();
}

void ChecksPane::setChecks(const CheckList &checks)
{
    m_model->setChecks(checks);
    m_status->clear();
    updateActions();
}

std::shared_ptr<AttemptChecker> ChecksPane::checkerFor(LlmBackend *backend) const
{
    const bool anyEnabled
        = std::any_of(checks().cbegin(), checks().cend(), [](const CheckDefinition &c) { return c.enabled; });
    if (!anyEnabled)
        return nullptr;
    return std::make_shared<ChecksAttemptChecker>(checks(), backend);
}

void ChecksPane::addCheck()
{
    CheckDefinition fresh;
    fresh.name = tr("check %1").arg(m_model->rowCount() + 1);
    if (const auto check = edit(fresh)) {
        m_model->append(*check);
        m_view->selectRow(m_model->rowCount() - 1);
    }
}

void ChecksPane::editCurrentCheck()
{
    const int row = currentRow();
    if (row < 0)
        return;
    if (const auto check = edit(checks().at(row)))
        m_model->replace(row, *check);
}

void ChecksPane::removeCurrentCheck()
{
    m_model->remove(currentRow());
    updateActions();
}

bool ChecksPane::testChecks()
{
    const std::optional<TestSubject> subject = m_subject ? m_subject() : std::nullopt;
    if (!subject) {
        m_status->setText(tr("There is no result to test against yet: run the extraction or validate some JSON."));
        return false;
    }
    LocalChecks local({});
    LocalCheckInput input;
    input.value = &subject->value;
    input.sourceText = subject->sourceText;
    int failed = 0;
    for (int row = 0; row < checks().size(); ++row) {
        const CheckDefinition &check = checks().at(row);
        Outcome outcome;
        if (check.kind == CheckKind::Rule)
            outcome = { Outcome::State::Skipped, tr("a rule is judged by a model during a run") };
        else if (check.kind == CheckKind::Grounding && input.sourceText.isEmpty())
            outcome = { Outcome::State::Skipped, tr("there is no input text to look in") };
        else
            outcome = outcomeOf(local.runOne(check, input));
        failed += outcome.state == Outcome::State::Failed || outcome.state == Outcome::State::Broken;
        m_model->setTestOutcome(row, outcome);
    }
    m_status->setText(failed ? tr("%n check(s) failed on the current result.", nullptr, failed)
                             : tr("Every check passed on the current result."));
    return true;
}

int ChecksPane::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ChecksPane::updateActions()
{
    const bool selected = currentRow() >= 0;
    m_editAction->setEnabled(selected);
    m_removeAction->setEnabled(selected);
}

std::optional<CheckDefinition> ChecksPane::edit(const CheckDefinition &check)
{
    if (m_editor)
        return m_editor(check);
    CheckEditDialog dialog(this);
    dialog.setCheck(check);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.check();
}

} // namespace Ui
} // namespace Formwork
