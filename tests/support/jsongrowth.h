// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace Formwork::Test {

// True when `later` could be what `earlier` grows into as more of a stream arrives: strings
// extend, arrays and objects gain members (in order) whose earlier members grow, scalars stay.
// Header-only and Qt-free so the fuzzer can use it too.
inline bool growsInto(const nlohmann::ordered_json &earlier, const nlohmann::ordered_json &later)
{
    if (earlier.type() != later.type())
        return false;
    if (earlier.is_string()) {
        const auto &a = earlier.get_ref<const std::string &>();
        const auto &b = later.get_ref<const std::string &>();
        return b.compare(0, a.size(), a) == 0;
    }
    if (earlier.is_array() || earlier.is_object()) {
        if (earlier.size() > later.size())
            return false;
        auto a = earlier.begin();
        auto b = later.begin();
        for (; a != earlier.end(); ++a, ++b) {
            if (earlier.is_object() && a.key() != b.key())
                return false;
            const bool isLast = std::next(a) == earlier.end();
            // Only the member that was still being written may differ from its final form.
            if (isLast ? !growsInto(*a, *b) : *a != *b)
                return false;
        }
        return true;
    }
    return earlier == later;
}

} // namespace Formwork::Test
