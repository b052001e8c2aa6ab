// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/promptsettings.h"

#include <QObject>

#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QTimer;
class QUrl;
class QWidget;

namespace Formwork {

class LlmBackend;

namespace Ui {

class AdvisorButton;
struct Advice;
class ChecksPane;
class ModelPickerPane;
class PromptPane;
class RunSession;
class SchemaEditorPane;

// The window's run controls: Run, Cancel and Validate JSON, the capability advisor and the run
// line of the status bar. It gathers the schema, the model and the prompt from their panes,
// refuses to start when one is missing (saying so where the problem is) and hands the run to
// the RunSession, which the result side reads.
class RunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunController)

public:
    struct Panes {
        SchemaEditorPane *schema = nullptr;
        ModelPickerPane *picker = nullptr;
        PromptPane *prompt = nullptr;
    };

    RunController(RunSession *session, const Panes &panes, QWidget *window);
    ~RunController() override;

    QAction *runAction() const { return m_runAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *validateJsonAction() const { return m_validateAction; }
    // "Split into Chunks": turns on chunking (auto) in the run options; enabled when the prompt
    // would not fit the model's context and chunking is off. Also offered in the advisor's popup.
    QAction *splitIntoChunksAction() const { return m_splitAction; }
    // "chunk 3/12" while a run of chunks goes (hidden otherwise), for the status bar.
    QProgressBar *chunkProgress() const { return m_chunkProgress; }
    AdvisorButton *advisorButton() const { return m_advisor; }
    // The permanent run line for the status bar.
    QLabel *statusLabel() const { return m_status; }
    // What Run will do, for the toolbar: model, server, mode and attempts.
    QLabel *contextLabel() const { return m_context; }

    // Starts a run; false (with the reason shown where the problem is) when it cannot start. A long
    // schema just edited is checked on a worker first, and the run starts after (true).
    bool startRun();
    void cancelRun();
    // The checks a run gets beside the schema (issue 14); none when not set.
    void setChecksPane(ChecksPane *checks) { m_checks = checks; }
    // Validates `jsonText` against the current schema without a model; false when the schema is
    // not valid (the schema pane says why).
    bool validateJson(const QString &jsonText);
    // Why a run cannot start now, or an empty string.
    QString lastProblem() const { return m_lastProblem; }

Q_SIGNALS:
    // A message for the status bar.
    void statusMessage(const QString &text, int timeoutMs);

private:
    void createActions();
    void openValidateDialog();
    void updateActions();
    void updateStatus();
    // Feeds the model, mode and schema to the request preview, the token meter and the advisor.
    void updateRunContext();
    bool refuse(const QString &problem);
    void startProbedRun(ExtractionConfig config);
    // The schema of the last lint (callers make it current first); nullopt, with the reason shown
    // and the editor focused, when the text is not a valid schema.
    std::optional<Schema> schemaOrRefuse();
    void updateContextLabel(const QString &model, const QUrl &host, const PromptSettings &prompt);
    // Starts `config` as one run, or split into chunks when the run options ask for it.
    void startSessionRun(LlmBackend *backend, ExtractionConfig config);
    // The context the run gets in tokens: num_ctx, else the loaded runner's, else the trained
    // length; 0 when unknown.
    qint64 contextTokens(const PromptSettings &prompt, const ModelInfo &model) const;
    // The advisor's context advice, told that the run will be split (chunking on).
    QList<Advice> withChunking(QList<Advice> advice, const PromptSettings &prompt) const;
    void updateChunkProgress();

    RunSession *m_session;
    Panes m_panes;
    ChecksPane *m_checks = nullptr;
    QWidget *m_window;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_validateAction = nullptr;
    QAction *m_splitAction = nullptr;
    AdvisorButton *m_advisor = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_context = nullptr;
    QProgressBar *m_chunkProgress = nullptr;
    QTimer *m_contextTimer;
    QString m_lastProblem;
    bool m_startPending = false; // Run pressed, waiting for the schema's lint or the server probe
    quint64 m_startCount = 0; // which start a lint that lands may resume: the newest, if not cancelled
};

} // namespace Ui
} // namespace Formwork
