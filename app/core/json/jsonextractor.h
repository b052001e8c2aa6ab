// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonparser.h"
#include "sourcemap.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Formwork {

// The JSON found inside a model's reply: text is exactly modelText's bytes in span, so offsets
// found by parsing text become reply offsets by adding span.begin (see parseExtractedJson).
struct ExtractedJson {
    enum class Source {
        JsonCodeFence, // a ```json (or ```jsonc / ```json5) block
        CodeFence, // a ``` block without a language
        BracketedText, // the first balanced object or array in the prose
        UnclosedText, // an object that starts in the prose and is never closed (cut-off reply)
    };

    std::string text;
    SourceRange span;
    Source source = Source::BracketedText;
};

// Finds the JSON value in model output: <think> blocks are ignored, a fenced block is preferred,
// then the first balanced object or array that parses (brackets inside strings do not count),
// then the first balanced object even if it does not parse (so its error can be shown).
// nullopt when the text holds nothing that looks like JSON.
std::optional<ExtractedJson> extractJson(std::string_view modelText);

// The <think>...</think> parts of a reply, tags included. A reply that begins inside the
// thinking (its template put the opening tag in the prompt) has a range from 0 to the first
// "</think>"; an unclosed "<think>" runs to the end of the text.
std::vector<SourceRange> thinkingRanges(std::string_view modelText);

// Parses extracted.text and reports every offset, line and column against the whole reply.
Result<ParsedJson, JsonParseError> parseExtractedJson(const ExtractedJson &extracted, std::string_view modelText,
                                                      const JsonParseOptions &options = {});

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::ExtractedJson)
