// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor/jsonsyntaxcheck.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Formwork {
namespace Ui {

std::optional<JsonSyntaxProblem> checkJsonSyntax(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        return JsonSyntaxProblem { 1, 1, 0,
                                   QCoreApplication::translate("Formwork::Ui::JsonSyntax", "The schema is empty.") };
    }
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return std::nullopt;

    // QJsonParseError::offset counts UTF-8 bytes; the editor needs characters.
    const qsizetype byteOffset = qBound(qsizetype(0), qsizetype(error.offset), utf8.size());
    const QString before = QString::fromUtf8(utf8.constData(), byteOffset);
    JsonSyntaxProblem problem;
    problem.position = int(qMin(before.size(), text.size()));
    problem.line = int(before.count(QLatin1Char('\n'))) + 1;
    problem.column = int(before.size() - (before.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
    problem.message = error.errorString();
    return problem;
}

} // namespace Ui
} // namespace Formwork
