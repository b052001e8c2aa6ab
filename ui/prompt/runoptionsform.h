// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/promptsettings.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace Formwork {
namespace Ui {

class ChunkingForm;

// The run options of the prompt pane: mode (with a line saying what it does), attempts, the
// sampling options and the run's limits. A field at its lowest value means "not set": the
// server's default for sampling options ("default"), no limit for the deadline and the budget
// ("none"), a size from the schema for num_predict ("auto"). Every field's tooltip says what it
// becomes on the wire.
class RunOptionsForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunOptionsForm)

public:
    explicit RunOptionsForm(QWidget *parent = nullptr);
    ~RunOptionsForm() override;

    // Reads and writes the fields this form owns: mode, maxAttempts, deadlineMs, tokenBudget,
    // options (temperature, seed, numCtx, numPredict; topP, topK and stop are kept as they were
    // given) and think.
    void load(const PromptSettings &settings);
    void store(PromptSettings &settings) const;

    ExtractionMode mode() const;
    void setMode(ExtractionMode mode);
    int maxAttempts() const;
    void setMaxAttempts(int attempts);

    // Shows which fields the chosen API or model ignores (num_ctx on /v1, think without `thinking`).
    void setContext(BackendApi api, const ModelInfo &info);

    // The "Long documents" group (chunking; also read and written by load() and store()).
    ChunkingForm *chunkingForm() const { return m_chunking; }

    // One line about what `mode` does, as shown under the mode combo.
    static QString modeExplanation(ExtractionMode mode);

Q_SIGNALS:
    // Any field was edited by the user (not emitted by load()).
    void changed();
    void modeChanged(Formwork::ExtractionMode mode);

private:
    void updateModeExplanation();
    void updateHints();
    void onEdited();

    QComboBox *m_mode;
    QLabel *m_modeExplanation;
    QLabel *m_modeHint;
    QSpinBox *m_attempts;
    QDoubleSpinBox *m_temperature;
    QSpinBox *m_seed;
    QSpinBox *m_numCtx;
    QLabel *m_numCtxHint;
    QSpinBox *m_numPredict;
    QComboBox *m_think;
    QLabel *m_thinkHint;
    QDoubleSpinBox *m_deadline;
    QSpinBox *m_tokenBudget;
    ChunkingForm *m_chunking;
    ChatOptions m_otherOptions; // topP, topK and stop: not edited here, kept through a round trip
    BackendApi m_api = BackendApi::Ollama;
    ModelInfo m_model;
    bool m_loading = false;
};

} // namespace Ui
} // namespace Formwork
