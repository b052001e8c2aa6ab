// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sourcemap.h"

#include <optional>
#include <string_view>

namespace Formwork {

// Whether the objects of a document may repeat a key (the parser warns of each repeat).
enum class DuplicateKeys { Possible, None };

// SourceMap::valueRange() without a map: finds the value at `jsonPointer` by reading `text`,
// which must be one valid JSON document (parseJson() accepted it). For the few values that need
// a range, e.g. those that failed validation, this is cheaper than recording the map of every
// value. With DuplicateKeys::None an object is read only up to the wanted member; otherwise all
// of it, since the last of two equal keys counts. Defined in sourcemap.cpp, beside the map's
// pointer rules.
std::optional<SourceRange> locateJsonValue(std::string_view text, std::string_view jsonPointer,
                                           DuplicateKeys duplicateKeys = DuplicateKeys::Possible);

} // namespace Formwork
