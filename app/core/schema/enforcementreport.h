// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

namespace Formwork {

// What Ollama's grammar (llama.cpp json-schema-to-grammar) does with a keyword occurrence
// (reference/ollama-api.md section 6.2).
enum class EnforcementStatus {
    Enforced, // the grammar constrains the output accordingly
    Ignored, // accepted silently, not enforced: Formwork's validator checks it
    Rejected, // the server refuses the schema (HTTP 400/500)
    Differs, // enforced, but not with JSON Schema's meaning (e.g. absent additionalProperties)
};

struct EnforcementItem {
    QString pointer; // JSON Pointer of the schema object holding the keyword
    QString keyword;
    EnforcementStatus status = EnforcementStatus::Enforced;
    QString note; // plain English, why
};

QString enforcementStatusName(EnforcementStatus status);

// Whose schema-to-grammar rules a report describes. Both use llama.cpp's json-schema-to-grammar;
// they differ where the servers were seen to differ (reference/llama-server.md, end-to-end runs):
// llama-server accepts a schema whose pattern lacks ^...$ and ignores that pattern, Ollama refuses it.
// For any other server the rules are not known, and no report is made.
enum class GrammarRules { Ollama, LlamaServer };

// Every keyword occurrence of the schema's own document, in document order.
QList<EnforcementItem> enforcementReport(const Schema &schema, GrammarRules rules = GrammarRules::Ollama);
QList<EnforcementItem> enforcementReport(const nlohmann::ordered_json &schema, Draft draft,
                                         GrammarRules rules = GrammarRules::Ollama);

} // namespace Formwork
