// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Formwork {

// Writes `bytes` to `path` through QSaveFile: the old file stays intact when anything fails.
// Returns an empty string on success, else a sentence naming the file and the reason.
QString writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace Formwork
