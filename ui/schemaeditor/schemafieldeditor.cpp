// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemafieldeditor.h"

#include "highlighting/jsonhighlighter.h"
#include "schema/formats.h"
#include "schemaeditor/schemafieldedits.h"
#include "schemaeditor/schemafieldmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

// Small schemas open fully expanded; big ones start collapsed, so showing them stays cheap.
constexpr std::size_t ExpandAllBelow = 300;

const QStringList &typeNames()
{
    static const QStringList names
        = { QStringLiteral("string"), QStringLiteral("number"), QStringLiteral("integer"), QStringLiteral("boolean"),
            QStringLiteral("object"), QStringLiteral("array"),  QStringLiteral("null"),    QStringLiteral("$ref") };
    return names;
}

QString jsonText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

std::optional<Json> numberFrom(const QString &text, bool *ok)
{
    *ok = true;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isInt = false;
    const qlonglong integer = trimmed.toLongLong(&isInt);
    if (isInt)
        return Json(integer);
    bool isDouble = false;
    const double number = trimmed.toDouble(&isDouble);
    if (isDouble && qIsFinite(number))
        return Json(number);
    *ok = false;
    return std::nullopt;
}

QToolButton *makeButton(QWidget *parent, const QString &objectName, const QString &text, const QString &toolTip,
                        const QKeySequence &shortcut = {})
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(shortcut.isEmpty()
                           ? toolTip
                           : QStringLiteral("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    if (!shortcut.isEmpty())
        button->setShortcut(shortcut);
    button->setAutoRaise(true);
    return button;
}

} // namespace

SchemaFieldEditor::SchemaFieldEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new SchemaFieldModel(this))
    , m_tree(new QTreeView(this))
    , m_form(new QWidget(this))
{
    setObjectName(QStringLiteral("schemaFieldEditor"));
    m_tree->setObjectName(QStringLiteral("schemaFieldTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_tree->header()->setStretchLastSection(true);
    // Fixed widths: sizing columns to their contents measures rows on every change of a big tree.
    for (const int column : { int(SchemaFieldModel::RequiredColumn), int(SchemaFieldModel::NullableColumn) }) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_tree->setColumnWidth(column, fontMetrics().horizontalAdvance(title) + 32);
    }
    m_tree->setColumnWidth(SchemaFieldModel::NameColumn, 160);
    m_tree->setColumnWidth(SchemaFieldModel::TypeColumn, 110);
    m_tree->setToolTip(tr("The fields of the schema. Edits here rewrite the schema text as one undo step (Ctrl+Z in "
                          "the text undoes them)."));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(2);
    m_addButton = makeButton(this, QStringLiteral("schemaAddField"), tr("Add"),
                             tr("Add a string field after the selected one"), QKeySequence(Qt::ALT | Qt::Key_Insert));
    m_addChildButton = makeButton(this, QStringLiteral("schemaAddChildField"), tr("Add inside"),
                                  tr("Add a field inside the selected object, array of objects or definition"));
    m_addDefinitionButton = makeButton(this, QStringLiteral("schemaAddDefinition"), tr("Add $defs"),
                                       tr("Add an object definition under $defs, for $ref"));
    m_removeButton = makeButton(this, QStringLiteral("schemaRemoveField"), tr("Remove"),
                                tr("Remove the selected field (and its name from \"required\")"),
                                QKeySequence(Qt::ALT | Qt::Key_Delete));
    m_upButton = makeButton(this, QStringLiteral("schemaMoveFieldUp"), tr("Up"),
                            tr("Move the selected field up: the model generates properties in this order"),
                            QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up));
    m_downButton = makeButton(this, QStringLiteral("schemaMoveFieldDown"), tr("Down"),
                              tr("Move the selected field down: the model generates properties in this order"),
                              QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down));
    for (QToolButton *button :
         { m_addButton, m_addChildButton, m_addDefinitionButton, m_removeButton, m_upButton, m_downButton })
        buttons->addWidget(button);
    buttons->addStretch(1);

    connect(m_addButton, &QToolButton::clicked, this, [this] { addField(); });
    connect(m_addChildButton, &QToolButton::clicked, this, [this] { addChildField(); });
    connect(m_addDefinitionButton, &QToolButton::clicked, this, [this] { addDefinition(); });
    connect(m_removeButton, &QToolButton::clicked, this, [this] { removeSelected(); });
    connect(m_upButton, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_downButton, &QToolButton::clicked, this, [this] { moveSelected(1); });

    buildForm(m_form);
    auto *scroll = new QScrollArea(this);
    m_formScroll = scroll;
    scroll->setObjectName(QStringLiteral("schemaFieldFormScroll"));
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_tree, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("schemaFieldSplitter"));
    splitter->addWidget(top);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        refreshForm();
        refreshButtons();
    });
    connect(m_tree, &QTreeView::expanded, this,
            [this](const QModelIndex &index) { m_expanded.insert(m_model->pointerForIndex(index)); });
    connect(m_tree, &QTreeView::collapsed, this,
            [this](const QModelIndex &index) { m_expanded.remove(m_model->pointerForIndex(index)); });
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &SchemaFieldEditor::saveViewState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SchemaFieldEditor::restoreViewState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { refreshForm(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        // Small schemas show every field, new ones included.
        if (m_model->tree().size() < ExpandAllBelow) {
            for (int row = first; row <= last; ++row)
                m_tree->expandRecursively(m_model->index(row, 0, parent));
        }
        refreshButtons();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { refreshButtons(); });
    refreshForm();
    refreshButtons();
}

SchemaFieldEditor::~SchemaFieldEditor()
{
    // ~QWidget of a shown top-level editor hides it first; the focus leaving a form field then
    // emits editingFinished (or FocusOut for the enum box), whose commit must not reach this
    // half-destroyed editor or its already deleted model.
    for (QWidget *field : m_form->findChildren<QWidget *>())
        field->disconnect(this);
    m_enum->removeEventFilter(this);
}

void SchemaFieldEditor::buildForm(QWidget *form)
{
    form->setObjectName(QStringLiteral("schemaFieldForm"));
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_name = new QLineEdit(form);
    m_name->setObjectName(QStringLiteral("fieldName"));
    m_name->setToolTip(tr("The property name; renaming keeps its place and its entry in \"required\""));
    m_type = new QComboBox(form);
    m_type->setObjectName(QStringLiteral("fieldType"));
    m_type->addItems(typeNames());
    m_type->setToolTip(tr("\"type\" of the field; $ref points it at a $defs entry"));
    m_itemsType = new QComboBox(form);
    m_itemsType->setObjectName(QStringLiteral("fieldItemsType"));
    m_itemsType->addItems(typeNames());
    m_itemsType->setToolTip(tr("\"items\": the type of the array's elements"));
    m_ref = new QComboBox(form);
    m_ref->setObjectName(QStringLiteral("fieldRef"));
    m_ref->setToolTip(tr("\"$ref\": the $defs entry this field (or its items) uses"));
    m_required = new QCheckBox(tr("Required"), form);
    m_required->setObjectName(QStringLiteral("fieldRequired"));
    m_required->setToolTip(tr("Listed in the parent object's \"required\""));
    m_nullable = new QCheckBox(tr("Nullable"), form);
    m_nullable->setObjectName(QStringLiteral("fieldNullable"));
    m_nullable->setToolTip(tr("Allows null: \"type\": [T, \"null\"], or anyOf with {\"type\": \"null\"} for a $ref"));
    m_description = new QLineEdit(form);
    m_description->setObjectName(QStringLiteral("fieldDescription"));
    m_description->setToolTip(tr("\"description\": the model reads it, so say what belongs in the field"));
    m_enum = new QPlainTextEdit(form);
    m_enum->setObjectName(QStringLiteral("fieldEnum"));
    m_enum->setToolTip(
        tr("\"enum\": one allowed value per line (empty: any value). Applied when the box loses focus."));
    m_enum->setMaximumHeight(m_enum->fontMetrics().lineSpacing() * 5);
    m_enum->setTabChangesFocus(true);
    m_format = new QComboBox(form);
    m_format->setObjectName(QStringLiteral("fieldFormat"));
    m_format->setEditable(true);
    // Exactly the formats the validator asserts (the box stays editable for any other name).
    m_format->addItem(QString());
    for (const std::string_view name : knownFormatNames())
        m_format->addItem(QString::fromLatin1(name.data(), qsizetype(name.size())));
    m_format->setToolTip(tr("\"format\" of a string; Formwork checks it after the reply"));
    m_minimum = new QLineEdit(form);
    m_minimum->setObjectName(QStringLiteral("fieldMinimum"));
    m_minimum->setToolTip(tr("\"minimum\" of a number (empty: none)"));
    m_maximum = new QLineEdit(form);
    m_maximum->setObjectName(QStringLiteral("fieldMaximum"));
    m_maximum->setToolTip(tr("\"maximum\" of a number (empty: none)"));
    m_pattern = new QLineEdit(form);
    m_pattern->setObjectName(QStringLiteral("fieldPattern"));
    m_pattern->setToolTip(tr("\"pattern\": an ECMA-262 regular expression the string must match"));
    m_formError = new QLabel(form);
    m_formError->setObjectName(QStringLiteral("fieldFormError"));
    m_formError->setWordWrap(true);

    auto *flags = new QHBoxLayout;
    flags->addWidget(m_required);
    flags->addWidget(m_nullable);
    flags->addStretch(1);

    layout->addRow(tr("Name"), m_name);
    layout->addRow(tr("Type"), m_type);
    layout->addRow(tr("Items"), m_itemsType);
    layout->addRow(tr("$ref"), m_ref);
    layout->addRow(QString(), flags);
    layout->addRow(tr("Description"), m_description);
    layout->addRow(tr("Enum"), m_enum);
    layout->addRow(tr("Format"), m_format);
    layout->addRow(tr("Minimum"), m_minimum);
    layout->addRow(tr("Maximum"), m_maximum);
    layout->addRow(tr("Pattern"), m_pattern);
    layout->addRow(m_formError);

    connect(m_name, &QLineEdit::editingFinished, this, &SchemaFieldEditor::commitName);
    connect(m_description, &QLineEdit::editingFinished, this, &SchemaFieldEditor::commitDescription);
    connect(m_type, &QComboBox::activated, this, &SchemaFieldEditor::commitType);
    connect(m_itemsType, &QComboBox::activated, this, &SchemaFieldEditor::commitItemsType);
    connect(m_ref, &QComboBox::activated, this, &SchemaFieldEditor::commitRef);
    connect(m_required, &QCheckBox::clicked, this, [this](bool checked) {
        applyEdit([&](const QModelIndex &index) {
            return m_model->setRequired(index, checked) ? m_model->pointerForIndex(index) : QString();
        });
    });
    connect(m_nullable, &QCheckBox::clicked, this, [this](bool checked) {
        applyEdit([&](const QModelIndex &index) {
            return m_model->setNullable(index, checked) ? m_model->pointerForIndex(index) : QString();
        });
    });
    connect(m_format, &QComboBox::activated, this, &SchemaFieldEditor::commitFormat);
    connect(m_format->lineEdit(), &QLineEdit::editingFinished, this, &SchemaFieldEditor::commitFormat);
    connect(m_minimum, &QLineEdit::editingFinished, this,
            [this] { commitNumber(m_minimum, QStringLiteral("minimum")); });
    connect(m_maximum, &QLineEdit::editingFinished, this,
            [this] { commitNumber(m_maximum, QStringLiteral("maximum")); });
    connect(m_pattern, &QLineEdit::editingFinished, this, &SchemaFieldEditor::commitPattern);
    m_enum->installEventFilter(this);
    connect(m_enum, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_refreshing)
            m_enum->setProperty("dirty", true);
    });
}

void SchemaFieldEditor::setSyncHook(std::function<bool()> hook)
{
    m_syncHook = hook;
    m_model->setEditGuard(std::move(hook)); // inline edits in the tree go straight to the model
}

bool SchemaFieldEditor::eventFilter(QObject *watched, QEvent *event)
{
    // The enum box is multi-line, so it has no editingFinished: apply it when focus leaves.
    if (watched == m_enum && event->type() == QEvent::FocusOut)
        commitEnum();
    return QWidget::eventFilter(watched, event);
}

void SchemaFieldEditor::setStale(bool stale)
{
    m_stale = stale;
    m_tree->setEnabled(!stale);
    m_form->setEnabled(!stale);
    refreshButtons();
}

bool SchemaFieldEditor::selectPointer(const QString &pointer)
{
    const QModelIndex index = m_model->indexForPointer(pointer);
    if (!index.isValid())
        return false;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
    return true;
}

QString SchemaFieldEditor::currentPointer() const
{
    return m_model->pointerForIndex(m_tree->currentIndex());
}

template<typename Edit> QString SchemaFieldEditor::applyEdit(Edit &&edit)
{
    if (m_stale)
        return {};
    const QString pointer = currentPointer();
    if (m_syncHook && !m_syncHook())
        return {};
    const QModelIndex index = m_model->indexForPointer(pointer);
    m_formError->clear();
    const QString result = edit(index);
    if (!result.isEmpty())
        selectPointer(result);
    refreshForm();
    refreshButtons();
    return result;
}

QString SchemaFieldEditor::addField()
{
    return applyEdit([this](const QModelIndex &index) {
        const SchemaField *field = m_model->fieldAt(index);
        if (field && field->kind == SchemaField::Kind::DefinitionGroup)
            return m_model->addDefinition();
        if (field && field->kind == SchemaField::Kind::Definition)
            return m_model->addDefinition();
        return m_model->addField(index.parent(), index);
    });
}

QString SchemaFieldEditor::addChildField()
{
    return applyEdit([this](const QModelIndex &index) {
        const QString added = m_model->addField(index);
        return added;
    });
}

QString SchemaFieldEditor::addDefinition()
{
    return applyEdit([this](const QModelIndex &) { return m_model->addDefinition(); });
}

bool SchemaFieldEditor::removeSelected()
{
    QString next;
    const QString result = applyEdit([this, &next](const QModelIndex &index) {
        if (!index.isValid())
            return QString();
        // Select a neighbour afterwards, so Remove can be pressed again.
        const QModelIndex sibling = index.sibling(index.row() + 1, 0).isValid() ? index.sibling(index.row() + 1, 0)
                                                                                : index.sibling(index.row() - 1, 0);
        next = sibling.isValid() ? m_model->pointerForIndex(sibling) : m_model->pointerForIndex(index.parent());
        if (!m_model->removeField(index))
            return QString();
        return next.isEmpty() ? QStringLiteral("/") : next;
    });
    return !result.isEmpty();
}

bool SchemaFieldEditor::moveSelected(int delta)
{
    const QString result = applyEdit([this, delta](const QModelIndex &index) {
        return m_model->moveField(index, delta) ? m_model->pointerForIndex(index) : QString();
    });
    return !result.isEmpty();
}

void SchemaFieldEditor::commitName()
{
    if (m_refreshing || m_name->text() == m_model->data(m_tree->currentIndex()).toString())
        return;
    const QString name = m_name->text();
    const QString result = applyEdit([this, &name](const QModelIndex &index) {
        if (!index.isValid())
            return QString();
        return m_model->renameField(index, name);
    });
    if (result.isEmpty())
        showFormError(tr("Cannot rename to \"%1\": the name is empty or already used.").arg(name));
}

void SchemaFieldEditor::commitDescription()
{
    if (m_refreshing)
        return;
    const QString text = m_description->text();
    const SchemaField *field = m_model->fieldAt(m_tree->currentIndex());
    if (!field || field->description == text)
        return;
    applyEdit([this, &text](const QModelIndex &index) {
        const bool ok = m_model->setKeyword(index, QStringLiteral("description"),
                                            text.isEmpty() ? std::nullopt : std::optional<Json>(text.toStdString()));
        return ok ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitType(int comboIndex)
{
    const QString type = m_type->itemText(comboIndex);
    applyEdit([this, &type](const QModelIndex &index) {
        bool ok = m_model->setType(index, type);
        if (ok && type == QStringLiteral("$ref") && !m_model->definitionNames().isEmpty())
            ok = m_model->setRef(index, m_model->definitionNames().constFirst());
        return ok ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitItemsType(int comboIndex)
{
    const QString type = m_itemsType->itemText(comboIndex);
    applyEdit([this, &type](const QModelIndex &index) {
        bool ok = false;
        if (type == QStringLiteral("$ref")) {
            const QStringList names = m_model->definitionNames();
            ok = !names.isEmpty() && m_model->setRef(index, names.constFirst(), true);
        } else {
            ok = m_model->setItemsType(index, type);
        }
        return ok ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitRef(int comboIndex)
{
    const QString definition = m_ref->itemText(comboIndex);
    const bool items = m_type->currentText() == QStringLiteral("array");
    applyEdit([this, &definition, items](const QModelIndex &index) {
        return m_model->setRef(index, definition, items) ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitEnum()
{
    if (m_refreshing || !m_enum->property("dirty").toBool())
        return;
    m_enum->setProperty("dirty", false);
    const QString type = m_type->currentText();
    Json values = Json::array();
    const QStringList lines = m_enum->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const std::string text = line.trimmed().toStdString();
        // Strings stay strings in a string field; elsewhere a line is read as JSON when it is JSON.
        Json value = type == QStringLiteral("string") ? Json(text) : Json::parse(text, nullptr, false);
        if (value.is_discarded() || value.is_object() || value.is_array())
            value = text;
        values.push_back(std::move(value));
    }
    applyEdit([this, &values](const QModelIndex &index) {
        const bool ok = m_model->setKeyword(index, QStringLiteral("enum"),
                                            values.empty() ? std::nullopt : std::optional<Json>(values));
        return ok ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitFormat()
{
    if (m_refreshing)
        return;
    const QString format = m_format->currentText().trimmed();
    const Json *schema = SchemaFieldEdits::effectiveSchema(m_model->document(), currentPointer().toStdString());
    const QString now = schema && schema->contains("format") ? jsonText((*schema)["format"]) : QString();
    if (!schema || now == format)
        return;
    applyEdit([this, &format](const QModelIndex &index) {
        const bool ok
            = m_model->setKeyword(index, QStringLiteral("format"),
                                  format.isEmpty() ? std::nullopt : std::optional<Json>(format.toStdString()));
        return ok ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitNumber(QLineEdit *edit, const QString &keyword)
{
    if (m_refreshing)
        return;
    bool ok = false;
    const std::optional<Json> value = numberFrom(edit->text(), &ok);
    if (!ok) {
        showFormError(tr("%1 must be a number.").arg(keyword));
        return;
    }
    const Json *schema = SchemaFieldEdits::effectiveSchema(m_model->document(), currentPointer().toStdString());
    if (!schema)
        return;
    const std::string key = keyword.toStdString();
    const std::optional<Json> now = schema->contains(key) ? std::optional<Json>((*schema)[key]) : std::nullopt;
    if (now == value)
        return;
    applyEdit([this, &keyword, &value](const QModelIndex &index) {
        return m_model->setKeyword(index, keyword, value) ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::commitPattern()
{
    if (m_refreshing)
        return;
    const QString pattern = m_pattern->text();
    const Json *schema = SchemaFieldEdits::effectiveSchema(m_model->document(), currentPointer().toStdString());
    const QString now = schema && schema->contains("pattern") ? jsonText((*schema)["pattern"]) : QString();
    if (!schema || now == pattern)
        return;
    applyEdit([this, &pattern](const QModelIndex &index) {
        const bool ok
            = m_model->setKeyword(index, QStringLiteral("pattern"),
                                  pattern.isEmpty() ? std::nullopt : std::optional<Json>(pattern.toStdString()));
        return ok ? m_model->pointerForIndex(index) : QString();
    });
}

void SchemaFieldEditor::showFormError(const QString &text)
{
    m_formError->setText(text);
    QPalette pal = m_formError->palette();
    // The same red as the message bar's errors, readable on light and dark windows.
    pal.setColor(QPalette::WindowText, JsonColorScheme::forPalette(palette()).error.foreground().color());
    m_formError->setPalette(pal);
}

void SchemaFieldEditor::refreshForm()
{
    m_refreshing = true;
    const QModelIndex current = m_tree->currentIndex();
    const SchemaField *field = m_model->fieldAt(current);
    // The form shows only for a chosen field: an empty, greyed form would take the tree's room.
    m_formScroll->setVisible(field != nullptr);
    const bool editable = field && field->kind != SchemaField::Kind::DefinitionGroup;
    const std::string pointer = field ? field->pointer : std::string();
    const Json *own = nullptr;
    const Json *schema = nullptr;
    if (editable) {
        const Json &doc = m_model->document();
        try {
            own = &doc.at(Json::json_pointer(pointer));
        } catch (const Json::exception &) {
            own = nullptr;
        }
        schema = SchemaFieldEdits::effectiveSchema(doc, pointer);
    }
    const FieldShape shape = own ? FieldShape::of(*own) : FieldShape();
    auto keyword = [schema](const char *key) {
        return schema && schema->is_object() && schema->contains(key) ? std::optional<Json>((*schema)[key])
                                                                      : std::nullopt;
    };

    for (QWidget *w : m_form->findChildren<QWidget *>())
        w->setEnabled(editable);
    m_name->setText(field ? field->name : QString());
    m_name->setEnabled(editable);
    m_type->setCurrentIndex(typeNames().indexOf(QString::fromStdString(shape.baseType)));
    const bool isArray = shape.baseType == "array";
    m_itemsType->setEnabled(editable && isArray);
    const Json *items = schema && isArray && schema->contains("items") ? &(*schema)["items"] : nullptr;
    const FieldShape itemsShape = items ? FieldShape::of(*items) : FieldShape();
    m_itemsType->setCurrentIndex(items ? typeNames().indexOf(QString::fromStdString(itemsShape.baseType)) : -1);

    m_ref->clear();
    m_ref->addItems(m_model->definitionNames());
    const std::string ref = isArray ? itemsShape.refTarget : shape.refTarget;
    m_ref->setEnabled(editable && !ref.empty());
    m_ref->setCurrentIndex(
        ref.empty() ? -1 : m_ref->findText(QString::fromStdString(lastPointerToken(ref.substr(ref.find('#') + 1)))));

    m_required->setChecked(field && field->required);
    m_required->setEnabled(editable && field->kind == SchemaField::Kind::Property);
    m_nullable->setChecked(field && field->nullable);
    m_description->setText(field ? field->description : QString());

    QStringList enumLines;
    if (const auto values = keyword("enum"); values && values->is_array()) {
        for (const Json &value : *values)
            enumLines.append(jsonText(value));
    }
    m_enum->setPlainText(enumLines.join(QLatin1Char('\n')));
    m_enum->setProperty("dirty", false);
    const auto format = keyword("format");
    m_format->setCurrentText(format ? jsonText(*format) : QString());
    const auto minimum = keyword("minimum");
    m_minimum->setText(minimum ? jsonText(*minimum) : QString());
    const auto maximum = keyword("maximum");
    m_maximum->setText(maximum ? jsonText(*maximum) : QString());
    const auto pattern = keyword("pattern");
    m_pattern->setText(pattern ? jsonText(*pattern) : QString());
    m_refreshing = false;
}

void SchemaFieldEditor::refreshButtons()
{
    const SchemaField *field = m_model->fieldAt(m_tree->currentIndex());
    const bool enabled = !m_stale && m_model->document().is_object();
    const bool movable = field && field->kind != SchemaField::Kind::DefinitionGroup;
    m_addButton->setEnabled(enabled);
    // Objects take fields; so do arrays (their items become objects) and definitions.
    m_addChildButton->setEnabled(enabled && field
                                 && (field->hasChildContainer || field->kind == SchemaField::Kind::Definition
                                     || field->type.startsWith(QLatin1String("array"))));
    m_addDefinitionButton->setEnabled(enabled);
    m_removeButton->setEnabled(enabled && field);
    m_upButton->setEnabled(enabled && movable && field->row > 0);
    m_downButton->setEnabled(enabled && movable && field->parent
                             && field->row + 1 < int(field->parent->children.size()));
}

void SchemaFieldEditor::saveViewState()
{
    m_savedCurrent = currentPointer();
}

void SchemaFieldEditor::restoreViewState()
{
    if (m_model->tree().size() < ExpandAllBelow) {
        m_tree->expandAll();
    } else {
        const QSet<QString> expanded = m_expanded;
        for (const QString &pointer : expanded) {
            const QModelIndex index = m_model->indexForPointer(pointer);
            if (index.isValid())
                m_tree->expand(index);
            else
                m_expanded.remove(pointer);
        }
    }
    if (!m_savedCurrent.isEmpty())
        selectPointer(m_savedCurrent);
    refreshForm();
    refreshButtons();
}

} // namespace Ui
} // namespace Formwork
