// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/uri.h"

#include <QTest>

using namespace Formwork;

class TestUri final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("expected");
        const char *base = "http://a/b/c/d;p?q";
        // RFC 3986 section 5.4 examples.
        const char *const cases[][2] = {
            { "g", "http://a/b/c/g" },      { "./g", "http://a/b/c/g" },
            { "g/", "http://a/b/c/g/" },    { "/g", "http://a/g" },
            { "//g", "http://g" },          { "?y", "http://a/b/c/d;p?y" },
            { "g?y", "http://a/b/c/g?y" },  { "#s", "http://a/b/c/d;p?q#s" },
            { "", "http://a/b/c/d;p?q" },   { "..", "http://a/b/" },
            { "../g", "http://a/b/g" },     { "../../g", "http://a/g" },
            { "../../../g", "http://a/g" }, { "g;x=1/../y", "http://a/b/c/y" },
        };
        for (const auto &c : cases)
            QTest::addRow("%s", c[0]) << QString::fromLatin1(base) << QString::fromLatin1(c[0])
                                      << QString::fromLatin1(c[1]);
        QTest::addRow("urn fragment") << QStringLiteral("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed")
                                      << QStringLiteral("#/$defs/bar")
                                      << QStringLiteral("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/bar");
        QTest::addRow("absolute wins") << QStringLiteral("http://a/b") << QStringLiteral("https://x/y.json")
                                       << QStringLiteral("https://x/y.json");
        QTest::addRow("folder base") << QStringLiteral("http://localhost:1234/folder/")
                                     << QStringLiteral("folderInteger.json")
                                     << QStringLiteral("http://localhost:1234/folder/folderInteger.json");
    }

    void resolve()
    {
        QFETCH(QString, base);
        QFETCH(QString, reference);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(Uri::resolve(base.toStdString(), reference.toStdString())), expected);
    }

    void fragmentHelpers_splitAndDecode()
    {
        QCOMPARE(Uri::withoutFragment("http://x/y#/a"), std::string("http://x/y"));
        QCOMPARE(Uri::fragment("http://x/y#/a"), std::string("/a"));
        QCOMPARE(Uri::fragment("http://x/y"), std::string());
        QCOMPARE(Uri::percentDecode("percent%25field%2"), std::string("percent%field%2"));
        QVERIFY(Uri::isAbsolute("urn:x"));
        QVERIFY(!Uri::isAbsolute("x/y.json"));
    }
};

QTEST_GUILESS_MAIN(TestUri)
#include "tst_uri.moc"
