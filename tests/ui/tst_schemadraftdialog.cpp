// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafting/schemadraftdialog.h"
#include "extractiontestsupport.h"
#include "fakeollama.h"
#include "llm/llmbackend.h"
#include "mainwindow/mainwindow.h"
#include "schema/schemaregistry.h"

#include <QAction>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTreeWidget>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeOllama;
using Formwork::Test::FakeReply;
using Formwork::Test::parseQ;
using Formwork::Test::q;

class TestSchemaDraftDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Test::registerRunMetaTypes();
        if (SchemaRegistry().addMetaschemas() == 0)
            QSKIP("the official metaschemas are not installed (python3-jsonschema)");
    }

    void invalidDraftReasked_thenShownAsADiffToUse()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.addModel(QStringLiteral("qwen3:8b"));
        fake.enqueueChat(FakeReply::text({ q("{'type': 'object', 'properties': {'number': {'type': 'string'}}, "
                                             "'required': ['number', 'number']}") }));
        fake.enqueueChat(FakeReply::text({ q("{'type': 'object', 'properties': {'number': {'type': 'string'}, "
                                             "'total': {'type': 'number'}}, 'required': ['number']}") }));
        QNetworkAccessManager nam;
        BackendConfig config;
        config.baseUrl = fake.baseUrl();
        std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &nam, config));
        const auto current = parseQ("{'type': 'object', 'properties': {'number': {'type': 'string'}}}");
        SchemaDraftDialog dialog(backend.get(), QStringLiteral("qwen3:8b"), current);
        auto *use = dialog.findChild<QPushButton *>(QStringLiteral("useDraftButton"));
        QVERIFY(!use->isEnabled());
        QVERIFY(!dialog.startDraft()); // nothing described yet
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("draftDescription"))
            ->setPlainText(QStringLiteral("invoices: number and total"));
        QSignalSpy finished(&dialog, &SchemaDraftDialog::draftFinished);
        dialog.findChild<QPushButton *>(QStringLiteral("draftButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(fake.requestsTo("/api/chat").size(), 2); // the first draft was reasked

        QVERIFY(use->isEnabled());
        QVERIFY(dialog.draft());
        QVERIFY(dialog.draft()->at("properties").contains("total"));
        auto *diff = dialog.findChild<QTreeWidget *>(QStringLiteral("draftDiff"));
        QStringList changes;
        for (int i = 0; i < diff->topLevelItemCount(); ++i)
            changes.append(diff->topLevelItem(i)->text(0) + QLatin1Char(' ') + diff->topLevelItem(i)->text(1));
        QVERIFY2(changes.contains(QStringLiteral("added /properties/total")), qPrintable(changes.join(u',')));
        QVERIFY2(changes.contains(QStringLiteral("added /required")), qPrintable(changes.join(u',')));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("draftStatus"))->text().contains(QStringLiteral("2 draft")));
    }

    void mainWindow_hasTheDraftAction_andRefusesWithoutAModel()
    {
        MainWindow window;
        auto *action = window.findChild<QAction *>(QStringLiteral("actionDraftSchema"));
        QVERIFY(action);
        QVERIFY(!action->toolTip().isEmpty());
        action->trigger(); // no model chosen: says so instead of opening the dialog
        QVERIFY(!window.findChild<SchemaDraftDialog *>());
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Choose a model")),
                 qPrintable(window.statusBar()->currentMessage()));
    }
};

QTEST_MAIN(TestSchemaDraftDialog)
#include "tst_schemadraftdialog.moc"
