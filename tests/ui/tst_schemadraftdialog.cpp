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
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTextBlock>

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
        // The draft against the current schema as a unified line diff, both indented by two.
        auto *diff = dialog.findChild<QPlainTextEdit *>(QStringLiteral("draftDiff"));
        QVERIFY(diff && diff->isReadOnly());
        const QStringList lines = diff->toPlainText().split(u'\n');
        QVERIFY2(lines.contains(QStringLiteral("+     \"total\": {")), qPrintable(lines.join(u'\n')));
        QVERIFY(lines.contains(QStringLiteral("+   \"required\": [")));
        QVERIFY(lines.contains(QStringLiteral("      \"number\": {"))); // unchanged context
        QCOMPARE(lines.first(), QStringLiteral("  {"));
        const int added = int(lines.filter(QRegularExpression(QStringLiteral("^\\+"))).size());
        const int removed = int(lines.filter(QRegularExpression(QStringLiteral("^-"))).size());
        QVERIFY(added >= 6);
        QVERIFY(removed >= 1); // "  }" became "  },"
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("draftDiffSummary"))->text(),
                 QStringLiteral("%1 line(s) added, %2 line(s) removed").arg(added).arg(removed));

        // Every changed line, and only those, is tinted; added and removed apart, from the palette.
        const auto tints = [diff] {
            QMap<QChar, QColor> byMark;
            for (const QTextEdit::ExtraSelection &s : diff->extraSelections()) {
                const QChar mark = s.cursor.block().text().at(0);
                const QColor colour = s.format.background().color();
                if (byMark.contains(mark) && byMark.value(mark) != colour)
                    return QMap<QChar, QColor>(); // one colour per kind
                byMark.insert(mark, colour);
            }
            return byMark;
        };
        QCOMPARE(diff->extraSelections().size(), added + removed);
        const QMap<QChar, QColor> light = tints();
        QCOMPARE(light.keys(), (QList<QChar> { u'+', u'-' }));
        QVERIFY(light.value(u'+') != light.value(u'-'));
        QVERIFY(light.value(u'+') != diff->palette().color(QPalette::Base));
        QPalette dark = diff->palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Window, QColor(0x30, 0x30, 0x30));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dialog.setPalette(dark);
        const QMap<QChar, QColor> darkTints = tints();
        QCOMPARE(darkTints.keys(), light.keys());
        QVERIFY(darkTints.value(u'+').lightness() < light.value(u'+').lightness()); // follows the palette

        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("draftStatus"))->text().contains(QStringLiteral("2 draft")));
    }

    void rejected_keepsNothing_acceptedGivesTheDraft()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.addModel(QStringLiteral("qwen3:8b"));
        fake.enqueueChat(FakeReply::text({ q("{'type': 'object', 'properties': {'n': {'type': 'integer'}}}") }));
        QNetworkAccessManager nam;
        BackendConfig config;
        config.baseUrl = fake.baseUrl();
        std::unique_ptr<LlmBackend> backend(LlmBackend::create(BackendApi::Ollama, &nam, config));
        SchemaDraftDialog dialog(backend.get(), QStringLiteral("qwen3:8b"), nlohmann::ordered_json());
        dialog.setDescription(QStringLiteral("a number"));
        QSignalSpy finished(&dialog, &SchemaDraftDialog::draftFinished);
        QVERIFY(dialog.startDraft());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        // No current schema: every line is added.
        const QString text = dialog.findChild<QPlainTextEdit *>(QStringLiteral("draftDiff"))->toPlainText();
        for (const QString &line : text.split(u'\n'))
            QVERIFY2(line.startsWith(u'+'), qPrintable(line));
        dialog.findChild<QPushButton *>(QStringLiteral("useDraftButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.draft()->at("properties").contains("n"));
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
