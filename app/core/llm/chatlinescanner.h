// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Formwork {

// The fields of the line Ollama streams for almost every token of /api/chat:
//   {"model":"…","created_at":"…","message":{"role":"assistant","content":"…"},"done":false}
// (with "thinking" beside "content" for thinking models).
struct CommonChatLine {
    QString model;
    QString content;
    QString thinking;
};

// Reads such a line without building a document: a 2 kB reply streamed token by token is
// hundreds of lines, and a DOM for each cost more than everything else the client does.
// Anything else (the final line with its statistics, tool calls, images, an error, a field
// not listed above, broken UTF-8 or JSON) gives nullopt and is left to the full decoder.
// `model` is filled only when wanted (the decoder keeps the first line's).
std::optional<CommonChatLine> scanCommonChatLine(QByteArrayView line, bool wantModel = true);

} // namespace Formwork
