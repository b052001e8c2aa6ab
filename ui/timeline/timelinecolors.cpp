// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/timelinecolors.h"

#include "highlighting/jsonhighlighter.h"

#include <QPalette>

namespace Formwork {
namespace Ui {

QColor timelineErrorColor(const QPalette &palette)
{
    return JsonColorScheme::forPalette(palette).error.foreground().color();
}

QColor timelineSuccessColor(const QPalette &palette)
{
    // The scheme's string green, chosen for contrast against this palette's base.
    return JsonColorScheme::forPalette(palette).string.foreground().color();
}

} // namespace Ui
} // namespace Formwork
