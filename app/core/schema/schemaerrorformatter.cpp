// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemaerrorformatter.h"

#include "common/compactjson.h"

#include <QCoreApplication>

namespace Formwork {

QString truncatedJson(const nlohmann::ordered_json &value, int maxChars)
{
    const QString text = compactJsonText(value);
    if (maxChars <= 3 || text.size() <= maxChars)
        return text;
    // Shortened in the middle: a string keeps both quotes, the reader sees how it ends.
    const qsizetype tail = (maxChars - 1) / 3;
    const qsizetype head = maxChars - 1 - tail;
    return text.left(head) + QChar(0x2026) + text.right(tail);
}

QString formatErrorsForReask(const QList<ValidationError> &errors, const nlohmann::ordered_json *instance,
                             const ReaskFormatOptions &options)
{
    QStringList lines;
    const int shown = options.maxErrors > 0 ? std::min<int>(options.maxErrors, errors.size()) : errors.size();
    for (int i = 0; i < shown; ++i) {
        const ValidationError &error = errors.at(i);
        QString line = error.text();
        if (options.includeValue && instance) {
            try {
                const nlohmann::ordered_json::json_pointer pointer(error.instancePath.toStdString());
                // A scalar the message already quotes is not quoted twice.
                const bool found = instance->contains(pointer);
                const nlohmann::ordered_json &value = found ? instance->at(pointer) : *instance;
                const bool quoted = !value.is_structured()
                    && error.message.contains(truncatedJson(value, 0).left(std::min(20, options.maxValueChars)));
                if (found && !quoted)
                    line += QStringLiteral(" (value: %1)").arg(truncatedJson(value, options.maxValueChars));
            } catch (const nlohmann::json::exception &) {
                // A pointer that does not fit the instance: the line stays without a value.
            }
        }
        lines.append(line);
    }
    if (shown < errors.size())
        lines.append(
            QCoreApplication::translate("schema", "... and %n more error(s)", nullptr, int(errors.size() - shown)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace Formwork
