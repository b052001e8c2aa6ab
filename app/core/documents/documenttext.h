// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batch/batchinput.h"
#include "common/result.h"
#include "grounding/grounding.h"

#include <QString>

#include <vector>

namespace Formwork {

// A page of a paged document: [begin, end) in UTF-16 units of DocumentText::text.
struct DocumentPage {
    int number = 1; // 1-based
    qsizetype begin = 0;
    qsizetype end = 0;
};

// An input document as the model gets it: its text, and its pages when it has any (PDF), so a
// grounded span can say on which page it stands.
struct DocumentText {
    QString text;
    std::vector<DocumentPage> pages; // empty for texts without pages
    QString format; // "text", "html" or "pdf"

    // The page `offset` falls on (1-based); 0 for a document without pages.
    int pageAt(qsizetype offset) const;
};

// Reads `path` as text: a PDF (by its first bytes or a .pdf name) through Poppler page by page,
// HTML (.html, .htm, .xhtml) with its tags stripped and text kept, anything else as UTF-8 text
// (Markdown included), a byte order mark dropped. The error is a sentence naming the file: not
// readable, not UTF-8, not a PDF or damaged, encrypted, no text layer (scanned), or no PDF support
// built in.
Result<DocumentText, QString> readDocument(const QString &path);

// Whether this build reads PDFs.
bool pdfSupported();

// What a batch over a folder uses to read its PDF and HTML files (BatchInputOptions::documents):
// their text through readDocument(). PDFs are listed even in a build without PDF support, so that
// such a file gets readDocument()'s message instead of being skipped without a word.
BatchInputOptions::DocumentReader documentReaderForBatches();

} // namespace Formwork
