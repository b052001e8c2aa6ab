// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"
#include "schema/formats.h"
#include "schemaeditor/schemaeditorpane.h"
#include "schemaeditor/schemafieldeditor.h"
#include "schemaeditor/schemafieldmodel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextDocument>
#include <QTreeView>

#include <nlohmann/json.hpp>

#include <functional>

using namespace Formwork::Ui;
using Json = nlohmann::ordered_json;

namespace {

// JSON written with single quotes, so the tests need no escapes.
QString q(const char *singleQuoted)
{
    return QString::fromUtf8(singleQuoted).replace(QLatin1Char('\''), QLatin1Char('"'));
}

Json j(const char *singleQuoted)
{
    return Json::parse(q(singleQuoted).toStdString());
}

Json parseText(const SchemaEditorPane &pane)
{
    return Json::parse(pane.text().toStdString());
}

std::vector<std::string> keysOf(const Json &object)
{
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it)
        keys.push_back(it.key());
    return keys;
}

QString d(const Json &value)
{
    return QString::fromStdString(value.dump());
}

// Pretty-printed the way users write it (and not the way the tree writes it), single-quoted.
const char *const PersonSchemaQuoted
    = "{\n"
      "  '$schema': 'https://json-schema.org/draft/2020-12/schema',\n"
      "  'x-custom': {'keep': [1, 2]},\n"
      "  'type': 'object',\n"
      "  'properties': {\n"
      "    'zeta': { 'type': 'string', 'examples': ['z'], 'x-note': 'mine' },\n"
      "    'age': { 'type': 'integer', 'minimum': 0 },\n"
      "    'address': {\n"
      "      'type': 'object',\n"
      "      'properties': { 'street': { 'type': 'string' }, 'city': { 'type': 'string' } },\n"
      "      'required': ['city']\n"
      "    },\n"
      "    'lines': {\n"
      "      'type': 'array',\n"
      "      'items': { 'type': 'object', 'properties': { 'sku': { 'type': 'string' } } }\n"
      "    },\n"
      "    'best': { '$ref': '#/$defs/item' }\n"
      "  },\n"
      "  'required': ['zeta', 'age'],\n"
      "  'examples': [{'zeta': 'a', 'age': 1}],\n"
      "  '$defs': {\n"
      "    'item': { 'type': 'object', 'properties': { 'price': { 'type': 'number', 'minimum': 0 } } }\n"
      "  }\n"
      "}\n";

} // namespace

class TestSchemaFieldEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void model_showsPropertiesNestedItemsAndDefs()
    {
        SchemaFieldModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(j(PersonSchemaQuoted));
        QCOMPARE(model.rowCount(), 6); // five properties and the $defs group
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("zeta"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("age"));
        QCOMPARE(model.index(5, 0).data().toString(), QStringLiteral("$defs"));
        QCOMPARE(model.index(0, SchemaFieldModel::RequiredColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(model.index(2, SchemaFieldModel::RequiredColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        const QModelIndex address = model.indexForPointer(QStringLiteral("/properties/address"));
        QCOMPARE(model.rowCount(address), 2);
        QCOMPARE(model.index(1, SchemaFieldModel::RequiredColumn, address).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked)); // city

        const QModelIndex lines = model.indexForPointer(QStringLiteral("/properties/lines"));
        QCOMPARE(lines.siblingAtColumn(SchemaFieldModel::TypeColumn).data().toString(),
                 QStringLiteral("array of object"));
        QCOMPARE(model.rowCount(lines), 1);
        QCOMPARE(model.pointerForIndex(model.index(0, 0, lines)),
                 QStringLiteral("/properties/lines/items/properties/sku"));

        const QModelIndex best = model.indexForPointer(QStringLiteral("/properties/best"));
        QCOMPARE(best.siblingAtColumn(SchemaFieldModel::TypeColumn).data().toString(), QStringLiteral("$ref item"));
        const QModelIndex defs = model.index(5, 0);
        QCOMPARE(model.rowCount(defs), 1);
        QCOMPARE(model.pointerForIndex(model.index(0, 0, model.index(0, 0, defs))),
                 QStringLiteral("/$defs/item/properties/price"));
    }

    void model_editsUnderTester_keepOrderAndUnknownKeywords()
    {
        SchemaFieldModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(j(PersonSchemaQuoted));
        QSignalSpy edited(&model, &SchemaFieldModel::documentEdited);

        const QString added = model.addField({}, model.indexForPointer(QStringLiteral("/properties/zeta")));
        QCOMPARE(added, QStringLiteral("/properties/field"));
        QCOMPARE(keysOf(model.document()["properties"]),
                 (std::vector<std::string> { "zeta", "field", "age", "address", "lines", "best" }));
        QVERIFY(model.renameField(model.indexForPointer(added), QStringLiteral("age")).isEmpty()); // taken
        const QString renamed = model.renameField(model.indexForPointer(added), QStringLiteral("nick"));
        QCOMPARE(renamed, QStringLiteral("/properties/nick"));
        QVERIFY(model.setRequired(model.indexForPointer(renamed), true));
        QCOMPARE(d(model.document()["required"]), d(j("['zeta','age','nick']")));
        QVERIFY(model.renameField(model.indexForPointer(renamed), QStringLiteral("alias")).size() > 0);
        QCOMPARE(d(model.document()["required"]), d(j("['zeta','age','alias']")));
        QVERIFY(model.moveField(model.indexForPointer(QStringLiteral("/properties/alias")), 2));
        QCOMPARE(keysOf(model.document()["properties"]),
                 (std::vector<std::string> { "zeta", "age", "address", "alias", "lines", "best" }));
        QVERIFY(
            model.setData(model.indexForPointer(QStringLiteral("/properties/age"), SchemaFieldModel::DescriptionColumn),
                          QStringLiteral("Years")));
        QCOMPARE(d(model.document()["properties"]["age"]),
                 d(j("{'type':'integer','minimum':0,'description':'Years'}")));
        QVERIFY(model.setType(model.indexForPointer(QStringLiteral("/properties/zeta")), QStringLiteral("object")));
        QVERIFY(!model.addField(model.indexForPointer(QStringLiteral("/properties/zeta"))).isEmpty());
        QVERIFY(model.removeField(model.indexForPointer(QStringLiteral("/properties/alias"))));
        QCOMPARE(d(model.document()["required"]), d(j("['zeta','age']")));

        // Everything the tree does not show is still there, where it was.
        const Json &doc = model.document();
        QCOMPARE(keysOf(doc),
                 (std::vector<std::string> { "$schema", "x-custom", "type", "properties", "required", "examples",
                                             "$defs" }));
        QCOMPARE(d(doc["x-custom"]), d(j("{'keep':[1,2]}")));
        QCOMPARE(d(doc["properties"]["zeta"]["examples"]), d(j("['z']")));
        QCOMPARE(d(doc["properties"]["zeta"]["x-note"]), QStringLiteral("\"mine\""));
        QCOMPARE(edited.count(), 9);
    }

    void model_sameShapeFromText_keepsRowsAndSignalsDataChanged()
    {
        SchemaFieldModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(j(PersonSchemaQuoted));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QPersistentModelIndex age = model.indexForPointer(QStringLiteral("/properties/age"));
        Json doc = j(PersonSchemaQuoted);
        doc["properties"]["age"]["description"] = "Years";
        model.setDocument(doc);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QVERIFY(age.isValid());
        QCOMPARE(QModelIndex(age).siblingAtColumn(SchemaFieldModel::DescriptionColumn).data().toString(),
                 QStringLiteral("Years"));
        // A new field is inserted as a row; the rows around it stay what they were.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const QPersistentModelIndex city = model.indexForPointer(QStringLiteral("/properties/address/properties/city"));
        doc["properties"]["extra"] = j("{'type':'boolean'}");
        model.setDocument(doc);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.index(5, 0).data().toString(), QStringLiteral("extra"));
        QVERIFY(age.isValid() && city.isValid());
        QCOMPARE(model.pointerForIndex(city), QStringLiteral("/properties/address/properties/city"));
    }

    // Edits through the model change only their rows: no reset, the indexes of other rows (and a
    // view's selection and expansion of them) stay valid, and rows show the document after each.
    void model_editsUpdateOnlyTheirRows()
    {
        SchemaFieldModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(j(PersonSchemaQuoted));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        const QPersistentModelIndex city = model.indexForPointer(QStringLiteral("/properties/address/properties/city"));
        const QPersistentModelIndex price = model.indexForPointer(QStringLiteral("/$defs/item/properties/price"));

        const QString added = model.addField(
            model.indexForPointer(QStringLiteral("/properties/address")),
            model.indexForPointer(QStringLiteral("/properties/address/properties/street")), QStringLiteral("zip"));
        QCOMPARE(added, QStringLiteral("/properties/address/properties/zip"));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(city.row(), 2); // moved down by the new row, still the same field
        QVERIFY(model.setRequired(model.indexForPointer(added), true));
        QCOMPARE(model.indexForPointer(added, SchemaFieldModel::RequiredColumn).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QVERIFY(!model.renameField(model.indexForPointer(added), QStringLiteral("postcode")).isEmpty());
        QCOMPARE(model.index(1, 0, model.indexForPointer(QStringLiteral("/properties/address"))).data().toString(),
                 QStringLiteral("postcode"));
        QVERIFY(model.setType(model.indexForPointer(QStringLiteral("/properties/zeta")), QStringLiteral("object")));
        QVERIFY(!model.addField(model.indexForPointer(QStringLiteral("/properties/zeta"))).isEmpty());
        QCOMPARE(model.rowCount(model.indexForPointer(QStringLiteral("/properties/zeta"))), 1);
        QVERIFY(model.moveField(model.indexForPointer(QStringLiteral("/properties/best")), -3));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("best"));
        QVERIFY(model.removeField(model.indexForPointer(QStringLiteral("/properties/address/properties/street"))));
        QCOMPARE(reset.count(), 0);
        QVERIFY(removed.count() >= 2);
        QVERIFY(city.isValid() && price.isValid());
        QCOMPARE(model.pointerForIndex(city), QStringLiteral("/properties/address/properties/city"));
        QCOMPARE(model.pointerForIndex(price), QStringLiteral("/$defs/item/properties/price"));

        // The rows are those a tree built from the document has.
        SchemaFieldModel fresh;
        fresh.setDocument(model.document());
        const std::function<void(const QModelIndex &, const QModelIndex &)> same
            = [&](const QModelIndex &a, const QModelIndex &b) {
                  QCOMPARE(model.rowCount(a), fresh.rowCount(b));
                  for (int row = 0; row < model.rowCount(a); ++row) {
                      for (int column = 0; column < SchemaFieldModel::ColumnCount; ++column) {
                          QCOMPARE(model.index(row, column, a).data(), fresh.index(row, column, b).data());
                          QCOMPARE(model.index(row, column, a).data(Qt::CheckStateRole),
                                   fresh.index(row, column, b).data(Qt::CheckStateRole));
                      }
                      same(model.index(row, 0, a), fresh.index(row, 0, b));
                  }
              };
        same({}, {});
    }

    void addFieldInTree_rewritesTextAsOneUndoStep()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        // An earlier edit of the user's own, which one Ctrl+Z must not take away.
        pane.editor()->moveCursor(QTextCursor::End);
        pane.editor()->insertPlainText(QStringLiteral("\n"));
        const QString before = pane.text();
        QTextDocument *document = pane.editor()->document();
        SchemaFieldEditor *fields = pane.findChild<SchemaFieldEditor *>(QStringLiteral("schemaFieldEditor"));
        QVERIFY(fields);
        QVERIFY(pane.findChild<QTreeView *>(QStringLiteral("schemaFieldTree")));
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/age")));

        QCOMPARE(fields->addField(), QStringLiteral("/properties/field"));
        const Json after = parseText(pane);
        QCOMPARE(keysOf(after["properties"]),
                 (std::vector<std::string> { "zeta", "age", "field", "address", "lines", "best" }));
        QCOMPARE(d(after["x-custom"]), d(j("{'keep':[1,2]}")));
        // Only the new member is written: the rest keeps the user's layout, one-line objects included.
        QCOMPARE(pane.text(),
                 QString(before).replace(q("    'age': { 'type': 'integer', 'minimum': 0 },\n"),
                                         q("    'age': { 'type': 'integer', 'minimum': 0 },\n"
                                           "    'field': { 'type': 'string' },\n")));
        QCOMPARE(fields->currentPointer(), QStringLiteral("/properties/field"));

        // Ctrl+Z in the text undoes the whole tree edit, and the tree follows the text.
        pane.editor()->setFocus();
        QTest::keyClick(pane.editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(pane.text(), before);
        pane.checkNow();
        QVERIFY(!fields->model()->indexForPointer(QStringLiteral("/properties/field")).isValid());
        QCOMPARE(fields->model()->rowCount(), 6);
        document->redo();
        pane.checkNow();
        QVERIFY(fields->model()->indexForPointer(QStringLiteral("/properties/field")).isValid());
    }

    void textEdit_updatesTreeAfterLint()
    {
        SchemaEditorPane pane;
        pane.setText(q("{'type':'object','properties':{'a':{'type':'string'}}}"));
        SchemaFieldModel *model = pane.fieldEditor()->model();
        QCOMPARE(model->rowCount(), 1);
        QSignalSpy linted(&pane, &SchemaEditorPane::linted);
        QTextCursor cursor(pane.editor()->document());
        cursor.setPosition(pane.text().indexOf(QStringLiteral("}}}")) + 1);
        cursor.insertText(q(",'b':{'type':'integer','description':'Bee'}"));
        QTRY_COMPARE_WITH_TIMEOUT(linted.count(), 1, 5000);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(1, SchemaFieldModel::DescriptionColumn).data().toString(), QStringLiteral("Bee"));
    }

    void treeEditAfterUnlintedTyping_keepsTheTyping()
    {
        SchemaEditorPane pane;
        pane.setText(q("{'type':'object','properties':{'a':{'type':'string'}}}"));
        QTextCursor cursor(pane.editor()->document());
        cursor.setPosition(pane.text().indexOf(QStringLiteral("}}}")) + 1);
        cursor.insertText(q(",'typed':{'type':'integer'}"));
        // No lint has run yet; the tree edit must not throw the typing away.
        QVERIFY(pane.fieldEditor()->selectPointer(QStringLiteral("/properties/a")));
        QVERIFY(!pane.fieldEditor()->addField().isEmpty());
        const Json doc = parseText(pane);
        QCOMPARE(keysOf(doc["properties"]), (std::vector<std::string> { "a", "field", "typed" }));
    }

    void inlineRenameAfterUnlintedTyping_keepsTheTyping()
    {
        SchemaEditorPane pane;
        pane.setText(q("{'type':'object','properties':{'a':{'type':'string'}}}"));
        QTextCursor cursor(pane.editor()->document());
        cursor.setPosition(pane.text().indexOf(QStringLiteral("}}}")) + 1);
        cursor.insertText(q(",'typed':{'type':'integer'}"));
        SchemaFieldModel *model = pane.fieldEditor()->model();
        // As a view's inline editor does it: straight to the model.
        QVERIFY(model->setData(model->indexForPointer(QStringLiteral("/properties/a")), QStringLiteral("b")));
        QCOMPARE(keysOf(parseText(pane)["properties"]), (std::vector<std::string> { "b", "typed" }));
    }

    void invalidText_greysTreeWithoutEmptyingIt()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        auto *tree = pane.findChild<QTreeView *>(QStringLiteral("schemaFieldTree"));
        QVERIFY(tree->isEnabled());
        pane.setText(pane.text().replace(QStringLiteral("\"age\":"), QStringLiteral("\"age\"")));
        QVERIFY(!pane.isValidJson());
        QVERIFY(!tree->isEnabled());
        QVERIFY(pane.fieldEditor()->isStale());
        QCOMPARE(tree->model()->rowCount(), 6);
        QVERIFY(pane.fieldEditor()->addField().isEmpty()); // refused while the text is broken
        pane.setText(q(PersonSchemaQuoted));
        QVERIFY(tree->isEnabled());
    }

    void nestedObjectsAndArrays_takeChildFields()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        SchemaFieldEditor *fields = pane.fieldEditor();
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/lines")));
        QCOMPARE(fields->addChildField(), QStringLiteral("/properties/lines/items/properties/field"));
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/address/properties/street")));
        QCOMPARE(fields->addField(), QStringLiteral("/properties/address/properties/field"));
        const Json doc = parseText(pane);
        QCOMPARE(keysOf(doc["properties"]["lines"]["items"]["properties"]),
                 (std::vector<std::string> { "sku", "field" }));
        QCOMPARE(keysOf(doc["properties"]["address"]["properties"]),
                 (std::vector<std::string> { "street", "field", "city" }));
        QCOMPARE(d(doc["properties"]["address"]["required"]), d(j("['city']")));

        // A string field turned into an array of objects takes fields inside its items.
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/zeta")));
        QVERIFY(fields->model()->setType(fields->model()->indexForPointer(QStringLiteral("/properties/zeta")),
                                         QStringLiteral("array")));
        QCOMPARE(fields->addChildField(), QStringLiteral("/properties/zeta/items/properties/field"));
        QCOMPARE(d(parseText(pane)["properties"]["zeta"]["items"]),
                 d(j("{'type':'object','properties':{'field':{'type':'string'}}}")));
    }

    void nullable_roundTripsBothSpellings()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        SchemaFieldEditor *fields = pane.fieldEditor();
        auto *nullable = fields->findChild<QCheckBox *>(QStringLiteral("fieldNullable"));
        QVERIFY(nullable);

        QVERIFY(fields->selectPointer(QStringLiteral("/properties/age")));
        QVERIFY(!nullable->isChecked());
        nullable->click();
        QCOMPARE(d(parseText(pane)["properties"]["age"]), d(j("{'type':['integer','null'],'minimum':0}")));
        QVERIFY(nullable->isChecked());
        nullable->click();
        QCOMPARE(d(parseText(pane)["properties"]["age"]), d(j("{'type':'integer','minimum':0}")));

        // A $ref cannot take a type list: it is wrapped in anyOf with null, and unwrapped again.
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/best")));
        nullable->click();
        QCOMPARE(d(parseText(pane)["properties"]["best"]), d(j("{'anyOf':[{'$ref':'#/$defs/item'},{'type':'null'}]}")));
        pane.checkNow();
        const QModelIndex best = fields->model()->indexForPointer(QStringLiteral("/properties/best"));
        QCOMPARE(best.siblingAtColumn(SchemaFieldModel::NullableColumn).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(best.siblingAtColumn(SchemaFieldModel::TypeColumn).data().toString(), QStringLiteral("$ref item"));
        nullable->click();
        QCOMPARE(d(parseText(pane)["properties"]["best"]), d(j("{'$ref':'#/$defs/item'}")));
    }

    void defsAndRef_editedThroughTheTree()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        SchemaFieldEditor *fields = pane.fieldEditor();
        QCOMPARE(fields->addDefinition(), QStringLiteral("/$defs/item2"));
        QVERIFY(fields->selectPointer(QStringLiteral("/$defs/item2")));
        QCOMPARE(fields->addChildField(), QStringLiteral("/$defs/item2/properties/field"));
        SchemaFieldModel *model = fields->model();
        QCOMPARE(model->definitionNames(), QStringList({ QStringLiteral("item"), QStringLiteral("item2") }));
        QVERIFY(model->setRef(model->indexForPointer(QStringLiteral("/properties/zeta")), QStringLiteral("item2")));
        const Json doc = parseText(pane);
        QCOMPARE(d(doc["properties"]["zeta"]), d(j("{'examples':['z'],'x-note':'mine','$ref':'#/$defs/item2'}")));
        QCOMPARE(d(doc["$defs"]["item2"]), d(j("{'type':'object','properties':{'field':{'type':'string'}}}")));
        // Array items can point at a definition too.
        QVERIFY(
            model->setRef(model->indexForPointer(QStringLiteral("/properties/lines")), QStringLiteral("item"), true));
        QCOMPARE(d(parseText(pane)["properties"]["lines"]["items"]),
                 d(j("{'properties':{'sku':{'type':'string'}},'$ref':'#/$defs/item'}")));
    }

    void form_editsKeywordsOfTheSelectedField()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        SchemaFieldEditor *fields = pane.fieldEditor();
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/age")));
        auto *maximum = fields->findChild<QLineEdit *>(QStringLiteral("fieldMaximum"));
        auto *minimum = fields->findChild<QLineEdit *>(QStringLiteral("fieldMinimum"));
        QCOMPARE(minimum->text(), QStringLiteral("0"));
        maximum->setText(QStringLiteral("150"));
        Q_EMIT maximum->editingFinished();
        minimum->clear();
        Q_EMIT minimum->editingFinished();
        QCOMPARE(d(parseText(pane)["properties"]["age"]), d(j("{'type':'integer','maximum':150}")));

        auto *name = fields->findChild<QLineEdit *>(QStringLiteral("fieldName"));
        name->setText(QStringLiteral("years"));
        Q_EMIT name->editingFinished();
        QCOMPARE(fields->currentPointer(), QStringLiteral("/properties/years"));
        QCOMPARE(d(parseText(pane)["required"]), d(j("['zeta','years']")));
    }

    // A shown editor destroyed with an edited field still focused: ~QWidget hides it, the field's
    // editingFinished fires, and its commit must not reach the half-destroyed editor (UBSan's vptr
    // check in the asan run). The edit is dropped, like any edit of a window that goes away.
    void destroyedWhileAFieldHasFocus_commitsNothing()
    {
        auto fields = std::make_unique<SchemaFieldEditor>();
        fields->model()->setDocument(j(PersonSchemaQuoted));
        QVERIFY(fields->selectPointer(QStringLiteral("/properties/age")));
        QSignalSpy edited(fields->model(), &SchemaFieldModel::documentEdited);
        fields->show();
        fields->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(fields.get()));
        auto *name = fields->findChild<QLineEdit *>(QStringLiteral("fieldName"));
        name->setFocus();
        QTRY_VERIFY(name->hasFocus());
        QTest::keyClicks(name, QStringLiteral("_years"));
        fields.reset();
        QCOMPARE(edited.count(), 0);
    }

    // The format box offers exactly what the validator asserts, and a chosen one lands in the text.
    void formatBox_offersEveryFormatTheValidatorAsserts()
    {
        SchemaEditorPane pane;
        pane.setText(q(PersonSchemaQuoted));
        SchemaFieldEditor *fields = pane.fieldEditor();
        auto *format = fields->findChild<QComboBox *>(QStringLiteral("fieldFormat"));
        QVERIFY(format);
        QStringList offered;
        for (int i = 0; i < format->count(); ++i)
            offered.append(format->itemText(i));
        QCOMPARE(offered.takeFirst(), QString()); // none
        QStringList known;
        for (const std::string_view name : Formwork::knownFormatNames())
            known.append(QString::fromLatin1(name.data(), qsizetype(name.size())));
        QCOMPARE(offered, known);
        for (const char *name : { "idn-hostname", "uri-template", "duration", "json-pointer", "relative-json-pointer",
                                  "regex", "iri", "iri-reference", "idn-email" })
            QVERIFY2(offered.contains(QLatin1String(name)), name);

        QVERIFY(fields->selectPointer(QStringLiteral("/properties/zeta")));
        const int chosen = format->findText(QStringLiteral("idn-hostname"));
        format->setCurrentIndex(chosen);
        Q_EMIT format->activated(chosen); // as a choice with the mouse or keyboard does
        QCOMPARE(d(parseText(pane)["properties"]["zeta"]["format"]), QStringLiteral("\"idn-hostname\""));
    }
};

QTEST_MAIN(TestSchemaFieldEditor)
#include "tst_schemafieldeditor.moc"
