// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for the schema unit tests. JSON is written with single quotes (turned into double
// quotes here) so the test sources need neither escapes nor raw string literals.
#pragma once

#include "schema/schema.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <string>

namespace Formwork {
namespace Test {

inline nlohmann::ordered_json j(const char *singleQuoted)
{
    std::string text(singleQuoted);
    for (char &c : text) {
        if (c == '\'')
            c = '"';
    }
    return nlohmann::ordered_json::parse(text);
}

inline Schema compileOrFail(const char *schema, Draft draft = Draft::Draft2020_12, const SchemaOptions &options = {})
{
    auto result = Schema::compile(j(schema), draft, options);
    if (!result) {
        const SchemaError &first = result.error().constFirst();
        qFatal("schema did not compile: %s at %s", qPrintable(first.message), qPrintable(first.pointer));
    }
    return std::move(result).value();
}

} // namespace Test
} // namespace Formwork
