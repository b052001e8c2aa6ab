// SPDX-License-Identifier: GPL-3.0-or-later
#include "json/jsondiff.h"

#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

Json parseQ(const char *text)
{
    std::string s(text);
    for (char &c : s) {
        if (c == '\'')
            c = '"';
    }
    return Json::parse(s);
}

// "kind pointer old -> new" per change, for readable comparisons.
QStringList describe(const std::vector<JsonChange> &changes)
{
    QStringList lines;
    for (const JsonChange &c : changes) {
        QString line = QString::fromLatin1(jsonChangeKindName(c.kind)) + u' ' + QString::fromStdString(c.pointer);
        if (c.kind != JsonChange::Kind::Added)
            line += u' ' + QString::fromStdString(c.oldValue.dump());
        line += QStringLiteral(" ->");
        if (c.kind != JsonChange::Kind::Removed)
            line += u' ' + QString::fromStdString(c.newValue.dump());
        lines.append(line);
    }
    return lines;
}

} // namespace

class TestJsonDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void equalValues_noChanges()
    {
        const Json v = parseQ("{'a': [1, {'b': null}], 'c': 'x'}");
        QVERIFY(diffJson(v, v).empty());
    }

    void changedScalar_oneChangedEntryWithBothValues()
    {
        const auto changes = diffJson(parseQ("{'name': 'Ada', 'age': -1}"), parseQ("{'name': 'Ada', 'age': 36}"));
        QCOMPARE(describe(changes), QStringList { QStringLiteral("changed /age -1 -> 36") });
        QVERIFY(changes.front().oldValue == Json(-1));
        QVERIFY(changes.front().newValue == Json(36));
    }

    void addedAndRemovedMembers_inDocumentOrder()
    {
        const auto changes = diffJson(parseQ("{'a': 1, 'gone': true, 'b': 2, 'last': 0}"),
                                      parseQ("{'a': 1, 'b': 3, 'new': [1], 'last': 0}"));
        QCOMPARE(describe(changes),
                 (QStringList { QStringLiteral("removed /gone true ->"), QStringLiteral("changed /b 2 -> 3"),
                                QStringLiteral("added /new -> [1]") }));
    }

    void arrays_comparedByIndexWithTailAddedOrRemoved()
    {
        QCOMPARE(describe(diffJson(parseQ("[1, 2]"), parseQ("[1, 5, 7]"))),
                 (QStringList { QStringLiteral("changed /1 2 -> 5"), QStringLiteral("added /2 -> 7") }));
        QCOMPARE(describe(diffJson(parseQ("[1, 2, 3]"), parseQ("[1]"))),
                 (QStringList { QStringLiteral("removed /1 2 ->"), QStringLiteral("removed /2 3 ->") }));
    }

    void nestedValues_pointersEscaped()
    {
        const auto changes
            = diffJson(parseQ("{'a/b': {'x~y': [{'v': 1}]}}"), parseQ("{'a/b': {'x~y': [{'v': 2, 'w': 0}]}}"));
        QCOMPARE(describe(changes),
                 (QStringList { QStringLiteral("changed /a~1b/x~0y/0/v 1 -> 2"),
                                QStringLiteral("added /a~1b/x~0y/0/w -> 0") }));
    }

    void typeChange_oneChangedEntryForTheWholeValue()
    {
        QCOMPARE(describe(diffJson(parseQ("{'tags': 'a,b'}"), parseQ("{'tags': ['a', 'b']}"))),
                 QStringList { QStringLiteral("changed /tags \"a,b\" -> [\"a\",\"b\"]") });
        QCOMPARE(describe(diffJson(Json(1), Json(1.5))), QStringList { QStringLiteral("changed  1 -> 1.5") });
    }

    void reorderedMembers_noSpuriousChanges()
    {
        QVERIFY(diffJson(parseQ("{'a': 1, 'b': 2}"), parseQ("{'b': 2, 'a': 1}")).empty());
        QCOMPARE(describe(diffJson(parseQ("{'a': 1, 'x': 0, 'b': 2}"), parseQ("{'b': 2, 'a': 1}"))),
                 QStringList { QStringLiteral("removed /x 0 ->") });
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
