// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "json/sourcemap.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <string>

// Readable QCOMPARE failures for the JSON layer's types (found by argument-dependent lookup).
namespace Formwork {
inline char *toString(const SourceRange &range)
{
    return QTest::toString(QStringLiteral("[%1, %2)").arg(range.begin).arg(range.end));
}
} // namespace Formwork

// QCOMPARE cannot take JSON values: overload resolution probes nlohmann's implicit conversions.
#define COMPARE_JSON(actual, expected)                                                                                 \
    do {                                                                                                               \
        const nlohmann::ordered_json actualValue_ = (actual);                                                          \
        const nlohmann::ordered_json expectedValue_ = (expected);                                                      \
        QVERIFY2(actualValue_ == expectedValue_,                                                                       \
                 ("actual " + actualValue_.dump() + "\nexpected " + expectedValue_.dump()).c_str());                   \
    } while (false)

namespace Formwork::Test {

inline nlohmann::ordered_json json(const char *text)
{
    return nlohmann::ordered_json::parse(text);
}

// The byte range where `needle` first occurs in `haystack` (at or after `from`).
inline SourceRange rangeOf(std::string_view haystack, std::string_view needle, std::size_t from = 0)
{
    const std::size_t at = haystack.find(needle, from);
    if (at == std::string_view::npos)
        return SourceRange { -1, -1 };
    return SourceRange { qsizetype(at), qsizetype(at + needle.size()) };
}

} // namespace Formwork::Test
