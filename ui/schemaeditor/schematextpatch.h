// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace Formwork {
namespace Ui {

struct SchemaTextMap;

// One replacement in the schema text: [begin, end) in UTF-16 positions becomes `text`.
struct SchemaTextReplacement {
    qsizetype begin = 0;
    qsizetype end = 0;
    QString text;
};

// Where an edit of the document changed it. `deep`: anything inside the value at `pointer` may
// differ. Not deep: only the value's own members (added, removed, renamed, moved) or, for a scalar,
// the value itself; members with no scope at or under them are the same as before.
struct SchemaEditScope {
    std::string pointer;
    bool deep = false;
};

// The text change that turns the text of `map` (whose document is map.document) into a text of
// `after`, when the two documents differ only where `scopes` say. Only
// what differs is rewritten: members the edit did not touch keep their bytes, moved members keep
// their text, and new values are written in the layout around them (indentation unit, one-line
// or multi-line objects). The replacements are in text order and do not overlap; apply them from
// the last to the first. Reads only the scopes' part of the documents and the text, so it costs
// what the edited part is long, not the whole schema. nullopt when the map cannot place a change.
std::optional<QList<SchemaTextReplacement>> schemaTextPatch(const SchemaTextMap &map,
                                                            const nlohmann::ordered_json &after,
                                                            const std::vector<SchemaEditScope> &scopes);

// Two patches of the same base text (the text of `base`): `applied` turned it into the text as it
// is now, `wanted` (computed later, for a newer document) turns it into the text wanted next.
// Returns the change from the text now to the wanted one, in the positions of the text now: what
// one edit of the field tree changes after earlier ones whose lint has not landed yet. Both lists
// are in text order without overlaps (as schemaTextPatch() returns them); so is the result.
QList<SchemaTextReplacement> composeTextPatches(const SchemaTextMap &base, const QList<SchemaTextReplacement> &applied,
                                                const QList<SchemaTextReplacement> &wanted);

} // namespace Ui
} // namespace Formwork
