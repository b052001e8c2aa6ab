// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

namespace Formwork {
namespace Ui {

class JsonHighlighting;

// A plain-text editor for JSON with a line-number gutter, highlighting that follows the palette
// and error marks (wavy underline over a span, plus the line tinted).
class CodeEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeEditor)

public:
    struct ErrorMark {
        int position = 0; // QString position in the document
        int length = 1;
    };

    explicit CodeEditor(QWidget *parent = nullptr);
    ~CodeEditor() override;

    void setErrorMarks(const QList<ErrorMark> &marks);
    QList<ErrorMark> errorMarks() const { return m_errorMarks; }

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void refreshExtraSelections();

    QWidget *m_lineNumberArea;
    JsonHighlighting *m_highlighting;
    QList<ErrorMark> m_errorMarks;
};

} // namespace Ui
} // namespace Formwork
