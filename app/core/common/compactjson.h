// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <string>

namespace Formwork {

// A JSON value as compact text: one line, no spaces, and invalid UTF-8 in its strings replaced by
// U+FFFD instead of throwing. The one way values are written into the history, traces, JSON Lines,
// prompts and cells.
std::string compactJson(const nlohmann::ordered_json &value);
QString compactJsonText(const nlohmann::ordered_json &value);
QByteArray compactJsonBytes(const nlohmann::ordered_json &value);

} // namespace Formwork
