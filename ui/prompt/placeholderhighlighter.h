// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace Formwork {
namespace Ui {

// Marks every `{{name}}` of a prompt or template so variables stand out from the text around
// them. Colours come from the palette: a tint of the highlight colour over the base colour.
class PlaceholderHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderHighlighter)

public:
    explicit PlaceholderHighlighter(QTextDocument *document);
    ~PlaceholderHighlighter() override;

    void applyPalette(const QPalette &palette);
    const QTextCharFormat &placeholderFormat() const { return m_format; }

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_format;
};

} // namespace Ui
} // namespace Formwork
