// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace Formwork {
namespace Ui {

// The formats the built-in highlighter gives each kind of JSON token.
struct JsonColorScheme {
    QTextCharFormat key;
    QTextCharFormat string;
    QTextCharFormat number;
    QTextCharFormat keyword; // true, false, null
    QTextCharFormat punctuation;
    QTextCharFormat error;
    // Set only for a theme chosen by name, which brings its own background and text colours;
    // invalid when the colours are made to suit the palette.
    QColor themeBackground;
    QColor themeText;

    static JsonColorScheme forPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
};

// Built-in JSON highlighter, used when KSyntaxHighlighting is not available. JSON strings cannot
// span lines, so each block is tokenised on its own and no state is carried between blocks.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document);
    ~JsonHighlighter() override;

    void setColorScheme(const JsonColorScheme &scheme);
    const JsonColorScheme &colorScheme() const { return m_scheme; }

protected:
    void highlightBlock(const QString &text) override;

private:
    JsonColorScheme m_scheme;
};

} // namespace Ui
} // namespace Formwork
