// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the JSON layer. Besides "no crash, no sanitizer report" it checks that
// the strict parser agrees with nlohmann::json, that the source map points at the right bytes,
// that the text locator (locateJsonValue) finds what the map finds, that partial parsing agrees
// with strict parsing and only grows, and that extraction stays in bounds.
#include "jsongrowth.h"
#include "json/jsonextractor.h"
#include "json/jsonparser.h"
#include "json/jsonvaluelocator.h"
#include "json/textpositions.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Formwork;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

void checkSourceMap(std::string_view text, const ParsedJson &parsed)
{
    const bool small = text.size() < 4096;
    const DuplicateKeys duplicateKeys = parsed.warnings.isEmpty() ? DuplicateKeys::None : DuplicateKeys::Possible;
    for (const std::string &pointer : parsed.sourceMap.pointers()) {
        const auto range = parsed.sourceMap.valueRange(pointer);
        check(range.has_value(), "listed pointer resolves");
        check(locateJsonValue(text, pointer) == range, "the text locator agrees with the map");
        check(locateJsonValue(text, pointer, duplicateKeys) == range,
              "the text locator agrees with the map (first member when no key repeats)");
        check(range->begin >= 0 && range->begin < range->end && range->end <= qsizetype(text.size()),
              "value range inside the text");
        if (!small)
            continue;
        JsonParseOptions options;
        options.recordSourceMap = false;
        const auto slice = parseJson(text.substr(std::size_t(range->begin), std::size_t(range->length())), options);
        check(slice.hasValue(), "value range holds a JSON value");
        check(slice->value == parsed.value.at(nlohmann::ordered_json::json_pointer(pointer)),
              "value range holds that value");
        if (const auto key = parsed.sourceMap.keyRange(pointer)) {
            check(text[std::size_t(key->begin)] == '"' && text[std::size_t(key->end - 1)] == '"',
                  "key range is quoted");
            check(key->end <= range->begin, "key before value");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);

    const auto strict = parseJson(text);
    // nlohmann stops at a NUL byte as if the input ended there, so it cannot judge such inputs.
    const bool referenceApplies = text.find('\0') == std::string_view::npos;
    bool referenceAccepts = true;
    nlohmann::ordered_json reference;
    try {
        reference = nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception &) {
        referenceAccepts = false;
    }

    if (strict) {
        check(!referenceApplies || referenceAccepts, "nlohmann accepts what we accept");
        check(!referenceApplies || strict->value == reference, "same value as nlohmann");
        checkSourceMap(text, *strict);
        const QString decoded = QString::fromUtf8(text.data(), qsizetype(text.size()));
        const TextPositions positions(text);
        check(positions.toUtf16(qsizetype(size)) == decoded.size(), "UTF-16 length matches QString");
        check(positions.toByteOffset(decoded.size()) == qsizetype(size), "UTF-16 end maps back to byte end");
        const qsizetype middle = qsizetype(size / 2);
        check(positions.lineColumn(middle) == lineColumnAt(text, middle), "indexed and one-off line/column agree");
        check(positions.toUtf16(middle) == utf16Position(text, middle), "indexed and one-off UTF-16 agree");
    } else {
        const auto &error = strict.error();
        check(error.offset >= 0 && error.offset <= qsizetype(size), "error offset inside the text");
        check(!error.message.isEmpty(), "error has a message");
        check(!referenceApplies || !referenceAccepts || error.kind == JsonParseError::Kind::NestingTooDeep,
              "we reject only what nlohmann rejects, or deep nesting");
    }

    const PartialJson partial = parsePartialJson(text);
    if (strict) {
        check(!partial.error, "partial accepts a valid document");
        if (partial.complete)
            check(partial.value == strict->value, "complete partial equals strict");
        else
            check(strict->value.is_number(), "only a trailing top-level number stays incomplete");
    } else if (strict.error().kind == JsonParseError::Kind::UnexpectedEndOfInput
               || strict.error().kind == JsonParseError::Kind::EmptyDocument) {
        check(!partial.error && !partial.complete, "a cut-off document is an incomplete prefix");
    } else if (!partial.error && strict.error().kind == JsonParseError::Kind::NumberOutOfRange) {
        // A number at the very end may still grow in a stream, so partial mode has not judged it yet.
        check(text.find_first_not_of("+-.0123456789eE", std::size_t(strict.error().offset)) == std::string_view::npos,
              "only a number at the end is left unjudged");
    } else {
        check(partial.error.has_value(), "partial reports the strict error");
        check(partial.error->kind == strict.error().kind, "same error kind");
        check(partial.error->offset == strict.error().offset, "same error offset");
    }

    if (partial.warnings.isEmpty() && !partial.error) {
        const PartialJson half = parsePartialJson(text.substr(0, size / 2));
        if (half.hasValue && !half.error)
            check(Formwork::Test::growsInto(half.value, partial.value), "a longer prefix only grows the value");
        for (const std::string &pointer : half.completePointers)
            check(partial.completePointers.count(pointer) == 1, "complete values stay complete");
    }

    if (const auto extracted = extractJson(text)) {
        check(extracted->span.begin >= 0 && extracted->span.begin <= extracted->span.end
                  && extracted->span.end <= qsizetype(size),
              "extracted span inside the text");
        check(text.substr(std::size_t(extracted->span.begin), std::size_t(extracted->span.length())) == extracted->text,
              "extracted text is the span");
        const auto parsed = parseExtractedJson(*extracted, text);
        if (parsed && parsed->sourceMap.valueRange(""))
            check(*parsed->sourceMap.valueRange("") == extracted->span, "shifted root range is the span");
    }
    return 0;
}
