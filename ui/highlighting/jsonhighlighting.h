// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QObject>

#include <memory>

class QPalette;
class QTextDocument;

namespace Formwork {
namespace Ui {

// Attaches JSON highlighting to a document. Backed by KSyntaxHighlighting when it was found at
// build time and by the built-in JsonHighlighter otherwise; callers never know which.
class JsonHighlighting final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighting)

public:
    explicit JsonHighlighting(QTextDocument *document);
    ~JsonHighlighting() override;

    // Picks the light or dark colours from the palette's base colour and re-highlights.
    void applyPalette(const QPalette &palette);
    // Colour used to mark error spans, matching the current theme.
    QColor errorColor() const;

    static QString implementationName();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Ui
} // namespace Formwork
