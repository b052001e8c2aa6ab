// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "sourcemap.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace Formwork {

// Why a document is not RFC 8259 JSON. Offsets are bytes into the parsed text; line and column
// are 1-based, the column in UTF-16 code units.
struct JsonParseError {
    enum class Kind {
        EmptyDocument,
        UnexpectedEndOfInput,
        UnexpectedCharacter,
        InvalidLiteral,
        InvalidNumber,
        NumberOutOfRange,
        UnescapedControlCharacter,
        InvalidEscape,
        InvalidUnicodeEscape,
        LoneSurrogate,
        InvalidUtf8,
        TrailingContent,
        NestingTooDeep,
    };

    Kind kind = Kind::UnexpectedCharacter;
    QString message;
    qsizetype offset = 0;
    int line = 1;
    int column = 1;
};

// Something legal but suspicious, e.g. a key given twice (the last value wins).
struct JsonWarning {
    enum class Kind { DuplicateKey };

    Kind kind = Kind::DuplicateKey;
    QString message;
    std::string pointer; // the member that was overwritten
    SourceRange range; // the repeated key
    int line = 1;
    int column = 1;
};

struct JsonParseOptions {
    // Containers nested deeper than this are an error (NestingTooDeep), whatever the input.
    int maxDepth = 512;
    // Off saves time and memory when only the value is wanted. Texts of 4 GiB or more never get one.
    bool recordSourceMap = true;
};

struct ParsedJson {
    nlohmann::ordered_json value;
    SourceMap sourceMap;
    QList<JsonWarning> warnings;
};

// Strict RFC 8259 parse of UTF-8 text, with the source map of every value and key.
Result<ParsedJson, JsonParseError> parseJson(std::string_view utf8, const JsonParseOptions &options = {});

// What can be made of the beginning of a document that is still arriving.
struct PartialJson {
    // The value so far: open strings, arrays and objects are closed; a number or literal that may
    // still grow, a key without its value and an incomplete escape are left out.
    nlohmann::ordered_json value;
    // False while nothing, not even the start of a value, has been read.
    bool hasValue = false;
    // True once the whole document has arrived (only trailing whitespace may follow).
    bool complete = false;
    // Pointers of the values whose last byte has been read.
    std::set<std::string, std::less<>> completePointers;
    SourceMap sourceMap;
    QList<JsonWarning> warnings;
    // Bytes of the prefix that were used; less than its size only when error is set.
    qsizetype consumed = 0;
    // Set when the prefix cannot be the start of any JSON document.
    std::optional<JsonParseError> error;
};

PartialJson parsePartialJson(std::string_view prefix, const JsonParseOptions &options = {});

} // namespace Formwork

// Carried by the run's signals (design.md section 2, "Events").
Q_DECLARE_METATYPE(Formwork::JsonParseError)
Q_DECLARE_METATYPE(Formwork::ParsedJson)
Q_DECLARE_METATYPE(Formwork::PartialJson)
