// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/promptpane.h"

#include "common/backgroundwork.h"
#include "documents/documenttext.h"
#include "editor/codeeditor.h"
#include "extraction/extractionrequest.h"
#include "extraction/tokenestimate.h"
#include "highlighting/jsonhighlighter.h"
#include "prompt/placeholderhighlighter.h"
#include "prompt/promptimagelist.h"
#include "prompt/promptvariablesmodel.h"
#include "prompt/runoptionsform.h"
#include "prompt/templateseditor.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {
constexpr int PreviewDelayMs = 250;

QLabel *makeProblemLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    return label;
}

QLabel *makeHeading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QWidget *inScrollArea(QWidget *content, QWidget *parent, const QString &objectName)
{
    auto *area = new QScrollArea(parent);
    area->setObjectName(objectName);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    return area;
}
} // namespace

PromptPane::PromptPane(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_systemEdit(new QPlainTextEdit(this))
    , m_userEdit(new QPlainTextEdit(this))
    , m_tokenEstimate(new QLabel(this))
    , m_variables(new PromptVariablesModel(this))
    , m_variablesTable(new QTableView(this))
    , m_variableValueEdit(new QPlainTextEdit(this))
    , m_variableValueLabel(new QLabel(this))
    , m_variableFromFile(new QToolButton(this))
    , m_images(new PromptImageList(this))
    , m_visionWarning(new QLabel(this))
    , m_options(new RunOptionsForm(this))
    , m_templates(new TemplatesEditor(this))
    , m_preview(new CodeEditor(this))
    , m_previewHeader(new QLabel(this))
    , m_previewWarnings(new QLabel(this))
    , m_previewTimer(new QTimer(this))
    , m_previewStack(new QStackedWidget(this))
    , m_previewProblem(new QLabel(this))
{
    setObjectName(QStringLiteral("promptPane"));
    m_problems.insert(Problem::SystemPrompt, makeProblemLabel(this, QStringLiteral("systemPromptProblem")));
    m_problems.insert(Problem::UserPrompt, makeProblemLabel(this, QStringLiteral("userPromptProblem")));
    m_problems.insert(Problem::Variables, makeProblemLabel(this, QStringLiteral("variablesProblem")));
    m_problems.insert(Problem::Images, makeProblemLabel(this, QStringLiteral("imagesProblem")));
    m_problems.insert(Problem::Options, makeProblemLabel(this, QStringLiteral("optionsProblem")));
    m_problems.insert(Problem::Templates, makeProblemLabel(this, QStringLiteral("templatesProblem")));

    m_tabs->setObjectName(QStringLiteral("promptTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideNone);
    m_tabs->addTab(createPromptTab(), tr("Prompt"));
    m_tabs->setTabToolTip(int(Tab::Prompt), tr("The system and user prompts."));
    // "Inputs", not "Variables & images": all five tabs must fit a 380 px dock without scrolling.
    m_tabs->addTab(createInputsTab(), tr("Inputs"));
    m_tabs->setTabToolTip(
        int(Tab::Inputs),
        tr("Variables and images: the values of the prompts' {{variables}}, and images for vision models."));
    m_tabs->addTab(createOptionsTab(), tr("Options"));
    m_tabs->setTabToolTip(int(Tab::Options), tr("Mode, attempts, sampling options and limits of the run."));
    m_tabs->addTab(createTemplatesTab(), tr("Templates"));
    m_tabs->setTabToolTip(int(Tab::Templates), tr("The schema prompt and the reask texts Formwork sends."));
    m_tabs->addTab(createPreviewTab(), tr("Preview"));
    m_tabs->setTabToolTip(int(Tab::Preview), tr("The exact request JSON the first attempt sends."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &PromptPane::refreshPreview);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == int(Tab::Preview) && m_previewDirty)
            refreshPreview();
    });

    connect(m_systemEdit, &QPlainTextEdit::textChanged, this, [this] { onPromptEdited(m_systemEdit); });
    connect(m_userEdit, &QPlainTextEdit::textChanged, this, [this] { onPromptEdited(m_userEdit); });
    connect(m_variables, &PromptVariablesModel::valueEdited, this, [this] {
        problemLabel(Problem::Variables)->setVisible(false);
        updateVariableEditor();
        onEdited();
    });
    connect(m_images, &PromptImageList::pathsChanged, this, [this] {
        problemLabel(Problem::Images)->setVisible(false);
        updateVisionWarning();
        onEdited();
    });
    connect(m_images, &PromptImageList::problem, this,
            [this](const QString &message) { showProblem(Problem::Images, message); });
    connect(m_options, &RunOptionsForm::changed, this, [this] {
        problemLabel(Problem::Options)->setVisible(false);
        onEdited();
    });
    connect(m_options, &RunOptionsForm::modeChanged, this, &PromptPane::modeChanged);
    connect(m_templates, &TemplatesEditor::changed, this, [this] {
        problemLabel(Problem::Templates)->setVisible(false);
        onEdited();
    });

    applyPalette();
    updateVariableNames();
    updateVisionWarning();
    updateTokenEstimate();
    refreshPreview();
}

PromptPane::~PromptPane()
{
    // Children outlive this destructor's body; an open cell editor commits while it is destroyed,
    // and nothing of this pane may react to that any more.
    for (QObject *object : findChildren<QObject *>())
        object->disconnect(this);
}

QWidget *PromptPane::createPromptTab()
{
    auto *page = new QWidget(this);
    m_systemEdit->setObjectName(QStringLiteral("systemPromptEdit"));
    m_systemEdit->setPlaceholderText(tr("Optional. For example: You extract facts from documents exactly as written."));
    m_systemEdit->setToolTip(tr("Sent first, as the system message. Formwork appends the schema prompt to it (see "
                                "Templates); when it is empty, the schema prompt alone is the system message. "
                                "{{name}} is replaced by the variable's value."));
    m_systemEdit->setTabChangesFocus(true);
    m_userEdit->setObjectName(QStringLiteral("userPromptEdit"));
    m_userEdit->setPlaceholderText(tr("What to extract, and from what. For example:\nExtract the people named in "
                                      "this text:\n\n{{document}}"));
    m_userEdit->setToolTip(tr("Sent as the user message, with the images. {{name}} is replaced by the variable's "
                              "value (Inputs tab)."));
    m_userEdit->setTabChangesFocus(true);
    m_highlighters.append(new PlaceholderHighlighter(m_systemEdit->document()));
    m_highlighters.append(new PlaceholderHighlighter(m_userEdit->document()));

    auto *systemBox = new QWidget(page);
    auto *systemLayout = new QVBoxLayout(systemBox);
    systemLayout->setContentsMargins(0, 0, 0, 0);
    auto *systemLabel = makeHeading(tr("&System prompt"), systemBox);
    systemLabel->setBuddy(m_systemEdit);
    systemLayout->addWidget(systemLabel);
    systemLayout->addWidget(m_systemEdit, 1);
    systemLayout->addWidget(problemLabel(Problem::SystemPrompt));

    auto *userBox = new QWidget(page);
    auto *userLayout = new QVBoxLayout(userBox);
    userLayout->setContentsMargins(0, 0, 0, 0);
    auto *userLabel = makeHeading(tr("&User prompt"), userBox);
    userLabel->setBuddy(m_userEdit);
    userLayout->addWidget(userLabel);
    userLayout->addWidget(m_userEdit, 1);
    userLayout->addWidget(problemLabel(Problem::UserPrompt));
    m_tokenEstimate->setObjectName(QStringLiteral("promptTokenEstimate"));
    m_tokenEstimate->setForegroundRole(QPalette::PlaceholderText);
    m_tokenEstimate->setToolTip(tr("A rough count (about four characters per token) of both prompts with their "
                                   "variables filled in, without the schema prompt and images."));
    userLayout->addWidget(m_tokenEstimate);

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->setObjectName(QStringLiteral("promptSplitter"));
    splitter->addWidget(systemBox);
    splitter->addWidget(userBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(splitter);
    return page;
}

QWidget *PromptPane::createInputsTab()
{
    auto *page = new QWidget(this);

    // Variables: the table lists them; the editor below holds the selected one's (long) value.
    auto *variablesBox = new QWidget(page);
    auto *variablesLayout = new QVBoxLayout(variablesBox);
    variablesLayout->setContentsMargins(0, 0, 0, 0);
    variablesLayout->addWidget(makeHeading(tr("Variables"), variablesBox));
    m_variablesTable->setObjectName(QStringLiteral("variablesTable"));
    m_variablesTable->setModel(m_variables);
    m_variablesTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_variablesTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_variablesTable->verticalHeader()->setVisible(false);
    m_variablesTable->horizontalHeader()->setStretchLastSection(true);
    m_variablesTable->setWordWrap(false);
    m_variablesTable->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                      | QAbstractItemView::AnyKeyPressed);
    m_variablesTable->setToolTip(tr("Every {{name}} of the system and user prompts. Its value replaces it, as "
                                    "written, when the request is built."));
    variablesLayout->addWidget(m_variablesTable, 1);
    m_variableValueLabel->setObjectName(QStringLiteral("variableValueLabel"));
    m_variableValueLabel->setBuddy(m_variableValueEdit);
    m_variableFromFile->setObjectName(QStringLiteral("variableFromFileButton"));
    m_variableFromFile->setText(tr("From File\u2026"));
    m_variableFromFile->setToolTip(tr("Replaces the selected variable's value with the text of a document "
                                      "(text, Markdown, HTML or PDF), e.g. the one to extract from. Dropping a "
                                      "document onto the window does the same for {{document}}."));
    connect(m_variableFromFile, &QToolButton::clicked, this, [this] {
        if (m_variableInEditor.isEmpty())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Value of {{%1}}").arg(m_variableInEditor));
        if (!path.isEmpty())
            loadVariableFromFile(m_variableInEditor, path);
    });
    auto *valueHeader = new QHBoxLayout;
    valueHeader->addWidget(m_variableValueLabel, 1);
    valueHeader->addWidget(m_variableFromFile);
    variablesLayout->addLayout(valueHeader);
    m_variableValueEdit->setObjectName(QStringLiteral("variableValueEdit"));
    m_variableValueEdit->setToolTip(tr("The value of the selected variable; a whole document fits here."));
    m_variableValueEdit->setTabChangesFocus(true);
    variablesLayout->addWidget(m_variableValueEdit, 1);
    variablesLayout->addWidget(problemLabel(Problem::Variables));
    connect(m_variables, &QAbstractItemModel::modelReset, this, [this] {
        const qsizetype row = std::max<qsizetype>(0, m_variables->names().indexOf(m_variableInEditor));
        if (m_variables->rowCount() > 0)
            m_variablesTable->selectRow(int(row));
        updateVariableEditor();
    });
    connect(m_variablesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_variableInEditor = m_variables->names().value(current.row());
                updateVariableEditor();
            });
    connect(m_variableValueEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading || m_variableInEditor.isEmpty() || !m_variables->names().contains(m_variableInEditor))
            return;
        m_variables->setValue(m_variableInEditor, m_variableValueEdit->toPlainText());
    });

    // Images
    auto *imagesBox = new QWidget(page);
    auto *imagesLayout = new QVBoxLayout(imagesBox);
    imagesLayout->setContentsMargins(0, 0, 0, 0);
    auto *imageButtons = new QHBoxLayout;
    imageButtons->addWidget(makeHeading(tr("Images"), imagesBox), 1);
    auto *add = new QToolButton(imagesBox);
    add->setObjectName(QStringLiteral("addImageButton"));
    add->setText(tr("Add\u2026"));
    add->setToolTip(tr("Adds image files to the user message (sent inline as base64: images on /api/chat, "
                       "image_url data: URLs on /v1)."));
    connect(add, &QToolButton::clicked, this, [this] {
        QStringList filters;
        for (const QByteArray &format : QImageReader::supportedImageFormats())
            filters.append(QStringLiteral("*.") + QString::fromLatin1(format));
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Add Images"), QString(),
                                                                tr("Images (%1)").arg(filters.join(u' ')));
        for (const QString &path : paths)
            addImageFile(path);
    });
    auto *paste = new QToolButton(imagesBox);
    paste->setObjectName(QStringLiteral("pasteImageButton"));
    paste->setText(tr("Paste"));
    paste->setToolTip(tr("Adds the clipboard's image, saved as a PNG file in Formwork's data folder so the "
                         "workspace can refer to it (%1).")
                          .arg(QKeySequence(QKeySequence::Paste).toString(QKeySequence::NativeText)));
    connect(paste, &QToolButton::clicked, this, &PromptPane::pasteImage);
    auto *remove = new QToolButton(imagesBox);
    remove->setObjectName(QStringLiteral("removeImageButton"));
    remove->setText(tr("Remove"));
    remove->setToolTip(tr("Removes the selected images from the prompt; the files stay on disk (%1).")
                           .arg(QKeySequence(QKeySequence::Delete).toString(QKeySequence::NativeText)));
    remove->setEnabled(false);
    connect(remove, &QToolButton::clicked, m_images, &PromptImageList::removeSelected);
    connect(m_images, &QListWidget::itemSelectionChanged, remove,
            [this, remove] { remove->setEnabled(!m_images->selectedItems().isEmpty()); });
    imageButtons->addWidget(add);
    imageButtons->addWidget(paste);
    imageButtons->addWidget(remove);
    imagesLayout->addLayout(imageButtons);
    m_images->setObjectName(QStringLiteral("imageList"));
    m_images->setToolTip(tr("Images sent with the user message, for vision models. Drop image files here, or "
                            "paste an image."));
    imagesLayout->addWidget(m_images, 1);
    m_visionWarning->setObjectName(QStringLiteral("visionWarning"));
    m_visionWarning->setWordWrap(true);
    m_visionWarning->setVisible(false);
    imagesLayout->addWidget(m_visionWarning);
    imagesLayout->addWidget(problemLabel(Problem::Images));

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->setObjectName(QStringLiteral("inputsSplitter"));
    splitter->addWidget(variablesBox);
    splitter->addWidget(imagesBox);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(splitter);
    return page;
}

QWidget *PromptPane::createOptionsTab()
{
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_options);
    layout->addWidget(problemLabel(Problem::Options));
    layout->addStretch(1);
    return inScrollArea(content, this, QStringLiteral("optionsScroll"));
}

QWidget *PromptPane::createTemplatesTab()
{
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(problemLabel(Problem::Templates));
    layout->addWidget(m_templates);
    return inScrollArea(content, this, QStringLiteral("templatesScroll"));
}

QWidget *PromptPane::createPreviewTab()
{
    auto *page = new QWidget(this);
    m_previewHeader->setObjectName(QStringLiteral("previewHeader"));
    m_previewHeader->setWordWrap(true);
    auto *copy = new QToolButton(page);
    copy->setObjectName(QStringLiteral("copyPreviewButton"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copies the request JSON, image data in full, to the clipboard."));
    connect(copy, &QToolButton::clicked, this, [this] {
        const QString json = previewRequestJson();
        if (!json.isEmpty())
            QApplication::clipboard()->setText(json);
    });
    auto *header = new QHBoxLayout;
    header->addWidget(m_previewHeader, 1);
    header->addWidget(copy, 0, Qt::AlignTop);

    m_preview->setObjectName(QStringLiteral("messagePreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth); // long prompts stay readable in a narrow dock
    m_preview->setToolTip(tr("The body of the first attempt's request, as it will be sent (image data "
                             "shortened here). Later attempts add the reask messages."));
    m_previewProblem->setObjectName(QStringLiteral("previewProblem"));
    m_previewProblem->setWordWrap(true);
    m_previewProblem->setAlignment(Qt::AlignCenter);
    m_previewProblem->setMargin(12);
    m_previewProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewStack->setObjectName(QStringLiteral("previewStack"));
    m_previewStack->addWidget(m_previewProblem);
    m_previewStack->addWidget(m_preview);

    m_previewWarnings->setObjectName(QStringLiteral("previewWarnings"));
    m_previewWarnings->setWordWrap(true);
    m_previewWarnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewWarnings->setVisible(false);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(header);
    layout->addWidget(m_previewStack, 1);
    layout->addWidget(m_previewWarnings);
    return page;
}

// --- settings --------------------------------------------------------------------------------

PromptSettings PromptPane::settings() const
{
    PromptSettings s;
    s.systemPrompt = m_systemEdit->toPlainText();
    s.userPrompt = m_userEdit->toPlainText();
    s.variables = m_variables->variables();
    s.imagePaths = m_images->paths();
    m_options->store(s);
    s.templates = m_templates->templates();
    return s;
}

void PromptPane::setSettings(const PromptSettings &settings)
{
    m_loading = true;
    m_variables->clear();
    m_variables->setValues(settings.variables);
    m_variableInEditor.clear();
    if (m_systemEdit->toPlainText() != settings.systemPrompt)
        m_systemEdit->setPlainText(settings.systemPrompt);
    if (m_userEdit->toPlainText() != settings.userPrompt)
        m_userEdit->setPlainText(settings.userPrompt);
    m_images->setPaths(settings.imagePaths);
    m_options->load(settings);
    m_templates->setTemplates(settings.templates);
    m_loading = false;
    clearProblems();
    updateVariableNames();
    updateVariableEditor();
    updateVisionWarning();
    updateTokenEstimate();
    schedulePreview();
}

ExtractionMode PromptPane::mode() const
{
    return m_options->mode();
}

void PromptPane::setMode(ExtractionMode mode)
{
    m_options->setMode(mode);
}

int PromptPane::maxAttempts() const
{
    return m_options->maxAttempts();
}

void PromptPane::setMaxAttempts(int attempts)
{
    m_options->setMaxAttempts(attempts);
}

bool PromptPane::addImageFile(const QString &path)
{
    return m_images->addImageFile(path);
}

bool PromptPane::pasteImage()
{
    return m_images->pasteFromClipboard();
}

QStringList PromptPane::imagePaths() const
{
    return m_images->paths();
}

namespace {

// A document's text or why it could not be had; read on a worker thread.
struct FileText {
    QString text;
    QString error;
};

FileText readFileText(const QString &path)
{
    // Documents far past any model's context are refused rather than frozen on.
    constexpr qint64 MaxValueBytes = 32 * 1024 * 1024;
    const QString shown = QDir::toNativeSeparators(path);
    if (QFileInfo(path).size() > MaxValueBytes)
        return { {},
                 PromptPane::tr("%1 is larger than %2 MB; split it or use a batch run.")
                     .arg(shown)
                     .arg(MaxValueBytes / (1024 * 1024)) };
    auto document = readDocument(path);
    if (!document)
        return { {}, document.error() };
    return { std::move(document->text), {} };
}

} // namespace

void PromptPane::loadVariableFromFile(const QString &name, const QString &path)
{
    const quint64 load = ++m_fileLoads;
    m_readingFile = true;
    updateVariableEditor();
    auto *watcher = new QFutureWatcher<FileText>(this);
    connect(watcher, &QFutureWatcher<FileText>::finished, this, [this, watcher, load, name, path] {
        watcher->deleteLater();
        if (load != m_fileLoads)
            return;
        FileText read = watcher->result();
        finishFileLoad(name, path, read.text, read.error);
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), readFileText, path));
}

void PromptPane::finishFileLoad(const QString &name, const QString &path, const QString &text, const QString &error)
{
    m_readingFile = false;
    if (!error.isEmpty()) {
        updateVariableEditor();
        showProblem(Problem::Variables, error);
        Q_EMIT variableFileLoaded(name, path, false);
        return;
    }
    problemLabel(Problem::Variables)->setVisible(false);
    m_variables->setValue(name, text); // updates the editor
    updateVariableEditor();
    Q_EMIT variableFileLoaded(name, path, true);
}

QString PromptPane::loadDocument(const QString &path)
{
    const QString preferred = QStringLiteral("document");
    const QStringList names = m_variables->names();
    QString name = names.contains(preferred) ? preferred
        : names.contains(m_variableInEditor) ? m_variableInEditor
                                             : names.value(0);
    if (name.isEmpty()) {
        QTextCursor cursor(m_userEdit->document());
        cursor.movePosition(QTextCursor::End);
        const bool empty = m_userEdit->document()->isEmpty();
        cursor.insertText(empty ? QStringLiteral("{{document}}") : QStringLiteral("\n\n{{document}}"));
        name = preferred; // the edit's signal made the variable
    }
    loadVariableFromFile(name, path);
    return name;
}

void PromptPane::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

// --- edits -----------------------------------------------------------------------------------

void PromptPane::onPromptEdited(QPlainTextEdit *edit)
{
    if (m_loading)
        return;
    problemLabel(edit == m_userEdit ? Problem::UserPrompt : Problem::SystemPrompt)->setVisible(false);
    updateVariableNames();
    onEdited();
}

void PromptPane::onEdited()
{
    if (m_loading)
        return;
    updateTokenEstimate();
    schedulePreview();
    Q_EMIT settingsChanged();
}

void PromptPane::updateVariableNames()
{
    QStringList names = templateVariableNames(m_systemEdit->toPlainText());
    for (const QString &name : templateVariableNames(m_userEdit->toPlainText())) {
        if (!names.contains(name))
            names.append(name);
    }
    m_variables->setNames(names);
}

void PromptPane::updateVariableEditor()
{
    const bool shown = !m_variableInEditor.isEmpty() && m_variables->names().contains(m_variableInEditor);
    m_variableValueEdit->setEnabled(shown);
    m_variableFromFile->setEnabled(shown && !m_readingFile);
    m_variableValueLabel->setText(m_readingFile ? tr("Reading the file\u2026")
                                      : shown   ? tr("&Value of {{%1}}:").arg(m_variableInEditor)
                                      : m_variables->rowCount() == 0
                                      ? tr("No variables: write {{name}} in a prompt to add one.")
                                      : tr("Select a variable to edit its value."));
    const QString value = shown ? m_variables->value(m_variableInEditor) : QString();
    if (m_variableValueEdit->toPlainText() != value) {
        const bool wasLoading = m_loading;
        m_loading = true; // not an edit: the editor follows the model
        m_variableValueEdit->setPlainText(value);
        m_loading = wasLoading;
    }
}

void PromptPane::updateTokenEstimate()
{
    const PromptSettings s = settings();
    QString text = s.systemPrompt + u'\n' + s.userPrompt;
    for (const PromptVariable &variable : s.variables)
        text = fillTemplate(text, variable.name, variable.value);
    m_tokenEstimate->setText(tr("Prompt text: about %1 tokens").arg(estimateTokens(text)));
}

void PromptPane::setRunContext(const std::optional<Schema> &schema, const QString &model, const ModelInfo &info,
                               BackendApi api)
{
    // The schema before may be the last holder of a big compiled tree: freed on a worker.
    disposeInBackground(std::exchange(m_schema, schema));
    m_model = model;
    m_modelInfo = info;
    m_api = api;
    m_options->setContext(api, info);
    updateVisionWarning();
    schedulePreview();
}

void PromptPane::updateVisionWarning()
{
    const bool known = m_modelInfo.capabilitiesKnown && !m_model.isEmpty();
    const bool blind = known && !m_modelInfo.hasCapability(u"vision");
    if (!blind) {
        m_visionWarning->setVisible(false);
        return;
    }
    m_visionWarning->setText(
        m_images->count() > 0 ? tr("\u26a0 %1 has no vision capability: it cannot see these images (the server "
                                   "may refuse them or ignore them). Choose a vision model or remove the images.")
                                    .arg(m_model)
                              : tr("\u26a0 %1 has no vision capability: images added here are not seen.").arg(m_model));
    m_visionWarning->setToolTip(tr("The model's capabilities (from /api/show) do not list `vision`."));
    m_visionWarning->setVisible(true);
}

// --- problems --------------------------------------------------------------------------------

QLabel *PromptPane::problemLabel(Problem which) const
{
    return m_problems.value(which);
}

QString PromptPane::problemText(Problem which) const
{
    QLabel *label = problemLabel(which);
    return label && !label->isHidden() ? label->text() : QString();
}

void PromptPane::showProblem(Problem which, const QString &message)
{
    QLabel *label = problemLabel(which);
    if (!label)
        return;
    label->setText(message);
    label->setVisible(true);
    switch (which) {
    case Problem::SystemPrompt:
    case Problem::UserPrompt:
        showTab(Tab::Prompt);
        break;
    case Problem::Variables:
    case Problem::Images:
        showTab(Tab::Inputs);
        break;
    case Problem::Options:
        showTab(Tab::Options);
        break;
    case Problem::Templates:
        showTab(Tab::Templates);
        break;
    }
}

void PromptPane::clearProblems()
{
    for (QLabel *label : std::as_const(m_problems))
        label->setVisible(false);
}

Result<ExtractionConfig, QString> PromptPane::buildRunConfig(const Schema &schema, const QString &model,
                                                             const ModelInfo &info)
{
    const PromptSettings s = settings();
    auto config = buildExtractionConfig(s, model, schema, info);
    if (config)
        return config;
    // buildExtractionConfig fails on an empty user prompt, on one that is empty once filled in,
    // or on an image; say it where the user can fix it.
    const QString message = config.error();
    Problem where = Problem::Variables;
    if (s.userPrompt.trimmed().isEmpty()) {
        where = Problem::UserPrompt;
    } else {
        for (const QString &path : s.imagePaths) {
            if (message.contains(QDir::toNativeSeparators(path)))
                where = Problem::Images;
        }
    }
    showProblem(where, message);
    return config;
}

// --- preview ---------------------------------------------------------------------------------

void PromptPane::schedulePreview()
{
    m_previewDirty = true;
    // Built only while the preview is on screen; a switch to its tab builds it at once.
    if (m_tabs->currentIndex() == int(Tab::Preview))
        m_previewTimer->start();
}

RequestPreview PromptPane::computePreview() const
{
    return buildRequestPreview(settings(), m_schema, m_model, m_modelInfo, m_api);
}

QString PromptPane::previewRequestJson() const
{
    return computePreview().json;
}

QString PromptPane::previewProblem() const
{
    return computePreview().problem;
}

void PromptPane::refreshPreview()
{
    m_previewTimer->stop();
    m_previewDirty = false;
    const RequestPreview preview = computePreview();
    m_previewHeader->setText(
        m_model.isEmpty()
            ? tr("First attempt: %1").arg(preview.endpoint)
            : tr("First attempt: %1, model %2, mode %3").arg(preview.endpoint, m_model, extractionModeName(mode())));
    if (!preview.isValid()) {
        m_preview->clear();
        m_previewProblem->setText(preview.problem);
        m_previewStack->setCurrentWidget(m_previewProblem);
    } else {
        if (m_preview->toPlainText() != preview.displayJson)
            m_preview->setPlainText(preview.displayJson);
        m_previewStack->setCurrentWidget(m_preview);
    }
    m_previewWarnings->setText(preview.warnings.isEmpty() ? QString()
                                                          : tr("Warnings:") + QStringLiteral("\n\u2022 ")
                                       + preview.warnings.join(QStringLiteral("\n\u2022 ")));
    m_previewWarnings->setVisible(!preview.warnings.isEmpty());
}

// --- palette ---------------------------------------------------------------------------------

QColor PromptPane::errorColor() const
{
    // The colour the JSON editors mark errors with, so every error in the window looks alike.
    return JsonColorScheme::forPalette(palette()).error.foreground().color();
}

void PromptPane::applyPalette()
{
    for (PlaceholderHighlighter *highlighter : std::as_const(m_highlighters))
        highlighter->applyPalette(palette());
    const QColor color = errorColor();
    auto paint = [&color](QLabel *label) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, color);
        label->setPalette(p);
    };
    for (QLabel *label : std::as_const(m_problems))
        paint(label);
    paint(m_visionWarning);
}

void PromptPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace Ui
} // namespace Formwork
