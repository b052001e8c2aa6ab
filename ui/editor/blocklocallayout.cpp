// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/blocklocallayout.h"

#include <QTextBlock>
#include <QTextDocument>

#include <utility>

namespace Formwork {
namespace Ui {

BlockLocalLayout::BlockLocalLayout(QTextDocument *document)
    : QPlainTextDocumentLayout(document)
    , m_blockCount(document->blockCount())
{
}

BlockLocalLayout::~BlockLocalLayout() = default;

void BlockLocalLayout::documentChanged(int from, int charsRemoved, int charsAdded)
{
    const QTextDocument *doc = document();
    const int blockCount = doc->blockCount();
    const bool sameBlocks = std::exchange(m_blockCount, blockCount) == blockCount;
    if (sameBlocks) {
        // With the block count unchanged, new text inside one block means the removed text held
        // no block break either: the edit began and ended in this block.
        const QTextBlock first = doc->findBlock(from);
        const QTextBlock last = doc->findBlock(qMax(from, from + charsAdded - 1));
        if (first.isValid() && first == last) {
            const int inBlock = qMin(qMax(charsRemoved, charsAdded), first.position() + first.length() - from);
            QPlainTextDocumentLayout::documentChanged(from, 0, qMax(0, inBlock));
            return;
        }
    }
    QPlainTextDocumentLayout::documentChanged(from, charsRemoved, charsAdded);
}

} // namespace Ui
} // namespace Formwork
