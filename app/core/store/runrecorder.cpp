// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/runrecorder.h"

#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "store/workspace.h"

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

QString dump(const Json &value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace

RunRecorder::RunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent)
    : QObject(parent)
    , m_history(history)
    , m_start(start)
{
}

RunRecorder::~RunRecorder() = default;

bool RunRecorder::attach(ExtractionRun *run)
{
    if (!m_history || !m_history->isOpen() || !run)
        return false;
    m_runId = m_history->beginRun(m_start);
    if (m_runId == 0) {
        reportError();
        return false;
    }
    connect(run, &ExtractionRun::attemptFinished, this, &RunRecorder::onAttemptFinished);
    connect(run, &ExtractionRun::succeeded, this, &RunRecorder::onEnded);
    connect(run, &ExtractionRun::failed, this, &RunRecorder::onEnded);
    return true;
}

void RunRecorder::onAttemptFinished(const AttemptRecord &attempt)
{
    if (m_runId > 0 && !m_finished && !m_history->addAttempt(m_runId, attempt))
        reportError();
}

void RunRecorder::onEnded(const RunResult &result)
{
    if (m_runId == 0 || m_finished)
        return;
    m_finished = true;
    if (!m_history->finishRun(m_runId, historyStatusOf(result), result)) {
        reportError();
        return;
    }
    Q_EMIT recorded(m_runId);
}

void RunRecorder::reportError()
{
    if (m_errorReported)
        return;
    m_errorReported = true;
    Q_EMIT historyError(m_history->lastError());
}

QString singleRunSettingsJson(const ExtractionConfig &config, BackendApi api, const QUrl &endpoint)
{
    Json settings = Json::object();
    settings["api"] = api == BackendApi::OpenAi ? "openai" : "ollama";
    settings["endpoint"] = endpoint.adjusted(QUrl::RemoveUserInfo).toString().toStdString();
    settings["model"] = config.model.toStdString();
    settings["mode"] = extractionModeName(config.mode).toStdString();
    settings["max_attempts"] = config.limits.maxAttempts;
    if (config.mode == ExtractionMode::Tools && config.schema)
        settings["tool_name"] = extractionToolName(config).toStdString(); // re-validation reads it
    if (config.options.temperature)
        settings["temperature"] = *config.options.temperature;
    if (config.options.seed)
        settings["seed"] = *config.options.seed;
    if (config.options.numCtx)
        settings["num_ctx"] = *config.options.numCtx;
    if (config.options.numPredict)
        settings["num_predict"] = *config.options.numPredict;
    settings["think"] = thinkModeName(config.think).toStdString();
    if (config.limits.deadlineMs > 0)
        settings["deadline_ms"] = config.limits.deadlineMs;
    if (config.limits.tokenBudget > 0)
        settings["token_budget"] = config.limits.tokenBudget;
    return dump(settings); // no key and no token: they are headers, never part of the config's JSON
}

QString messagesInputJson(const QList<ChatMessage> &messages)
{
    Json list = Json::array();
    for (const ChatMessage &message : messages) {
        Json item = Json::object();
        item["role"] = message.role.toStdString();
        item["content"] = message.content.toStdString();
        if (!message.images.isEmpty())
            item["images"] = message.images.size();
        list.push_back(std::move(item));
    }
    return dump(list);
}

RunStart singleRunStart(const ExtractionConfig &config, BackendApi api, const QUrl &endpoint)
{
    RunStart start;
    start.model = config.model;
    start.mode = extractionModeName(config.mode);
    start.endpoint = endpoint.adjusted(QUrl::RemoveUserInfo).toString();
    if (config.schema)
        start.schemaJson = dump(config.schema->document());
    start.settingsJson = singleRunSettingsJson(config, api, endpoint);
    start.inputJson = messagesInputJson(config.messages);
    return start;
}

} // namespace Formwork
