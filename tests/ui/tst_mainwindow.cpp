// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/translations.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace Formwork::Ui;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void init() { QSettings().clear(); }

    void window_hasFourPanesAndTimeline()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.findChild<QWidget *>(QStringLiteral("schemaEditor")));
        for (const char *name : { "modelPickerDock", "promptDock", "resultDock", "timelineDock" }) {
            auto *dock = window.findChild<QDockWidget *>(QString::fromLatin1(name));
            QVERIFY2(dock, name);
            QVERIFY2(dock->isVisible(), name);
        }
        // Panes that are not built yet say so.
        const auto planned = window.findChildren<QLabel *>(QStringLiteral("plannedPaneText"));
        QCOMPARE(planned.size(), 4);
        for (const QLabel *label : planned)
            QVERIFY(label->text().contains(QStringLiteral("Not implemented yet.")));
    }

    void layout_isRestoredOnNextStart()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *timeline = window.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
            auto *result = window.findChild<QDockWidget *>(QStringLiteral("resultDock"));
            window.addDockWidget(Qt::LeftDockWidgetArea, result);
            timeline->hide();
            window.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("MainWindow/state")));

        MainWindow restored;
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        auto *timeline = restored.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
        auto *result = restored.findChild<QDockWidget *>(QStringLiteral("resultDock"));
        QVERIFY(!timeline->isVisible());
        QCOMPARE(restored.dockWidgetArea(result), Qt::LeftDockWidgetArea);
        QVERIFY(restored.findChild<QDockWidget *>(QStringLiteral("promptDock"))->isVisible());
    }

    void germanLocale_showsGermanStrings()
    {
        QVERIFY(Formwork::installTranslations(qApp, QLocale(QLocale::German, QLocale::Germany)));
        {
            MainWindow window;
            QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("&Datei"));
            const auto planned = window.findChildren<QLabel *>(QStringLiteral("plannedPaneText"));
            QVERIFY(!planned.isEmpty());
            QVERIFY2(planned.constFirst()->text().contains(QStringLiteral("Noch nicht umgesetzt.")),
                     qPrintable(planned.constFirst()->text()));
        }
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *translator : translators) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

    void unknownLocale_hasNoCatalogue()
    {
        QVERIFY(!Formwork::installTranslations(qApp, QLocale(QLocale::Zulu, QLocale::SouthAfrica)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
