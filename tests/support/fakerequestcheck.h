// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What Ollama refuses before it generates anything (reference/ollama-api.md 3.1, 3.4, 4, 5.1), for
// FakeOllama: a test that sends what the real server would refuse must see the same refusal.

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace Formwork::Test {

enum class GenerationRoute {
    Chat, // POST /api/chat
    Generate, // POST /api/generate
    OpenAiChat, // POST /v1/chat/completions
};

// A pulled model as the fake knows it: its capabilities (empty: not known, nothing is refused for them).
struct FakeModel {
    QString name;
    QStringList capabilities;
};

// The server's refusal: a status and the message of the error body.
struct Refusal {
    int status = 400;
    std::string message;
};

// Finds a pulled model by the name a request sent (tag defaults to latest, case ignored).
using ModelLookup = std::function<std::optional<FakeModel>(const QString &name)>;

// The refusal of a generation request, or nullopt when Ollama would start generating.
std::optional<Refusal> checkGenerationRequest(GenerationRoute route, const QByteArray &body,
                                              const nlohmann::ordered_json &json, const ModelLookup &lookup);

// The error body as the route writes it: {"error":"..."} natively, the OpenAI envelope
// {"error":{"message","type","param":null,"code":null}} on /v1 (reference 5.1).
QByteArray refusalBody(GenerationRoute route, const Refusal &refusal);

// "llama3.2" -> "llama3.2:latest"; a name with a tag is kept.
QString normalizedModelName(const QString &name);

} // namespace Formwork::Test
