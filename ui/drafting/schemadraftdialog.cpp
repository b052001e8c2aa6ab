// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafting/schemadraftdialog.h"

#include "drafting/linediff.h"
#include "drafting/schemadraft.h"
#include "extraction/extractionrun.h"
#include "highlighting/colormix.h"
#include "schema/schemaregistry.h"
#include "timeline/timelinecolors.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

// The lines of a schema as the editor gets it (indented by two), none for no schema.
QStringList schemaLines(const Json &schema)
{
    if (schema.is_null() || schema.is_discarded())
        return {};
    return QString::fromStdString(schema.dump(2, ' ', false, Json::error_handler_t::replace)).split(u'\n');
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
    , m_diffSummary(new QLabel(this))
    , m_diff(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("schemaDraftDialog"));
    setWindowTitle(tr("Draft Schema"));
    m_description->setObjectName(QStringLiteral("draftDescription"));
    m_description->setMaximumHeight(m_description->fontMetrics().lineSpacing() * 6); // the diff gets the room
    m_description->setPlaceholderText(
        tr("What to extract, in words: invoices: number, date, supplier, line items with quantity and price, total"));
    m_draftButton->setObjectName(QStringLiteral("draftButton"));
    m_draftButton->setToolTip(
        tr("Ask %1 to write the schema; it is checked against the JSON Schema metaschema").arg(model));
    m_status->setObjectName(QStringLiteral("draftStatus"));
    m_status->setWordWrap(true);
    m_diffSummary->setObjectName(QStringLiteral("draftDiffSummary"));
    m_diff->setObjectName(QStringLiteral("draftDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setToolTip(tr("The draft against the current schema: lines starting with - are removed, + added"));
    QPushButton *use = m_buttons->addButton(tr("&Use This Schema"), QDialogButtonBox::AcceptRole);
    use->setObjectName(QStringLiteral("useDraftButton"));
    use->setToolTip(tr("Replace the schema in the editor with the draft"));
    use->setEnabled(false);
    m_buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Describe what to extract:"), this));
    layout->addWidget(m_description);
    layout->addWidget(m_draftButton, 0, Qt::AlignRight);
    layout->addWidget(m_status);
    layout->addWidget(m_diffSummary);
    layout->addWidget(m_diff, 1);
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
    const QList<DiffLine> lines = diffLines(schemaLines(m_current), schemaLines(draft));
    QStringList text;
    m_diffKinds.clear();
    int added = 0;
    int removed = 0;
    for (const DiffLine &line : lines) {
        const QChar mark = line.kind == DiffLine::Kind::Added ? u'+'
            : line.kind == DiffLine::Kind::Removed            ? u'-'
                                                              : u' ';
        text.append(mark + QLatin1Char(' ') + line.text);
        m_diffKinds.append(int(line.kind));
        added += line.kind == DiffLine::Kind::Added ? 1 : 0;
        removed += line.kind == DiffLine::Kind::Removed ? 1 : 0;
    }
    m_diff->setPlainText(text.join(u'\n'));
    m_diffSummary->setText(added + removed == 0 ? tr("The draft is the current schema.")
                                                : tr("%n line(s) added", nullptr, added) + QStringLiteral(", ")
                                   + tr("%n line(s) removed", nullptr, removed));
    colourDiff();
}

// Whole-line tints: the removed lines towards the palette's error colour, the added ones towards
// its success colour (the timeline's), so they read in light and dark palettes alike.
void SchemaDraftDialog::colourDiff()
{
    const QPalette p = palette(); // the dialog's: it changes before its children's do
    const QColor base = p.color(QPalette::Base);
    QTextCharFormat removed;
    removed.setBackground(mixColors(base, timelineErrorColor(p), 0.22));
    removed.setProperty(QTextFormat::FullWidthSelection, true);
    QTextCharFormat added;
    added.setBackground(mixColors(base, timelineSuccessColor(p), 0.22));
    added.setProperty(QTextFormat::FullWidthSelection, true);
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = m_diff->document()->firstBlock();
    for (qsizetype i = 0; i < m_diffKinds.size() && block.isValid(); ++i, block = block.next()) {
        const auto kind = DiffLine::Kind(m_diffKinds.at(i));
        if (kind == DiffLine::Kind::Same)
            continue;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(block);
        selection.format = kind == DiffLine::Kind::Added ? added : removed;
        selections.append(selection);
    }
    m_diff->setExtraSelections(selections);
}

void SchemaDraftDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_diffKinds.isEmpty())
        colourDiff();
}

void SchemaDraftDialog::setBusy(bool busy)
{
    m_draftButton->setEnabled(!busy);
    m_description->setReadOnly(busy);
}

} // namespace Ui
} // namespace Formwork
