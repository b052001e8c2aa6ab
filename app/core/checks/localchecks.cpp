// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/localchecks.h"

#include "json/sourcemap.h"

#include <QCoreApplication>

namespace Formwork {

namespace {

// Sent to the model, so English on purpose (as the schema errors are).
QString groundingMessage(const CheckDefinition &check, const QString &text)
{
    if (!check.message.isEmpty())
        return check.message;
    return QStringLiteral("\"%1\" does not occur in the input text; copy the value from the text, do not invent it")
        .arg(text);
}

} // namespace

LocalChecks::LocalChecks(CheckList checks)
    : m_checks(std::move(checks))
{
}

CheckReport LocalChecks::run(const LocalCheckInput &input)
{
    CheckReport report;
    m_loadedValue = nullptr;
    for (const CheckDefinition &check : m_checks) {
        if (check.enabled && report.configurationError.isEmpty())
            runCheck(check, input, report);
    }
    return report;
}

CheckReport LocalChecks::runOne(const CheckDefinition &check, const LocalCheckInput &input)
{
    CheckReport report;
    m_loadedValue = nullptr;
    runCheck(check, input, report);
    return report;
}

void LocalChecks::runCheck(const CheckDefinition &check, const LocalCheckInput &input, CheckReport &report)
{
    if (!input.value)
        return;
    switch (check.kind) {
    case CheckKind::Expression:
        runExpression(check, input, report);
        break;
    case CheckKind::Grounding:
        runGrounding(check, input, report);
        break;
    case CheckKind::Rule:
        break;
    }
}

void LocalChecks::runExpression(const CheckDefinition &check, const LocalCheckInput &input, CheckReport &report)
{
    const ExpressionOutcome outcome = expressions(input).evaluate(check.expression, check.timeoutMs);
    using Status = ExpressionOutcome::Status;
    if (outcome.status == Status::Passed)
        return;
    if (outcome.status == Status::Failed) {
        addFailure(report, check, checkError(check, check.path.toStdString(), check.message, input.sourceMap));
        return;
    }
    if (!input.schemaValid && outcome.status != Status::SyntaxError)
        return; // the value is malformed; the schema errors say how
    report.configurationError = expressionConfigurationError(check, outcome);
}

ExpressionEvaluator &LocalChecks::expressions(const LocalCheckInput &input)
{
    if (!m_expressions)
        m_expressions = std::make_unique<ExpressionEvaluator>();
    if (m_loadedValue != input.value) { // the value goes to the engine once per run()
        m_expressions->setValue(*input.value);
        m_loadedValue = input.value;
    }
    return *m_expressions;
}

void LocalChecks::runGrounding(const CheckDefinition &check, const LocalCheckInput &input, CheckReport &report)
{
    for (const UngroundedValue &missing : m_grounding.check(check, *input.value, input.sourceText))
        addFailure(report, check,
                   checkError(check, missing.pointer, groundingMessage(check, missing.text), input.sourceMap));
}

ValidationError checkError(const CheckDefinition &check, const std::string &pointer, const QString &message,
                           const SourceMap *map)
{
    ValidationError error;
    error.instancePath = QString::fromStdString(pointer);
    error.keyword = check.name;
    error.kind = checkKindName(check.kind);
    error.message = message;
    if (map) {
        if (const auto range = map->valueRange(pointer))
            error.range = { range->begin, range->end };
    }
    return error;
}

void addFailure(CheckReport &report, const CheckDefinition &check, ValidationError error)
{
    (check.severity == CheckSeverity::Soft ? report.soft : report.hard).append(std::move(error));
}

QString expressionConfigurationError(const CheckDefinition &check, const ExpressionOutcome &outcome)
{
    switch (outcome.status) {
    case ExpressionOutcome::Status::SyntaxError:
        return QCoreApplication::translate("Formwork::Checks", "The expression check \"%1\" does not compile: %2")
            .arg(check.name, outcome.detail);
    case ExpressionOutcome::Status::Threw:
        return QCoreApplication::translate("Formwork::Checks", "The expression check \"%1\" threw an exception: %2")
            .arg(check.name, outcome.detail);
    case ExpressionOutcome::Status::NotBoolean:
        return QCoreApplication::translate("Formwork::Checks",
                                           "The expression check \"%1\" returned %2, not true or false.")
            .arg(check.name, outcome.detail);
    case ExpressionOutcome::Status::TimedOut:
        return QCoreApplication::translate("Formwork::Checks",
                                           "The expression check \"%1\" did not finish within %2 ms.")
            .arg(check.name)
            .arg(check.timeoutMs);
    case ExpressionOutcome::Status::Passed:
    case ExpressionOutcome::Status::Failed:
        break;
    }
    return {};
}

} // namespace Formwork
