// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlexing_p.h"

#include "textpositions.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <charconv>

namespace Formwork::JsonLexing {

namespace {

using Kind = JsonParseError::Kind;

constexpr std::array<bool, 256> makePlainStringBytes()
{
    std::array<bool, 256> plain {};
    for (int byte = 0x20; byte < 0x80; ++byte)
        plain[std::size_t(byte)] = byte != '"' && byte != '\\';
    return plain;
}
constexpr std::array<bool, 256> plainStringBytes = makePlainStringBytes();

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string &out, char32_t codePoint)
{
    if (codePoint < 0x80) {
        out.push_back(char(codePoint));
    } else if (codePoint < 0x800) {
        out.push_back(char(0xC0 | (codePoint >> 6)));
        out.push_back(char(0x80 | (codePoint & 0x3F)));
    } else if (codePoint < 0x10000) {
        out.push_back(char(0xE0 | (codePoint >> 12)));
        out.push_back(char(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(char(0x80 | (codePoint & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (codePoint >> 18)));
        out.push_back(char(0x80 | ((codePoint >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(char(0x80 | (codePoint & 0x3F)));
    }
}

// Length of the well-formed UTF-8 sequence starting with a byte >= 0x80 (RFC 3629 table 3-7),
// 0 when it is malformed, -1 when it is well-formed so far but cut off by the end of the text.
int utf8SequenceLength(std::string_view text, std::size_t pos)
{
    const auto lead = static_cast<unsigned char>(text[pos]);
    int length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F; // U+D800..U+DFFF are not characters
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    for (int i = 1; i < length; ++i) {
        if (pos + std::size_t(i) >= text.size())
            return -1;
        const auto byte = static_cast<unsigned char>(text[pos + std::size_t(i)]);
        if (byte < (i == 1 ? low : 0x80) || byte > (i == 1 ? high : 0xBF))
            return 0;
    }
    return length;
}

Status failAt(LexError &error, Kind kind, const char *message, std::size_t offset)
{
    error = LexError { kind, message, offset };
    return Status::Failed;
}

// Four hex digits at `at`. EndOfInput when fewer have arrived and those are all hex digits.
Status readHex(std::string_view text, std::size_t at, char32_t &value)
{
    if (at + 4 > text.size()) {
        for (std::size_t i = at; i < text.size(); ++i) {
            if (hexValue(text[i]) < 0)
                return Status::Failed;
        }
        return Status::EndOfInput;
    }
    value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const int digit = hexValue(text[i]);
        if (digit < 0)
            return Status::Failed;
        value = value * 16 + char32_t(digit);
    }
    return Status::Ok;
}

char simpleEscape(char kind)
{
    switch (kind) {
    case '"':
    case '\\':
    case '/':
        return kind;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return 0;
    }
}

// The \uXXXX escape at `escape`, with the low half that must follow a high surrogate.
Status scanUnicodeEscape(std::string_view text, std::size_t &pos, std::string &out, LexError &error)
{
    const std::size_t escape = pos;
    char32_t unit = 0;
    Status status = readHex(text, escape + 2, unit);
    if (status == Status::Failed)
        return failAt(error, Kind::InvalidUnicodeEscape, Message::invalidUnicodeEscape, escape);
    if (status == Status::EndOfInput)
        return status;
    if (unit >= 0xDC00 && unit <= 0xDFFF)
        return failAt(error, Kind::LoneSurrogate, Message::loneSurrogate, escape);
    if (unit < 0xD800 || unit > 0xDBFF) {
        appendUtf8(out, unit);
        pos = escape + 6;
        return Status::Ok;
    }
    const std::size_t second = escape + 6;
    const std::string_view marker = text.substr(std::min(second, text.size()), 2);
    if (marker.size() < 2 && std::string_view("\\u").substr(0, marker.size()) == marker)
        return Status::EndOfInput;
    if (marker != "\\u")
        return failAt(error, Kind::LoneSurrogate, Message::loneSurrogate, escape);
    char32_t low = 0;
    status = readHex(text, second + 2, low);
    if (status == Status::Failed)
        return failAt(error, Kind::InvalidUnicodeEscape, Message::invalidUnicodeEscape, second);
    if (status == Status::EndOfInput)
        return status;
    if (low < 0xDC00 || low > 0xDFFF)
        return failAt(error, Kind::LoneSurrogate, Message::loneSurrogate, escape);
    appendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
    pos = second + 6;
    return Status::Ok;
}

// The escape at `pos` (a backslash); `pos` stays there unless the escape is whole.
Status scanEscape(std::string_view text, std::size_t &pos, std::string &out, LexError &error)
{
    if (pos + 1 >= text.size())
        return Status::EndOfInput;
    const char kind = text[pos + 1];
    if (kind == 'u')
        return scanUnicodeEscape(text, pos, out, error);
    const char simple = simpleEscape(kind);
    if (!simple)
        return failAt(error, Kind::InvalidEscape, Message::invalidEscape, pos);
    out.push_back(simple);
    pos += 2;
    return Status::Ok;
}

// Where a number that fails to convert lies: overflow is an error, underflow becomes zero.
Status outOfRange(std::string_view text, std::size_t begin, std::size_t integerBegin, std::size_t integerEnd,
                  std::size_t fractionEnd, long long exponent, Json &value, LexError &error)
{
    // Decimal magnitude of the first significant digit tells overflow from underflow.
    const std::string_view integerDigits = text.substr(integerBegin, integerEnd - integerBegin);
    long long magnitude = 0;
    if (integerDigits != "0") {
        magnitude = (long long)integerDigits.size() - 1 + exponent;
    } else {
        const std::string_view fraction = text.substr(integerEnd + 1, fractionEnd - integerEnd - 1);
        const std::size_t firstSignificant = fraction.find_first_not_of('0');
        magnitude = firstSignificant == std::string_view::npos ? -1 : -(long long)firstSignificant - 1 + exponent;
    }
    if (magnitude >= 0)
        return failAt(error, Kind::NumberOutOfRange, Message::numberTooLarge, begin);
    value = text[begin] == '-' ? -0.0 : 0.0;
    return Status::Ok;
}

bool convertInteger(const char *first, const char *last, Json &value)
{
    if (*first == '-') {
        std::int64_t integer = 0;
        if (std::from_chars(first, last, integer).ec != std::errc())
            return false;
        value = integer;
        return true;
    }
    std::uint64_t integer = 0;
    if (std::from_chars(first, last, integer).ec != std::errc())
        return false;
    value = integer;
    return true;
}

} // namespace

QString translated(const char *message)
{
    return QCoreApplication::translate("Formwork::JsonParser", message);
}

JsonParseError makeParseError(std::string_view text, const LexError &error, const QString &argument)
{
    JsonParseError result;
    result.kind = error.kind;
    result.message = argument.isNull() ? translated(error.message) : translated(error.message).arg(argument);
    result.offset = qsizetype(error.offset);
    const LineColumn position = lineColumnAt(text, result.offset);
    result.line = position.line;
    result.column = position.column;
    return result;
}

Status scanString(std::string_view text, std::size_t &pos, std::string &out, LexError &error)
{
    const char *data = text.data();
    const std::size_t size = text.size();
    std::size_t run = pos; // start of the bytes not yet copied to `out`
    std::size_t i = pos;
    const auto flush = [&] {
        out.append(data + run, i - run);
        pos = i;
    };
    while (i < size) {
        const auto byte = static_cast<unsigned char>(data[i]);
        if (plainStringBytes[byte]) {
            ++i;
            continue;
        }
        if (byte >= 0x80) {
            const int length = utf8SequenceLength(text, i);
            if (length > 0) {
                i += std::size_t(length);
                continue;
            }
            flush();
            if (length == 0)
                return failAt(error, Kind::InvalidUtf8, Message::invalidUtf8, i);
            return Status::EndOfInput;
        }
        flush();
        if (byte == '"') {
            pos = i + 1;
            return Status::Ok;
        }
        if (byte < 0x20)
            return failAt(error, Kind::UnescapedControlCharacter, Message::controlCharacter, i);
        const Status status = scanEscape(text, pos, out, error);
        if (status != Status::Ok)
            return status;
        i = run = pos;
    }
    flush();
    return Status::EndOfInput;
}

Status scanNumber(std::string_view text, std::size_t begin, bool mayGrow, std::size_t &end, Json &value,
                  LexError &error)
{
    const std::size_t size = text.size();
    std::size_t i = begin;
    const auto skipDigits = [&] {
        while (i < size && isDigit(text[i]))
            ++i;
    };

    if (text[i] == '-')
        ++i;
    if (i >= size)
        return Status::EndOfInput;
    const std::size_t integerBegin = i;
    if (text[i] == '0') {
        ++i;
        if (i < size && isDigit(text[i]))
            return failAt(error, Kind::InvalidNumber, Message::leadingZero, begin);
    } else if (isDigit(text[i])) {
        skipDigits();
    } else {
        return failAt(error, Kind::InvalidNumber, Message::digitAfterMinus, i);
    }
    const std::size_t integerEnd = i;
    bool isInteger = true;
    std::size_t fractionEnd = i;
    if (i < size && text[i] == '.') {
        isInteger = false;
        ++i;
        if (i >= size)
            return Status::EndOfInput;
        if (!isDigit(text[i]))
            return failAt(error, Kind::InvalidNumber, Message::digitAfterPoint, i);
        skipDigits();
        fractionEnd = i;
    }
    long long exponent = 0;
    if (i < size && (text[i] == 'e' || text[i] == 'E')) {
        isInteger = false;
        ++i;
        bool negative = false;
        if (i < size && (text[i] == '+' || text[i] == '-'))
            negative = text[i++] == '-';
        if (i >= size)
            return Status::EndOfInput;
        if (!isDigit(text[i]))
            return failAt(error, Kind::InvalidNumber, Message::digitInExponent, i);
        for (; i < size && isDigit(text[i]); ++i)
            exponent = std::min(exponent * 10 + (text[i] - '0'), 1'000'000'000LL);
        if (negative)
            exponent = -exponent;
    }
    if (i >= size && mayGrow)
        return Status::EndOfInput;
    end = i;

    const char *first = text.data() + begin;
    const char *last = text.data() + i;
    if (isInteger && convertInteger(first, last, value))
        return Status::Ok;
    double number = 0;
    const auto result = std::from_chars(first, last, number, std::chars_format::general);
    if (result.ec == std::errc::result_out_of_range)
        return outOfRange(text, begin, integerBegin, integerEnd, fractionEnd, exponent, value, error);
    if (result.ec != std::errc())
        return failAt(error, Kind::InvalidNumber, Message::expectedValue, begin);
    value = number;
    return Status::Ok;
}

Status scanLiteral(std::string_view text, std::size_t begin, std::size_t &end, Json &value, LexError &error)
{
    const char first = text[begin];
    const std::string_view word = first == 't' ? "true" : first == 'f' ? "false" : "null";
    const std::string_view available = text.substr(begin, word.size());
    if (available != word.substr(0, available.size()))
        return failAt(error, Kind::InvalidLiteral, Message::invalidLiteral, begin);
    if (available.size() < word.size())
        return Status::EndOfInput;
    end = begin + word.size();
    if (first == 't')
        value = true;
    else if (first == 'f')
        value = false;
    else
        value = nullptr;
    return Status::Ok;
}

void growMembers(Members &members)
{
    Members grown;
    grown.reserve(std::max<std::size_t>(8, members.capacity() * 2));
    for (auto &member : members)
        grown.emplace_back(member.first, std::move(member.second));
    members.swap(grown);
}

} // namespace Formwork::JsonLexing
