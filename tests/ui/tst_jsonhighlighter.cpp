// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlighting/jsonhighlighter.h"

#include <QPalette>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Formwork::Ui;

namespace {

// The format ranges the highlighter gave the first block, as (start, length, foreground) triples.
QList<QTextLayout::FormatRange> formatsOf(const QTextDocument &document, int blockNumber = 0)
{
    return document.findBlockByNumber(blockNumber).layout()->formats();
}

QColor colorAt(const QTextDocument &document, int position, int blockNumber = 0)
{
    const auto formats = formatsOf(document, blockNumber);
    for (const QTextLayout::FormatRange &range : formats) {
        if (position >= range.start && position < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}

QPalette paletteWithBase(const QColor &base)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    return palette;
}

} // namespace

class TestJsonHighlighter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_getTheirFormats()
    {
        QTextDocument document;
        JsonHighlighter highlighter(&document);
        const JsonColorScheme scheme = JsonColorScheme::forPalette(paletteWithBase(Qt::white));
        highlighter.setColorScheme(scheme);
        //                      0         1         2         3         4         5
        //                      0123456789012345678901234567890123456789012345678901234
        document.setPlainText(QStringLiteral("{\"name\": \"Ada\", \"age\": -36.5e2, \"ok\": true, \"x\": null}"));
        highlighter.rehighlight();

        QCOMPARE(colorAt(document, 1), scheme.key.foreground().color()); // "name"
        QCOMPARE(colorAt(document, 6), scheme.key.foreground().color()); // closing quote of key
        QCOMPARE(colorAt(document, 9), scheme.string.foreground().color()); // "Ada"
        QCOMPARE(colorAt(document, 16), scheme.key.foreground().color()); // "age"
        QCOMPARE(colorAt(document, 23), scheme.number.foreground().color()); // -36.5e2
        QCOMPARE(colorAt(document, 29), scheme.number.foreground().color());
        QCOMPARE(colorAt(document, 38), scheme.keyword.foreground().color()); // true
        QCOMPARE(colorAt(document, 49), scheme.keyword.foreground().color()); // null
        QCOMPARE(colorAt(document, 0), scheme.punctuation.foreground().color());
        QCOMPARE(colorAt(document, 7), scheme.punctuation.foreground().color()); // ':'
        QCOMPARE(colorAt(document, 14), scheme.punctuation.foreground().color()); // ','
        QVERIFY(scheme.key.foreground().color() != scheme.string.foreground().color());
    }

    void stringValue_withEscapedQuoteAndColon_isOneStringToken()
    {
        QTextDocument document;
        JsonHighlighter highlighter(&document);
        const JsonColorScheme &scheme = highlighter.colorScheme();
        document.setPlainText(QStringLiteral("[\"a\\\": b\", 1]"));
        highlighter.rehighlight();
        const auto formats = formatsOf(document);
        QCOMPARE(formats.size(), 5); // [ string , number ]
        QCOMPARE(formats.at(1).start, 1);
        QCOMPARE(formats.at(1).length, 8);
        QCOMPARE(formats.at(1).format.foreground().color(), scheme.string.foreground().color());
    }

    void keyWithSpaceBeforeColon_isKey()
    {
        QTextDocument document;
        JsonHighlighter highlighter(&document);
        document.setPlainText(QStringLiteral("{ \"type\"   : \"object\" }"));
        highlighter.rehighlight();
        QCOMPARE(colorAt(document, 3), highlighter.colorScheme().key.foreground().color());
        QCOMPARE(colorAt(document, 14), highlighter.colorScheme().string.foreground().color());
    }

    void badTokens_getErrorFormat()
    {
        QTextDocument document;
        JsonHighlighter highlighter(&document);
        document.setPlainText(QStringLiteral("[nope, \"open\n1]"));
        highlighter.rehighlight();
        const QColor error = highlighter.colorScheme().error.foreground().color();
        QCOMPARE(colorAt(document, 1), error); // nope
        QCOMPARE(colorAt(document, 7), error); // unterminated string on line 1
        QCOMPARE(colorAt(document, 0, 1), highlighter.colorScheme().number.foreground().color());
    }

    void darkPalette_usesLightColours()
    {
        const JsonColorScheme dark = JsonColorScheme::forPalette(paletteWithBase(QColor(0x20, 0x20, 0x20)));
        const JsonColorScheme light = JsonColorScheme::forPalette(paletteWithBase(QColor(0xfa, 0xfa, 0xfa)));
        QVERIFY(JsonColorScheme::isDark(paletteWithBase(QColor(0x20, 0x20, 0x20))));
        QVERIFY(!JsonColorScheme::isDark(paletteWithBase(Qt::white)));
        QVERIFY(dark.key.foreground().color().lightness() > 128);
        QVERIFY(light.key.foreground().color().lightness() < 128);
        QVERIFY(dark.string.foreground().color().lightness() > light.string.foreground().color().lightness());
    }
};

QTEST_MAIN(TestJsonHighlighter)
#include "tst_jsonhighlighter.moc"
