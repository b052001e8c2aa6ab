// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/ecmaregex.h"

#include <QRegularExpression>
#include <QTest>

using namespace Formwork;

class TestEcmaRegex final : public QObject
{
    Q_OBJECT

private:
    static bool matches(const char *pattern, const QString &subject)
    {
        const QRegularExpression regex(QString::fromStdString(ecmaToPcre(pattern)));
        if (!regex.isValid())
            qFatal("invalid translated pattern for %s", pattern);
        return regex.match(subject).hasMatch();
    }

private Q_SLOTS:
    void dollar_matchesOnlyAtTheVeryEnd()
    {
        QVERIFY(matches("^abc$", QStringLiteral("abc")));
        QVERIFY(!matches("^abc$", QStringLiteral("abc\n")));
        QVERIFY(matches("a\\$", QStringLiteral("a$"))); // an escaped $ stays literal
        QVERIFY(matches("[$]", QStringLiteral("$"))); // so does $ inside a class
    }

    void whiteSpaceClass_coversUnicodeSpaces()
    {
        QVERIFY(matches("^\\s$", QString(QChar(0x00a0))));
        QVERIFY(matches("^\\s$", QString(QChar(0x2003))));
        QVERIFY(!matches("^\\S$", QString(QChar(0x2003))));
        QVERIFY(matches("^[\\sx]+$", QStringLiteral("x x")));
    }

    void unicodePropertyNames_mappedToShortForms()
    {
        QCOMPARE(ecmaToPcre("\\p{Letter}"), std::string("\\p{L}"));
        QCOMPARE(ecmaToPcre("\\P{Decimal_Number}"), std::string("\\P{Nd}"));
        QCOMPARE(ecmaToPcre("\\p{Script=Greek}"), std::string("\\p{Greek}"));
        QVERIFY(matches("^\\p{Letter}+$", QStringLiteral("\u03c0abc")));
        QVERIFY(!matches("^\\p{Letter}+$", QStringLiteral("123")));
    }

    void digitClass_staysAscii()
    {
        QVERIFY(matches("^\\d$", QStringLiteral("7")));
        QVERIFY(!matches("^\\d$", QString(QChar(0x0661))));
    }

    void emptyClasses_followEcmaMeaning()
    {
        QVERIFY(!matches("a[]", QStringLiteral("a]")));
        QVERIFY(matches("^a[^]$", QStringLiteral("a\n")));
    }
};

QTEST_GUILESS_MAIN(TestEcmaRegex)
#include "tst_ecmaregex.moc"
