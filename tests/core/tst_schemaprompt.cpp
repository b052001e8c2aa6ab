// SPDX-License-Identifier: GPL-3.0-or-later
#include "schematesthelpers.h"

#include "schema/schemaprompt.h"

#include <QTest>

using namespace Formwork;
using Formwork::Test::j;

class TestSchemaPrompt final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promptRendering_keepsOrderAndEstimatesTokens()
    {
        const auto schema = j("{'type':'object','properties':{'zeta':{'type':'string'},'alpha':{'type':'integer'}}}");
        const SchemaPromptText text = renderSchemaForPrompt(schema);
        QVERIFY(text.compact.indexOf(QStringLiteral("zeta")) < text.compact.indexOf(QStringLiteral("alpha")));
        QVERIFY(!text.compact.contains(QLatin1Char('\n')));
        QVERIFY(text.pretty.contains(QStringLiteral("\n  \"properties\": {")));
        QCOMPARE(text.estimatedTokens, int((text.compact.size() + 3) / 4));
        QCOMPARE(estimateTokens(QStringLiteral("abcde")), 2);
        QCOMPARE(estimateTokens(QString()), 0);
    }

    void nonAscii_keptAsUtf8()
    {
        const SchemaPromptText text = renderSchemaForPrompt(j("{'description':'Stra\u00dfe'}"));
        QCOMPARE(text.compact, QStringLiteral("{\"description\":\"Stra\u00dfe\"}"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaPrompt)
#include "tst_schemaprompt.moc"
