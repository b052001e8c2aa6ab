// SPDX-License-Identifier: GPL-3.0-or-later
// The KF6 path: KSyntaxHighlighting's JSON definition and its themes. The only file that includes
// KSyntaxHighlighting; compiled when KF6 was found (required with -DFORMWORK_REQUIRE_KF6=ON).
#include "highlighting/jsonhighlighting.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QPalette>

#include <algorithm>

namespace Formwork {
namespace Ui {

using KSyntaxHighlighting::Theme;

namespace {

KSyntaxHighlighting::Repository &repository()
{
    // One repository for the whole application, as the library recommends.
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

QTextCharFormat formatFor(const Theme &theme, Theme::TextStyle style)
{
    QTextCharFormat format;
    format.setForeground(QColor::fromRgb(theme.textColor(style)));
    if (theme.isBold(style))
        format.setFontWeight(QFont::Bold);
    if (theme.isItalic(style))
        format.setFontItalic(true);
    return format;
}

} // namespace

class JsonHighlighting::Private
{
public:
    explicit Private(QTextDocument *document)
        : highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document))
    {
        highlighter->setDefinition(repository().definitionForName(QStringLiteral("JSON")));
    }
    KSyntaxHighlighting::SyntaxHighlighter *highlighter; // owned by the document
    bool chosenByName = false;
};

JsonHighlighting::JsonHighlighting(QTextDocument *document)
    : QObject(document)
    , d(std::make_unique<Private>(document))
{
    instances().append(this);
}

JsonHighlighting::~JsonHighlighting()
{
    instances().removeOne(this);
}

void JsonHighlighting::applyPalette(const QPalette &palette)
{
    m_palette = palette;
    Theme theme;
    if (!chosenTheme().isEmpty())
        theme = repository().theme(chosenTheme()); // invalid when this KF6 does not have it
    d->chosenByName = theme.isValid();
    // A theme whose background is the palette's base colour, else Repository::DarkTheme or
    // LightTheme by the base colour's lightness.
    if (!theme.isValid())
        theme = repository().themeForPalette(palette);
    d->highlighter->setTheme(theme);
    d->highlighter->rehighlight();
}

QColor JsonHighlighting::errorColor() const
{
    // The Error text style, made to be read over the theme's background (Breeze Light: #bf0303);
    // MarkError is a gutter mark colour, pure red in Breeze Light.
    return QColor::fromRgb(d->highlighter->theme().textColor(Theme::Error));
}

// The roles the JSON definition gives its tokens (json.xml): keys dsDataType, strings dsString,
// numbers dsDecVal/dsFloat, true/false/null dsKeyword, malformed text dsError.
JsonColorScheme JsonHighlighting::colorScheme() const
{
    const Theme theme = d->highlighter->theme();
    JsonColorScheme scheme;
    scheme.key = formatFor(theme, Theme::DataType);
    scheme.string = formatFor(theme, Theme::String);
    scheme.number = formatFor(theme, Theme::DecVal);
    scheme.keyword = formatFor(theme, Theme::Keyword);
    scheme.punctuation = formatFor(theme, Theme::Normal);
    scheme.error = formatFor(theme, Theme::Error);
    scheme.error.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    scheme.error.setUnderlineColor(errorColor());
    if (d->chosenByName) {
        scheme.themeBackground = QColor::fromRgb(theme.editorColor(Theme::BackgroundColor));
        scheme.themeText = QColor::fromRgb(theme.textColor(Theme::Normal));
    }
    return scheme;
}

QString JsonHighlighting::themeName() const
{
    return d->highlighter->theme().translatedName();
}

QString JsonHighlighting::implementationName()
{
    return QStringLiteral("KSyntaxHighlighting");
}

QList<std::pair<QString, QString>> JsonHighlighting::availableThemes()
{
    QList<std::pair<QString, QString>> themes;
    const auto all = repository().themes();
    for (const Theme &theme : all)
        themes.append({ theme.name(), theme.translatedName() });
    std::sort(themes.begin(), themes.end(),
              [](const auto &a, const auto &b) { return a.second.localeAwareCompare(b.second) < 0; });
    return themes;
}

} // namespace Ui
} // namespace Formwork
