// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/inferschemadialog.h"

#include "editor/codeeditor.h"
#include "highlighting/jsonhighlighter.h"
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

InferSchemaDialog::InferSchemaDialog(QWidget *parent)
    : QDialog(parent)
    , m_editor(new CodeEditor(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("inferSchemaDialog"));
    setWindowTitle(tr("Infer Schema from Example"));
    auto *intro = new QLabel(tr("Paste an example of the JSON you want the model to produce. Every key becomes a "
                                "required property; arrays of objects are merged; nulls make a field nullable; "
                                "dates, e-mail addresses, URIs and UUIDs get a format. The schema replaces the "
                                "editor's text (Ctrl+Z brings it back)."),
                             this);
    intro->setWordWrap(true);
    m_editor->setObjectName(QStringLiteral("inferExampleText"));
    m_editor->setToolTip(tr("The example JSON value"));
    m_error->setObjectName(QStringLiteral("inferExampleError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, JsonColorScheme::forPalette(palette()).error.foreground().color());
    m_error->setPalette(pal);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Infer Schema"));
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Replace the schema with one inferred from the example"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &InferSchemaDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &InferSchemaDialog::reject);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_error->text().isEmpty()) {
            m_error->clear();
            m_editor->setErrorMarks({});
        }
    });
    resize(560, 420);
}

InferSchemaDialog::~InferSchemaDialog() = default;

QString InferSchemaDialog::exampleText() const
{
    return m_editor->toPlainText();
}

void InferSchemaDialog::setExampleText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString InferSchemaDialog::errorText() const
{
    return m_error->text();
}

bool InferSchemaDialog::validateExample()
{
    const QByteArray utf8 = exampleText().toUtf8();
    const std::string_view bytes(utf8.constData(), size_t(utf8.size()));
    JsonParseOptions options;
    options.recordSourceMap = false;
    const auto parsed = parseJson(bytes, options);
    if (parsed) {
        m_error->clear();
        m_editor->setErrorMarks({});
        return true;
    }
    const JsonParseError &error = parsed.error();
    m_error->setText(tr("Not JSON: line %1, column %2: %3").arg(error.line).arg(error.column).arg(error.message));
    m_editor->setErrorMarks({ { int(utf16Position(bytes, error.offset)), 1 } });
    return false;
}

void InferSchemaDialog::accept()
{
    if (validateExample())
        QDialog::accept();
}

} // namespace Ui
} // namespace Formwork
