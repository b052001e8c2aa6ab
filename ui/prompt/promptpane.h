// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/promptsettings.h"
#include "prompt/requestpreview.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace Formwork {
namespace Ui {

class CodeEditor;
class PlaceholderHighlighter;
class PromptImageList;
class PromptVariablesModel;
class RunOptionsForm;
class TemplatesEditor;

// The prompt pane: system and user prompts with their `{{variables}}`, images for vision models,
// the run options, the editable templates, and a preview of the exact request the first attempt
// sends. Tabs: Prompt | Variables & images | Options | Templates | Preview; it fits a narrow dock.
// It shows no modal dialog except the file dialog of its own "Add Images..." button; tests and
// the window use addImageFile() instead.
class PromptPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptPane)

public:
    // Where a reason a run cannot start is shown.
    enum class Problem { SystemPrompt, UserPrompt, Variables, Images, Options, Templates };
    Q_ENUM(Problem)

    enum class Tab { Prompt, Inputs, Options, Templates, Preview };
    Q_ENUM(Tab)

    explicit PromptPane(QWidget *parent = nullptr);
    ~PromptPane() override;

    PromptSettings settings() const;
    // Replaces everything the pane shows; emits modeChanged() when the mode differs, not
    // settingsChanged() (nothing was edited).
    void setSettings(const PromptSettings &settings);

    // What the preview and the hints depend on: the schema (nullopt: none or invalid), the
    // model and what is known about it, the API the request goes to. Refreshes the preview, the
    // vision warning and the option hints.
    void setRunContext(const std::optional<Schema> &schema, const QString &model, const ModelInfo &info,
                       BackendApi api);

    // The pretty-printed request JSON the first attempt will send (key order kept, image data in
    // full); empty when it cannot be built, and then previewProblem() says why.
    QString previewRequestJson() const;
    QString previewProblem() const;

    // The run's configuration from the current settings. On failure the problem is also shown
    // where it is (showProblem()) and its tab is brought forward.
    Result<ExtractionConfig, QString> buildRunConfig(const Schema &schema, const QString &model, const ModelInfo &info);

    // Shows, under the part concerned, why a run cannot start, and brings its tab forward.
    void showProblem(Problem which, const QString &message);
    void clearProblems();
    // The message shown for `which`; empty when none.
    QString problemText(Problem which) const;

    ExtractionMode mode() const;
    void setMode(ExtractionMode mode);
    int maxAttempts() const;
    void setMaxAttempts(int attempts);

    // Adds an image file to the user message. False (and the images' problem line set) when it
    // is not a readable image.
    bool addImageFile(const QString &path);
    // Adds the clipboard's image (saved as a PNG under AppDataLocation/images).
    bool pasteImage();

    // Sets variable `name` to the text of a document (UTF-8 text or Markdown, HTML with its tags
    // stripped, PDF: readDocument()), read on a worker thread; variableFileLoaded() follows. On
    // failure the variables' problem line names the file and the reason.
    void loadVariableFromFile(const QString &name, const QString &path);
    // Makes a dropped or opened document the run's input: the value of {{document}} when a prompt
    // has it, else of the selected variable, else of the first. With no variable at all,
    // {{document}} is added to the end of the user prompt (one undo step). Returns the name.
    QString loadDocument(const QString &path);
    bool isReadingFile() const { return m_readingFile; }
    QStringList imagePaths() const;

    void showTab(Tab tab);

    // The parts, for the window and for tests.
    QPlainTextEdit *systemPromptEdit() const { return m_systemEdit; }
    QPlainTextEdit *userPromptEdit() const { return m_userEdit; }
    PromptVariablesModel *variablesModel() const { return m_variables; }
    RunOptionsForm *optionsForm() const { return m_options; }
    TemplatesEditor *templatesEditor() const { return m_templates; }
    CodeEditor *messagePreview() const { return m_preview; }

Q_SIGNALS:
    // Any edit the user made (prompt text, variable value, image, option, template).
    void settingsChanged();
    void modeChanged(Formwork::ExtractionMode mode);
    // A file given to loadVariableFromFile() was read (ok) or refused (problemText() says why).
    void variableFileLoaded(const QString &name, const QString &path, bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createPromptTab();
    QWidget *createInputsTab();
    QWidget *createOptionsTab();
    QWidget *createTemplatesTab();
    QWidget *createPreviewTab();
    void onPromptEdited(QPlainTextEdit *edit);
    void finishFileLoad(const QString &name, const QString &path, const QString &text, const QString &error);
    void onEdited();
    void updateVariableNames();
    void updateVariableEditor();
    void updateVisionWarning();
    void updateTokenEstimate();
    void schedulePreview();
    void refreshPreview();
    RequestPreview computePreview() const;
    QLabel *problemLabel(Problem which) const;
    QColor errorColor() const;
    void applyPalette();

    QTabWidget *m_tabs;
    QPlainTextEdit *m_systemEdit;
    QPlainTextEdit *m_userEdit;
    QLabel *m_tokenEstimate;
    QList<PlaceholderHighlighter *> m_highlighters;
    PromptVariablesModel *m_variables;
    QTableView *m_variablesTable;
    QPlainTextEdit *m_variableValueEdit;
    QLabel *m_variableValueLabel;
    QToolButton *m_variableFromFile;
    PromptImageList *m_images;
    QLabel *m_visionWarning;
    RunOptionsForm *m_options;
    TemplatesEditor *m_templates;
    CodeEditor *m_preview;
    QLabel *m_previewHeader;
    QLabel *m_previewWarnings;
    QTimer *m_previewTimer;
    QStackedWidget *m_previewStack;
    QLabel *m_previewProblem;
    QMap<Problem, QLabel *> m_problems;

    std::optional<Schema> m_schema;
    QString m_model;
    ModelInfo m_modelInfo;
    BackendApi m_api = BackendApi::Ollama;
    bool m_loading = false;
    bool m_previewDirty = true;
    QString m_variableInEditor;
    bool m_readingFile = false;
    quint64 m_fileLoads = 0; // the newest load wins; an older one's result is dropped
};

} // namespace Ui
} // namespace Formwork
