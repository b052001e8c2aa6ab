// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <vector>

namespace Formwork {
namespace Ui {

// Folds the long lines of a reply for display. QTextLayout shapes a whole block at once, so a
// reply written as one 100 kB line (as grammar-constrained output often is) would cost its whole
// length on every append while it streams and on every paint. Lines are folded after about a
// three hundred characters, preferably after a comma, bracket or space outside a JSON string, so the
// JSON highlighting of each block starts outside a string. Folds exist only on screen: positions
// map both ways, and the reply view copies the text without them.
class ReplyFolding
{
public:
    // A line is folded at the first good point after this many characters...
    static constexpr qsizetype preferredLineLength = 300;
    // ...and at this length even without one (never between the halves of a surrogate pair).
    static constexpr qsizetype maximumLineLength = 600;

    void clear();
    // Appends `text`, the continuation of everything appended so far, and returns it as shown:
    // with a line break inserted at each fold.
    QString append(QStringView text);

    qsizetype contentLength() const { return m_length; }
    int foldCount() const { return int(m_folds.size()); }
    // The shown position of the content character at `contentPosition` (or of the end).
    qsizetype toDisplay(qsizetype contentPosition) const;
    // The content position of the shown character at `displayPosition`; a fold maps to the
    // character after it.
    qsizetype toContent(qsizetype displayPosition) const;

private:
    bool isFoldPoint(QChar c) const;
    void advanceLexer(QChar c);

    std::vector<qsizetype> m_folds; // content positions a fold is inserted before, ascending
    qsizetype m_length = 0;
    qsizetype m_lineLength = 0; // characters since the last line break or fold
    bool m_inString = false;
    bool m_escaped = false;
    bool m_afterFoldPoint = false;
};

} // namespace Ui
} // namespace Formwork
