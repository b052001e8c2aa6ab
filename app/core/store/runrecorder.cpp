// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/runrecorder.h"

#include "common/compactjson.h"
#include "extraction/extractionrequest.h"
#include "extraction/extractionrun.h"
#include "store/runsettings.h"

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

} // namespace

RunRecorder::RunRecorder(HistoryDatabase *history, const RunStart &start, QObject *parent)
    : StoredRunRecorder(history, start, parent)
{
}

RunRecorder::~RunRecorder() = default;

bool RunRecorder::attach(ExtractionRun *run)
{
    if (!run || !beginRun())
        return false;
    connect(run, &ExtractionRun::attemptFinished, this, &RunRecorder::onAttemptFinished);
    connect(run, &ExtractionRun::succeeded, this, &RunRecorder::onEnded);
    connect(run, &ExtractionRun::failed, this, &RunRecorder::onEnded);
    return true;
}

void RunRecorder::onAttemptFinished(const AttemptRecord &attempt)
{
    if (isRecording() && !history().addAttempt(runId(), attempt))
        reportError();
}

void RunRecorder::onEnded(const RunResult &result)
{
    finishRun([&result](HistoryDatabase &history, qint64 runId) {
        return history.finishRun(runId, historyStatusOf(result), result);
    });
}

QString singleRunSettingsJson(const ExtractionConfig &config, BackendApi api, const QUrl &endpoint)
{
    Json settings = runSettings(config, api);
    // Where it went, right after the API (the order the history has always shown).
    Json where = Json::object();
    where["api"] = settings["api"];
    where["endpoint"] = endpoint.adjusted(QUrl::RemoveUserInfo).toString().toStdString();
    where.update(settings);
    return compactJsonText(where);
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
    return compactJsonText(list);
}

RunStart singleRunStart(const ExtractionConfig &config, BackendApi api, const QUrl &endpoint)
{
    RunStart start;
    start.model = config.model;
    start.mode = extractionModeName(config.mode);
    start.endpoint = endpoint.adjusted(QUrl::RemoveUserInfo).toString();
    if (config.schema)
        start.schemaJson = compactJsonText(config.schema->document());
    start.settingsJson = singleRunSettingsJson(config, api, endpoint);
    start.inputJson = messagesInputJson(config.messages);
    return start;
}

} // namespace Formwork
