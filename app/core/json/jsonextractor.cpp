// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonextractor.h"

#include "textpositions.h"

#include <algorithm>

namespace Formwork {

namespace {

constexpr std::string_view openThink = "<think>";
constexpr std::string_view closeThink = "</think>";
constexpr std::string_view fence = "```";
// Each candidate is scanned to its end, so a text full of stray brackets is cut short here.
constexpr int maxCandidates = 64;

using Source = ExtractedJson::Source;

struct Candidate {
    SourceRange span;
    Source source;
};

std::vector<SourceRange> visibleRanges(std::string_view text)
{
    std::vector<SourceRange> visible;
    qsizetype start = 0;
    for (const SourceRange &hidden : thinkingRanges(text)) {
        if (hidden.begin > start)
            visible.push_back({ start, hidden.begin });
        start = hidden.end;
    }
    if (start < qsizetype(text.size()))
        visible.push_back({ start, qsizetype(text.size()) });
    return visible;
}

enum class Match { Balanced, Unclosed, Mismatched };

// Finds the bracket closing the one at `open`, skipping brackets inside strings.
Match matchBrackets(std::string_view text, qsizetype open, qsizetype limit, qsizetype &end)
{
    std::string expected;
    bool inString = false;
    for (qsizetype i = open; i < limit; ++i) {
        const char c = text[std::size_t(i)];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
            expected.push_back('}');
            break;
        case '[':
            expected.push_back(']');
            break;
        case '}':
        case ']':
            if (expected.back() != c)
                return Match::Mismatched;
            expected.pop_back();
            if (expected.empty()) {
                end = i + 1;
                return Match::Balanced;
            }
            break;
        default:
            break;
        }
    }
    return Match::Unclosed;
}

bool parses(std::string_view text)
{
    JsonParseOptions options;
    options.recordSourceMap = false;
    return parseJson(text, options).hasValue();
}

qsizetype trimmedEnd(std::string_view text, qsizetype begin, qsizetype end)
{
    while (end > begin && std::string_view(" \t\r\n").find(text[std::size_t(end - 1)]) != std::string_view::npos)
        --end;
    return end;
}

// The string literals of the JSON text that starts at `open` (a bracket), read with the JSON
// grammar (escapes included) up to where its brackets close or `limit`.
std::vector<SourceRange> stringRanges(std::string_view text, qsizetype open, qsizetype limit)
{
    std::vector<SourceRange> strings;
    int depth = 0;
    for (qsizetype i = open; i < limit; ++i) {
        const char c = text[std::size_t(i)];
        if (c == '"') {
            const qsizetype begin = i;
            for (++i; i < limit && text[std::size_t(i)] != '"'; ++i) {
                if (text[std::size_t(i)] == '\\')
                    ++i;
            }
            strings.push_back({ begin, std::min(i + 1, limit) });
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth <= 0) {
            break;
        }
    }
    return strings;
}

// Where a ``` is text inside a JSON string, not a fence: inside every value that parses (only a
// string can hold backticks there), and inside the strings of a region that begins with JSON (a
// schema-mode reply, even an invalid one). Found with the JSON grammar, so a code snippet or a
// markdown field does not cut a valid reply short.
std::vector<SourceRange> jsonTextRanges(std::string_view text, SourceRange region)
{
    std::vector<SourceRange> ranges;
    qsizetype first = region.begin;
    while (first < region.end && std::string_view(" \t\r\n").find(text[std::size_t(first)]) != std::string_view::npos)
        ++first;
    if (first < region.end && (text[std::size_t(first)] == '{' || text[std::size_t(first)] == '['))
        ranges = stringRanges(text, first, region.end);
    int tried = 0;
    for (qsizetype i = region.begin; i < region.end && tried < maxCandidates; ++i) {
        const char c = text[std::size_t(i)];
        if (c != '{' && c != '[')
            continue;
        ++tried;
        qsizetype end = 0;
        if (matchBrackets(text, i, region.end, end) == Match::Balanced
            && parses(text.substr(std::size_t(i), std::size_t(end - i)))) {
            ranges.push_back({ i, end });
            i = end - 1;
        }
    }
    return ranges;
}

bool insideAny(const std::vector<SourceRange> &ranges, qsizetype pos)
{
    return std::any_of(ranges.cbegin(), ranges.cend(),
                       [pos](const SourceRange &r) { return pos > r.begin && pos < r.end; });
}

// The next ``` at or after `from` that is not inside JSON text.
std::size_t findFence(std::string_view slice, std::size_t from, const std::vector<SourceRange> &jsonText)
{
    std::size_t pos = slice.find(fence, from);
    while (pos != std::string_view::npos && insideAny(jsonText, qsizetype(pos)))
        pos = slice.find(fence, pos + 1);
    return pos;
}

std::optional<Candidate> findBracketed(std::string_view text, SourceRange region)
{
    std::optional<Candidate> firstObject;
    std::optional<Candidate> firstUnclosed;
    int tried = 0;
    for (qsizetype i = region.begin; i < region.end && tried < maxCandidates; ++i) {
        const char c = text[std::size_t(i)];
        if (c != '{' && c != '[')
            continue;
        ++tried;
        qsizetype end = 0;
        const Match match = matchBrackets(text, i, region.end, end);
        if (match == Match::Balanced) {
            if (parses(text.substr(std::size_t(i), std::size_t(end - i))))
                return Candidate { { i, end }, Source::BracketedText };
            if (c == '{' && !firstObject)
                firstObject = Candidate { { i, end }, Source::BracketedText };
        } else if (match == Match::Unclosed && c == '{' && !firstUnclosed) {
            firstUnclosed = Candidate { { i, trimmedEnd(text, i, region.end) }, Source::UnclosedText };
        }
    }
    return firstObject ? firstObject : firstUnclosed;
}

bool isLanguageCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '+' || c == '.';
}

std::string lowercase(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return result;
}

struct FencedBlocks {
    std::optional<Candidate> json;
    std::optional<Candidate> plain;
    std::vector<SourceRange> otherLanguages; // code in another language: not searched for JSON
};

// Looks into the ``` blocks of a region; the first JSON-tagged one and the first untagged one.
void findFenced(std::string_view text, SourceRange region, FencedBlocks &found)
{
    const std::string_view slice = text.substr(0, std::size_t(region.end));
    const std::vector<SourceRange> jsonText = jsonTextRanges(text, region);
    std::size_t pos = std::size_t(region.begin);
    while (!found.json) {
        const std::size_t open = findFence(slice, pos, jsonText);
        if (open == std::string_view::npos)
            return;
        std::size_t languageEnd = open + fence.size();
        while (languageEnd < slice.size() && isLanguageCharacter(slice[languageEnd]))
            ++languageEnd;
        const std::string language = lowercase(slice.substr(open + fence.size(), languageEnd - open - fence.size()));
        const std::size_t close = findFence(slice, languageEnd, jsonText);
        const qsizetype contentEnd = close == std::string_view::npos ? region.end : qsizetype(close);
        const SourceRange content { qsizetype(languageEnd), contentEnd };
        if (language == "json" || language == "jsonc" || language == "json5") {
            if (auto candidate = findBracketed(text, content)) {
                candidate->source = Source::JsonCodeFence;
                found.json = candidate;
            }
        } else if (language.empty()) {
            if (auto candidate = findBracketed(text, content); candidate && !found.plain) {
                candidate->source = Source::CodeFence;
                found.plain = candidate;
            }
        } else {
            const qsizetype fenceEnd = close == std::string_view::npos ? region.end : qsizetype(close + fence.size());
            found.otherLanguages.push_back({ qsizetype(open), fenceEnd });
        }
        if (close == std::string_view::npos)
            return;
        pos = close + fence.size();
    }
}

std::vector<SourceRange> withoutRanges(const std::vector<SourceRange> &regions, const std::vector<SourceRange> &cut)
{
    std::vector<SourceRange> result;
    for (SourceRange region : regions) {
        for (const SourceRange &hole : cut) {
            if (hole.end <= region.begin || hole.begin >= region.end)
                continue;
            if (hole.begin > region.begin)
                result.push_back({ region.begin, hole.begin });
            region.begin = std::min(hole.end, region.end);
        }
        if (region.begin < region.end)
            result.push_back(region);
    }
    return result;
}

void moveToReply(JsonParseError &error, qsizetype delta, std::string_view modelText)
{
    error.offset += delta;
    const LineColumn position = lineColumnAt(modelText, error.offset);
    error.line = position.line;
    error.column = position.column;
}

} // namespace

std::vector<SourceRange> thinkingRanges(std::string_view modelText)
{
    std::vector<SourceRange> ranges;
    std::size_t pos = 0;
    const std::size_t firstOpen = modelText.find(openThink);
    const std::size_t firstClose = modelText.find(closeThink);
    if (firstClose != std::string_view::npos && firstClose < firstOpen) {
        pos = firstClose + closeThink.size();
        ranges.push_back({ 0, qsizetype(pos) });
    }
    while (true) {
        const std::size_t open = modelText.find(openThink, pos);
        if (open == std::string_view::npos)
            break;
        const std::size_t close = modelText.find(closeThink, open + openThink.size());
        if (close == std::string_view::npos) {
            ranges.push_back({ qsizetype(open), qsizetype(modelText.size()) });
            break;
        }
        pos = close + closeThink.size();
        ranges.push_back({ qsizetype(open), qsizetype(pos) });
    }
    return ranges;
}

std::optional<ExtractedJson> extractJson(std::string_view modelText)
{
    const std::vector<SourceRange> visible = visibleRanges(modelText);
    FencedBlocks fenced;
    for (const SourceRange &region : visible)
        findFenced(modelText, region, fenced);
    std::optional<Candidate> chosen = fenced.json ? fenced.json : fenced.plain;
    const std::vector<SourceRange> prose = withoutRanges(visible, fenced.otherLanguages);
    for (auto region = prose.begin(); !chosen && region != prose.end(); ++region)
        chosen = findBracketed(modelText, *region);
    if (!chosen)
        return std::nullopt;
    ExtractedJson extracted;
    extracted.span = chosen->span;
    extracted.source = chosen->source;
    extracted.text = std::string(modelText.substr(std::size_t(chosen->span.begin), std::size_t(chosen->span.length())));
    return extracted;
}

Result<ParsedJson, JsonParseError> parseExtractedJson(const ExtractedJson &extracted, std::string_view modelText,
                                                      const JsonParseOptions &options)
{
    const qsizetype delta = extracted.span.begin;
    auto parsed = parseJson(extracted.text, options);
    if (!parsed) {
        JsonParseError error = std::move(parsed).error();
        moveToReply(error, delta, modelText);
        return error;
    }
    parsed->sourceMap.shift(delta);
    for (JsonWarning &warning : parsed->warnings) {
        warning.range = SourceRange { warning.range.begin + delta, warning.range.end + delta };
        const LineColumn position = lineColumnAt(modelText, warning.range.begin);
        warning.line = position.line;
        warning.column = position.column;
    }
    return parsed;
}

} // namespace Formwork
