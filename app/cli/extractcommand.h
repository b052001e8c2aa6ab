// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli extract --model M --schema S.json (--prompt TEXT | --input FILE) ...`: one
// extraction run; the validated JSON on stdout, progress on stderr, exit codes of design.md 4.
CliCommand extractCommand();

} // namespace Cli
} // namespace Formwork
