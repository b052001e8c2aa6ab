// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the incremental JSON parser. The first byte picks a chunk size; the rest is the
// text. Besides "no crash, no sanitizer report": the partial value only grows from one append to
// the next, appending in chunks ends where appending at once ends, and a complete document is
// the value the strict parser reads.
#include "jsongrowth.h"
#include "json/incrementaljsonparser.h"
#include "json/jsonparser.h"

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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t chunk = 1 + data[0] % 23;
    const std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);

    IncrementalJsonParser whole;
    whole.append(text);

    // A repeated key replaces the value before it (the last one wins, as in the strict parser), so
    // growth holds only for texts without warnings.
    const bool growthApplies = parsePartialJson(text).warnings.isEmpty();
    IncrementalJsonParser pieces;
    nlohmann::ordered_json previous;
    bool hadValue = false;
    for (std::size_t at = 0; at < text.size(); at += chunk) {
        pieces.append(text.substr(at, chunk));
        if (pieces.hasValue() && !pieces.error()) {
            check(!growthApplies || !hadValue || Test::growsInto(previous, pieces.value()),
                  "the partial value only grows");
            previous = pieces.value();
            hadValue = true;
        }
    }
    check(whole.hasValue() == pieces.hasValue(), "hasValue does not depend on chunking");
    check(whole.isComplete() == pieces.isComplete(), "completeness does not depend on chunking");
    check(whole.error().has_value() == pieces.error().has_value(), "the error does not depend on chunking");
    if (whole.hasValue() && !whole.error())
        check(whole.value() == pieces.value(), "the value does not depend on chunking");
    if (whole.isComplete()) {
        const auto strict = parseJson(text);
        check(strict.hasValue(), "the strict parser reads a complete document");
        check(strict->value == whole.value(), "the same value as the strict parser");
    }
    return 0;
}
