// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/replyfolding.h"

#include <algorithm>

namespace Formwork {
namespace Ui {

void ReplyFolding::clear()
{
    *this = ReplyFolding();
}

QString ReplyFolding::append(QStringView text)
{
    QString shown;
    shown.reserve(text.size() + text.size() / preferredLineLength + 1);
    for (const QChar c : text) {
        // After ", " the fold goes before the next token, not before the space.
        const bool preferred = m_lineLength >= preferredLineLength && m_afterFoldPoint && c != u' ';
        const bool forced = m_lineLength >= maximumLineLength && !c.isLowSurrogate();
        if (c != u'\n' && (preferred || forced)) {
            m_folds.push_back(m_length);
            shown.append(u'\n');
            m_lineLength = 0;
        }
        shown.append(c);
        ++m_length;
        m_lineLength = c == u'\n' ? 0 : m_lineLength + 1;
        m_afterFoldPoint = isFoldPoint(c);
        advanceLexer(c);
    }
    return shown;
}

bool ReplyFolding::isFoldPoint(QChar c) const
{
    if (m_inString)
        return false;
    return c == u',' || c == u'{' || c == u'[' || c == u' ';
}

// Just enough of JSON's lexical grammar to know whether a position is inside a string. A raw line
// break never is: it ends a string started by a stray quote in prose.
void ReplyFolding::advanceLexer(QChar c)
{
    if (c == u'\n') {
        m_inString = false;
        m_escaped = false;
    } else if (!m_inString) {
        m_inString = c == u'"';
    } else if (m_escaped) {
        m_escaped = false;
    } else if (c == u'\\') {
        m_escaped = true;
    } else if (c == u'"') {
        m_inString = false;
    }
}

qsizetype ReplyFolding::toDisplay(qsizetype contentPosition) const
{
    const auto before = std::upper_bound(m_folds.begin(), m_folds.end(), contentPosition);
    return contentPosition + (before - m_folds.begin());
}

qsizetype ReplyFolding::toContent(qsizetype displayPosition) const
{
    // Fold i is shown at m_folds[i] + i; count the folds shown before the position.
    qsizetype low = 0;
    qsizetype high = qsizetype(m_folds.size());
    while (low < high) {
        const qsizetype middle = (low + high) / 2;
        if (m_folds[std::size_t(middle)] + middle < displayPosition)
            low = middle + 1;
        else
            high = middle;
    }
    return std::min(displayPosition - low, m_length);
}

} // namespace Ui
} // namespace Formwork
