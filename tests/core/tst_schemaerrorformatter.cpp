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
        // The message already quotes the string: once, whole, with both quotes.
        QCOMPARE(text,
                 QStringLiteral("/note: expected integer, got string \"a very long piece of text that goes on and on "
                                "and on\""));
    }

    // A value the message does not show is appended once, shortened in the middle so its end
    // and closing quote stay (issue 11: no cut-off quotes).
    void includeValue_longValueShortenedInTheMiddle()
    {
        const Schema schema = compileOrFail("{'properties':{'note':false}}");
        const auto instance = j("{'note':'a very long piece of text that goes on and on and on'}");
        ReaskFormatOptions options;
        options.includeValue = true;
        options.maxValueChars = 20;
        const QString text = formatErrorsForReask(schema.validate(instance), &instance, options);
        QVERIFY2(text.endsWith(QStringLiteral(" (value: \"a very long \u2026nd on\")")), qPrintable(text));
        QCOMPARE(text.count(QLatin1String("very long")), 1);
    }

    void longStringInAMessage_shortenedInTheMiddleWithBothQuotes()
    {
        const Schema schema = compileOrFail("{'type':'integer'}");
        const std::string quoted = "'" + std::string(100, 'x') + "END'";
        const auto instance = j(quoted.c_str());
        const QString text = formatErrorsForReask(schema.validate(instance));
        QVERIFY2(text.contains(QStringLiteral("\u2026")), qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral("xxxEND\"")), qPrintable(text));
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
