// SPDX-License-Identifier: GPL-3.0-or-later
// A stand-in for libFuzzer's main() where there is no clang: runs LLVMFuzzerTestOneInput on every
// file of the folders given, then on mutations of them (byte flips, inserts, deletions, splices of
// two inputs) with a fixed seed until -runs=N inputs or -max_total_time=S seconds. No coverage
// guidance: it finds what random mutation of the seeds finds, under the sanitizers of the build.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

// The input being run, written to fuzz-crash-input when it aborts (an invariant or a sanitizer).
const std::string *g_current = nullptr;

void saveCrashInput(int signal)
{
    if (g_current) {
        if (std::FILE *out = std::fopen("fuzz-crash-input", "wb")) {
            std::fwrite(g_current->data(), 1, g_current->size(), out);
            std::fclose(out);
            std::fprintf(stderr, "input written to fuzz-crash-input\n");
        }
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void runOne(const std::string &input)
{
    g_current = &input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.data()), input.size());
    g_current = nullptr;
}

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string mutate(const std::vector<std::string> &corpus, std::mt19937_64 &random)
{
    std::string input = corpus[random() % corpus.size()];
    const int steps = 1 + int(random() % 8);
    for (int i = 0; i < steps; ++i) {
        const std::size_t at = input.empty() ? 0 : random() % (input.size() + 1);
        switch (random() % 5) {
        case 0: // flip a byte
            if (!input.empty())
                input[at % input.size()] = char(random() % 256);
            break;
        case 1: // insert a JSON or stream metacharacter
            input.insert(at, 1, "{}[]\":,\\\n\r 0-e.tfn"[random() % 19]);
            break;
        case 2: // delete a run
            if (!input.empty())
                input.erase(at % input.size(), 1 + random() % 16);
            break;
        case 3: { // splice in part of another input
            const std::string &other = corpus[random() % corpus.size()];
            if (!other.empty()) {
                const std::size_t from = random() % other.size();
                input.insert(at, other, from, 1 + random() % 64);
            }
            break;
        }
        default: // duplicate a run
            if (!input.empty()) {
                const std::size_t from = at % input.size();
                input.insert(at, input.substr(from, 1 + random() % 32));
            }
            break;
        }
    }
    return input;
}

} // namespace

int main(int argc, char **argv)
{
    long long runs = -1;
    double seconds = 0;
    std::vector<std::string> corpus;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "-runs=", 6) == 0) {
            runs = std::atoll(argv[i] + 6);
        } else if (std::strncmp(argv[i], "-max_total_time=", 16) == 0) {
            seconds = std::atof(argv[i] + 16);
        } else if (argv[i][0] == '-') {
            std::fprintf(stderr, "ignored option %s\n", argv[i]);
        } else if (std::filesystem::is_directory(argv[i])) {
            for (const auto &entry : std::filesystem::directory_iterator(argv[i]))
                if (entry.is_regular_file())
                    corpus.push_back(readFile(entry.path()));
        } else {
            corpus.push_back(readFile(argv[i]));
        }
    }
    if (corpus.empty())
        corpus.emplace_back();
    std::signal(SIGABRT, saveCrashInput);
    for (const std::string &input : corpus)
        runOne(input);
    std::fprintf(stderr, "ran %zu corpus inputs\n", corpus.size());
    if (runs < 0 && seconds <= 0)
        return 0;
    std::mt19937_64 random(20261126);
    const auto start = std::chrono::steady_clock::now();
    long long done = 0;
    for (; runs < 0 || done < runs; ++done) {
        if (seconds > 0 && (done & 255) == 0
            && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= seconds)
            break;
        const std::string input = mutate(corpus, random);
        runOne(input);
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "ran %lld mutated inputs in %.1f s (%.0f/s)\n", done, elapsed,
                 elapsed > 0 ? done / elapsed : 0.0);
    return 0;
}
