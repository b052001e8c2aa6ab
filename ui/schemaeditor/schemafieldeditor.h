// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPlainTextEdit;
class QToolButton;
class QTreeView;

namespace Formwork {
namespace Ui {

class SchemaFieldModel;

// The field tree of a schema with a form for the selected field: type, description, required,
// nullable, enum values, format, minimum/maximum, pattern, `$ref` to a `$defs` entry; add, remove,
// rename and move fields. It edits its SchemaFieldModel; the owner turns the model's
// documentEdited() into text and feeds parsed text back with model()->setDocument().
class SchemaFieldEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaFieldEditor)

public:
    explicit SchemaFieldEditor(QWidget *parent = nullptr);
    ~SchemaFieldEditor() override;

    SchemaFieldModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }

    // Called before every edit; returns false to refuse it (e.g. the text does not parse). The owner
    // uses it to bring the model up to date with text typed since the last parse.
    void setSyncHook(std::function<bool()> hook);

    // While the text does not parse, the tree keeps its last rows but is greyed and read-only.
    void setStale(bool stale);
    bool isStale() const { return m_stale; }

    // Selects (and shows) the field with this schema pointer; false when there is none.
    bool selectPointer(const QString &pointer);
    QString currentPointer() const;

    // Edits of the selected field, as the buttons and the form make them (also for tests).
    QString addField(); // a sibling after the selected field (or at the root's end)
    QString addChildField(); // inside the selected object, array of objects or definition
    QString addDefinition();
    bool removeSelected();
    bool moveSelected(int delta);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    template<typename Edit> QString applyEdit(Edit &&edit);
    void buildForm(QWidget *form);
    void refreshForm();
    void refreshButtons();
    void saveViewState();
    void restoreViewState();
    void commitName();
    void commitDescription();
    void commitType(int index);
    void commitItemsType(int index);
    void commitRef(int index);
    void commitEnum();
    void commitFormat();
    void commitNumber(QLineEdit *edit, const QString &keyword);
    void commitPattern();
    void showFormError(const QString &text);

    SchemaFieldModel *m_model;
    QTreeView *m_tree;
    QWidget *m_form;
    QWidget *m_formScroll = nullptr; // the form in its scroll area
    QToolButton *m_addButton;
    QToolButton *m_addChildButton;
    QToolButton *m_addDefinitionButton;
    QToolButton *m_removeButton;
    QToolButton *m_upButton;
    QToolButton *m_downButton;
    QLineEdit *m_name;
    QComboBox *m_type;
    QComboBox *m_itemsType;
    QComboBox *m_ref;
    QCheckBox *m_required;
    QCheckBox *m_nullable;
    QLineEdit *m_description;
    QPlainTextEdit *m_enum;
    QComboBox *m_format;
    QLineEdit *m_minimum;
    QLineEdit *m_maximum;
    QLineEdit *m_pattern;
    QLabel *m_formError;

    std::function<bool()> m_syncHook;
    bool m_stale = false;
    bool m_refreshing = false;
    QString m_savedCurrent;
    QSet<QString> m_expanded;
};

} // namespace Ui
} // namespace Formwork
