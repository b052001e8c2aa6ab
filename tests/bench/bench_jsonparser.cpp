// SPDX-License-Identifier: GPL-3.0-or-later
// Prints parse throughput for generated documents of about 5 MB and 50 MB: Formwork's strict parser
// (with and without the source map), its partial mode, and nlohmann::json / ordered_json on the same bytes.
// Usage: bench_jsonparser [runs]   (best of `runs`, default 3)
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>

using namespace Formwork;

namespace {

// A realistic extraction result: many records with strings (escapes, non-ASCII), numbers, literals, nesting.
std::string generateDocument(std::size_t targetBytes)
{
    static const char *const names[] = { "Ada Lovelace", "Grace \\\"Amazing\\\" Hopper", "Zo\xc3\xab Caf\xc3\xa9",
                                         "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "Line\\nbreak \\u00e9\\ud83d\\ude00" };
    std::string text = "{\"generator\": \"bench_jsonparser\", \"records\": [\n";
    std::uint64_t state = 42;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    for (std::size_t i = 0; text.size() < targetBytes; ++i) {
        if (i > 0)
            text += ",\n";
        text += "  {\"id\": " + std::to_string(i) + ", \"name\": \"" + names[next() % 5]
            + "\", \"score\": " + std::to_string(double(next() % 100000) / 997.0) + ", \"delta\": -"
            + std::to_string(next() % 1000) + "e-3, \"active\": " + (next() % 2 ? "true" : "false")
            + ", \"manager\": null, \"tags\": [\"t" + std::to_string(next() % 50) + "\", \"group/"
            + std::to_string(next() % 9) + "\"], \"address\": {\"city\": \"Paris\", \"zip\": \"750"
            + std::to_string(next() % 20) + "\", \"geo\": [48.8566, 2.3522]}}";
    }
    text += "\n]}\n";
    return text;
}

struct Timing {
    double cpuSeconds = 1e300;
    double wallSeconds = 1e300;
};

double processCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// CPU time is the figure to compare: on a shared build machine wall time mostly measures the neighbours.
Timing best(int runs, const std::function<void()> &work)
{
    Timing timing;
    for (int run = 0; run < runs; ++run) {
        const double cpuStart = processCpuSeconds();
        const auto wallStart = std::chrono::steady_clock::now();
        work();
        const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wallStart;
        timing.cpuSeconds = std::min(timing.cpuSeconds, processCpuSeconds() - cpuStart);
        timing.wallSeconds = std::min(timing.wallSeconds, wall.count());
    }
    return timing;
}

void report(const char *what, std::size_t bytes, Timing timing)
{
    const double megabytes = double(bytes) / 1e6;
    std::printf("  %-42s %8.1f ms CPU %8.1f MB/s   (wall %8.1f ms %8.1f MB/s)\n", what, timing.cpuSeconds * 1e3,
                megabytes / timing.cpuSeconds, timing.wallSeconds * 1e3, megabytes / timing.wallSeconds);
}

void benchmark(std::size_t targetBytes, int runs)
{
    const std::string text = generateDocument(targetBytes);
    std::printf("document: %.1f MB, best of %d runs\n", double(text.size()) / 1e6, runs);

    qsizetype values = 0;
    report("Formwork parseJson (value + source map)", text.size(), best(runs, [&] {
               const auto parsed = parseJson(text);
               if (!parsed)
                   std::abort();
               values = parsed->sourceMap.size();
           }));
    JsonParseOptions noMap;
    noMap.recordSourceMap = false;
    report("Formwork parseJson (value only)", text.size(), best(runs, [&] {
               if (!parseJson(text, noMap))
                   std::abort();
           }));
    report("Formwork parsePartialJson (whole text)", text.size(), best(runs, [&] {
               if (!parsePartialJson(text).complete)
                   std::abort();
           }));
    report("nlohmann::json::parse", text.size(), best(runs, [&] {
               if (nlohmann::json::parse(text.begin(), text.end()).is_null())
                   std::abort();
           }));
    report("nlohmann::ordered_json::parse", text.size(), best(runs, [&] {
               if (nlohmann::ordered_json::parse(text.begin(), text.end()).is_null())
                   std::abort();
           }));
    report("Formwork TextPositions (index the text)", text.size(),
           best(runs, [&] { (void)TextPositions(text).toUtf16(qsizetype(text.size())); }));
    std::printf("  values in the source map: %lld\n\n", static_cast<long long>(values));
}

} // namespace

int main(int argc, char **argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    benchmark(5'000'000, runs);
    benchmark(50'000'000, runs);
    return 0;
}
