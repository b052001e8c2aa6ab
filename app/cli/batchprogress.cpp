// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchprogress.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace Formwork {
namespace Cli {

namespace {

// "1h 02m", "3m 07s", "12s"
QString duration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1h %2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(seconds);
}

} // namespace

QString progressLine(const BatchProgress &p)
{
    QString line = QCoreApplication::translate("cli",
                                               "batch: %1/%2 done, %3 valid first try, %4 after reasks, "
                                               "%5 failed")
                       .arg(p.done)
                       .arg(p.total)
                       .arg(p.validFirstTry)
                       .arg(p.validAfterReasks)
                       .arg(p.failed);
    if (p.rowsPerMinute > 0)
        line += QCoreApplication::translate("cli", ", %1 rows/min").arg(p.rowsPerMinute, 0, 'f', 1);
    if (p.etaSeconds >= 0 && p.done < p.total)
        line += QCoreApplication::translate("cli", ", ETA %1").arg(duration(p.etaSeconds));
    return line;
}

ProgressPrinter::ProgressPrinter(QTextStream &err)
    : m_err(err)
    , m_terminal(isatty(fileno(stderr)) != 0)
{
}

void ProgressPrinter::show(const BatchProgress &p)
{
    if (m_terminal) {
        m_err << '\r' << progressLine(p) << "\x1b[K" << Qt::flush;
    } else if (!m_lastLine.isValid() || m_lastLine.elapsed() >= 1000 || p.done == p.total) {
        m_err << progressLine(p) << Qt::endl;
        m_lastLine.start();
    }
}

void ProgressPrinter::breakLine()
{
    if (m_terminal)
        m_err << '\n';
}

void ProgressPrinter::finish(const BatchProgress &p)
{
    if (m_terminal)
        m_err << '\r' << progressLine(p) << "\x1b[K" << Qt::endl;
}

} // namespace Cli
} // namespace Formwork
