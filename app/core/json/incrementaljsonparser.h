// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonparser.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {

namespace JsonLexing {
struct LexError;
enum class Status;
} // namespace JsonLexing

// The value of a document that is still arriving, and the pointers of its values whose last
// byte has been read. Shared read-only with whoever shows it (see StreamProgress).
struct PartialJsonValue {
    nlohmann::ordered_json value;
    std::set<std::string, std::less<>> completePointers;
};

// Parses a JSON document that arrives in pieces. Each append() costs time in proportion to the
// bytes it adds, whatever came before: the parser keeps its stack and the value built so far and
// updates both in place, instead of parsing the whole prefix again as parsePartialJson() does.
// After every append() the state equals what parsePartialJson() makes of all the bytes so far:
// the value (open containers closed, an open string as far as it goes, a number, literal or key
// still arriving left out), hasValue, complete, completePointers and the error.
class IncrementalJsonParser
{
public:
    explicit IncrementalJsonParser(const JsonParseOptions &options = {});

    void append(std::string_view bytes);

    bool hasValue() const { return m_hasValue; }
    // The whole document has arrived (only whitespace may follow).
    bool isComplete() const { return m_state == State::Done && !m_error; }
    const nlohmann::ordered_json &value() const { return m_out->value; }
    const std::set<std::string, std::less<>> &completePointers() const { return m_out->completePointers; }
    // The value and its complete pointers, updated in place by later appends.
    std::shared_ptr<const PartialJsonValue> shared() const { return m_out; }
    // Set once the bytes cannot be the start of any JSON document; later bytes are ignored.
    const std::optional<JsonParseError> &error() const { return m_error; }
    // Every byte appended so far.
    std::string_view text() const { return m_text; }

private:
    enum class State {
        Start, // before the first value, where a byte order mark may stand
        Value,
        FirstElementOrEnd, // just after '['
        FirstKeyOrEnd, // just after '{'
        Key, // after ','
        KeyString,
        Colon,
        String,
        Number,
        Literal,
        AfterValue,
        Done,
    };

    struct Frame {
        nlohmann::ordered_json *container = nullptr;
        std::string pointer; // of the container
        std::string memberPointer; // of its member or element being read
        std::unique_ptr<std::unordered_map<std::string, std::size_t>> keyIndex; // long objects only
    };

    // One step from the current state; false when it needs more bytes or failed.
    bool step();
    bool readStart();
    bool readValue();
    bool readFirstElementOrEnd();
    bool readFirstKeyOrEnd();
    bool readKey();
    bool readKeyString();
    bool readColon();
    bool readString();
    bool readNumber();
    bool readLiteral();
    bool storeScalar(JsonLexing::Status status, std::size_t end, nlohmann::ordered_json value,
                     const JsonLexing::LexError &error);
    bool readAfterValue();
    bool readDone();

    bool openContainer(bool isObject);
    bool closeContainer();
    nlohmann::ordered_json *newSlot(std::string &pointer);
    nlohmann::ordered_json *memberSlot(Frame &frame, const std::string &pointer);
    void completeValue(const std::string &pointer);
    void forgetPointersUnder(const std::string &pointer);
    bool skipWhitespace();
    bool fail(JsonParseError::Kind kind, const char *message, std::size_t offset, const QString &argument = {});
    bool fail(const JsonLexing::LexError &error, const QString &argument = {});

    JsonParseOptions m_options;
    std::string m_text;
    std::size_t m_pos = 0;
    State m_state = State::Start;
    std::shared_ptr<PartialJsonValue> m_out;
    bool m_hasValue = false;
    std::vector<Frame> m_stack;
    bool m_firstKey = false; // the key being read follows '{', not ','
    std::string m_key;
    std::size_t m_tokenBegin = 0; // of the number or literal being read
    nlohmann::ordered_json *m_openString = nullptr;
    std::string m_scalarPointer; // of the scalar being read
    std::optional<JsonParseError> m_error;
};

} // namespace Formwork
