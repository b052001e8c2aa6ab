// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "highlighting/jsonhighlighter.h" // JsonColorScheme

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QStringList>

#include <memory>

class QTextDocument;
class QWidget;

namespace Formwork {
namespace Ui {

// Attaches JSON highlighting to a document. Backed by KSyntaxHighlighting when it was found at
// build time (its JSON definition and its themes) and by the built-in JsonHighlighter otherwise;
// callers never know which.
//
// The theme is one choice for the whole application (View > Highlighting Theme): empty follows the
// palette (a light or a dark theme by the palette's base colour), otherwise a theme by name.
class JsonHighlighting final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighting)

public:
    explicit JsonHighlighting(QTextDocument *document);
    ~JsonHighlighting() override;

    // Picks the theme for this palette (unless one was chosen by name) and re-highlights.
    void applyPalette(const QPalette &palette);
    // Colour used to mark error spans, matching the current theme.
    QColor errorColor() const;
    // The current theme's format for each kind of JSON token, for views that colour JSON themselves.
    JsonColorScheme colorScheme() const;
    // The theme in use, as the user reads it (e.g. "Breeze Dark").
    QString themeName() const;
    // A theme chosen by name brings its own background and text colours: this gives `view` those
    // (or back the inherited palette when the theme follows the palette).
    void styleView(QWidget *view) const;

    static QString implementationName();
    // Themes that can be chosen by name, as (name, translated name) pairs; empty on the built-in path.
    static QList<std::pair<QString, QString>> availableThemes();
    static QString chosenTheme();
    // Applies to every JsonHighlighting in the application; each emits themeChanged().
    static void setChosenTheme(const QString &name);

Q_SIGNALS:
    void themeChanged();

private:
    static QList<JsonHighlighting *> &instances();
    static QString &chosenThemeName();

    class Private;
    std::unique_ptr<Private> d;
    QPalette m_palette;
};

} // namespace Ui
} // namespace Formwork
