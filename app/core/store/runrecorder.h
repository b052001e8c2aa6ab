// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "store/storedrunrecorder.h"

#include <QUrl>

namespace Formwork {

class ExtractionRun;

// Records one ExtractionRun into the history as it goes (issue 12, "every run is stored"): the
// run when it is attached, each attempt in its own transaction as it finishes, the outcome when
// the run ends. A failed write is reported once through historyError() and the run goes on.
class RunRecorder final : public StoredRunRecorder
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunRecorder)

public:
    // `history` must outlive the recorder.
    RunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent = nullptr);
    ~RunRecorder() override;

    // Begins the stored run and follows `run` until it ends. Call before run->start(). False
    // (historyError() emitted) when the run could not be stored.
    bool attach(ExtractionRun *run);

private:
    void onAttemptFinished(const AttemptRecord &attempt);
    void onEnded(const RunResult &result);
};

// What a single run (GUI Run, `formwork-cli extract`) stores as its start: the model, mode and
// schema, its settings (api, endpoint without user info, options, limits; never a key or a
// token) and its messages as the input.
RunStart singleRunStart(const ExtractionConfig &config, BackendApi api, const QUrl &endpoint);
// The settings JSON of a single run.
QString singleRunSettingsJson(const ExtractionConfig &config, BackendApi api, const QUrl &endpoint);
// The messages of a run as stored: [{"role","content"[,"images": n]}]. Image bytes are not stored.
QString messagesInputJson(const QList<ChatMessage> &messages);

} // namespace Formwork
