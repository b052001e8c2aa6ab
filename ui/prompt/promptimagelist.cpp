// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/promptimagelist.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>
#include <QStyle>
#include <QUuid>

namespace Formwork {
namespace Ui {

namespace {
constexpr int ThumbnailSize = 72;
constexpr int PathRole = Qt::UserRole + 1;

// A thumbnail decoded at its small size (JPEG decoders scale while reading), so a big photo
// does not hold the GUI thread long.
QImage thumbnail(const QString &path, QString *error)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    if (!reader.canRead()) {
        if (error)
            *error = reader.errorString();
        return {};
    }
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > ThumbnailSize || size.height() > ThumbnailSize))
        reader.setScaledSize(size.scaled(ThumbnailSize, ThumbnailSize, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull() && error)
        *error = reader.errorString();
    return image;
}
} // namespace

PromptImageList::PromptImageList(QWidget *parent)
    : QListWidget(parent)
{
    setViewMode(QListView::IconMode);
    setIconSize(QSize(ThumbnailSize, ThumbnailSize));
    setGridSize(QSize(ThumbnailSize + 24, ThumbnailSize + 28));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setWrapping(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setDragDropMode(QAbstractItemView::DropOnly);
    viewport()->setAcceptDrops(true); // drops land on the viewport
    setContextMenuPolicy(Qt::DefaultContextMenu);
}

PromptImageList::~PromptImageList() = default;

QStringList PromptImageList::paths() const
{
    QStringList list;
    for (int row = 0; row < count(); ++row)
        list.append(item(row)->data(PathRole).toString());
    return list;
}

void PromptImageList::setPaths(const QStringList &paths)
{
    if (paths == this->paths())
        return;
    clear();
    for (const QString &path : paths)
        appendItem(path);
    Q_EMIT pathsChanged();
}

void PromptImageList::appendItem(const QString &path)
{
    auto *entry = new QListWidgetItem(this);
    const QFileInfo info(path);
    entry->setData(PathRole, path);
    entry->setText(info.fileName());
    QString error;
    const QImage image = thumbnail(path, &error);
    if (image.isNull()) {
        entry->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        entry->setToolTip(tr("%1\nCannot be read: %2").arg(QDir::toNativeSeparators(path), error));
        return;
    }
    entry->setIcon(QIcon(QPixmap::fromImage(image)));
    entry->setToolTip(tr("%1\nSent to the model inline as base64 with the user message. Delete removes it.")
                          .arg(QDir::toNativeSeparators(path)));
}

bool PromptImageList::addImageFile(const QString &path, QString *error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QString why;
    QImageReader reader(absolute);
    if (!QFileInfo(absolute).isFile() || !reader.canRead()) {
        why = QFileInfo(absolute).isFile() ? reader.errorString() : tr("no such file");
        const QString message
            = tr("%1 is not an image that can be read (%2).").arg(QDir::toNativeSeparators(absolute), why);
        if (error)
            *error = message;
        Q_EMIT problem(message);
        return false;
    }
    appendItem(absolute);
    Q_EMIT pathsChanged();
    return true;
}

QString PromptImageList::pastedImagesDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/images");
}

bool PromptImageList::addImage(const QImage &image, QString *error)
{
    auto fail = [this, error](const QString &message) {
        if (error)
            *error = message;
        Q_EMIT problem(message);
        return false;
    };
    if (image.isNull())
        return fail(tr("The clipboard holds no image."));
    const QString dir = pastedImagesDir();
    if (!QDir().mkpath(dir))
        return fail(tr("Cannot create the folder %1 for pasted images.").arg(QDir::toNativeSeparators(dir)));
    const QString name = QStringLiteral("pasted-%1-%2.png")
                             .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")),
                                  QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QString path = dir + u'/' + name;
    if (!image.save(path, "PNG"))
        return fail(tr("Cannot write the pasted image to %1.").arg(QDir::toNativeSeparators(path)));
    appendItem(path);
    Q_EMIT pathsChanged();
    return true;
}

int PromptImageList::addFromMimeData(const QMimeData *mime, QString *error)
{
    if (!mime)
        return 0;
    int added = 0;
    if (mime->hasUrls()) {
        for (const QUrl &url : mime->urls()) {
            if (url.isLocalFile() && addImageFile(url.toLocalFile(), error))
                ++added;
        }
        if (added > 0)
            return added;
    }
    if (mime->hasImage()) {
        if (addImage(qvariant_cast<QImage>(mime->imageData()), error))
            ++added;
    }
    return added;
}

bool PromptImageList::pasteFromClipboard(QString *error)
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime || !canAccept(mime)) {
        const QString message = tr("The clipboard holds no image.");
        if (error)
            *error = message;
        Q_EMIT problem(message);
        return false;
    }
    return addFromMimeData(mime, error) > 0;
}

void PromptImageList::removeAt(int row)
{
    if (row < 0 || row >= count())
        return;
    delete takeItem(row);
    Q_EMIT pathsChanged();
}

void PromptImageList::removeSelected()
{
    const QList<QListWidgetItem *> selected = selectedItems();
    if (selected.isEmpty())
        return;
    for (QListWidgetItem *entry : selected)
        delete takeItem(row(entry));
    Q_EMIT pathsChanged();
}

bool PromptImageList::canAccept(const QMimeData *mime)
{
    if (!mime)
        return false;
    if (mime->hasImage())
        return true;
    if (!mime->hasUrls())
        return false;
    const QList<QUrl> urls = mime->urls();
    return std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &url) { return url.isLocalFile(); });
}

QStringList PromptImageList::mimeTypes() const
{
    return { QStringLiteral("text/uri-list"), QStringLiteral("image/png"), QStringLiteral("application/x-qt-image") };
}

void PromptImageList::dragEnterEvent(QDragEnterEvent *event)
{
    if (canAccept(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void PromptImageList::dragMoveEvent(QDragMoveEvent *event)
{
    if (canAccept(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void PromptImageList::dropEvent(QDropEvent *event)
{
    if (addFromMimeData(event->mimeData()) > 0)
        event->acceptProposedAction();
    else
        event->ignore();
}

void PromptImageList::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Paste)) {
        pasteFromClipboard();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        removeSelected();
        event->accept();
        return;
    }
    QListWidget::keyPressEvent(event);
}

void PromptImageList::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *paste = menu.addAction(tr("Paste Image"), this, [this] { pasteFromClipboard(); });
    paste->setShortcut(QKeySequence::Paste);
    paste->setToolTip(tr("Adds the clipboard's image, saved as a PNG file."));
    QAction *remove = menu.addAction(tr("Remove"), this, &PromptImageList::removeSelected);
    remove->setShortcut(QKeySequence::Delete);
    remove->setToolTip(tr("Removes the selected images from the prompt (the files stay on disk)."));
    remove->setEnabled(!selectedItems().isEmpty());
    menu.exec(event->globalPos());
}

} // namespace Ui
} // namespace Formwork
