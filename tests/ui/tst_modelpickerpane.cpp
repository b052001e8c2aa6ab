// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "llm/modelcatalog.h"
#include "llm/ollamabackend.h"
#include "picker/apikeystore.h"
#include "picker/capabilitybadgedelegate.h"
#include "picker/modelfilterproxy.h"
#include "picker/modelpickerpane.h"
#include "picker/serverconnection.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::readTestData;

namespace {
constexpr int Wait = 10000;

template<typename T> T *child(const QWidget &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QStringList namesIn(const QAbstractItemModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names.append(model->index(row, ModelCatalog::NameColumn).data().toString());
    return names;
}

ServerSettings settingsFor(const QUrl &host, const QString &model = {})
{
    ServerSettings settings;
    settings.host = host;
    settings.model = model;
    return settings;
}

} // namespace

class TestModelPickerPane final : public QObject
{
    Q_OBJECT

private:
    FakeOllama *m_fake = nullptr;

    // A pane on the fake whose list has arrived.
    void waitForList(ModelPickerPane &pane)
    {
        QTRY_COMPARE_WITH_TIMEOUT(pane.catalog()->state(), ModelCatalog::State::Ready, Wait);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_modelpickerpane"));
        QSettings().clear();
    }

    void init()
    {
        m_fake = new FakeOllama(this);
        QVERIFY(m_fake->listen());
        m_fake->setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        m_fake->setPsJson(readTestData(QStringLiteral("llm/ps.json")));
    }

    void cleanup()
    {
        delete m_fake;
        m_fake = nullptr;
        QSettings().clear();
    }

    void construct_sendsNothingBeforeTheEventLoop_thenListsTheDefaultServer()
    {
        qputenv("OLLAMA_HOST", m_fake->baseUrl().authority().toUtf8());
        ModelPickerPane pane;
        QCOMPARE(pane.catalog()->state(), ModelCatalog::State::Empty); // no request yet
        QCOMPARE(pane.objectName(), QStringLiteral("modelPicker"));
        QCOMPARE(pane.connection()->host(), m_fake->baseUrl());
        QCOMPARE(child<QLineEdit>(pane, "hostEdit")->placeholderText(), m_fake->baseUrl().toDisplayString());
        QVERIFY(pane.serverSettings().host.isEmpty()); // the OLLAMA_HOST rules decide
        waitForList(pane);
        qunsetenv("OLLAMA_HOST");
        QCOMPARE(m_fake->requestsTo("/api/tags").size(), 1);
    }

    void list_fakeModels_sortedWithBadgesAndNoEmbeddingModel()
    {
        ModelPickerPane pane;
        QSignalSpy changed(&pane, &ModelPickerPane::currentModelChanged);
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        waitForList(pane);
        auto *table = child<QTableView>(pane, "modelTable");
        QVERIFY(table);
        QCOMPARE(namesIn(table->model()),
                 (QStringList { QStringLiteral("gemma3:4b-mlx"), QStringLiteral("gpt-oss:120b-cloud"),
                                QStringLiteral("llama3.2:latest") }));
        QVERIFY(table->isColumnHidden(ModelCatalog::FamilyColumn));
        QVERIFY(!table->isColumnHidden(ModelCatalog::ContextColumn));
        QVERIFY(
            qobject_cast<CapabilityBadgeDelegate *>(table->itemDelegateForColumn(ModelCatalog::CapabilitiesColumn)));

        QHash<QString, QStringList> badges;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex caps = table->model()->index(row, ModelCatalog::CapabilitiesColumn);
            badges.insert(table->model()->index(row, 0).data().toString(), CapabilityBadgeDelegate::badges(caps));
        }
        QCOMPARE(
            badges.value(QStringLiteral("gpt-oss:120b-cloud")),
            (QStringList { QStringLiteral("tools"), QStringLiteral("thinking"), QStringLiteral("schema ignored") }));
        QCOMPARE(badges.value(QStringLiteral("gemma3:4b-mlx")),
                 (QStringList { QStringLiteral("vision"), QStringLiteral("schema ignored") }));
        QCOMPARE(badges.value(QStringLiteral("llama3.2:latest")), QStringList { QStringLiteral("tools") });

        // The badges are painted: the capability cell of a model with tools is not blank, and the
        // cell of the same column is drawn differently for a model with different badges.
        pane.resize(900, 500);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const QImage shot = table->viewport()->grab().toImage();
        const QRect toolsCell = table->visualRect(table->model()->index(2, ModelCatalog::CapabilitiesColumn));
        const QRect visionCell = table->visualRect(table->model()->index(0, ModelCatalog::CapabilitiesColumn));
        QVERIFY(toolsCell.isValid() && visionCell.isValid());
        const qreal ratio = shot.devicePixelRatio();
        auto cellImage = [&](const QRect &r) {
            return shot.copy(QRect((r.topLeft() * ratio), r.size() * ratio)).convertToFormat(QImage::Format_RGB32);
        };
        const QImage tools = cellImage(toolsCell);
        const QImage vision = cellImage(visionCell);
        const QImage blank(tools.size(), QImage::Format_RGB32);
        int inked = 0;
        const QRgb base = tools.pixel(tools.width() - 1, tools.height() / 2);
        for (int x = 0; x < tools.width(); ++x)
            inked += tools.pixel(x, tools.height() / 2) != base ? 1 : 0;
        QVERIFY2(inked > 5, qPrintable(QString::number(inked)));
        QVERIFY(tools != vision);

        // The first row is selected when nothing was remembered, and announced.
        QCOMPARE(pane.currentModel().name, QStringLiteral("gemma3:4b-mlx"));
        QVERIFY(pane.currentModel().capabilitiesKnown);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().first().value<ModelInfo>().name, QStringLiteral("gemma3:4b-mlx"));
    }

    void filter_typing_narrowsTheList()
    {
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        waitForList(pane);
        auto *table = child<QTableView>(pane, "modelTable");
        auto *filter = child<QLineEdit>(pane, "modelFilter");
        QVERIFY(filter);
        QTest::keyClicks(filter, QStringLiteral("LLAMA"));
        QCOMPARE(namesIn(table->model()), QStringList { QStringLiteral("llama3.2:latest") });
        filter->clear();
        QCOMPARE(table->model()->rowCount(), 3);
        QTest::keyClicks(filter, QStringLiteral("tools"));
        QCOMPARE(table->model()->rowCount(), 2);
        QTest::keyClicks(filter, QStringLiteral(" thinking"));
        QCOMPARE(namesIn(table->model()), QStringList { QStringLiteral("gpt-oss:120b-cloud") });
        // Filtering the chosen model away does not choose another one.
        QCOMPARE(pane.currentModel().name, QStringLiteral("gemma3:4b-mlx"));
        QVERIFY(!table->selectionModel()->hasSelection());
        filter->clear();
        QCOMPARE(table->selectionModel()->selectedRows().value(0).data().toString(), QStringLiteral("gemma3:4b-mlx"));
        QTest::keyClicks(filter, QStringLiteral("nomic"));
        QCOMPARE(table->model()->rowCount(), 0); // the embedding model stays hidden
        QCOMPARE(pane.currentModel().name, QStringLiteral("gemma3:4b-mlx"));
    }

    void unreachable_showsServerDownPanel_retryRecoversWhenServerListens()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        QUrl url = m_fake->baseUrl();
        url.setPort(port);
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(url));
        auto *stack = child<QStackedWidget>(pane, "modelStack");
        auto *panel = child<QWidget>(pane, "serverDownPanel");
        QVERIFY(stack && panel);
        QTRY_COMPARE_WITH_TIMEOUT(stack->currentWidget(), panel, Wait);
        const QString message = child<QLabel>(pane, "serverDownMessage")->text();
        QVERIFY2(message.contains(url.toDisplayString()), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("ollama serve")), qPrintable(message));
        QVERIFY(message.startsWith(QLatin1String("Cannot reach the Ollama server at ")));

        FakeOllama later;
        later.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        QVERIFY(later.listen(port));
        QTest::mouseClick(child<QPushButton>(pane, "retryButton"), Qt::LeftButton);
        waitForList(pane);
        QCOMPARE(stack->currentWidget(), child<QTableView>(pane, "modelTable"));
        QCOMPARE(child<QTableView>(pane, "modelTable")->model()->rowCount(), 3);
        QCOMPARE(later.requestsTo("/api/tags").size(), 1);
    }

    void refreshAction_f5_asksAgain()
    {
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        waitForList(pane);
        QAction *refresh = pane.refreshAction();
        QCOMPARE(refresh->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(!refresh->toolTip().isEmpty());
        QCOMPARE(child<QLabel>(pane, "catalogStatus")->text(),
                 QStringLiteral("3 chat models on %1").arg(m_fake->baseUrl().toDisplayString()));
        const qsizetype before = m_fake->requestsTo("/api/tags").size();
        refresh->trigger();
        QCOMPARE(pane.catalog()->state(), ModelCatalog::State::Loading);
        waitForList(pane);
        QCOMPARE(m_fake->requestsTo("/api/tags").size(), before + 1);
        QCOMPARE(pane.currentModel().name, QStringLiteral("gemma3:4b-mlx")); // kept across the refresh

        // The key itself, in the pane's window.
        pane.show();
        pane.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&pane));
        QTest::keyClick(&pane, Qt::Key_F5);
        QCOMPARE(pane.catalog()->state(), ModelCatalog::State::Loading);
        waitForList(pane);
        QCOMPARE(m_fake->requestsTo("/api/tags").size(), before + 2);
    }

    void testConnection_ollama_reportsVersion()
    {
        m_fake->setVersion(QStringLiteral("0.32.15"));
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        // A new connection is probed quietly, so the server box names the server without a click.
        auto *kind = child<QLabel>(pane, "serverKindLabel");
        QTRY_VERIFY_WITH_TIMEOUT(kind->text().contains(QLatin1String("0.32.15")), Wait);
        QCOMPARE(m_fake->requestsTo("/api/version").size(), 1);
        auto *status = child<QLabel>(pane, "connectionStatus");
        QVERIFY(status->text().isEmpty());
        QTest::mouseClick(child<QPushButton>(pane, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("0.32.15")), Wait);
        QVERIFY2(status->text().startsWith(QLatin1String("Connected to Ollama 0.32.15")), qPrintable(status->text()));
        QCOMPARE(m_fake->requestsTo("/api/version").size(), 2); // the test asks again
        QVERIFY(!status->property("isError").toBool());
    }

    void testConnection_openAi_reportsModelCount()
    {
        m_fake->setV1ModelsJson(readTestData(QStringLiteral("llm/v1-models-llama-server.json")));
        ModelPickerPane pane;
        ServerSettings settings = settingsFor(m_fake->baseUrl());
        settings.api = BackendApi::OpenAi;
        pane.setServerSettings(settings);
        QCOMPARE(pane.backend()->api(), BackendApi::OpenAi);
        QCOMPARE(child<QComboBox>(pane, "apiCombo")->currentData().toInt(), int(BackendApi::OpenAi));
        auto *status = child<QLabel>(pane, "connectionStatus");
        QTest::mouseClick(child<QPushButton>(pane, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("1 model")), Wait);
        QVERIFY(!m_fake->requestsTo("/v1/models").isEmpty());
        QCOMPARE(pane.serverSettings().api, BackendApi::OpenAi);
    }

    // The connection test probes the server and the pane names it (issue 11).
    void testConnection_llamaServer_kindShownInTheServerBox()
    {
        m_fake->actAsLlamaServer(QStringLiteral("/models/tiny.gguf"), 1024);
        ModelPickerPane pane;
        ServerSettings settings = settingsFor(m_fake->baseUrl());
        settings.api = BackendApi::OpenAi;
        pane.setServerSettings(settings);
        auto *kind = child<QLabel>(pane, "serverKindLabel");
        QTRY_VERIFY_WITH_TIMEOUT(!kind->text().isEmpty(), Wait); // probed when the server was set
        QTest::mouseClick(child<QPushButton>(pane, "testConnectionButton"), Qt::LeftButton);
        QVERIFY2(kind->text().contains(QLatin1String("llama.cpp's llama-server")), qPrintable(kind->text()));
        QVERIFY(kind->text().contains(QLatin1String("1024 tokens of context per slot")));
        QCOMPARE(pane.connection()->serverInfo().kind, ServerKind::LlamaServer);
        auto *status = child<QLabel>(pane, "connectionStatus");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("1 model")), Wait);
    }

    void testConnection_ollamaApiOnLlamaServer_namesTheServer()
    {
        m_fake->actAsLlamaServer();
        ServerConnection connection;
        connection.setServer(m_fake->baseUrl(), BackendApi::Ollama);
        QSignalSpy tested(&connection, &ServerConnection::connectionTested);
        connection.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QCOMPARE(tested.first().at(0).toBool(), false);
        const QString message = tested.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("llama.cpp's llama-server does not speak Ollama's native API")),
                 qPrintable(message));
    }

    void testConnection_closedPort_saysSoInPlainWords()
    {
        QUrl url = m_fake->baseUrl();
        url.setPort(closedPort());
        ServerConnection connection;
        connection.setServer(url, BackendApi::Ollama);
        QSignalSpy tested(&connection, &ServerConnection::connectionTested);
        connection.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QCOMPARE(tested.first().at(0).toBool(), false);
        const QString message = tested.first().at(1).toString();
        QVERIFY2(message.contains(url.toDisplayString()) && message.contains(QLatin1String("cannot be reached")),
                 qPrintable(message));
    }

    void serverConnection_newHost_newBackendAndKeyKept()
    {
        ServerConnection connection;
        QSignalSpy changed(&connection, &ServerConnection::backendChanged);
        connection.setApiKey(QStringLiteral("k1"));
        connection.setServer(m_fake->baseUrl(), BackendApi::Ollama);
        QCOMPARE(changed.count(), 1);
        QVERIFY(qobject_cast<OllamaBackend *>(connection.backend()));
        QCOMPARE(connection.backend()->config().bearerToken, QStringLiteral("k1"));
        connection.setServer(m_fake->baseUrl(), BackendApi::Ollama);
        QCOMPARE(changed.count(), 1); // unchanged
        connection.setServer(m_fake->baseUrl(), BackendApi::OpenAi);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(connection.backend()->api(), BackendApi::OpenAi);
        connection.setApiKey(QString());
        QVERIFY(connection.backend()->config().bearerToken.isEmpty());
    }

    // A job in flight on the old backend still ends with its signal after a server change.
    void serverChange_jobInFlightFinishes_thenOldBackendGoes()
    {
        FakeOllama slow;
        QVERIFY(slow.listen());
        Formwork::Test::FakeReply delayed;
        delayed.rawBody = "{\"version\":\"0.32.15\"}";
        delayed.firstByteDelayMs = 300;
        slow.setRouteReply("/api/version", delayed);
        ServerConnection connection;
        connection.setServer(slow.baseUrl(), BackendApi::Ollama);
        QPointer<LlmBackend> old = connection.backend();
        QSignalSpy tested(&connection, &ServerConnection::connectionTested);
        auto *ollama = qobject_cast<OllamaBackend *>(old.data());
        VersionJob *job = ollama->fetchVersion();
        QSignalSpy finished(job, &VersionJob::finished);
        QSignalSpy failed(job, &VersionJob::failed);
        connection.setServer(m_fake->baseUrl(), BackendApi::Ollama);
        QVERIFY(connection.backend() != old);
        // Events run while the job's request reaches the server: a premature deleteLater() would have run.
        QTRY_COMPARE_WITH_TIMEOUT(slow.requestsTo("/api/version").size(), 1, Wait);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(old); // still alive: its job is running
        QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, Wait);
        QCOMPARE(finished.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(old.isNull(), Wait);
    }

    void lastModel_rememberedPerHost()
    {
        FakeOllama other;
        QVERIFY(other.listen());
        other.setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        {
            ModelPickerPane pane;
            QSignalSpy settingsChanged(&pane, &ModelPickerPane::serverSettingsChanged);
            pane.setServerSettings(settingsFor(m_fake->baseUrl()));
            waitForList(pane);
            QVERIFY(settingsChanged.isEmpty()); // applied, not edited
            auto *table = child<QTableView>(pane, "modelTable");
            const int row = namesIn(table->model()).indexOf(QStringLiteral("gpt-oss:120b-cloud"));
            table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            QCOMPARE(pane.currentModel().name, QStringLiteral("gpt-oss:120b-cloud"));
            QCOMPARE(settingsChanged.count(), 1); // the user's choice
            QCOMPARE(pane.serverSettings().model, QStringLiteral("gpt-oss:120b-cloud"));

            pane.setServerSettings(settingsFor(other.baseUrl()));
            waitForList(pane);
            QCOMPARE(pane.currentModel().name, QStringLiteral("gemma3:4b-mlx")); // nothing remembered there
            const int llama = namesIn(table->model()).indexOf(QStringLiteral("llama3.2:latest"));
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                              table->visualRect(table->model()->index(llama, 0)).center());
            QCOMPARE(pane.currentModel().name, QStringLiteral("llama3.2:latest"));
        }
        ModelPickerPane again;
        again.setServerSettings(settingsFor(m_fake->baseUrl()));
        waitForList(again);
        QCOMPARE(again.currentModel().name, QStringLiteral("gpt-oss:120b-cloud"));
        again.setServerSettings(settingsFor(other.baseUrl()));
        waitForList(again);
        QCOMPARE(again.currentModel().name, QStringLiteral("llama3.2:latest"));
        QVERIFY(QSettings().contains(ModelPickerPane::lastModelKey(m_fake->baseUrl())));
    }

    void workspaceModel_winsOverRemembered_missingOneKeptWithHint()
    {
        QSettings().setValue(ModelPickerPane::lastModelKey(m_fake->baseUrl()), QStringLiteral("gemma3:4b-mlx"));
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl(), QStringLiteral("llama3.2:latest")));
        QCOMPARE(pane.currentModel().name, QStringLiteral("llama3.2:latest")); // before the list arrives
        waitForList(pane);
        QCOMPARE(pane.currentModel().name, QStringLiteral("llama3.2:latest"));
        QVERIFY(pane.currentModel().capabilitiesKnown);

        pane.setServerSettings(settingsFor(m_fake->baseUrl(), QStringLiteral("qwen9:404b")));
        QTRY_COMPARE_WITH_TIMEOUT(pane.currentModel().name, QStringLiteral("qwen9:404b"), Wait);
        waitForList(pane);
        QCOMPARE(pane.currentModel().name, QStringLiteral("qwen9:404b"));
        QVERIFY(!pane.currentModel().capabilitiesKnown);
        const QString status = child<QLabel>(pane, "catalogStatus")->text();
        QVERIFY2(status.contains(QLatin1String("ollama pull qwen9:404b")), qPrintable(status));
        QCOMPARE(pane.serverSettings().model, QStringLiteral("qwen9:404b"));
    }

    void apiKey_sentAsBearer_neverInQSettings_notSentToAnotherHost()
    {
        const QString secret = QStringLiteral("sk-formwork-secret-123");
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        waitForList(pane);
        auto *keyEdit = child<QLineEdit>(pane, "apiKeyEdit");
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
        QTest::keyClicks(keyEdit, secret);
        QTest::keyClick(keyEdit, Qt::Key_Return);
        waitForList(pane);
        const Formwork::Test::RecordedRequest last = m_fake->requestsTo("/api/tags").constLast();
        QCOMPARE(last.headers.value("authorization"), QByteArray("Bearer " + secret.toUtf8()));
        // No keyring service in tests: the pane says the key lasts for the session only.
        QCOMPARE(pane.apiKeyStore()->status(), ApiKeyStore::Status::SessionOnly);
        QVERIFY2(child<QLabel>(pane, "keyStatus")->text().contains(QLatin1String("session only")),
                 qPrintable(child<QLabel>(pane, "keyStatus")->text()));

        QSettings settings;
        settings.sync();
        for (const QString &key : settings.allKeys()) {
            QVERIFY2(!key.contains(secret), qPrintable(key));
            QVERIFY2(!settings.value(key).toString().contains(secret), qPrintable(key));
        }
        QFile file(settings.fileName());
        if (file.open(QIODevice::ReadOnly))
            QVERIFY(!file.readAll().contains(secret.toUtf8()));
        QVERIFY(settings.fileName().contains(QLatin1String("qttest"))); // never the user's own settings

        // Another server never gets this server's key.
        FakeOllama other;
        QVERIFY(other.listen());
        auto *host = child<QLineEdit>(pane, "hostEdit");
        host->setText(other.baseUrl().toString());
        QSignalSpy settingsChanged(&pane, &ModelPickerPane::serverSettingsChanged);
        QMetaObject::invokeMethod(host, "editingFinished");
        QCOMPARE(settingsChanged.count(), 1);
        waitForList(pane);
        QVERIFY(keyEdit->text().isEmpty());
        QVERIFY(!other.requestsTo("/api/tags").constLast().headers.contains("authorization"));

        // Back to the first server: its key comes back for the session.
        host->setText(m_fake->baseUrl().toString());
        QMetaObject::invokeMethod(host, "editingFinished");
        QTRY_COMPARE_WITH_TIMEOUT(keyEdit->text(), secret, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/api/tags").constLast().headers.value("authorization"),
                                  QByteArray("Bearer " + secret.toUtf8()), Wait);
    }

    void httpToRemoteHost_warnsAboutTheKey()
    {
        QVERIFY(ServerConnection::keyTravelsInClear(QUrl(QStringLiteral("http://192.0.2.7:11434"))));
        QVERIFY(ServerConnection::keyTravelsInClear(QUrl(QStringLiteral("http://gpu-box.example:11434"))));
        QVERIFY(!ServerConnection::keyTravelsInClear(QUrl(QStringLiteral("https://gpu-box.example"))));
        QVERIFY(!ServerConnection::keyTravelsInClear(QUrl(QStringLiteral("http://127.0.0.1:11434"))));
        QVERIFY(!ServerConnection::keyTravelsInClear(QUrl(QStringLiteral("http://[::1]:11434"))));
        QVERIFY(!ServerConnection::keyTravelsInClear(QUrl(QStringLiteral("http://localhost:11434"))));

        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        auto *warning = child<QLabel>(pane, "keyWarning");
        auto *keyEdit = child<QLineEdit>(pane, "apiKeyEdit");
        QTest::keyClicks(keyEdit, QStringLiteral("k"));
        QVERIFY(warning->isHidden()); // loopback
        auto *host = child<QLineEdit>(pane, "hostEdit");
        host->setText(QStringLiteral("http://192.0.2.7:11434"));
        QMetaObject::invokeMethod(host, "editingFinished");
        QVERIFY(keyEdit->text().isEmpty());
        QVERIFY(warning->isHidden()); // no key, nothing to leak
        QTest::keyClicks(keyEdit, QStringLiteral("k"));
        QVERIFY(!warning->isHidden());
        QVERIFY2(warning->text().contains(QLatin1String("192.0.2.7")), qPrintable(warning->text()));
        QVERIFY(warning->property("isError").toBool());
        host->setText(QStringLiteral("https://192.0.2.7"));
        QMetaObject::invokeMethod(host, "editingFinished");
        QTest::keyClicks(keyEdit, QStringLiteral("k"));
        QVERIFY(warning->isHidden());
    }

    void badAddress_saysSoAndKeepsTheServer()
    {
        ModelPickerPane pane;
        pane.setServerSettings(settingsFor(m_fake->baseUrl()));
        auto *host = child<QLineEdit>(pane, "hostEdit");
        host->setText(QStringLiteral("ftp://nowhere"));
        QMetaObject::invokeMethod(host, "editingFinished");
        QCOMPARE(pane.connection()->host(), m_fake->baseUrl());
        QVERIFY(child<QLabel>(pane, "connectionStatus")->text().contains(QLatin1String("not a server address")));
    }

    void hostEdit_ollamaHostRules()
    {
        ModelPickerPane pane;
        auto *host = child<QLineEdit>(pane, "hostEdit");
        host->setText(QStringLiteral("0.0.0.0:%1").arg(m_fake->port()));
        QMetaObject::invokeMethod(host, "editingFinished");
        QCOMPARE(pane.connection()->host(), m_fake->baseUrl()); // bind-all mapped to loopback
        QCOMPARE(pane.serverSettings().host, m_fake->baseUrl());
        waitForList(pane);
    }

    void proxy_underModelTester_filterAndSortByValues()
    {
        QNetworkAccessManager network;
        BackendConfig config;
        config.baseUrl = m_fake->baseUrl();
        OllamaBackend backend(&network, config);
        ModelCatalog catalog;
        ModelFilterProxy proxy;
        QAbstractItemModelTester catalogTester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&catalog);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalog.setBackend(&backend);
        QSignalSpy refreshed(&catalog, &ModelCatalog::refreshed);
        catalog.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QCOMPARE(proxy.rowCount(), 3);

        proxy.sort(ModelCatalog::ParametersColumn, Qt::AscendingOrder);
        QCOMPARE(namesIn(&proxy),
                 (QStringList { QStringLiteral("llama3.2:latest"), QStringLiteral("gemma3:4b-mlx"),
                                QStringLiteral("gpt-oss:120b-cloud") }));
        proxy.sort(ModelCatalog::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(namesIn(&proxy),
                 (QStringList { QStringLiteral("gemma3:4b-mlx"), QStringLiteral("llama3.2:latest"),
                                QStringLiteral("gpt-oss:120b-cloud") }));
        proxy.sort(ModelCatalog::LoadedColumn, Qt::DescendingOrder);
        QCOMPARE(namesIn(&proxy).constFirst(), QStringLiteral("llama3.2:latest"));

        proxy.setFilterText(QStringLiteral("vision"));
        QCOMPARE(namesIn(&proxy), QStringList { QStringLiteral("gemma3:4b-mlx") });
        proxy.setFilterText(QStringLiteral("  "));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setFilterText(QStringLiteral("q4_k_m"));
        QCOMPARE(namesIn(&proxy), QStringList { QStringLiteral("llama3.2:latest") });

        // A refresh with fewer models goes through the proxy cleanly.
        m_fake->setTagsJson("{\"models\":[]}");
        catalog.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 2, Wait);
        QCOMPARE(proxy.rowCount(), 0);
        catalog.setBackend(nullptr);
    }

    // A shown pane destroyed while the address field has an edit in it: ~QWidget hides the pane,
    // the field's editingFinished fires, and applying it must not reach the half-destroyed pane.
    void destroyedWhileTheAddressHasFocus_appliesNothing()
    {
        auto pane = std::make_unique<ModelPickerPane>();
        pane->setServerSettings(settingsFor(m_fake->baseUrl()));
        QSignalSpy changed(pane.get(), &ModelPickerPane::serverSettingsChanged);
        pane->show();
        pane->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(pane.get()));
        auto *host = child<QLineEdit>(*pane, "hostEdit");
        host->setFocus();
        QTRY_VERIFY(host->hasFocus());
        host->selectAll();
        QTest::keyClicks(host, QStringLiteral("localhost:1"));
        pane.reset();
        QCOMPARE(changed.count(), 0);
    }

    void parameterCount_parsesUnits()
    {
        QCOMPARE(ModelFilterProxy::parameterCount(QStringLiteral("3.2B")), 3.2e9);
        QCOMPARE(ModelFilterProxy::parameterCount(QStringLiteral("270M")), 2.7e8);
        QCOMPARE(ModelFilterProxy::parameterCount(QStringLiteral("")), 0.0);
        QCOMPARE(ModelFilterProxy::parameterCount(QStringLiteral("big")), 0.0);
    }

    void apiKeyStore_sessionOnly_roundTripAndDelete()
    {
        ApiKeyStore store(ApiKeyStore::Backend::SessionOnly, QStringLiteral("formwork-test"));
        QCOMPARE(store.status(), ApiKeyStore::Status::SessionOnly);
        const QUrl host(QStringLiteral("https://user:pw@example.com:443/ollama/?x=1"));
        QCOMPARE(ApiKeyStore::entryName(host), QStringLiteral("https://example.com:443/ollama"));
        QSignalSpy written(&store, &ApiKeyStore::keyWritten);
        QSignalSpy read(&store, &ApiKeyStore::keyRead);
        store.writeKey(host, QStringLiteral("abc"));
        QTRY_COMPARE(written.count(), 1);
        QCOMPARE(written.first().at(1).toBool(), false);
        store.readKey(QUrl(QStringLiteral("https://example.com:443/ollama")));
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.first().at(1).toString(), QStringLiteral("abc"));
        store.writeKey(host, QString());
        store.readKey(host);
        QTRY_COMPARE(read.count(), 2);
        QVERIFY(read.last().at(1).toString().isEmpty());
    }

    // The real keyring path: with a secret service it answers, without one (CI) it reports
    // session-only storage. Either way one keyRead arrives. Reads only: never writes a keyring.
    void apiKeyStore_keyring_answersOrFallsBack()
    {
        ApiKeyStore store(ApiKeyStore::Backend::Keyring, QStringLiteral("formwork-test-unused"));
        QSignalSpy read(&store, &ApiKeyStore::keyRead);
        const QUrl server(QStringLiteral("http://127.0.0.1:1"));
        // A server never given a key: the keyring is not even asked.
        store.readKey(server);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(store.status(), ApiKeyStore::Status::Unknown);
        // One that was: it is.
        QSettings().setValue(store.storedFlagKey(server), true);
        read.clear();
        store.readKey(server);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 30000);
        QVERIFY(read.first().at(1).toString().isEmpty());
        QVERIFY(store.status() != ApiKeyStore::Status::Unknown);
        qInfo("keyring status: %s", qPrintable(store.statusText()));
    }
};

QTEST_MAIN(TestModelPickerPane)
#include "tst_modelpickerpane.moc"
