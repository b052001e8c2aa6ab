// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Formwork::Test {

// Absolute path of a file under tests/data.
QString testDataPath(const QString &relativePath);
// Contents of a file under tests/data; fails the current test when it cannot be read.
QByteArray readTestData(const QString &relativePath);

} // namespace Formwork::Test
