// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchtypes.h"

#include <QElapsedTimer>
#include <QString>

class QTextStream;

namespace Formwork {
namespace Cli {

// "batch: 12/30 done, 9 valid first try, 2 after reasks, 1 failed, 4.0 rows/min, ETA 4m 30s"
QString progressLine(const BatchProgress &progress);

// A batch's progress on stderr: one line rewritten in place on a terminal, a plain line at most
// once a second (and the last one) otherwise.
class ProgressPrinter
{
public:
    explicit ProgressPrinter(QTextStream &err);

    void show(const BatchProgress &progress);
    // On a terminal, ends the progress line so that another message starts on its own.
    void breakLine();
    // The final state, as the last progress line.
    void finish(const BatchProgress &progress);

private:
    QTextStream &m_err;
    bool m_terminal;
    QElapsedTimer m_lastLine;
};

} // namespace Cli
} // namespace Formwork
