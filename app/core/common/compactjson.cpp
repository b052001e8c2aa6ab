// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/compactjson.h"

namespace Formwork {

std::string compactJson(const nlohmann::ordered_json &value)
{
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

QString compactJsonText(const nlohmann::ordered_json &value)
{
    return QString::fromStdString(compactJson(value));
}

QByteArray compactJsonBytes(const nlohmann::ordered_json &value)
{
    return QByteArray::fromStdString(compactJson(value));
}

} // namespace Formwork
