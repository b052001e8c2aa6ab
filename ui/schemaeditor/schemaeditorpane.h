// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schemaeditor/schemalint.h"
#include "schemaeditor/schematextpatch.h"
#include "schemaeditor/schematokens.h"

#include <QTextBlock>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QSplitter;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
template<typename T> class QFutureWatcher;

namespace Formwork {
namespace Ui {

class CodeEditor;
class SchemaFieldEditor;
struct SchemaCheck;

// The JSON Schema text editor: highlighting, line numbers, open/save, an inline message that says
// where the text stops being valid JSON or a valid schema, and the list of keywords the server
// will not enforce. Beside the text, a field tree edits the same schema (SchemaFieldEditor); an
// edit there rewrites the text as one undo step, and text that parses updates the tree. Linting
// (and building the tree) runs on a worker thread after a typing pause, so large schemas never
// freeze typing. It never shows a modal dialog itself, so it can be driven from tests; the main
// window owns the file dialogs.
class SchemaEditorPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaEditorPane)

public:
    enum class View { Text, Fields, Both };

    explicit SchemaEditorPane(QWidget *parent = nullptr);
    ~SchemaEditorPane() override;

    QString text() const;
    // Replaces the text (not undoable) and lints it: before returning for ordinary schemas, in the
    // background (linted() follows) for texts over half a million characters.
    void setText(const QString &text);

    // Loads `path` into the editor. On failure the editor keeps its text and the message bar
    // names the file and the reason.
    bool openFile(const QString &path);
    // Writes the editor's text atomically. On failure the text stays in the editor, unsaved.
    bool saveToFile(const QString &path);

    QString filePath() const { return m_filePath; }
    bool isModified() const;
    QString message() const;
    bool isValidJson() const;
    const SchemaLintResult &lintResult() const { return m_lint; }
    // The schema compiled by the last lint; nullopt while the text is not a valid schema.
    std::optional<Schema> currentSchema() const { return m_lint.schema; }

    // Whose grammar decides what the enforcement list shows (the server the window talks to);
    // nullopt for a server whose rules are not known. Ollama's until told otherwise.
    void setGrammarRules(std::optional<GrammarRules> rules);
    std::optional<GrammarRules> grammarRules() const { return m_grammarRules; }

    // Lints now, on this thread, instead of after the typing pause.
    void checkNow();
    // True when lintResult() and currentSchema() are of the text as it is now, so a caller can
    // skip checkNow() (which lints a large schema on this thread).
    bool isLintCurrent() const;
    // Brings lintResult() and currentSchema() up to the text on screen, for a caller about to act
    // on them. A short text is linted here, and true comes back: act now. A long one is linted on
    // the worker at once (no typing pause), as this thread never blocks on megabytes: false comes
    // back, and `whenCurrent` runs once a lint of the text then on screen lands, unless `context`
    // is gone first.
    bool ensureLintCurrent(QObject *context, std::function<void()> whenCurrent);

    // Replaces the text with a schema inferred from the example JSON, as one undo step. On a parse
    // error the text stays and `error` says where ("line 3, column 5: ...").
    bool inferFromExample(const QString &jsonText, QString *error = nullptr);

    // Selects the schema node a failing keyword comes from, in the text and in the field tree.
    // `keywordLocation` follows the evaluation path (it may pass through $ref); when a $ref was
    // followed, the fragment of `absoluteKeywordLocation` ("...#/$defs/item/minimum") names the
    // node. Falls back to the nearest parent that exists in the text.
    void revealKeywordLocation(const QString &keywordLocation, const QString &absoluteKeywordLocation = {});

    // The mode and API the token meter estimates for (default: schema mode, Ollama native).
    void setTokenMeterContext(ExtractionMode mode, BackendApi api);
    // The last estimate shown by the token meter (valid false while there is none).
    const SchemaTokenEstimate &tokenEstimate() const { return m_tokens; }

    // Text, Fields, or both side by side (the default).
    void setView(View view);
    View view() const;

    CodeEditor *editor() const { return m_editor; }
    SchemaFieldEditor *fieldEditor() const { return m_fieldEditor; }

Q_SIGNALS:
    void filePathChanged(const QString &path);
    void modificationChanged(bool modified);
    // The text was edited (typed, pasted, undone, replaced by an edit in the field tree); unlike
    // the editor's textChanged, never for a change of highlighting formats alone.
    void textEdited();
    void linted();
    // After every lint: currentSchema() is the schema now (nullopt when the text is not one).
    void schemaChanged();
    // The token meter shows a new estimate.
    void tokenEstimateChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleCheck();
    void onContentsChange(int position, int charsRemoved, int charsAdded);
    void startBackgroundLint();
    void continueSnapshot();
    // Takes the check's lint result (moved out of `check`).
    void applyCheck(SchemaCheck &check);
    void applyLint(SchemaLintResult &&result);
    void showEnforcement();
    void fillEnforcementList(const QList<PlacedEnforcementItem> &enforcement);
    void selectEnforcementItem(QTreeWidgetItem *item);
    void showMessage(const QString &text, bool isError);
    void setFilePath(const QString &path);
    void replaceTextAsOneStep(const QString &text);
    void applyReplacements(const QList<SchemaTextReplacement> &replacements);
    void writeFieldsToText();
    bool syncFieldsWithText();
    std::shared_ptr<const nlohmann::ordered_json> shownDocument() const;
    void startTokenEstimate();
    void showTokenEstimate(const SchemaTokenEstimate &estimate);
    void updateViewButtons();

    CodeEditor *m_editor;
    SchemaFieldEditor *m_fieldEditor;
    QSplitter *m_sideBySide;
    QToolButton *m_showText;
    QToolButton *m_showFields;
    QLabel *m_tokenMeter;
    QLabel *m_messageLabel;
    QTreeWidget *m_enforcementList;
    QTimer *m_checkTimer;
    QFutureWatcher<std::shared_ptr<SchemaCheck>> *m_lintWatcher;
    QFutureWatcher<SchemaTokenEstimate> *m_tokenWatcher;
    quint64 m_textGeneration = 0;
    int m_seenUndoSteps = 0; // what onContentsChange() last saw, to tell edits from formats
    bool m_seenModified = false;
    quint64 m_lintGeneration = 0;
    std::optional<GrammarRules> m_grammarRules = GrammarRules::Ollama;
    // The text generation whose lint m_lint holds; none yet. Not the worker's state: its lint is
    // done before its result is applied (in the watcher's finished signal, an event later).
    quint64 m_appliedGeneration = ~quint64(0);
    quint64 m_fieldsGeneration = 0; // the text generation the field tree shows
    bool m_mapCurrent = false; // m_lint.textMap describes the text as it is now
    // Edits of the field tree made before the lint of the text they wrote has landed: the text now
    // is m_patchBase's text with m_patchApplied applied (while m_patchCurrent), changed where
    // m_patchScopes say. The next edit patches the same base and applies only the difference,
    // so quick edits neither wait for a lint nor lint on the GUI thread.
    std::shared_ptr<const SchemaTextMap> m_patchBase;
    QList<SchemaTextReplacement> m_patchApplied;
    std::vector<SchemaEditScope> m_patchScopes;
    bool m_patchCurrent = false;
    bool m_patching = false; // the text changes come from writeFieldsToText()
    quint64 m_snapshotGeneration = 0; // of the text being copied for the next lint; 0: none
    QString m_snapshot;
    QTextBlock m_snapshotBlock;
    bool m_tokenPending = false;
    ExtractionMode m_tokenMode = ExtractionMode::Schema;
    BackendApi m_tokenApi = BackendApi::Ollama;
    SchemaTokenEstimate m_tokens;
    QString m_filePath;
    SchemaLintResult m_lint;
};

} // namespace Ui
} // namespace Formwork
