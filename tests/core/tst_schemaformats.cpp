// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/formats.h"

#include <QTest>

using namespace Formwork;

class TestSchemaFormats final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        auto row = [](const char *format, const char *value, bool valid) {
            QTest::addRow("%s %s", format, value) << QString::fromLatin1(format) << QString::fromUtf8(value) << valid;
        };
        row("date", "2024-02-29", true);
        row("date", "2023-02-29", false);
        row("date", "2024-13-01", false);
        row("date", "2024-1-01", false);
        row("time", "23:59:59Z", true);
        row("time", "08:30:00.5+02:00", true);
        row("time", "23:59:60Z", true);
        row("time", "12:59:60Z", false);
        row("time", "08:30:00", false);
        row("date-time", "2024-05-01T10:00:00Z", true);
        row("date-time", "2024-05-01 10:00:00Z", false);
        row("email", "ada@example.com", true);
        row("email", "ada.lovelace+x@mail.example.org", true);
        row("email", "ada@", false);
        row("email", "two..dots@example.com", false);
        row("email", "no at sign", false);
        row("uuid", "123e4567-e89b-12d3-a456-426614174000", true);
        row("uuid", "123e4567e89b12d3a456426614174000", false);
        row("uri", "https://example.com/a?b=c#d", true);
        row("uri", "urn:isbn:0451450523", true);
        row("uri", "/relative/path", false);
        row("uri", "http://exa mple.com", false);
        row("ipv4", "192.168.0.1", true);
        row("ipv4", "256.1.1.1", false);
        row("ipv4", "01.1.1.1", false);
        row("ipv6", "::1", true);
        row("ipv6", "2001:db8::8a2e:370:7334", true);
        row("ipv6", "1:2:3:4:5:6:7:8", true);
        row("ipv6", "1::2::3", false);
        row("ipv6", "12345::", false);
        row("hostname", "www.example.com", true);
        row("hostname", "-bad.example", false);
        row("hostname", "a_b.example", false);
        row("email", "\"joe bloggs\"@example.com", true);
        row("uri", "http://example.com:abc/path", false);
        row("uri", "ldap://[2001:db8::7]/c=GB?objectClass?one", true);
        row("uri", "https://example.org/foo[1].txt", false);
        row("hostname", "example.com.", false);
        row("hostname", "ab--cd.example", false);
        row("json-pointer", "", true);
        row("json-pointer", "/a~1b/~0c/0", true);
        row("json-pointer", "/a~2b", false);
        row("json-pointer", "a/b", false);
        row("relative-json-pointer", "0", true);
        row("relative-json-pointer", "1/a~1b", true);
        row("relative-json-pointer", "2#", true);
        row("relative-json-pointer", "0-1/x", true);
        row("relative-json-pointer", "01/a", false);
        row("relative-json-pointer", "/a", false);
        row("relative-json-pointer", "1+", false);
        row("duration", "P4DT12H30M5S", true);
        row("duration", "P2W", true);
        row("duration", "PT36H", true);
        row("duration", "P1Y2W", false);
        row("duration", "P2D1Y", false);
        row("duration", "P1Y2D", false);
        row("duration", "PT1H2S", false);
        row("duration", "P1DT", false);
        row("duration", "PT1D", false);
        row("duration", "P", false);
        row("unknown-format", "anything", true);
    }

    void matchesFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        const FormatKind kind = formatKindFromName(format.toStdString());
        QCOMPARE(Formwork::matchesFormat(kind, value.toStdString()), valid);
    }

    void formatKindFromName_unknownNameIsUnknown()
    {
        QCOMPARE(formatKindFromName("date-time"), FormatKind::DateTime);
        QCOMPARE(formatKindFromName("iri"), FormatKind::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestSchemaFormats)
#include "tst_schemaformats.moc"
