// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/llmtypes.h"
#include "store/workspace.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Formwork {

class LlmBackend;
class ModelCatalog;

namespace Ui {

class ApiKeyStore;
class ModelFilterProxy;
class ServerConnection;

// The model picker: the server settings (address, API, key, "Test connection"), a filter and the
// server's chat models with their size, quantization, context and capability badges. A server
// that does not answer shows a plain explanation with a Retry button instead of an empty list.
// The last model used on each host is remembered (QSettings) and selected again. The API key
// lives in the keyring (ApiKeyStore), never in QSettings or the workspace.
class ModelPickerPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelPickerPane)

public:
    explicit ModelPickerPane(QWidget *parent = nullptr);
    // `keys` (not owned, may be null: a default store is made) lets tests choose the key storage.
    ModelPickerPane(ApiKeyStore *keys, QWidget *parent);
    ~ModelPickerPane() override;

    // host is empty when the address field is (the OLLAMA_HOST rules decide); model is the
    // selected model (or the one asked for that the server does not have).
    ServerSettings serverSettings() const;
    // Applies a workspace's server settings and lists its models, selecting settings.model.
    // Emits no serverSettingsChanged (that is for the user's edits).
    void setServerSettings(const ServerSettings &settings);

    // The selected model. Before the list arrives, or when the server lacks the model asked for,
    // only `name` is set (capabilitiesKnown false).
    ModelInfo currentModel() const;
    LlmBackend *backend() const;
    ServerConnection *connection() const { return m_connection; }
    ApiKeyStore *apiKeyStore() const { return m_keys; }
    // F5: asks the server for its models again (and commits an edited address).
    QAction *refreshAction() const { return m_refreshAction; }
    ModelCatalog *catalog() const { return m_catalog; }
    ModelFilterProxy *proxy() const { return m_proxy; }

    // Lists the models of the current server again.
    void refresh();
    // Selects `name` if the server has it; returns whether it did.
    bool selectModel(const QString &name);

    // The QSettings key remembering the last model of `host`.
    static QString lastModelKey(const QUrl &host);

Q_SIGNALS:
    void currentModelChanged(const Formwork::ModelInfo &model);
    // The user changed the address, the API or the model.
    void serverSettingsChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildServerBox();
    QWidget *buildServerDownPanel();
    QUrl enteredHost(bool *ok) const;
    BackendApi selectedApi() const;
    bool applyServer(bool force);
    void onBackendChanged();
    void commitKey();
    void onKeyRead(const QUrl &server, const QString &key);
    void updateKeyNotes();
    void onCatalogStateChanged();
    void restoreSelection();
    void applyFilter(const QString &text);
    void onCurrentRowChanged(const QModelIndex &current);
    void setCurrent(const ModelInfo &model, bool byUser, bool remember);
    void onConnectionTested(bool ok, const QString &message);
    void setStatusText(QLabel *label, const QString &text, bool isError);
    QString serverDownText() const;

    ApiKeyStore *m_keys;
    ServerConnection *m_connection;
    ModelCatalog *m_catalog;
    ModelFilterProxy *m_proxy;
    QAction *m_refreshAction;

    QLineEdit *m_hostEdit = nullptr;
    QComboBox *m_apiCombo = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLabel *m_keyWarning = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_connectionStatus = nullptr;
    QLabel *m_serverKind = nullptr; // what the connection test found at the host
    QLineEdit *m_filterEdit = nullptr;
    QLabel *m_catalogStatus = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_serverDown = nullptr;
    QLabel *m_serverDownMessage = nullptr;
    QPushButton *m_retryButton = nullptr;

    QString m_appliedKey; // the key the backend sends
    QString m_pendingModel; // to select when the list arrives
    ModelInfo m_current;
    bool m_selectingProgrammatically = false;
    bool m_filtering = false;
    bool m_listing = false; // false until the first refresh: construction sends no request
};

} // namespace Ui
} // namespace Formwork
