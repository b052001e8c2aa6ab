// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/checkdefinition.h"

namespace Formwork {

QString checkKindName(CheckKind kind)
{
    switch (kind) {
    case CheckKind::Expression:
        return QStringLiteral("expression");
    case CheckKind::Grounding:
        return QStringLiteral("grounding");
    case CheckKind::Rule:
        return QStringLiteral("rule");
    }
    return {};
}

std::optional<CheckKind> checkKindFromName(QStringView name)
{
    for (const CheckKind kind : { CheckKind::Expression, CheckKind::Grounding, CheckKind::Rule }) {
        if (name == checkKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace Formwork
