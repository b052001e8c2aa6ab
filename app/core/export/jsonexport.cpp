// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/jsonexport.h"

#include "common/compactjson.h"

namespace Formwork {

QByteArray resultToJson(const nlohmann::ordered_json &value, int indent)
{
    std::string text = value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    text.push_back('\n');
    return QByteArray::fromStdString(text);
}

QByteArray resultsToJsonLines(const QList<nlohmann::ordered_json> &values)
{
    QByteArray out;
    for (const nlohmann::ordered_json &value : values) {
        out += compactJsonBytes(value);
        out += '\n';
    }
    return out;
}

} // namespace Formwork
