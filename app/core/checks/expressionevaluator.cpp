// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/expressionevaluator.h"

#include "common/compactjson.h"

#include <QJSEngine>

namespace Formwork {

namespace {

// The members of an object value are in scope by name; `with` is why this is sloppy-mode code.
QString functionSource(const QString &expression)
{
    return QStringLiteral("(function ($) { with (($ !== null && typeof $ === 'object') ? $ : {}) { return (")
        + expression + QStringLiteral("\n); } })");
}

} // namespace

ExpressionEvaluator::ExpressionEvaluator()
    : m_engine(std::make_unique<QJSEngine>())
    , m_watchdog(m_engine.get())
{
    m_parse = m_engine->globalObject().property(QStringLiteral("JSON")).property(QStringLiteral("parse"));
    // One check must not change the value the next one sees.
    m_freeze = m_engine->evaluate(
        QStringLiteral("(function freeze(o) { if (o !== null && typeof o === 'object') { Object.freeze(o); "
                       "for (const k in o) freeze(o[k]); } return o; })"));
}

ExpressionEvaluator::~ExpressionEvaluator() = default;

void ExpressionEvaluator::setValue(const nlohmann::ordered_json &value)
{
    const std::string json = compactJson(value);
    m_value = m_freeze.call({ m_parse.call({ QJSValue(QString::fromStdString(json)) }) });
}

QJSValue ExpressionEvaluator::compiled(const QString &expression)
{
    const auto it = m_functions.constFind(expression);
    if (it != m_functions.cend())
        return *it;
    const QJSValue function = m_engine->evaluate(functionSource(expression));
    if (!function.isError())
        m_functions.insert(expression, function);
    return function;
}

ExpressionOutcome ExpressionEvaluator::evaluate(const QString &expression, int timeoutMs)
{
    const QJSValue function = compiled(expression);
    if (function.isError())
        return { ExpressionOutcome::Status::SyntaxError, function.toString() };
    m_watchdog.arm(timeoutMs);
    const QJSValue result = function.call({ m_value });
    m_watchdog.disarm();
    const bool interrupted = m_engine->isInterrupted();
    m_engine->setInterrupted(false);
    return outcomeOf(result, interrupted);
}

ExpressionOutcome ExpressionEvaluator::outcomeOf(const QJSValue &result, bool interrupted) const
{
    // The watchdog may fire just after a call returned: only an error result is a time-out.
    if (interrupted && (result.isError() || result.isUndefined()))
        return { ExpressionOutcome::Status::TimedOut, {} };
    if (result.isError())
        return { ExpressionOutcome::Status::Threw, result.toString() };
    if (!result.isBool())
        return { ExpressionOutcome::Status::NotBoolean, result.toString() };
    return { result.toBool() ? ExpressionOutcome::Status::Passed : ExpressionOutcome::Status::Failed, {} };
}

} // namespace Formwork
