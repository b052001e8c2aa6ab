// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/translations.h"
#include "formworkversion.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Formwork"));
    QApplication::setApplicationName(QStringLiteral("formwork"));
    QApplication::setApplicationDisplayName(QStringLiteral("Formwork"));
    QApplication::setApplicationVersion(QStringLiteral(FORMWORK_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("formwork"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/formwork.png")));
    Formwork::installTranslations(&app, QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Validated, structured JSON from local LLMs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"), QApplication::translate("main", "Show the main window, then quit with status 0."));
    parser.addOption(selfTest);
    parser.process(app);

    if (parser.isSet(selfTest)) {
        // Keeps a smoke test from reading or writing the user's own settings.
        QStandardPaths::setTestModeEnabled(true);
    }

    Formwork::Ui::MainWindow window;
    window.show();

    if (parser.isSet(selfTest)) {
        QTimer::singleShot(0, &window, [&window] {
            window.close();
            QCoreApplication::exit(window.isVisible() ? 1 : 0);
        });
    }
    return QApplication::exec();
}
