// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontestsupport.h"
#include "json/textpositions.h"

#include <QTest>

using namespace Formwork;

namespace {

// a, e-acute (2 bytes), euro (3 bytes), grinning face (4 bytes, a surrogate pair in UTF-16), newline, b
const std::string mixed = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\nb";

qsizetype qstringLength(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).size();
}

} // namespace

class TestTextPositions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void characterBoundaries_matchQStringIndices()
    {
        const TextPositions positions(mixed);
        for (const qsizetype byte : { 0, 1, 3, 6, 10, 11, 12 }) {
            const qsizetype expected = qstringLength(std::string_view(mixed).substr(0, std::size_t(byte)));
            QCOMPARE(positions.toUtf16(byte), expected);
            QCOMPARE(utf16Position(mixed, byte), expected);
        }
        QCOMPARE(positions.toUtf16(10), 5); // the emoji took two UTF-16 units
    }

    void offsetInsideCharacter_mapsToItsStart()
    {
        const TextPositions positions(mixed);
        QCOMPARE(positions.toUtf16(2), 1); // second byte of e-acute
        QCOMPARE(positions.toUtf16(8), 3); // third byte of the emoji
        QCOMPARE(utf16Position(mixed, 5), 2);
    }

    void outOfRangeOffsets_areClamped()
    {
        const TextPositions positions(mixed);
        QCOMPARE(positions.toUtf16(-5), 0);
        QCOMPARE(positions.toUtf16(1000), qstringLength(mixed));
    }

    void utf16Positions_mapBackToBytes()
    {
        const TextPositions positions(mixed);
        QCOMPARE(positions.toByteOffset(0), 0);
        QCOMPARE(positions.toByteOffset(1), 1);
        QCOMPARE(positions.toByteOffset(2), 3);
        QCOMPARE(positions.toByteOffset(3), 6);
        QCOMPARE(positions.toByteOffset(4), 6); // the low surrogate belongs to the same character
        QCOMPARE(positions.toByteOffset(5), 10);
        QCOMPARE(positions.toByteOffset(7), 12);
        QCOMPARE(positions.toByteOffset(100), 12);
    }

    void rangeConversion_convertsBothEnds()
    {
        const TextPositions positions(mixed);
        QCOMPARE(positions.toUtf16(SourceRange { 3, 10 }), (SourceRange { 2, 5 }));
    }

    void lineAndColumn_areOneBasedInUtf16Units()
    {
        const TextPositions positions(mixed);
        QCOMPARE(positions.lineColumn(0), (LineColumn { 1, 1 }));
        QCOMPARE(positions.lineColumn(10), (LineColumn { 1, 6 }));
        QCOMPARE(positions.lineColumn(11), (LineColumn { 2, 1 }));
        QCOMPARE(positions.lineColumn(12), (LineColumn { 2, 2 }));
        QCOMPARE(lineColumnAt(mixed, 10), (LineColumn { 1, 6 }));
        QCOMPARE(lineColumnAt(mixed, 11), (LineColumn { 2, 1 }));
    }

    void invalidBytes_countAsOneUnitEach()
    {
        const std::string text = "a\xff\xfe"
                                 "b";
        const TextPositions positions(text);
        QCOMPARE(positions.toUtf16(4), qstringLength(text));
        QCOMPARE(positions.toUtf16(3), 3);
    }

    void byteOrderMark_takesNoPosition()
    {
        const std::string text = "\xEF\xBB\xBF{}";
        const TextPositions positions(text);
        QCOMPARE(positions.toUtf16(3), 0);
        QCOMPARE(positions.toUtf16(5), qstringLength(text));
        QCOMPARE(positions.toByteOffset(0), 3);
        QCOMPARE(positions.lineColumn(4), (LineColumn { 1, 2 }));
    }

    void longText_indexAgreesWithQStringEverywhere()
    {
        std::string text;
        for (int i = 0; i < 3000; ++i)
            text += i % 7 == 0 ? "\n" : i % 3 == 0 ? "\xf0\x9f\x98\x80" : i % 2 == 0 ? "\xc3\xa9" : "x";
        const TextPositions positions(text);
        const QString decoded = QString::fromUtf8(text.data(), qsizetype(text.size()));
        qsizetype utf16 = 0;
        for (qsizetype byte = 0; byte < qsizetype(text.size()); ++byte) {
            const auto lead = static_cast<unsigned char>(text[std::size_t(byte)]);
            if ((lead & 0xC0) == 0x80)
                continue; // not a character start
            QCOMPARE(positions.toUtf16(byte), utf16);
            QCOMPARE(positions.toByteOffset(utf16), byte);
            QCOMPARE(positions.lineColumn(byte), lineColumnAt(text, byte));
            utf16 += lead >= 0xF0 ? 2 : 1;
        }
        QCOMPARE(positions.toUtf16(qsizetype(text.size())), decoded.size());
    }
};

QTEST_GUILESS_MAIN(TestTextPositions)
#include "tst_textpositions.moc"
