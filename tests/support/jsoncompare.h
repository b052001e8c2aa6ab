// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTest>

#include <nlohmann/json.hpp>

// QCOMPARE cannot print nlohmann values (and trips over their conversions), so compare dumps.
#define QCOMPARE_JSON(actual, expected)                                                                                \
    do {                                                                                                               \
        const nlohmann::ordered_json actualJson_ = (actual);                                                           \
        const nlohmann::ordered_json expectedJson_ = (expected);                                                       \
        QVERIFY2(actualJson_ == expectedJson_,                                                                         \
                 qPrintable(QString::fromStdString(actualJson_.dump() + " != " + expectedJson_.dump())));              \
    } while (false)
