// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Formwork::Test {

// Absolute path of a file under tests/data.
QString testDataPath(const QString &relativePath);
// Contents of a file under tests/data; fails the current test when it cannot be read.
QByteArray readTestData(const QString &relativePath);
// A person schema (name: a string, age: an integer of at least 0, both required) padded with
// lines of "examples" to at least `minChars` characters: a long schema, for the paths that lint
// on a worker.
QString longPersonSchema(qsizetype minChars);

} // namespace Formwork::Test
