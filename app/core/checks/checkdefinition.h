// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Formwork {

// The kinds of checks beyond JSON Schema (issue 14).
enum class CheckKind {
    Expression, // a JavaScript expression over the parsed value must be true
    Grounding, // string values must occur in the input text
    Rule, // a rule in plain words, judged by a second request to a model
};

// "expression", "grounding", "rule": the words of the checks file and of ValidationError::kind.
QString checkKindName(CheckKind kind);
std::optional<CheckKind> checkKindFromName(QStringView name);

// Hard checks fail the attempt and are reasked; soft ones are only reported (BAML's assert/check).
enum class CheckSeverity { Hard, Soft };

// How a grounding check compares a value with the input text.
enum class GroundingMatch {
    Exact, // character for character
    Normalized, // after folding case, whitespace, punctuation and diacritics
};

// One check as the user writes it, in a workspace or a checks file. Plain data.
struct CheckDefinition {
    QString name; // unique within a set; names the check in errors
    CheckKind kind = CheckKind::Expression;
    // JSON Pointer the check is about: the underlined value. Grounding and rules read the value
    // there; "*" as a token stands for every element or member ("/items/*/description").
    QString path;
    QString expression; // Expression: JavaScript; the value's members are in scope, the whole value is `$`
    QString message; // what the model reads on failure (Grounding: optional, a default is used)
    GroundingMatch match = GroundingMatch::Normalized; // Grounding
    QString rule; // Rule: the rule in plain words
    QString model; // Rule: the judging model; empty = the extraction's model
    CheckSeverity severity = CheckSeverity::Hard;
    bool enabled = true;
    int timeoutMs = 250; // Expression: the most one evaluation may take

    friend bool operator==(const CheckDefinition &, const CheckDefinition &) = default;
};

using CheckList = QList<CheckDefinition>;

} // namespace Formwork

Q_DECLARE_METATYPE(Formwork::CheckDefinition)
