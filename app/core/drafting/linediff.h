// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Formwork {

// One line of a unified diff.
struct DiffLine {
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
    int oldLine = 0; // 1-based in `before`; 0 for an added line
    int newLine = 0; // 1-based in `after`; 0 for a removed line

    friend bool operator==(const DiffLine &, const DiffLine &) = default;
};

// The lines of `before` and `after` as a unified diff with every line as context: a longest common
// subsequence, removals before additions where lines were replaced. Meant for schemas (hundreds of
// lines); beyond MaxCells of comparison after the common head and tail are taken off, the middle
// is shown as removed, then added, whole.
QList<DiffLine> diffLines(const QStringList &before, const QStringList &after);

inline constexpr qsizetype MaxDiffCells = 4'000'000;

} // namespace Formwork
