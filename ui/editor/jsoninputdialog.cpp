// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/jsoninputdialog.h"

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

JsonInputDialog::JsonInputDialog(const Texts &texts, QWidget *parent)
    : QDialog(parent)
    , m_editor(new CodeEditor(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("jsonInputDialog"));
    setWindowTitle(texts.title);
    m_editor->setObjectName(QStringLiteral("jsonInputEdit"));
    m_editor->setPlaceholderText(texts.placeholder);
    m_message->setObjectName(QStringLiteral("jsonInputMessage"));
    m_message->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *open = buttons->addButton(tr("Open File..."), QDialogButtonBox::ActionRole);
    open->setToolTip(tr("Load a JSON file into the editor"));
    m_acceptButton = buttons->addButton(texts.acceptButton, QDialogButtonBox::AcceptRole);
    m_acceptButton->setObjectName(QStringLiteral("jsonInputAccept"));
    m_acceptButton->setToolTip(texts.acceptToolTip);
    m_acceptButton->setDefault(true);
    connect(open, &QPushButton::clicked, this, &JsonInputDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &JsonInputDialog::updateAcceptButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(640, 480);
    updateAcceptButton();
}

JsonInputDialog::~JsonInputDialog() = default;

QString JsonInputDialog::text() const
{
    return m_editor->toPlainText();
}

void JsonInputDialog::setText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString JsonInputDialog::message() const
{
    return m_message->text();
}

bool JsonInputDialog::loadFile(const QString &path)
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

void JsonInputDialog::chooseFile()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open JSON"), QString(), tr("JSON (*.json *.jsonl);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void JsonInputDialog::updateAcceptButton()
{
    m_acceptButton->setEnabled(!m_editor->document()->isEmpty());
}

} // namespace Ui
} // namespace Formwork
