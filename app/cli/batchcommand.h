// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"

namespace Formwork {
namespace Cli {

// `formwork-cli batch --schema S.json --model M --input rows.csv|rows.jsonl|DIR --out FILE ...`:
// every row through one extraction, results exported, failures in <out>.failures.jsonl, every
// run in the history so that --resume continues an interrupted batch.
CliCommand batchCommand();

} // namespace Cli
} // namespace Formwork
