// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/schemaeditorpane.h"

#include "common/backgroundwork.h"
#include "editor/codeeditor.h"
#include "highlighting/jsonhighlighter.h"
#include "schema/schemainference.h"
#include "schemaeditor/schemafieldeditor.h"
#include "schemaeditor/schemafieldmodel.h"
#include "json/jsonparser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QSaveFile>
#include <QSplitter>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

// One lint on the worker thread: the lint itself plus where the parsed text differs from the
// document the field tree shows (or, when it differs nearly everywhere, a new tree built there).
struct SchemaCheck {
    SchemaLintResult lint;
    std::shared_ptr<SchemaFieldTree> fields; // built anew
    // With `fields`: a copy of the parsed document for the tree's model to own, so that edits
    // change it in place instead of copying megabytes first (made here, off the GUI thread).
    std::shared_ptr<const nlohmann::ordered_json> fieldsDocument;
    std::optional<std::vector<SchemaEditScope>> changes; // else: what changed since comparedWith
    std::shared_ptr<const nlohmann::ordered_json> comparedWith;
    bool fromTree = false; // the field tree wrote the text: it shows the parsed document already
    quint64 generation = 0;
};

namespace {
constexpr int CheckDelayMs = 200;
// Wide enough for text and fields side by side; narrower panes stack them.
constexpr int SideBySideMinWidth = 720;

// A text this long is copied out of the editor in slices, so no single event takes long.
constexpr int SnapshotSliceMs = 4;
constexpr int MaxEnforcementRows = 100;
// setText() lints texts this long in the background instead of before it returns.
constexpr qsizetype LargeTextChars = 512 * 1024;

using CheckPointer = std::shared_ptr<SchemaCheck>;

// More differences than this between the tree and the text: the worker builds the tree anew.
constexpr std::size_t MaxTreeChanges = 256;

// `shown`: the document the tree shows, to compare with; none when the tree wrote the text.
CheckPointer runCheck(const QString &text, std::optional<GrammarRules> rules,
                      std::shared_ptr<const nlohmann::ordered_json> shown, quint64 generation)
{
    auto check = std::make_shared<SchemaCheck>();
    check->generation = generation;
    check->lint = lintSchema(text, rules);
    check->comparedWith = std::move(shown);
    check->fromTree = !check->comparedWith;
    if (const auto &map = check->lint.textMap; map && !check->fromTree) {
        if (check->comparedWith)
            check->changes = documentChanges(*check->comparedWith, *map->document, MaxTreeChanges);
        if (!check->changes) {
            check->fields = SchemaFieldTree::build(*map->document);
            check->fieldsDocument = std::make_shared<const nlohmann::ordered_json>(*map->document);
        }
    }
    return check;
}

// Splits a JSON Pointer into its (still escaped) tokens.
QStringList pointerTokens(const QString &pointer)
{
    QStringList tokens = pointer.split(QLatin1Char('/'));
    if (!tokens.isEmpty())
        tokens.removeFirst(); // before the leading slash
    return tokens;
}

// The schema node of a keyword: the absolute location's fragment when it points into this
// document, else the evaluation path with every local $ref followed.
std::string schemaPointerFor(const QString &keywordLocation, const QString &absoluteKeywordLocation,
                             const SchemaTextMap &map)
{
    const qsizetype hash = absoluteKeywordLocation.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        const std::string fragment
            = QUrl::fromPercentEncoding(absoluteKeywordLocation.mid(hash + 1).toUtf8()).toStdString();
        // A fragment of another document (a registered schema) says nothing about this text.
        const auto &doc = *map.document;
        const std::string base = absoluteKeywordLocation.left(hash).toStdString();
        const bool otherDocument = !base.empty() && doc.is_object() && doc.contains("$id") && doc["$id"].is_string()
            && doc["$id"].get<std::string>() != base;
        if (!otherDocument && (fragment.empty() || fragment.front() == '/')) {
            if (map.sourceMap.valueRange(parentPointer(fragment)))
                return fragment;
        }
    }
    const nlohmann::ordered_json &doc = *map.document;
    std::string pointer;
    for (const QString &token : pointerTokens(keywordLocation)) {
        if (token == u"$ref") {
            try {
                const auto &schema = doc.at(nlohmann::ordered_json::json_pointer(pointer));
                if (schema.is_object() && schema.contains("$ref") && schema["$ref"].is_string()) {
                    const std::string ref = schema["$ref"].get<std::string>();
                    if (!ref.empty() && ref.front() == '#') {
                        const std::string target
                            = QUrl::fromPercentEncoding(QByteArray::fromStdString(ref.substr(1))).toStdString();
                        if (map.sourceMap.valueRange(target)) {
                            pointer = target;
                            continue;
                        }
                    }
                }
            } catch (const nlohmann::ordered_json::exception &) {
                // Not in this document: keep walking the literal path, the fallback trims it.
            }
        }
        pointer += '/';
        pointer += token.toStdString();
    }
    return pointer;
}
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
    , m_fieldEditor(new SchemaFieldEditor(this))
    , m_sideBySide(new QSplitter(Qt::Horizontal, this))
    , m_showText(new QToolButton(this))
    , m_showFields(new QToolButton(this))
    , m_tokenMeter(new QLabel(this))
    , m_messageLabel(new QLabel(this))
    , m_enforcementList(new QTreeWidget(this))
    , m_checkTimer(new QTimer(this))
    , m_lintWatcher(new QFutureWatcher<CheckPointer>(this))
    , m_tokenWatcher(new QFutureWatcher<SchemaTokenEstimate>(this))
{
    m_editor->setObjectName(QStringLiteral("schemaText"));
    m_messageLabel->setObjectName(QStringLiteral("schemaMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setContentsMargins(6, 3, 6, 3);

    m_enforcementList->setObjectName(QStringLiteral("enforcementList"));
    m_enforcementList->setColumnCount(3);
    m_enforcementList->setHeaderLabels({ tr("Keyword"), tr("Server"), tr("Why") });
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

    m_showText->setObjectName(QStringLiteral("schemaShowText"));
    m_showText->setText(tr("Text"));
    m_showText->setCheckable(true);
    m_showText->setChecked(true);
    m_showText->setAutoRaise(true);
    m_showText->setToolTip(tr("Show the schema as JSON text"));
    m_showFields->setObjectName(QStringLiteral("schemaShowFields"));
    m_showFields->setText(tr("Fields"));
    m_showFields->setCheckable(true);
    m_showFields->setChecked(true);
    m_showFields->setAutoRaise(true);
    m_showFields->setToolTip(tr("Show the schema as a tree of fields with a form for the selected one"));
    connect(m_showText, &QToolButton::toggled, this, &SchemaEditorPane::updateViewButtons);
    connect(m_showFields, &QToolButton::toggled, this, &SchemaEditorPane::updateViewButtons);

    m_tokenMeter->setObjectName(QStringLiteral("schemaTokenMeter"));
    m_tokenMeter->setContentsMargins(6, 0, 6, 0);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(2, 2, 2, 2);
    header->setSpacing(2);
    header->addWidget(m_showText);
    header->addWidget(m_showFields);
    header->addStretch(1);
    header->addWidget(m_tokenMeter);

    m_sideBySide->setObjectName(QStringLiteral("schemaTextFieldsSplitter"));
    m_sideBySide->addWidget(m_editor);
    m_sideBySide->addWidget(m_fieldEditor);
    m_sideBySide->setStretchFactor(0, 3);
    m_sideBySide->setStretchFactor(1, 2);
    m_sideBySide->setChildrenCollapsible(false);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("schemaSplitter"));
    splitter->addWidget(m_sideBySide);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(splitter);

    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(CheckDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &SchemaEditorPane::startBackgroundLint);
    connect(m_lintWatcher, &QFutureWatcher<CheckPointer>::finished, this, [this] {
        // Only the newest text's result counts; an older one that finishes late is dropped.
        CheckPointer check = m_lintWatcher->result();
        if (m_lintGeneration == m_textGeneration) {
            applyCheck(*check);
        } else if (!m_checkTimer->isActive()) {
            startBackgroundLint();
        }
        disposeInBackground(std::move(*check));
    });
    connect(m_tokenWatcher, &QFutureWatcher<SchemaTokenEstimate>::finished, this, [this] {
        if (m_tokenPending)
            startTokenEstimate(); // the schema or the mode changed meanwhile
        else
            showTokenEstimate(m_tokenWatcher->result());
    });
    connect(m_fieldEditor->model(), &SchemaFieldModel::documentEdited, this, &SchemaEditorPane::writeFieldsToText);
    m_fieldEditor->setSyncHook([this] { return syncFieldsWithText(); });
    connect(m_enforcementList, &QTreeWidget::itemActivated, this, &SchemaEditorPane::selectEnforcementItem);
    connect(m_enforcementList, &QTreeWidget::itemClicked, this, &SchemaEditorPane::selectEnforcementItem);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &SchemaEditorPane::scheduleCheck);
    connect(m_editor->document(), &QTextDocument::contentsChange, this, &SchemaEditorPane::onContentsChange);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this, &SchemaEditorPane::modificationChanged);

    setText(QString::fromUtf8(StarterSchema));
}

SchemaEditorPane::~SchemaEditorPane() = default;

QString SchemaEditorPane::text() const
{
    return m_editor->toPlainText();
}

// A highlighter's pass (KSyntaxHighlighting re-highlights on its own time after a load) reports
// its blocks as changed, the same number of characters removed and added, and leaves the undo
// stack alone; an edit changes the length, the undo stack or the modified flag.
void SchemaEditorPane::onContentsChange(int, int charsRemoved, int charsAdded)
{
    const QTextDocument *document = m_editor->document();
    const int undoSteps = document->availableUndoSteps();
    const bool modified = document->isModified();
    const bool edited = charsRemoved != charsAdded || undoSteps != m_seenUndoSteps || modified != m_seenModified;
    m_seenUndoSteps = undoSteps;
    m_seenModified = modified;
    if (edited) {
        m_mapCurrent = false;
        if (!m_patching) {
            m_patchCurrent = false;
            // Typed into a long text: until its lint lands on the worker, an edit of the tree would
            // have to lint here first (seconds), so the tree is greyed as for text that does not parse.
            if (m_editor->document()->characterCount() >= LargeTextChars) {
                m_fieldEditor->setStale(true);
                showMessage(tr("Checking the schema…"), false); // the lint's own words follow
            }
        }
        Q_EMIT textEdited();
    }
}

void SchemaEditorPane::setText(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->document()->setModified(false);
    if (text.size() < LargeTextChars) {
        checkNow();
        return;
    }
    // Linting megabytes takes seconds: start at once, but on the worker.
    m_checkTimer->stop();
    ++m_textGeneration;
    startBackgroundLint();
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
    ensureLintCurrent(this, [] {});
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
    const bool fromTree = m_fieldsGeneration == m_textGeneration;
    ++m_textGeneration;
    if (fromTree)
        m_fieldsGeneration = m_textGeneration;
    m_snapshotGeneration = 0; // a snapshot in progress is of older text
    CheckPointer check = runCheck(text(), m_grammarRules, shownDocument(), m_textGeneration);
    applyCheck(*check);
    disposeInBackground(std::move(*check));
}

bool SchemaEditorPane::isLintCurrent() const
{
    return m_appliedGeneration == m_textGeneration;
}

bool SchemaEditorPane::ensureLintCurrent(QObject *context, std::function<void()> whenCurrent)
{
    if (isLintCurrent())
        return true;
    if (m_editor->document()->characterCount() < LargeTextChars) {
        checkNow();
        return true;
    }
    m_checkTimer->stop(); // someone waits: no typing pause
    startBackgroundLint(); // or, when one is under way for older text, its finished handler
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection
        = connect(this, &SchemaEditorPane::linted, context, [this, connection, whenCurrent = std::move(whenCurrent)] {
              if (!isLintCurrent())
                  return; // typed on meanwhile: the lint of that text follows
              disconnect(*connection);
              whenCurrent();
          });
    return false;
}

void SchemaEditorPane::startBackgroundLint()
{
    if (m_lintWatcher->isRunning() || m_snapshotGeneration == m_textGeneration)
        return; // the finished handler (or the snapshot) starts the next run for the newest text
    // QTextDocument::toPlainText() of megabytes takes longer than a frame, so the text is copied
    // block by block in short slices, between other events.
    m_snapshotGeneration = m_textGeneration;
    m_snapshot.clear();
    m_snapshot.reserve(m_editor->document()->characterCount());
    m_snapshotBlock = m_editor->document()->begin();
    continueSnapshot();
}

void SchemaEditorPane::continueSnapshot()
{
    if (m_snapshotGeneration != m_textGeneration || m_lintWatcher->isRunning())
        return; // the text changed meanwhile: the check timer starts over
    QElapsedTimer slice;
    slice.start();
    int blocks = 0;
    while (m_snapshotBlock.isValid()) {
        m_snapshot += m_snapshotBlock.text();
        m_snapshotBlock = m_snapshotBlock.next();
        if (m_snapshotBlock.isValid())
            m_snapshot += QLatin1Char('\n');
        if (++blocks % 32 == 0 && slice.elapsed() >= SnapshotSliceMs) {
            QTimer::singleShot(0, this, &SchemaEditorPane::continueSnapshot);
            return;
        }
    }
    m_snapshotGeneration = 0;
    m_lintGeneration = m_textGeneration;
    SchemaFieldModel *model = m_fieldEditor->model();
    m_lintWatcher->setFuture(QtConcurrent::run(backgroundPool(), runCheck, std::exchange(m_snapshot, QString()),
                                               m_grammarRules, shownDocument(), m_lintGeneration));
    model->prepareSpareCopy(); // the check holds the document now: an edit meanwhile changes a copy
}

void SchemaEditorPane::applyCheck(SchemaCheck &check)
{
    m_appliedGeneration = check.generation;
    SchemaFieldModel *model = m_fieldEditor->model();
    if (const auto &map = check.lint.textMap) {
        const bool compared = !check.fromTree && model->documentPointer() == check.comparedWith;
        check.comparedWith.reset(); // the model's document is its own again: changed in place below
        // Text the tree wrote needs nothing (the generations say nothing changed it since).
        if (check.fields)
            model->setDocument(std::move(check.fieldsDocument), std::move(check.fields));
        else if (!check.fromTree && !compared)
            model->setDocument(map->document); // changed since the check began: compared here
        else if (compared && !check.changes->empty())
            model->setDocument(map->document, *check.changes);
        m_fieldsGeneration = check.generation;
        m_mapCurrent = check.generation == m_textGeneration;
        m_fieldEditor->setStale(false);
    } else {
        // Keep the last rows the text had, greyed, until it parses again.
        m_fieldEditor->setStale(true);
    }
    applyLint(std::move(check.lint)); // moved, not copied: it holds the whole schema's marks and items
}

void SchemaEditorPane::setGrammarRules(std::optional<GrammarRules> rules)
{
    if (rules == m_grammarRules)
        return;
    m_grammarRules = rules;
    // A lint under way uses the old rules; applyLint() places its result again when it lands.
    if (m_lint.state != SchemaLintResult::State::Valid)
        return;
    placeEnforcement(m_lint, m_grammarRules);
    showEnforcement();
}

void SchemaEditorPane::showEnforcement()
{
    showMessage(m_lint.summary, m_lint.state != SchemaLintResult::State::Valid);
    fillEnforcementList(m_lint.enforcement);
    m_enforcementList->setVisible(!m_lint.enforcement.isEmpty());
}

void SchemaEditorPane::applyLint(SchemaLintResult &&result)
{
    disposeInBackground(std::exchange(m_lint, std::move(result)));
    if (m_lint.state == SchemaLintResult::State::Valid && m_lint.rules != m_grammarRules)
        placeEnforcement(m_lint, m_grammarRules);
    QList<CodeEditor::ErrorMark> marks;
    for (const SchemaLintMark &mark : m_lint.marks)
        marks.append({ mark.position, mark.length });
    // Setting marks repaints the whole text; a valid schema stays valid while typing, so skip that.
    if (!marks.isEmpty() || !m_editor->errorMarks().isEmpty())
        m_editor->setErrorMarks(marks);
    showEnforcement();
    if (m_lint.schema)
        startTokenEstimate();
    else
        m_tokenMeter->setEnabled(false);
    Q_EMIT linted();
    Q_EMIT schemaChanged();
}

void SchemaEditorPane::fillEnforcementList(const QList<PlacedEnforcementItem> &enforcement)
{
    // Thousands of rows would take a long while to lay out and nobody reads them all.
    const qsizetype shown = qMin<qsizetype>(enforcement.size(), MaxEnforcementRows);
    const QString moreText
        = shown < enforcement.size() ? tr("... and %n more", nullptr, int(enforcement.size() - shown)) : QString();
    const auto label = [](const PlacedEnforcementItem &placed) {
        const QString where = placed.item.pointer.isEmpty() ? QStringLiteral("/") : placed.item.pointer;
        return QStringLiteral("%1 (%2)").arg(placed.item.keyword, where);
    };
    // While typing the rows are usually the same, only further down the text: then only their
    // positions change, and the list is not rebuilt (nor repainted).
    bool same = m_enforcementList->topLevelItemCount() == shown + (moreText.isEmpty() ? 0 : 1);
    for (qsizetype i = 0; same && i < shown; ++i) {
        const QTreeWidgetItem *row = m_enforcementList->topLevelItem(int(i));
        same = row->text(0) == label(enforcement.at(i)) && row->text(2) == enforcement.at(i).item.note
            && row->text(1) == enforcementStatusName(enforcement.at(i).item.status);
    }
    if (same && !moreText.isEmpty())
        same = m_enforcementList->topLevelItem(int(shown))->text(0) == moreText;
    if (same) {
        for (qsizetype i = 0; i < shown; ++i) {
            QTreeWidgetItem *row = m_enforcementList->topLevelItem(int(i));
            row->setData(0, Qt::UserRole, enforcement.at(i).position);
            row->setData(0, Qt::UserRole + 1, enforcement.at(i).length);
        }
        return;
    }
    m_enforcementList->clear();
    for (qsizetype i = 0; i < shown; ++i) {
        const PlacedEnforcementItem &placed = enforcement.at(i);
        auto *row = new QTreeWidgetItem(m_enforcementList,
                                        { label(placed), enforcementStatusName(placed.item.status), placed.item.note });
        row->setData(0, Qt::UserRole, placed.position);
        row->setData(0, Qt::UserRole + 1, placed.length);
        row->setToolTip(2, placed.item.note);
    }
    if (!moreText.isEmpty()) {
        auto *more = new QTreeWidgetItem(m_enforcementList, { moreText });
        more->setData(0, Qt::UserRole, -1);
    }
    // Measuring every row's text is slow; a long list keeps the widths it has.
    if (shown <= 40) {
        m_enforcementList->resizeColumnToContents(0);
        m_enforcementList->resizeColumnToContents(1);
    }
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
    pal.setColor(QPalette::WindowText,
                 isError ? JsonColorScheme::forPalette(palette()).error.foreground().color()
                         : palette().color(QPalette::WindowText));
    m_messageLabel->setPalette(pal);
}

void SchemaEditorPane::replaceTextAsOneStep(const QString &newText)
{
    // Only the span that differs is replaced, inside one edit block: one undo step, and the
    // cursor, scroll position and highlighting of the untouched text stay.
    const QString old = text();
    const qsizetype limit = qMin(old.size(), newText.size());
    qsizetype prefix = 0;
    while (prefix < limit && old.at(prefix) == newText.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < limit - prefix && old.at(old.size() - 1 - suffix) == newText.at(newText.size() - 1 - suffix))
        ++suffix;
    if (prefix == old.size() && prefix == newText.size())
        return;
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    cursor.setPosition(int(prefix));
    cursor.setPosition(int(old.size() - suffix), QTextCursor::KeepAnchor);
    cursor.insertText(newText.mid(prefix, newText.size() - prefix - suffix));
    cursor.endEditBlock();
}

void SchemaEditorPane::applyReplacements(const QList<SchemaTextReplacement> &replacements)
{
    if (replacements.isEmpty())
        return;
    // One edit block per replacement, joined into one undo step: the document reports (and lays
    // out again) each changed part alone, not everything from the first to the last (a renamed
    // field near the top and its "required" entry at the end would span the whole text).
    QTextCursor cursor(m_editor->document());
    for (auto it = replacements.crbegin(); it != replacements.crend(); ++it) {
        if (it == replacements.crbegin())
            cursor.beginEditBlock();
        else
            cursor.joinPreviousEditBlock();
        cursor.setPosition(int(it->begin));
        cursor.setPosition(int(it->end), QTextCursor::KeepAnchor);
        cursor.insertText(it->text);
        cursor.endEditBlock();
    }
}

void SchemaEditorPane::writeFieldsToText()
{
    SchemaFieldModel *model = m_fieldEditor->model();
    const nlohmann::ordered_json &document = model->document();
    if (m_mapCurrent && m_lint.textMap) {
        // The text the last lint mapped is the text now: patch from there. The base before it
        // may be the last holder of an earlier text's map and document: freed on a worker.
        disposeInBackground(std::exchange(m_patchBase, m_lint.textMap));
        m_patchApplied.clear();
        m_patchScopes.clear();
        m_patchCurrent = true;
    }
    // Change only what the edit changed, in the layout around it (and without writing out the
    // whole document). Earlier edits whose lint has not landed are patched from the same base
    // text again, and only the difference to the text now is applied: one undo step per edit.
    std::optional<QList<SchemaTextReplacement>> patch;
    std::vector<SchemaEditScope> scopes;
    if (m_patchCurrent && m_patchBase) {
        scopes = m_patchScopes;
        const std::vector<SchemaEditScope> &edit = model->lastEditScopes();
        scopes.insert(scopes.end(), edit.begin(), edit.end());
        patch = schemaTextPatch(*m_patchBase, document, scopes);
    }
    if (patch) {
        const QList<SchemaTextReplacement> step = composeTextPatches(*m_patchBase, m_patchApplied, *patch);
        m_patching = true;
        applyReplacements(step);
        m_patching = false;
        m_patchApplied = std::move(*patch);
        m_patchScopes = std::move(scopes);
        m_fieldsGeneration = m_textGeneration;
        return;
    }
    m_patchCurrent = false;
    const QString newText
        = QString::fromStdString(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
        + QLatin1Char('\n');
    replaceTextAsOneStep(newText);
    // The tree already shows this text; the lint that follows only confirms it.
    m_fieldsGeneration = m_textGeneration;
}

std::shared_ptr<const nlohmann::ordered_json> SchemaEditorPane::shownDocument() const
{
    // Text the tree wrote parses to the tree's document: no need to compare (nor to hold the
    // document, which the next edit would then have to copy).
    if (m_fieldsGeneration == m_textGeneration)
        return {};
    return m_fieldEditor->model()->documentPointer();
}

bool SchemaEditorPane::syncFieldsWithText()
{
    // The tree shows the text as it is (the tree wrote it, or it was parsed): nothing to catch up,
    // the lint under way only confirms it.
    if (m_fieldsGeneration == m_textGeneration && (m_lint.textMap || m_patchCurrent))
        return true;
    // Text typed since the last lint would be lost by an edit of the older tree: catch up first.
    // A long text catches up on the worker, and this edit is refused (its tree is greyed by then).
    if (!ensureLintCurrent(this, [] {}))
        return false;
    return m_lint.textMap && m_fieldsGeneration == m_textGeneration;
}

bool SchemaEditorPane::inferFromExample(const QString &jsonText, QString *error)
{
    const QByteArray utf8 = jsonText.toUtf8();
    JsonParseOptions options;
    options.recordSourceMap = false;
    auto parsed = parseJson(std::string_view(utf8.constData(), size_t(utf8.size())), options);
    if (!parsed) {
        if (error)
            *error = tr("Line %1, column %2: %3")
                         .arg(parsed.error().line)
                         .arg(parsed.error().column)
                         .arg(parsed.error().message);
        return false;
    }
    nlohmann::ordered_json schema = nlohmann::ordered_json::object();
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    const nlohmann::ordered_json inferred = inferSchema(parsed->value);
    for (auto it = inferred.begin(); it != inferred.end(); ++it)
        schema[it.key()] = it.value();
    replaceTextAsOneStep(
        QString::fromStdString(schema.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
        + QLatin1Char('\n'));
    if (error)
        error->clear();
    return true;
}

void SchemaEditorPane::revealKeywordLocation(const QString &keywordLocation, const QString &absoluteKeywordLocation)
{
    // The ranges must be those of the text on screen: a long text just edited is linted first.
    if (!ensureLintCurrent(this, [this, keywordLocation, absoluteKeywordLocation] {
            revealKeywordLocation(keywordLocation, absoluteKeywordLocation);
        }))
        return;
    const auto map = m_lint.textMap;
    if (!map)
        return;
    std::string pointer = schemaPointerFor(keywordLocation, absoluteKeywordLocation, *map);
    while (!pointer.empty() && !map->sourceMap.valueRange(pointer))
        pointer = parentPointer(pointer);
    const auto range = map->memberRange(pointer);
    if (!range)
        return;
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(int(range->begin));
    cursor.setPosition(int(range->end), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(cursor);
    m_editor->ensureCursorVisible();
    if (const SchemaField *field = m_fieldEditor->model()->tree().fieldContaining(pointer))
        m_fieldEditor->selectPointer(QString::fromStdString(field->pointer));
}

void SchemaEditorPane::setTokenMeterContext(ExtractionMode mode, BackendApi api)
{
    if (mode == m_tokenMode && api == m_tokenApi)
        return;
    m_tokenMode = mode;
    m_tokenApi = api;
    if (m_lint.schema)
        startTokenEstimate();
}

void SchemaEditorPane::startTokenEstimate()
{
    if (m_tokenWatcher->isRunning()) {
        m_tokenPending = true; // started again with the newest schema and mode when this one ends
        return;
    }
    m_tokenPending = false;
    if (!m_lint.schema)
        return;
    m_tokenWatcher->setFuture(
        QtConcurrent::run(backgroundPool(), estimateSchemaTokens, *m_lint.schema, m_tokenMode, m_tokenApi));
}

void SchemaEditorPane::showTokenEstimate(const SchemaTokenEstimate &estimate)
{
    m_tokens = estimate;
    const QString mode = extractionModeName(m_tokenMode);
    const QString api = m_tokenApi == BackendApi::Ollama ? tr("Ollama native API") : tr("OpenAI-compatible API");
    m_tokenMeter->setEnabled(estimate.valid && m_lint.schema.has_value());
    if (!estimate.valid) {
        m_tokenMeter->setText(tr("Schema: ? tokens"));
        m_tokenMeter->setToolTip(tr("No estimate for %1 mode: %2").arg(mode, estimate.error));
    } else {
        m_tokenMeter->setText(tr("Schema: ~%1 tokens (%2)").arg(QLocale().toString(estimate.tokens), mode));
        QString how
            = tr("About %1 prompt tokens that this schema adds to every request in %2 mode (%3): "
                 "the base request of an empty conversation is built as for a run, and its %4 "
                 "counted with a rough rule (about four letters per token, each punctuation mark "
                 "one), not the model's tokenizer.")
                  .arg(QLocale().toString(estimate.tokens), mode, api,
                       estimate.toolTokens > 0 ? tr("messages and tool definition are") : tr("system message is"));
        if (m_tokenMode == ExtractionMode::Schema)
            how += QLatin1Char(' ') + tr("The grammar sent as the response format costs no prompt tokens.");
        m_tokenMeter->setToolTip(how);
    }
    Q_EMIT tokenEstimateChanged();
}

void SchemaEditorPane::setView(View view)
{
    m_showText->setChecked(view != View::Fields);
    m_showFields->setChecked(view != View::Text);
    updateViewButtons();
}

SchemaEditorPane::View SchemaEditorPane::view() const
{
    if (m_showText->isChecked() && m_showFields->isChecked())
        return View::Both;
    return m_showFields->isChecked() ? View::Fields : View::Text;
}

void SchemaEditorPane::updateViewButtons()
{
    // One of the two always stays visible.
    if (!m_showText->isChecked() && !m_showFields->isChecked())
        (sender() == m_showText ? m_showFields : m_showText)->setChecked(true);
    m_editor->setVisible(m_showText->isChecked());
    m_fieldEditor->setVisible(m_showFields->isChecked());
}

void SchemaEditorPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_sideBySide->setOrientation(event->size().width() >= SideBySideMinWidth ? Qt::Horizontal : Qt::Vertical);
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
