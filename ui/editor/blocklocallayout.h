// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextDocumentLayout>

namespace Formwork {
namespace Ui {

// A QPlainTextDocumentLayout that repaints only the block an edit stays inside.
//
// Qt decides how much to repaint from `removed + added` characters counted from the edit's
// position. A syntax highlighter re-formats the block it is in, which the document reports as
// "removed and added the whole block", so that sum reaches into the next block and every keystroke
// repaints the whole view (on a large document that is most of a frame). An edit that leaves the
// block count alone and whose new text lies in one block can only have changed that block; it is
// passed on as such, and Qt repaints that block unless its height changed.
class BlockLocalLayout final : public QPlainTextDocumentLayout
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlockLocalLayout)

public:
    explicit BlockLocalLayout(QTextDocument *document);
    ~BlockLocalLayout() override;

protected:
    void documentChanged(int from, int charsRemoved, int charsAdded) override;

private:
    int m_blockCount;
};

} // namespace Ui
} // namespace Formwork
