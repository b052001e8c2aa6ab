// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/paletteoverride.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Formwork {
namespace Ui {

namespace {

// A dark palette in the spirit of Breeze Dark: every role set, so no widget falls back to a
// light default.
QPalette darkPalette()
{
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1b, 0x1e, 0x20);
    const QColor text(0xfc, 0xfc, 0xfc);
    const QColor disabledText(0x7f, 0x84, 0x8a);
    const QColor highlight(0x3d, 0xae, 0xe9);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabledText);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6e, 0x6e));
    palette.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4c));
    palette.setColor(QPalette::Midlight, QColor(0x36, 0x3b, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x27, 0x2a));
    palette.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x18));
    palette.setColor(QPalette::Shadow, QColor(0x0a, 0x0b, 0x0c));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, text);
    palette.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    palette.setColor(QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
    for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabledText);
    return palette;
}

} // namespace

bool applyPaletteOverride()
{
    const QByteArray name = qgetenv("FORMWORK_PALETTE").trimmed().toLower();
    if (name != "dark" && name != "light")
        return false;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(name == "dark" ? darkPalette() : QApplication::style()->standardPalette());
    return true;
}

} // namespace Ui
} // namespace Formwork
