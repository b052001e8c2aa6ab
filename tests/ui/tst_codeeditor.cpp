// SPDX-License-Identifier: GPL-3.0-or-later
// The code editor repaints only the line an edit stays in (editor/blocklocallayout.h): a key in a
// highlighted line of a big schema must not repaint the whole view.
#include "editor/codeeditor.h"

#include <QPlainTextDocumentLayout>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>

using namespace Formwork::Ui;

class TestCodeEditor : public QObject
{
    Q_OBJECT

private:
    static QString sample()
    {
        QString text = QStringLiteral("{\n");
        for (int i = 0; i < 200; ++i)
            text += QStringLiteral("  \"field_%1\": { \"type\": \"string\", \"description\": \"value %1\" },\n").arg(i);
        return text + QStringLiteral("  \"last\": true\n}\n");
    }

    struct Shown {
        CodeEditor editor;
        QPlainTextDocumentLayout *layout = nullptr;
    };

    // Shown, so that Qt has laid out the visible lines as it does on screen.
    static void show(Shown &shown)
    {
        shown.editor.resize(800, 600);
        shown.editor.setPlainText(sample());
        shown.editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shown.editor));
        shown.layout = qobject_cast<QPlainTextDocumentLayout *>(shown.editor.document()->documentLayout());
        QVERIFY(shown.layout);
    }

    static QTextCursor cursorAt(CodeEditor &editor, int blockNumber, const QString &after)
    {
        const QTextBlock block = editor.document()->findBlockByNumber(blockNumber);
        QTextCursor cursor(block);
        cursor.setPosition(block.position() + int(block.text().indexOf(after)) + int(after.size()));
        return cursor;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void keyInsideAHighlightedLine_updatesOnlyThatLine()
    {
        Shown shown;
        show(shown);
        QSignalSpy whole(shown.layout, &QAbstractTextDocumentLayout::update);
        QSignalSpy blocks(shown.layout, &QPlainTextDocumentLayout::updateBlock);
        shown.editor.setTextCursor(cursorAt(shown.editor, 3, QStringLiteral("\"value ")));
        QTest::keyClicks(&shown.editor, QStringLiteral("xy"));
        QCOMPARE(whole.count(), 0);
        QVERIFY(blocks.count() >= 2);
        for (const auto &signal : std::as_const(blocks))
            QCOMPARE(signal.first().value<QTextBlock>().blockNumber(), 3);
        QVERIFY(shown.editor.document()->findBlockByNumber(3).text().contains(QStringLiteral("\"value xy2\"")));
    }

    void keyThatEndsAString_stillUpdatesOnlyThatLine()
    {
        // A quote changes the highlighting of the rest of the line (string becomes key and so on).
        Shown shown;
        show(shown);
        QSignalSpy whole(shown.layout, &QAbstractTextDocumentLayout::update);
        shown.editor.setTextCursor(cursorAt(shown.editor, 5, QStringLiteral("\"value ")));
        QTest::keyClick(&shown.editor, '"');
        QCOMPARE(whole.count(), 0);
        QCOMPARE(shown.editor.document()->blockCount(), 204);
    }

    void newLine_updatesTheWholeView()
    {
        Shown shown;
        show(shown);
        QSignalSpy whole(shown.layout, &QAbstractTextDocumentLayout::update);
        shown.editor.setTextCursor(cursorAt(shown.editor, 3, QStringLiteral("\"type\": ")));
        QTest::keyClick(&shown.editor, Qt::Key_Return);
        QVERIFY(whole.count() >= 1); // every line below moved
        QCOMPARE(shown.editor.document()->blockCount(), 205);
    }

    void replacingTextOverTwoLines_updatesTheWholeView()
    {
        Shown shown;
        show(shown);
        QSignalSpy whole(shown.layout, &QAbstractTextDocumentLayout::update);
        // Same block count after the edit (one break out, one in), but the text spans two lines.
        QTextCursor cursor = cursorAt(shown.editor, 3, QStringLiteral("\"value "));
        const QTextBlock below = shown.editor.document()->findBlockByNumber(4);
        cursor.setPosition(below.position() + 4, QTextCursor::KeepAnchor);
        cursor.insertText(QStringLiteral("A\"},\n  \"B"));
        QVERIFY(whole.count() >= 1);
        QCOMPARE(shown.editor.document()->blockCount(), 204);
        QCOMPARE(shown.editor.document()->findBlockByNumber(4).text().left(5), QStringLiteral("  \"Bi"));
    }

    void deletingALineBreak_updatesTheWholeView()
    {
        Shown shown;
        show(shown);
        QSignalSpy whole(shown.layout, &QAbstractTextDocumentLayout::update);
        QTextCursor cursor(shown.editor.document()->findBlockByNumber(4));
        shown.editor.setTextCursor(cursor);
        QTest::keyClick(&shown.editor, Qt::Key_Backspace);
        QVERIFY(whole.count() >= 1);
        QCOMPARE(shown.editor.document()->blockCount(), 203);
    }
};

QTEST_MAIN(TestCodeEditor)
#include "tst_codeeditor.moc"
