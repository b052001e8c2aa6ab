// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QListWidget>

class QImage;
class QMimeData;

namespace Formwork {
namespace Ui {

// The images of a prompt, for vision models: thumbnails of files on disk, in the order they are
// sent. Images come from a path (the pane's file dialog), from dropped files or image data, and
// from the clipboard; image data is written as a PNG under AppDataLocation/images so the
// workspace can keep a path to it. Delete or the context menu's Remove drops the selected ones.
// The files are only read for the thumbnails here; the core reads them again when a run starts.
class PromptImageList final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptImageList)

public:
    explicit PromptImageList(QWidget *parent = nullptr);
    ~PromptImageList() override;

    QStringList paths() const;
    // Replaces the list. Paths that cannot be read are kept (shown with a warning) so a workspace
    // opened on another machine does not lose them silently; the run names them when it starts.
    void setPaths(const QStringList &paths);

    // Adds an image file. False (and `error` set) when it is not a readable image.
    bool addImageFile(const QString &path, QString *error = nullptr);
    // Writes `image` as a PNG under AppDataLocation/images and adds that file.
    bool addImage(const QImage &image, QString *error = nullptr);
    // Adds the clipboard's image (or image files copied in a file manager).
    bool pasteFromClipboard(QString *error = nullptr);
    // Adds what `mime` holds: local image files, or image data. Returns how many were added.
    int addFromMimeData(const QMimeData *mime, QString *error = nullptr);

    void removeSelected();
    void removeAt(int row);

    // Where pasted and dropped image data is written.
    static QString pastedImagesDir();

Q_SIGNALS:
    void pathsChanged();
    // An image could not be added: a sentence naming it.
    void problem(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    QStringList mimeTypes() const override;

private:
    void appendItem(const QString &path);
    static bool canAccept(const QMimeData *mime);
};

} // namespace Ui
} // namespace Formwork
