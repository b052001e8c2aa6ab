// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/validatejsondialog.h"

#include "editor/codeeditor.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {
// Beyond this a pasted document is better checked with `formwork-cli validate`.
constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;
} // namespace

ValidateJsonDialog::ValidateJsonDialog(QWidget *parent)
    : QDialog(parent)
    , m_editor(new CodeEditor(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("validateJsonDialog"));
    setWindowTitle(tr("Validate JSON"));
    m_editor->setObjectName(QStringLiteral("validateJsonEdit"));
    m_editor->setPlaceholderText(tr("Paste JSON here, or open a file. It is checked against the current schema; "
                                    "no model is called."));
    m_message->setObjectName(QStringLiteral("validateJsonMessage"));
    m_message->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *open = buttons->addButton(tr("Open File..."), QDialogButtonBox::ActionRole);
    open->setToolTip(tr("Load a JSON file into the editor"));
    m_validateButton = buttons->addButton(tr("Validate"), QDialogButtonBox::AcceptRole);
    m_validateButton->setObjectName(QStringLiteral("validateJsonButton"));
    m_validateButton->setToolTip(tr("Check the JSON against the schema and show the result in the Result and "
                                    "Attempts panes"));
    m_validateButton->setDefault(true);
    connect(open, &QPushButton::clicked, this, &ValidateJsonDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &ValidateJsonDialog::updateValidateButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(640, 480);
    updateValidateButton();
}

ValidateJsonDialog::~ValidateJsonDialog() = default;

QString ValidateJsonDialog::text() const
{
    return m_editor->toPlainText();
}

void ValidateJsonDialog::setText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString ValidateJsonDialog::message() const
{
    return m_message->text();
}

bool ValidateJsonDialog::loadFile(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        m_message->setText(tr("Cannot open %1: %2").arg(name, file.errorString()));
        return false;
    }
    if (file.size() > MaxFileBytes) {
        m_message->setText(tr("%1 is larger than 64 MB; check it with formwork-cli validate instead.").arg(name));
        return false;
    }
    const QByteArray bytes = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        m_message->setText(tr("%1 is not UTF-8 text.").arg(name));
        return false;
    }
    m_editor->setPlainText(text);
    m_message->setText(tr("Loaded %1.").arg(name));
    return true;
}

void ValidateJsonDialog::chooseFile()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open JSON"), QString(), tr("JSON (*.json *.jsonl);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void ValidateJsonDialog::updateValidateButton()
{
    m_validateButton->setEnabled(!m_editor->document()->isEmpty());
}

} // namespace Ui
} // namespace Formwork
