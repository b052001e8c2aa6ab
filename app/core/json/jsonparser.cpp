// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonparser.h"

#include "jsonlexing_p.h"
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
using JsonLexing::Members;
using NodeType = SourceMap::NodeType;

enum class Mode { Strict, Partial };

// Objects with more members than this get a hash index for the duplicate-key check.
constexpr std::size_t linearKeySearchLimit = 16;

// No exceptions and no recursion: every step reports a Status and the loop in run() goes on.
using JsonLexing::LexError;
using JsonLexing::Message;
using JsonLexing::Status;
using JsonLexing::translated;

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
        m_stack.reserve(16);
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
    Status parseNumber();
    Status parseLiteral();

    Json *newSlot();
    Json *memberSlot(Frame &frame);
    void addScalarNode(qsizetype begin, qsizetype end, bool complete = true);
    std::size_t addNode(NodeType type, qsizetype begin);
    void warnDuplicate();
    std::string currentPointer() const;

    Status fail(Kind kind, const char *message, std::size_t offset, const QString &argument = {});
    Status fail(const LexError &error, const QString &argument = {});
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
    return fail(LexError { kind, message, offset }, argument);
}

Status Parser::fail(const LexError &error, const QString &argument)
{
    m_error = JsonLexing::makeParseError(m_text, error, argument);
    m_pos = error.offset;
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
        JsonLexing::growMembers(members);
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
        // Growing 1, 2, 4 costs an allocation each time; most arrays hold a few elements.
        if (frame.array->empty())
            frame.array->reserve(4);
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
    constexpr std::string_view byteOrderMark = "\xEF\xBB\xBF";
    // Text cut inside the byte order mark: a stream has not shown anything wrong yet, and a whole
    // document ended too early (as one cut inside a literal), not at a wrong character.
    if (!m_text.empty() && m_text.size() < byteOrderMark.size() && byteOrderMark.starts_with(m_text))
        return endOfInput(Message::endInByteOrderMark);
    if (m_text.starts_with(byteOrderMark))
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
        if (status == Status::Failed && m_mode == Mode::Strict)
            return status;
        if (status != Status::Ok) {
            // A partial string is shown as far as it goes: the text only ever grows. A bad byte
            // later in it does not take back what was shown (the incremental parser agrees).
            *newSlot() = std::move(m_string);
            addScalarNode(qsizetype(begin), qsizetype(m_pos), false);
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
        if (c == '-' || (c >= '0' && c <= '9')) {
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
    out.clear();
    std::size_t pos = m_pos + 1;
    LexError error;
    const Status status = JsonLexing::scanString(m_text, pos, out, error);
    if (status == Status::Failed)
        return fail(error);
    if (status == Status::EndOfInput) {
        m_pos = m_text.size();
        return endOfInput(Message::endInString);
    }
    m_pos = pos;
    return Status::Ok;
}

Status Parser::parseNumber()
{
    const std::size_t begin = m_pos;
    std::size_t end = 0;
    Json value;
    LexError error;
    const Status status = JsonLexing::scanNumber(m_text, begin, m_mode == Mode::Partial, end, value, error);
    if (status == Status::Failed)
        return fail(error);
    if (status == Status::EndOfInput) {
        m_pos = m_text.size();
        return endOfInput(Message::endInNumber);
    }
    m_pos = end;
    *newSlot() = std::move(value);
    addScalarNode(qsizetype(begin), qsizetype(end));
    return Status::Ok;
}

Status Parser::parseLiteral()
{
    const std::size_t begin = m_pos;
    std::size_t end = 0;
    Json value;
    LexError error;
    const Status status = JsonLexing::scanLiteral(m_text, begin, end, value, error);
    if (status == Status::Failed)
        return fail(error);
    if (status == Status::EndOfInput) {
        m_pos = m_text.size();
        return endOfInput(Message::endInLiteral);
    }
    m_pos = end;
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
