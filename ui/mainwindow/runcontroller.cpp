// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/runcontroller.h"

#include "checklist/checkspane.h"
#include "editor/codeeditor.h"
#include "editor/jsoninputdialog.h"
#include "extraction/extractionrequest.h"
#include "llm/llmbackend.h"
#include "picker/advisorbutton.h"
#include "picker/capabilityadvisor.h"
#include "picker/modelpickerpane.h"
#include "picker/serverconnection.h"
#include "prompt/promptpane.h"
#include "run/runsession.h"
#include "run/runstatus.h"
#include "schemaeditor/schemaeditorpane.h"

#include <QAction>
#include <QLabel>
#include <QTimer>

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
    , m_contextTimer(new QTimer(this))
{
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
    if (m_checks)
        config.checker = m_checks->checkerFor(backend);
    m_session->start(backend, config);
}

void RunController::cancelRun()
{
    m_startPending = false;
    updateActions();
    m_session->cancel();
}

bool RunController::validateJson(const QString &jsonText)
{
    const std::optional<Schema> schema = schemaOrRefuse();
    if (!schema)
        return false;
    m_session->showValidation(jsonText, *schema);
    return true;
}

std::optional<Schema> RunController::schemaOrRefuse()
{
    if (!m_panes.schema->isLintCurrent())
        m_panes.schema->checkNow();
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
    m_advisor->setAdvice(adviseRun(advisorInputFor(prompt, m_panes.schema->text(), enforcement, model, server.api,
                                                   m_panes.picker->connection()->serverInfo().kind)));
}

void RunController::updateContextLabel(const QString &model, const QUrl &host, const PromptSettings &prompt)
{
    const QString modelText = model.isEmpty() ? tr("no model chosen") : model;
    m_context->setText(tr("%1 on %2 · %3 mode · %n attempt(s)", nullptr, prompt.maxAttempts)
                           .arg(modelText, host.adjusted(QUrl::RemoveUserInfo).authority(), extractionModeName(prompt.mode)));
    m_context->setToolTip(tr("What Run sends: the model and server from the Model pane, the mode and the number "
                             "of attempts (the first included) from the prompt's Options tab"));
}

} // namespace Ui
} // namespace Formwork
