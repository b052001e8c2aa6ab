// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/backgroundwork.h"
#include "editor/codeeditor.h"
#include "extraction/tokenestimate.h"
#include "schemaeditor/inferschemadialog.h"
#include "schemaeditor/schemaeditorpane.h"
#include "schemaeditor/schemafieldeditor.h"
#include "schemaeditor/schemafieldmodel.h"
#include "schemaeditor/schemalint.h"
#include "testdata.h"

#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSyntaxHighlighter>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QThreadPool>
#include <QTreeWidget>

using namespace Formwork::Ui;

namespace {

// JSON written with single quotes, so the tests need no escapes.
QString q(const char *singleQuoted)
{
    return QString::fromUtf8(singleQuoted).replace(QLatin1Char('\''), QLatin1Char('"'));
}

const char *const OrderSchema = "{\n"
                                "  'type': 'object',\n"
                                "  'properties': {\n"
                                "    'total': { 'type': 'number', 'minimum': 0 },\n"
                                "    'lines': { 'type': 'array', 'items': { '$ref': '#/$defs/line' } }\n"
                                "  },\n"
                                "  '$defs': {\n"
                                "    'line': {\n"
                                "      'type': 'object',\n"
                                "      'properties': { 'price': { 'type': 'number', 'minimum': 0 } }\n"
                                "    }\n"
                                "  }\n"
                                "}\n";

// Formats every block: a highlighter's pass, which changes formats and no text.
class BoldEverything final : public QSyntaxHighlighter
{
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        QTextCharFormat bold;
        bold.setFontWeight(QFont::Bold);
        setFormat(0, int(text.size()), bold);
    }
};

} // namespace

class TestSchemaEditorPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void starterSchema_isValidAndListsUnenforcedKeywords()
    {
        SchemaEditorPane pane;
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::Valid);
        QVERIFY(pane.isValidJson());
        QVERIFY(pane.editor()->errorMarks().isEmpty());
        QVERIFY2(pane.message().startsWith(QStringLiteral("Valid schema.")), qPrintable(pane.message()));

        // The starter asks for format "email", which the server's grammar does not enforce.
        const auto *list = pane.findChild<QTreeWidget *>(QStringLiteral("enforcementList"));
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), int(pane.lintResult().enforcement.size()));
        bool foundFormat = false;
        for (const PlacedEnforcementItem &placed : pane.lintResult().enforcement) {
            if (placed.item.keyword != u"format")
                continue;
            foundFormat = true;
            QCOMPARE(pane.text().mid(placed.position, placed.length), QStringLiteral("\"format\""));
        }
        QVERIFY(foundFormat);
    }

    // The list follows the server the window talks to (issue 11): Ollama refuses a pattern
    // without ^...$, llama-server ignores it, and of other servers nothing is known.
    void enforcementList_followsTheServersGrammarRules()
    {
        SchemaEditorPane pane;
        pane.setText(QStringLiteral("{\"type\": \"object\", \"properties\": {\"code\": {\"type\": \"string\", "
                                    "\"pattern\": \"[A-Z]{3}\"}}}"));
        const auto *list = pane.findChild<QTreeWidget *>(QStringLiteral("enforcementList"));
        const auto statusOfPattern = [&pane] {
            for (const PlacedEnforcementItem &placed : pane.lintResult().enforcement)
                if (placed.item.keyword == u"pattern")
                    return placed.item.status;
            return Formwork::EnforcementStatus::Enforced;
        };
        QCOMPARE(statusOfPattern(), Formwork::EnforcementStatus::Rejected);

        pane.setGrammarRules(Formwork::GrammarRules::LlamaServer);
        QCOMPARE(statusOfPattern(), Formwork::EnforcementStatus::Ignored);
        QCOMPARE(list->topLevelItemCount(), int(pane.lintResult().enforcement.size()));

        pane.setGrammarRules(std::nullopt);
        QVERIFY(pane.lintResult().enforcement.isEmpty());
        QVERIFY(list->isHidden());
        QVERIFY2(pane.message().contains(QStringLiteral("not known")), qPrintable(pane.message()));

        // An edit lints with the rules in force, not Ollama's.
        pane.setText(pane.text() + QStringLiteral(" "));
        pane.checkNow();
        QVERIFY(pane.lintResult().enforcement.isEmpty());
        pane.setGrammarRules(Formwork::GrammarRules::Ollama);
        QCOMPARE(statusOfPattern(), Formwork::EnforcementStatus::Rejected);
        QVERIFY(!list->isHidden());
    }

    void invalidJson_showsLineAndColumn()
    {
        SchemaEditorPane pane;
        pane.setText(QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {]\n}"));
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::InvalidJson);
        QVERIFY(!pane.isValidJson());
        QVERIFY2(pane.message().startsWith(QStringLiteral("Not valid JSON: line 3, column 18: ")),
                 qPrintable(pane.message()));
        QCOMPARE(pane.editor()->errorMarks().size(), 1);
        const int position = pane.editor()->errorMarks().constFirst().position;
        QCOMPARE(pane.text().at(position), QLatin1Char(']'));
    }

    void invalidSchema_marksTheBadValue()
    {
        SchemaEditorPane pane;
        pane.setText(QStringLiteral("{\n  \"type\": \"object\",\n  \"minProperties\": -1\n}"));
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::InvalidSchema);
        QVERIFY(pane.isValidJson());
        QVERIFY2(pane.message().startsWith(QStringLiteral("Not a valid schema: line 3, column 20 (/minProperties): ")),
                 qPrintable(pane.message()));
        QCOMPARE(pane.editor()->errorMarks().size(), 1);
        const auto mark = pane.editor()->errorMarks().constFirst();
        QCOMPARE(pane.text().mid(mark.position, mark.length), QStringLiteral("-1"));
    }

    void typing_relintsInBackgroundAfterPause()
    {
        SchemaEditorPane pane;
        pane.show();
        QSignalSpy linted(&pane, &SchemaEditorPane::linted);
        pane.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(pane.editor(), QStringLiteral("}"));
        QCOMPARE(linted.count(), 0); // nothing runs while typing
        QTRY_COMPARE_WITH_TIMEOUT(linted.count(), 1, 5000);
        QVERIFY(!pane.isValidJson());
        QVERIFY(pane.isModified());
        QVERIFY2(pane.message().contains(QStringLiteral("line 12")), qPrintable(pane.message()));
    }

    // A caller about to act on a long schema just typed in never waits for its lint on this thread:
    // the lint starts on the worker at once (no typing pause) and the caller resumes when it lands.
    void longText_edited_ensureLintCurrent_resumesWhenTheWorkerLands()
    {
        SchemaEditorPane pane;
        QSignalSpy linted(&pane, &SchemaEditorPane::linted);
        pane.setText(Formwork::Test::longPersonSchema(600 * 1024));
        QTRY_COMPARE_WITH_TIMEOUT(linted.count(), 1, 20000);
        QVERIFY(pane.isLintCurrent());
        QVERIFY(!pane.fieldEditor()->isStale());

        pane.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(pane.editor(), QStringLiteral(" "));
        QVERIFY(!pane.isLintCurrent());
        QVERIFY(pane.fieldEditor()->isStale()); // no tree edits on the old text meanwhile
        QCOMPARE(pane.message(), QStringLiteral("Checking the schema…"));
        int resumed = 0;
        bool currentOnResume = false;
        QObject context;
        QVERIFY(!pane.ensureLintCurrent(&context, [&] {
            ++resumed;
            currentOnResume = pane.isLintCurrent();
        }));
        QVERIFY(!pane.isLintCurrent()); // not linted on this thread
        QCOMPARE(resumed, 0);
        // Done on the worker is not yet applied (an event later): still not current.
        QVERIFY(backgroundPool()->waitForDone(20000));
        QVERIFY(!pane.isLintCurrent());
        QCOMPARE(resumed, 0);
        // Typed on before it lands: the caller resumes after the lint of the newest text.
        QTest::keyClicks(pane.editor(), QStringLiteral(" "));
        QTRY_COMPARE_WITH_TIMEOUT(resumed, 1, 20000);
        QVERIFY(currentOnResume);
        QVERIFY(!pane.fieldEditor()->isStale());
        QVERIFY2(pane.message() != QStringLiteral("Checking the schema…"), qPrintable(pane.message()));
        QVERIFY(pane.currentSchema().has_value());
        QCOMPARE(linted.count(), 2); // the first key's lint, overtaken, was dropped
        QVERIFY(pane.ensureLintCurrent(&context, [&] { ++resumed; })); // current: act now
        QCOMPARE(resumed, 1);

        // A caller gone before the lint lands is not called.
        QTest::keyClicks(pane.editor(), QStringLiteral(" "));
        auto *gone = new QObject;
        QVERIFY(!pane.ensureLintCurrent(gone, [&] { ++resumed; }));
        delete gone;
        const qsizetype before = linted.count();
        QTRY_VERIFY_WITH_TIMEOUT(linted.count() > before && pane.isLintCurrent(), 20000);
        QCOMPARE(resumed, 1);
    }

    // An edit in the tree of a long text with typing not linted yet is refused, not preceded by a
    // lint on this thread; once the worker's lint lands, the same edit goes through.
    void longText_edited_treeEditWaitsForTheWorkersLint()
    {
        SchemaEditorPane pane;
        QSignalSpy linted(&pane, &SchemaEditorPane::linted);
        pane.setText(Formwork::Test::longPersonSchema(600 * 1024));
        QTRY_COMPARE_WITH_TIMEOUT(linted.count(), 1, 20000);
        SchemaFieldModel *model = pane.fieldEditor()->model();

        pane.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(pane.editor(), QStringLiteral(" "));
        QVERIFY(model->addField({}, {}, QStringLiteral("added")).isEmpty());
        QVERIFY(!pane.isLintCurrent());
        QVERIFY(!pane.text().contains(QStringLiteral("\"added\"")));
        QTRY_VERIFY_WITH_TIMEOUT(pane.isLintCurrent(), 20000);
        QCOMPARE(model->addField({}, {}, QStringLiteral("added")), QStringLiteral("/properties/added"));
        QVERIFY(pane.text().contains(QStringLiteral("\"added\"")));
    }

    // Qt 6.4 paints large areas in pieces on the global pool and waits for them: the lint must
    // not queue there, or a busy global pool holds it up (and it, in turn, a paint).
    void globalPoolBusy_lintStillRuns()
    {
        QThreadPool *global = QThreadPool::globalInstance();
        QSemaphore release;
        const int busy = global->maxThreadCount();
        for (int i = 0; i < busy; ++i)
            global->start([&release] { release.acquire(); });
        const auto unblock = qScopeGuard([&] {
            release.release(busy);
            global->waitForDone();
        });

        // Not shown: a paint would itself wait for the full global pool.
        SchemaEditorPane pane;
        QSignalSpy linted(&pane, &SchemaEditorPane::linted);
        pane.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(pane.editor(), QStringLiteral("}")); // linted on the pool after a pause
        QTRY_COMPARE_WITH_TIMEOUT(linted.count(), 1, 5000);
        QVERIFY(!pane.isValidJson());
        QCOMPARE(global->activeThreadCount(), busy); // the global pool was full all along
    }

    // KSyntaxHighlighting re-highlights on its own time after a load: a format change is no edit.
    void highlightingOnly_noTextEdited_typingAndUndo_textEdited()
    {
        SchemaEditorPane pane;
        pane.setText(q(OrderSchema));
        QSignalSpy textChanged(pane.editor(), &QPlainTextEdit::textChanged);
        QSignalSpy edited(&pane, &SchemaEditorPane::textEdited);
        BoldEverything rehighlighter(pane.editor()->document());
        rehighlighter.rehighlight();
        QVERIFY(!textChanged.isEmpty()); // the editor does report the format change
        QCOMPARE(edited.count(), 0);

        pane.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(pane.editor(), QStringLiteral(" "));
        QCOMPARE(edited.count(), 1);
        // The same length replaced (a selected character typed over) is an edit too.
        pane.editor()->moveCursor(QTextCursor::Start);
        pane.editor()->moveCursor(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        QTest::keyClicks(pane.editor(), QStringLiteral("["));
        QCOMPARE(edited.count(), 2);
        pane.editor()->undo();
        QCOMPARE(edited.count(), 3);
        rehighlighter.rehighlight();
        QCOMPARE(edited.count(), 3);
    }

    void nonAsciiBeforeError_columnCountsCharacters()
    {
        const SchemaLintResult lint = lintSchema(QStringLiteral("[\"äöü\", x]"));
        QCOMPARE(lint.state, SchemaLintResult::State::InvalidJson);
        QCOMPARE(lint.line, 1);
        QCOMPARE(lint.column, 9);
        QCOMPARE(lint.marks.constFirst().position, 8);
    }

    // The advisor takes the schema's token count from the lint (no copy of the text on the GUI
    // thread): it is the text's, whatever the lint found.
    void lint_countsTheTextsTokens()
    {
        for (const QString &text : { QStringLiteral("{\"type\": \"object\", \"title\": \"Person\"}"),
                                     QStringLiteral("[\"äöü\", x]"), QStringLiteral("  \n") }) {
            const SchemaLintResult lint = lintSchema(text);
            QCOMPARE(lint.textTokens, Formwork::estimateTokens(text));
        }
        QVERIFY(lintSchema(QStringLiteral("{\"type\": \"object\"}")).textTokens > 0);
    }

    void emptyText_isReported()
    {
        const SchemaLintResult lint = lintSchema(QStringLiteral("  \n"));
        QCOMPARE(lint.state, SchemaLintResult::State::Empty);
        QCOMPARE(lint.summary, QStringLiteral("The schema is empty."));
    }

    void openMissingFile_keepsTextAndNamesFile()
    {
        SchemaEditorPane pane;
        pane.setText(QStringLiteral("{\"mine\": true}"));
        QVERIFY(!pane.openFile(QStringLiteral("/nonexistent/dir/schema.json")));
        QCOMPARE(pane.text(), QStringLiteral("{\"mine\": true}"));
        QVERIFY2(pane.message().contains(QStringLiteral("/nonexistent/dir/schema.json")), qPrintable(pane.message()));
    }

    void openNonUtf8File_isRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("latin1.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"name\": \"caf\xe9\"}");
        file.close();

        SchemaEditorPane pane;
        const QString before = pane.text();
        QVERIFY(!pane.openFile(path));
        QCOMPARE(pane.text(), before);
        QVERIFY(pane.message().contains(QStringLiteral("not UTF-8")));
    }

    void saveThenOpen_roundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("schema.json"));
        const QString text = QStringLiteral("{\"title\": \"Größe\"}\n");
        SchemaEditorPane pane;
        pane.setText(text);
        QVERIFY(pane.saveToFile(path));
        QCOMPARE(pane.filePath(), path);
        QVERIFY(!pane.isModified());

        SchemaEditorPane other;
        QVERIFY(other.openFile(path));
        QCOMPARE(other.text(), text);
        QVERIFY(other.isValidJson());
    }

    void saveToUnwritablePlace_keepsTextModified()
    {
        SchemaEditorPane pane;
        pane.editor()->insertPlainText(QStringLiteral(" "));
        QVERIFY(pane.isModified());
        QVERIFY(!pane.saveToFile(QStringLiteral("/proc/formwork-cannot-write-here.json")));
        QVERIFY(pane.isModified());
        QVERIFY(pane.message().startsWith(QStringLiteral("Could not save")));
    }

    void revealKeyword_selectsTheNodeInTextAndTree()
    {
        SchemaEditorPane pane;
        pane.setText(q(OrderSchema));
        QVERIFY(pane.currentSchema().has_value());
        const auto errors = pane.currentSchema()->validate(
            nlohmann::ordered_json::parse(q("{'total': -1, 'lines': [{'price': -2}]}").toStdString()));
        QCOMPARE(errors.size(), 2);

        pane.revealKeywordLocation(errors[0].keywordLocation, errors[0].absoluteKeywordLocation);
        QCOMPARE(pane.editor()->textCursor().selectedText(), q("'minimum': 0"));
        QVERIFY(pane.editor()->textCursor().selectionStart() < pane.text().indexOf(QStringLiteral("$defs")));
        QCOMPARE(pane.fieldEditor()->currentPointer(), QStringLiteral("/properties/total"));

        // Through the $ref: the node is the one under $defs, not a path that does not exist.
        QVERIFY2(errors[1].keywordLocation.contains(QStringLiteral("$ref")), qPrintable(errors[1].keywordLocation));
        pane.revealKeywordLocation(errors[1].keywordLocation, errors[1].absoluteKeywordLocation);
        const int defs = pane.text().indexOf(QStringLiteral("$defs"));
        QCOMPARE(pane.editor()->textCursor().selectedText(), q("'minimum': 0"));
        QVERIFY(pane.editor()->textCursor().selectionStart() > defs);
        QCOMPARE(pane.fieldEditor()->currentPointer(), QStringLiteral("/$defs/line/properties/price"));

        // Without the absolute location the local $ref is followed by hand.
        pane.revealKeywordLocation(QStringLiteral("/properties/lines/items/$ref/properties/price/minimum"), QString());
        QVERIFY(pane.editor()->textCursor().selectionStart() > defs);
        QCOMPARE(pane.editor()->textCursor().selectedText(), q("'minimum': 0"));

        // A keyword the text does not have: the nearest existing parent is selected.
        pane.revealKeywordLocation(QStringLiteral("/properties/total/maximum"), QString());
        QCOMPARE(pane.editor()->textCursor().selectedText(), q("'total': { 'type': 'number', 'minimum': 0 }"));
    }

    void schemaChanged_carriesTheCompiledSchema()
    {
        SchemaEditorPane pane;
        QSignalSpy changed(&pane, &SchemaEditorPane::schemaChanged);
        pane.setText(q("{'type':'integer'}"));
        QCOMPARE(changed.count(), 1);
        QVERIFY(pane.currentSchema().has_value());
        QVERIFY(pane.currentSchema()->isValid(nlohmann::ordered_json(3)));
        QVERIFY(!pane.currentSchema()->isValid(nlohmann::ordered_json("x")));
        pane.setText(q("{'type':'integer',}"));
        QCOMPARE(changed.count(), 2);
        QVERIFY(!pane.currentSchema().has_value());
        pane.setText(q("{'minimum':'no'}"));
        QVERIFY(!pane.currentSchema().has_value());
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::InvalidSchema);
    }

    void tokenMeter_followsTheMode()
    {
        SchemaEditorPane pane;
        pane.setText(q(OrderSchema));
        auto *meter = pane.findChild<QLabel *>(QStringLiteral("schemaTokenMeter"));
        QVERIFY(meter);
        QTRY_VERIFY_WITH_TIMEOUT(pane.tokenEstimate().valid, 5000);
        const qint64 schemaMode = pane.tokenEstimate().tokens;
        QVERIFY(schemaMode > 50);
        QVERIFY2(meter->text().contains(QLocale().toString(schemaMode)), qPrintable(meter->text()));
        QVERIFY(meter->toolTip().contains(QStringLiteral("four")));
        QCOMPARE(pane.tokenEstimate().toolTokens, 0);

        // Tools mode sends no schema prompt, only the tool definition.
        QSignalSpy estimated(&pane, &SchemaEditorPane::tokenEstimateChanged);
        pane.setTokenMeterContext(Formwork::ExtractionMode::Tools, Formwork::BackendApi::OpenAi);
        QTRY_COMPARE_WITH_TIMEOUT(estimated.count(), 1, 5000);
        QVERIFY(pane.tokenEstimate().toolTokens > 0);
        QCOMPARE(pane.tokenEstimate().messageTokens, 0);
        QVERIFY(pane.tokenEstimate().tokens != schemaMode);
        QVERIFY(meter->text().contains(QStringLiteral("tools")));

        // md-json adds the fence request to the schema prompt.
        pane.setTokenMeterContext(Formwork::ExtractionMode::MdJson, Formwork::BackendApi::Ollama);
        QTRY_COMPARE_WITH_TIMEOUT(estimated.count(), 2, 5000);
        QVERIFY(pane.tokenEstimate().tokens > schemaMode);

        // A bigger schema costs more.
        const qint64 before = pane.tokenEstimate().tokens;
        pane.setText(
            q(OrderSchema)
                .replace(q("'minimum': 0 }"), q("'minimum': 0, 'description': 'The price of one unit, in euros' }")));
        QTRY_COMPARE_WITH_TIMEOUT(estimated.count(), 3, 5000);
        QVERIFY(pane.tokenEstimate().tokens > before);
    }

    void inferFromExample_replacesTextAsOneUndoStep()
    {
        SchemaEditorPane pane;
        const QString before = pane.text();
        QString error;
        QVERIFY(!pane.inferFromExample(QStringLiteral("{\n  \"a\": 1,\n  \"b\": }"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("Line 3, column 8")), qPrintable(error));
        QCOMPARE(pane.text(), before);

        QVERIFY(pane.inferFromExample(q("{'name':'Ann','born':'1990-01-02','tags':[{'t':'x'},{'t':'y','n':null}]}"),
                                      &error));
        QVERIFY(error.isEmpty());
        pane.checkNow();
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::Valid);
        QVERIFY(pane.text().startsWith(
            q("{\n  '$schema': 'https://json-schema.org/draft/2020-12/schema',\n  'type': 'object'")));
        QVERIFY(pane.text().contains(q("'format': 'date'")));
        QVERIFY(pane.currentSchema()->isValid(nlohmann::ordered_json::parse(
            q("{'name':'Ann','born':'1990-01-02','tags':[{'t':'x'},{'t':'y','n':null}]}").toStdString())));
        pane.editor()->document()->undo();
        QCOMPARE(pane.text(), before);
    }

    void inferDialog_keepsOpenAndShowsWhereTheExampleBreaks()
    {
        InferSchemaDialog dialog;
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *text = dialog.findChild<CodeEditor *>(QStringLiteral("inferExampleText"));
        QVERIFY(text);
        dialog.setExampleText(QStringLiteral("{\n  \"a\": [1, 2,]\n}"));
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Not JSON: line 2, column 14")),
                 qPrintable(dialog.errorText()));
        QCOMPARE(text->errorMarks().size(), 1);
        QCOMPARE(dialog.exampleText().at(text->errorMarks().constFirst().position), QLatin1Char(']'));
        dialog.setExampleText(QStringLiteral("{\"a\": [1, 2]}"));
        QVERIFY(dialog.errorText().isEmpty());
        dialog.accept();
        QCOMPARE(accepted.count(), 1);
    }

    void textAndFields_shownSideBySideAndSwitchable()
    {
        SchemaEditorPane pane;
        pane.resize(1000, 600);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QCOMPARE(pane.view(), SchemaEditorPane::View::Both);
        QVERIFY(pane.editor()->isVisible());
        QVERIFY(pane.fieldEditor()->isVisible());
        QCOMPARE(pane.fieldEditor()->objectName(), QStringLiteral("schemaFieldEditor"));
        pane.setView(SchemaEditorPane::View::Fields);
        QVERIFY(!pane.editor()->isVisible());
        QVERIFY(pane.fieldEditor()->isVisible());
        pane.setView(SchemaEditorPane::View::Text);
        QVERIFY(pane.editor()->isVisible());
        QVERIFY(!pane.fieldEditor()->isVisible());
    }
};

QTEST_MAIN(TestSchemaEditorPane)
#include "tst_schemaeditorpane.moc"
