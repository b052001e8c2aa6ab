// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/htmltext.h"

#include <QHash>

namespace Formwork {

namespace {

// The tag name at `html[i]` (just after '<'), lower-cased, without a leading '/'.
QString tagName(QStringView html, qsizetype i)
{
    if (i < html.size() && html[i] == u'/')
        ++i;
    qsizetype end = i;
    while (end < html.size() && (html[end].isLetterOrNumber()))
        ++end;
    return html.sliced(i, end - i).toString().toLower();
}

bool isBlock(const QString &tag)
{
    static const QStringList blocks {
        QStringLiteral("p"),          QStringLiteral("div"),   QStringLiteral("br"), QStringLiteral("li"),
        QStringLiteral("tr"),         QStringLiteral("h1"),    QStringLiteral("h2"), QStringLiteral("h3"),
        QStringLiteral("h4"),         QStringLiteral("h5"),    QStringLiteral("h6"), QStringLiteral("section"),
        QStringLiteral("article"),    QStringLiteral("table"), QStringLiteral("ul"), QStringLiteral("ol"),
        QStringLiteral("blockquote"), QStringLiteral("pre")
    };
    return blocks.contains(tag);
}

// Decodes the character reference at html[i] == '&'; appends it and returns its length, or 0.
qsizetype decodeReference(QStringView html, qsizetype i, QString &out)
{
    static const QHash<QString, QString> named {
        { QStringLiteral("amp"), QStringLiteral("&") },         { QStringLiteral("lt"), QStringLiteral("<") },
        { QStringLiteral("gt"), QStringLiteral(">") },          { QStringLiteral("quot"), QStringLiteral("\"") },
        { QStringLiteral("apos"), QStringLiteral("'") },        { QStringLiteral("nbsp"), QStringLiteral(" ") },
        { QStringLiteral("ndash"), QStringLiteral("\u2013") },  { QStringLiteral("mdash"), QStringLiteral("\u2014") },
        { QStringLiteral("hellip"), QStringLiteral("\u2026") }, { QStringLiteral("euro"), QStringLiteral("\u20ac") },
        { QStringLiteral("copy"), QStringLiteral("\u00a9") },
    };
    const qsizetype semicolon = html.indexOf(u';', i);
    if (semicolon < 0 || semicolon - i > 12)
        return 0;
    const QStringView name = html.sliced(i + 1, semicolon - i - 1);
    if (name.startsWith(u'#')) {
        bool ok = false;
        const bool hex = name.size() > 1 && (name[1] == u'x' || name[1] == u'X');
        const uint code = name.sliced(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
        if (!ok || code == 0 || code > 0x10FFFF)
            return 0;
        const char32_t c = code;
        out += QString::fromUcs4(&c, 1);
        return semicolon - i + 1;
    }
    const auto it = named.find(name.toString());
    if (it == named.end())
        return 0;
    out += *it;
    return semicolon - i + 1;
}

} // namespace

QString htmlToText(QStringView html)
{
    QString out;
    out.reserve(html.size());
    bool space = false; // a space is owed before the next visible character
    for (qsizetype i = 0; i < html.size();) {
        const QChar c = html[i];
        if (c == u'<') {
            if (html.sliced(i).startsWith(u"<!--")) {
                const qsizetype end = html.indexOf(u"-->", i + 4);
                i = end < 0 ? html.size() : end + 3;
                continue;
            }
            const QString tag = tagName(html, i + 1);
            const bool closing = i + 1 < html.size() && html[i + 1] == u'/';
            qsizetype end = html.indexOf(u'>', i);
            end = end < 0 ? html.size() : end + 1;
            if (!closing && (tag == u"script" || tag == u"style" || tag == u"head")) {
                const qsizetype close = html.indexOf(QString(u"</" + tag), end, Qt::CaseInsensitive);
                const qsizetype closeEnd = close < 0 ? -1 : html.indexOf(u'>', close);
                end = closeEnd < 0 ? html.size() : closeEnd + 1;
            } else if (isBlock(tag) && !out.isEmpty() && !out.endsWith(u'\n')) {
                out += u'\n';
                space = false;
            }
            i = end;
            continue;
        }
        if (c.isSpace()) {
            space = !out.isEmpty() && !out.endsWith(u'\n');
            ++i;
            continue;
        }
        if (space)
            out += u' ';
        space = false;
        if (c == u'&') {
            const qsizetype length = decodeReference(html, i, out);
            if (length > 0) {
                i += length;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out.trimmed();
}

} // namespace Formwork
