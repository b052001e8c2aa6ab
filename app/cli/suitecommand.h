// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli suite DIR [--draft 2020-12|7] [--optional]`: runs a JSON-Schema-Test-Suite checkout.
CliCommand suiteCommand();

} // namespace Cli
} // namespace Formwork
