// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QDialog>
#include <QPointer>

#include <nlohmann/json.hpp>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Formwork {

class ExtractionRun;
class LlmBackend;

namespace Ui {

// "Draft Schema…" (issue 14): the user describes what to extract in words, the chosen model
// drafts a JSON Schema (checked against the metaschema and reasked until it passes, see
// drafting/schemadraft.h), and the draft is shown as a unified line diff against the current
// schema (both indented as the editor gets them; removed and added lines tinted from the palette),
// to be used or thrown away. The run goes on in the background; the dialog never blocks on it.
class SchemaDraftDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaDraftDialog)

public:
    // `backend` must outlive the dialog. `current` is the schema in the editor (null when none).
    SchemaDraftDialog(LlmBackend *backend, const QString &model, const nlohmann::ordered_json &current,
                      QWidget *parent = nullptr);
    ~SchemaDraftDialog() override;

    void setDescription(const QString &text);
    // Starts drafting; false when there is no description or a draft is under way.
    bool startDraft();
    // The accepted draft's text (indented JSON); valid once a draft succeeded.
    std::optional<nlohmann::ordered_json> draft() const { return m_draft; }

Q_SIGNALS:
    // A draft run ended: succeeded or not.
    void draftFinished(bool success);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onRunEnded(const RunResult &result);
    void showDiff(const nlohmann::ordered_json &draft);
    void colourDiff();
    void setBusy(bool busy);

    LlmBackend *m_backend;
    QString m_model;
    nlohmann::ordered_json m_current;
    std::optional<nlohmann::ordered_json> m_draft;
    QPointer<ExtractionRun> m_run;

    QPlainTextEdit *m_description;
    QPushButton *m_draftButton;
    QLabel *m_status;
    QLabel *m_diffSummary;
    QPlainTextEdit *m_diff; // "-"/"+"/" " lines
    QList<int> m_diffKinds; // DiffLine::Kind per line of m_diff
    QDialogButtonBox *m_buttons;
};

} // namespace Ui
} // namespace Formwork
