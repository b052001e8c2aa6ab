// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Formwork {
namespace Ui {

// FORMWORK_PALETTE=dark or light: the Fusion style with a dark or light palette instead of the
// desktop's, so screenshots and palette checks do not depend on the machine's theme. Returns
// false (and changes nothing) when the variable is unset or names no palette.
bool applyPaletteOverride();

} // namespace Ui
} // namespace Formwork
