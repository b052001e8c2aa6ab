// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/templateseditor.h"

#include "prompt/placeholderhighlighter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {
constexpr int EditorLines = 5;
}

TemplatesEditor::TemplatesEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("templatesEditor"));
    auto *layout = new QVBoxLayout(this);

    auto *resetAll = new QPushButton(tr("Reset All to Defaults"), this);
    resetAll->setObjectName(QStringLiteral("resetAllTemplates"));
    resetAll->setToolTip(tr("Puts back Formwork's wording for all five texts below."));
    // The editors' textChanged reports the edit.
    connect(resetAll, &QPushButton::clicked, this, &TemplatesEditor::resetAllToDefaults);
    auto *top = new QHBoxLayout;
    auto *intro = new QLabel(tr("What Formwork adds to your prompts. Sent as written, in English by default."), this);
    intro->setWordWrap(true);
    top->addWidget(intro, 1);
    top->addWidget(resetAll, 0, Qt::AlignTop);
    layout->addLayout(top);

    addEntry(Template::SchemaPrompt, QStringLiteral("schemaPrompt"), tr("Schema prompt"),
             tr("Appended to the system message (after a blank line) in schema, json and md-json modes; {{schema}} "
                "becomes the schema, indented, property order kept. Not sent in tools mode."),
             QStringLiteral("{{schema}}"));
    addEntry(Template::MarkdownRequest, QStringLiteral("markdownRequest"), tr("Markdown request (md-json)"),
             tr("md-json mode only: appended to the last user message (after a blank line) to ask for the answer "
                "in a ```json fence."),
             QString());
    addEntry(Template::ReaskJson, QStringLiteral("reaskJson"), tr("Reask (schema, json)"),
             tr("schema and json modes: the user message sent after the echoed invalid reply; {{errors}} becomes "
                "the validation errors, one per line."),
             QStringLiteral("{{errors}}"));
    addEntry(Template::ReaskMarkdown, QStringLiteral("reaskMarkdown"), tr("Reask (md-json)"),
             tr("md-json mode: the user message sent after the echoed invalid reply; {{errors}} becomes the "
                "validation errors, one per line."),
             QStringLiteral("{{errors}}"));
    addEntry(Template::ReaskTools, QStringLiteral("reaskTools"), tr("Reask (tools)"),
             tr("tools mode: the content of the `tool` message answering each call (a user message when the model "
                "called no tool); {{errors}} becomes the validation errors."),
             QStringLiteral("{{errors}}"));
    layout->addStretch(1);

    setTemplates(ExtractionTemplates::defaults());
}

TemplatesEditor::~TemplatesEditor() = default;

void TemplatesEditor::addEntry(Template which, const QString &id, const QString &title, const QString &tooltip,
                               const QString &placeholder)
{
    Entry entry;
    entry.which = which;
    entry.placeholder = placeholder;

    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    label->setToolTip(tooltip);
    entry.reset = new QPushButton(tr("Reset to Default"), this);
    entry.reset->setObjectName(id + QStringLiteral("Reset"));
    entry.reset->setToolTip(tr("Puts back Formwork's default text for \"%1\".").arg(title));
    entry.edit = new QPlainTextEdit(this);
    entry.edit->setObjectName(id + QStringLiteral("Template"));
    entry.edit->setToolTip(tooltip);
    entry.edit->setTabChangesFocus(true);
    const int lineHeight = entry.edit->fontMetrics().lineSpacing();
    entry.edit->setMinimumHeight(lineHeight * 3);
    const int lines = which == Template::SchemaPrompt ? EditorLines + 2 : EditorLines;
    entry.edit->setFixedHeight(lineHeight * lines + 2 * entry.edit->frameWidth() + 8);
    entry.highlighter = new PlaceholderHighlighter(entry.edit->document());
    entry.hint = new QLabel(this);
    entry.hint->setObjectName(id + QStringLiteral("Hint"));
    entry.hint->setWordWrap(true);
    entry.hint->setForegroundRole(QPalette::PlaceholderText);
    entry.hint->setVisible(false);
    label->setBuddy(entry.edit);

    auto *header = new QHBoxLayout;
    header->addWidget(label, 1);
    header->addWidget(entry.reset);
    auto *box = qobject_cast<QVBoxLayout *>(layout());
    box->addSpacing(6);
    box->addLayout(header);
    box->addWidget(entry.edit);
    box->addWidget(entry.hint);

    m_entries.append(entry);
    connect(entry.reset, &QPushButton::clicked, this, [this, which] { resetToDefault(which); });
    connect(entry.edit, &QPlainTextEdit::textChanged, this, [this, index = m_entries.size() - 1] {
        updateEntry(m_entries.at(index));
        if (!m_loading)
            Q_EMIT changed();
    });
}

void TemplatesEditor::updateEntry(const Entry &entry)
{
    const QString text = entry.edit->toPlainText();
    entry.reset->setEnabled(text != defaultText(entry.which));
    const bool missing = !entry.placeholder.isEmpty() && !text.contains(entry.placeholder);
    if (missing) {
        entry.hint->setText(
            entry.which == Template::SchemaPrompt
                ? tr("No %1 in the text: the schema is not sent in the prompt.").arg(entry.placeholder)
                : tr("No %1 in the text: the model is not told what was wrong.").arg(entry.placeholder));
    }
    entry.hint->setVisible(missing);
}

QString TemplatesEditor::defaultText(Template which)
{
    ExtractionTemplates defaults = ExtractionTemplates::defaults();
    return field(defaults, which);
}

QString &TemplatesEditor::field(ExtractionTemplates &templates, Template which)
{
    switch (which) {
    case Template::SchemaPrompt:
        return templates.schemaPrompt;
    case Template::MarkdownRequest:
        return templates.markdownRequest;
    case Template::ReaskJson:
        return templates.reaskJson;
    case Template::ReaskMarkdown:
        return templates.reaskMarkdown;
    case Template::ReaskTools:
        break;
    }
    return templates.reaskTools;
}

ExtractionTemplates TemplatesEditor::templates() const
{
    ExtractionTemplates templates;
    for (const Entry &entry : m_entries)
        field(templates, entry.which) = entry.edit->toPlainText();
    return templates;
}

void TemplatesEditor::setTemplates(const ExtractionTemplates &templates)
{
    m_loading = true;
    ExtractionTemplates copy = templates;
    for (const Entry &entry : std::as_const(m_entries)) {
        const QString &text = field(copy, entry.which);
        if (entry.edit->toPlainText() != text)
            entry.edit->setPlainText(text);
        updateEntry(entry);
    }
    m_loading = false;
}

void TemplatesEditor::resetToDefault(Template which)
{
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.which == which)
            entry.edit->setPlainText(defaultText(which));
    }
}

void TemplatesEditor::resetAllToDefaults()
{
    for (const Entry &entry : std::as_const(m_entries))
        entry.edit->setPlainText(defaultText(entry.which));
}

void TemplatesEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (const Entry &entry : std::as_const(m_entries))
            entry.highlighter->applyPalette(palette());
    }
}

QPlainTextEdit *TemplatesEditor::editor(Template which) const
{
    for (const Entry &entry : m_entries) {
        if (entry.which == which)
            return entry.edit;
    }
    return nullptr;
}

} // namespace Ui
} // namespace Formwork
