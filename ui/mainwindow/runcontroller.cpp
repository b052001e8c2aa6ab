// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/runcontroller.h"

#include "checklist/checkspane.h"
#include "checks/checksattemptchecker.h"
#include "editor/codeeditor.h"
#include "editor/jsoninputdialog.h"
#include "extraction/extractionrequest.h"
#include "grounding/chunkplan.h"
#include "llm/llmbackend.h"
#include "picker/advisorbutton.h"
#include "picker/capabilityadvisor.h"
#include "picker/modelpickerpane.h"
#include "picker/serverconnection.h"
#include "prompt/promptpane.h"
#include "prompt/runoptionsform.h"
#include "run/chunkingform.h"
#include "run/runsession.h"
#include "run/runstatus.h"
#include "schemaeditor/schemaeditorpane.h"

#include <QAction>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Formwork {
namespace Ui {

namespace {
constexpr int ProblemMessageMs = 8000;
constexpr int ContextDelayMs = 150;
} // namespace

RunController::RunController(RunSession *session, const Panes &panes, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_panes(panes)
    , m_window(window)
    , m_advisor(new AdvisorButton(window))
    , m_status(new QLabel(window))
    , m_context(new QLabel(window))
    , m_chunkProgress(new QProgressBar(window))
    , m_contextTimer(new QTimer(this))
{
    m_chunkProgress->setObjectName(QStringLiteral("chunkProgress"));
    m_chunkProgress->setToolTip(tr("The chunks of the document extracted so far (each chunk is validated and "
                                   "reasked on its own; the results are merged at the end)"));
    m_chunkProgress->setMaximumWidth(220);
    m_chunkProgress->setTextVisible(true);
    m_chunkProgress->hide();
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_context->setObjectName(QStringLiteral("runContext"));
    m_context->setContentsMargins(8, 0, 8, 0);
    createActions();

    connect(m_session, &RunSession::stateChanged, this, &RunController::updateActions);
    connect(m_session, &RunSession::cleared, this, &RunController::updateStatus);
    connect(m_session, &RunSession::stateChanged, this, &RunController::updateStatus);
    connect(m_session, &RunSession::attemptStarted, this, &RunController::updateStatus);
    connect(m_session, &RunSession::attemptFinished, this, &RunController::updateStatus);
    connect(m_session, &RunSession::finished, this, &RunController::updateStatus);
    connect(m_session, &RunSession::accepted, this, &RunController::updateStatus);
    connect(m_session, &RunSession::chunkProgressed, this, &RunController::updateStatus);
    connect(m_session, &RunSession::chunkProgressed, this, &RunController::updateChunkProgress);
    connect(m_session, &RunSession::attemptFinished, this, &RunController::updateChunkProgress);
    connect(m_session, &RunSession::attemptStarted, this, &RunController::updateChunkProgress);
    connect(m_session, &RunSession::stateChanged, this, &RunController::updateChunkProgress);
    connect(m_session, &RunSession::cleared, this, &RunController::updateChunkProgress);

    // The advisor, the request preview and the schema's token meter follow every input.
    // Typing only restarts a short pause, so a long prompt or schema is not re-estimated per key.
    m_contextTimer->setSingleShot(true);
    m_contextTimer->setInterval(ContextDelayMs);
    connect(m_contextTimer, &QTimer::timeout, this, &RunController::updateRunContext);
    const auto schedule = [this] { m_contextTimer->start(); };
    connect(m_panes.schema, &SchemaEditorPane::schemaChanged, this, schedule);
    // Choosing a model is one click, not typing: the toolbar and the advisor follow at once.
    connect(m_panes.picker, &ModelPickerPane::currentModelChanged, this, &RunController::updateRunContext);
    connect(m_panes.picker, &ModelPickerPane::serverSettingsChanged, this, schedule);
    connect(m_panes.prompt, &PromptPane::settingsChanged, this, schedule);
    connect(m_panes.picker->connection(), &ServerConnection::serverDetected, this, schedule);
    updateActions();
    updateRunContext();
}

RunController::~RunController() = default;

void RunController::createActions()
{
    m_runAction = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("actionRun"));
    m_runAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_runAction->setToolTip(tr("Send the prompt to the model, validate the reply against the schema and reask "
                               "with the errors until it is valid or the attempts are used up (Ctrl+Return)"));
    connect(m_runAction, &QAction::triggered, this, &RunController::startRun);

    m_cancelAction = new QAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel Run"), this);
    m_cancelAction->setObjectName(QStringLiteral("actionCancelRun"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the run: the request in flight is aborted and the attempts so far are "
                                  "kept (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &RunController::cancelRun);

    m_validateAction = new QAction(tr("&Validate JSON..."), this);
    m_validateAction->setObjectName(QStringLiteral("actionValidateJson"));
    m_validateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_validateAction->setToolTip(tr("Paste or open any JSON and check it against the current schema, without a "
                                    "model (Ctrl+Shift+V)"));
    connect(m_validateAction, &QAction::triggered, this, &RunController::openValidateDialog);

    m_splitAction = new QAction(tr("Split into C&hunks"), this);
    m_splitAction->setObjectName(QStringLiteral("actionSplitIntoChunks"));
    m_splitAction->setToolTip(tr("The prompt does not fit the model's context: split the document into chunks, "
                                 "extract each and merge the results (sets Long documents to auto in the "
                                 "prompt's Options tab)"));
    m_splitAction->setEnabled(false);
    connect(m_splitAction, &QAction::triggered, this, [this] {
        m_panes.prompt->optionsForm()->chunkingForm()->setMode(ChunkingMode::Auto);
        Q_EMIT statusMessage(tr("Long documents: a run that does not fit the context is split into chunks."),
                             ProblemMessageMs);
    });
    m_advisor->addOfferedAction(m_splitAction);
}

bool RunController::refuse(const QString &problem)
{
    m_lastProblem = problem;
    Q_EMIT statusMessage(problem, ProblemMessageMs);
    return false;
}

bool RunController::startRun()
{
    m_lastProblem.clear();
    if (m_session->isRunning() || m_startPending)
        return refuse(tr("A run is already under way; cancel it first (Esc)."));
    // A long schema just typed in is checked on the worker first; the run starts when that lands
    // (cancelling meanwhile drops it).
    if (!m_panes.schema->ensureLintCurrent(this, [this, start = ++m_startCount] {
            if (start == m_startCount && std::exchange(m_startPending, false))
                startRun();
        })) {
        m_startPending = true;
        updateActions();
        Q_EMIT statusMessage(tr("Checking the schema; the run starts when it is checked."), ProblemMessageMs);
        return true;
    }

    const std::optional<Schema> schema = schemaOrRefuse();
    if (!schema)
        return false;
    const ModelInfo model = m_panes.picker->currentModel();
    if (model.name.isEmpty() || !m_panes.picker->backend()) {
        m_panes.picker->setFocus();
        return refuse(tr("Choose a model in the Model pane first."));
    }
    auto config = m_panes.prompt->buildRunConfig(*schema, model.name, model);
    if (!config)
        return refuse(config.error()); // the prompt pane shows it where the problem is

    // The request's dialect depends on the server (llama-server enforces json mode only with the
    // schema inside `json_object`). Each connection is probed when it is made, so this waits only
    // when Run comes within a moment of choosing the server.
    m_startPending = true;
    updateActions();
    m_panes.picker->connection()->whenServerKnown(this, [this, config = config.value()] { startProbedRun(config); });
    return true;
}

void RunController::startProbedRun(ExtractionConfig config)
{
    if (!std::exchange(m_startPending, false))
        return; // cancelled while the server was being asked
    updateActions();
    LlmBackend *backend = m_panes.picker->backend();
    if (!backend) {
        refuse(tr("Choose a model in the Model pane first."));
        return;
    }
    m_panes.picker->connection()->applyServerInfo(config.server, config.modelInfo);
    startSessionRun(backend, std::move(config));
}

qint64 RunController::contextTokens(const PromptSettings &prompt, const ModelInfo &model) const
{
    if (prompt.options.numCtx && *prompt.options.numCtx > 0
        && m_panes.picker->serverSettings().api == BackendApi::Ollama)
        return *prompt.options.numCtx;
    if (model.loaded && model.runtimeContextLength > 0)
        return model.runtimeContextLength;
    return model.contextLength;
}

void RunController::startSessionRun(LlmBackend *backend, ExtractionConfig config)
{
    const PromptSettings prompt = m_panes.prompt->settings();
    if (prompt.chunking.mode == ChunkingMode::Off) {
        if (m_checks)
            config.checker = m_checks->checkerFor(backend);
        m_session->start(backend, config);
        return;
    }
    // Line ends as the Source view counts them, so the chunks' spans land on the same text.
    for (ChatMessage &message : config.messages)
        message.content.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QStringList values;
    for (const PromptVariable &variable : prompt.variables)
        values.append(QString(variable.value).replace(QStringLiteral("\r\n"), QStringLiteral("\n")));
    const ChunkPlan plan
        = planChunkedRun(config, values, prompt.chunking, estimatePromptTokens(prompt, m_panes.schema->text()),
                         contextTokens(prompt, config.modelInfo));
    if (!plan.chunked) {
        if (m_checks)
            config.checker = m_checks->checkerFor(backend);
        m_session->start(backend, config);
        return;
    }
    ChunkedExtractionOptions options = plan.options;
    if (m_checks) {
        // The checks run per chunk; their grounding checks look in the chunk's text.
        options.checkerForChunk = [checks = QPointer<ChecksPane>(m_checks), backend](const QString &chunkText) {
            std::shared_ptr<AttemptChecker> checker = checks ? checks->checkerFor(backend) : nullptr;
            if (auto *local = dynamic_cast<ChecksAttemptChecker *>(checker.get()))
                local->setSourceText(chunkText);
            return checker;
        };
    }
    m_session->startChunked(backend, config, plan.document, options);
    Q_EMIT statusMessage(tr("%1: %n chunk(s)", nullptr, m_session->chunkCount()).arg(plan.reason), ProblemMessageMs);
}

void RunController::updateChunkProgress()
{
    const bool show = m_session->isChunked() && m_session->isRunning();
    m_chunkProgress->setVisible(show);
    if (!show)
        return;
    const int passes = std::max(m_session->chunkPasses(), 1);
    m_chunkProgress->setRange(0, m_session->chunkCount() * passes);
    m_chunkProgress->setValue(m_session->chunksDone());
    QString chunk = tr("chunk %1/%2").arg(std::max(m_session->liveChunk(), 1)).arg(m_session->chunkCount());
    // Chunks run options.concurrency at a time: say how many are under way.
    if (const int running = m_session->runningChunks(); running > 1)
        chunk = tr("%1 · %2 at once").arg(chunk).arg(running);
    m_chunkProgress->setFormat(
        passes > 1 ? tr("pass %1/%2 · %3").arg(std::max(m_session->chunkPass(), 1)).arg(passes).arg(chunk) : chunk);
}

QList<Advice> RunController::withChunking(QList<Advice> advice, const PromptSettings &prompt) const
{
    bool tooLong = false;
    for (Advice &item : advice) {
        if (item.id != Advice::Id::ContextExceeded && item.id != Advice::Id::NumCtxTooSmall)
            continue;
        tooLong = true;
        if (prompt.chunking.mode == ChunkingMode::Off) {
            item.text += u' ' + tr("Or split the document into chunks (Run → Split into Chunks).");
        } else {
            item.severity = Advice::Severity::Info;
            item.text += u' ' + tr("Long documents is on: the run is split into chunks that fit.");
        }
    }
    m_splitAction->setEnabled(tooLong && prompt.chunking.mode == ChunkingMode::Off);
    std::stable_sort(advice.begin(), advice.end(),
                     [](const Advice &a, const Advice &b) { return int(a.severity) > int(b.severity); });
    return advice;
}

void RunController::cancelRun()
{
    m_startPending = false;
    ++m_startCount; // a start waiting for the schema's lint is dropped, also if Run is pressed again
    updateActions();
    m_session->cancel();
}

bool RunController::validateJson(const QString &jsonText)
{
    if (!m_panes.schema->ensureLintCurrent(this, [this, jsonText] { validateJson(jsonText); })) {
        Q_EMIT statusMessage(tr("Checking the schema; the JSON is validated when it is checked."), ProblemMessageMs);
        return true;
    }
    const std::optional<Schema> schema = schemaOrRefuse();
    if (!schema)
        return false;
    m_session->showValidation(jsonText, *schema);
    return true;
}

std::optional<Schema> RunController::schemaOrRefuse()
{
    std::optional<Schema> schema = m_panes.schema->currentSchema();
    if (!schema) {
        m_panes.schema->editor()->setFocus();
        refuse(tr("The schema is not valid yet: %1").arg(m_panes.schema->message()));
    }
    return schema;
}

void RunController::openValidateDialog()
{
    JsonInputDialog dialog({ tr("Validate JSON"),
                             tr("Paste JSON here, or open a file. It is checked against the current schema; "
                                "no model is called."),
                             tr("Validate"),
                             tr("Check the JSON against the schema and show the result in the Result and "
                                "Attempts panes") },
                           m_window);
    if (dialog.exec() == QDialog::Accepted)
        validateJson(dialog.text());
}

void RunController::updateActions()
{
    const bool running = m_session->isRunning() || m_startPending;
    m_runAction->setEnabled(!running);
    m_cancelAction->setEnabled(running);
    m_validateAction->setEnabled(!running);
}

void RunController::updateStatus()
{
    m_status->setText(runStatusText(*m_session));
}

void RunController::updateRunContext()
{
    const ServerSettings server = m_panes.picker->serverSettings();
    const ModelInfo model = m_panes.picker->currentModel();
    const PromptSettings prompt = m_panes.prompt->settings();
    m_panes.prompt->setRunContext(m_panes.schema->currentSchema(), model.name, model, server.api);
    m_panes.schema->setTokenMeterContext(prompt.mode, server.api);
    m_panes.schema->setGrammarRules(grammarRulesFor(m_panes.picker->connection()->serverInfo().kind, server.api));

    updateContextLabel(model.name, m_panes.picker->connection()->host(), prompt);

    QList<EnforcementItem> enforcement;
    for (const PlacedEnforcementItem &placed : m_panes.schema->lintResult().enforcement)
        enforcement.append(placed.item);
    m_advisor->setAdvice(
        withChunking(adviseRun(advisorInputFor(prompt, m_panes.schema->lintResult().textTokens, enforcement, model,
                                               server.api, m_panes.picker->connection()->serverInfo().kind)),
                     prompt));
}

void RunController::updateContextLabel(const QString &model, const QUrl &host, const PromptSettings &prompt)
{
    const QString modelText = model.isEmpty() ? tr("no model chosen") : model;
    m_context->setText(
        tr("%1 on %2 · %3 mode · %n attempt(s)", nullptr, prompt.maxAttempts)
            .arg(modelText, host.adjusted(QUrl::RemoveUserInfo).authority(), extractionModeName(prompt.mode)));
    m_context->setToolTip(tr("What Run sends: the model and server from the Model pane, the mode and the number "
                             "of attempts (the first included) from the prompt's Options tab"));
}

} // namespace Ui
} // namespace Formwork
