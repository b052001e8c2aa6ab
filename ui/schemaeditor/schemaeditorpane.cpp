// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemaeditorpane.h"

#include "editor/codeeditor.h"
#include "schemaeditor/jsonsyntaxcheck.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSaveFile>
#include <QStringDecoder>
#include <QTimer>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {
constexpr int CheckDelayMs = 200;
constexpr qint64 MaxSchemaFileBytes = 64 * 1024 * 1024;

const char *const StarterSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Person",
  "type": "object",
  "properties": {
    "name": { "type": "string", "description": "Full name" },
    "age": { "type": "integer", "minimum": 0 },
    "email": { "type": "string", "format": "email" }
  },
  "required": ["name", "age"]
}
)";
} // namespace

SchemaEditorPane::SchemaEditorPane(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_messageLabel(new QLabel(this))
    , m_checkTimer(new QTimer(this))
{
    m_editor->setObjectName(QStringLiteral("schemaText"));
    m_messageLabel->setObjectName(QStringLiteral("schemaMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setContentsMargins(6, 3, 6, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_messageLabel);

    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(CheckDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &SchemaEditorPane::checkNow);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &SchemaEditorPane::scheduleCheck);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this, &SchemaEditorPane::modificationChanged);

    setText(QString::fromUtf8(StarterSchema));
}

SchemaEditorPane::~SchemaEditorPane() = default;

QString SchemaEditorPane::text() const
{
    return m_editor->toPlainText();
}

void SchemaEditorPane::setText(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->document()->setModified(false);
    checkNow();
}

bool SchemaEditorPane::isModified() const
{
    return m_editor->document()->isModified();
}

QString SchemaEditorPane::message() const
{
    return m_messageLabel->text();
}

bool SchemaEditorPane::openFile(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Could not open %1: %2").arg(shown, file.errorString()), true);
        return false;
    }
    if (file.size() > MaxSchemaFileBytes) {
        showMessage(
            tr("Could not open %1: the file is larger than %2 MB.").arg(shown).arg(MaxSchemaFileBytes / (1024 * 1024)),
            true);
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        showMessage(tr("Could not read %1: %2").arg(shown, file.errorString()), true);
        return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        showMessage(tr("Could not open %1: the file is not UTF-8 text.").arg(shown), true);
        return false;
    }
    setText(text);
    setFilePath(path);
    return true;
}

bool SchemaEditorPane::saveToFile(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        showMessage(tr("Could not save %1: %2").arg(shown, file.errorString()), true);
        return false;
    }
    const QByteArray bytes = text().toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        showMessage(tr("Could not save %1: %2. Your text is still here, unsaved.").arg(shown, file.errorString()),
                    true);
        return false;
    }
    m_editor->document()->setModified(false);
    setFilePath(path);
    checkNow();
    return true;
}

void SchemaEditorPane::scheduleCheck()
{
    m_checkTimer->start();
}

void SchemaEditorPane::checkNow()
{
    m_checkTimer->stop();
    const std::optional<JsonSyntaxProblem> problem = checkJsonSyntax(text());
    m_validJson = !problem.has_value();
    if (problem) {
        m_editor->setErrorMarks({ CodeEditor::ErrorMark { problem->position, 1 } });
        showMessage(
            tr("Not valid JSON: line %1, column %2: %3").arg(problem->line).arg(problem->column).arg(problem->message),
            true);
    } else {
        m_editor->setErrorMarks({});
        showMessage(tr("Valid JSON."), false);
    }
}

void SchemaEditorPane::showMessage(const QString &text, bool isError)
{
    m_messageLabel->setText(text);
    m_messageLabel->setProperty("isError", isError);
    QPalette pal = m_messageLabel->palette();
    pal.setColor(QPalette::WindowText, isError ? QColor(0xc6, 0x28, 0x28) : palette().color(QPalette::WindowText));
    m_messageLabel->setPalette(pal);
}

void SchemaEditorPane::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

} // namespace Ui
} // namespace Formwork
