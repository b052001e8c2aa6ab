// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Formwork {

// A half-open byte range [begin, end) in a UTF-8 text.
struct SourceRange {
    qsizetype begin = 0;
    qsizetype end = 0;

    qsizetype length() const { return end - begin; }
    friend bool operator==(const SourceRange &, const SourceRange &) = default;
};

// Where each value of a parsed document sits in its raw text, addressed by JSON Pointer
// (RFC 6901). Filled by the parser. The tree is stored flat, in document order, in two arrays
// (no allocation per value, which keeps 50 MB documents fast); a lookup walks down the pointer,
// stepping over the siblings before the wanted member or element.
class SourceMap
{
public:
    enum class NodeType : std::uint8_t { Scalar, Object, Array };

    // Range of the value (quotes and brackets included). "" is the root, "/a/0" an element.
    std::optional<SourceRange> valueRange(std::string_view jsonPointer) const;
    // Range of the member's key, quotes included; nullopt for the root and array elements.
    std::optional<SourceRange> keyRange(std::string_view jsonPointer) const;
    // False for a value the partial parser has only seen the beginning of.
    bool isComplete(std::string_view jsonPointer) const;
    // Pointer of the innermost value whose range contains the byte offset; nullopt outside.
    std::optional<std::string> pointerAt(qsizetype offset) const;

    // Every pointer, in document order; members overwritten by a later duplicate key are left out.
    std::vector<std::string> pointers() const;
    // The pointers of the values that were read to their last byte.
    std::vector<std::string> completePointers() const;
    qsizetype size() const { return qsizetype(m_nodes.size()); }
    bool isEmpty() const { return m_nodes.empty(); }

    // Moves every range by delta bytes, e.g. from an extracted span to the whole model reply.
    void shift(qsizetype delta) { m_shift += delta; }
    qsizetype shiftAmount() const { return m_shift; }

    // Escapes one reference token (~ -> ~0, / -> ~1) and appends it to a pointer.
    static std::string appendToken(std::string_view pointer, std::string_view token);

private:
    friend class SourceMapBuilder;

    // 32 bytes: offsets are 32-bit, so the parser records no map for texts of 4 GiB or more.
    struct Node {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
        std::uint32_t keyBegin = noKey;
        std::uint32_t keyEnd = noKey;
        std::uint32_t nameOffset = 0;
        std::uint32_t nameLength = 0;
        // This node plus all its descendants; the next sibling is at index + subtreeSize.
        std::uint32_t subtreeSize = 1;
        NodeType type = NodeType::Scalar;
        bool complete = true;

        bool hasKey() const { return keyBegin != noKey; }
    };
    static constexpr std::uint32_t noKey = 0xFFFFFFFF;

    std::optional<std::size_t> find(std::string_view jsonPointer) const;
    std::optional<std::size_t> findChild(std::size_t parent, std::string_view token) const;
    std::string_view nameOf(const Node &node) const;
    SourceRange shifted(qsizetype begin, qsizetype end) const;
    std::vector<std::string> collectPointers(bool onlyComplete) const;
    std::vector<std::size_t> overwrittenMembers(std::size_t object) const;

    // The elements of a long array, so that "/items/5000" is found without stepping over 5000
    // siblings (a reply with thousands of failing elements would otherwise cost errors x elements).
    struct ElementIndex {
        std::uint32_t first = 0; // position in m_elements of the array's first element
        std::uint32_t count = 0;
    };
    static constexpr std::uint32_t longArray = 64; // shorter arrays are walked; it is as quick

    std::vector<Node> m_nodes;
    std::string m_names; // decoded member names, referenced by Node::nameOffset/nameLength
    std::unordered_map<std::uint32_t, ElementIndex> m_longArrays; // array node -> its elements
    std::vector<std::uint32_t> m_elements; // node indices of the elements of long arrays
    qsizetype m_shift = 0;
};

// Fills a SourceMap in document order; used by the parser.
class SourceMapBuilder
{
public:
    explicit SourceMapBuilder(SourceMap &map)
        : m_map(map)
    {
    }

    // Texts this long or longer get no source map (offsets are stored in 32 bits).
    static constexpr std::size_t maxTextSize = SourceMap::noKey;

    // Adds a value and returns its index; nameless (root or array element) when keyBegin < 0.
    std::size_t add(SourceMap::NodeType type, qsizetype begin, qsizetype keyBegin = -1, qsizetype keyEnd = -1,
                    std::string_view name = {})
    {
        SourceMap::Node node;
        node.type = type;
        node.begin = std::uint32_t(begin);
        node.end = std::uint32_t(begin);
        if (keyBegin >= 0) {
            node.keyBegin = std::uint32_t(keyBegin);
            node.keyEnd = std::uint32_t(keyEnd);
            node.nameOffset = std::uint32_t(m_map.m_names.size());
            node.nameLength = std::uint32_t(name.size());
            m_map.m_names.append(name);
        }
        m_map.m_nodes.push_back(node);
        return m_map.m_nodes.size() - 1;
    }

    void finish(std::size_t index, qsizetype end, bool complete = true)
    {
        SourceMap::Node &node = m_map.m_nodes[index];
        node.end = std::uint32_t(end);
        node.complete = complete;
        node.subtreeSize = std::uint32_t(m_map.m_nodes.size() - index);
        if (node.type == SourceMap::NodeType::Array)
            indexElements(index);
    }

    void reserve(std::size_t nodes, std::size_t nameBytes)
    {
        m_map.m_nodes.reserve(nodes);
        m_map.m_names.reserve(nameBytes);
    }

private:
    // Records where the elements of a long array are (SourceMap::ElementIndex). Linear in the
    // array's length, once per array, so parsing stays linear.
    void indexElements(std::size_t array)
    {
        std::vector<std::uint32_t> &elements = m_map.m_elements;
        const std::size_t first = elements.size();
        const std::size_t last = array + m_map.m_nodes[array].subtreeSize;
        for (std::size_t child = array + 1; child < last; child += m_map.m_nodes[child].subtreeSize)
            elements.push_back(std::uint32_t(child));
        const std::size_t count = elements.size() - first;
        if (count < SourceMap::longArray) {
            elements.resize(first);
            return;
        }
        m_map.m_longArrays[std::uint32_t(array)] = { std::uint32_t(first), std::uint32_t(count) };
    }

    SourceMap &m_map;
};

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::SourceRange)
