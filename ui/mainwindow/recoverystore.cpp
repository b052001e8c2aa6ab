// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/recoverystore.h"

#include "common/backgroundwork.h"
#include "json/jsonparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent>
#include <QTimer>

namespace Formwork {
namespace Ui {

namespace {
using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

// The workspace as a workspace file (absolute image paths), plus where it belongs, written
// atomically to `filePath`. Touches nothing else, so it runs on any thread. The error, or empty.
QString writeRecoveryFile(const QString &filePath, const QString &workspacePath, const Workspace &workspace)
{
    const QByteArray body = serializeWorkspace(workspace);
    auto parsed = parseJson(std::string_view(body.constData(), size_t(body.size())));
    if (!parsed)
        return RecoveryStore::tr("Autosave failed: %1").arg(parsed.error().message);
    Json file = std::move(parsed->value);
    file["recovery"] = Json { { "workspacePath", utf8(workspacePath) },
                              { "savedAt", utf8(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)) } };
    const std::string text = file.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';

    QSaveFile out(filePath);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !out.commit())
        return RecoveryStore::tr("Autosave to %1 failed: %2")
            .arg(QDir::toNativeSeparators(filePath), out.errorString());
    return {};
}
} // namespace

RecoveryStore::RecoveryStore(QObject *parent, const QString &filePath)
    : QObject(parent)
    , m_filePath(filePath.isEmpty() ? defaultFilePath() : filePath)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(DefaultDelayMs);
    connect(m_timer, &QTimer::timeout, this, &RecoveryStore::saveInBackground);

    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    m_lock = std::make_unique<QLockFile>(m_filePath + QStringLiteral(".lock"));
    // A lock whose process is gone (a crash, kill -9) is stale and removed by tryLock.
    m_active = m_lock->tryLock(0);
}

RecoveryStore::~RecoveryStore()
{
    // A write under way lands before the window goes, and nothing starts another: its report may
    // come while waiting (the pool hands an unstarted write to this thread), and the window that
    // capture() reads is being taken down.
    m_active = false;
    m_saveAgain = false;
    m_write.waitForFinished();
}

QString RecoveryStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/recovery.formwork.json");
}

void RecoveryStore::setDelay(int ms)
{
    m_timer->setInterval(ms);
}

int RecoveryStore::delay() const
{
    return m_timer->interval();
}

void RecoveryStore::scheduleSave()
{
    // Not restarted by every key: someone typing on without a pause is saved all the same.
    if (m_active && !m_timer->isActive())
        m_timer->start();
}

void RecoveryStore::disable()
{
    m_timer->stop();
    m_saveAgain = false;
    m_active = false;
}

bool RecoveryStore::isSavePending() const
{
    return m_timer->isActive() || isWriting();
}

bool RecoveryStore::isWriting() const
{
    return m_writing;
}

bool RecoveryStore::saveNow()
{
    m_timer->stop();
    m_saveAgain = false;
    m_write.waitForFinished(); // its older state must not land after this one
    if (!m_active || !capture)
        return false;
    const QString error = writeRecoveryFile(m_filePath, m_workspacePath, capture());
    reportWrite(error);
    return error.isEmpty();
}

void RecoveryStore::saveInBackground()
{
    if (!m_active || !capture)
        return;
    if (isWriting()) {
        m_saveAgain = true;
        return;
    }
    // Each write reports through its own continuation: a watcher given the next write would drop
    // the report of one that finished but was not reported yet.
    m_writing = true;
    m_write = QtConcurrent::run(backgroundPool(), writeRecoveryFile, m_filePath, m_workspacePath, capture());
    m_write.then(this, [this](const QString &error) {
        m_writing = false;
        reportWrite(error);
        if (std::exchange(m_saveAgain, false))
            saveInBackground();
    });
}

void RecoveryStore::reportWrite(const QString &error)
{
    if (error.isEmpty())
        Q_EMIT saved();
    else
        Q_EMIT saveFailed(error);
}

std::optional<RecoveryStore::Recovered> RecoveryStore::pending() const
{
    if (!m_active || !QFileInfo::exists(m_filePath))
        return std::nullopt;
    auto loaded = loadWorkspace(m_filePath);
    if (!loaded)
        return std::nullopt;
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = file.readAll();
    Recovered recovered;
    recovered.workspace = std::move(*loaded);
    if (auto parsed = parseJson(std::string_view(bytes.constData(), size_t(bytes.size())))) {
        const Json &info = parsed->value.value("recovery", Json::object());
        if (info.is_object()) {
            const Json path = info.value("workspacePath", Json());
            if (path.is_string())
                recovered.workspacePath = QString::fromStdString(path.get<std::string>());
            const Json savedAt = info.value("savedAt", Json());
            if (savedAt.is_string())
                recovered.savedAt
                    = QDateTime::fromString(QString::fromStdString(savedAt.get<std::string>()), Qt::ISODateWithMs);
        }
    }
    return recovered;
}

void RecoveryStore::discard()
{
    m_timer->stop();
    m_saveAgain = false;
    m_write.waitForFinished(); // or it would write the file again after the removal
    if (m_active)
        QFile::remove(m_filePath);
}

} // namespace Ui
} // namespace Formwork
