// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemaprompt.h"

#include "common/compactjson.h"

namespace Formwork {

int estimateTokens(const QString &text)
{
    return int((text.size() + 3) / 4);
}

SchemaPromptText renderSchemaForPrompt(const nlohmann::ordered_json &schema, int indent)
{
    SchemaPromptText out;
    const auto handler = nlohmann::ordered_json::error_handler_t::replace;
    out.pretty = QString::fromStdString(schema.dump(indent, ' ', false, handler));
    out.compact = compactJsonText(schema);
    out.estimatedTokens = estimateTokens(out.compact);
    return out;
}

} // namespace Formwork
