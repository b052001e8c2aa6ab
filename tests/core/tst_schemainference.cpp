// SPDX-License-Identifier: GPL-3.0-or-later
#include "schematesthelpers.h"

#include "schema/schemainference.h"

#include <QTest>

using namespace Formwork;
using Formwork::Test::j;

namespace {

// The inferred schema must compile and accept the example it came from.
void verifyValidates(const nlohmann::ordered_json &schema, const nlohmann::ordered_json &example)
{
    SchemaOptions options;
    options.assertFormats = true;
    auto compiled = Schema::compile(schema, options);
    QVERIFY2(compiled.hasValue(), schema.dump().c_str());
    const QList<ValidationError> errors = compiled->validate(example);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().text()));
}

// Compared as compact text: readable on failure, and key order counts.
QString d(const nlohmann::ordered_json &value)
{
    return QString::fromStdString(value.dump());
}

std::vector<std::string> keysOf(const nlohmann::ordered_json &object)
{
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it)
        keys.push_back(it.key());
    return keys;
}

} // namespace

class TestSchemaInference final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flatObject_typesRequiredAndOrder()
    {
        const auto example = j("{'zeta':'x','age':37,'score':1.5,'ok':true}");
        const auto schema = inferSchema(example);
        QCOMPARE(d(schema),
                 d(j("{'type':'object','properties':{'zeta':{'type':'string'},'age':{'type':'integer'},"
                     "'score':{'type':'number'},'ok':{'type':'boolean'}},"
                     "'required':['zeta','age','score','ok']}")));
        QCOMPARE(keysOf(schema["properties"]), (std::vector<std::string> { "zeta", "age", "score", "ok" }));
        verifyValidates(schema, example);
        // Not a schema that accepts anything: a wrong type fails.
        QVERIFY(!Schema::compile(schema)->isValid(j("{'zeta':1,'age':37,'score':1.5,'ok':true}")));
    }

    void arraysOfObjects_mergeKeysAndRequireOnlyCommonOnes()
    {
        const auto example = j("{'order':{'id':7,'lines':["
                               "{'sku':'A1','qty':2},"
                               "{'sku':'B2','qty':1,'note':'gift'},"
                               "{'qty':3,'sku':'C3','price':2}]}}");
        const auto schema = inferSchema(example);
        const auto &lines = schema["properties"]["order"]["properties"]["lines"];
        QCOMPARE(d(lines["type"]), QStringLiteral("\"array\""));
        const auto &item = lines["items"];
        QCOMPARE(d(item["type"]), QStringLiteral("\"object\""));
        QCOMPARE(keysOf(item["properties"]), (std::vector<std::string> { "sku", "qty", "note", "price" }));
        QCOMPARE(d(item["required"]), d(j("['sku','qty']")));
        QCOMPARE(d(schema["properties"]["order"]["required"]), d(j("['id','lines']")));
        verifyValidates(schema, example);
    }

    void formatsAndNulls_areRecognised()
    {
        const auto example = j("{'id':'123e4567-e89b-12d3-a456-426614174000','born':'1980-07-31',"
                               "'seen':'2024-05-01T10:00:00Z','mail':'harry@example.org',"
                               "'home':'https://example.org/a','nick':null,'note':'see: this',"
                               "'tags':[{'t':'a','w':null},{'t':'b','w':2}]}");
        const auto schema = inferSchema(example);
        const auto &p = schema["properties"];
        QCOMPARE(d(p["id"]["format"]), QStringLiteral("\"uuid\""));
        QCOMPARE(d(p["born"]["format"]), QStringLiteral("\"date\""));
        QCOMPARE(d(p["seen"]["format"]), QStringLiteral("\"date-time\""));
        QCOMPARE(d(p["mail"]["format"]), QStringLiteral("\"email\""));
        QCOMPARE(d(p["home"]["format"]), QStringLiteral("\"uri\""));
        QVERIFY(!p["note"].contains("format"));
        QCOMPARE(d(p["nick"]), d(j("{'type':'null'}")));
        QCOMPARE(d(p["tags"]["items"]["properties"]["w"]["type"]), d(j("['integer','null']")));
        verifyValidates(schema, example);
    }

    void mixedValues_widenTypesAndDropConflictingFormats()
    {
        const auto example = j("[1, 2.5, 'a@b.org', 'not a mail', null, [], [true]]");
        const auto schema = inferSchema(example);
        QCOMPARE(d(schema["items"]["type"]), d(j("['array','string','number','null']")));
        QVERIFY(!schema["items"].contains("format"));
        QCOMPARE(d(schema["items"]["items"]), d(j("{'type':'boolean'}")));
        verifyValidates(schema, example);
    }

    void scalarsAndEmptyContainers_giveSimpleSchemas()
    {
        QCOMPARE(d(inferSchema(j("'text'"))), d(j("{'type':'string'}")));
        QCOMPARE(d(inferSchema(j("[]"))), d(j("{'type':'array'}")));
        QCOMPARE(d(inferSchema(j("{}"))), d(j("{'type':'object','properties':{}}")));
        verifyValidates(inferSchema(j("{}")), j("{}"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaInference)
#include "tst_schemainference.moc"
