// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace Formwork {

// One difference between two JSON values, addressed by JSON Pointer (RFC 6901).
struct JsonChange {
    enum class Kind {
        Added, // only in the new value: newValue set
        Removed, // only in the old value: oldValue set
        Changed, // a different scalar, or a different type: both set
    };

    Kind kind = Kind::Changed;
    std::string pointer; // "" is the root
    nlohmann::ordered_json oldValue;
    nlohmann::ordered_json newValue;

    friend bool operator==(const JsonChange &, const JsonChange &) = default;
};

// "added", "removed", "changed".
const char *jsonChangeKindName(JsonChange::Kind kind);

// The structural differences from `before` to `after`, in document order: objects are compared
// member by member (a removed member is listed where it stood in `before`), arrays element by
// element by index (extra elements are added or removed at the end). Objects and arrays that hold
// the same values give no entry; a value whose type changed is one Changed entry with both values.
std::vector<JsonChange> diffJson(const nlohmann::ordered_json &before, const nlohmann::ordered_json &after);

} // namespace Formwork
