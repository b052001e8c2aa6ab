// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Formwork {

// The Ollama default, used when neither the settings nor OLLAMA_HOST name a server.
QUrl defaultOllamaUrl();

// Turns an OLLAMA_HOST-style value into a URL to connect to, with the rules of
// reference/ollama-api.md section 7: quotes and spaces trimmed; no scheme -> http and port
// 11434; an explicit scheme without a port -> 80/443; `ollama.com` -> https; a bad port -> the
// default; a path prefix is kept; the bind-all addresses 0.0.0.0 / :: (and an empty host) are
// mapped to loopback. An empty value gives defaultOllamaUrl().
QUrl connectableOllamaUrl(const QString &value);

// The base URL for a backend: the settings value when set, else OLLAMA_HOST from the
// environment (pass `environmentValue` to test it), else the default.
QUrl resolveBaseUrl(const QString &settingsValue, const QString &environmentValue);
QUrl resolveBaseUrl(const QString &settingsValue);

} // namespace Formwork
