// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/runrecorder.h"

#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "store/runsettings.h"

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
    Json settings = runSettings(config, api);
    // Where it went, right after the API (the order the history has always shown).
    Json where = Json::object();
    where["api"] = settings["api"];
    where["endpoint"] = endpoint.adjusted(QUrl::RemoveUserInfo).toString().toStdString();
    where.update(settings);
    return dump(where);
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
