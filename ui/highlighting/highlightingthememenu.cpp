// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlighting/highlightingthememenu.h"

#include "highlighting/jsonhighlighting.h"

#include <QActionGroup>
#include <QSettings>

namespace Formwork {
namespace Ui {

HighlightingThemeMenu::HighlightingThemeMenu(QWidget *parent)
    : QMenu(tr("Highlighting &Theme"), parent)
    , m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("menuHighlightingTheme"));
    menuAction()->setObjectName(QStringLiteral("actionHighlightingThemeMenu"));
    menuAction()->setToolTip(tr("Colours of the JSON in the schema editor and the replies"));

    QAction *follow = addAction(tr("&Follow the Palette"));
    follow->setObjectName(QStringLiteral("actionHighlightingThemeFollowPalette"));
    follow->setToolTip(tr("A light or a dark theme, whichever suits the window's colours"));
    follow->setData(QString());
    follow->setCheckable(true);
    m_group->addAction(follow);
    addSeparator();
    const auto themes = JsonHighlighting::availableThemes();
    for (const auto &[name, translatedName] : themes) {
        QAction *action = addAction(translatedName);
        action->setObjectName(QStringLiteral("actionHighlightingTheme:") + name);
        action->setToolTip(tr("Highlight JSON with the %1 theme").arg(translatedName));
        action->setData(name);
        action->setCheckable(true);
        m_group->addAction(action);
    }
    menuAction()->setVisible(!themes.isEmpty());
    connect(m_group, &QActionGroup::triggered, this, &HighlightingThemeMenu::choose);
    restoreChoice();
}

HighlightingThemeMenu::~HighlightingThemeMenu() = default;

QString HighlightingThemeMenu::settingsKey()
{
    return QStringLiteral("view/highlightingTheme");
}

void HighlightingThemeMenu::restoreChoice()
{
    const QString remembered = QSettings().value(settingsKey()).toString();
    const QList<QAction *> actions = m_group->actions();
    QAction *checked = actions.constFirst();
    for (QAction *action : actions) {
        if (!remembered.isEmpty() && action->data().toString() == remembered)
            checked = action;
    }
    checked->setChecked(true);
    JsonHighlighting::setChosenTheme(checked->data().toString());
}

void HighlightingThemeMenu::choose(QAction *action)
{
    const QString name = action->data().toString();
    JsonHighlighting::setChosenTheme(name);
    QSettings settings;
    if (name.isEmpty())
        settings.remove(settingsKey());
    else
        settings.setValue(settingsKey(), name);
}

} // namespace Ui
} // namespace Formwork
