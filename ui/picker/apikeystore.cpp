// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/apikeystore.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#ifdef FORMWORK_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace Formwork {
namespace Ui {

ApiKeyStore::ApiKeyStore(QObject *parent)
    : ApiKeyStore(Backend::Automatic, QStringLiteral("Formwork"), parent)
{
}

ApiKeyStore::ApiKeyStore(Backend backend, const QString &service, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_service(service)
{
    if (!useKeyring())
        m_status = Status::SessionOnly;
}

ApiKeyStore::~ApiKeyStore() = default;

bool ApiKeyStore::useKeyring() const
{
#ifdef FORMWORK_HAVE_QTKEYCHAIN
    if (m_status == Status::SessionOnly)
        return false;
    switch (m_backend) {
    case Backend::Automatic:
        return !QStandardPaths::isTestModeEnabled();
    case Backend::Keyring:
        return true;
    case Backend::SessionOnly:
        return false;
    }
#endif
    return false;
}

QString ApiKeyStore::statusText() const
{
    switch (m_status) {
    case Status::Unknown:
        return tr("The key will be stored in the desktop keyring.");
    case Status::Keyring:
        return tr("The key is stored in the desktop keyring.");
    case Status::SessionOnly:
        return tr("No keyring service is running: the key is kept for this session only.");
    }
    return {};
}

QString ApiKeyStore::entryName(const QUrl &server)
{
    return server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash)
        .toString();
}

void ApiKeyStore::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

QString ApiKeyStore::storedFlagKey(const QUrl &server) const
{
    return QStringLiteral("apiKeys/%1/%2")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_service)),
             QString::fromLatin1(QUrl::toPercentEncoding(entryName(server))));
}

bool ApiKeyStore::keyringHasKey(const QUrl &server) const
{
    return QSettings().value(storedFlagKey(server)).toBool();
}

void ApiKeyStore::readKey(const QUrl &server)
{
    const QString entry = entryName(server);
    // Only servers that were given a key are looked up, so starting the application does not
    // make the keyring ask to be unlocked for a local server that needs no key.
    if (!useKeyring() || m_session.contains(entry) || !keyringHasKey(server)) {
        // Asynchronous like the keyring, so callers see one behaviour.
        const QString key = m_session.value(entry);
        QTimer::singleShot(0, this, [this, server, key] { Q_EMIT keyRead(server, key); });
        return;
    }
    startRead(server);
}

void ApiKeyStore::writeKey(const QUrl &server, const QString &key)
{
    const QString entry = entryName(server);
    if (key.isEmpty())
        m_session.remove(entry);
    else
        m_session.insert(entry, key);
    if (!useKeyring()) {
        QTimer::singleShot(0, this, [this, server] { Q_EMIT keyWritten(server, false); });
        return;
    }
    startWrite(server, key);
}

#ifdef FORMWORK_HAVE_QTKEYCHAIN

namespace {
bool noKeyring(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError || error == QKeychain::AccessDenied;
}
} // namespace

void ApiKeyStore::startRead(const QUrl &server)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(entryName(server));
    connect(job, &QKeychain::Job::finished, this, [this, server, job] {
        QString key;
        if (job->error() == QKeychain::NoError) {
            key = job->textData();
            m_session.insert(entryName(server), key);
            setStatus(Status::Keyring);
        } else if (job->error() == QKeychain::EntryNotFound) {
            setStatus(Status::Keyring);
        } else if (noKeyring(job->error())) {
            setStatus(Status::SessionOnly);
        }
        Q_EMIT keyRead(server, key);
    });
    job->start();
}

void ApiKeyStore::startWrite(const QUrl &server, const QString &key)
{
    QKeychain::Job *job = nullptr;
    if (key.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(m_service, this);
    } else {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(key);
        job = write;
    }
    // Never the plain-text QSettings fallback QtKeychain offers.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(entryName(server));
    connect(job, &QKeychain::Job::finished, this, [this, server, job] {
        const QKeychain::Error error = job->error();
        const bool persisted = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        if (persisted) {
            setStatus(Status::Keyring);
            // Whether a key exists, never the key itself.
            if (qobject_cast<QKeychain::DeletePasswordJob *>(job))
                QSettings().remove(storedFlagKey(server));
            else
                QSettings().setValue(storedFlagKey(server), true);
        } else if (noKeyring(error))
            setStatus(Status::SessionOnly);
        Q_EMIT keyWritten(server, persisted);
    });
    job->start();
}

#else

void ApiKeyStore::startRead(const QUrl &server)
{
    Q_UNUSED(server)
}

void ApiKeyStore::startWrite(const QUrl &server, const QString &key)
{
    Q_UNUSED(server)
    Q_UNUSED(key)
}

#endif

} // namespace Ui
} // namespace Formwork
