// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace Formwork {

// A schema as it is written into a prompt.
struct SchemaPromptText {
    QString pretty; // indented JSON, property order kept
    QString compact; // one line
    // A rough token count of `compact`: characters / 4, rounded up. It is an estimate, not the
    // count of any real tokenizer.
    int estimatedTokens = 0;
};

SchemaPromptText renderSchemaForPrompt(const nlohmann::ordered_json &schema, int indent = 2);
// characters / 4, rounded up.
int estimateTokens(const QString &text);

} // namespace Formwork
