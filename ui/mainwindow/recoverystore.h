// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/workspace.h"

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QLockFile;
class QTimer;

namespace Formwork {
namespace Ui {

// Autosave for crash recovery (design.md section 2: "nothing a user typed is lost on a crash").
// A pause after each change (scheduleSave(), restartable) the captured workspace is written
// atomically to `recovery.formwork.json` in QStandardPaths::AppDataLocation, together with the
// path of the workspace file it belongs to. After a crash or a kill the next start finds it
// (pending()); a clean close removes it (discard()).
//
// Only one running Formwork owns the recovery file: the store takes a lock next to it, and a
// second instance that cannot get the lock neither autosaves nor offers the first one's file.
// A lock left by a killed process is stale and taken over. No widgets: the question "restore?"
// is asked by WorkspaceController.
//
// The timer's save captures the workspace on this thread (copies of the texts) and writes it on a
// worker: serializing and writing a workspace that holds a 5 MB schema took hundreds of
// milliseconds. One write at a time; a save due meanwhile follows it with the state then.
class RecoveryStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoveryStore)

public:
    static constexpr int DefaultDelayMs = 3000;

    // `filePath` empty: defaultFilePath().
    explicit RecoveryStore(QObject *parent = nullptr, const QString &filePath = QString());
    ~RecoveryStore() override;

    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }
    // False when another running Formwork holds the recovery file.
    bool isActive() const { return m_active; }

    // What to write when the timer fires; unset: nothing is written.
    std::function<Workspace()> capture;
    // The workspace file the captured state belongs to (empty: untitled).
    void setWorkspacePath(const QString &path) { m_workspacePath = path; }

    void setDelay(int ms);
    int delay() const;

    // Starts the pause unless one runs; when it ends, the state then is written on a worker.
    void scheduleSave();
    // From now on saves and removes nothing: a run nobody watches (--screenshot, --self-test)
    // must leave the user's recovery file alone.
    void disable();
    // A save waits for its pause or is being written.
    bool isSavePending() const;
    // A save is being written on the worker (until saved() or saveFailed() says how it went).
    bool isWriting() const;
    // Writes capture() now, on this thread (after a write under way). On failure the reason is
    // emitted with saveFailed().
    bool saveNow();

    struct Recovered {
        Workspace workspace;
        QString workspacePath; // empty: it was untitled
        QDateTime savedAt;
    };
    // The state a previous session left behind, if any and readable.
    std::optional<Recovered> pending() const;
    // Removes the recovery file and stops a pending save (a clean close, a save, a discard).
    void discard();

Q_SIGNALS:
    void saved();
    void saveFailed(const QString &message);

private:
    void saveInBackground();
    void reportWrite(const QString &error);

    QString m_filePath;
    QString m_workspacePath;
    QTimer *m_timer;
    QFuture<QString> m_write; // the last write: its error, empty when it went well
    bool m_writing = false; // from the start of a write until it has been reported
    bool m_saveAgain = false; // a save came due while one was written
    std::unique_ptr<QLockFile> m_lock;
    bool m_active = false;
};

} // namespace Ui
} // namespace Formwork
