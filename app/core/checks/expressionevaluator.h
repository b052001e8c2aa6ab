// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/scriptwatchdog.h"

#include <QHash>
#include <QJSValue>
#include <QString>

#include <nlohmann/json.hpp>

#include <memory>

class QJSEngine;

namespace Formwork {

// How one evaluation of an expression check ended.
struct ExpressionOutcome {
    enum class Status {
        Passed, // returned true
        Failed, // returned false
        SyntaxError, // does not compile
        Threw, // threw an exception
        NotBoolean, // returned something else than true or false
        TimedOut, // interrupted at its time limit
    };
    Status status = Status::Passed;
    QString detail; // the exception's text, or what was returned

    bool isConfigurationError() const { return status != Status::Passed && status != Status::Failed; }
};

// Evaluates JavaScript expressions over one JSON value with Qt's own engine (QJSEngine), in a
// sandbox: no extensions are installed, so there is no console, no import, no file or network
// access; only the language itself. The value's members are in scope by name (`total`,
// `items`), the whole value is `$`. Each evaluation has a time limit (ScriptWatchdog).
// Compiled expressions are kept, so checking many attempts compiles each check once.
class ExpressionEvaluator
{
    Q_DISABLE_COPY_MOVE(ExpressionEvaluator)

public:
    ExpressionEvaluator();
    ~ExpressionEvaluator();

    // The value the next evaluations see.
    void setValue(const nlohmann::ordered_json &value);
    ExpressionOutcome evaluate(const QString &expression, int timeoutMs);

private:
    QJSValue compiled(const QString &expression);
    ExpressionOutcome outcomeOf(const QJSValue &result, bool interrupted) const;

    std::unique_ptr<QJSEngine> m_engine;
    ScriptWatchdog m_watchdog; // after the engine: stopped before it goes
    QJSValue m_parse; // JSON.parse
    QJSValue m_freeze; // a deep Object.freeze
    QJSValue m_value;
    QHash<QString, QJSValue> m_functions; // expression -> function($)
};

} // namespace Formwork
