// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

class QPalette;

namespace Formwork {
namespace Ui {

// The timeline's status colours, taken from the JSON colour scheme of the palette (the home of
// the error colour of the editors' error marks), so they read well in light and dark palettes.
QColor timelineErrorColor(const QPalette &palette);
QColor timelineSuccessColor(const QPalette &palette);

} // namespace Ui
} // namespace Formwork
