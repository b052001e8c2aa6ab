// SPDX-License-Identifier: GPL-3.0-or-later
// Edits in the field tree change only the part of the schema text they are about: the rest keeps
// its bytes (any indentation, objects on one line, unknown keywords, order), the change is one
// undo step, and the document reports only that part as changed.
#include "editor/codeeditor.h"
#include "schemaeditor/schemaeditorpane.h"
#include "schemaeditor/schemafieldeditor.h"
#include "schemaeditor/schemafieldmodel.h"
#include "schemaeditor/schemalint.h"
#include "schemaeditor/schematextpatch.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextDocument>

#include <nlohmann/json.hpp>

#include <functional>
#include <string_view>

using namespace Formwork::Ui;
using Json = nlohmann::ordered_json;

namespace {

// JSON written with single quotes, so the tests need no escapes.
QString q(const char *singleQuoted)
{
    return QString::fromUtf8(singleQuoted).replace(QLatin1Char('\''), QLatin1Char('"'));
}

using Edit = std::function<bool(SchemaFieldModel *)>;

QModelIndex at(SchemaFieldModel *model, const char *pointer)
{
    return model->indexForPointer(QString::fromLatin1(pointer));
}

// What the document said changed while an edit ran.
struct Reported {
    int changes = 0;
    qsizetype removed = 0;
    qsizetype added = 0;
};

const char *const FourSpaces = "{\n"
                               "    'type': 'object',\n"
                               "    'x-unknown': {'kept': [1, 2]},\n"
                               "    'properties': {\n"
                               "        'a': {\n"
                               "            'type': 'string'\n"
                               "        },\n"
                               "        'b': { 'type': 'integer', 'x-note': 1 }\n"
                               "    },\n"
                               "    'required': ['a']\n"
                               "}\n";

const char *const OneLine = "{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'integer','x-note':1}},"
                            "'required':['a'],'x-unknown':true}";

const char *const Tabs = "{\n"
                         "\t'type': 'object',\n"
                         "\t'properties': {\n"
                         "\t\t'a': {\n"
                         "\t\t\t'type': 'object',\n"
                         "\t\t\t'properties': {}\n"
                         "\t\t}\n"
                         "\t}\n"
                         "}";

} // namespace

class TestSchemaTextPatch final : public QObject
{
    Q_OBJECT

private:
    // Loads `text`, runs `edit` through the model as the tree does, and checks that the text is
    // `expected` (byte for byte), that it was one undo step and one that restores `text` exactly.
    void checkEdit(const QString &text, const Edit &edit, const QString &expected)
    {
        SchemaEditorPane pane;
        pane.setText(text);
        QTextDocument *document = pane.editor()->document();
        QVERIFY(!document->isUndoAvailable());
        Reported reported;
        connect(document, &QTextDocument::contentsChange, this, [&reported](int, int removed, int added) {
            ++reported.changes;
            reported.removed += removed;
            reported.added += added;
        });
        QVERIFY(edit(pane.fieldEditor()->model()));
        QCOMPARE(pane.text(), expected);
        document->undo();
        QCOMPARE(pane.text(), text);
        QVERIFY(!document->isUndoAvailable()); // one step: the whole edit

        QVERIFY(reported.changes >= 1);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void edits_changeOnlyTheirPart_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("edit");
        QTest::addColumn<QString>("expected");
        const QString four = q(FourSpaces);
        QTest::newRow("4 spaces: add after a")
            << four << 0
            << QString(four).replace(q("        },\n"),
                                     q("        },\n        'field': {\n"
                                       "            'type': 'string'\n        },\n"));
        QTest::newRow("4 spaces: rename b") << four << 1 << QString(four).replace(q("'b':"), q("'c':"));
        QTest::newRow("4 spaces: require b") << four << 2 << QString(four).replace(q("['a']"), q("['a', 'b']"));
        QTest::newRow("4 spaces: remove a")
            << four << 3
            << QString(four)
                   .replace(q("        'a': {\n            'type': 'string'\n        },\n"), QString())
                   .replace(q(",\n    'required': ['a']"), QString());
        QTest::newRow("4 spaces: type of b") << four << 4 << QString(four).replace(q("'integer'"), q("'number'"));
        QTest::newRow("4 spaces: move b up")
            << four << 5
            << q("{\n    'type': 'object',\n    'x-unknown': {'kept': [1, 2]},\n    'properties': {\n"
                 "        'b': { 'type': 'integer', 'x-note': 1 },\n"
                 "        'a': {\n            'type': 'string'\n        }\n    },\n    'required': ['a']\n}\n");
        const QString line = q(OneLine);
        QTest::newRow("one line: add after a")
            << line << 0 << QString(line).replace(q("'string'},"), q("'string'},'field':{'type':'string'},"));
        QTest::newRow("one line: rename b") << line << 1 << QString(line).replace(q("'b':"), q("'c':"));
        QTest::newRow("one line: require b") << line << 2 << QString(line).replace(q("['a']"), q("['a','b']"));
        QTest::newRow("one line: remove a") << line << 3
                                            << q("{'type':'object','properties':{'b':{'type':'integer','x-note':1}},"
                                                 "'x-unknown':true}");
        const QString tabs = q(Tabs);
        QTest::newRow("tabs: first child in an empty object")
            << tabs << 6
            << QString(tabs).replace(
                   q("'properties': {}"),
                   q("'properties': {\n\t\t\t\t'child': {\n\t\t\t\t\t'type': 'string'\n\t\t\t\t}\n\t\t\t}"));
    }

    void edits_changeOnlyTheirPart()
    {
        QFETCH(QString, text);
        QFETCH(int, edit);
        QFETCH(QString, expected);
        const Edit edits[] = {
            [](SchemaFieldModel *m) { return !m->addField({}, at(m, "/properties/a")).isEmpty(); },
            [](SchemaFieldModel *m) { return !m->renameField(at(m, "/properties/b"), QStringLiteral("c")).isEmpty(); },
            [](SchemaFieldModel *m) { return m->setRequired(at(m, "/properties/b"), true); },
            [](SchemaFieldModel *m) { return m->removeField(at(m, "/properties/a")); },
            [](SchemaFieldModel *m) { return m->setType(at(m, "/properties/b"), QStringLiteral("number")); },
            [](SchemaFieldModel *m) { return m->moveField(at(m, "/properties/b"), -1); },
            [](SchemaFieldModel *m) {
                return !m->addField(at(m, "/properties/a"), {}, QStringLiteral("child")).isEmpty();
            },
        };
        checkEdit(text, edits[edit], expected);
    }

    // The old way wrote out the whole document and replaced everything that differed from it: a
    // schema not in the tree's own layout was rewritten from its first line to its last.
    void bigSchemaEdit_documentReportsOnlyTheEditedLines()
    {
        QString text = q("{\n   'type': 'object',\n   'properties': {\n");
        for (int i = 0; i < 2000; ++i) {
            text += q("      'f%1': {'type': 'string', 'description': 'field %1'}").arg(i);
            text += i < 1999 ? QStringLiteral(",\n") : QStringLiteral("\n");
        }
        text += q("   },\n   'required': ['f0']\n}\n");
        SchemaEditorPane pane;
        pane.setText(text);
        SchemaFieldModel *model = pane.fieldEditor()->model();
        QTextDocument *document = pane.editor()->document();
        Reported reported;
        connect(document, &QTextDocument::contentsChange, this, [&reported](int, int removed, int added) {
            ++reported.changes;
            reported.removed += removed;
            reported.added += added;
        });
        QVERIFY(!model->addField({}, at(model, "/properties/f1000"), QStringLiteral("new")).isEmpty());
        // The highlighter reports the lines it re-colours too: a few lines, not the 130,000
        // characters of the whole text.
        QVERIFY2(
            reported.removed + reported.added < 400,
            qPrintable(
                QStringLiteral("%1 characters reported removed, %2 added").arg(reported.removed).arg(reported.added)));
        const QString expected
            = QString(text).replace(q("'field 1000'},\n"), q("'field 1000'},\n      'new': {'type': 'string'},\n"));
        QCOMPARE(pane.text(), expected);
        // The tree shows it at once, and the lint of the new text agrees with the tree.
        QVERIFY(model->indexForPointer(QStringLiteral("/properties/new")).isValid());
        pane.checkNow();
        QCOMPARE(model->rowCount(), 2001);
        QCOMPARE(model->index(1001, 0).data().toString(), QStringLiteral("new"));

        reported = {};
        QVERIFY(!model->renameField(at(model, "/properties/f0"), QStringLiteral("first")).isEmpty());
        QVERIFY2(
            reported.removed + reported.added < 400,
            qPrintable(
                QStringLiteral("%1 characters reported removed, %2 added").arg(reported.removed).arg(reported.added)));
        QVERIFY(pane.text().contains(q("'first': {'type'")));
        QVERIFY(pane.text().contains(q("'required': ['first']")));
        document->undo();
        QCOMPARE(pane.text(), expected);
        document->undo();
        QCOMPARE(pane.text(), text);
        QVERIFY(!document->isUndoAvailable());
    }

    // Two edits before the text has been linted again: the second still lands where it should.
    void twoEditsInARow_bothInTheText()
    {
        const QString text = q(FourSpaces);
        SchemaEditorPane pane;
        pane.setText(text);
        SchemaFieldModel *model = pane.fieldEditor()->model();
        const QString added = model->addField({}, {}, QStringLiteral("x"));
        QCOMPARE(added, QStringLiteral("/properties/x"));
        QVERIFY(!model->renameField(model->indexForPointer(added), QStringLiteral("y")).isEmpty());
        QVERIFY(model->setRequired(model->indexForPointer(QStringLiteral("/properties/y")), true));
        const Json doc = Json::parse(pane.text().toStdString());
        QCOMPARE(QString::fromStdString(doc["properties"]["y"].dump()), q("{'type':'string'}"));
        QCOMPARE(QString::fromStdString(doc["required"].dump()), q("['a','y']"));
        QVERIFY(pane.text().startsWith(q("{\n    'type': 'object',\n    'x-unknown': {'kept': [1, 2]},\n")));
    }

    // Edits that follow each other faster than the lint (on a big schema it takes seconds) are
    // patched from the text the last lint mapped; no lint runs on the GUI thread in between, each
    // lands in the text as it would alone, and each is one undo step.
    void quickEdits_noLintBetween_eachLandsAsOneUndoStep()
    {
        const QString text = q(FourSpaces);
        SchemaEditorPane pane;
        pane.setText(text);
        SchemaFieldModel *model = pane.fieldEditor()->model();
        QTextDocument *document = pane.editor()->document();
        QSignalSpy linted(&pane, &SchemaEditorPane::linted);

        QCOMPARE(model->addField({}, at(model, "/properties/a"), QStringLiteral("x")), QStringLiteral("/properties/x"));
        const QString first = QString(text).replace(
            q("        },\n"), q("        },\n        'x': {\n            'type': 'string'\n        },\n"));
        QCOMPARE(pane.text(), first);
        QVERIFY(!model->renameField(at(model, "/properties/x"), QStringLiteral("y")).isEmpty());
        const QString second = QString(first).replace(q("'x': {"), q("'y': {"));
        QCOMPARE(pane.text(), second);
        QVERIFY(model->setRequired(at(model, "/properties/y"), true));
        const QString third = QString(second).replace(q("'required': ['a']"), q("'required': ['a', 'y']"));
        QCOMPARE(pane.text(), third);
        QVERIFY(model->setType(at(model, "/properties/b"), QStringLiteral("number")));
        const QString fourth = QString(third).replace(q("'b': { 'type': 'integer'"), q("'b': { 'type': 'number'"));
        QCOMPARE(pane.text(), fourth);
        QCOMPARE(linted.count(), 0); // none of them waited for (or ran) a lint

        // One undo step each, in order, back to the text as loaded.
        for (const QString &expected : { third, second, first, text }) {
            document->undo();
            QCOMPARE(pane.text(), expected);
        }
        QVERIFY(!document->isUndoAvailable());
        for (int i = 0; i < 4; ++i)
            document->redo();
        QCOMPARE(pane.text(), fourth);
        // The lint of the text agrees with the tree.
        QTRY_VERIFY_WITH_TIMEOUT(linted.count() >= 1 && pane.isLintCurrent(), 5000);
        QCOMPARE(pane.lintResult().state, SchemaLintResult::State::Valid);
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("y"));
        QCOMPARE(model->index(1, SchemaFieldModel::RequiredColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }

    // The step from one patch of a base text to a later one, in the positions of the text between.
    void composeTextPatches_appliesOnlyTheDifference()
    {
        const QByteArray utf8 = QStringLiteral("0123456789\u00e9abcdef").toUtf8();
        SchemaTextMap base;
        base.utf8 = utf8;
        base.positions.emplace(std::string_view(base.utf8.constData(), size_t(base.utf8.size())));
        const auto apply = [](QString text, const QList<SchemaTextReplacement> &replacements) {
            for (auto it = replacements.crbegin(); it != replacements.crend(); ++it)
                text.replace(it->begin, it->end - it->begin, it->text);
            return text;
        };
        const QString original = QString::fromUtf8(utf8);
        const QList<SchemaTextReplacement> applied { { 2, 4, QStringLiteral("XY") }, { 8, 8, QStringLiteral("++") } };
        const QList<SchemaTextReplacement> wanted { { 2, 4, QStringLiteral("XY") },
                                                    { 8, 8, QStringLiteral("++--") },
                                                    { 11, 12, QStringLiteral("Z") } };
        const QString now = apply(original, applied);
        const QList<SchemaTextReplacement> step = composeTextPatches(base, applied, wanted);
        QCOMPARE(apply(now, step), apply(original, wanted));
        // Untouched spans stay out of the step; the grown insertion adds only what is new.
        QCOMPARE(step.size(), 2);
        QCOMPARE(step.at(0).begin, 10);
        QCOMPARE(step.at(0).end, 10);
        QCOMPARE(step.at(0).text, QStringLiteral("--"));
        QCOMPARE(step.at(1).text, QStringLiteral("Z"));
        // Going back to fewer replacements works the same way.
        const QList<SchemaTextReplacement> back = composeTextPatches(base, wanted, applied);
        QCOMPARE(apply(apply(original, wanted), back), now);
        QCOMPARE(composeTextPatches(base, applied, applied).size(), 0);
    }
};

QTEST_MAIN(TestSchemaTextPatch)
#include "tst_schematextpatch.moc"
