// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli history list|show ID|revalidate --schema S.json`: the run history, headless.
CliCommand historyCommand();

} // namespace Cli
} // namespace Formwork
