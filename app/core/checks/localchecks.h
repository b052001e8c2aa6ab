// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/attemptchecker.h"
#include "checks/checkdefinition.h"
#include "checks/expressionevaluator.h"
#include "checks/groundingcheck.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace Formwork {

class SourceMap;

// What the local checks look at: the parsed value, where it stands in the raw reply, the input
// text, and whether the schema passed.
struct LocalCheckInput {
    const nlohmann::ordered_json *value = nullptr;
    const SourceMap *sourceMap = nullptr; // ranges into the raw reply; null: errors get no range
    QString sourceText; // what grounding checks look in
    // A value the schema rejected may lack what an expression reads: its exceptions are then the
    // schema's business, not configuration errors.
    bool schemaValid = true;
};

// Runs the checks that need no model (expressions and grounding) over a value, synchronously:
// the part of a check set that `formwork-cli validate --checks`, the GUI's "Test" and every
// attempt of a run share. Rule checks are skipped here (RuleJudge does them).
class LocalChecks
{
public:
    explicit LocalChecks(CheckList checks);

    const CheckList &checks() const { return m_checks; }
    CheckReport run(const LocalCheckInput &input);
    // One check alone, enabled or not (the GUI's "Test against the current result").
    CheckReport runOne(const CheckDefinition &check, const LocalCheckInput &input);

private:
    void runCheck(const CheckDefinition &check, const LocalCheckInput &input, CheckReport &report);
    void runExpression(const CheckDefinition &check, const LocalCheckInput &input, CheckReport &report);
    void runGrounding(const CheckDefinition &check, const LocalCheckInput &input, CheckReport &report);

    ExpressionEvaluator &expressions(const LocalCheckInput &input);

    CheckList m_checks;
    std::unique_ptr<ExpressionEvaluator> m_expressions; // started on the first expression (a few ms)
    const nlohmann::ordered_json *m_loadedValue = nullptr; // the value m_expressions holds
    GroundingCheck m_grounding;
};

// A check's failure as a validation error (kind, name in `keyword`), with the source range of
// `pointer` when the map knows it. Soft checks go to report.soft, hard ones to report.hard.
ValidationError checkError(const CheckDefinition &check, const std::string &pointer, const QString &message,
                           const SourceMap *map);
void addFailure(CheckReport &report, const CheckDefinition &check, ValidationError error);

// "The expression check "sum" threw: TypeError: ..."; names the check, for the user.
QString expressionConfigurationError(const CheckDefinition &check, const ExpressionOutcome &outcome);

} // namespace Formwork
