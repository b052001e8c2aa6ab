// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "documents/documenttext.h"

#include <QByteArray>
#include <QString>

namespace Formwork {

// The text of a PDF, page by page (pages separated by a blank line), with the page ranges.
// `path` names the file in messages; `bytes` is its content.
Result<DocumentText, QString> readPdf(const QString &path, const QByteArray &bytes);

} // namespace Formwork
