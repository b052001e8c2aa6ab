// SPDX-License-Identifier: GPL-3.0-or-later
#include "schematesthelpers.h"

#include "schema/enforcementreport.h"

#include <QTest>

using namespace Formwork;
using Formwork::Test::compileOrFail;

namespace {

const EnforcementItem *find(const QList<EnforcementItem> &items, const char *pointer, const char *keyword)
{
    for (const EnforcementItem &item : items) {
        if (item.pointer == QLatin1String(pointer) && item.keyword == QLatin1String(keyword))
            return &item;
    }
    return nullptr;
}

} // namespace

class TestEnforcementReport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numberBounds_ignoredIntegerBoundsEnforced()
    {
        const auto report = enforcementReport(compileOrFail("{'type':'object','properties':{'price':{'type':'number','"
                                                            "minimum':0},'qty':{'type':'integer','minimum':1}},"
                                                            "'additionalProperties':false}"));
        const EnforcementItem *price = find(report, "/properties/price", "minimum");
        QVERIFY(price);
        QCOMPARE(price->status, EnforcementStatus::Ignored);
        QVERIFY(price->note.contains(QStringLiteral("integers")));
        const EnforcementItem *qty = find(report, "/properties/qty", "minimum");
        QVERIFY(qty);
        QCOMPARE(qty->status, EnforcementStatus::Enforced);
    }

    void unanchoredPattern_rejected()
    {
        const auto report = enforcementReport(compileOrFail(
            "{'properties':{'a':{'type':'string','pattern':'[0-9]'},'b':{'type':'string','pattern':'^[0-9]$'}}}"));
        QCOMPARE(find(report, "/properties/a", "pattern")->status, EnforcementStatus::Rejected);
        QCOMPARE(find(report, "/properties/b", "pattern")->status, EnforcementStatus::Enforced);
    }

    void absentAdditionalProperties_reportedAsDiffering()
    {
        const auto report = enforcementReport(compileOrFail("{'type':'object','properties':{'a':{'type':'string'}}}"));
        const EnforcementItem *item = find(report, "", "additionalProperties");
        QVERIFY(item);
        QCOMPARE(item->status, EnforcementStatus::Differs);
        QVERIFY(item->note.contains(QStringLiteral("absent")));
    }

    void remoteRefAndSilentKeywords_classified()
    {
        const auto report = enforcementReport(
            nlohmann::ordered_json::parse(
                "{\"properties\":{\"a\":{\"$ref\":\"https://example.com/x.json\"},"
                "\"b\":{\"type\":\"array\",\"uniqueItems\":true},\"c\":{\"type\":\"string\",\"format\":\"email\"},"
                "\"d\":{\"type\":\"string\",\"format\":\"date\"}},\"additionalProperties\":false}"),
            Draft::Draft2020_12);
        QCOMPARE(find(report, "/properties/a", "$ref")->status, EnforcementStatus::Rejected);
        QCOMPARE(find(report, "/properties/b", "uniqueItems")->status, EnforcementStatus::Ignored);
        QCOMPARE(find(report, "/properties/c", "format")->status, EnforcementStatus::Ignored);
        QCOMPARE(find(report, "/properties/d", "format")->status, EnforcementStatus::Enforced);
        QCOMPARE(enforcementStatusName(EnforcementStatus::Rejected), QStringLiteral("rejected"));
    }

    void lengthWithPattern_ignored()
    {
        const auto report = enforcementReport(compileOrFail("{'type':'string','minLength':2,'pattern':'^a+$'}"));
        QCOMPARE(find(report, "", "minLength")->status, EnforcementStatus::Ignored);
    }
};

QTEST_GUILESS_MAIN(TestEnforcementReport)
#include "tst_enforcementreport.moc"
