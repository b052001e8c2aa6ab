// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli validate --schema S.json [--draft 2020-12|7] [--formats] INSTANCE.json...`
CliCommand validateCommand();

} // namespace Cli
} // namespace Formwork
