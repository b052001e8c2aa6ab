// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/formats.h"
#include "schema/schemaregistry.h"
#include "schematesthelpers.h"

#include <QTest>

#include <set>
#include <string>

using namespace Formwork;
using Formwork::Test::j;

namespace {

// One row per value: "<format> <value>" names it; the source is UTF-8.
void addRows(const char *format, std::initializer_list<std::pair<const char *, bool>> rows)
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    for (const auto &[value, valid] : rows)
        QTest::addRow("%s %s", format, value) << QString::fromLatin1(format) << QString::fromUtf8(value) << valid;
}

void checkRow()
{
    QFETCH(QString, format);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    const FormatKind kind = formatKindFromName(format.toStdString());
    QVERIFY(kind != FormatKind::Unknown);
    QCOMPARE(Formwork::matchesFormat(kind, value.toStdString()), valid);
}

} // namespace

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
        QCOMPARE(formatKindFromName("iri"), FormatKind::Iri);
        QCOMPARE(formatKindFromName("color"), FormatKind::Unknown);
    }

    // One list names every format the validator asserts, each once (the field editor offers it).
    void knownFormatNames_coverEveryAssertedFormatOnce()
    {
        std::set<FormatKind> kinds;
        for (const std::string_view name : knownFormatNames()) {
            const FormatKind kind = formatKindFromName(name);
            QVERIFY2(kind != FormatKind::Unknown, std::string(name).c_str());
            QVERIFY2(kinds.insert(kind).second, std::string(name).c_str());
        }
        QCOMPARE(kinds.size(), size_t(FormatKind::Regex)); // every kind but Unknown
        for (const char *name : { "idn-hostname", "uri-template", "duration", "json-pointer", "relative-json-pointer",
                                  "regex", "iri", "iri-reference", "idn-email", "uri-reference" })
            QVERIFY2(kinds.count(formatKindFromName(name)) == 1, name);
    }

    // A-labels are decoded and checked as U-labels; U-labels themselves are not host names.
    void hostname_idnaALabels_data()
    {
        addRows("hostname",
                { { "xn--bcher-kva.example", true },
                  { "XN--BCHER-KVA.example", true }, // A-labels compare case-insensitively
                  { "bücher.example", false },
                  { "xn--bcher-kva-.example", false },
                  { "xn--ls8h.example", false }, // an emoji: DISALLOWED in IDNA2008
                  { "a.xn--mgbh0fb", true }, // a Bidi domain name whose LTR label is fine
                  { "1a.xn--mgbh0fb", false }, // ... and one whose LTR label starts with a digit
                  { "a\u3002b", false },
                  { "label.with_underscore", false } });
    }
    void hostname_idnaALabels() { checkRow(); }

    void hostname_lengths_data()
    {
        const std::string label63(63, 'a');
        const std::string name253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');
        static const std::string rows[]
            = { label63 + ".example", std::string(64, 'a') + ".example", name253, name253 + "b" };
        addRows("hostname",
                { { rows[0].c_str(), true },
                  { rows[1].c_str(), false },
                  { rows[2].c_str(), true },
                  { rows[3].c_str(), false } });
    }
    void hostname_lengths() { checkRow(); }

    void idnHostname_data()
    {
        addRows("idn-hostname",
                { { "bücher.example", true },
                  { "xn--bcher-kva.example", true },
                  { "例え.テスト", true },
                  { "münchen。de", true },
                  { "Bücher.example", false }, // upper case is DISALLOWED in a U-label (no mapping)
                  { "bu\u0308cher.example", false }, // not NFC: registration does not normalize
                  { "☃.example", false },
                  { "שלום.example", true },
                  { "שלום1.example", true }, // an RTL label may end with a European digit
                  { "שלוםa.example", false }, // no L character in an RTL label
                  { "example.", false },
                  { "ex ample", false } });
    }
    void idnHostname() { checkRow(); }

    void email_limits_data()
    {
        static const std::string local64 = std::string(64, 'a') + "@example.com";
        static const std::string local65 = std::string(65, 'a') + "@example.com";
        addRows("email",
                { { local64.c_str(), true },
                  { local65.c_str(), false },
                  { "é@example.com", false }, // UTF-8 only in idn-email
                  { "ada@bücher.example", false },
                  { "ada@xn--bcher-kva.example", true },
                  { "\"a\\\"b\"@example.com", true },
                  { "\"a\"b\"@example.com", false },
                  { "ada@[IPv6:::1]", true } });
    }
    void email_limits() { checkRow(); }

    void idnEmail_data()
    {
        static const std::string local65 = std::string(65, 'a') + "@example.com";
        addRows("idn-email",
                { { "用户@例子.广告", true },
                  { "ada@bücher.example", true },
                  { "ada@bu\u0308cher.example", true }, // the lookup protocol normalizes
                  { "ada@☃.example", false },
                  { "ü@[192.168.0.1]", true },
                  { "\"jö doe\"@example.com", true },
                  { "jö..doe@example.com", false },
                  { local65.c_str(), false },
                  { "@example.com", false } });
    }
    void idnEmail() { checkRow(); }

    void uri_data()
    {
        addRows("uri",
                { { "mailto:ada@example.com", true },
                  { "http://[v1.x]/", true },
                  { "http://[vz.x]/", false },
                  { "http://[::1]:8080/a", true },
                  { "http://ex%41mple.com/%7e", true },
                  { "http://example.com/é", false },
                  { "http://example.com/#a#b", false },
                  { "foo", false },
                  { "1http://example.com", false } });
    }
    void uri() { checkRow(); }

    void uriReference_data()
    {
        addRows("uri-reference",
                { { "../a/b?c#d", true },
                  { "a/b:c", true }, // a colon after the first segment
                  { "a:b", true }, // the scheme "a"
                  { "?", true },
                  { "#", true },
                  { "a b", false },
                  { "%", false },
                  { "//user@host:12/p", true },
                  { "//host:1a/", false },
                  { "é", false } });
    }
    void uriReference() { checkRow(); }

    void iri_data()
    {
        addRows("iri",
                { { "http://例え.jp/パス?q=値#片", true },
                  { "http://example.com/?\uE000", true }, // private use: query only
                  { "http://example.com/\uE000", false },
                  { "http://example.com/#\uE000", false },
                  { "http://example.com/\uFFFE", false }, // a noncharacter is no ucschar
                  { "http://example.com/\U0001F600", true },
                  { "http://example.com/a b", false },
                  { "パス", false } });
    }
    void iri() { checkRow(); }

    void iriReference_data()
    {
        addRows("iri-reference",
                { { "パス/ファイル", true },
                  { "é:b", false }, // not a scheme, so a colon in the first segment
                  { "./é:b", true },
                  { "//例え.jp", true },
                  { "#片", true },
                  { "\\server", false } });
    }
    void iriReference() { checkRow(); }

    void uriTemplate_data()
    {
        addRows("uri-template",
                { { "{?x,y*,z:3}", true },
                  { "{/list*}{?keys*}", true },
                  { "{x}{y}", true },
                  { "é{x}", true },
                  { "'{var}'", true }, // RFC 6570 erratum 6937
                  { "{_a1.b2}", true },
                  { "{=x}", false }, // operators reserved for future use
                  { "{!x}", false },
                  { "{|x}", false },
                  { "{x", false },
                  { "{.a.}", false },
                  { "{a:1*}", false },
                  { "{a*:1}", false },
                  { "{é}", false },
                  { "{%4}", false },
                  { "%4", false },
                  { "a<b", false },
                  { "{{x}}", false } });
    }
    void uriTemplate() { checkRow(); }

    void regex_data()
    {
        addRows("regex",
                { { "^[a-z]+$", true },
                  { "(a)\\1", true },
                  { "(a)\\2", false }, // no second group
                  { "[z-a]", false },
                  { "[\\d-z]", false }, // a class escape cannot bound a range
                  { "[a-]", true },
                  { "[\\b]", true },
                  { "a{2,1}", false },
                  { "a{,3}", false }, // a lone brace needs an escape with the u flag
                  { "a]", false },
                  { "a\\]", true },
                  { "\\p{Letter}+\\P{Script=Greek}", true },
                  { "\\p{}", false },
                  { "\\pL", false }, // the u flag needs the braces
                  { "(?<a>x)(?<a>y)", false },
                  { "\\k<b>", false },
                  { "(?<b>x)\\k<b>", true },
                  { "(?=a)*", false }, // a lookaround takes no quantifier with the u flag
                  { "\\u{1F600}", true },
                  { "\\u{110000}", false },
                  { "\\uD83D\\uDE00", true },
                  { "\\cM", true },
                  { "\\c1", false },
                  { "\\00", false },
                  { "\\0", true },
                  { "*a", false },
                  { "a**", false },
                  { "a*?", true },
                  { "x|", true },
                  { "(?:)", true },
                  { "((a)", false },
                  { "a)", false },
                  { "\\", false },
                  { "\\/", true },
                  { "\\-", false } }); // '-' is an identity escape only inside a class
    }
    void regex() { checkRow(); }

    // A 2020-12 metaschema that declares the format-assertion vocabulary makes `format` assert
    // without SchemaOptions::assertFormats; without it `format` stays an annotation.
    void formatAssertionVocabulary_assertsFormats()
    {
        auto registry = std::make_shared<SchemaRegistry>();
        registry->add("https://example.com/meta-assert",
                      j("{'$schema':'https://json-schema.org/draft/2020-12/schema',"
                        "'$vocabulary':{'https://json-schema.org/draft/2020-12/vocab/core':true,"
                        "'https://json-schema.org/draft/2020-12/vocab/format-assertion':false}}"));
        registry->add("https://example.com/meta-annotate",
                      j("{'$schema':'https://json-schema.org/draft/2020-12/schema',"
                        "'$vocabulary':{'https://json-schema.org/draft/2020-12/vocab/core':true,"
                        "'https://json-schema.org/draft/2020-12/vocab/validation':true,"
                        "'https://json-schema.org/draft/2020-12/vocab/format-annotation':true}}"));
        SchemaOptions options;
        options.registry = registry;
        const Schema asserting = Formwork::Test::compileOrFail(
            "{'$schema':'https://example.com/meta-assert','format':'ipv4'}", Draft::Draft2020_12, options);
        QVERIFY(asserting.isValid(j("'127.0.0.1'")));
        QVERIFY(!asserting.isValid(j("'not-an-ipv4'")));
        const Schema annotating = Formwork::Test::compileOrFail(
            "{'$schema':'https://example.com/meta-annotate','format':'ipv4'}", Draft::Draft2020_12, options);
        QVERIFY(annotating.isValid(j("'not-an-ipv4'")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaFormats)
#include "tst_schemaformats.moc"
