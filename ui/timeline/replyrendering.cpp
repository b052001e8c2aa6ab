// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/replyrendering.h"

#include "json/jsonextractor.h"
#include "json/textpositions.h"

#include <nlohmann/json.hpp>

namespace Formwork {
namespace Ui {

namespace {

const ToolCall *chosenCall(const AttemptRecord &attempt, const QString &toolName)
{
    for (const ToolCall &call : attempt.toolCalls) {
        if (toolName.isEmpty() || call.name == toolName)
            return &call;
    }
    return nullptr;
}

// A span over whole characters: a surrogate pair is never cut in two.
ReplySpan utf16Span(const TextPositions &positions, qsizetype byteBegin, qsizetype byteEnd, ReplySpan::Kind kind)
{
    ReplySpan span;
    span.kind = kind;
    span.begin = positions.toUtf16(byteBegin);
    span.length = positions.toUtf16(byteEnd) - span.begin;
    return span;
}

QString quoted(const QString &text)
{
    return QString::fromStdString(nlohmann::json(text.toStdString()).dump());
}

} // namespace

ReplyRendering ReplyRendering::forAttempt(const AttemptRecord &attempt, ExtractionMode mode, const QString &toolName)
{
    ReplyRendering r;
    r.attempt = attempt.number;
    r.thinking = attempt.thinking;
    const ToolCall *call = mode == ExtractionMode::Tools ? chosenCall(attempt, toolName) : nullptr;
    r.isToolArguments = call != nullptr;
    r.text = call ? call->argumentsJson : attempt.content;

    const QByteArray utf8 = r.text.toUtf8();
    const std::string_view bytes(utf8.constData(), std::size_t(utf8.size()));
    const TextPositions positions(bytes);
    const bool rangesApply = attempt.extracted && (mode != ExtractionMode::Tools || call);

    if (rangesApply && attempt.span.end > attempt.span.begin)
        r.spans.append(utf16Span(positions, attempt.span.begin, attempt.span.end, ReplySpan::Kind::Json));
    if (!call) {
        QString inlineThinking;
        for (const SourceRange &range : thinkingRanges(bytes)) {
            r.spans.append(utf16Span(positions, range.begin, range.end, ReplySpan::Kind::Thinking));
            inlineThinking += QString::fromUtf8(utf8.mid(range.begin, range.length()));
        }
        if (r.thinking.isEmpty())
            r.thinking = inlineThinking;
    }
    if (!rangesApply)
        return r;

    for (int i = 0; i < attempt.errors.size(); ++i) {
        const ValidationError &error = attempt.errors.at(i);
        // Errors on a value the source map does not know (double-encoded tool arguments) have
        // no place in the text; the error list still shows them.
        if (!error.range.isValid())
            continue;
        ReplySpan span = utf16Span(positions, error.range.begin, error.range.end, ReplySpan::Kind::Error);
        span.message = error.text();
        span.errorIndex = i;
        r.spans.append(span);
    }
    if (attempt.outcome == AttemptOutcome::ParseError && attempt.parseErrorOffset >= 0 && !r.text.isEmpty()) {
        ReplySpan span;
        span.kind = ReplySpan::Kind::ParseError;
        // An error at the very end (the text stopped) is shown on the last character.
        span.begin = std::min(positions.toUtf16(attempt.parseErrorOffset), r.text.size() - 1);
        if (span.begin > 0 && r.text.at(span.begin).isLowSurrogate())
            --span.begin;
        span.length = r.text.at(span.begin).isHighSurrogate() && span.begin + 1 < r.text.size() ? 2 : 1;
        span.message = attempt.parseError;
        r.spans.append(span);
    }
    return r;
}

QList<ReplySpan> ReplyRendering::problemsAt(qsizetype position) const
{
    QList<ReplySpan> found;
    for (const ReplySpan &span : spans) {
        if (span.isProblem() && span.contains(position))
            found.append(span);
    }
    return found;
}

std::optional<ReplySpan> ReplyRendering::errorSpan(int errorIndex) const
{
    for (const ReplySpan &span : spans) {
        if (span.kind == ReplySpan::Kind::Error && span.errorIndex == errorIndex)
            return span;
    }
    return std::nullopt;
}

std::optional<ReplySpan> ReplyRendering::parseErrorSpan() const
{
    for (const ReplySpan &span : spans) {
        if (span.kind == ReplySpan::Kind::ParseError)
            return span;
    }
    return std::nullopt;
}

std::optional<ReplySpan> ReplyRendering::jsonSpan() const
{
    for (const ReplySpan &span : spans) {
        if (span.kind == ReplySpan::Kind::Json)
            return span;
    }
    return std::nullopt;
}

QString ReplyRendering::kindName(ReplySpan::Kind kind)
{
    switch (kind) {
    case ReplySpan::Kind::Json:
        return QStringLiteral("json");
    case ReplySpan::Kind::Thinking:
        return QStringLiteral("thinking");
    case ReplySpan::Kind::Error:
        return QStringLiteral("error");
    case ReplySpan::Kind::ParseError:
        break;
    }
    return QStringLiteral("parse-error");
}

QString ReplyRendering::serialize() const
{
    QString out;
    out += QStringLiteral("attempt %1%2\n")
               .arg(attempt)
               .arg(isToolArguments ? QStringLiteral(" (tool arguments)") : QString());
    out += QStringLiteral("text ") + quoted(text) + u'\n';
    if (!thinking.isEmpty())
        out += QStringLiteral("thinking ") + quoted(thinking) + u'\n';
    for (const ReplySpan &span : spans) {
        out += QStringLiteral("span %1+%2 %3 %4")
                   .arg(span.begin)
                   .arg(span.length)
                   .arg(kindName(span.kind), quoted(text.mid(span.begin, span.length)));
        if (!span.message.isEmpty())
            out += u' ' + quoted(span.message);
        out += u'\n';
    }
    return out;
}

} // namespace Ui
} // namespace Formwork
