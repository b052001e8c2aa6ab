// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow/workspacecontroller.h"

#include "mainwindow/recoverystore.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QUrl>

namespace Formwork {
namespace Ui {

namespace {
const QString RecentFilesKey = QStringLiteral("Workspace/recentFiles");
const QString WorkspaceSuffix = QStringLiteral(".formwork.json");
const QString ExamplesFolder = QStringLiteral(":/examples");
constexpr int StatusTimeoutMs = 8000;

bool isWorkspaceFile(const QString &path)
{
    return path.endsWith(WorkspaceSuffix, Qt::CaseInsensitive);
}

// The local files a drag carries, in order.
QStringList localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

bool isJsonFile(const QString &path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
}

// The file of a drop Formwork opens: the first workspace or schema, else the first other file
// (a document or an image for the prompt). Folders are not taken.
QString droppableFile(const QMimeData *mime)
{
    const QStringList files = localFiles(mime);
    for (const QString &file : files) {
        if (isJsonFile(file))
            return file;
    }
    for (const QString &file : files) {
        if (QFileInfo(file).isFile())
            return file;
    }
    return {};
}
} // namespace

WorkspaceController::WorkspaceController(QWidget *window, const QString &recoveryFile)
    : QObject(window)
    , m_window(window)
    , m_recovery(new RecoveryStore(this, recoveryFile))
{
    m_recovery->capture = [this] { return captured(); };
    connect(m_recovery, &RecoveryStore::saveFailed, this,
            [this](const QString &message) { Q_EMIT statusMessage(message, StatusTimeoutMs); });
    m_ask = [this](const Question &q) {
        QMessageBox box(q.icon, q.title, q.text, q.buttons, m_window);
        if (q.defaultButton != QMessageBox::NoButton)
            box.setDefaultButton(q.defaultButton);
        return static_cast<QMessageBox::StandardButton>(box.exec());
    };
    m_choose = [this](FileChoice kind, const QString &suggested) {
        const QString filter = tr("Formwork workspaces (*.formwork.json);;All files (*)");
        if (kind == FileChoice::OpenWorkspace)
            return QFileDialog::getOpenFileName(m_window, tr("Open Workspace"), suggested, filter);
        return QFileDialog::getSaveFileName(m_window, tr("Save Workspace"), suggested, filter);
    };
    watchDrops(window);
    updateTitle();
}

WorkspaceController::~WorkspaceController() = default;

void WorkspaceController::setAskFunction(AskFunction ask)
{
    m_ask = std::move(ask);
}

QMessageBox::StandardButton WorkspaceController::ask(const Question &question) const
{
    return m_ask ? m_ask(question) : question.defaultButton;
}

void WorkspaceController::setChooseFileFunction(ChooseFileFunction choose)
{
    m_choose = std::move(choose);
}

QString WorkspaceController::displayName() const
{
    if (m_filePath.isEmpty())
        return m_untitledName.isEmpty() ? tr("Untitled") : m_untitledName;
    QString name = QFileInfo(m_filePath).fileName();
    if (isWorkspaceFile(name))
        name.chop(WorkspaceSuffix.size());
    return name;
}

void WorkspaceController::markModified()
{
    if (m_applying)
        return;
    setModified(true);
    m_recovery->setWorkspacePath(m_filePath);
    m_recovery->scheduleSave();
}

Workspace WorkspaceController::captured() const
{
    return capture ? capture() : Workspace();
}

void WorkspaceController::applyWorkspace(const Workspace &workspace)
{
    // Panes report their own changes while they are filled; those are not the user's.
    m_applying = true;
    m_applied = workspace;
    if (apply)
        apply(workspace);
    m_applying = false;
    Q_EMIT workspaceApplied();
}

bool WorkspaceController::newWorkspace()
{
    if (!maybeSave())
        return false;
    applyWorkspace(m_blank);
    m_untitledName.clear();
    setFilePath(QString());
    setModified(false);
    m_recovery->discard();
    return true;
}

bool WorkspaceController::newFromExample(const QString &examplePath)
{
    auto loaded = loadWorkspace(examplePath);
    if (!loaded) {
        showError(tr("Example not loaded"), loaded.error().text());
        return false;
    }
    if (!maybeSave())
        return false;
    applyWorkspace(*loaded);
    // An example is a starting point: untitled, so Save asks where to keep the user's copy.
    m_untitledName = exampleName(examplePath);
    setFilePath(QString());
    setModified(false);
    m_recovery->discard();
    Q_EMIT statusMessage(tr("New workspace from the example \"%1\".").arg(m_untitledName), StatusTimeoutMs);
    return true;
}

bool WorkspaceController::open(const QString &path)
{
    auto loaded = loadWorkspace(path);
    if (!loaded) {
        const WorkspaceError &error = loaded.error();
        WorkspaceError shown = error;
        shown.path = QDir::toNativeSeparators(error.path);
        showError(tr("Workspace not opened"), tr("%1\n\nThe window keeps what it had.").arg(shown.text()));
        return false;
    }
    if (!maybeSave())
        return false;
    applyWorkspace(*loaded);
    m_untitledName.clear();
    setFilePath(QFileInfo(path).absoluteFilePath());
    setModified(false);
    m_recovery->discard();
    addRecentFile(m_filePath);
    Q_EMIT statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_filePath)), StatusTimeoutMs);
    return true;
}

bool WorkspaceController::save()
{
    if (m_filePath.isEmpty())
        return saveAsWithDialog();
    return writeTo(m_filePath);
}

bool WorkspaceController::saveAs(const QString &path)
{
    if (path.isEmpty())
        return false;
    QString target = path;
    // A name without an extension gets the workspace suffix, so drops and dialogs recognise it.
    if (!isWorkspaceFile(target) && QFileInfo(target).suffix().isEmpty())
        target += WorkspaceSuffix;
    return writeTo(QFileInfo(target).absoluteFilePath());
}

bool WorkspaceController::writeTo(const QString &path)
{
    if (const auto error = saveWorkspace(captured(), path)) {
        WorkspaceError shown = *error;
        shown.path = QDir::toNativeSeparators(error->path);
        showError(tr("Workspace not saved"),
                  tr("%1\n\nYour changes are still in the window, unsaved.").arg(shown.text()));
        return false;
    }
    m_untitledName.clear();
    setFilePath(path);
    setModified(false);
    m_recovery->discard();
    addRecentFile(path);
    Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), StatusTimeoutMs);
    return true;
}

bool WorkspaceController::openWithDialog()
{
    const QString folder = m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
    const QString path = m_choose ? m_choose(FileChoice::OpenWorkspace, folder) : QString();
    return !path.isEmpty() && open(path);
}

bool WorkspaceController::saveAsWithDialog()
{
    QString suggested = m_filePath;
    if (suggested.isEmpty())
        suggested = QDir::home().filePath(displayName().toLower().replace(QLatin1Char(' '), QLatin1Char('-'))
                                          + WorkspaceSuffix);
    const QString path = m_choose ? m_choose(FileChoice::SaveWorkspace, suggested) : QString();
    return !path.isEmpty() && saveAs(path);
}

bool WorkspaceController::maybeSave()
{
    if (!m_modified)
        return true;
    Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Unsaved changes");
    question.text = tr("The workspace \"%1\" has changes that are not saved. Save them?").arg(displayName());
    question.buttons = QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel;
    question.defaultButton = QMessageBox::Save;
    switch (ask(question)) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool WorkspaceController::requestClose()
{
    if (!maybeSave())
        return false;
    m_recovery->discard();
    return true;
}

bool WorkspaceController::offerRecovery()
{
    const auto pending = m_recovery->pending();
    if (!pending)
        return false;
    const QString belongsTo = pending->workspacePath.isEmpty() ? tr("an untitled workspace")
                                                               : QDir::toNativeSeparators(pending->workspacePath);
    Question question;
    question.icon = QMessageBox::Question;
    question.title = tr("Restore unsaved work?");
    question.text = tr("Formwork did not close cleanly last time. Changes to %1 from %2 were kept. Restore them?")
                        .arg(belongsTo, QLocale().toString(pending->savedAt.toLocalTime(), QLocale::ShortFormat));
    question.buttons = QMessageBox::Yes | QMessageBox::No;
    question.defaultButton = QMessageBox::Yes;
    if (ask(question) != QMessageBox::Yes) {
        m_recovery->discard();
        return false;
    }
    applyWorkspace(pending->workspace);
    m_untitledName.clear();
    setFilePath(pending->workspacePath);
    // Restored work is not saved anywhere yet; the recovery file stays until it is.
    setModified(true);
    m_recovery->setWorkspacePath(m_filePath);
    Q_EMIT statusMessage(tr("Restored unsaved changes to %1.").arg(belongsTo), StatusTimeoutMs);
    return true;
}

QStringList WorkspaceController::recentFiles() const
{
    return QSettings().value(RecentFilesKey).toStringList();
}

void WorkspaceController::clearRecentFiles()
{
    QSettings().remove(RecentFilesKey);
    rebuildRecentMenu();
    Q_EMIT recentFilesChanged();
}

void WorkspaceController::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(RecentFilesKey, files);
    rebuildRecentMenu();
    Q_EMIT recentFilesChanged();
}

QStringList WorkspaceController::exampleFiles()
{
    QStringList files;
    const QStringList names = QDir(ExamplesFolder).entryList({ QStringLiteral("*.formwork.json") }, QDir::Files);
    for (const QString &name : names)
        files.append(ExamplesFolder + QLatin1Char('/') + name);
    return files;
}

QString WorkspaceController::exampleName(const QString &examplePath)
{
    QString name = QFileInfo(examplePath).fileName();
    if (isWorkspaceFile(name))
        name.chop(WorkspaceSuffix.size());
    name.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

void WorkspaceController::populateFileMenu(QMenu *menu)
{
    QAction *newAction = menu->addAction(tr("&New"), this, &WorkspaceController::newWorkspace);
    newAction->setObjectName(QStringLiteral("actionNewWorkspace"));
    newAction->setShortcut(QKeySequence::New);
    newAction->setToolTip(tr("Start an empty workspace (asks about unsaved changes first)"));

    m_examplesMenu = menu->addMenu(tr("New from E&xample"));
    m_examplesMenu->setObjectName(QStringLiteral("menuNewFromExample"));
    m_examplesMenu->setToolTipsVisible(true);
    rebuildExamplesMenu();

    QAction *openAction = menu->addAction(tr("&Open..."), this, &WorkspaceController::openWithDialog);
    openAction->setObjectName(QStringLiteral("actionOpenWorkspace"));
    openAction->setShortcut(QKeySequence::Open);
    openAction->setToolTip(tr("Open a workspace file (*.formwork.json): schema, prompts, model and options"));

    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuOpenRecent"));
    m_recentMenu->setToolTipsVisible(true);
    rebuildRecentMenu();

    menu->addSeparator();
    QAction *saveAction = menu->addAction(tr("&Save"), this, &WorkspaceController::save);
    saveAction->setObjectName(QStringLiteral("actionSaveWorkspace"));
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setToolTip(tr("Save the workspace (schema, prompts, model, options; never an API key)"));

    QAction *saveAsAction = menu->addAction(tr("Save &As..."), this, &WorkspaceController::saveAsWithDialog);
    saveAsAction->setObjectName(QStringLiteral("actionSaveWorkspaceAs"));
    saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveAsAction->setToolTip(tr("Save the workspace under a new name"));
}

void WorkspaceController::rebuildExamplesMenu()
{
    if (!m_examplesMenu)
        return;
    m_examplesMenu->clear();
    const QStringList examples = exampleFiles();
    for (const QString &example : examples) {
        QAction *action
            = m_examplesMenu->addAction(exampleName(example), this, [this, example] { newFromExample(example); });
        action->setObjectName(QStringLiteral("example:") + QFileInfo(example).fileName());
        action->setToolTip(tr("A new untitled workspace with this example's schema, prompts and input"));
    }
    m_examplesMenu->setEnabled(!examples.isEmpty());
}

void WorkspaceController::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString file = files.at(i);
        QAction *action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(file).fileName()),
                                                  this, [this, file] {
                                                      if (!open(file) && !QFileInfo::exists(file)) {
                                                          QStringList remaining = recentFiles();
                                                          remaining.removeAll(file);
                                                          QSettings().setValue(RecentFilesKey, remaining);
                                                          rebuildRecentMenu();
                                                          Q_EMIT recentFilesChanged();
                                                      }
                                                  });
        action->setToolTip(QDir::toNativeSeparators(file));
    }
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        QAction *clear = m_recentMenu->addAction(tr("Clear List"), this, &WorkspaceController::clearRecentFiles);
        clear->setToolTip(tr("Forget the recently used workspaces (the files stay)"));
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void WorkspaceController::watchDrops(QWidget *widget)
{
    if (!widget)
        return;
    widget->setAcceptDrops(true);
    widget->installEventFilter(this);
    // Text editors take drops in their viewport; a dropped file must open, not be pasted as a path.
    if (auto *area = qobject_cast<QAbstractScrollArea *>(widget))
        area->viewport()->installEventFilter(this);
}

bool WorkspaceController::canDrop(const QMimeData *mime) const
{
    return !droppableFile(mime).isEmpty();
}

bool WorkspaceController::drop(const QMimeData *mime)
{
    const QString file = droppableFile(mime);
    if (file.isEmpty())
        return false;
    if (isWorkspaceFile(file))
        return open(file);
    if (isJsonFile(file))
        Q_EMIT schemaFileDropped(file);
    else
        Q_EMIT documentFileDropped(file);
    return true;
}

bool WorkspaceController::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (!canDrop(drag->mimeData()))
            break;
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto *dropEvent = static_cast<QDropEvent *>(event);
        if (!canDrop(dropEvent->mimeData()))
            break;
        dropEvent->acceptProposedAction();
        drop(dropEvent->mimeData());
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void WorkspaceController::showError(const QString &title, const QString &text)
{
    Q_EMIT statusMessage(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified(), 0);
    Question question;
    question.icon = QMessageBox::Warning;
    question.title = title;
    question.text = text;
    question.buttons = QMessageBox::Ok;
    question.defaultButton = QMessageBox::Ok;
    ask(question);
}

void WorkspaceController::setFilePath(const QString &path)
{
    if (m_filePath != path) {
        m_filePath = path;
        Q_EMIT filePathChanged(path);
    }
    m_recovery->setWorkspacePath(path);
    updateTitle();
}

void WorkspaceController::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    updateTitle();
    Q_EMIT modifiedChanged(modified);
}

void WorkspaceController::updateTitle()
{
    if (!m_window)
        return;
    m_window->setWindowTitle(tr("%1[*] - Formwork").arg(displayName()));
    m_window->setWindowModified(m_modified);
}

} // namespace Ui
} // namespace Formwork
