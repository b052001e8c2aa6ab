// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/documenttext.h"

#include "documents/htmltext.h"
#include "documents/pdftext.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>

namespace Formwork {

int DocumentText::pageAt(qsizetype offset) const
{
    const auto it = std::upper_bound(pages.begin(), pages.end(), offset,
                                     [](qsizetype o, const DocumentPage &page) { return o < page.begin; });
    return it == pages.begin() ? (pages.empty() ? 0 : pages.front().number) : std::prev(it)->number;
}

Result<DocumentText, QString> readDocument(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QCoreApplication::translate("DocumentText", "cannot read %1: %2").arg(path, file.errorString());
    const QByteArray bytes = file.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (bytes.startsWith("%PDF-") || suffix == u"pdf")
        return readPdf(path, bytes);
    DocumentText document;
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return QCoreApplication::translate("DocumentText", "%1 is not UTF-8 text (nor a PDF).").arg(path);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (suffix == u"html" || suffix == u"htm" || suffix == u"xhtml") {
        document.text = htmlToText(text);
        document.format = QStringLiteral("html");
    } else {
        document.text = text;
        document.format = QStringLiteral("text");
    }
    return document;
}

BatchInputOptions::DocumentReader documentReaderForBatches()
{
    BatchInputOptions::DocumentReader reader;
    reader.patterns
        = { QStringLiteral("*.pdf"), QStringLiteral("*.html"), QStringLiteral("*.htm"), QStringLiteral("*.xhtml") };
    reader.read = [](const QString &path, QString &error) -> std::optional<QString> {
        auto document = readDocument(path);
        if (!document) {
            error = document.error();
            return std::nullopt;
        }
        return std::move(document->text);
    };
    return reader;
}

} // namespace Formwork
