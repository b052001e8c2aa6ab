// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/recoverystore.h"

#include "json/jsonparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
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
} // namespace

RecoveryStore::RecoveryStore(QObject *parent, const QString &filePath)
    : QObject(parent)
    , m_filePath(filePath.isEmpty() ? defaultFilePath() : filePath)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(DefaultDelayMs);
    connect(m_timer, &QTimer::timeout, this, &RecoveryStore::saveNow);

    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    m_lock = std::make_unique<QLockFile>(m_filePath + QStringLiteral(".lock"));
    // A lock whose process is gone (a crash, kill -9) is stale and removed by tryLock.
    m_active = m_lock->tryLock(0);
}

RecoveryStore::~RecoveryStore() = default;

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
    m_active = false;
}

bool RecoveryStore::isSavePending() const
{
    return m_timer->isActive();
}

bool RecoveryStore::saveNow()
{
    m_timer->stop();
    if (!m_active || !capture)
        return false;
    // The workspace as a workspace file (absolute image paths), plus where it belongs.
    const QByteArray body = serializeWorkspace(capture());
    auto parsed = parseJson(std::string_view(body.constData(), size_t(body.size())));
    if (!parsed) {
        Q_EMIT saveFailed(tr("Autosave failed: %1").arg(parsed.error().message));
        return false;
    }
    Json file = std::move(parsed->value);
    file["recovery"] = Json { { "workspacePath", utf8(m_workspacePath) },
                              { "savedAt", utf8(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)) } };
    const std::string text = file.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';

    QSaveFile out(m_filePath);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !out.commit()) {
        Q_EMIT saveFailed(tr("Autosave to %1 failed: %2").arg(QDir::toNativeSeparators(m_filePath), out.errorString()));
        return false;
    }
    Q_EMIT saved();
    return true;
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
    if (m_active)
        QFile::remove(m_filePath);
}

} // namespace Ui
} // namespace Formwork
