// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/grounder.h"

#include "grounding/numbertext.h"
#include "json/sourcemap.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <utility>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

constexpr double tolerantScore = 0.9;
constexpr double bestFuzzyScore = 0.89; // a fuzzy match never ranks with a tolerant one
constexpr std::size_t commonToken = 5000; // tokens this frequent do not vote (the, and, ...)
constexpr std::size_t windowsScored = 4;
constexpr std::size_t longValue = 400; // folded chars; longer values are scored by words in common
constexpr std::uint32_t votingTokens = 48; // words of a value that vote for where it stands

std::uint64_t numberKey(double value)
{
    return std::bit_cast<std::uint64_t>(value + 0.0); // + 0.0 turns -0 into 0
}

// Levenshtein distance if it is at most `limit`, else limit + 1. Words only: longer texts are
// never this close (and the rows live on the stack).
int boundedDistance(std::u32string_view a, std::u32string_view b, int limit)
{
    constexpr int maxLength = 126;
    const int n = int(a.size());
    const int m = int(b.size());
    const int big = limit + 1;
    if (std::abs(n - m) > limit || n > maxLength || m > maxLength)
        return big;
    std::array<int, maxLength + 1> prev {};
    std::array<int, maxLength + 1> cur {};
    for (int j = 0; j <= m; ++j)
        prev[std::size_t(j)] = std::min(j, big);
    for (int i = 1; i <= n; ++i) {
        cur.fill(big);
        cur[0] = std::min(i, big);
        int rowBest = cur[0];
        for (int j = std::max(1, i - limit); j <= std::min(m, i + limit); ++j) {
            const auto uj = std::size_t(j);
            const int sub = prev[uj - 1] + (a[std::size_t(i - 1)] == b[uj - 1] ? 0 : 1);
            cur[uj] = std::min({ sub, prev[uj] + 1, cur[uj - 1] + 1, big });
            rowBest = std::min(rowBest, cur[uj]);
        }
        if (rowBest > limit)
            return big;
        std::swap(prev, cur);
    }
    return prev[std::size_t(m)];
}

struct Alignment {
    int distance = 0;
    std::size_t begin = 0; // in the region
    std::size_t end = 0;
};

// The substring of `region` closest to `value` in edit distance (free start and end in the region).
Alignment bestSubstring(std::u32string_view value, std::u32string_view region)
{
    const std::size_t m = region.size();
    std::vector<int> prev(m + 1, 0);
    std::vector<int> cur(m + 1, 0);
    std::vector<std::size_t> prevStart(m + 1);
    std::vector<std::size_t> curStart(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prevStart[j] = j;
    for (std::size_t i = 1; i <= value.size(); ++i) {
        cur[0] = int(i);
        curStart[0] = 0;
        for (std::size_t j = 1; j <= m; ++j) {
            int best = prev[j - 1] + (value[i - 1] == region[j - 1] ? 0 : 1);
            std::size_t start = prevStart[j - 1];
            if (prev[j] + 1 < best) {
                best = prev[j] + 1;
                start = prevStart[j];
            }
            if (cur[j - 1] + 1 < best) {
                best = cur[j - 1] + 1;
                start = curStart[j - 1];
            }
            cur[j] = best;
            curStart[j] = start;
        }
        std::swap(prev, cur);
        std::swap(prevStart, curStart);
    }
    Alignment a { int(value.size()) + 1, 0, 0 };
    for (std::size_t j = 1; j <= m; ++j)
        if (prev[j] < a.distance)
            a = { prev[j], prevStart[j], j };
    return a;
}

} // namespace

Grounder::Grounder(QString document, GroundingOptions options)
    : m_index(std::move(document))
    , m_options(options)
{
    for (const NumberInText &number : findNumbers(m_index.document()))
        for (const double value : number.values)
            m_numbers[numberKey(value)].push_back(number.span);
}

Grounding Grounder::ground(const Json &value)
{
    std::vector<GroundedValue> values;
    walk(value, std::string(), values);
    return Grounding(std::move(values));
}

void Grounder::walk(const Json &value, const std::string &pointer, std::vector<GroundedValue> &out)
{
    if (value.is_object()) {
        for (const auto &[key, member] : value.items())
            walk(member, SourceMap::appendToken(pointer, key), out);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            walk(value[i], SourceMap::appendToken(pointer, std::to_string(i)), out);
    } else if (!m_options.scope.includes(pointer)) {
        return;
    } else if (auto grounded = groundValue(value)) {
        grounded->pointer = pointer;
        out.push_back(std::move(*grounded));
    }
}

std::optional<GroundedValue> Grounder::groundValue(const Json &value)
{
    if (value.is_number())
        return groundNumber(value.get<double>(), QString::fromStdString(value.dump()));
    if (!value.is_string())
        return std::nullopt;
    const QString text = QString::fromStdString(value.get<std::string>()).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    return groundText(text);
}

void Grounder::finish(GroundedValue &value, std::vector<TextSpan> spans, MatchKind kind, double score) const
{
    std::sort(spans.begin(), spans.end(), [](const TextSpan &a, const TextSpan &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    if (spans.size() > m_options.maxSpans)
        spans.resize(m_options.maxSpans);
    value.kind = spans.empty() ? MatchKind::Absent : spans.size() > 1 ? MatchKind::Ambiguous : kind;
    value.score = spans.empty() ? 0.0 : score;
    value.spans = std::move(spans);
}

std::vector<TextSpan> Grounder::tolerantSpans(const FoldedText &folded)
{
    std::vector<TextSpan> spans;
    for (const std::uint32_t start : m_index.tolerantMatches(folded))
        spans.push_back(m_index.originalSpan(start, start + std::uint32_t(folded.size())));
    return spans;
}

std::vector<TextSpan> Grounder::numberSpans(double value) const
{
    const auto it = m_numbers.find(numberKey(value));
    return it == m_numbers.end() ? std::vector<TextSpan>() : it->second;
}

GroundedValue Grounder::groundText(const QString &text)
{
    GroundedValue result;
    result.text = text;
    const QString &doc = m_index.document();
    const FoldedText folded = m_folder.foldText(text);
    if (folded.isEmpty()) { // only punctuation or symbols: exact occurrences or nothing
        std::vector<TextSpan> spans;
        for (qsizetype at = doc.indexOf(text); at >= 0 && spans.size() < m_options.maxSpans;
             at = doc.indexOf(text, at + 1))
            spans.push_back({ at, at + text.size() });
        finish(result, std::move(spans), MatchKind::Exact, 1.0);
        return result;
    }
    // A tolerant match is exact when the value's text stands there as it is, with whatever
    // punctuation it starts or ends with.
    const qsizetype lead = folded.origBegin.front();
    const qsizetype trail = text.size() - folded.origEnd.back();
    std::vector<TextSpan> exact;
    std::vector<TextSpan> tolerant = tolerantSpans(folded);
    for (const TextSpan &span : tolerant) {
        const TextSpan whole { span.begin - lead, span.end + trail };
        if (whole.begin >= 0 && whole.end <= doc.size() && QStringView(doc).sliced(whole.begin, whole.length()) == text)
            exact.push_back(whole);
    }
    if (!exact.empty()) {
        finish(result, std::move(exact), MatchKind::Exact, 1.0);
        return result;
    }
    if (tolerant.empty())
        if (const auto number = plainNumber(text))
            tolerant = numberSpans(*number);
    if (tolerant.empty())
        for (const QString &form : dateForms(text)) {
            const std::vector<TextSpan> spans = tolerantSpans(m_folder.foldText(form));
            tolerant.insert(tolerant.end(), spans.begin(), spans.end());
        }
    if (!tolerant.empty()) {
        finish(result, std::move(tolerant), MatchKind::Tolerant, tolerantScore);
        return result;
    }
    if (!fuzzy(folded, result))
        finish(result, {}, MatchKind::Absent, 0.0);
    return result;
}

GroundedValue Grounder::groundNumber(double value, const QString &written)
{
    GroundedValue result;
    result.text = written;
    const std::vector<TextSpan> spans = numberSpans(value);
    std::vector<TextSpan> exact;
    const QString &doc = m_index.document();
    for (const TextSpan &span : spans)
        if (QStringView(doc).sliced(span.begin, span.length()) == written)
            exact.push_back(span);
    if (!exact.empty())
        finish(result, std::move(exact), MatchKind::Exact, 1.0);
    else
        finish(result, spans, MatchKind::Tolerant, tolerantScore);
    return result;
}

// Every place `token` (or, when the document lacks it, a word one or two edits away) stands
// votes for a window starting `position` tokens earlier.
void Grounder::voteForToken(std::u32string_view token, std::uint32_t position,
                            std::unordered_map<std::uint32_t, std::uint32_t> &votes) const
{
    auto vote = [&](std::span<const std::uint32_t> postings) {
        if (postings.size() > commonToken)
            return;
        for (const std::uint32_t p : postings)
            if (p >= position)
                ++votes[p - position];
    };
    const std::span<const std::uint32_t> postings = m_index.tokenPostings(token);
    if (!postings.empty() || token.size() < 4) {
        vote(postings);
        return;
    }
    const int limit = token.size() >= 8 ? 2 : 1;
    const std::uint64_t mask = SourceIndex::charMask(token);
    int similar = 0;
    for (std::size_t length = token.size() - std::size_t(limit); length <= token.size() + std::size_t(limit);
         ++length) {
        const std::span<const std::uint32_t> candidates = m_index.tokensOfLength(length);
        const std::span<const std::uint64_t> masks = m_index.maskOfTokensOfLength(length);
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            // Each edit changes at most two bits of the mask of characters used.
            if (std::popcount(masks[i] ^ mask) > 2 * limit)
                continue;
            const std::u32string_view text = m_index.tokenText(candidates[i]);
            if (boundedDistance(token, text, limit) <= limit) {
                vote(m_index.tokenPostings(text));
                if (++similar >= 8)
                    return;
            }
        }
    }
}

std::optional<std::pair<double, TextSpan>> Grounder::scoreWindow(const FoldedText &folded,
                                                                 std::uint32_t firstToken) const
{
    const FoldedText &doc = m_index.folded();
    const std::size_t n = folded.size();
    if (n > longValue) { // too long for edit distance: the words in common decide
        const std::uint32_t last = std::min<std::uint32_t>(firstToken + std::uint32_t(folded.tokens.size()),
                                                           std::uint32_t(doc.tokens.size()));
        std::size_t common = 0;
        for (std::uint32_t t = firstToken; t < last; ++t)
            for (const FoldedText::Token &v : folded.tokens)
                if (std::u32string_view(folded.chars).substr(v.begin, v.end - v.begin) == m_index.tokenText(t)) {
                    ++common;
                    break;
                }
        const double score = double(common) / double(folded.tokens.size());
        return std::pair(score, m_index.originalSpan(doc.tokens[firstToken].begin, doc.tokens[last - 1].end));
    }
    const auto band = std::size_t(std::ceil(double(n) * (1.0 - m_options.fuzzyThreshold))) + 2;
    const std::size_t begin = doc.tokens[firstToken > 0 ? firstToken - 1 : 0].begin;
    const std::size_t end = std::min(doc.size(), std::size_t(doc.tokens[firstToken].begin) + n + band);
    const Alignment a = bestSubstring(folded.chars, std::u32string_view(doc.chars).substr(begin, end - begin));
    if (a.end <= a.begin)
        return std::nullopt;
    std::size_t from = begin + a.begin;
    std::size_t to = begin + a.end;
    while (from > 0 && !doc.boundary[from]) // whole words: the span never cuts one
        --from;
    while (to < doc.size() && !doc.boundary[to])
        ++to;
    const double score = 1.0 - double(a.distance) / double(n);
    return std::pair(score, m_index.originalSpan(std::uint32_t(from), std::uint32_t(to)));
}

bool Grounder::fuzzy(const FoldedText &folded, GroundedValue &out)
{
    if (folded.size() < 4 || m_index.folded().tokens.empty())
        return false;
    std::unordered_map<std::uint32_t, std::uint32_t> votes;
    // The first words of a long value place it well enough; voting with all of a 10,000-word
    // value would cost seconds in a large document.
    const auto voters = std::min<std::uint32_t>(std::uint32_t(folded.tokens.size()), votingTokens);
    for (std::uint32_t k = 0; k < voters; ++k) {
        const FoldedText::Token &t = folded.tokens[k];
        voteForToken(std::u32string_view(folded.chars).substr(t.begin, t.end - t.begin), k, votes);
    }
    const std::uint32_t needed = std::max<std::uint32_t>(1, (voters + 1) / 2);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> windows; // votes, first token
    for (const auto &[start, count] : votes)
        if (count >= needed)
            windows.emplace_back(count, start);
    const std::size_t keep = std::min(windows.size(), windowsScored);
    std::partial_sort(
        windows.begin(), windows.begin() + std::ptrdiff_t(keep), windows.end(),
        [](const auto &a, const auto &b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    double best = 0.0;
    std::vector<TextSpan> spans;
    for (std::size_t i = 0; i < keep; ++i) {
        const auto scored = scoreWindow(folded, windows[i].second);
        if (!scored || scored->first < m_options.fuzzyThreshold || scored->first + 1e-9 < best)
            continue;
        if (scored->first > best + 1e-9)
            spans.clear();
        best = std::max(best, scored->first);
        spans.push_back(scored->second);
    }
    if (spans.empty())
        return false;
    finish(out, std::move(spans), MatchKind::Fuzzy, std::min(best, bestFuzzyScore));
    return true;
}

} // namespace Formwork
