// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"

#include <QString>
#include <QWidget>

#include <nlohmann/json.hpp>

namespace Formwork {

struct ChunkedResult;

struct ExtractionConfig;

namespace Ui {

class RunSession;
class SourceView;

// The "Source" pane: the input text of the current run with its values grounded in it. When a
// run ends with a value (valid, or invalid but parsed), the run's user message (the prompt with
// its variables filled in: the document) is shown and the value is aligned with it on a worker
// thread, so a large document never blocks the window. A run of chunks shows the document it
// split and the merge's grounding (already in whole-document offsets). A new run or a cleared
// session empties it.
class SourcePane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcePane)

public:
    explicit SourcePane(RunSession *session, QWidget *parent = nullptr);
    ~SourcePane() override;

    SourceView *view() const { return m_view; }
    bool isGrounding() const { return m_pending; }

    // The text a run's values are traced back to: its last user message, line ends as "\n" (the
    // text view counts a "\r\n" as one character, so spans are computed on the same text).
    static QString documentOf(const ExtractionConfig &config);
    // Grounds `value` in `document` (what the worker thread runs); values whose schema is an enum
    // or a const are not looked for.
    static Grounding groundValue(const QString &document, const nlohmann::ordered_json &value,
                                 const nlohmann::ordered_json &schema);

Q_SIGNALS:
    // The grounding of a finished run is shown.
    void groundingShown();

private:
    void showFromSession();
    void showChunked(const ChunkedResult &chunked);
    void clearView();

    RunSession *m_session;
    SourceView *m_view;
    quint64 m_generation = 0; // drops a worker's grounding for a run no longer shown
    bool m_pending = false;
};

} // namespace Ui
} // namespace Formwork
