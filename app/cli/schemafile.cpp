// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemafile.h"

#include "json/jsonparser.h"

#include <QCoreApplication>
#include <QFile>

namespace Formwork {
namespace Cli {

std::optional<Schema> loadSchemaFile(const QString &path, const QString &command, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QCoreApplication::translate("cli", "%1: cannot read %2: %3").arg(command, path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    JsonParseOptions options;
    options.recordSourceMap = false;
    auto parsed = parseJson(std::string_view(bytes.constData(), size_t(bytes.size())), options);
    if (!parsed) {
        const JsonParseError &e = parsed.error();
        error = QStringLiteral("%1:%2:%3: %4").arg(path).arg(e.line).arg(e.column).arg(e.message);
        return std::nullopt;
    }
    auto compiled = Schema::compile(parsed->value);
    if (!compiled) {
        QStringList lines;
        for (const SchemaError &e : compiled.error())
            lines.append(QStringLiteral("%1: %2: %3")
                             .arg(path, e.pointer.isEmpty() ? QStringLiteral("/") : e.pointer, e.message));
        error = lines.join(u'\n');
        return std::nullopt;
    }
    return std::move(compiled).value();
}

} // namespace Cli
} // namespace Formwork
