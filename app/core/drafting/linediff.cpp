// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafting/linediff.h"

#include <vector>

namespace Formwork {

namespace {

struct Appender {
    QList<DiffLine> &out;
    const QStringList &before;
    const QStringList &after;

    void same(qsizetype i, qsizetype j) { out.append({ DiffLine::Kind::Same, before.at(i), int(i + 1), int(j + 1) }); }
    void removed(qsizetype i) { out.append({ DiffLine::Kind::Removed, before.at(i), int(i + 1), 0 }); }
    void added(qsizetype j) { out.append({ DiffLine::Kind::Added, after.at(j), 0, int(j + 1) }); }
};

// The middle part [b0, b1) x [a0, a1), by dynamic programming over suffixes.
void diffMiddle(Appender &put, qsizetype b0, qsizetype b1, qsizetype a0, qsizetype a1)
{
    const qsizetype n = b1 - b0;
    const qsizetype m = a1 - a0;
    if (n * m > MaxDiffCells) {
        for (qsizetype i = b0; i < b1; ++i)
            put.removed(i);
        for (qsizetype j = a0; j < a1; ++j)
            put.added(j);
        return;
    }
    // lcs[i][j]: the longest common subsequence of before[b0+i..] and after[a0+j..].
    std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
    const auto at = [m](qsizetype i, qsizetype j) { return size_t(i * (m + 1) + j); };
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[at(i, j)] = put.before.at(b0 + i) == put.after.at(a0 + j)
                ? lcs[at(i + 1, j + 1)] + 1
                : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && put.before.at(b0 + i) == put.after.at(a0 + j)) {
            put.same(b0 + i++, a0 + j++);
        } else if (j >= m || (i < n && lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) {
            put.removed(b0 + i++); // removals first
        } else {
            put.added(a0 + j++);
        }
    }
}

} // namespace

QList<DiffLine> diffLines(const QStringList &before, const QStringList &after)
{
    QList<DiffLine> out;
    Appender put { out, before, after };
    qsizetype head = 0;
    while (head < before.size() && head < after.size() && before.at(head) == after.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < before.size() - head && tail < after.size() - head
           && before.at(before.size() - 1 - tail) == after.at(after.size() - 1 - tail))
        ++tail;
    for (qsizetype i = 0; i < head; ++i)
        put.same(i, i);
    diffMiddle(put, head, before.size() - tail, head, after.size() - tail);
    for (qsizetype k = tail; k > 0; --k)
        put.same(before.size() - k, after.size() - k);
    return out;
}

} // namespace Formwork
