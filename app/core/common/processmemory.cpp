// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/processmemory.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace Formwork {

qint64 residentKb(qint64 pid)
{
    QFile status(pid == 0 ? QStringLiteral("/proc/self/status") : QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // Files in /proc report a size of 0, so read to the end instead of testing atEnd().
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace Formwork
