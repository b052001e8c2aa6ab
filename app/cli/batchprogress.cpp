// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchprogress.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace Formwork {
namespace Cli {

QString progressLine(const BatchProgress &p)
{
    return QStringLiteral("batch: ") + batchProgressText(p);
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
