// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"

#include <QColor>
#include <QHash>
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QTextDocument;

namespace Formwork {
namespace Ui {

class SourceHighlights;
class SourceTextEdit;

// The input document of a run, read-only, with every grounded value highlighted where it stands:
// one colour per field (array elements of the same field share it), tints mixed from the palette
// so light and dark themes both work. Fuzzy matches are underlined with a wave, ambiguous ones
// with dots. Values not found in the source (and ambiguous or only similar ones) are listed under
// the text. Clicking a highlighted span (or a list entry) says which value it is
// (pointerClicked); selectPointer() selects a value's span and scrolls to it.
class SourceView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceView)

public:
    explicit SourceView(QWidget *parent = nullptr);
    ~SourceView() override;

    // Shows `text` and forgets the grounding (its spans belong to another text). A long text
    // (BackgroundChars or more) is laid out on a worker thread: the view says "Laying out..."
    // until it arrives (documentShown()); grounding and selectPointer() given meanwhile wait for it.
    void setDocument(const QString &text);
    QString document() const { return m_document; }
    // A long document is being laid out in the background.
    bool isLoading() const { return m_loading; }
    // Texts this long or longer are laid out off the GUI thread (about 20 ms of GUI time at once).
    static constexpr qsizetype BackgroundChars = 128 * 1024;
    // Highlights the values; spans are UTF-16 offsets into document(). Spans outside it are ignored.
    // Many spans (BackgroundSpans or more) are placed on a worker thread: until they arrive
    // (highlightsShown()) nothing is highlighted and pointerAt() finds nothing.
    void setGrounding(const Grounding &grounding);
    static constexpr std::size_t BackgroundSpans = 4096;
    // The spans of the last setGrounding() are being placed in the background.
    bool isPlacingHighlights() const { return m_placing; }
    const Grounding &grounding() const { return m_grounding; }
    void clear();

    // The pointer of the value whose span contains `position` ("" when none).
    QString pointerAt(qsizetype position) const;
    // The highlight colour of the field `pointer` belongs to (invalid when it is not grounded).
    QColor fieldColor(const QString &pointer) const;
    // The field a pointer belongs to: array indices left out ("/items/3/name" -> "/items/*/name").
    static QString fieldOf(const QString &pointer);

    // The text; it paints the highlights in sight (SourceTextEdit::piecesIn()).
    SourceTextEdit *textView() const { return m_text; }
    QListWidget *ungroundedList() const { return m_ungrounded; }
    QLabel *summaryLabel() const { return m_summary; }

public Q_SLOTS:
    // Selects the (first) span of the value at `pointer` and scrolls to it; false when it has none.
    bool selectPointer(const QString &pointer);

Q_SIGNALS:
    void pointerClicked(const QString &pointer);
    // The text of the last setDocument() is in the view (at once for a short one).
    void documentShown();
    // The spans of the last setGrounding() are painted (at once for a few).
    void highlightsShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showHighlights(std::shared_ptr<const SourceHighlights> highlights);
    void fillLists();
    void activateItem(QListWidgetItem *item);
    void showText(const QString &text);
    void loadInBackground(const QString &text);
    // Shows `document` (made on a worker thread, now in this thread) instead of the current one.
    void adoptDocument(QTextDocument *document);

    QString m_document;
    bool m_loading = false;
    quint64 m_loadGeneration = 0;
    QString m_pendingPointer; // selectPointer() while loading
    QLabel *m_summary;
    SourceTextEdit *m_text;
    QListWidget *m_ungrounded;
    Grounding m_grounding;
    std::shared_ptr<const SourceHighlights> m_highlights; // never null
    quint64 m_groundingGeneration = 0;
    bool m_placing = false;
    QHash<QString, QColor> m_fieldColors;
};

} // namespace Ui
} // namespace Formwork
