// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcemap.h"

#include "jsonlexing_p.h"
#include "jsonvaluelocator.h"

#include <algorithm>
#include <unordered_map>

namespace Formwork {

namespace {

// Splits off the next reference token of a pointer and unescapes it; nullopt on a bad "~" escape.
std::optional<std::string> unescapeToken(std::string_view raw)
{
    std::string token;
    token.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '~') {
            token.push_back(raw[i]);
            continue;
        }
        if (i + 1 >= raw.size())
            return std::nullopt;
        const char next = raw[++i];
        if (next == '0')
            token.push_back('~');
        else if (next == '1')
            token.push_back('/');
        else
            return std::nullopt;
    }
    return token;
}

// RFC 6901 array index: "0" or a number without leading zeros.
std::optional<std::size_t> arrayIndex(std::string_view token)
{
    if (token.empty() || token.size() > 18 || (token.size() > 1 && token.front() == '0'))
        return std::nullopt;
    std::size_t index = 0;
    for (const char c : token) {
        if (c < '0' || c > '9')
            return std::nullopt;
        index = index * 10 + std::size_t(c - '0');
    }
    return index;
}

// Walks a text that is known to be valid JSON, skipping values without decoding them.
class RawJsonWalker
{
public:
    explicit RawJsonWalker(std::string_view text)
        : m_text(text)
    {
    }

    // Where the document's value begins (after a byte order mark and white space).
    std::size_t rootBegin() const
    {
        std::size_t pos = m_text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        return skipWhitespace(pos);
    }

    std::size_t skipWhitespace(std::size_t pos) const
    {
        while (pos < m_text.size() && JsonLexing::isWhitespace(m_text[pos]))
            ++pos;
        return pos;
    }

    // From the opening quote to after the closing one.
    std::size_t skipString(std::size_t pos) const
    {
        for (++pos; pos < m_text.size(); ++pos) {
            const char c = m_text[pos];
            if (!stringSpecial(c))
                continue;
            if (c == '"')
                return pos + 1;
            ++pos; // the escaped byte
        }
        return m_text.size();
    }

    // From the first byte of a value to after its last.
    std::size_t skipValue(std::size_t pos) const
    {
        if (pos >= m_text.size())
            return pos;
        const char first = m_text[pos];
        if (first == '"')
            return skipString(pos);
        if (first != '{' && first != '[') {
            while (pos < m_text.size() && !isDelimiter(m_text[pos]))
                ++pos;
            return pos;
        }
        int depth = 0;
        while (pos < m_text.size()) {
            const char c = m_text[pos];
            if (!structural(c)) {
                ++pos;
                continue;
            }
            if (c == '"') {
                pos = skipString(pos);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return pos + 1;
            ++pos;
        }
        return pos;
    }

    // The range of the child `token` of the container whose first byte is at `begin`. When the
    // object may repeat a key, all its members are read (the last one counts).
    std::optional<SourceRange> child(std::size_t begin, std::string_view token, bool duplicateKeys) const
    {
        if (m_text[begin] == '[')
            return element(begin, token);
        if (m_text[begin] != '{')
            return std::nullopt;
        // A key given twice: the last one is the value the parser kept.
        std::optional<SourceRange> found;
        std::size_t pos = skipWhitespace(begin + 1);
        while (pos < m_text.size() && m_text[pos] == '"') {
            const std::size_t keyEnd = skipString(pos);
            const bool match = keyEquals(pos, keyEnd, token);
            const std::size_t valueBegin = skipWhitespace(skipWhitespace(keyEnd) + 1); // after ':'
            const std::size_t valueEnd = skipValue(valueBegin);
            if (match) {
                found = SourceRange { qsizetype(valueBegin), qsizetype(valueEnd) };
                if (!duplicateKeys)
                    break;
            }
            pos = nextMember(valueEnd);
        }
        return found;
    }

private:
    static bool isDelimiter(char c) { return c == ',' || c == '}' || c == ']' || JsonLexing::isWhitespace(c); }
    static bool stringSpecial(char c) { return c == '"' || c == '\\'; }
    // The bytes that matter when a container is skipped: '"' '[' ']' '{' '}' (all in 0x22..0x7D).
    static bool structural(char c) { return c == '"' || ((c | 0x20) == '{') || ((c | 0x20) == '}'); }

    std::optional<SourceRange> element(std::size_t begin, std::string_view token) const
    {
        const auto index = arrayIndex(token);
        if (!index)
            return std::nullopt;
        std::size_t pos = skipWhitespace(begin + 1);
        for (std::size_t i = 0; pos < m_text.size() && m_text[pos] != ']'; ++i) {
            const std::size_t end = skipValue(pos);
            if (i == *index)
                return SourceRange { qsizetype(pos), qsizetype(end) };
            pos = nextMember(end);
        }
        return std::nullopt;
    }

    // After a value inside a container: the start of the next member or element, or of the
    // closing bracket.
    std::size_t nextMember(std::size_t valueEnd) const
    {
        std::size_t pos = skipWhitespace(valueEnd);
        if (pos < m_text.size() && m_text[pos] == ',')
            pos = skipWhitespace(pos + 1);
        return pos;
    }

    bool keyEquals(std::size_t quote, std::size_t end, std::string_view token) const
    {
        const std::string_view raw = m_text.substr(quote + 1, end - quote - 2);
        if (raw.find('\\') == std::string_view::npos)
            return raw == token;
        std::string decoded;
        std::size_t pos = quote + 1;
        JsonLexing::LexError error;
        return JsonLexing::scanString(m_text, pos, decoded, error) == JsonLexing::Status::Ok && decoded == token;
    }

    std::string_view m_text;
};

} // namespace

std::optional<SourceRange> locateJsonValue(std::string_view text, std::string_view jsonPointer,
                                           DuplicateKeys duplicateKeys)
{
    const RawJsonWalker walker(text);
    std::size_t begin = walker.rootBegin();
    if (begin >= text.size())
        return std::nullopt;
    // Only the containers' first bytes are needed on the way down: the end of a value is found
    // (by skipping it) for the wanted one alone, or as a member is stepped over.
    std::optional<SourceRange> range;
    if (jsonPointer.empty())
        return SourceRange { qsizetype(begin), qsizetype(walker.skipValue(begin)) };
    if (jsonPointer.front() != '/')
        return std::nullopt;
    std::string_view rest = jsonPointer.substr(1);
    while (true) {
        const std::size_t slash = rest.find('/');
        const auto token = unescapeToken(rest.substr(0, slash));
        if (!token)
            return std::nullopt;
        range = walker.child(begin, *token, duplicateKeys == DuplicateKeys::Possible);
        if (!range || slash == std::string_view::npos)
            return range;
        begin = std::size_t(range->begin);
        rest.remove_prefix(slash + 1);
    }
}

std::string SourceMap::appendToken(std::string_view pointer, std::string_view token)
{
    std::string result;
    result.reserve(pointer.size() + token.size() + 1);
    result.append(pointer);
    result.push_back('/');
    for (const char c : token) {
        if (c == '~')
            result.append("~0");
        else if (c == '/')
            result.append("~1");
        else
            result.push_back(c);
    }
    return result;
}

std::string_view SourceMap::nameOf(const Node &node) const
{
    return std::string_view(m_names).substr(node.nameOffset, node.nameLength);
}

SourceRange SourceMap::shifted(qsizetype begin, qsizetype end) const
{
    return SourceRange { begin + m_shift, end + m_shift };
}

std::optional<std::size_t> SourceMap::findChild(std::size_t parent, std::string_view token) const
{
    const Node &node = m_nodes[parent];
    const std::size_t last = parent + node.subtreeSize;
    if (node.type == NodeType::Array) {
        const auto index = arrayIndex(token);
        if (!index)
            return std::nullopt;
        if (const auto it = m_longArrays.find(std::uint32_t(parent)); it != m_longArrays.end()) {
            if (*index >= it->second.count)
                return std::nullopt;
            return std::size_t(m_elements[it->second.first + *index]);
        }
        std::size_t child = parent + 1;
        for (std::size_t i = 0; i < *index && child < last; ++i)
            child += m_nodes[child].subtreeSize;
        return child < last ? std::optional(child) : std::nullopt;
    }
    if (node.type != NodeType::Object)
        return std::nullopt;
    // A duplicate key appears twice; the last one is the value the parser kept.
    std::optional<std::size_t> found;
    for (std::size_t child = parent + 1; child < last; child += m_nodes[child].subtreeSize) {
        if (nameOf(m_nodes[child]) == token)
            found = child;
    }
    return found;
}

std::optional<std::size_t> SourceMap::find(std::string_view jsonPointer) const
{
    if (m_nodes.empty())
        return std::nullopt;
    if (jsonPointer.empty())
        return 0;
    if (jsonPointer.front() != '/')
        return std::nullopt;
    std::size_t current = 0;
    std::string_view rest = jsonPointer.substr(1);
    while (true) {
        const std::size_t slash = rest.find('/');
        const auto token = unescapeToken(rest.substr(0, slash));
        if (!token)
            return std::nullopt;
        const auto child = findChild(current, *token);
        if (!child)
            return std::nullopt;
        current = *child;
        if (slash == std::string_view::npos)
            return current;
        rest.remove_prefix(slash + 1);
    }
}

std::optional<SourceRange> SourceMap::valueRange(std::string_view jsonPointer) const
{
    const auto index = find(jsonPointer);
    if (!index)
        return std::nullopt;
    const Node &node = m_nodes[*index];
    return shifted(node.begin, node.end);
}

std::optional<SourceRange> SourceMap::keyRange(std::string_view jsonPointer) const
{
    const auto index = find(jsonPointer);
    if (!index || !m_nodes[*index].hasKey())
        return std::nullopt;
    const Node &node = m_nodes[*index];
    return shifted(node.keyBegin, node.keyEnd);
}

bool SourceMap::isComplete(std::string_view jsonPointer) const
{
    const auto index = find(jsonPointer);
    return index && m_nodes[*index].complete;
}

std::optional<std::string> SourceMap::pointerAt(qsizetype offset) const
{
    if (m_nodes.empty())
        return std::nullopt;
    const qsizetype local = offset - m_shift;
    const auto contains = [local](const Node &node) {
        const auto inside = [local](std::uint32_t begin, std::uint32_t end) {
            return local >= qsizetype(begin) && local < qsizetype(end);
        };
        return inside(node.begin, node.end) || (node.hasKey() && inside(node.keyBegin, node.keyEnd));
    };
    if (!contains(m_nodes[0]))
        return std::nullopt;
    std::string pointer;
    std::size_t current = 0;
    bool descended = true;
    while (descended) {
        descended = false;
        const std::size_t last = current + m_nodes[current].subtreeSize;
        std::size_t index = 0;
        for (std::size_t child = current + 1; child < last; child += m_nodes[child].subtreeSize, ++index) {
            const Node &node = m_nodes[child];
            if (!contains(node))
                continue;
            pointer = appendToken(pointer, node.hasKey() ? nameOf(node) : std::to_string(index));
            current = child;
            descended = true;
            break;
        }
    }
    return pointer;
}

std::vector<std::string> SourceMap::pointers() const
{
    return collectPointers(false);
}

std::vector<std::string> SourceMap::completePointers() const
{
    return collectPointers(true);
}

std::vector<std::size_t> SourceMap::overwrittenMembers(std::size_t object) const
{
    std::vector<std::size_t> overwritten;
    std::unordered_map<std::string_view, std::size_t> lastWithName;
    const std::size_t last = object + m_nodes[object].subtreeSize;
    for (std::size_t child = object + 1; child < last; child += m_nodes[child].subtreeSize) {
        const auto [it, inserted] = lastWithName.try_emplace(nameOf(m_nodes[child]), child);
        if (!inserted) {
            overwritten.push_back(it->second);
            it->second = child;
        }
    }
    std::sort(overwritten.begin(), overwritten.end());
    return overwritten;
}

std::vector<std::string> SourceMap::collectPointers(bool onlyComplete) const
{
    std::vector<std::string> result;
    result.reserve(m_nodes.size());
    struct Open {
        std::string pointer;
        std::size_t end; // index after the container's last descendant
        std::size_t nextIndex; // of the next array element
        std::vector<std::size_t> overwritten; // members a later duplicate key replaced
    };
    std::vector<Open> open;
    std::size_t i = 0;
    while (i < m_nodes.size()) {
        while (!open.empty() && i >= open.back().end)
            open.pop_back();
        const Node &node = m_nodes[i];
        std::string pointer;
        if (!open.empty()) {
            Open &parent = open.back();
            if (std::binary_search(parent.overwritten.begin(), parent.overwritten.end(), i)) {
                i += node.subtreeSize;
                continue;
            }
            const std::size_t index = parent.nextIndex++;
            pointer = appendToken(parent.pointer, node.hasKey() ? nameOf(node) : std::to_string(index));
        }
        if (node.type != NodeType::Scalar && node.subtreeSize > 1) {
            open.push_back(
                Open { pointer, i + node.subtreeSize, 0,
                       node.type == NodeType::Object ? overwrittenMembers(i) : std::vector<std::size_t> {} });
        }
        if (node.complete || !onlyComplete)
            result.push_back(std::move(pointer));
        ++i;
    }
    return result;
}

} // namespace Formwork
