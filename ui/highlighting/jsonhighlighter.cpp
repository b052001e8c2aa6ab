// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlighting/jsonhighlighter.h"

#include <QPalette>

namespace Formwork {
namespace Ui {

namespace {

QTextCharFormat colored(const QColor &color, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::Bold);
    return format;
}

bool isNumberStart(QChar c)
{
    return c == u'-' || (c >= u'0' && c <= u'9');
}

bool isNumberChar(QChar c)
{
    return (c >= u'0' && c <= u'9') || c == u'.' || c == u'e' || c == u'E' || c == u'+' || c == u'-';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// Index one past the closing quote of the string starting at `start`, or text.size() when the
// string is not closed on this line.
qsizetype stringEnd(const QString &text, qsizetype start, bool *closed)
{
    for (qsizetype i = start + 1; i < text.size(); ++i) {
        if (text[i] == u'\\') {
            ++i;
        } else if (text[i] == u'"') {
            *closed = true;
            return i + 1;
        }
    }
    *closed = false;
    return text.size();
}

} // namespace

bool JsonColorScheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

JsonColorScheme JsonColorScheme::forPalette(const QPalette &palette)
{
    JsonColorScheme scheme;
    if (isDark(palette)) {
        scheme.key = colored(QColor(0x8a, 0xb4, 0xf8), true);
        scheme.string = colored(QColor(0xa5, 0xd6, 0xa7));
        scheme.number = colored(QColor(0xf6, 0xc1, 0x77));
        scheme.keyword = colored(QColor(0xce, 0x93, 0xd8), true);
        scheme.punctuation = colored(QColor(0xb0, 0xb0, 0xb0));
        scheme.error = colored(QColor(0xff, 0x6e, 0x6e));
    } else {
        scheme.key = colored(QColor(0x1a, 0x4f, 0xa0), true);
        scheme.string = colored(QColor(0x2e, 0x7d, 0x32));
        scheme.number = colored(QColor(0xb3, 0x5c, 0x00));
        scheme.keyword = colored(QColor(0x7b, 0x1f, 0xa2), true);
        scheme.punctuation = colored(QColor(0x60, 0x60, 0x60));
        scheme.error = colored(QColor(0xc6, 0x28, 0x28));
    }
    scheme.error.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    scheme.error.setUnderlineColor(scheme.error.foreground().color());
    return scheme;
}

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_scheme(JsonColorScheme::forPalette(QPalette()))
{
}

JsonHighlighter::~JsonHighlighter() = default;

void JsonHighlighter::setColorScheme(const JsonColorScheme &scheme)
{
    m_scheme = scheme;
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'"') {
            bool closed = false;
            const qsizetype end = stringEnd(text, i, &closed);
            qsizetype next = end;
            while (next < text.size() && text[next].isSpace())
                ++next;
            const bool isKey = next < text.size() && text[next] == u':';
            setFormat(int(i), int(end - i), isKey ? m_scheme.key : (closed ? m_scheme.string : m_scheme.error));
            i = end;
        } else if (isNumberStart(c)) {
            qsizetype end = i + 1;
            while (end < text.size() && isNumberChar(text[end]))
                ++end;
            setFormat(int(i), int(end - i), m_scheme.number);
            i = end;
        } else if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':') {
            setFormat(int(i), 1, m_scheme.punctuation);
            ++i;
        } else {
            qsizetype end = i + 1;
            while (end < text.size() && isWordChar(text[end]))
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            const bool keyword = word == u"true" || word == u"false" || word == u"null";
            setFormat(int(i), int(end - i), keyword ? m_scheme.keyword : m_scheme.error);
            i = end;
        }
    }
}

} // namespace Ui
} // namespace Formwork
