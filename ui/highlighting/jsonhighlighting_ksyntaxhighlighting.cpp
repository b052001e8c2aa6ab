// SPDX-License-Identifier: GPL-3.0-or-later
// The only file that includes KSyntaxHighlighting; compiled when KF6 was found.
#include "highlighting/jsonhighlighting.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QPalette>

namespace Formwork {
namespace Ui {

namespace {
KSyntaxHighlighting::Repository &repository()
{
    // One repository for the whole application, as the library recommends.
    static KSyntaxHighlighting::Repository instance;
    return instance;
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
};

JsonHighlighting::JsonHighlighting(QTextDocument *document)
    : QObject(document)
    , d(std::make_unique<Private>(document))
{
}

JsonHighlighting::~JsonHighlighting() = default;

void JsonHighlighting::applyPalette(const QPalette &palette)
{
    d->highlighter->setTheme(repository().themeForPalette(palette));
    d->highlighter->rehighlight();
}

QColor JsonHighlighting::errorColor() const
{
    return QColor::fromRgb(d->highlighter->theme().editorColor(KSyntaxHighlighting::Theme::MarkError));
}

QString JsonHighlighting::implementationName()
{
    return QStringLiteral("KSyntaxHighlighting");
}

} // namespace Ui
} // namespace Formwork
