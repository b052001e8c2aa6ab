// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Wall-clock budgets of the "stays fast" checks. Those guard against a quadratic blow-up (a
// hundredfold slowdown), they are not benchmarks; the asan preset (Debug, -O0, AddressSanitizer and
// UBSan) runs the same loops five to ten times slower, so there the budget is ten times larger.

namespace Formwork::Test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr int sanitizerSlowdown = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr int sanitizerSlowdown = 10;
#else
inline constexpr int sanitizerSlowdown = 1;
#endif
#else
inline constexpr int sanitizerSlowdown = 1;
#endif

// `ms` in an optimised build; scaled in a sanitizer build.
constexpr int timeBudgetMs(int ms)
{
    return ms * sanitizerSlowdown;
}

} // namespace Formwork::Test
