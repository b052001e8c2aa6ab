// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace Formwork {

QString writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    const auto failure = [&path](const QString &reason) {
        return QCoreApplication::translate("Formwork::Export", "Could not write %1: %2")
            .arg(QDir::toNativeSeparators(path), reason);
    };
    if (path.isEmpty())
        return QCoreApplication::translate("Formwork::Export", "No file name was given.");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return failure(reason);
    }
    if (!file.commit())
        return failure(file.errorString());
    return {};
}

} // namespace Formwork
