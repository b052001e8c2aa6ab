// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/historydatabase.h"

#include <QObject>

namespace Formwork {

// What RunRecorder and ChunkedRunRecorder share: one stored run, begun when they attach, written
// as it goes and finished once. A failed write is reported once through historyError() and the
// run goes on unrecorded from there.
class StoredRunRecorder : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoredRunRecorder)

public:
    ~StoredRunRecorder() override;

    // The stored run's id, 0 before attaching or when it could not be begun.
    qint64 runId() const { return m_runId; }
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void historyError(const QString &message);
    // The run ended and its outcome is stored.
    void recorded(qint64 runId);

protected:
    // `history` must outlive the recorder.
    StoredRunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent);

    // Begins the stored run. False without an open history, or (reported) when it was not stored.
    bool beginRun();
    // Begun and not finished: its attempts are written.
    bool isRecording() const { return m_runId > 0 && !m_finished; }
    HistoryDatabase &history() const { return *m_history; }
    // After a failed write: historyError() with the history's message, the first time only.
    void reportError();

    // Stores the run's end, once: `write(history, runId)` returns false when a write failed (then
    // reported), else recorded() follows.
    template<typename Write> void finishRun(Write &&write)
    {
        if (!isRecording())
            return;
        m_finished = true;
        if (!write(*m_history, m_runId)) {
            reportError();
            return;
        }
        Q_EMIT recorded(m_runId);
    }

private:
    HistoryDatabase *m_history;
    RunStart m_start;
    qint64 m_runId = 0;
    bool m_finished = false;
    bool m_errorReported = false;
};

} // namespace Formwork
