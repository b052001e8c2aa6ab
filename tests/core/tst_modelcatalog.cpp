// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeollama.h"
#include "llm/modelcatalog.h"
#include "llm/ollamabackend.h"
#include "llm/openaibackend.h"
#include "settle.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace Formwork;
using Formwork::Test::FakeOllama;
using Formwork::Test::readTestData;

namespace {
constexpr int Wait = 5000;
}

class TestModelCatalog final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager *m_nam = nullptr;
    FakeOllama *m_fake = nullptr;
    LlmBackend *m_backend = nullptr;
    ModelCatalog *m_catalog = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;

    BackendConfig config() const
    {
        BackendConfig c;
        c.baseUrl = m_fake->baseUrl();
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_nam = new QNetworkAccessManager(this);
        m_fake = new FakeOllama(this);
        QVERIFY(m_fake->listen());
        m_backend = new OllamaBackend(m_nam, config(), this);
        m_catalog = new ModelCatalog(this);
        m_tester
            = new QAbstractItemModelTester(m_catalog, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        m_catalog->setBackend(m_backend);
    }

    void cleanup()
    {
        delete m_tester;
        delete m_catalog;
        delete m_backend;
        delete m_fake;
        delete m_nam;
    }

    // reference 9 checklist item 3: hide embedding-only models, flag mlx/cloud, loaded from /api/ps.
    void refresh_newServer_rowsFlagsAndHiddenEmbeddings()
    {
        m_fake->setTagsJson(readTestData(QStringLiteral("llm/tags-new.json")));
        m_fake->setPsJson(readTestData(QStringLiteral("llm/ps.json")));
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        QSignalSpy failed(m_catalog, &ModelCatalog::refreshFailed);
        m_catalog->refresh();
        QCOMPARE(m_catalog->state(), ModelCatalog::State::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QVERIFY(failed.isEmpty());
        QCOMPARE(m_catalog->state(), ModelCatalog::State::Ready);
        QCOMPARE(m_catalog->rowCount(), 3); // nomic-embed-text is hidden
        QCOMPARE(m_catalog->columnCount(), int(ModelCatalog::ColumnCount));
        QCOMPARE(m_catalog->rowOfModel(QStringLiteral("nomic-embed-text:latest")), -1);
        const QModelIndex llama = m_catalog->index(0, ModelCatalog::NameColumn);
        QCOMPARE(llama.data().toString(), QStringLiteral("llama3.2:latest"));
        QCOMPARE(m_catalog->index(0, ModelCatalog::SizeColumn).data().toString(), QStringLiteral("2.0 GB"));
        QCOMPARE(m_catalog->index(0, ModelCatalog::ParametersColumn).data().toString(), QStringLiteral("3.2B"));
        QCOMPARE(m_catalog->index(0, ModelCatalog::QuantizationColumn).data().toString(), QStringLiteral("Q4_K_M"));
        QCOMPARE(m_catalog->index(0, ModelCatalog::FamilyColumn).data().toString(), QStringLiteral("llama"));
        QCOMPARE(m_catalog->index(0, ModelCatalog::ContextColumn).data().toString(), QStringLiteral("128K"));
        QCOMPARE(m_catalog->index(0, ModelCatalog::CapabilitiesColumn).data().toString(),
                 QStringLiteral("completion, tools"));
        QVERIFY(llama.data(ModelCatalog::LoadedRole).toBool());
        QVERIFY(!llama.data(ModelCatalog::SchemaNotEnforcedRole).toBool());
        const QModelIndex mlx = m_catalog->index(m_catalog->rowOfModel(QStringLiteral("gemma3:4b-mlx")), 0);
        QVERIFY(mlx.data(ModelCatalog::SchemaNotEnforcedRole).toBool());
        QVERIFY(!mlx.data(Qt::ToolTipRole).toString().isEmpty());
        const QModelIndex cloud = m_catalog->index(m_catalog->rowOfModel(QStringLiteral("gpt-oss:120b-cloud")), 0);
        QVERIFY(cloud.data(ModelCatalog::SchemaNotEnforcedRole).toBool());
        QCOMPARE(cloud.data(ModelCatalog::ModelInfoRole).value<ModelInfo>().name, QStringLiteral("gpt-oss:120b-cloud"));
        QCOMPARE(m_fake->requestsTo("/api/show").size(), 0);
    }

    // reference 2.1: before 0.30 the capabilities come from /api/show.
    void refresh_oldServer_capabilitiesFromShow()
    {
        m_fake->setTagsJson(readTestData(QStringLiteral("llm/tags-old.json")));
        m_fake->setShowJson(QStringLiteral("qwen3:8b"), readTestData(QStringLiteral("llm/show-qwen3.json")));
        m_fake->setShowJson(QStringLiteral("nomic-embed-text:latest"),
                            readTestData(QStringLiteral("llm/show-nomic.json")));
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QCOMPARE(m_catalog->rowCount(), 1);
        QCOMPARE(m_catalog->modelAt(0).contextLength, 40960);
        QVERIFY(m_catalog->modelAt(0).hasCapability(u"thinking"));
    }

    void refresh_unreachable_failedStateWithMessage()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        BackendConfig c = config();
        c.baseUrl.setPort(probe.serverPort());
        probe.close();
        m_backend->setConfig(c);
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        QSignalSpy failed(m_catalog, &ModelCatalog::refreshFailed);
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QVERIFY(refreshed.isEmpty());
        QCOMPARE(m_catalog->state(), ModelCatalog::State::Failed);
        QCOMPARE(m_catalog->lastError().kind, BackendError::Kind::Unreachable);
        QVERIFY2(m_catalog->statusMessage().contains(QLatin1String("ollama serve")),
                 qPrintable(m_catalog->statusMessage()));
        QVERIFY(m_catalog->statusMessage().contains(c.baseUrl.toDisplayString()));
        QCOMPARE(m_catalog->rowCount(), 0);
    }

    void refresh_emptyServer_readyWithHint()
    {
        m_fake->setTagsJson("{\"models\":[]}");
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QCOMPARE(m_catalog->state(), ModelCatalog::State::Ready);
        QCOMPARE(m_catalog->rowCount(), 0);
        QVERIFY(m_catalog->statusMessage().contains(QLatin1String("ollama pull")));
    }

    void refreshTwice_firstCancelled_oneResult()
    {
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        QSignalSpy failed(m_catalog, &ModelCatalog::refreshFailed);
        m_catalog->refresh();
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QVERIFY(Formwork::Test::settleNetwork(m_nam, Wait)); // the cancelled refresh cannot answer any more
        QCOMPARE(refreshed.count(), 1);
        QVERIFY(failed.isEmpty());
        QCOMPARE(m_catalog->rowCount(), 2); // the fake's two pulled models
    }

    void refresh_thenServerGone_rowsRemoved()
    {
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QCOMPARE(m_catalog->rowCount(), 2); // the fake's two pulled models
        m_fake->setRouteReply("/api/tags", Formwork::Test::FakeReply::error(500, "{\"error\":\"boom\"}"));
        QSignalSpy failed(m_catalog, &ModelCatalog::refreshFailed);
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QCOMPARE(m_catalog->rowCount(), 0);
        QCOMPARE(m_catalog->lastError().detail, QStringLiteral("boom"));
    }

    void openAiBackend_listsV1Models()
    {
        auto *openAi = new OpenAiBackend(m_nam, config(), this);
        m_catalog->setBackend(openAi);
        QSignalSpy refreshed(m_catalog, &ModelCatalog::refreshed);
        m_catalog->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, Wait);
        QCOMPARE(m_catalog->rowCount(), 2);
        QCOMPARE(m_catalog->index(0, 0).data().toString(), QStringLiteral("llama3.2:latest"));
        QCOMPARE(m_catalog->index(1, 0).data().toString(), QStringLiteral("llama3.1:8b"));
        m_catalog->setBackend(m_backend);
        delete openAi;
    }

    void headers_named()
    {
        QCOMPARE(m_catalog->headerData(ModelCatalog::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(m_catalog->headerData(ModelCatalog::ContextColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Context"));
    }

    void formatters()
    {
        QCOMPARE(ModelCatalog::formatSize(274302450), QStringLiteral("274 MB"));
        QCOMPARE(ModelCatalog::formatSize(-1), QString());
        QCOMPARE(ModelCatalog::formatContext(40960), QStringLiteral("40K"));
        QCOMPARE(ModelCatalog::formatContext(4000), QStringLiteral("4000"));
    }
};

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_modelcatalog.moc"
