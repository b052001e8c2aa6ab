// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "highlighting/jsonhighlighter.h"
#include "timeline/replyfolding.h"
#include "timeline/replyrendering.h"

#include <QFuture>
#include <QPlainTextEdit>

#include <functional>
#include <vector>

class QTextBlock;
class QTextDocument;

namespace Formwork {
namespace Ui {

class JsonHighlighting;

// The raw reply of one attempt, read-only: the JSON span on a subtle background, JSON tokens
// coloured inside it, <think> parts dimmed and every failing value underlined (wavy, in the
// error colour of the code editor's error marks), with the error as tooltip. Formats are applied
// lazily to the blocks about to be painted, so a reply of megabytes shows at once.
class ReplyView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplyView)

public:
    explicit ReplyView(QWidget *parent = nullptr);
    ~ReplyView() override;

    // Shows a finished attempt. When the text is the one already shown (the stream of the same
    // attempt), only the marks change and the scroll position is kept.
    void setRendering(const ReplyRendering &rendering);
    // Shows a finished attempt like setRendering(); a long reply's rendering and layout are made
    // on a worker thread (isLoading() until loaded()).
    void setAttempt(const AttemptRecord &attempt, ExtractionMode mode, const QString &toolName = {});
    const ReplyRendering &rendering() const { return m_rendering; }
    // Streaming: replaces the marks with none and shows `text`, appending only what is new when
    // it continues the text shown (the common case).
    void setStreamText(const QString &text);
    void clearReply();
    // The reply as received (the shown text folds long lines; see ReplyFolding).
    const QString &replyText() const { return m_content; }
    const ReplyFolding &folding() const { return m_folding; }

    // Texts at least this long are laid out into a document on a worker thread (the GUI thread
    // would need seconds for megabytes); the view shows a placeholder until loaded() comes.
    void setAsyncLoadThreshold(qsizetype characters) { m_asyncThreshold = characters; }
    bool isLoading() const { return m_loading; }

    // Selects [begin, begin + length) of the reply text and scrolls to it.
    void selectSpan(qsizetype begin, qsizetype length);
    // Selects the span of AttemptRecord::errors[errorIndex] / of the parse error, now or once
    // loaded. False when it has no place in the text.
    bool selectError(int errorIndex);
    bool selectParseError();
    // The tooltip for a position in the reply text: the messages of the problems there, one per line.
    QString problemsToolTip(int position) const;
    // The underline colour (the code editor's error colour for the current palette).
    QColor errorColor() const;
    // Blocks formatted so far for the current rendering (the lazy formatting at work).
    int formattedBlockCount() const { return m_formattedBlocks; }
    // The format ranges applied to the block at `blockNumber` (formats it first if needed).
    QList<QTextLayout::FormatRange> blockFormats(int blockNumber);

Q_SIGNALS:
    // A text laid out on the worker thread is shown.
    void loaded();
    // The palette or the highlighting theme changed errorColor() and the token colours.
    void coloursChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    QMimeData *createMimeDataFromSelection() const override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void restartFormatting();
    // Shows `content` (folded) in place of whatever was shown.
    void showContent(const QString &content);
    void loadAsync(const std::function<ReplyRendering()> &render);
    void applyPendingSelection();
    void cancelLoad();
    void formatVisibleBlocks();
    void formatBlock(QTextBlock &block);
    void indexSpans();
    void updatePaletteColours();

    ReplyRendering m_rendering;
    QString m_content; // the reply text shown, unfolded
    ReplyFolding m_folding;
    QTextDocument *m_colourSource; // carries a JsonHighlighting only to ask it for the error colour
    JsonHighlighting *m_highlighting;
    JsonColorScheme m_tokenScheme; // the formats JSON tokens get, from m_highlighting's theme
    // Problem spans by begin, and those long enough to start many blocks above (containers).
    std::vector<ReplySpan> m_shortSpans;
    std::vector<ReplySpan> m_longSpans;
    int m_generation = 1;
    int m_formattedBlocks = 0;
    bool m_formatting = false;
    qsizetype m_asyncThreshold = 256 * 1024;
    bool m_loading = false;
    bool m_loadPending = false; // m_loadFuture's document is not taken yet
    int m_loadGeneration = 0;
    struct LoadedReply {
        ReplyRendering rendering;
        ReplyFolding folding;
        QTextDocument *document = nullptr;
    };
    struct PendingSelection {
        enum class Kind { None, Error, ParseError };
        Kind kind = Kind::None;
        int errorIndex = -1;
    };
    QFuture<LoadedReply> m_loadFuture;
    PendingSelection m_pendingSelection;
    QTextCharFormat m_jsonFormat;
    QTextCharFormat m_thinkingFormat;
    QTextCharFormat m_errorFormat;
};

} // namespace Ui
} // namespace Formwork
