// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The token scanners shared by the whole-text parser (jsonparser.cpp) and the incremental one
// (incrementaljsonparser.cpp), so both read strings, numbers and literals by the same rules and
// report the same errors at the same offsets. Internal to the JSON layer.

#include "jsonparser.h"

#include <QString>

#include <string>
#include <string_view>

namespace Formwork::JsonLexing {

using Json = nlohmann::ordered_json;

// No exceptions: every scanner reports one of these. EndOfInput means "the token may go on in
// bytes that have not arrived yet".
enum class Status { Ok, EndOfInput, Failed };

// Messages are marked here and translated when an error is reported.
struct Message {
    static constexpr const char *emptyDocument = QT_TRANSLATE_NOOP("Formwork::JsonParser", "the document is empty");
    static constexpr const char *expectedValue = QT_TRANSLATE_NOOP("Formwork::JsonParser", "expected a value");
    static constexpr const char *expectedKeyOrEnd
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "expected a string key or '}'");
    static constexpr const char *expectedKey
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "expected a string key after ','");
    static constexpr const char *expectedColon
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "expected ':' after object key");
    static constexpr const char *expectedCommaOrBrace
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "expected ',' or '}' after object member");
    static constexpr const char *expectedCommaOrBracket
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "expected ',' or ']' after array element");
    static constexpr const char *endInString
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected end of input inside a string");
    static constexpr const char *endInObject
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected end of input inside an object");
    static constexpr const char *endInArray
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected end of input inside an array");
    static constexpr const char *endInNumber
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected end of input inside a number");
    static constexpr const char *endInLiteral
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected end of input inside true, false or null");
    static constexpr const char *endInByteOrderMark
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected end of input inside the byte order mark");
    static constexpr const char *invalidLiteral
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid literal; expected true, false or null");
    static constexpr const char *leadingZero
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid number: leading zeros are not allowed");
    static constexpr const char *digitAfterMinus
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid number: expected a digit after '-'");
    static constexpr const char *digitAfterPoint
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid number: expected a digit after the decimal point");
    static constexpr const char *digitInExponent
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid number: expected a digit in the exponent");
    static constexpr const char *numberTooLarge
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "number is too large to be represented");
    static constexpr const char *controlCharacter = QT_TRANSLATE_NOOP(
        "Formwork::JsonParser", "control character in string; it must be written as an escape such as \\n");
    static constexpr const char *invalidEscape
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid escape sequence in string");
    static constexpr const char *invalidUnicodeEscape
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid \\u escape: expected four hexadecimal digits");
    static constexpr const char *loneSurrogate = QT_TRANSLATE_NOOP(
        "Formwork::JsonParser", "\\u escape is half of a UTF-16 surrogate pair without the other half");
    static constexpr const char *invalidUtf8 = QT_TRANSLATE_NOOP("Formwork::JsonParser", "invalid UTF-8 byte sequence");
    static constexpr const char *trailingContent
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "unexpected text after the JSON value");
    static constexpr const char *tooDeep
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "nesting is deeper than the limit of %1 levels");
    static constexpr const char *duplicateKey
        = QT_TRANSLATE_NOOP("Formwork::JsonParser", "duplicate key \"%1\"; the last value is used");
};

QString translated(const char *message);

// What went wrong inside a token, before it becomes a JsonParseError with line and column.
struct LexError {
    JsonParseError::Kind kind = JsonParseError::Kind::UnexpectedCharacter;
    const char *message = Message::expectedValue;
    std::size_t offset = 0;
};

// The full error: message translated, line and column counted in `text`.
JsonParseError makeParseError(std::string_view text, const LexError &error, const QString &argument = {});

inline bool isWhitespace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Decodes string content from `pos` (just after the opening quote, or where an earlier call
// stopped) and appends it to `out`. Ok: the closing quote was read, `pos` is after it.
// EndOfInput: the text ends inside the string; `pos` is at the first byte not yet decoded (an
// escape or UTF-8 sequence cut off by the end stays unread, to be read again when it is whole).
// Failed: `error` says why; `out` holds what was decoded before the bad byte.
Status scanString(std::string_view text, std::size_t &pos, std::string &out, LexError &error);

// Reads the number that starts at `begin`. Ok: `end` is after it and `value` holds it.
// With `mayGrow` (a stream) a number that reaches the end of the text is EndOfInput, since
// more digits may follow.
Status scanNumber(std::string_view text, std::size_t begin, bool mayGrow, std::size_t &end, Json &value,
                  LexError &error);

// Reads true, false or null at `begin` (whose first byte is t, f or n).
Status scanLiteral(std::string_view text, std::size_t begin, std::size_t &end, Json &value, LexError &error);

// An object's members as the parsers fill them.
using Members = Json::object_t::Container;

// Room for more members. A member is a pair<const std::string, Json>, whose move constructor may
// throw (the key is copied), so std::vector grows it by deep-copying every value. This moves the
// values and copies only the keys: parsing an invoice got about a fifth faster.
void growMembers(Members &members);

} // namespace Formwork::JsonLexing
