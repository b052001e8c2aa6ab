// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakeollama.h"

#include <QRegularExpression>
#include <QString>

#include <optional>

namespace Formwork::Test {

// A scripted model for batch tests: the rows are "item: N" (N = 1, 2, ...), and the model
// answers {"name": "P<N>", "age": N}, except that rows with N % 10 == 3 give a negative age on
// the first attempt (valid after one reask) and rows with N % 25 == 7 never give a valid age.
struct BatchScript {
    static bool reasked(int n) { return n % 10 == 3 && !failing(n); }
    static bool failing(int n) { return n % 25 == 7; }

    // The row number a chat request is for (-1 when none), and its attempt (1 + earlier replies).
    static int rowOf(const RecordedRequest &request)
    {
        static const QRegularExpression pattern(QStringLiteral("item: (\\d+)"));
        if (!request.json.is_object() || !request.json.contains("messages"))
            return -1;
        for (const auto &message : request.json["messages"]) {
            if (message.value("role", std::string()) != "user")
                continue;
            const auto match = pattern.match(QString::fromStdString(message.value("content", std::string())));
            if (match.hasMatch())
                return match.captured(1).toInt();
        }
        return -1;
    }
    static int attemptOf(const RecordedRequest &request)
    {
        int attempt = 1;
        for (const auto &message : request.json["messages"])
            attempt += message.value("role", std::string()) == "assistant" ? 1 : 0;
        return attempt;
    }

    static QString replyFor(int n, int attempt)
    {
        const bool bad = failing(n) || (reasked(n) && attempt == 1);
        return QStringLiteral("{\"name\": \"P%1\", \"age\": %2}").arg(n).arg(bad ? -1 : n);
    }

    // For FakeOllama::setChatResponder; every reply waits `delayMs` before its first byte.
    static FakeOllama::ChatResponder responder(int delayMs = 0)
    {
        return [delayMs](const RecordedRequest &request) -> std::optional<FakeReply> {
            const int n = rowOf(request);
            if (n < 0)
                return std::nullopt;
            FakeReply reply = FakeReply::text({ replyFor(n, attemptOf(request)) });
            reply.firstByteDelayMs = delayMs;
            return reply;
        };
    }

    static QByteArray csv(int rows)
    {
        QByteArray out = "item\n";
        for (int n = 1; n <= rows; ++n)
            out += QByteArray::number(n) + '\n';
        return out;
    }

    static QByteArray schema()
    {
        return QByteArrayLiteral("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                                 "\"age\":{\"type\":\"integer\",\"minimum\":0}},\"required\":[\"name\",\"age\"]}");
    }
};

} // namespace Formwork::Test
