// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/placeholderhighlighter.h"

#include "highlighting/colormix.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace Formwork {
namespace Ui {

PlaceholderHighlighter::PlaceholderHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    applyPalette(QGuiApplication::palette());
}

PlaceholderHighlighter::~PlaceholderHighlighter() = default;

void PlaceholderHighlighter::applyPalette(const QPalette &palette)
{
    QTextCharFormat format;
    format.setBackground(mixColors(palette.color(QPalette::Base), palette.color(QPalette::Highlight), 0.25));
    format.setForeground(palette.color(QPalette::Text));
    format.setFontWeight(QFont::Bold);
    m_format = format;
    rehighlight();
}

void PlaceholderHighlighter::highlightBlock(const QString &text)
{
    // The same pattern templateVariableNames() uses (a placeholder never spans lines).
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{[^{}\\n]+\\}\\}"));
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_format);
    }
}

} // namespace Ui
} // namespace Formwork
