// SPDX-License-Identifier: GPL-3.0-or-later
// What both implementations share: the application's theme choice and the views it styles.
#include "highlighting/jsonhighlighting.h"

#include <QWidget>

namespace Formwork {
namespace Ui {

QList<JsonHighlighting *> &JsonHighlighting::instances()
{
    static QList<JsonHighlighting *> list; // GUI thread only
    return list;
}

QString &JsonHighlighting::chosenThemeName()
{
    static QString name;
    return name;
}

QString JsonHighlighting::chosenTheme()
{
    return chosenThemeName();
}

void JsonHighlighting::setChosenTheme(const QString &name)
{
    if (name == chosenThemeName())
        return;
    chosenThemeName() = name;
    const QList<JsonHighlighting *> all = instances();
    for (JsonHighlighting *highlighting : all) {
        highlighting->applyPalette(highlighting->m_palette);
        Q_EMIT highlighting->themeChanged();
    }
}

void JsonHighlighting::styleView(QWidget *view) const
{
    const JsonColorScheme scheme = colorScheme();
    const QColor background = scheme.themeBackground;
    if (!background.isValid()) {
        if (view->testAttribute(Qt::WA_SetPalette))
            view->setPalette(QPalette()); // nothing set: everything inherited again
        return;
    }
    QPalette palette;
    palette.setColor(QPalette::Base, background);
    palette.setColor(QPalette::Text, scheme.themeText);
    view->setPalette(palette);
}

} // namespace Ui
} // namespace Formwork
