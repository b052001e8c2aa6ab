// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/textfolding.h"

#include <QChar>
#include <QList>
#include <QString>

namespace Formwork {

namespace {

bool isMark(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

// Scripts written without spaces between words: each letter is a token of its own.
bool isSeparateScript(char32_t c)
{
    switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Thai:
    case QChar::Script_Lao:
    case QChar::Script_Khmer:
    case QChar::Script_Myanmar:
    case QChar::Script_Tibetan:
        return true;
    default:
        return false;
    }
}

bool isHyphen(char16_t c)
{
    return c == u'-' || c == u'\u2010' || c == u'\u00ad';
}

char32_t codePointAt(QStringView text, qsizetype i, qsizetype &length)
{
    const char16_t c = text[i].unicode();
    if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode())) {
        length = 2;
        return QChar::surrogateToUcs4(c, text[i + 1].unicode());
    }
    length = 1;
    return c;
}

// After a hyphen at `i` inside a word: where the word goes on when the hyphen only splits it at a
// line break ("extrac-\n  tion"), or -1. A soft hyphen always joins.
qsizetype hyphenContinuation(QStringView text, qsizetype i)
{
    const bool soft = text[i] == u'\u00ad';
    qsizetype j = i + 1;
    while (j < text.size() && (text[j] == u' ' || text[j] == u'\t'))
        ++j;
    bool lineBreak = false;
    if (j < text.size() && text[j] == u'\r')
        ++j, lineBreak = true;
    if (j < text.size() && text[j] == u'\n')
        ++j, lineBreak = true;
    if (!lineBreak)
        return soft ? i + 1 : -1;
    while (j < text.size() && (text[j] == u' ' || text[j] == u'\t'))
        ++j;
    if (j >= text.size() || !(soft || text[j].isLower()))
        return soft ? i + 1 : -1;
    return j;
}

} // namespace

const TextFolder::Entry &TextFolder::lookup(char32_t c)
{
    const auto it = m_cache.find(c);
    if (it != m_cache.end())
        return it->second;
    Entry entry;
    if (isMark(c)) {
        entry.cls = CharClass::Mark;
    } else if (QChar::isLetterOrNumber(c)) {
        entry.cls = isSeparateScript(c) ? CharClass::Separate : CharClass::Word;
        // Compatibility decomposition splits ligatures and strips accents into marks we drop.
        const QString decomposed = QString::fromUcs4(&c, 1).normalized(QString::NormalizationForm_KD);
        for (const char32_t d : decomposed.toUcs4())
            if (!isMark(d) && QChar::isLetterOrNumber(d))
                entry.folded.push_back(QChar::toCaseFolded(d));
        if (entry.folded.empty())
            entry.folded.push_back(QChar::toCaseFolded(c));
    }
    return m_cache.emplace(c, std::move(entry)).first->second;
}

TextFolder::CharClass TextFolder::fold(char32_t c, std::u32string &out)
{
    if (c < 0x80) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            out.push_back(c);
            return CharClass::Word;
        }
        if (c >= u'A' && c <= u'Z') {
            out.push_back(c - u'A' + u'a');
            return CharClass::Word;
        }
        return CharClass::Other;
    }
    const Entry &entry = lookup(c);
    out.append(entry.folded);
    return entry.cls;
}

FoldedText TextFolder::foldText(QStringView text)
{
    FoldedText f;
    f.chars.reserve(std::size_t(text.size()));
    f.origBegin.reserve(std::size_t(text.size()));
    f.origEnd.reserve(std::size_t(text.size()));
    bool inToken = false;
    auto closeToken = [&] {
        if (inToken)
            f.tokens.back().end = std::uint32_t(f.chars.size());
        inToken = false;
    };
    for (qsizetype i = 0; i < text.size();) {
        qsizetype length = 1;
        const char32_t c = codePointAt(text, i, length);
        const std::size_t before = f.chars.size();
        const CharClass cls = fold(c, f.chars);
        if (cls == CharClass::Word || cls == CharClass::Separate) {
            if (cls == CharClass::Separate)
                closeToken();
            if (!inToken)
                f.tokens.push_back({ std::uint32_t(before), std::uint32_t(before) });
            inToken = true;
            for (std::size_t k = before; k < f.chars.size(); ++k) {
                f.origBegin.push_back(std::int32_t(i));
                f.origEnd.push_back(std::int32_t(i + length));
            }
            if (cls == CharClass::Separate)
                closeToken();
        } else if (cls == CharClass::Mark) {
            // A combining accent belongs to the letter before it.
            if (!f.origEnd.empty() && f.origEnd.back() == i)
                f.origEnd.back() = std::int32_t(i + length);
        } else if (inToken && isHyphen(text[i].unicode())) {
            const qsizetype next = hyphenContinuation(text, i);
            if (next > 0) {
                i = next;
                continue;
            }
            closeToken();
        } else {
            closeToken();
        }
        i += length;
    }
    closeToken();
    f.boundary.assign(f.chars.size() + 1, false);
    for (const FoldedText::Token &token : f.tokens) {
        f.boundary[token.begin] = true;
        f.boundary[token.end] = true;
    }
    return f;
}

} // namespace Formwork
