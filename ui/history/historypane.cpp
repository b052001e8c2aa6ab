// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historypane.h"

#include "common/compactjson.h"
#include "history/historyrunsmodel.h"
#include "store/historydatabase.h"
#include "store/historyrevalidation.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

HistoryPane::HistoryPane(QWidget *parent)
    : QWidget(parent)
    , m_path(HistoryDatabase::defaultPath())
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_modelFilter(new QComboBox(this))
    , m_thisSchema(new QCheckBox(tr("This schema"), this))
    , m_date(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_openAction(new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open in Timeline"), this))
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
    for (const QString &status :
         { QStringLiteral("valid"), QStringLiteral("invalid"), QStringLiteral("error"), QStringLiteral("cancelled") })
        m_status->addItem(status, status);
    m_status->setToolTip(tr("Show only the runs that ended like this"));
    m_modelFilter->setObjectName(QStringLiteral("historyModelCombo"));
    m_modelFilter->setToolTip(tr("Show only the runs of this model"));
    m_modelFilter->addItem(tr("Any model"), QString());
    m_thisSchema->setObjectName(QStringLiteral("historySchemaCheck"));
    m_thisSchema->setToolTip(tr("Show only the runs made with the schema being edited, exactly as it stands"));
    m_date->setObjectName(QStringLiteral("historyDateCombo"));
    m_date->setToolTip(tr("Show only the runs started in this time"));
    m_date->addItem(tr("Any time"), int(DateRange::Any));
    m_date->addItem(tr("Today"), int(DateRange::Today));
    m_date->addItem(tr("Last 7 days"), int(DateRange::Last7Days));
    m_date->addItem(tr("Last 30 days"), int(DateRange::Last30Days));
    m_date->addItem(tr("Between..."), int(DateRange::Custom));
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDate(QDate::currentDate());
    }
    m_from->setObjectName(QStringLiteral("historyFromDate"));
    m_from->setToolTip(tr("The first day shown"));
    m_to->setObjectName(QStringLiteral("historyToDate"));
    m_to->setToolTip(tr("The last day shown"));
    m_openAction->setObjectName(QStringLiteral("actionHistoryOpenInTimeline"));
    m_openAction->setShortcut(QKeySequence(Qt::Key_Return));
    m_openAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openAction->setToolTip(tr("Show the selected run in the Attempts pane as it happened: every request, reply "
                                "and error, read-only (Return or double-click)"));
    connect(m_openAction, &QAction::triggered, this, &HistoryPane::openSelected);
    m_refresh->setObjectName(QStringLiteral("historyRefreshButton"));
    m_refresh->setToolTip(tr("Read the history again"));
    m_delete->setObjectName(QStringLiteral("historyDeleteButton"));
    m_delete->setToolTip(tr("Delete the selected runs and their attempts"));
    m_revalidate->setObjectName(QStringLiteral("historyRevalidateButton"));
    m_revalidate->setToolTip(tr("Check the stored replies against the current schema, without calling a model, and "
                                "show which verdicts change"));
    m_message->setObjectName(QStringLiteral("historyMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->addAction(m_openAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    // Return opens the run only where the runs are (the table); the search field keeps its Return.
    connect(m_table, &QTableView::doubleClicked, m_openAction, &QAction::trigger);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_modelFilter);
    bar->addWidget(m_thisSchema);
    bar->addWidget(m_refresh);
    bar->addWidget(m_delete);
    bar->addWidget(m_revalidate);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_date);
    dates->addWidget(m_from);
    dates->addWidget(m_to);
    dates->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(dates);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::returnPressed, this, &HistoryPane::refresh);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryPane::refresh);
    connect(m_modelFilter, &QComboBox::currentIndexChanged, this, &HistoryPane::refresh);
    connect(m_thisSchema, &QCheckBox::toggled, this, &HistoryPane::refresh);
    connect(m_date, &QComboBox::currentIndexChanged, this, [this] {
        updateDateEdits();
        refresh();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &HistoryPane::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &HistoryPane::refresh);
    updateDateEdits();
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
    refreshModels();
    RunFilter filter;
    filter.text = m_search->text().trimmed();
    filter.status = m_status->currentData().toString();
    filter.model = m_modelFilter->currentData().toString();
    if (m_thisSchema->isChecked()) {
        if (m_readyGate && !m_readyGate([this] { refresh(); })) {
            showMessage(tr("Checking the schema; the list follows when it is checked."));
            return;
        }
        const std::optional<Schema> schema = m_schemaProvider ? m_schemaProvider() : std::nullopt;
        if (!schema) {
            m_model->setRuns({});
            showMessage(tr("The schema is not valid yet, so no run can match it."));
            return;
        }
        // The same text the runs were stored with (compact, property order kept).
        filter.schemaJson = compactJsonText(schema->document());
    }
    const QDate today = QDate::currentDate();
    switch (DateRange(m_date->currentData().toInt())) {
    case DateRange::Any:
        break;
    case DateRange::Today:
        filter.from = today.startOfDay();
        break;
    case DateRange::Last7Days:
        filter.from = today.addDays(-6).startOfDay();
        break;
    case DateRange::Last30Days:
        filter.from = today.addDays(-29).startOfDay();
        break;
    case DateRange::Custom:
        filter.from = m_from->date().startOfDay();
        filter.to = m_to->date().addDays(1).startOfDay();
        break;
    }
    m_model->setRuns(m_history->findRuns(filter));
    showMessage(tr("%n run(s)", nullptr, m_model->rowCount()));
    if (m_model->rowCount() > 0 && !m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_model->index(0, 0));
}

// The model list follows the history; the choice is kept while its model is still there.
void HistoryPane::refreshModels()
{
    const QString chosen = m_modelFilter->currentData().toString();
    QStringList models = m_history->runModels();
    QStringList shown;
    for (int i = 1; i < m_modelFilter->count(); ++i)
        shown.append(m_modelFilter->itemData(i).toString());
    if (models == shown)
        return;
    const QSignalBlocker blocker(m_modelFilter);
    while (m_modelFilter->count() > 1)
        m_modelFilter->removeItem(1);
    for (const QString &model : std::as_const(models))
        m_modelFilter->addItem(model, model);
    m_modelFilter->setCurrentIndex(std::max(0, m_modelFilter->findData(chosen)));
}

void HistoryPane::updateDateEdits()
{
    const bool custom = DateRange(m_date->currentData().toInt()) == DateRange::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

void HistoryPane::setDateRange(DateRange range, const QDate &from, const QDate &to)
{
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    if (from.isValid())
        m_from->setDate(from);
    if (to.isValid())
        m_to->setDate(to);
    const int index = m_date->findData(int(range));
    if (index == m_date->currentIndex()) {
        refresh();
        return;
    }
    m_date->setCurrentIndex(index); // refreshes
}

bool HistoryPane::openSelected()
{
    if (!ensureOpen())
        return false;
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        showMessage(tr("Select a run to open."));
        return false;
    }
    const qint64 id = current.data(HistoryRunsModel::RunIdRole).toLongLong();
    const std::optional<StoredRun> run = m_history->run(id);
    if (!run) {
        showMessage(tr("Run %1 is no longer in the history.").arg(id));
        return false;
    }
    Q_EMIT storedRunOpened(*run);
    return true;
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
    if (m_readyGate && !m_readyGate([this] { revalidate(); })) {
        showMessage(tr("Checking the schema; the runs are re-validated when it is checked."));
        return -1;
    }
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
