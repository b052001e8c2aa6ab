// SPDX-License-Identifier: GPL-3.0-or-later
// The line diff the Draft Schema dialog shows: a longest common subsequence with every line kept.
#include "drafting/linediff.h"

#include <QTest>

using namespace Formwork;
using Kind = DiffLine::Kind;

namespace {

// "-a", "+b", " c": the diff in the shape a test can compare at a glance.
QStringList marked(const QList<DiffLine> &lines)
{
    QStringList out;
    for (const DiffLine &line : lines)
        out.append((line.kind == Kind::Added ? u'+' : line.kind == Kind::Removed ? u'-' : u' ') + line.text);
    return out;
}

QStringList split(const char *text)
{
    return QString::fromLatin1(text).split(u' ');
}

} // namespace

class TestLineDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameLines_allContext()
    {
        const QList<DiffLine> lines = diffLines(split("a b c"), split("a b c"));
        QCOMPARE(marked(lines), (QStringList { QStringLiteral(" a"), QStringLiteral(" b"), QStringLiteral(" c") }));
        QCOMPARE(lines.at(2).oldLine, 3);
        QCOMPARE(lines.at(2).newLine, 3);
    }

    void noCurrentSchema_everyLineAdded()
    {
        const QList<DiffLine> lines = diffLines({}, split("a b"));
        QCOMPARE(marked(lines), (QStringList { QStringLiteral("+a"), QStringLiteral("+b") }));
        QCOMPARE(lines.at(1).oldLine, 0);
        QCOMPARE(lines.at(1).newLine, 2);
    }

    void replacedAndInsertedLines_removalsBeforeAdditions()
    {
        const QList<DiffLine> lines = diffLines(split("a b c d"), split("a x c y d z"));
        QCOMPARE(marked(lines),
                 split("_a -b +x _c +y _d +z").replaceInStrings(QStringLiteral("_"), QStringLiteral(" ")));
        // Line numbers follow each side.
        const DiffLine &y = lines.at(4);
        QCOMPARE(y.text, QStringLiteral("y"));
        QCOMPARE(y.newLine, 4);
        QCOMPARE(lines.at(5).oldLine, 4); // d
        QCOMPARE(lines.at(5).newLine, 5);
    }

    void everyLineRemoved()
    {
        QCOMPARE(marked(diffLines(split("a b"), {})), (QStringList { QStringLiteral("-a"), QStringLiteral("-b") }));
    }

    void hugeMiddle_shownWholeAsRemovedThenAdded()
    {
        QStringList before;
        QStringList after;
        for (int i = 0; i < 2100; ++i) {
            before.append(QStringLiteral("old %1").arg(i));
            after.append(QStringLiteral("new %1").arg(i));
        }
        before.prepend(QStringLiteral("{"));
        after.prepend(QStringLiteral("{"));
        const QList<DiffLine> lines = diffLines(before, after);
        QCOMPARE(lines.size(), 1 + 2100 + 2100);
        QCOMPARE(lines.at(0).kind, Kind::Same);
        QCOMPARE(lines.at(1).kind, Kind::Removed);
        QCOMPARE(lines.at(2100).kind, Kind::Removed);
        QCOMPARE(lines.at(2101).kind, Kind::Added);
    }
};

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
