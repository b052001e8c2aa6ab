// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemaeditorpane.h"

#include "editor/codeeditor.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QSaveFile>
#include <QSplitter>
#include <QStringDecoder>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

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
    , m_enforcementList(new QTreeWidget(this))
    , m_checkTimer(new QTimer(this))
    , m_lintWatcher(new QFutureWatcher<SchemaLintResult>(this))
{
    m_editor->setObjectName(QStringLiteral("schemaText"));
    m_messageLabel->setObjectName(QStringLiteral("schemaMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setContentsMargins(6, 3, 6, 3);

    m_enforcementList->setObjectName(QStringLiteral("enforcementList"));
    m_enforcementList->setColumnCount(3);
    m_enforcementList->setHeaderLabels({tr("Keyword"), tr("Server"), tr("Why")});
    m_enforcementList->setRootIsDecorated(false);
    m_enforcementList->setUniformRowHeights(true);
    m_enforcementList->header()->setStretchLastSection(true);
    m_enforcementList->setToolTip(tr("Keywords of this schema that the server's grammar does not enforce. "
                                     "Formwork validates them after every reply."));

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->setSpacing(0);
    lowerLayout->addWidget(m_messageLabel);
    lowerLayout->addWidget(m_enforcementList, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("schemaSplitter"));
    splitter->addWidget(m_editor);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(CheckDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &SchemaEditorPane::startBackgroundLint);
    connect(m_lintWatcher, &QFutureWatcher<SchemaLintResult>::finished, this, [this] {
        // Only the newest text's result counts; an older one that finishes late is dropped.
        if (m_lintGeneration == m_textGeneration)
            applyLint(m_lintWatcher->result());
        else if (!m_checkTimer->isActive())
            startBackgroundLint();
    });
    connect(m_enforcementList, &QTreeWidget::itemActivated, this, &SchemaEditorPane::selectEnforcementItem);
    connect(m_enforcementList, &QTreeWidget::itemClicked, this, &SchemaEditorPane::selectEnforcementItem);
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

bool SchemaEditorPane::isValidJson() const
{
    return m_lint.state == SchemaLintResult::State::Valid || m_lint.state == SchemaLintResult::State::InvalidSchema;
}

void SchemaEditorPane::scheduleCheck()
{
    ++m_textGeneration;
    m_checkTimer->start();
}

void SchemaEditorPane::checkNow()
{
    m_checkTimer->stop();
    ++m_textGeneration;
    applyLint(lintSchema(text()));
}

void SchemaEditorPane::startBackgroundLint()
{
    if (m_lintWatcher->isRunning())
        return; // the finished handler starts the next run for the newest text
    m_lintGeneration = m_textGeneration;
    m_lintWatcher->setFuture(QtConcurrent::run(lintSchema, text()));
}

void SchemaEditorPane::applyLint(const SchemaLintResult &result)
{
    m_lint = result;
    QList<CodeEditor::ErrorMark> marks;
    for (const SchemaLintMark &mark : result.marks)
        marks.append({mark.position, mark.length});
    m_editor->setErrorMarks(marks);
    showMessage(result.summary, result.state != SchemaLintResult::State::Valid);

    m_enforcementList->clear();
    for (const PlacedEnforcementItem &placed : result.enforcement) {
        const QString where = placed.item.pointer.isEmpty() ? QStringLiteral("/") : placed.item.pointer;
        auto *row = new QTreeWidgetItem(m_enforcementList,
                                        {QStringLiteral("%1 (%2)").arg(placed.item.keyword, where),
                                         enforcementStatusName(placed.item.status), placed.item.note});
        row->setData(0, Qt::UserRole, placed.position);
        row->setData(0, Qt::UserRole + 1, placed.length);
        row->setToolTip(2, placed.item.note);
    }
    m_enforcementList->resizeColumnToContents(0);
    m_enforcementList->resizeColumnToContents(1);
    m_enforcementList->setVisible(!result.enforcement.isEmpty());
    Q_EMIT linted();
}

void SchemaEditorPane::selectEnforcementItem(QTreeWidgetItem *item)
{
    const int position = item->data(0, Qt::UserRole).toInt();
    if (position < 0)
        return;
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(position);
    cursor.setPosition(position + item->data(0, Qt::UserRole + 1).toInt(), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(cursor);
    m_editor->setFocus();
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
