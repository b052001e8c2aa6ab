// SPDX-License-Identifier: GPL-3.0-or-later
// The Source pane: the run's input text with each extracted value highlighted (issue 13).
#include "documents/sourcehighlights.h"
#include "documents/sourcepane.h"
#include "documents/sourcetextedit.h"
#include "documents/sourceview.h"
#include "fakeollama.h"
#include "grounding/grounder.h"
#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "mainwindow/mainwindow.h"
#include "picker/modelpickerpane.h"
#include "prompt/promptpane.h"
#include "result/resultpane.h"
#include "result/resulttreemodel.h"
#include "run/runsession.h"
#include "schemaeditor/schemaeditorpane.h"
#include "testdata.h"

#include <QClipboard>
#include <QDockWidget>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Json = nlohmann::ordered_json;

namespace {

const char PersonSchema[] = "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}, "
                            "\"age\": {\"type\": \"integer\"}, \"email\": {\"type\": \"string\"}}, "
                            "\"required\": [\"name\", \"age\"]}";

// An emoji and an accented letter before the values: spans are UTF-16 offsets.
QString letter()
{
    return QString::fromUtf8("\xF0\x9F\x93\x9C Caf\u00e9 notes\nAda Lovelace wrote the notes in 1843.\nShe was 36.\n");
}

Json people()
{
    return Json::parse("{\"people\": [{\"name\": \"Ada Lovelace\"}, {\"name\": \"Charles Babbage\"}], "
                       "\"year\": 1843, \"place\": \"notes\"}");
}

// Clicks the text view at document position `position`.
void clickAt(QPlainTextEdit *text, int position)
{
    QTextCursor cursor(text->document());
    cursor.setPosition(position);
    const QRect rect = text->cursorRect(cursor);
    QTest::mouseClick(text->viewport(), Qt::LeftButton, {}, rect.center() + QPoint(2, 0));
}

// The texts of the highlighted pieces a paint of the whole viewport draws.
QStringList paintedTexts(const SourceView &view)
{
    QStringList texts;
    const QString doc = view.document();
    for (const SourceTextEdit::Piece &piece : view.textView()->piecesIn(view.textView()->viewport()->rect()))
        texts.append(doc.mid(piece.begin, piece.end - piece.begin));
    return texts;
}

// How many pixels of `rect` in the painted viewport have exactly `color` (the tint behind the text).
int pixelsOf(SourceTextEdit *text, const QRectF &rect, const QColor &color)
{
    const QImage image = text->viewport()->grab().toImage();
    int count = 0;
    const QRect r = rect.toAlignedRect().intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            count += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
    return count;
}

// Shows `view` at 500 x 400 with `doc`, and waits until a long one is laid out.
bool showDocument(SourceView &view, const QString &doc)
{
    view.resize(500, 400);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return false;
    QSignalSpy shown(&view, &SourceView::documentShown);
    view.setDocument(doc);
    return shown.count() == 1 || shown.wait(20000);
}

qsizetype spanCount(const SourceView &view)
{
    return qsizetype(view.textView()->highlights()->spans().size());
}

} // namespace

class TestSourceView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sourceview"));
    }

    void init() { QSettings().clear(); }

    void grounding_highlightsEverySpanOneColourPerField()
    {
        const QString doc = QStringLiteral("Ada Lovelace and Charles Babbage; Ada Lovelace again, in 1843 notes.");
        SourceView view;
        view.setDocument(doc);
        Grounder grounder(doc);
        view.setGrounding(grounder.ground(people()));
        // Ada twice (ambiguous), Babbage once, 1843 once, "notes" once, and nothing else.
        QCOMPARE(spanCount(view), 5);
        const QColor ada = view.fieldColor(QStringLiteral("/people/0/name"));
        QVERIFY(ada.isValid());
        QCOMPARE(view.fieldColor(QStringLiteral("/people/1/name")), ada); // same field, same colour
        QVERIFY(view.fieldColor(QStringLiteral("/year")) != ada);
        QVERIFY(view.fieldColor(QStringLiteral("/place")) != view.fieldColor(QStringLiteral("/year")));
        QVERIFY(ada != view.palette().color(QPalette::Base));
        QCOMPARE(SourceView::fieldOf(QStringLiteral("/people/12/name")), QStringLiteral("/people/*/name"));
        // The ambiguous value is listed; the summary counts.
        QCOMPARE(view.ungroundedList()->count(), 1);
        QVERIFY(view.ungroundedList()->item(0)->text().contains(QStringLiteral("/people/0/name")));
        QVERIFY2(view.summaryLabel()->text().contains(QStringLiteral("All 4")),
                 qPrintable(view.summaryLabel()->text()));
    }

    // Only the spans around the view are highlighted, so a long document with many spans stays
    // quick to paint; scrolling brings the others in.
    void longDocument_highlightsFollowTheView()
    {
        QString doc;
        for (int i = 0; i < 3000; ++i)
            doc += QStringLiteral("Line %1 names Ada Lovelace.\n").arg(i);
        doc += QStringLiteral("The end was written by Charles Babbage.\n");
        SourceView view;
        QVERIFY(showDocument(view, doc));
        view.setGrounding(Grounder(doc).ground(Json::parse("{\"a\": \"Ada Lovelace\", \"b\": \"Charles Babbage\"}")));
        const auto highlighted = [&view] { return paintedTexts(view); };
        QVERIFY(!highlighted().isEmpty());
        QCOMPARE(highlighted().first(), QStringLiteral("Ada Lovelace"));
        QVERIFY(highlighted().size() < 200); // not all 3,000
        QVERIFY(!highlighted().contains(QStringLiteral("Charles Babbage")));
        QVERIFY(view.selectPointer(QStringLiteral("/b")));
        QTRY_VERIFY(highlighted().contains(QStringLiteral("Charles Babbage")));
        // And the paint draws it: the field's tint behind the span, once it is not selected.
        const auto pieces = view.textView()->piecesIn(view.textView()->viewport()->rect());
        const auto babbage = std::find_if(pieces.cbegin(), pieces.cend(), [&doc](const SourceTextEdit::Piece &p) {
            return doc.mid(p.begin, p.end - p.begin) == QStringLiteral("Charles Babbage");
        });
        QVERIFY(babbage != pieces.cend());
        QCOMPARE(babbage->color, view.fieldColor(QStringLiteral("/b")));
        QVERIFY(pixelsOf(view.textView(), babbage->rect, babbage->color) == 0); // selected: drawn as such
        QTextCursor cursor = view.textView()->textCursor();
        cursor.clearSelection();
        view.textView()->setTextCursor(cursor);
        QTRY_VERIFY(pixelsOf(view.textView(), babbage->rect, babbage->color) > 20);
    }

    // A long document is laid out off the GUI thread: setDocument() returns at once, grounding and
    // a selection given meanwhile are applied when the text arrives, and a text replaced while it
    // was being laid out never shows.
    void longDocument_laidOutInTheBackground_groundingAndSelectionWaitForIt()
    {
        QString doc;
        for (int i = 0; doc.size() < SourceView::BackgroundChars + 1000; ++i)
            doc += QStringLiteral("Line %1 says nothing of note.\n").arg(i);
        const qsizetype babbage = doc.size();
        doc += QStringLiteral("The end was written by Charles Babbage.\n");
        SourceView view;
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &SourceView::documentShown);

        view.setDocument(QStringLiteral("an earlier text ") + doc); // replaced before it is shown
        view.setDocument(doc);
        QVERIFY(view.isLoading());
        QCOMPARE(view.document(), doc);
        QVERIFY(view.textView()->toPlainText().isEmpty());
        QVERIFY(!view.textView()->placeholderText().isEmpty());
        view.setGrounding(Grounder(doc).ground(Json::parse("{\"b\": \"Charles Babbage\"}")));
        QVERIFY(view.selectPointer(QStringLiteral("/b")));
        QVERIFY(paintedTexts(view).isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        QVERIFY(!view.isLoading());
        QCOMPARE(view.textView()->toPlainText(), doc);
        QVERIFY(view.textView()->placeholderText().isEmpty());
        QCOMPARE(view.textView()->textCursor().selectedText(), QStringLiteral("Charles Babbage"));
        QCOMPARE(view.textView()->textCursor().selectionStart(), int(babbage) + 23);
        QTRY_COMPARE(paintedTexts(view), QStringList { QStringLiteral("Charles Babbage") });
        QCOMPARE(view.pointerAt(babbage + 25), QStringLiteral("/b"));
        // Lines are grouped into blocks of many lines (the view takes the document over in a few
        // milliseconds), the text and its offsets unchanged.
        QVERIFY(view.textView()->document()->blockCount() < 300);
        QCOMPARE(view.textView()->document()->findBlock(int(babbage)).layout()->lineCount() > 1, true);
        QTest::qWait(50);
        QCOMPARE(shown.count(), 1); // the replaced text never arrived

        // Back to a short text: shown at once.
        view.setDocument(QStringLiteral("short"));
        QVERIFY(!view.isLoading());
        QCOMPARE(view.textView()->toPlainText(), QStringLiteral("short"));
        QCOMPARE(shown.count(), 2);
    }

    // A long document with its lines grouped into blocks still scrolls and copies like lines: the
    // scroll bar's end shows the document's last line, its middle a line near the middle, and text
    // copied across grouped lines has plain newlines.
    void longDocument_groupedLines_scrollToTheEndAndCopyWithNewlines()
    {
        QString doc;
        for (int i = 0; doc.size() < 4 * SourceView::BackgroundChars; ++i)
            doc += QStringLiteral("Line %1 says nothing of note.\n").arg(i, 6, 10, QLatin1Char('0'));
        doc += QStringLiteral("The last line.");
        SourceView view;
        QVERIFY(showDocument(view, doc));
        QPlainTextEdit *text = view.textView();
        QVERIFY(text->document()->blockCount() < 1000); // grouped: about 20,000 lines

        const auto firstLineInSight = [text] {
            const int at = text->cursorForPosition(QPoint(2, 2)).position();
            return text->toPlainText().mid(at, 11); // "Line 012345"
        };
        QScrollBar *bar = text->verticalScrollBar();
        bar->setValue(bar->maximum());
        const int bottom = text->cursorForPosition(QPoint(2, text->viewport()->height() - 4)).position();
        QVERIFY2(bottom >= doc.size() - 14, qPrintable(QString::number(doc.size() - bottom)));
        const int lines = int(doc.count(u'\n'));
        const auto middleLineNearTheMiddle = [&] {
            bar->setValue(bar->maximum() / 2);
            const int middleLine = firstLineInSight().mid(5).toInt();
            return middleLine > lines * 45 / 100 && middleLine < lines * 55 / 100;
        };
        QVERIFY(middleLineNearTheMiddle());
        // A new width lays the blocks out again: still so.
        const int width = text->viewport()->width();
        view.resize(400, 400);
        QTRY_VERIFY(text->viewport()->width() < width);
        QVERIFY(middleLineNearTheMiddle());

        QTextCursor cursor = text->textCursor();
        cursor.setPosition(int(doc.indexOf(QStringLiteral("Line 000010"))));
        cursor.setPosition(int(doc.indexOf(QStringLiteral("Line 000013"))), QTextCursor::KeepAnchor);
        text->setTextCursor(cursor);
        text->copy();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("Line 000010 says nothing of note.\n"
                                "Line 000011 says nothing of note.\n"
                                "Line 000012 says nothing of note.\n"));
    }

    void absentValue_listedAndFlaggedNotHighlighted()
    {
        const QString doc = letter();
        SourceView view;
        view.setDocument(doc);
        Grounder grounder(doc);
        view.setGrounding(grounder.ground(Json { { "name", "Ada Lovelace" }, { "email", "ada@example.org" } }));
        QCOMPARE(spanCount(view), 1);
        QVERIFY(!view.fieldColor(QStringLiteral("/email")).isValid());
        QCOMPARE(view.ungroundedList()->count(), 1);
        QVERIFY(view.ungroundedList()->item(0)->text().contains(QStringLiteral("not found in the source")));
        QVERIFY(!view.ungroundedList()->item(0)->icon().isNull());
        QVERIFY2(view.summaryLabel()->text().contains(QStringLiteral("1 of 2")),
                 qPrintable(view.summaryLabel()->text()));
        // Clicking the entry says which value it is.
        QSignalSpy clicked(&view, &SourceView::pointerClicked);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect rect = view.ungroundedList()->visualItemRect(view.ungroundedList()->item(0));
        QTest::mouseClick(view.ungroundedList()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("/email"));
    }

    void selectPointer_selectsTheSpanTextAfterNonAscii()
    {
        const QString doc = letter();
        SourceView view;
        view.setDocument(doc);
        Grounder grounder(doc);
        view.setGrounding(grounder.ground(Json { { "name", "ADA LOVELACE" }, { "age", 36 } }));
        QVERIFY(view.selectPointer(QStringLiteral("/name")));
        QCOMPARE(view.textView()->textCursor().selectedText(), QStringLiteral("Ada Lovelace"));
        QVERIFY(view.selectPointer(QStringLiteral("/age")));
        QCOMPARE(view.textView()->textCursor().selectedText(), QStringLiteral("36"));
        QVERIFY(!view.selectPointer(QStringLiteral("/missing")));
        QCOMPARE(view.pointerAt(doc.indexOf(QStringLiteral("Lovelace"))), QStringLiteral("/name"));
        QCOMPARE(view.pointerAt(doc.indexOf(QStringLiteral("wrote"))), QString());
    }

    void clickOnHighlightedSpan_emitsItsPointer()
    {
        const QString doc = letter();
        SourceView view;
        view.resize(500, 300);
        view.setDocument(doc);
        Grounder grounder(doc);
        view.setGrounding(grounder.ground(Json { { "name", "Ada Lovelace" }, { "year", 1843 } }));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy clicked(&view, &SourceView::pointerClicked);
        clickAt(view.textView(), int(doc.indexOf(QStringLiteral("1843"))) + 1);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("/year"));
        clickAt(view.textView(), int(doc.indexOf(QStringLiteral("wrote"))) + 1);
        QCOMPARE(clicked.count(), 1); // plain text: nothing
    }

    void darkPalette_coloursFollowThePalette()
    {
        const QString doc = letter();
        SourceView view;
        view.setDocument(doc);
        Grounder grounder(doc);
        view.setGrounding(grounder.ground(Json { { "name", "Ada Lovelace" } }));
        const QColor light = view.fieldColor(QStringLiteral("/name"));
        QPalette dark = view.palette();
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        view.setPalette(dark);
        const QColor tinted = view.fieldColor(QStringLiteral("/name"));
        QVERIFY(tinted != light);
        QVERIFY2(tinted.lightness() < 140, qPrintable(tinted.name())); // a dark tint on a dark base
    }

    // Many spans (an ambiguous value marked on every line of a long document) are placed on a
    // worker; then the spans in sight are painted, a click on one still names its value, and a
    // jump to a far value paints that one.
    void manySpans_placedInTheBackground_paintedInSightAndClickSelects()
    {
        QString doc;
        for (int i = 0; doc.size() < SourceView::BackgroundChars + 1000; ++i)
            doc += QStringLiteral("Line %1 names Ada Lovelace.\n").arg(i);
        doc += QStringLiteral("The end was written by Charles Babbage.\n");
        SourceView view;
        QVERIFY(showDocument(view, doc));

        GroundingOptions options;
        options.maxSpans = 100000; // every line's "Ada Lovelace"
        const Grounding grounding
            = Grounder(doc, options).ground(Json::parse("{\"a\": \"Ada Lovelace\", \"b\": \"Charles Babbage\"}"));
        QVERIFY(grounding.find("/a")->spans.size() >= SourceView::BackgroundSpans);
        QSignalSpy highlighted(&view, &SourceView::highlightsShown);
        view.setGrounding(grounding);
        QVERIFY(view.isPlacingHighlights());
        QVERIFY(paintedTexts(view).isEmpty());
        QCOMPARE(view.pointerAt(doc.indexOf(QStringLiteral("Lovelace"))), QString());
        QTRY_COMPARE_WITH_TIMEOUT(highlighted.count(), 1, 20000);
        QVERIFY(!view.isPlacingHighlights());

        const auto pieces = view.textView()->piecesIn(view.textView()->viewport()->rect());
        QVERIFY(!pieces.isEmpty());
        QVERIFY(pieces.size() < 100); // the lines in sight, not all of them
        const QColor ada = view.fieldColor(QStringLiteral("/a"));
        QVERIFY(ada.isValid());
        QCOMPARE(pieces.first().color, ada);
        QCOMPARE(pieces.first().style, SourceHighlights::Style::Dots); // ambiguous: found on every line
        QVERIFY(pixelsOf(view.textView(), pieces.first().rect, ada) > 20);

        QSignalSpy clicked(&view, &SourceView::pointerClicked);
        clickAt(view.textView(), int(doc.indexOf(QStringLiteral("Lovelace"))) + 1);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("/a"));

        QVERIFY(view.selectPointer(QStringLiteral("/b")));
        QTRY_VERIFY(paintedTexts(view).contains(QStringLiteral("Charles Babbage")));
        QCOMPARE(view.pointerAt(doc.indexOf(QStringLiteral("Babbage")) + 1), QStringLiteral("/b"));
        // (A press inside the selection may start a drag: the click is taken on plain text.)
        QTextCursor cursor = view.textView()->textCursor();
        cursor.clearSelection();
        view.textView()->setTextCursor(cursor);
        clickAt(view.textView(), int(doc.indexOf(QStringLiteral("Babbage"))) + 1);
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(1).at(0).toString(), QStringLiteral("/b"));

        // A new grounding while spans are placed: the older never shows.
        view.setGrounding(grounding);
        view.setGrounding(Grounding());
        QVERIFY(!view.isPlacingHighlights());
        QTest::qWait(100);
        QVERIFY(paintedTexts(view).isEmpty());
        QCOMPARE(highlighted.count(), 2); // the empty grounding's, at once
    }

    // The real window: run against FakeOllama, then the result tree and the Source tab select each other.
    void window_runGroundsTheResultAndSelectionsFollow()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.setTagsJson(Formwork::Test::readTestData(QStringLiteral("llm/tags-new.json")));
        fake.enqueueChat(FakeReply::text(
            { QStringLiteral("{\"name\": \"Ada Lovelace\", \"age\": 36, \"email\": \"ada@example.org\"}") }));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ServerSettings settings;
        settings.host = fake.baseUrl();
        settings.api = BackendApi::Ollama;
        settings.model = QStringLiteral("llama3.2:latest");
        window.modelPicker()->setServerSettings(settings);
        QTRY_COMPARE(window.modelPicker()->catalog()->state(), ModelCatalog::State::Ready);
        window.schemaEditor()->setText(QString::fromUtf8(PersonSchema));
        PromptSettings prompt;
        prompt.userPrompt = letter();
        window.promptPane()->setSettings(prompt);

        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("sourceDock"));
        QVERIFY(dock);
        QVERIFY(
            window.tabifiedDockWidgets(dock).contains(window.findChild<QDockWidget *>(QStringLiteral("promptDock"))));
        SourcePane *source = window.sourcePane();
        QSignalSpy shown(source, &SourcePane::groundingShown);
        QVERIFY(window.startRun());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);

        SourceView *view = source->view();
        QCOMPARE(view->document(), letter());
        QCOMPARE(view->grounding().size(), qsizetype(3));
        QCOMPARE(view->grounding().find("/email")->kind, MatchKind::Absent);
        QCOMPARE(spanCount(*view), 2);

        // The invented e-mail is flagged in the result tree; the found name is not.
        ResultTreeModel *model = window.resultPane()->model();
        const QModelIndex email = model->indexForPointer(QStringLiteral("/email"));
        QVERIFY(model->data(email, ResultTreeModel::NotInSourceRole).toBool());
        QVERIFY(
            !model->data(model->indexForPointer(QStringLiteral("/name")), ResultTreeModel::NotInSourceRole).toBool());
        const QModelIndex emailValue = email.siblingAtColumn(ResultTreeModel::ValueColumn);
        QVERIFY(model->data(emailValue, Qt::ToolTipRole).toString().contains(QStringLiteral("Not found")));
        QVERIFY(!model->data(emailValue, Qt::DecorationRole).value<QIcon>().isNull());

        // Result tree -> source text.
        QVERIFY(window.resultPane()->selectPointer(QStringLiteral("/name")));
        QCOMPARE(view->textView()->textCursor().selectedText(), QStringLiteral("Ada Lovelace"));
        // Source text -> result tree.
        dock->raise();
        QTRY_VERIFY(view->textView()->isVisible());
        clickAt(view->textView(), int(letter().indexOf(QStringLiteral("36"))) + 1);
        QCOMPARE(window.resultPane()->selectedPointer(), QStringLiteral("/age"));

        // A new run empties the pane until its grounding is ready.
        window.runSession()->clear();
        QVERIFY(view->grounding().isEmpty());
        QVERIFY(view->document().isEmpty());
    }
};

QTEST_MAIN(TestSourceView)
#include "tst_sourceview.moc"
