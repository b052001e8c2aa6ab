// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"
#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace Formwork {

// A problem in a list of checks: the JSON Pointer of the offending value and a plain sentence.
struct ChecksError {
    std::string pointer;
    QString message;
};

// The JSON array of checks, as a checks file and a workspace hold it (README, "Checks").
nlohmann::ordered_json checksToJson(const CheckList &checks);
// Reads such an array; `pointer` is where it sits in its document (for the error's pointer).
Result<CheckList, ChecksError> checksFromJson(const nlohmann::ordered_json &array, const std::string &pointer);

// A standalone checks file: {"formworkChecks": 1, "checks": [...]}.
QByteArray serializeChecksFile(const CheckList &checks);
// Errors read "path:line:column: message".
Result<CheckList, QString> parseChecksFile(const QByteArray &bytes, const QString &path);
Result<CheckList, QString> loadChecksFile(const QString &path);

} // namespace Formwork
