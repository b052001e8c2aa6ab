// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "extraction/extractiontypes.h"
#include "schema/enforcementreport.h"

#include <optional>

namespace Formwork {

// The request of a run before any reask, and what the user should know about it.
struct BaseRequest {
    ChatRequest request;
    QStringList warnings;
};

// Builds the base request for `api` (design.md mode table): schema prompt in the system message,
// response format or tool, bounded num_predict. Fails with a plain sentence on a configuration
// the run must refuse (no schema, tools mode on a model known not to support tools).
Result<BaseRequest, QString> buildBaseRequest(const ExtractionConfig &config, BackendApi api);

// Whose schema-to-grammar rules decide what `kind` enforces in schema mode (an Unknown server on
// the native API is Ollama); nullopt for servers whose rules are not known.
std::optional<GrammarRules> grammarRulesFor(ServerKind kind, BackendApi api);

// num_predict when the user chose none: room for a reply a few times the schema's size.
int defaultNumPredict(const nlohmann::ordered_json &schema, bool mayThink);

// The tool name used in tools mode.
QString extractionToolName(const ExtractionConfig &config);

// Replaces every occurrence of {{name}} in `text` with `value`.
QString fillTemplate(QString text, QStringView name, const QString &value);

// Finds, parses and validates the JSON of a finished reply (record.content / record.toolCalls)
// and sets extraction, value, errors, errorText and outcome (Valid, NoJson, ParseError or
// SchemaInvalid). Ranges are byte offsets into the raw content (tools: the call's arguments).
void evaluateReply(AttemptRecord &record, ExtractionMode mode, const Schema &schema, const QString &toolName);

// The messages that ask the model to fix `record` (instructor-behaviour.md A2): the assistant's
// output echoed, then a user message (or one `tool` message per call) quoting the errors.
QList<ChatMessage> reaskMessages(const AttemptRecord &record, ExtractionMode mode,
                                 const ExtractionTemplates &templates);

// The stream view of a reply so far: the partial parser run on the JSON part of `jsonSource` (the
// content after any thinking, inside a fence when one opened, see streamingJsonRange(); tools
// mode: the call's arguments). It reads the whole text: the run uses StreamProgressTracker, which
// gives the same result at the cost of the new text only; this is its reference.
StreamProgress streamProgressFor(ExtractionMode mode, const QString &content, const QString &jsonSource);

} // namespace Formwork
