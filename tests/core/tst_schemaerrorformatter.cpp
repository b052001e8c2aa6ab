// SPDX-License-Identifier: GPL-3.0-or-later
#include "schematesthelpers.h"

#include "schema/schemaerrorformatter.h"

#include <QTest>

using namespace Formwork;
using Formwork::Test::compileOrFail;
using Formwork::Test::j;

class TestSchemaErrorFormatter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errors_oneLinePerError()
    {
        const Schema schema = compileOrFail(
            "{'required':['email'],'properties':{'items':{'items':{'properties':{'price':{'minimum':0}}}}}}");
        const auto instance = j("{'items':[{},{},{'price':-3}]}");
        const QString text = formatErrorsForReask(schema.validate(instance));
        QCOMPARE(text,
                 QStringLiteral("/: missing required property \"email\"\n"
                                "/items/2/price: -3 is less than the minimum of 0"));
    }

    void includeValue_appendsTruncatedValue()
    {
        const Schema schema = compileOrFail("{'properties':{'note':{'type':'integer'}}}");
        const auto instance = j("{'note':'a very long piece of text that goes on and on and on'}");
        ReaskFormatOptions options;
        options.includeValue = true;
        options.maxValueChars = 20;
        const QString text = formatErrorsForReask(schema.validate(instance), &instance, options);
        QVERIFY2(text.endsWith(QStringLiteral(" (value: \"a very long piec...)")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1Char('\n')));
    }

    void maxErrors_summarisesTheRest()
    {
        const Schema schema = compileOrFail("{'items':{'type':'string'}}");
        ReaskFormatOptions options;
        options.maxErrors = 2;
        const QString text = formatErrorsForReask(schema.validate(j("[1,2,3,4,5]")), nullptr, options);
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("/0: ")));
        QCOMPARE(lines[2], QStringLiteral("... and 3 more error(s)"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaErrorFormatter)
#include "tst_schemaerrorformatter.moc"
