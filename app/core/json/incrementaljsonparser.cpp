// SPDX-License-Identifier: GPL-3.0-or-later
#include "incrementaljsonparser.h"

#include "jsonlexing_p.h"

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;
using Kind = JsonParseError::Kind;
using JsonLexing::LexError;
using JsonLexing::Message;
using JsonLexing::Status;

// Objects with more members than this get a hash index for the duplicate-key check.
constexpr std::size_t linearKeySearchLimit = 16;

} // namespace

IncrementalJsonParser::IncrementalJsonParser(const JsonParseOptions &options)
    : m_options(options)
    , m_out(std::make_shared<PartialJsonValue>())
{
}

void IncrementalJsonParser::append(std::string_view bytes)
{
    if (m_error)
        return;
    m_text.append(bytes);
    while (!m_error && step()) { }
}

bool IncrementalJsonParser::step()
{
    switch (m_state) {
    case State::Start:
        return readStart();
    case State::Value:
        return readValue();
    case State::FirstElementOrEnd:
        return readFirstElementOrEnd();
    case State::FirstKeyOrEnd:
        return readFirstKeyOrEnd();
    case State::Key:
        return readKey();
    case State::KeyString:
        return readKeyString();
    case State::Colon:
        return readColon();
    case State::String:
        return readString();
    case State::Number:
        return readNumber();
    case State::Literal:
        return readLiteral();
    case State::AfterValue:
        return readAfterValue();
    case State::Done:
        return readDone();
    }
    return false;
}

bool IncrementalJsonParser::readStart()
{
    constexpr std::string_view byteOrderMark = "\xEF\xBB\xBF";
    // Cut inside the byte order mark: nothing is wrong yet.
    if (m_text.size() < byteOrderMark.size() && byteOrderMark.starts_with(m_text))
        return false;
    if (m_text.starts_with(byteOrderMark))
        m_pos = byteOrderMark.size();
    m_state = State::Value;
    return true;
}

bool IncrementalJsonParser::readValue()
{
    if (!skipWhitespace())
        return false;
    const char c = m_text[m_pos];
    switch (c) {
    case '{':
        return openContainer(true);
    case '[':
        return openContainer(false);
    case '"':
        // Shown at once, as far as it goes: the text of a string only ever grows.
        m_openString = newSlot(m_scalarPointer);
        *m_openString = std::string();
        ++m_pos;
        m_state = State::String;
        return true;
    case 't':
    case 'f':
    case 'n':
        m_tokenBegin = m_pos;
        m_state = State::Literal;
        return true;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            m_tokenBegin = m_pos;
            m_state = State::Number;
            return true;
        }
        return fail(Kind::UnexpectedCharacter, Message::expectedValue, m_pos);
    }
}

bool IncrementalJsonParser::readFirstElementOrEnd()
{
    if (!skipWhitespace())
        return false;
    if (m_text[m_pos] == ']')
        return closeContainer();
    m_state = State::Value;
    return true;
}

bool IncrementalJsonParser::readFirstKeyOrEnd()
{
    if (!skipWhitespace())
        return false;
    if (m_text[m_pos] == '}')
        return closeContainer();
    m_firstKey = true;
    m_state = State::Key;
    return true;
}

bool IncrementalJsonParser::readKey()
{
    if (!skipWhitespace())
        return false;
    if (m_text[m_pos] != '"')
        return fail(Kind::UnexpectedCharacter, m_firstKey ? Message::expectedKeyOrEnd : Message::expectedKey, m_pos);
    m_key.clear();
    ++m_pos;
    m_state = State::KeyString;
    return true;
}

bool IncrementalJsonParser::readKeyString()
{
    LexError error;
    const Status status = JsonLexing::scanString(m_text, m_pos, m_key, error);
    if (status == Status::Failed)
        return fail(error);
    if (status == Status::EndOfInput)
        return false;
    m_state = State::Colon;
    return true;
}

bool IncrementalJsonParser::readColon()
{
    if (!skipWhitespace())
        return false;
    if (m_text[m_pos] != ':')
        return fail(Kind::UnexpectedCharacter, Message::expectedColon, m_pos);
    ++m_pos;
    m_state = State::Value;
    return true;
}

bool IncrementalJsonParser::readString()
{
    LexError error;
    const Status status = JsonLexing::scanString(m_text, m_pos, m_openString->get_ref<std::string &>(), error);
    if (status == Status::Failed)
        return fail(error);
    if (status == Status::EndOfInput)
        return false;
    m_openString = nullptr;
    completeValue(m_scalarPointer);
    m_state = State::AfterValue;
    return true;
}

// A number or a literal is read again from its first byte when more arrives: both are short, and
// until their end is seen nothing of them is shown.
bool IncrementalJsonParser::readNumber()
{
    std::size_t end = 0;
    Json number;
    LexError error;
    const Status status = JsonLexing::scanNumber(m_text, m_tokenBegin, true, end, number, error);
    return storeScalar(status, end, std::move(number), error);
}

bool IncrementalJsonParser::readLiteral()
{
    std::size_t end = 0;
    Json literal;
    LexError error;
    const Status status = JsonLexing::scanLiteral(m_text, m_tokenBegin, end, literal, error);
    return storeScalar(status, end, std::move(literal), error);
}

// What a scan of a number or a literal found: the value, the need for more bytes, or the error.
bool IncrementalJsonParser::storeScalar(Status status, std::size_t end, Json value, const LexError &error)
{
    if (status == Status::Failed)
        return fail(error);
    if (status == Status::EndOfInput)
        return false;
    *newSlot(m_scalarPointer) = std::move(value);
    completeValue(m_scalarPointer);
    m_pos = end;
    m_state = State::AfterValue;
    return true;
}

bool IncrementalJsonParser::readAfterValue()
{
    if (m_stack.empty()) {
        m_state = State::Done;
        return true;
    }
    if (!skipWhitespace())
        return false;
    const bool inObject = m_stack.back().container->is_object();
    const char c = m_text[m_pos];
    if (c == ',') {
        ++m_pos;
        m_firstKey = false;
        m_state = inObject ? State::Key : State::Value;
        return true;
    }
    if (c == (inObject ? '}' : ']'))
        return closeContainer();
    return fail(Kind::UnexpectedCharacter, inObject ? Message::expectedCommaOrBrace : Message::expectedCommaOrBracket,
                m_pos);
}

bool IncrementalJsonParser::readDone()
{
    if (!skipWhitespace())
        return false;
    return fail(Kind::TrailingContent, Message::trailingContent, m_pos);
}

bool IncrementalJsonParser::openContainer(bool isObject)
{
    if (int(m_stack.size()) >= m_options.maxDepth)
        return fail(Kind::NestingTooDeep, Message::tooDeep, m_pos, QString::number(m_options.maxDepth));
    Frame frame;
    Json *slot = newSlot(frame.pointer);
    *slot = isObject ? Json::object() : Json::array();
    // Stable while the container is open: its parent gains no member until it closes.
    frame.container = slot;
    m_stack.push_back(std::move(frame));
    ++m_pos;
    m_state = isObject ? State::FirstKeyOrEnd : State::FirstElementOrEnd;
    return true;
}

bool IncrementalJsonParser::closeContainer()
{
    ++m_pos;
    completeValue(m_stack.back().pointer);
    m_stack.pop_back();
    m_state = State::AfterValue;
    return true;
}

Json *IncrementalJsonParser::newSlot(std::string &pointer)
{
    if (m_stack.empty()) {
        m_hasValue = true;
        pointer.clear();
        return &m_out->value;
    }
    Frame &frame = m_stack.back();
    if (frame.container->is_array()) {
        auto &array = frame.container->get_ref<Json::array_t &>();
        pointer = SourceMap::appendToken(frame.pointer, std::to_string(array.size()));
        return &array.emplace_back();
    }
    pointer = SourceMap::appendToken(frame.pointer, m_key);
    return memberSlot(frame, pointer);
}

// The member named m_key; a repeated key takes the place of the first one (the last value wins,
// as in the whole-text parser), so what was complete under it no longer is.
Json *IncrementalJsonParser::memberSlot(Frame &frame, const std::string &pointer)
{
    auto &members = static_cast<Json::object_t::Container &>(frame.container->get_ref<Json::object_t &>());
    std::optional<std::size_t> existing;
    if (frame.keyIndex) {
        const auto it = frame.keyIndex->find(m_key);
        if (it != frame.keyIndex->end())
            existing = it->second;
    } else {
        for (std::size_t i = 0; i < members.size() && !existing; ++i) {
            if (members[i].first == m_key)
                existing = i;
        }
    }
    if (existing) {
        forgetPointersUnder(pointer);
        Json &member = members[*existing].second;
        member = nullptr;
        return &member;
    }
    if (members.size() == members.capacity())
        JsonLexing::growMembers(members);
    members.emplace_back(m_key, nullptr);
    if (frame.keyIndex) {
        frame.keyIndex->emplace(m_key, members.size() - 1);
    } else if (members.size() > linearKeySearchLimit) {
        frame.keyIndex = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        for (std::size_t i = 0; i < members.size(); ++i)
            frame.keyIndex->emplace(members[i].first, i);
    }
    return &members.back().second;
}

void IncrementalJsonParser::completeValue(const std::string &pointer)
{
    m_out->completePointers.insert(pointer);
}

void IncrementalJsonParser::forgetPointersUnder(const std::string &pointer)
{
    auto &complete = m_out->completePointers;
    complete.erase(pointer);
    const std::string prefix = pointer + '/';
    auto it = complete.lower_bound(prefix);
    while (it != complete.end() && it->starts_with(prefix))
        it = complete.erase(it);
}

bool IncrementalJsonParser::skipWhitespace()
{
    while (m_pos < m_text.size() && JsonLexing::isWhitespace(m_text[m_pos]))
        ++m_pos;
    return m_pos < m_text.size();
}

bool IncrementalJsonParser::fail(Kind kind, const char *message, std::size_t offset, const QString &argument)
{
    return fail(LexError { kind, message, offset }, argument);
}

bool IncrementalJsonParser::fail(const LexError &error, const QString &argument)
{
    m_error = JsonLexing::makeParseError(m_text, error, argument);
    return false;
}

} // namespace Formwork
