// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/chunksettings.h"

#include <QGroupBox>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace Formwork {
namespace Ui {

// "Long documents" in the prompt's Options tab: whether a run is split into chunks (off, auto
// when the prompt would not fit the model's context, always), the chunk size and overlap in
// characters, the recall passes, how many chunks run at once and the merge key. Stored in the workspace with the other
// run options (PromptSettings::chunking).
class ChunkingForm final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChunkingForm)

public:
    explicit ChunkingForm(QWidget *parent = nullptr);
    ~ChunkingForm() override;

    void load(const ChunkSettings &settings);
    ChunkSettings settings() const;
    // Switches the mode (e.g. the advisor's "Split into Chunks"); emits changed().
    void setMode(ChunkingMode mode);

Q_SIGNALS:
    // A field was edited (not emitted by load()).
    void changed();

private:
    void onEdited();
    void updateEnabled();

    QComboBox *m_mode;
    QSpinBox *m_chars;
    QSpinBox *m_overlap;
    QSpinBox *m_passes;
    QSpinBox *m_concurrency;
    QLineEdit *m_mergeKey;
    bool m_loading = false;
};

} // namespace Ui
} // namespace Formwork
