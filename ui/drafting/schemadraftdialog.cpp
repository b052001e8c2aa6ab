// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafting/schemadraftdialog.h"

#include "drafting/schemadraft.h"
#include "extraction/extractionrun.h"
#include "schema/schemaregistry.h"
#include "json/jsondiff.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

QString shortJson(const Json &value)
{
    if (value.is_discarded() || value.is_null())
        return {};
    QString text = QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
    return text.size() > 80 ? text.left(79) + QChar(0x2026) : text;
}

QString changeText(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return SchemaDraftDialog::tr("added");
    case JsonChange::Kind::Removed:
        return SchemaDraftDialog::tr("removed");
    case JsonChange::Kind::Changed:
        return SchemaDraftDialog::tr("changed");
    }
    return {};
}

} // namespace

SchemaDraftDialog::SchemaDraftDialog(LlmBackend *backend, const QString &model, const Json &current, QWidget *parent)
    : QDialog(parent)
    , m_backend(backend)
    , m_model(model)
    , m_current(current)
    , m_description(new QPlainTextEdit(this))
    , m_draftButton(new QPushButton(tr("&Draft"), this))
    , m_status(new QLabel(this))
    , m_diff(new QTreeWidget(this))
    , m_draftText(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("schemaDraftDialog"));
    setWindowTitle(tr("Draft Schema"));
    m_description->setObjectName(QStringLiteral("draftDescription"));
    m_description->setPlaceholderText(
        tr("What to extract, in words: invoices: number, date, supplier, line items with quantity and price, total"));
    m_draftButton->setObjectName(QStringLiteral("draftButton"));
    m_draftButton->setToolTip(
        tr("Ask %1 to write the schema; it is checked against the JSON Schema metaschema").arg(model));
    m_status->setObjectName(QStringLiteral("draftStatus"));
    m_status->setWordWrap(true);
    m_diff->setObjectName(QStringLiteral("draftDiff"));
    m_diff->setHeaderLabels({ tr("Change"), tr("Path"), tr("Current"), tr("Draft") });
    m_diff->setRootIsDecorated(false);
    m_diff->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_draftText->setObjectName(QStringLiteral("draftSchemaText"));
    m_draftText->setReadOnly(true);
    QPushButton *use = m_buttons->addButton(tr("&Use This Schema"), QDialogButtonBox::AcceptRole);
    use->setObjectName(QStringLiteral("useDraftButton"));
    use->setToolTip(tr("Replace the schema in the editor with the draft"));
    use->setEnabled(false);
    m_buttons->addButton(QDialogButtonBox::Cancel);

    auto *results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_diff);
    results->addWidget(m_draftText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Describe what to extract:"), this));
    layout->addWidget(m_description);
    layout->addWidget(m_draftButton, 0, Qt::AlignRight);
    layout->addWidget(m_status);
    layout->addWidget(results, 1);
    layout->addWidget(m_buttons);

    connect(m_draftButton, &QPushButton::clicked, this, &SchemaDraftDialog::startDraft);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(720, 640);
}

SchemaDraftDialog::~SchemaDraftDialog() = default;

void SchemaDraftDialog::setDescription(const QString &text)
{
    m_description->setPlainText(text);
}

bool SchemaDraftDialog::startDraft()
{
    const QString description = m_description->toPlainText().trimmed();
    if (m_run || description.isEmpty() || !m_backend) {
        if (description.isEmpty())
            m_status->setText(tr("Describe what the schema is for first."));
        return false;
    }
    auto registry = std::make_shared<SchemaRegistry>();
    registry->addMetaschemas();
    auto *run = new ExtractionRun(m_backend, schemaDraftConfig(description, m_model, registry), this);
    m_run = run;
    connect(run, &ExtractionRun::attemptStarted, this, [this](int attempt, int maxAttempts) {
        m_status->setText(tr("Drafting (%1 of at most %2)…").arg(attempt).arg(maxAttempts));
    });
    connect(run, &ExtractionRun::succeeded, this, &SchemaDraftDialog::onRunEnded);
    connect(run, &ExtractionRun::failed, this, &SchemaDraftDialog::onRunEnded);
    setBusy(true);
    run->start();
    return true;
}

void SchemaDraftDialog::onRunEnded(const RunResult &result)
{
    if (m_run)
        m_run->deleteLater();
    m_run = nullptr;
    setBusy(false);
    if (!result.success) {
        m_status->setText(tr("No valid schema: %1").arg(result.message));
        Q_EMIT draftFinished(false);
        return;
    }
    m_draft = result.value;
    m_status->setText(tr("A valid schema after %n draft(s). The changes against the current schema:", nullptr,
                         int(result.attempts.size())));
    showDiff(result.value);
    m_buttons->findChild<QPushButton *>(QStringLiteral("useDraftButton"))->setEnabled(true);
    Q_EMIT draftFinished(true);
}

void SchemaDraftDialog::showDiff(const Json &draft)
{
    m_diff->clear();
    for (const JsonChange &change : diffJson(m_current, draft)) {
        const QString pointer = change.pointer.empty() ? QStringLiteral("/") : QString::fromStdString(change.pointer);
        new QTreeWidgetItem(
            m_diff, { changeText(change.kind), pointer, shortJson(change.oldValue), shortJson(change.newValue) });
    }
    m_draftText->setPlainText(QString::fromStdString(draft.dump(2, ' ', false, Json::error_handler_t::replace)));
}

void SchemaDraftDialog::setBusy(bool busy)
{
    m_draftButton->setEnabled(!busy);
    m_description->setReadOnly(busy);
}

} // namespace Ui
} // namespace Formwork
