// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in path, compiled when KF6 KSyntaxHighlighting was not found: one light and one dark
// scheme, picked by the palette; there are no themes to choose by name.
#include "highlighting/jsonhighlighter.h"
#include "highlighting/jsonhighlighting.h"

#include <QPalette>

namespace Formwork {
namespace Ui {

class JsonHighlighting::Private
{
public:
    explicit Private(QTextDocument *document)
        : highlighter(new JsonHighlighter(document))
    {
    }
    JsonHighlighter *highlighter; // owned by the document
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
    d->highlighter->setColorScheme(JsonColorScheme::forPalette(palette));
}

QColor JsonHighlighting::errorColor() const
{
    return d->highlighter->colorScheme().error.foreground().color();
}

JsonColorScheme JsonHighlighting::colorScheme() const
{
    return d->highlighter->colorScheme();
}

QString JsonHighlighting::themeName() const
{
    return JsonColorScheme::isDark(m_palette) ? tr("Built-in dark") : tr("Built-in light");
}

QString JsonHighlighting::implementationName()
{
    return QStringLiteral("built-in");
}

QList<std::pair<QString, QString>> JsonHighlighting::availableThemes()
{
    return {};
}

} // namespace Ui
} // namespace Formwork
