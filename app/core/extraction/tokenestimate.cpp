// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/tokenestimate.h"

namespace Formwork {

qint64 estimateTokens(QStringView text)
{
    qint64 letters = 0;
    qint64 punctuation = 0;
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            ++letters;
        else if (!c.isSpace())
            ++punctuation; // braces, quotes, colons: mostly a token each in JSON
    }
    return (letters + 3) / 4 + punctuation;
}

} // namespace Formwork
