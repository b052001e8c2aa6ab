// SPDX-License-Identifier: GPL-3.0-or-later
#include "schematesthelpers.h"

#include "schema/schemaregistry.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Formwork;
using Formwork::Test::compileOrFail;
using Formwork::Test::j;

class TestSchemaValidator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minimum_messageNamesValueAndBound()
    {
        const Schema schema
            = compileOrFail("{'type':'object','properties':{'items':{'type':'array','items':{'type':'object',"
                            "'properties':{'price':{'type':'number','minimum':0}}}}}}");
        const auto errors = schema.validate(j("{'items':[{'price':1},{'price':2},{'price':-3}]}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].instancePath, QStringLiteral("/items/2/price"));
        QCOMPARE(errors[0].keywordLocation, QStringLiteral("/properties/items/items/properties/price/minimum"));
        QCOMPARE(errors[0].keyword, QStringLiteral("minimum"));
        QCOMPARE(errors[0].message, QStringLiteral("-3 is less than the minimum of 0"));
        QCOMPARE(errors[0].text(), QStringLiteral("/items/2/price: -3 is less than the minimum of 0"));
        QVERIFY(errors[0].absoluteKeywordLocation.isEmpty());
    }

    void required_rootErrorShowsSlash()
    {
        const Schema schema = compileOrFail("{'required':['email','name']}");
        const auto errors = schema.validate(j("{'name':'Ada'}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].instancePath, QString());
        QCOMPARE(errors[0].text(), QStringLiteral("/: missing required property \"email\""));
    }

    void enum_listsAllowedValues()
    {
        const Schema schema = compileOrFail("{'properties':{'status':{'enum':['open','closed']}}}");
        const auto errors = schema.validate(j("{'status':'done!'}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].text(), QStringLiteral("/status: \"done!\" is not one of \"open\", \"closed\""));
    }

    void type_messageNamesExpectedAndActual()
    {
        const Schema schema = compileOrFail("{'properties':{'age':{'type':['integer','null']}}}");
        const auto errors = schema.validate(j("{'age':'forty'}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].message, QStringLiteral("expected integer or null, got string \"forty\""));
    }

    void multipleProblems_allReportedInOrder()
    {
        const Schema schema = compileOrFail(
            "{'type':'object','required':['a','b'],'properties':{'a':{},'b':{},'c':{'type':'string','minLength':3},"
            "'d':{'maxItems':1}},'additionalProperties':false}");
        const auto errors = schema.validate(j("{'c':'x','d':[1,2],'e':true}"));
        QCOMPARE(errors.size(), 5);
        QCOMPARE(errors[0].keyword, QStringLiteral("required"));
        QCOMPARE(errors[1].keyword, QStringLiteral("required"));
        QCOMPARE(errors[2].instancePath, QStringLiteral("/c"));
        QCOMPARE(errors[2].keyword, QStringLiteral("minLength"));
        QCOMPARE(errors[3].instancePath, QStringLiteral("/d"));
        QCOMPARE(errors[3].keyword, QStringLiteral("maxItems"));
        QCOMPARE(errors[4].keyword, QStringLiteral("additionalProperties"));
        QVERIFY(errors[4].message.contains(QStringLiteral("\"e\"")));
        QVERIFY(!schema.isValid(j("{'c':'x'}")));
        QVERIFY(schema.isValid(j("{'a':1,'b':2,'c':'xyz'}")));
    }

    void isValid_agreesWithValidate()
    {
        const Schema schema
            = compileOrFail("{'anyOf':[{'type':'string'},{'type':'object','properties':{'n':{'minimum':3}}}],"
                            "'not':{'const':'forbidden'}}");
        for (const char *instance : { "'ok'", "'forbidden'", "{'n':4}", "{'n':1}", "5", "null" }) {
            const auto value = j(instance);
            QCOMPARE(schema.isValid(value), schema.validate(value).isEmpty());
        }
    }

    void pointerEscaping_keysWithSlashAndTilde()
    {
        const Schema schema = compileOrFail("{'properties':{'a/b':{'properties':{'c~d':{'type':'string'}}}}}");
        const auto errors = schema.validate(j("{'a/b':{'c~d':1}}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].instancePath, QStringLiteral("/a~1b/c~0d"));
        QCOMPARE(errors[0].keywordLocation, QStringLiteral("/properties/a~1b/properties/c~0d/type"));
    }

    void ref_keywordLocationGoesThroughRefAndAbsoluteIsSet()
    {
        const Schema schema
            = compileOrFail("{'$id':'https://example.com/order','$defs':{'money':{'type':'number','minimum':0}},"
                            "'properties':{'total':{'$ref':'#/$defs/money'}}}");
        const auto errors = schema.validate(j("{'total':-1}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].keywordLocation, QStringLiteral("/properties/total/$ref/minimum"));
        QCOMPARE(errors[0].absoluteKeywordLocation, QStringLiteral("https://example.com/order#/$defs/money/minimum"));
    }

    void recursiveSchema_validatesNestedTree()
    {
        const Schema schema = compileOrFail("{'type':'object','properties':{'value':{'type':'integer'},"
                                            "'children':{'type':'array','items':{'$ref':'#'}}},'required':['value']}");
        QVERIFY(schema.isValid(j("{'value':1,'children':[{'value':2,'children':[{'value':3}]}]}")));
        const auto errors = schema.validate(j("{'value':1,'children':[{'value':2,'children':[{'value':'x'}]}]}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].instancePath, QStringLiteral("/children/0/children/0/value"));
    }

    void referenceLoop_failsInsteadOfHanging()
    {
        const Schema schema
            = compileOrFail("{'$defs':{'a':{'$ref':'#/$defs/b'},'b':{'$ref':'#/$defs/a'}},'$ref':'#/$defs/a'}");
        QVERIFY(!schema.isValid(j("1")));
        const auto errors = schema.validate(j("1"));
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors[0].message.contains(QStringLiteral("reference loop")));
    }

    void branchingReferenceLoop_failsQuickly()
    {
        // Each level doubles the work: without loop detection this would run for ages.
        const Schema schema
            = compileOrFail("{'allOf':[{'$ref':'#'},{'$ref':'#'}],'anyOf':[{'$ref':'#'},{'$ref':'#'}]}");
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!schema.isValid(j("{}")));
        QVERIFY(!schema.validate(j("{}")).isEmpty());
        QVERIFY(timer.elapsed() < 1000);
    }

    void draft7_refOverridesSiblings()
    {
        const char *text = "{'definitions':{'s':{'type':'string'}},'$ref':'#/definitions/s','maxLength':2}";
        QVERIFY(compileOrFail(text, Draft::Draft7).isValid(j("'long string'")));
        QVERIFY(!compileOrFail(text, Draft::Draft2020_12).isValid(j("'long string'")));
    }

    void dollarSchema_overridesRequestedDraft()
    {
        const Schema schema = compileOrFail(
            "{'$schema':'http://json-schema.org/draft-07/schema#','items':[{'type':'string'}],'additionalItems':false}",
            Draft::Draft2020_12);
        QCOMPARE(schema.draft(), Draft::Draft7);
        QVERIFY(schema.isValid(j("['a']")));
        const auto errors = schema.validate(j("['a',2]"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].keyword, QStringLiteral("additionalItems"));
    }

    void unevaluatedProperties_seesThroughAllOf()
    {
        const Schema schema = compileOrFail(
            "{'allOf':[{'properties':{'a':true}}],'properties':{'b':true},'unevaluatedProperties':false}");
        QVERIFY(schema.isValid(j("{'a':1,'b':2}")));
        const auto errors = schema.validate(j("{'a':1,'c':3}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].keyword, QStringLiteral("unevaluatedProperties"));
        QVERIFY(errors[0].message.contains(QStringLiteral("\"c\"")));
    }

    void containsWithMinMax_countsMatches()
    {
        const Schema schema = compileOrFail("{'contains':{'const':1},'minContains':2,'maxContains':3}");
        QVERIFY(schema.isValid(j("[1,1,2]")));
        const auto tooFew = schema.validate(j("[1,2]"));
        QCOMPARE(tooFew.size(), 1);
        QCOMPARE(tooFew[0].keyword, QStringLiteral("minContains"));
        QCOMPARE(schema.validate(j("[1,1,1,1]")).constFirst().keyword, QStringLiteral("maxContains"));
    }

    void nullableObject_reportsErrorsOfTheFittingAlternative()
    {
        const Schema schema = compileOrFail(
            "{'properties':{'address':{'anyOf':[{'type':'null'},{'type':'object','required':['city']}]}}}");
        const auto errors = schema.validate(j("{'address':{'street':'Main St'}}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].text(), QStringLiteral("/address: missing required property \"city\""));
        QCOMPARE(errors[0].keywordLocation, QStringLiteral("/properties/address/anyOf/1/required"));
        // No alternative fits the type: one summary error.
        const auto summary = schema.validate(j("{'address':42}"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary[0].keyword, QStringLiteral("anyOf"));
    }

    void oneOf_reportsBothMatchingAlternatives()
    {
        const Schema schema = compileOrFail("{'oneOf':[{'type':'integer'},{'minimum':0}]}");
        const auto errors = schema.validate(j("3"));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].message.contains(QStringLiteral("more than one")));
    }

    void remoteRef_resolvedFromRegistry()
    {
        auto registry = std::make_shared<SchemaRegistry>();
        registry->add("https://example.com/defs.json", j("{'$defs':{'id':{'type':'string','pattern':'^[A-Z]{3}$'}}}"));
        SchemaOptions options;
        options.registry = registry;
        const Schema schema = compileOrFail(
            "{'properties':{'code':{'$ref':'https://example.com/defs.json#/$defs/id'}}}", Draft::Draft2020_12, options);
        QVERIFY(schema.isValid(j("{'code':'ABC'}")));
        const auto errors = schema.validate(j("{'code':'abc'}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].message, QStringLiteral("\"abc\" does not match the pattern \"^[A-Z]{3}$\""));
        QCOMPARE(errors[0].absoluteKeywordLocation, QStringLiteral("https://example.com/defs.json#/$defs/id/pattern"));
    }

    void pattern_followsEcmaScriptSemantics()
    {
        const Schema dollar = compileOrFail("{'pattern':'^a$'}");
        QVERIFY(dollar.isValid(j("'a'")));
        QVERIFY(!dollar.isValid(j("'a\\n'"))); // ECMA-262: $ does not match before a final newline
        const Schema digits = compileOrFail("{'pattern':'^\\\\d+$'}");
        QVERIFY(digits.isValid(j("'123'")));
        QVERIFY(!digits.isValid(j("'\\u0661'"))); // ARABIC-INDIC DIGIT ONE is not \d in ECMA-262
        const Schema letters = compileOrFail("{'pattern':'^\\\\p{Letter}+$'}");
        QVERIFY(letters.isValid(j("'\\u03c0'")));
    }

    void unreadableSchema_compileErrorsCarryPointers()
    {
        const auto result
            = Schema::compile(j("{'properties':{'a':{'minimum':'x'},'b':{'$ref':'#/nowhere'},'c':{'pattern':'('}}}"),
                              Draft::Draft2020_12);
        QVERIFY(!result);
        QStringList pointers;
        for (const SchemaError &error : result.error())
            pointers.append(error.pointer);
        QVERIFY(pointers.contains(QStringLiteral("/properties/a/minimum")));
        QVERIFY(pointers.contains(QStringLiteral("/properties/b/$ref")));
        QVERIFY(pointers.contains(QStringLiteral("/properties/c/pattern")));
    }

    void formats_annotationByDefaultAssertedWhenEnabled()
    {
        const char *text = "{'format':'date'}";
        QVERIFY(compileOrFail(text).isValid(j("'2024-02-30'")));
        SchemaOptions options;
        options.assertFormats = true;
        const Schema asserted = compileOrFail(text, Draft::Draft2020_12, options);
        QVERIFY(asserted.isValid(j("'2024-02-29'")));
        const auto errors = asserted.validate(j("'2024-02-30'"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].message, QStringLiteral("\"2024-02-30\" is not a valid date"));
    }

    void dynamicRef_extendsRecursiveSchema()
    {
        auto registry = std::make_shared<SchemaRegistry>();
        registry->add("https://example.com/tree",
                      j("{'$id':'https://example.com/tree','$dynamicAnchor':'node','type':'object',"
                        "'properties':{'children':{'type':'array','items':{'$dynamicRef':'#node'}}}}"));
        SchemaOptions options;
        options.registry = registry;
        const Schema strict = compileOrFail(
            "{'$id':'https://example.com/strict','$dynamicAnchor':'node','$ref':'https://example.com/tree',"
            "'unevaluatedProperties':false}",
            Draft::Draft2020_12, options);
        QVERIFY(strict.isValid(j("{'children':[{'children':[]}]}")));
        QVERIFY(!strict.isValid(j("{'children':[{'extra':1}]}")));
    }

    void sourceRanges_attachedThroughCallback()
    {
        const Schema schema = compileOrFail("{'properties':{'a':{'type':'string'}}}");
        auto errors = schema.validate(j("{'a':1}"));
        QCOMPARE(errors.size(), 1);
        QVERIFY(!errors[0].range.isValid());
        attachSourceRanges(errors, [](std::string_view pointer) -> std::optional<std::pair<qsizetype, qsizetype>> {
            if (pointer == "/a")
                return std::pair<qsizetype, qsizetype>(5, 6);
            return std::nullopt;
        });
        QCOMPARE(errors[0].range.begin, qsizetype(5));
        QCOMPARE(errors[0].range.end, qsizetype(6));
    }

    void multipleOf_handlesNegativeIntegersAndDecimals()
    {
        const Schema three = compileOrFail("{'multipleOf':3}");
        QVERIFY(three.isValid(j("-9")));
        QVERIFY(!three.isValid(j("-4")));
        QCOMPARE(three.validate(j("-4")).constFirst().message, QStringLiteral("-4 is not a multiple of 3"));
        const Schema cents = compileOrFail("{'multipleOf':0.01}");
        QVERIFY(cents.isValid(j("19.99")));
        QVERIFY(!cents.isValid(j("19.999")));
    }

    void compiledSchema_isReusableAndCopyable()
    {
        const Schema schema = compileOrFail("{'type':'integer'}");
        const Schema copy = schema;
        for (int i = 0; i < 100; ++i)
            QVERIFY(copy.isValid(nlohmann::ordered_json(i)));
        QVERIFY(!schema.isValid(j("1.5")));
        QVERIFY(schema.isValid(j("2.0")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaValidator)
#include "tst_schemavalidator.moc"
