// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/pdftext.h"

#include <QCoreApplication>

#ifdef FORMWORK_HAVE_POPPLER
#include <poppler-qt6.h>
#endif

#include <memory>

namespace Formwork {

bool pdfSupported()
{
#ifdef FORMWORK_HAVE_POPPLER
    return true;
#else
    return false;
#endif
}

Result<DocumentText, QString> readPdf(const QString &path, const QByteArray &bytes)
{
#ifdef FORMWORK_HAVE_POPPLER
    // Poppler reports what it repairs on the debug channel; the message below says what matters.
    Poppler::setDebugErrorFunction([](const QString &, const QVariant &) {}, QVariant());
    const std::unique_ptr<Poppler::Document> pdf = Poppler::Document::loadFromData(bytes);
    if (!pdf)
        return QCoreApplication::translate("DocumentText", "%1 is not a PDF or is damaged").arg(path);
    if (pdf->isLocked())
        return QCoreApplication::translate("DocumentText", "%1 is encrypted; save an unprotected copy first").arg(path);
    DocumentText document;
    document.format = QStringLiteral("pdf");
    for (int i = 0; i < pdf->numPages(); ++i) {
        const std::unique_ptr<Poppler::Page> page = pdf->page(i);
        const QString text = page ? page->text(QRectF()).trimmed() : QString();
        if (i > 0)
            document.text += QStringLiteral("\n\n");
        const qsizetype begin = document.text.size();
        document.text += text;
        document.pages.push_back({ i + 1, begin, document.text.size() });
    }
    if (document.text.trimmed().isEmpty())
        return QCoreApplication::translate("DocumentText",
                                           "%1 has no text layer (a scanned PDF?); run it through OCR first")
            .arg(path);
    return document;
#else
    Q_UNUSED(bytes)
    return QCoreApplication::translate("DocumentText",
                                       "cannot read %1: this build of Formwork has no PDF support (it needs "
                                       "Poppler's Qt 6 binding, Debian package libpoppler-qt6-dev)")
        .arg(path);
#endif
}

} // namespace Formwork
