// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

namespace Formwork {
namespace Ui {

// API keys, one per server URL, in the desktop keyring (QtKeychain: Secret Service, KWallet,
// macOS Keychain, Windows Credential Store). Never in QSettings, a workspace, a log or a trace.
// Every call is asynchronous. When no keyring service answers (no D-Bus secret service, as in CI,
// or a build without QtKeychain) the store says so once through keyringUnavailable() and keeps
// keys for this session only.
class ApiKeyStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyStore)

public:
    enum class Backend {
        Automatic, // the keyring, except in Qt's test mode (tests never touch a developer's keyring)
        Keyring, // the keyring, also in test mode
        SessionOnly, // memory only
    };
    enum class Status {
        Unknown, // no keyring call has answered yet
        Keyring, // the keyring answered
        SessionOnly, // no keyring: keys last until the application quits
    };
    Q_ENUM(Status)

    explicit ApiKeyStore(QObject *parent = nullptr);
    ApiKeyStore(Backend backend, const QString &service, QObject *parent = nullptr);
    ~ApiKeyStore() override;

    Status status() const { return m_status; }
    // A plain sentence for the pane ("stored in the desktop keyring", "kept for this session only").
    QString statusText() const;
    // The keyring entry name of a server: scheme, host, port and path (no user info, no query).
    static QString entryName(const QUrl &server);

    // Reads the key of `server`; ends with keyRead (an empty key when there is none). The keyring
    // is asked only for servers this store gave a key to (a flag in QSettings records that a key
    // exists, never the key).
    void readKey(const QUrl &server);
    // The QSettings key of that flag.
    QString storedFlagKey(const QUrl &server) const;
    // Stores (or, for an empty key, removes) the key of `server`; ends with keyWritten.
    void writeKey(const QUrl &server, const QString &key);

Q_SIGNALS:
    void keyRead(const QUrl &server, const QString &key);
    // `persisted`: in the keyring; false: kept for this session only.
    void keyWritten(const QUrl &server, bool persisted);
    void statusChanged(Formwork::Ui::ApiKeyStore::Status status);

private:
    bool useKeyring() const;
    bool keyringHasKey(const QUrl &server) const;
    void setStatus(Status status);
    void startRead(const QUrl &server);
    void startWrite(const QUrl &server, const QString &key);

    Backend m_backend;
    QString m_service;
    Status m_status = Status::Unknown;
    QHash<QString, QString> m_session; // entryName -> key; also a cache in front of the keyring
};

} // namespace Ui
} // namespace Formwork
