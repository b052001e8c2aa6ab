// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonparser.h"

#include "textpositions.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <unordered_map>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;
using Kind = JsonParseError::Kind;
using Members = Json::object_t::Container;
using NodeType = SourceMap::NodeType;

enum class Mode { Strict, Partial };

// Objects with more members than this get a hash index for the duplicate-key check.
constexpr std::size_t linearKeySearchLimit = 16;

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

QString translated(const char *message)
{
    return QCoreApplication::translate("Formwork::JsonParser", message);
}

// No exceptions and no recursion: every step reports one of these and the loop in run() goes on.
enum class Status { Ok, EndOfInput, Failed };

class Parser
{
public:
    Parser(std::string_view text, const JsonParseOptions &options, Mode mode)
        : m_text(text)
        , m_options(options)
        , m_mode(mode)
        , m_builder(m_sourceMap)
        , m_recordSourceMap((options.recordSourceMap || mode == Mode::Partial)
                            && text.size() < SourceMapBuilder::maxTextSize)
    {
        // Growing the map by doubling copies it over fresh pages again and again; a generous guess
        // costs only address space, since untouched pages are never faulted in.
        if (m_recordSourceMap)
            m_builder.reserve(text.size() / 8 + 16, text.size() / 4 + 16);
    }

    // Parses the whole text; Ok when it is one complete JSON document.
    Status run();

    std::optional<JsonParseError> takeError() { return std::move(m_error); }
    Json takeValue() { return std::move(m_root); }
    SourceMap takeSourceMap() { return std::move(m_sourceMap); }
    QList<JsonWarning> takeWarnings()
    {
        // One index for all warnings: a document full of repeated keys must not cost a scan per key.
        if (!m_warnings.isEmpty()) {
            const TextPositions positions(m_text);
            for (JsonWarning &warning : m_warnings) {
                const LineColumn position = positions.lineColumn(warning.range.begin);
                warning.line = position.line;
                warning.column = position.column;
            }
        }
        return std::move(m_warnings);
    }
    bool hasValue() const { return m_rootCreated; }
    qsizetype position() const { return qsizetype(m_pos); }

    // Marks the containers still open as ending where the parse stopped.
    void closeOpenContainers(qsizetype end);

private:
    enum class State { Value, FirstKey, NextKey, AfterValue };

    struct Frame {
        Json::array_t *array = nullptr;
        Json::object_t *object = nullptr;
        std::size_t node = 0;
        std::size_t currentMember = 0;
        std::unique_ptr<std::unordered_map<std::string, std::size_t>> keyIndex;
    };

    Status parseValue(State &state);
    Status openContainer(bool isObject, State &state);
    Status closeContainer(State &state);
    Status afterValue(State &state);
    Status parseKey(State &state);
    Status parseString(std::string &out);
    Status parseStringSlow(std::string &out, std::size_t start);
    Status parseEscape(std::string &out);
    Status parseNumber();
    Status parseLiteral();

    Json *newSlot();
    Json *memberSlot(Frame &frame);
    void addScalarNode(qsizetype begin, qsizetype end, bool complete = true);
    std::size_t addNode(NodeType type, qsizetype begin);
    void warnDuplicate();
    std::string currentPointer() const;

    Status fail(Kind kind, const char *message, std::size_t offset, const QString &argument = {});
    Status endOfInput(const char *message);
    Status endOfInputInContainer();

    void skipWhitespace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_pos;
        }
    }
    bool atEnd() const { return m_pos >= m_text.size(); }

    std::string_view m_text;
    std::size_t m_pos = 0;
    JsonParseOptions m_options;
    Mode m_mode;
    Json m_root;
    bool m_rootCreated = false;
    SourceMap m_sourceMap;
    SourceMapBuilder m_builder;
    bool m_recordSourceMap;
    std::vector<Frame> m_stack;
    QList<JsonWarning> m_warnings;
    std::optional<JsonParseError> m_error;

    std::string m_key;
    SourceRange m_keyRange;
    std::string m_string;
};

Status Parser::fail(Kind kind, const char *message, std::size_t offset, const QString &argument)
{
    JsonParseError error;
    error.kind = kind;
    error.message = argument.isNull() ? translated(message) : translated(message).arg(argument);
    error.offset = qsizetype(offset);
    const LineColumn position = lineColumnAt(m_text, error.offset);
    error.line = position.line;
    error.column = position.column;
    m_error = std::move(error);
    m_pos = offset;
    return Status::Failed;
}

Status Parser::endOfInput(const char *message)
{
    if (m_mode == Mode::Partial)
        return Status::EndOfInput;
    return fail(Kind::UnexpectedEndOfInput, message, m_text.size());
}

Status Parser::endOfInputInContainer()
{
    if (m_stack.empty())
        return endOfInput(Message::expectedValue);
    return endOfInput(m_stack.back().object ? Message::endInObject : Message::endInArray);
}

std::string Parser::currentPointer() const
{
    std::string pointer;
    for (const Frame &frame : m_stack) {
        if (frame.object)
            pointer = SourceMap::appendToken(pointer,
                                             static_cast<const Members &>(*frame.object)[frame.currentMember].first);
        else
            pointer = SourceMap::appendToken(pointer, std::to_string(frame.array->size() - 1));
    }
    return pointer;
}

void Parser::warnDuplicate()
{
    JsonWarning warning;
    warning.kind = JsonWarning::Kind::DuplicateKey;
    warning.message = translated(Message::duplicateKey).arg(QString::fromUtf8(m_key.data(), qsizetype(m_key.size())));
    warning.pointer = currentPointer();
    warning.range = m_keyRange; // line and column are filled in once at the end: see takeWarnings()
    m_warnings.append(std::move(warning));
}

// A member is a pair<const std::string, Json>, whose move constructor may throw (the key is
// copied), so std::vector grows it by deep-copying every value. Moving the values by hand copies
// only the keys: parsing an invoice got about a fifth faster.
void growMembers(Members &members)
{
    Members grown;
    grown.reserve(std::max<std::size_t>(8, members.capacity() * 2));
    for (auto &member : members)
        grown.emplace_back(member.first, std::move(member.second));
    members.swap(grown);
}

Json *Parser::memberSlot(Frame &frame)
{
    auto &members = static_cast<Members &>(*frame.object);
    std::optional<std::size_t> existing;
    if (frame.keyIndex) {
        const auto it = frame.keyIndex->find(m_key);
        if (it != frame.keyIndex->end())
            existing = it->second;
    } else {
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (members[i].first == m_key) {
                existing = i;
                break;
            }
        }
    }
    if (existing) {
        frame.currentMember = *existing;
        warnDuplicate();
        Json &value = members[*existing].second;
        value = nullptr;
        return &value;
    }
    if (members.size() == members.capacity())
        growMembers(members);
    members.emplace_back(m_key, nullptr);
    frame.currentMember = members.size() - 1;
    if (frame.keyIndex) {
        frame.keyIndex->emplace(m_key, frame.currentMember);
    } else if (members.size() > linearKeySearchLimit) {
        frame.keyIndex = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        for (std::size_t i = 0; i < members.size(); ++i)
            frame.keyIndex->emplace(members[i].first, i);
    }
    return &members.back().second;
}

Json *Parser::newSlot()
{
    if (m_stack.empty()) {
        m_rootCreated = true;
        return &m_root;
    }
    Frame &frame = m_stack.back();
    if (frame.array) {
        frame.array->emplace_back();
        return &frame.array->back();
    }
    return memberSlot(frame);
}

std::size_t Parser::addNode(NodeType type, qsizetype begin)
{
    if (!m_stack.empty() && m_stack.back().object)
        return m_builder.add(type, begin, m_keyRange.begin, m_keyRange.end, m_key);
    return m_builder.add(type, begin);
}

void Parser::addScalarNode(qsizetype begin, qsizetype end, bool complete)
{
    if (!m_recordSourceMap)
        return;
    const std::size_t node = addNode(NodeType::Scalar, begin);
    m_builder.finish(node, end, complete);
}

Status Parser::run()
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3;
    skipWhitespace();
    if (atEnd()) {
        if (m_mode == Mode::Partial)
            return Status::EndOfInput;
        return fail(Kind::EmptyDocument, Message::emptyDocument, m_pos);
    }
    State state = State::Value;
    while (true) {
        Status status = Status::Ok;
        switch (state) {
        case State::Value:
            status = parseValue(state);
            break;
        case State::FirstKey:
        case State::NextKey:
            status = parseKey(state);
            break;
        case State::AfterValue:
            if (m_stack.empty()) {
                skipWhitespace();
                if (!atEnd())
                    return fail(Kind::TrailingContent, Message::trailingContent, m_pos);
                return Status::Ok;
            }
            status = afterValue(state);
            break;
        }
        if (status != Status::Ok)
            return status;
    }
}

Status Parser::parseValue(State &state)
{
    skipWhitespace();
    if (atEnd())
        return endOfInputInContainer();
    const char c = m_text[m_pos];
    switch (c) {
    case '{':
        return openContainer(true, state);
    case '[':
        return openContainer(false, state);
    case '"': {
        const std::size_t begin = m_pos;
        const Status status = parseString(m_string);
        if (status == Status::Failed)
            return status;
        if (status == Status::EndOfInput) {
            // A partial string is shown as far as it goes: the text only ever grows.
            *newSlot() = std::move(m_string);
            addScalarNode(qsizetype(begin), qsizetype(m_text.size()), false);
            return status;
        }
        *newSlot() = std::move(m_string);
        addScalarNode(qsizetype(begin), qsizetype(m_pos));
        state = State::AfterValue;
        return Status::Ok;
    }
    case 't':
    case 'f':
    case 'n': {
        const Status status = parseLiteral();
        if (status == Status::Ok)
            state = State::AfterValue;
        return status;
    }
    default:
        if (c == '-' || isDigit(c)) {
            const Status status = parseNumber();
            if (status == Status::Ok)
                state = State::AfterValue;
            return status;
        }
        return fail(Kind::UnexpectedCharacter, Message::expectedValue, m_pos);
    }
}

Status Parser::openContainer(bool isObject, State &state)
{
    if (int(m_stack.size()) >= m_options.maxDepth)
        return fail(Kind::NestingTooDeep, Message::tooDeep, m_pos, QString::number(m_options.maxDepth));
    Json *slot = newSlot();
    Frame frame;
    if (m_recordSourceMap)
        frame.node = addNode(isObject ? NodeType::Object : NodeType::Array, qsizetype(m_pos));
    if (isObject) {
        *slot = Json::object();
        frame.object = &slot->get_ref<Json::object_t &>();
    } else {
        *slot = Json::array();
        frame.array = &slot->get_ref<Json::array_t &>();
    }
    m_stack.push_back(std::move(frame));
    ++m_pos;
    skipWhitespace();
    if (atEnd())
        return endOfInputInContainer();
    if (m_text[m_pos] == (isObject ? '}' : ']'))
        return closeContainer(state);
    state = isObject ? State::FirstKey : State::Value;
    return Status::Ok;
}

Status Parser::closeContainer(State &state)
{
    ++m_pos;
    if (m_recordSourceMap)
        m_builder.finish(m_stack.back().node, qsizetype(m_pos));
    m_stack.pop_back();
    state = State::AfterValue;
    return Status::Ok;
}

Status Parser::afterValue(State &state)
{
    skipWhitespace();
    if (atEnd())
        return endOfInputInContainer();
    const bool inObject = m_stack.back().object != nullptr;
    const char c = m_text[m_pos];
    if (c == ',') {
        ++m_pos;
        state = inObject ? State::NextKey : State::Value;
        return Status::Ok;
    }
    if (c == (inObject ? '}' : ']'))
        return closeContainer(state);
    return fail(Kind::UnexpectedCharacter, inObject ? Message::expectedCommaOrBrace : Message::expectedCommaOrBracket,
                m_pos);
}

Status Parser::parseKey(State &state)
{
    skipWhitespace();
    if (atEnd())
        return endOfInputInContainer();
    if (m_text[m_pos] != '"')
        return fail(Kind::UnexpectedCharacter,
                    state == State::FirstKey ? Message::expectedKeyOrEnd : Message::expectedKey, m_pos);
    const std::size_t begin = m_pos;
    const Status status = parseString(m_key);
    if (status != Status::Ok)
        return status;
    m_keyRange = SourceRange { qsizetype(begin), qsizetype(m_pos) };
    skipWhitespace();
    if (atEnd())
        return endOfInputInContainer();
    if (m_text[m_pos] != ':')
        return fail(Kind::UnexpectedCharacter, Message::expectedColon, m_pos);
    ++m_pos;
    state = State::Value;
    return Status::Ok;
}

Status Parser::parseString(std::string &out)
{
    const std::size_t start = m_pos + 1;
    std::size_t i = start;
    const std::size_t size = m_text.size();
    const char *data = m_text.data();
    while (i < size) {
        const auto byte = static_cast<unsigned char>(data[i]);
        if (plainStringBytes[byte]) {
            ++i;
            continue;
        }
        if (byte == '"') {
            out.assign(data + start, i - start);
            m_pos = i + 1;
            return Status::Ok;
        }
        if (byte >= 0x80) {
            const int length = utf8SequenceLength(m_text, i);
            if (length > 0) {
                i += std::size_t(length);
                continue;
            }
            if (length == 0)
                return fail(Kind::InvalidUtf8, Message::invalidUtf8, i);
        }
        break; // an escape, a control character, or the end of the text
    }
    out.assign(data + start, i - start);
    return parseStringSlow(out, i);
}

Status Parser::parseStringSlow(std::string &out, std::size_t from)
{
    m_pos = from;
    while (m_pos < m_text.size()) {
        const auto byte = static_cast<unsigned char>(m_text[m_pos]);
        if (byte == '"') {
            ++m_pos;
            return Status::Ok;
        }
        if (byte == '\\') {
            const Status status = parseEscape(out);
            if (status != Status::Ok)
                return status;
            continue;
        }
        if (byte < 0x20)
            return fail(Kind::UnescapedControlCharacter, Message::controlCharacter, m_pos);
        if (byte >= 0x80) {
            const int length = utf8SequenceLength(m_text, m_pos);
            if (length == 0)
                return fail(Kind::InvalidUtf8, Message::invalidUtf8, m_pos);
            if (length < 0)
                break;
            out.append(m_text.substr(m_pos, std::size_t(length)));
            m_pos += std::size_t(length);
            continue;
        }
        out.push_back(char(byte));
        ++m_pos;
    }
    m_pos = m_text.size();
    return endOfInput(Message::endInString);
}

Status Parser::parseEscape(std::string &out)
{
    const std::size_t escape = m_pos;
    const auto readHex = [this](std::size_t at, char32_t &value) {
        if (at + 4 > m_text.size()) {
            for (std::size_t i = at; i < m_text.size(); ++i) {
                if (hexValue(m_text[i]) < 0)
                    return Status::Failed;
            }
            return Status::EndOfInput;
        }
        value = 0;
        for (std::size_t i = at; i < at + 4; ++i) {
            const int digit = hexValue(m_text[i]);
            if (digit < 0)
                return Status::Failed;
            value = value * 16 + char32_t(digit);
        }
        return Status::Ok;
    };
    const auto stopAtEnd = [&] {
        m_pos = m_text.size();
        return endOfInput(Message::endInString);
    };

    if (escape + 1 >= m_text.size())
        return stopAtEnd();
    const char kind = m_text[escape + 1];
    char simple = 0;
    switch (kind) {
    case '"':
    case '\\':
    case '/':
        simple = kind;
        break;
    case 'b':
        simple = '\b';
        break;
    case 'f':
        simple = '\f';
        break;
    case 'n':
        simple = '\n';
        break;
    case 'r':
        simple = '\r';
        break;
    case 't':
        simple = '\t';
        break;
    case 'u':
        break;
    default:
        return fail(Kind::InvalidEscape, Message::invalidEscape, escape);
    }
    if (simple) {
        out.push_back(simple);
        m_pos = escape + 2;
        return Status::Ok;
    }

    char32_t unit = 0;
    Status status = readHex(escape + 2, unit);
    if (status == Status::Failed)
        return fail(Kind::InvalidUnicodeEscape, Message::invalidUnicodeEscape, escape);
    if (status == Status::EndOfInput)
        return stopAtEnd();
    if (unit >= 0xDC00 && unit <= 0xDFFF)
        return fail(Kind::LoneSurrogate, Message::loneSurrogate, escape);
    if (unit < 0xD800 || unit > 0xDBFF) {
        appendUtf8(out, unit);
        m_pos = escape + 6;
        return Status::Ok;
    }

    // A high surrogate must be followed by an escaped low surrogate.
    const std::size_t second = escape + 6;
    const std::string_view marker = m_text.substr(std::min(second, m_text.size()), 2);
    if (marker.size() < 2 && std::string_view("\\u").substr(0, marker.size()) == marker)
        return stopAtEnd();
    if (marker != "\\u")
        return fail(Kind::LoneSurrogate, Message::loneSurrogate, escape);
    char32_t low = 0;
    status = readHex(second + 2, low);
    if (status == Status::Failed)
        return fail(Kind::InvalidUnicodeEscape, Message::invalidUnicodeEscape, second);
    if (status == Status::EndOfInput)
        return stopAtEnd();
    if (low < 0xDC00 || low > 0xDFFF)
        return fail(Kind::LoneSurrogate, Message::loneSurrogate, escape);
    appendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
    m_pos = second + 6;
    return Status::Ok;
}

Status Parser::parseNumber()
{
    const std::size_t begin = m_pos;
    const std::size_t size = m_text.size();
    std::size_t i = m_pos;
    const auto stopAtEnd = [&] {
        m_pos = size;
        return endOfInput(Message::endInNumber);
    };
    const auto skipDigits = [&] {
        while (i < size && isDigit(m_text[i]))
            ++i;
    };

    if (m_text[i] == '-')
        ++i;
    if (i >= size)
        return stopAtEnd();
    const std::size_t integerBegin = i;
    if (m_text[i] == '0') {
        ++i;
        if (i < size && isDigit(m_text[i]))
            return fail(Kind::InvalidNumber, Message::leadingZero, begin);
    } else if (isDigit(m_text[i])) {
        skipDigits();
    } else {
        return fail(Kind::InvalidNumber, Message::digitAfterMinus, i);
    }
    const std::size_t integerEnd = i;
    bool isInteger = true;
    std::size_t fractionEnd = i;
    if (i < size && m_text[i] == '.') {
        isInteger = false;
        ++i;
        if (i >= size)
            return stopAtEnd();
        if (!isDigit(m_text[i]))
            return fail(Kind::InvalidNumber, Message::digitAfterPoint, i);
        skipDigits();
        fractionEnd = i;
    }
    long long exponent = 0;
    if (i < size && (m_text[i] == 'e' || m_text[i] == 'E')) {
        isInteger = false;
        ++i;
        bool negative = false;
        if (i < size && (m_text[i] == '+' || m_text[i] == '-'))
            negative = m_text[i++] == '-';
        if (i >= size)
            return stopAtEnd();
        if (!isDigit(m_text[i]))
            return fail(Kind::InvalidNumber, Message::digitInExponent, i);
        for (; i < size && isDigit(m_text[i]); ++i)
            exponent = std::min(exponent * 10 + (m_text[i] - '0'), 1'000'000'000LL);
        if (negative)
            exponent = -exponent;
    }
    // In a stream the next chunk may still add digits.
    if (i >= size && m_mode == Mode::Partial)
        return stopAtEnd();
    m_pos = i;

    const char *first = m_text.data() + begin;
    const char *last = m_text.data() + i;
    Json value;
    bool converted = false;
    if (isInteger) {
        if (*first == '-') {
            std::int64_t integer = 0;
            converted = std::from_chars(first, last, integer).ec == std::errc();
            if (converted)
                value = integer;
        } else {
            std::uint64_t integer = 0;
            converted = std::from_chars(first, last, integer).ec == std::errc();
            if (converted)
                value = integer;
        }
    }
    if (!converted) {
        double number = 0;
        const auto result = std::from_chars(first, last, number, std::chars_format::general);
        if (result.ec == std::errc::result_out_of_range) {
            // Decimal magnitude of the first significant digit tells overflow from underflow.
            const std::string_view integerDigits = m_text.substr(integerBegin, integerEnd - integerBegin);
            long long magnitude = 0;
            if (integerDigits != "0") {
                magnitude = (long long)integerDigits.size() - 1 + exponent;
            } else {
                const std::string_view fraction = m_text.substr(integerEnd + 1, fractionEnd - integerEnd - 1);
                const std::size_t firstSignificant = fraction.find_first_not_of('0');
                magnitude
                    = firstSignificant == std::string_view::npos ? -1 : -(long long)firstSignificant - 1 + exponent;
            }
            if (magnitude >= 0)
                return fail(Kind::NumberOutOfRange, Message::numberTooLarge, begin);
            number = *first == '-' ? -0.0 : 0.0;
        } else if (result.ec != std::errc()) {
            return fail(Kind::InvalidNumber, Message::expectedValue, begin);
        }
        value = number;
    }
    *newSlot() = std::move(value);
    addScalarNode(qsizetype(begin), qsizetype(i));
    return Status::Ok;
}

Status Parser::parseLiteral()
{
    const std::size_t begin = m_pos;
    const char first = m_text[begin];
    const std::string_view word = first == 't' ? "true" : first == 'f' ? "false" : "null";
    const std::string_view available = m_text.substr(begin, word.size());
    if (available != word.substr(0, available.size()))
        return fail(Kind::InvalidLiteral, Message::invalidLiteral, begin);
    if (available.size() < word.size()) {
        m_pos = m_text.size();
        return endOfInput(Message::endInLiteral);
    }
    m_pos = begin + word.size();
    Json value;
    if (first == 't')
        value = true;
    else if (first == 'f')
        value = false;
    *newSlot() = std::move(value);
    addScalarNode(qsizetype(begin), qsizetype(m_pos));
    return Status::Ok;
}

void Parser::closeOpenContainers(qsizetype end)
{
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it)
        m_builder.finish(it->node, end, false);
    m_stack.clear();
}

} // namespace

Result<ParsedJson, JsonParseError> parseJson(std::string_view utf8, const JsonParseOptions &options)
{
    Parser parser(utf8, options, Mode::Strict);
    if (parser.run() != Status::Ok)
        return *parser.takeError();
    ParsedJson parsed;
    parsed.value = parser.takeValue();
    parsed.sourceMap = parser.takeSourceMap();
    parsed.warnings = parser.takeWarnings();
    return parsed;
}

PartialJson parsePartialJson(std::string_view prefix, const JsonParseOptions &options)
{
    Parser parser(prefix, options, Mode::Partial);
    const Status status = parser.run();
    PartialJson partial;
    partial.complete = status == Status::Ok;
    if (status == Status::Failed) {
        partial.error = parser.takeError();
        partial.consumed = partial.error->offset;
    } else {
        partial.consumed = qsizetype(prefix.size());
    }
    parser.closeOpenContainers(partial.consumed);
    partial.hasValue = parser.hasValue();
    partial.value = parser.takeValue();
    partial.sourceMap = parser.takeSourceMap();
    partial.warnings = parser.takeWarnings();
    const std::vector<std::string> completePointers = partial.sourceMap.completePointers();
    partial.completePointers.insert(completePointers.begin(), completePointers.end());
    return partial;
}

} // namespace Formwork
