// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli models [--host URL] [--api ollama|openai] [--json]`: the models of a server.
CliCommand modelsCommand();
int runModels(const QStringList &arguments);

} // namespace Cli
} // namespace Formwork
