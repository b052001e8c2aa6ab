// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storedrunrecorder.h"

namespace Formwork {

StoredRunRecorder::StoredRunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent)
    : QObject(parent)
    , m_history(history)
    , m_start(start)
{
}

StoredRunRecorder::~StoredRunRecorder() = default;

bool StoredRunRecorder::beginRun()
{
    if (!m_history || !m_history->isOpen())
        return false;
    m_runId = m_history->beginRun(m_start);
    if (m_runId == 0) {
        reportError();
        return false;
    }
    return true;
}

void StoredRunRecorder::reportError()
{
    if (m_errorReported)
        return;
    m_errorReported = true;
    Q_EMIT historyError(m_history->lastError());
}

} // namespace Formwork
