// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The invoice example shared by the checks tests: the workspace shipped in resources/examples,
// its checks and a correct answer from tests/data.

#include "checks/checkdefinition.h"
#include "store/workspace.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace Formwork::Test {

// tests/data/examples/invoice.answer.json: a valid answer to the invoice workspace.
nlohmann::ordered_json invoiceAnswer();
// tests/data/checks/invoice.checks.json (a sum check and a grounding check); empty when unreadable.
CheckList invoiceChecks();
// resources/examples/invoice.formwork.json; a default Workspace when unreadable.
Workspace invoiceWorkspace();

// A model-judged rule (CheckKind::Rule) about `path`, asked of `model` (empty: the run's model).
CheckDefinition ruleCheck(const QString &name, const QString &path, const QString &rule, const QString &model = {});

// tests/data/checks/<name>: the invoice's schema, text, checks and fake-ollama scripts.
QString checksDataPath(const char *name);
// A batch input of JSON Lines: one row per id, {"invoice": <tests/data/checks/invoice.txt>, "id"}.
QByteArray invoiceRowsJsonl(const QStringList &ids);

} // namespace Formwork::Test
