// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/translations.h"
#include "formworkversion.h"
#include "mainwindow/allocatortuning.h"
#include "mainwindow/commandline.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/paletteoverride.h"

#include <QApplication>
#include <QLocale>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    Formwork::Ui::tuneAllocatorForInteractiveUse();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Formwork"));
    QApplication::setApplicationName(QStringLiteral("formwork"));
    QApplication::setApplicationDisplayName(QStringLiteral("Formwork"));
    QApplication::setApplicationVersion(QStringLiteral(FORMWORK_VERSION_STRING));
    // The installed .desktop file's name: on Wayland it ties the window to its icon and menu entry.
    QApplication::setDesktopFileName(QStringLiteral("io.github.formwork.Formwork"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/formwork.png")));
    Formwork::installTranslations(&app, QLocale());
    Formwork::Ui::applyPaletteOverride();

    // formwork [FILE.formwork.json] [--run] [--screenshot PNG] [--self-test]
    Formwork::Ui::CommandLine commandLine;
    commandLine.process(app);
    if (commandLine.selfTest()) {
        // Keeps a smoke test from reading or writing the user's own settings.
        QStandardPaths::setTestModeEnabled(true);
    }

    Formwork::Ui::MainWindow window;
    const int exitCode = commandLine.start(window);
    if (exitCode >= 0)
        return exitCode;
    return QApplication::exec();
}
