// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace Formwork {
namespace Ui {

// One marked stretch of the reply text, in QString (UTF-16) positions.
struct ReplySpan {
    enum class Kind {
        Json, // the JSON found in the reply (a subtle background)
        Thinking, // a <think>...</think> part of the content (dimmed)
        Error, // a value that failed validation (wavy underline)
        ParseError, // where the JSON stopped parsing (wavy underline)
    };

    qsizetype begin = 0;
    qsizetype length = 0;
    Kind kind = Kind::Json;
    QString message; // the tooltip: the error's text; empty for Json and Thinking
    int errorIndex = -1; // Error: index into AttemptRecord::errors

    qsizetype end() const { return begin + length; }
    bool contains(qsizetype position) const { return position >= begin && position < end(); }
    bool isProblem() const { return kind == Kind::Error || kind == Kind::ParseError; }
};

// What the reply view shows for one attempt: the raw reply (tools mode: the chosen call's
// arguments), the thinking apart, and every span converted from the core's UTF-8 byte offsets to
// UTF-16 positions with TextPositions. No widgets: golden-tested on its own.
struct ReplyRendering {
    int attempt = 0;
    QString text;
    QString thinking; // the reply's thinking field, else the text of its <think> parts
    bool isToolArguments = false;
    QList<ReplySpan> spans; // Json first, then Thinking, then problems in the order of the errors

    // `toolName` picks the call in tools mode (empty: the first call).
    static ReplyRendering forAttempt(const AttemptRecord &attempt, ExtractionMode mode, const QString &toolName = {});

    // The problems covering `position` (for the tooltip).
    QList<ReplySpan> problemsAt(qsizetype position) const;
    // The span of errors[errorIndex], if it has a place in the text.
    std::optional<ReplySpan> errorSpan(int errorIndex) const;
    std::optional<ReplySpan> parseErrorSpan() const;
    std::optional<ReplySpan> jsonSpan() const;

    // Text form for golden files: the attempt, the text, then one line per span with its
    // position, length, kind, covered text and message (all escaped as JSON strings).
    QString serialize() const;

    static QString kindName(ReplySpan::Kind kind);
};

} // namespace Ui
} // namespace Formwork
