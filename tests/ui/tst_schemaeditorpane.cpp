// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"
#include "schemaeditor/schemalint.h"
#include "schemaeditor/schemaeditorpane.h"

#include <QFile>
#include <QLabel>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace Formwork::Ui;

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

    void invalidJson_showsLineAndColumn()
    {
        SchemaEditorPane pane;
        pane.setText(QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {]\n}"));
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::InvalidJson);
        QVERIFY(!pane.isValidJson());
        QVERIFY2(pane.message().startsWith(QStringLiteral("Not valid JSON: line 3, column 18: ")), qPrintable(pane.message()));
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

    void nonAsciiBeforeError_columnCountsCharacters()
    {
        const SchemaLintResult lint = lintSchema(QStringLiteral("[\"äöü\", x]"));
        QCOMPARE(lint.state, SchemaLintResult::State::InvalidJson);
        QCOMPARE(lint.line, 1);
        QCOMPARE(lint.column, 9);
        QCOMPARE(lint.marks.constFirst().position, 8);
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
};

QTEST_MAIN(TestSchemaEditorPane)
#include "tst_schemaeditorpane.moc"
