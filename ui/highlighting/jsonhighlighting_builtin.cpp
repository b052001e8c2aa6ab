// SPDX-License-Identifier: GPL-3.0-or-later
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
}

JsonHighlighting::~JsonHighlighting() = default;

void JsonHighlighting::applyPalette(const QPalette &palette)
{
    d->highlighter->setColorScheme(JsonColorScheme::forPalette(palette));
}

QColor JsonHighlighting::errorColor() const
{
    return d->highlighter->colorScheme().error.foreground().color();
}

QString JsonHighlighting::implementationName()
{
    return QStringLiteral("built-in");
}

} // namespace Ui
} // namespace Formwork
