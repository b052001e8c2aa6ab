// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

namespace Formwork {
namespace Ui {

// `a` moved towards `b` by `amountOfB` (0: a, 1: b). Tints are made this way from two palette
// colours, so they suit light and dark palettes alike and nothing is hard-coded.
inline QColor mixColors(const QColor &a, const QColor &b, double amountOfB)
{
    const double t = amountOfB;
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace Ui
} // namespace Formwork
