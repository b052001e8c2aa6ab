// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/groundingscope.h"

#include <string>
#include <utility>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

std::string unescape(std::string token)
{
    for (std::size_t at = token.find('~'); at != std::string::npos; at = token.find('~', at + 1))
        token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
    return token;
}

} // namespace

GroundingScope::GroundingScope(nlohmann::ordered_json schema)
    : m_schema(std::move(schema))
{
}

// Follows local $refs ("#/$defs/x"); nullptr when one cannot be followed.
const Json *GroundingScope::resolve(const Json *schema) const
{
    for (int depth = 0; schema && schema->is_object() && schema->contains("$ref") && depth < 16; ++depth) {
        const Json &ref = (*schema)["$ref"];
        if (!ref.is_string() || ref.get_ref<const std::string &>().rfind("#", 0) != 0)
            return nullptr;
        try {
            schema = &m_schema.at(Json::json_pointer(ref.get<std::string>().substr(1)));
        } catch (const Json::exception &) {
            return nullptr;
        }
    }
    return schema;
}

bool GroundingScope::includes(std::string_view pointer) const
{
    if (!m_schema.is_object())
        return true;
    const Json *schema = resolve(&m_schema);
    std::size_t start = pointer.empty() ? std::string_view::npos : 1;
    while (schema && start != std::string_view::npos && start <= pointer.size()) {
        const std::size_t slash = pointer.find('/', start);
        const std::string token
            = unescape(std::string(pointer.substr(start, slash == std::string_view::npos ? slash : slash - start)));
        start = slash == std::string_view::npos ? slash : slash + 1;
        const Json *next = nullptr;
        if (schema->contains("properties") && (*schema)["properties"].contains(token)) {
            next = &(*schema)["properties"][token];
        } else if (!token.empty() && token.find_first_not_of("0123456789") == std::string::npos) {
            const std::size_t index = std::stoul(token);
            if (schema->contains("prefixItems") && (*schema)["prefixItems"].is_array()
                && index < (*schema)["prefixItems"].size())
                next = &(*schema)["prefixItems"][index];
            else if (schema->contains("items") && (*schema)["items"].is_object())
                next = &(*schema)["items"];
        } else if (schema->contains("additionalProperties") && (*schema)["additionalProperties"].is_object()) {
            next = &(*schema)["additionalProperties"];
        }
        schema = resolve(next);
    }
    if (!schema || !schema->is_object())
        return true;
    return !schema->contains("enum") && !schema->contains("const");
}

} // namespace Formwork
