// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"
#include "schemaeditor/jsonsyntaxcheck.h"
#include "schemaeditor/schemaeditorpane.h"

#include <QFile>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace Formwork::Ui;

class TestSchemaEditorPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void starterSchema_isValidJson()
    {
        SchemaEditorPane pane;
        QVERIFY(pane.isValidJson());
        QVERIFY(pane.editor()->errorMarks().isEmpty());
        QCOMPARE(pane.findChild<QLabel *>(QStringLiteral("schemaMessage"))->text(), QStringLiteral("Valid JSON."));
    }

    void invalidJson_showsLineAndColumn()
    {
        SchemaEditorPane pane;
        pane.setText(QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {]\n}"));
        QVERIFY(!pane.isValidJson());
        QVERIFY2(pane.message().startsWith(QStringLiteral("Not valid JSON: line 3, column ")),
                 qPrintable(pane.message()));
        QCOMPARE(pane.editor()->errorMarks().size(), 1);
        const int position = pane.editor()->errorMarks().constFirst().position;
        QCOMPARE(pane.editor()->document()->findBlock(position).blockNumber(), 2);
    }

    void typing_rechecksAfterPause()
    {
        SchemaEditorPane pane;
        pane.show();
        pane.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(pane.editor(), QStringLiteral("}"));
        QTRY_VERIFY_WITH_TIMEOUT(!pane.isValidJson(), 2000);
        QVERIFY(pane.isModified());
        QVERIFY(pane.message().contains(QStringLiteral("line 12")));
    }

    void nonAsciiBeforeError_columnCountsCharacters()
    {
        const auto problem = checkJsonSyntax(QStringLiteral("[\"äöü\", x]"));
        QVERIFY(problem.has_value());
        QCOMPARE(problem->line, 1);
        QCOMPARE(problem->position, 8);
        QCOMPARE(problem->column, 9);
    }

    void emptyText_isReported()
    {
        const auto problem = checkJsonSyntax(QStringLiteral("  \n"));
        QVERIFY(problem.has_value());
        QCOMPARE(problem->message, QStringLiteral("The schema is empty."));
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
