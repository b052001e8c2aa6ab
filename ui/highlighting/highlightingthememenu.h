// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMenu>

class QActionGroup;

namespace Formwork {
namespace Ui {

// View > Highlighting Theme: "Follow the Palette" and every KSyntaxHighlighting theme by name.
// The choice applies to every JSON view at once and is remembered (QSettings "view/highlightingTheme").
// The built-in highlighter has no themes to choose, so there the menu hides itself: one entry that
// cannot be changed would only be noise (the status bar names the highlighter either way).
class HighlightingThemeMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HighlightingThemeMenu)

public:
    explicit HighlightingThemeMenu(QWidget *parent);
    ~HighlightingThemeMenu() override;

    // Applies the remembered theme; one that this build does not have falls back to the palette.
    void restoreChoice();

    static QString settingsKey();

private:
    void choose(QAction *action);

    QActionGroup *m_group;
};

} // namespace Ui
} // namespace Formwork
