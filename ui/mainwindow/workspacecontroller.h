// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/workspace.h"

#include <QMessageBox>
#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QMenu;
class QMimeData;

namespace Formwork {
namespace Ui {

class RecoveryStore;

// The window's workspace file: New, Open, Save, Save As, Open Recent, New from Example, the
// unsaved-changes question on close, autosave for crash recovery, and drops of files onto the
// window. It knows nothing about the panes: the window hands it two callbacks, `capture` (the
// panes' state as a Workspace) and `apply` (put a Workspace into the panes), and calls
// markModified() whenever a pane changes.
//
// Every question and message goes through ask(), every file dialog through chooseFile(), so
// tests answer them without a modal dialog.
class WorkspaceController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceController)

public:
    static constexpr int MaxRecentFiles = 8;

    // `window` gets the title ("name[*] - Formwork"), the modified mark, the dialogs and drops.
    // `recoveryFile` empty: RecoveryStore::defaultFilePath().
    explicit WorkspaceController(QWidget *window, const QString &recoveryFile = QString());
    ~WorkspaceController() override;

    // --- set by the window ---
    std::function<Workspace()> capture;
    std::function<void(const Workspace &)> apply;

    // A question or a message for the user. The default shows a QMessageBox on the window.
    struct Question {
        QMessageBox::Icon icon = QMessageBox::Question;
        QString title;
        QString text;
        QMessageBox::StandardButtons buttons = QMessageBox::Ok;
        QMessageBox::StandardButton defaultButton = QMessageBox::NoButton;
    };
    using AskFunction = std::function<QMessageBox::StandardButton(const Question &)>;
    void setAskFunction(AskFunction ask);
    QMessageBox::StandardButton ask(const Question &question) const;

    // A file dialog. Returns the chosen path, or an empty string when cancelled.
    enum class FileChoice { OpenWorkspace, SaveWorkspace };
    using ChooseFileFunction = std::function<QString(FileChoice kind, const QString &suggestedPath)>;
    void setChooseFileFunction(ChooseFileFunction choose);

    // --- state ---
    QString filePath() const { return m_filePath; }
    // The file name without ".formwork.json", the example's name, or "Untitled".
    QString displayName() const;
    bool isModified() const { return m_modified; }
    // The workspace last put into the panes (opened, new, restored). Until a pane is wired into
    // capture, the window's capture can start from this so nothing of the file is lost on save.
    const Workspace &appliedWorkspace() const { return m_applied; }
    // Call whenever a pane changes (ignored while apply() runs). Starts the autosave pause.
    void markModified();
    // The state New returns to (the window's state right after it was built, say).
    void setBlankWorkspace(const Workspace &workspace)
    {
        m_blank = workspace;
        m_applied = workspace;
    }
    RecoveryStore *recovery() const { return m_recovery; }

    // --- actions (each returns whether it happened) ---
    // Asks about unsaved changes first.
    bool newWorkspace();
    bool newFromExample(const QString &examplePath);
    // Reads and checks the file first: a file that does not parse is refused with its path, line
    // and column (statusMessage() and ask()), and the window keeps what it had.
    bool open(const QString &path);
    bool save(); // Save As when untitled
    bool saveAs(const QString &path);
    bool openWithDialog();
    bool saveAsWithDialog();

    // "Save changes?" when modified: Save, Discard or Cancel. True when it is fine to go on.
    bool maybeSave();
    // For the window's closeEvent: maybeSave(), then a clean close removes the recovery file.
    bool requestClose();

    // Offers to restore what a crashed or killed session left (through ask()). True if restored.
    // When declined, the recovery file is removed.
    bool offerRecovery();

    QStringList recentFiles() const;
    void clearRecentFiles();
    // The bundled examples (":/examples/*.formwork.json").
    static QStringList exampleFiles();
    static QString exampleName(const QString &examplePath);

    // Adds New, New from Example, Open..., Open Recent, Save and Save As to `menu`.
    void populateFileMenu(QMenu *menu);
    // Drops of `.formwork.json` (open), other `.json` files (schemaFileDropped) and any other
    // file (documentFileDropped) onto `widget` are handled here (the window itself is watched
    // already; add editors that take drops).
    void watchDrops(QWidget *widget);
    bool canDrop(const QMimeData *mime) const;
    bool drop(const QMimeData *mime);

Q_SIGNALS:
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);
    // A schema `.json` file was dropped: the window opens it in the schema editor.
    void schemaFileDropped(const QString &path);
    // Another file was dropped: a document (or an image) for the prompt.
    void documentFileDropped(const QString &path);
    void statusMessage(const QString &text, int timeoutMs);
    void recentFilesChanged();
    // A workspace was put into the panes (opened, new, restored).
    void workspaceApplied();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyWorkspace(const Workspace &workspace);
    bool writeTo(const QString &path);
    void setFilePath(const QString &path);
    void setModified(bool modified);
    void updateTitle();
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void rebuildExamplesMenu();
    void showError(const QString &title, const QString &text);
    Workspace captured() const;

    QWidget *m_window;
    RecoveryStore *m_recovery;
    AskFunction m_ask;
    ChooseFileFunction m_choose;
    QString m_filePath;
    QString m_untitledName;
    bool m_modified = false;
    bool m_applying = false;
    Workspace m_blank;
    Workspace m_applied;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
};

} // namespace Ui
} // namespace Formwork
