// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace Formwork {

// The JSON Pointers a check path stands for in `value`: the path itself, or, where a token is
// "*", one pointer per element or member there. Only pointers that exist are returned.
std::vector<std::string> expandCheckPath(const nlohmann::ordered_json &value, std::string_view path);

// The value at a JSON Pointer, or null when there is none.
const nlohmann::ordered_json *valueAtPointer(const nlohmann::ordered_json &value, std::string_view pointer);

} // namespace Formwork
