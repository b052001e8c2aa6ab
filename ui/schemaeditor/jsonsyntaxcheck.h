// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Formwork {
namespace Ui {

// Where a JSON text stops being valid, in editor terms.
struct JsonSyntaxProblem {
    int line = 1; // 1-based
    int column = 1; // 1-based, in characters
    int position = 0; // QString index into the checked text
    QString message;
};

// Returns the first syntax problem of `text`, or nothing when it is valid JSON.
std::optional<JsonSyntaxProblem> checkJsonSyntax(const QString &text);

} // namespace Ui
} // namespace Formwork
