// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/enforcementreport.h"
#include "schema/schema.h"
#include "json/sourcemap.h"
#include "json/textpositions.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace Formwork {
namespace Ui {

// A span of the schema text that a lint message is about, in QString positions.
struct SchemaLintMark {
    int position = 0;
    int length = 1;
    QString message;
};

// An enforcement report entry placed in the text (the keyword's key).
struct PlacedEnforcementItem {
    EnforcementItem item;
    int position = -1;
    int length = 0;
};

// The parsed schema text: its value, where each value sits, and how byte offsets map to QString
// positions. Shared and immutable, so it can be handed from the worker to the GUI thread.
struct SchemaTextMap {
    SchemaTextMap() = default;
    SchemaTextMap(const SchemaTextMap &) = delete;
    SchemaTextMap &operator=(const SchemaTextMap &) = delete;

    QByteArray utf8; // the text the map describes; `positions` views it
    std::shared_ptr<const nlohmann::ordered_json> document;
    SourceMap sourceMap;
    std::optional<TextPositions> positions;

    // The QString range of a value, or of a member from its key to the end of its value.
    std::optional<SourceRange> memberRange(const std::string &pointer) const;
};

// What the editor shows about its text: is it JSON, is it a schema, and what will the server
// enforce. Plain data, so it can be computed on a worker thread.
struct SchemaLintResult {
    enum class State { Empty, InvalidJson, InvalidSchema, Valid };

    State state = State::Empty;
    QString summary; // one line for the message bar
    int line = 0; // of the first problem, 1-based; 0 when there is none
    int column = 0;
    QList<SchemaLintMark> marks;
    QList<PlacedEnforcementItem> enforcement; // only what is not plainly enforced
    int enforcedCount = 0;
    std::optional<GrammarRules> rules; // whose grammar the enforcement list is for
    // The compiled schema when state is Valid (compiled on the lint's thread).
    std::optional<Schema> schema;
    // Set when the text is JSON (Valid or InvalidSchema).
    std::shared_ptr<const SchemaTextMap> textMap;
    // The text's estimateTokens(), counted on the lint's thread: the advisor needs no copy of a
    // long text on the GUI thread.
    qint64 textTokens = 0;
};

// Parses `text` with the core's JSON parser, compiles it as a JSON Schema (2020-12 unless
// `$schema` says otherwise) and builds the enforcement report for `rules` (placeEnforcement()).
// Thread-safe.
SchemaLintResult lintSchema(const QString &text, std::optional<GrammarRules> rules = GrammarRules::Ollama);

// Fills the enforcement list, count and summary of a Valid result for a server's grammar rules;
// nullopt: a server whose rules are not known, so no keyword is listed and the summary says so.
// Cheap next to lintSchema(), so a change of server redoes only this.
void placeEnforcement(SchemaLintResult &result, std::optional<GrammarRules> rules);

} // namespace Ui
} // namespace Formwork
