// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/ecmaregex.h"

#include <QRegularExpression>
#include <QStringDecoder>
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

    // SimplePattern must say what the regex engine says, for every pattern it accepts.
    void simplePattern_agreesWithTheRegexEngine_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("simple"); // whether SimplePattern takes it
        for (const char *pattern :
             { "^INV-[0-9]{4,8}$", "^[A-Z]{2}[0-9A-Z]{2,12}$", "^[A-Z]{2}$", "", "^$", "abc", "^a*$", "a+b?c*",
               "^\\d{3}-\\w+$", "x{2,}", "^[a-z_.+-]+@[a-z.-]+\\.[a-z]{2,}$", "\\$$", "^a{0}b$", "^[-a]+[b-]$",
               "[0-9]*?5", "^\\.\\/\\\\$", "^a{2}?$", "^[\\w-]+$" })
            QTest::newRow(pattern) << QString::fromLatin1(pattern) << true;
        for (const char *pattern : { "^(a)$", "^.$", "[^a]", "\\s", "a|b", "a$b", "^\\bx" })
            QTest::newRow(pattern) << QString::fromLatin1(pattern) << false;
    }

    void simplePattern_agreesWithTheRegexEngine()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, simple);
        const std::string source = pattern.toStdString();
        const QRegularExpression regex(QString::fromStdString(ecmaToPcre(source)));
        QVERIFY(regex.isValid());
        const auto compiled = SimplePattern::compile(source);
        QCOMPARE(compiled.has_value(), simple);
        if (!compiled)
            return;
        const char *const subjects[] = { "",
                                         "a",
                                         "aa",
                                         "b",
                                         "ab",
                                         "abc",
                                         "aabcc",
                                         "INV-1234",
                                         "INV-123456789",
                                         "xINV-1234",
                                         "INV-1234\n",
                                         "DE123456789",
                                         "Germany",
                                         "DE",
                                         "D",
                                         "de",
                                         "123-abc_9",
                                         "12-x",
                                         "xx",
                                         "xxx",
                                         "a.b+c@ex-ample.com",
                                         "a@b.c",
                                         "$",
                                         "a$",
                                         "b",
                                         "-a-b",
                                         "-",
                                         "115",
                                         "5",
                                         "./\\",
                                         "\xc3\xa9",
                                         "a\xc3\xa9"
                                         "c",
                                         "\xef\xbb\xbf"
                                         "DE" };
        for (const char *subject : subjects) {
            const std::string text(subject);
            // As the validator decodes it: a leading U+FEFF is kept (QString::fromUtf8 would drop it).
            QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
            const QString utf16 = decoder.decode(QByteArrayView(text.data(), qsizetype(text.size())));
            const bool expected = regex.match(utf16).hasMatch();
            const SimplePattern::Match match = compiled->matches(text);
            QVERIFY2(match != SimplePattern::Match::TooComplex, subject);
            QVERIFY2((match == SimplePattern::Match::Yes) == expected, subject);
        }
    }

    // Backtracking that would take too long is handed back to the regex engine.
    void simplePattern_pathologicalBacktracking_isTooComplex()
    {
        const auto simple = SimplePattern::compile("^a*a*a*a*a*a*a*b$");
        QVERIFY(simple);
        QCOMPARE(simple->matches(std::string(200, 'a')), SimplePattern::Match::TooComplex);
        QCOMPARE(simple->matches("aab"), SimplePattern::Match::Yes);
    }
};

QTEST_GUILESS_MAIN(TestEcmaRegex)
#include "tst_ecmaregex.moc"
