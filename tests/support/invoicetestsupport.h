// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The invoice example shared by the checks tests: the workspace shipped in resources/examples,
// its checks and a correct answer from tests/data.

#include "checks/checkdefinition.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

namespace Formwork::Test {

// tests/data/examples/invoice.answer.json: a valid answer to the invoice workspace.
nlohmann::ordered_json invoiceAnswer();
// tests/data/checks/invoice.checks.json (a sum check and a grounding check); empty when unreadable.
CheckList invoiceChecks();
// resources/examples/invoice.formwork.json; a default Workspace when unreadable.
Workspace invoiceWorkspace();

} // namespace Formwork::Test
