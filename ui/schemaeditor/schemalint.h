// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/enforcementreport.h"

#include <QList>
#include <QString>

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
};

// Parses `text` with the core's JSON parser, compiles it as a JSON Schema (2020-12 unless
// `$schema` says otherwise) and builds the enforcement report. Thread-safe.
SchemaLintResult lintSchema(const QString &text);

} // namespace Ui
} // namespace Formwork
