// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historypane.h"

#include "history/historyrunsmodel.h"
#include "store/historydatabase.h"
#include "store/historyrevalidation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

HistoryPane::HistoryPane(QWidget *parent)
    : QWidget(parent)
    , m_path(HistoryDatabase::defaultPath())
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_revalidate(new QPushButton(tr("Re-validate"), this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new HistoryRunsModel(this))
{
    m_search->setObjectName(QStringLiteral("historySearchEdit"));
    m_search->setPlaceholderText(tr("Search model, input or result"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("historyStatusCombo"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &status : { QStringLiteral("valid"), QStringLiteral("invalid"), QStringLiteral("error"),
                                   QStringLiteral("cancelled") })
        m_status->addItem(status, status);
    m_refresh->setObjectName(QStringLiteral("historyRefreshButton"));
    m_refresh->setToolTip(tr("Read the history again"));
    m_delete->setObjectName(QStringLiteral("historyDeleteButton"));
    m_delete->setToolTip(tr("Delete the selected runs and their attempts"));
    m_revalidate->setObjectName(QStringLiteral("historyRevalidateButton"));
    m_revalidate->setToolTip(
        tr("Check the stored replies against the current schema, without calling a model, and show which verdicts change"));
    m_message->setObjectName(QStringLiteral("historyMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_refresh);
    bar->addWidget(m_delete);
    bar->addWidget(m_revalidate);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::returnPressed, this, &HistoryPane::refresh);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryPane::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &HistoryPane::refresh);
    connect(m_delete, &QPushButton::clicked, this, &HistoryPane::deleteSelected);
    connect(m_revalidate, &QPushButton::clicked, this, &HistoryPane::revalidate);
}

HistoryPane::~HistoryPane() = default;

void HistoryPane::setHistoryPath(const QString &path)
{
    m_path = path;
    m_history.reset();
}

QString HistoryPane::message() const
{
    return m_message->text();
}

void HistoryPane::showMessage(const QString &text)
{
    m_message->setText(text);
}

bool HistoryPane::ensureOpen()
{
    if (m_history)
        return true;
    auto history = std::make_unique<HistoryDatabase>();
    if (const QString problem = history->open(m_path); !problem.isEmpty()) {
        showMessage(problem);
        return false;
    }
    m_history = std::move(history);
    return true;
}

void HistoryPane::refresh()
{
    if (!ensureOpen()) {
        m_model->setRuns({});
        return;
    }
    m_model->setRuns(m_history->searchRuns(m_search->text().trimmed(), m_status->currentData().toString()));
    showMessage(tr("%n run(s)", nullptr, m_model->rowCount()));
}

bool HistoryPane::deleteSelected()
{
    if (!ensureOpen())
        return false;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        showMessage(tr("Select the runs to delete."));
        return false;
    }
    int deleted = 0;
    for (const QModelIndex &row : rows)
        deleted += m_history->deleteRun(row.data(HistoryRunsModel::RunIdRole).toLongLong()) ? 1 : 0;
    refresh();
    showMessage(tr("Deleted %n run(s).", nullptr, deleted));
    return deleted == rows.size();
}

int HistoryPane::revalidate()
{
    const std::optional<Schema> schema = m_schemaProvider ? m_schemaProvider() : std::nullopt;
    if (!schema) {
        showMessage(tr("The schema is not valid yet, so there is nothing to re-validate against."));
        return -1;
    }
    if (!ensureOpen())
        return -1;
    QList<qint64> ids;
    for (int i = 0; i < m_model->rowCount(); ++i)
        ids.append(m_model->run(i).id);
    const RevalidationReport report = revalidateHistory(*m_history, *schema, 0, ids);
    QHash<qint64, QString> changed;
    for (const RevalidationChange &change : report.changes)
        changed.insert(change.runId, change.after);
    m_model->setChangedVerdicts(changed);
    showMessage(tr("%1 runs re-validated against the current schema; %2 change verdict.")
                    .arg(report.checked)
                    .arg(report.changes.size()));
    return int(report.changes.size());
}

} // namespace Ui
} // namespace Formwork
