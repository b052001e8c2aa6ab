// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli draft-schema --model M --describe TEXT [--out FILE]`: a model writes a JSON Schema
// from a description; it is checked against the real metaschema and reasked until it passes.
CliCommand draftSchemaCommand();

} // namespace Cli
} // namespace Formwork
