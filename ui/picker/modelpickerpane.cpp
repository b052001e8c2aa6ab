// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/modelpickerpane.h"

#include "highlighting/jsonhighlighter.h"
#include "llm/hostresolver.h"
#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "llm/serverprobe.h"
#include "picker/apikeystore.h"
#include "picker/capabilitybadgedelegate.h"
#include "picker/modelfilterproxy.h"
#include "picker/serverconnection.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {

bool sameModel(const ModelInfo &a, const ModelInfo &b)
{
    return a.name == b.name && a.digest == b.digest && a.capabilities == b.capabilities
        && a.capabilitiesKnown == b.capabilitiesKnown && a.contextLength == b.contextLength && a.loaded == b.loaded
        && a.runtimeContextLength == b.runtimeContextLength;
}

} // namespace

ModelPickerPane::ModelPickerPane(QWidget *parent)
    : ModelPickerPane(nullptr, parent)
{
}

ModelPickerPane::ModelPickerPane(ApiKeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , m_keys(keys ? keys : new ApiKeyStore(this))
    , m_connection(new ServerConnection(this))
    , m_catalog(new ModelCatalog(this))
    , m_proxy(new ModelFilterProxy(this))
    , m_refreshAction(new QAction(tr("&Refresh Models"), this))
{
    setObjectName(QStringLiteral("modelPicker"));
    m_proxy->setSourceModel(m_catalog);

    m_refreshAction->setObjectName(QStringLiteral("refreshModelsAction"));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(tr("Ask the server for its models again (GET /api/tags and /api/ps, or /v1/models)"));
    m_refreshAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    addAction(m_refreshAction);
    connect(m_refreshAction, &QAction::triggered, this, &ModelPickerPane::refresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildServerBox());

    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("modelFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter models (name, family, tools, vision…)"));
    m_filterEdit->setToolTip(tr("Show only the models whose name, family, size, quantization or capabilities "
                                "contain every word typed here"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &ModelPickerPane::applyFilter);
    auto *refreshButton = new QToolButton(this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    refreshButton->setDefaultAction(m_refreshAction);
    refreshButton->setAutoRaise(true);
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(refreshButton);
    layout->addLayout(filterRow);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(ModelCatalog::CapabilitiesColumn, new CapabilityBadgeDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ModelCatalog::NameColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setColumnHidden(ModelCatalog::FamilyColumn, true);
    // The badges decide what a model can do: keep them in view beside the name in a narrow dock.
    m_table->horizontalHeader()->moveSection(m_table->horizontalHeader()->visualIndex(ModelCatalog::CapabilitiesColumn),
                                             1);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ModelCatalog::NameColumn, QHeaderView::Stretch);
    m_table->setToolTip(tr("The server's chat models; the selected one runs the extraction"));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("modelStack"));
    m_stack->addWidget(m_table);
    m_stack->addWidget(buildServerDownPanel());
    layout->addWidget(m_stack, 1);

    m_catalogStatus = new QLabel(this);
    m_catalogStatus->setObjectName(QStringLiteral("catalogStatus"));
    m_catalogStatus->setWordWrap(true);
    m_catalogStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_catalogStatus);

    connect(m_catalog, &ModelCatalog::stateChanged, this, &ModelPickerPane::onCatalogStateChanged);
    connect(m_connection, &ServerConnection::backendChanged, this, &ModelPickerPane::onBackendChanged);
    connect(m_connection, &ServerConnection::connectionTested, this, &ModelPickerPane::onConnectionTested);
    connect(m_keys, &ApiKeyStore::keyRead, this, &ModelPickerPane::onKeyRead);
    connect(m_keys, &ApiKeyStore::statusChanged, this, &ModelPickerPane::updateKeyNotes);

    applyServer(true);
    // The first listing waits for the event loop, so a workspace applied right after
    // construction (setServerSettings) does not race a request to the default server.
    QTimer::singleShot(0, this, [this] {
        if (!m_listing)
            refresh();
    });
}

ModelPickerPane::~ModelPickerPane()
{
    // ~QWidget closes a top-level pane; the focus leaving the address or key field then emits
    // editingFinished, whose slot must not reach this half-destroyed pane (UBSan: vptr).
    m_hostEdit->disconnect(this);
    m_keyEdit->disconnect(this);
}

QWidget *ModelPickerPane::buildServerBox()
{
    auto *box = new QGroupBox(tr("Server"), this);
    box->setObjectName(QStringLiteral("serverBox"));
    auto *form = new QFormLayout(box);

    m_hostEdit = new QLineEdit(box);
    m_hostEdit->setObjectName(QStringLiteral("hostEdit"));
    m_hostEdit->setPlaceholderText(resolveBaseUrl(QString()).toDisplayString());
    m_hostEdit->setToolTip(tr("The server's address, e.g. localhost:11434 or https://example.com/ollama. Empty: "
                              "OLLAMA_HOST, else http://127.0.0.1:11434"));
    m_hostEdit->setClearButtonEnabled(true);
    connect(m_hostEdit, &QLineEdit::editingFinished, this, [this] {
        if (applyServer(false))
            Q_EMIT serverSettingsChanged();
    });
    form->addRow(tr("&Address:"), m_hostEdit);

    m_apiCombo = new QComboBox(box);
    m_apiCombo->setObjectName(QStringLiteral("apiCombo"));
    m_apiCombo->addItem(ServerConnection::apiDisplayName(BackendApi::Ollama), int(BackendApi::Ollama));
    m_apiCombo->addItem(ServerConnection::apiDisplayName(BackendApi::OpenAi), int(BackendApi::OpenAi));
    m_apiCombo->setToolTip(tr("Ollama's native API (/api/chat: schemas, think, num_ctx), or the OpenAI-compatible "
                              "/v1/chat/completions of Ollama, llama-server, LM Studio or vLLM"));
    connect(m_apiCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (applyServer(false))
            Q_EMIT serverSettingsChanged();
    });
    form->addRow(tr("A&PI:"), m_apiCombo);

    m_keyEdit = new QLineEdit(box);
    m_keyEdit->setObjectName(QStringLiteral("apiKeyEdit"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("none"));
    m_keyEdit->setToolTip(tr("Sent as \"Authorization: Bearer …\" on every request to this server; kept in the "
                             "desktop keyring, never in settings or workspaces"));
    connect(m_keyEdit, &QLineEdit::editingFinished, this, &ModelPickerPane::commitKey);
    connect(m_keyEdit, &QLineEdit::textChanged, this, &ModelPickerPane::updateKeyNotes);
    form->addRow(tr("API &key:"), m_keyEdit);

    m_keyStatus = new QLabel(box);
    m_keyStatus->setObjectName(QStringLiteral("keyStatus"));
    m_keyStatus->setWordWrap(true);
    form->addRow(QString(), m_keyStatus);
    m_keyWarning = new QLabel(box);
    m_keyWarning->setObjectName(QStringLiteral("keyWarning"));
    m_keyWarning->setWordWrap(true);
    m_keyWarning->hide();
    form->addRow(QString(), m_keyWarning);

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test Connection"), box);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setToolTip(tr("Ask the server who it is: GET /api/version (Ollama) or GET /v1/models"));
    connect(m_testButton, &QPushButton::clicked, this, [this] {
        if (applyServer(false))
            Q_EMIT serverSettingsChanged();
        commitKey();
        setStatusText(m_connectionStatus, tr("Testing…"), false);
        m_connection->testConnection();
    });
    m_connectionStatus = new QLabel(box);
    m_connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    m_connectionStatus->setWordWrap(true);
    m_connectionStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_connectionStatus, 1);
    form->addRow(testRow);
    m_serverKind = new QLabel(box);
    m_serverKind->setObjectName(QStringLiteral("serverKindLabel"));
    m_serverKind->setWordWrap(true);
    m_serverKind->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverKind->setToolTip(tr("What answers at this address, asked when the address is set and by Test Connection."));
    form->addRow(m_serverKind);
    connect(m_connection, &ServerConnection::serverDetected, m_serverKind,
            [this](const ServerInfo &info) { m_serverKind->setText(describeServer(info)); });
    connect(m_connection, &ServerConnection::backendChanged, m_serverKind, [this] { m_serverKind->clear(); });
    updateKeyNotes();
    return box;
}

QWidget *ModelPickerPane::buildServerDownPanel()
{
    m_serverDown = new QWidget(this);
    m_serverDown->setObjectName(QStringLiteral("serverDownPanel"));
    auto *layout = new QVBoxLayout(m_serverDown);
    layout->addStretch(1);
    m_serverDownMessage = new QLabel(m_serverDown);
    m_serverDownMessage->setObjectName(QStringLiteral("serverDownMessage"));
    m_serverDownMessage->setWordWrap(true);
    m_serverDownMessage->setAlignment(Qt::AlignCenter);
    m_serverDownMessage->setTextFormat(Qt::PlainText);
    m_serverDownMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_serverDownMessage);
    m_retryButton = new QPushButton(tr("&Retry"), m_serverDown);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->setToolTip(tr("Ask the server for its models again"));
    connect(m_retryButton, &QPushButton::clicked, this, &ModelPickerPane::refresh);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_retryButton);
    buttonRow->addStretch(1);
    layout->addLayout(buttonRow);
    layout->addStretch(2);
    return m_serverDown;
}

QUrl ModelPickerPane::enteredHost(bool *ok) const
{
    const QString text = m_hostEdit->text().trimmed();
    const QUrl url = resolveBaseUrl(text);
    *ok = url.isValid() && !url.host().isEmpty() && (url.scheme() == u"http" || url.scheme() == u"https");
    return url;
}

BackendApi ModelPickerPane::selectedApi() const
{
    return BackendApi(m_apiCombo->currentData().toInt());
}

// Makes the backend for the address and API in the fields. Returns whether the server changed.
bool ModelPickerPane::applyServer(bool force)
{
    bool ok = false;
    const QUrl host = enteredHost(&ok);
    if (!ok) {
        setStatusText(m_connectionStatus,
                      tr("\"%1\" is not a server address. Write it like localhost:11434 or https://example.com.")
                          .arg(m_hostEdit->text().trimmed()),
                      true);
        return false;
    }
    const bool changed
        = host != m_connection->host() || selectedApi() != m_connection->api() || !m_connection->backend();
    if (!changed && !force)
        return false;
    if (host != m_connection->host()) {
        // A key belongs to one server: never send the old server's key to the new one.
        m_appliedKey.clear();
        m_connection->setApiKey(QString());
        m_keyEdit->setText(QString()); // also resets isModified(), see onKeyRead
        m_keys->readKey(host);
        // Another server has other models: its remembered one is selected when the list arrives.
        m_pendingModel.clear();
        if (!m_current.name.isEmpty()) {
            m_current = ModelInfo();
            Q_EMIT currentModelChanged(m_current);
        }
    } else if (m_pendingModel.isEmpty()) {
        m_pendingModel = m_current.name; // the same server through another API
    }
    m_connectionStatus->clear();
    m_connection->setServer(host, selectedApi()); // backendChanged -> onBackendChanged
    return changed;
}

void ModelPickerPane::onBackendChanged()
{
    if (m_catalog->backend() == m_connection->backend())
        return;
    m_catalog->setBackend(m_connection->backend());
    updateKeyNotes();
    if (m_listing)
        m_catalog->refresh();
}

void ModelPickerPane::commitKey()
{
    const QString key = m_keyEdit->text();
    if (key == m_appliedKey)
        return;
    m_appliedKey = key;
    m_keyEdit->setModified(false);
    m_connection->setApiKey(key);
    m_keys->writeKey(m_connection->host(), key);
    updateKeyNotes();
    refresh();
}

void ModelPickerPane::onKeyRead(const QUrl &server, const QString &key)
{
    // A late answer for another server, or the user typed a key meanwhile: keep what is there.
    if (ApiKeyStore::entryName(server) != ApiKeyStore::entryName(m_connection->host()) || m_keyEdit->isModified()
        || key == m_appliedKey)
        return;
    m_keyEdit->setText(key);
    m_appliedKey = key;
    m_connection->setApiKey(key);
    updateKeyNotes();
    refresh();
}

void ModelPickerPane::updateKeyNotes()
{
    m_keyStatus->setText(m_keys->statusText());
    const bool clear = !m_keyEdit->text().isEmpty() && ServerConnection::keyTravelsInClear(m_connection->host());
    if (clear)
        setStatusText(m_keyWarning,
                      tr("Warning: the key would travel unencrypted over plain http to %1. Use https, or an SSH "
                         "tunnel to localhost.")
                          .arg(m_connection->host().host()),
                      true);
    m_keyWarning->setVisible(clear);
}

void ModelPickerPane::refresh()
{
    m_listing = true;
    if (applyServer(false)) {
        Q_EMIT serverSettingsChanged();
        return; // applyServer refreshed
    }
    if (m_pendingModel.isEmpty())
        m_pendingModel = m_current.name;
    m_catalog->refresh();
}

QString ModelPickerPane::serverDownText() const
{
    const QString host = m_connection->host().toDisplayString();
    const BackendError &error = m_catalog->lastError();
    const bool unreachable = error.kind == BackendError::Kind::Unreachable || error.kind == BackendError::Kind::Timeout;
    if (unreachable && m_connection->api() == BackendApi::Ollama)
        return tr("Cannot reach the Ollama server at %1. Start it with `ollama serve`, or check the address.")
            .arg(host);
    if (unreachable)
        return tr("Cannot reach the server at %1. Start it, or check the address.").arg(host);
    return tr("The server at %1 did not list its models: %2").arg(host, userMessage(error));
}

void ModelPickerPane::onCatalogStateChanged()
{
    switch (m_catalog->state()) {
    case ModelCatalog::State::Failed:
        m_serverDownMessage->setText(serverDownText());
        m_stack->setCurrentWidget(m_serverDown);
        setStatusText(m_catalogStatus, QString(), false);
        return;
    case ModelCatalog::State::Ready: {
        m_stack->setCurrentWidget(m_table);
        const int count = m_catalog->rowCount();
        // Two explicit forms read right in English without a translation file.
        setStatusText(
            m_catalogStatus,
            count == 0 ? m_catalog->statusMessage()
                : count == 1
                ? tr("1 chat model on %1").arg(m_connection->host().toDisplayString())
                : tr("%1 chat models on %2").arg(QString::number(count), m_connection->host().toDisplayString()),
            false);
        restoreSelection();
        return;
    }
    case ModelCatalog::State::Loading:
    case ModelCatalog::State::Empty:
        m_stack->setCurrentWidget(m_table);
        setStatusText(m_catalogStatus, m_catalog->statusMessage(), false);
        return;
    }
}

void ModelPickerPane::restoreSelection()
{
    QString wanted = m_pendingModel;
    const bool fromWorkspace = !wanted.isEmpty();
    if (wanted.isEmpty())
        wanted = QSettings().value(lastModelKey(m_connection->host())).toString();
    m_pendingModel.clear();
    if (selectModel(wanted))
        return;
    if (fromWorkspace) {
        // Keep the name asked for: the user pulls it or picks another.
        ModelInfo missing;
        missing.name = wanted;
        setCurrent(missing, false, false);
        setStatusText(
            m_catalogStatus,
            tr("%1 is not on this server. Download it with `ollama pull %1`, or pick another model.").arg(wanted),
            true);
        return;
    }
    if (m_proxy->rowCount() > 0) {
        m_selectingProgrammatically = true;
        m_table->selectionModel()->setCurrentIndex(m_proxy->index(0, ModelCatalog::NameColumn),
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_selectingProgrammatically = false;
    }
}

bool ModelPickerPane::selectModel(const QString &name)
{
    if (name.isEmpty())
        return false;
    const int row = m_catalog->rowOfModel(name);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_catalog->index(row, ModelCatalog::NameColumn));
    if (!index.isValid()) {
        // Hidden by the filter: the model asked for wins over what was typed.
        m_filterEdit->clear();
        index = m_proxy->mapFromSource(m_catalog->index(row, ModelCatalog::NameColumn));
    }
    m_selectingProgrammatically = true;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_selectingProgrammatically = false;
    // Selecting the current row again emits nothing, but the catalog may bring fresh details.
    setCurrent(m_catalog->modelAt(row), false, true);
    m_table->scrollTo(index);
    return true;
}

void ModelPickerPane::applyFilter(const QString &text)
{
    // Hiding the current row moves the view's current index to a neighbour: that is no choice.
    m_filtering = true;
    m_proxy->setFilterText(text);
    m_filtering = false;
    const QModelIndex index
        = m_proxy->mapFromSource(m_catalog->index(m_catalog->rowOfModel(m_current.name), ModelCatalog::NameColumn));
    m_selectingProgrammatically = true;
    if (index.isValid()) {
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else {
        m_table->selectionModel()->clearSelection();
        m_table->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    m_selectingProgrammatically = false;
}

void ModelPickerPane::onCurrentRowChanged(const QModelIndex &current)
{
    // An invalid index comes from a reset or a filter; the model chosen stays chosen.
    if (!current.isValid() || m_filtering)
        return;
    const ModelInfo model = m_catalog->modelAt(m_proxy->mapToSource(current).row());
    setCurrent(model, !m_selectingProgrammatically, true);
}

void ModelPickerPane::setCurrent(const ModelInfo &model, bool byUser, bool remember)
{
    if (remember && !model.name.isEmpty())
        QSettings().setValue(lastModelKey(m_connection->host()), model.name);
    if (sameModel(model, m_current))
        return;
    const bool renamed = model.name != m_current.name;
    m_current = model;
    Q_EMIT currentModelChanged(m_current);
    if (byUser && renamed)
        Q_EMIT serverSettingsChanged();
}

void ModelPickerPane::onConnectionTested(bool ok, const QString &message)
{
    setStatusText(m_connectionStatus, message, !ok);
    // A server that answers now may have been down at the last refresh.
    if (ok && m_catalog->state() == ModelCatalog::State::Failed)
        refresh();
}

void ModelPickerPane::setStatusText(QLabel *label, const QString &text, bool isError)
{
    label->setText(text);
    QPalette palette = label->palette();
    // The one error colour of the UI: the highlighter's, which follows light and dark palettes.
    palette.setColor(QPalette::WindowText,
                     isError ? JsonColorScheme::forPalette(this->palette()).error.foreground().color()
                             : this->palette().color(QPalette::WindowText));
    label->setPalette(palette);
    label->setProperty("isError", isError);
}

ServerSettings ModelPickerPane::serverSettings() const
{
    ServerSettings settings;
    bool ok = false;
    const QUrl host = enteredHost(&ok);
    if (!m_hostEdit->text().trimmed().isEmpty() && ok)
        settings.host = host;
    settings.api = selectedApi();
    settings.model = currentModel().name;
    return settings;
}

void ModelPickerPane::setServerSettings(const ServerSettings &settings)
{
    {
        const QSignalBlocker hostBlocker(m_hostEdit);
        const QSignalBlocker apiBlocker(m_apiCombo);
        m_hostEdit->setText(settings.host.isEmpty() ? QString() : settings.host.toString());
        m_apiCombo->setCurrentIndex(qMax(0, m_apiCombo->findData(int(settings.api))));
    }
    m_listing = true;
    const bool changed = applyServer(true);
    m_pendingModel = settings.model;
    if (m_current.name != settings.model && !m_current.name.isEmpty()) {
        m_current = ModelInfo();
        Q_EMIT currentModelChanged(m_current);
    }
    if (!changed)
        m_catalog->refresh(); // same server: list again so the workspace's model gets selected
}

ModelInfo ModelPickerPane::currentModel() const
{
    if (!m_current.name.isEmpty())
        return m_current;
    ModelInfo pending;
    pending.name = m_pendingModel;
    return pending;
}

LlmBackend *ModelPickerPane::backend() const
{
    return m_connection->backend();
}

QString ModelPickerPane::lastModelKey(const QUrl &host)
{
    return QStringLiteral("modelPicker/lastModel/")
        + QString::fromLatin1(QUrl::toPercentEncoding(ApiKeyStore::entryName(host)));
}

void ModelPickerPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (QLabel *label : { m_connectionStatus, m_keyWarning, m_catalogStatus })
            setStatusText(label, label->text(), label->property("isError").toBool());
    }
}

} // namespace Ui
} // namespace Formwork
