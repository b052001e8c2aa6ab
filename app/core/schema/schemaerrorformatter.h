// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

namespace Formwork {

struct ReaskFormatOptions {
    // Append the offending value (looked up in the instance) to each line.
    bool includeValue = false;
    // Longest rendering of a value before it is cut with "...".
    int maxValueChars = 40;
    // At most this many lines; the rest is summarised as "... and N more errors".
    int maxErrors = 20;
};

// The errors as compact reask text, one line per error: "/items/2/price: -3 is less than the minimum
// of 0". With `includeValue` and an `instance`, each line ends with " (value: ...)".
QString formatErrorsForReask(const QList<ValidationError> &errors, const nlohmann::ordered_json *instance = nullptr,
                             const ReaskFormatOptions &options = {});

// `value` as compact JSON, cut to `maxChars` characters (an ellipsis marks the cut).
QString truncatedJson(const nlohmann::ordered_json &value, int maxChars);

} // namespace Formwork
