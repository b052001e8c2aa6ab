// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Formwork {
namespace Ui {

class PlaceholderHighlighter;

// The texts Formwork sends besides the user's prompts: the schema prompt, the md-json request
// and the three reask texts. Each is editable and has "Reset to default"
// (ExtractionTemplates::defaults()). A template missing its placeholder is flagged.
class TemplatesEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplatesEditor)

public:
    enum class Template { SchemaPrompt, MarkdownRequest, ReaskJson, ReaskMarkdown, ReaskTools };

    explicit TemplatesEditor(QWidget *parent = nullptr);
    ~TemplatesEditor() override;

    ExtractionTemplates templates() const;
    // Does not emit changed().
    void setTemplates(const ExtractionTemplates &templates);

    void resetToDefault(Template which);
    void resetAllToDefaults();

    QPlainTextEdit *editor(Template which) const;

Q_SIGNALS:
    // A template was edited or reset (not emitted by setTemplates()).
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Entry {
        Template which;
        QPlainTextEdit *edit = nullptr;
        QPushButton *reset = nullptr;
        QLabel *hint = nullptr;
        PlaceholderHighlighter *highlighter = nullptr;
        QString placeholder; // the one it needs, e.g. "{{errors}}"; empty: none
    };
    void addEntry(Template which, const QString &id, const QString &title, const QString &tooltip,
                  const QString &placeholder);
    void updateEntry(const Entry &entry);
    static QString defaultText(Template which);
    static QString &field(ExtractionTemplates &templates, Template which);

    QList<Entry> m_entries;
    bool m_loading = false;
};

} // namespace Ui
} // namespace Formwork
