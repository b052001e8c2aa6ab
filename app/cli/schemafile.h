// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QString>

#include <optional>

namespace Formwork {
namespace Cli {

// Reads and compiles a schema file; on failure `error` names the file (with line and column when
// the text is not JSON, with each schema error otherwise). `command` prefixes the read error.
std::optional<Schema> loadSchemaFile(const QString &path, const QString &command, QString &error);

} // namespace Cli
} // namespace Formwork
