// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/chunksettings.h"

namespace Formwork {

QString chunkingModeName(ChunkingMode mode)
{
    switch (mode) {
    case ChunkingMode::Off:
        return QStringLiteral("off");
    case ChunkingMode::Auto:
        return QStringLiteral("auto");
    case ChunkingMode::Always:
        return QStringLiteral("always");
    }
    return QStringLiteral("off");
}

std::optional<ChunkingMode> chunkingModeFromName(QStringView name)
{
    for (const ChunkingMode mode : { ChunkingMode::Off, ChunkingMode::Auto, ChunkingMode::Always })
        if (name == chunkingModeName(mode))
            return mode;
    return std::nullopt;
}

} // namespace Formwork
