// Batch grants at national scale (issue 3): a national file (116 clusters,
// ~1.800 practices) in under 20 ms, and a 1.000.000-row practice file in under
// 1,5 s with peak memory under 64 MB. Writes both files to /tmp (deterministic
// data), times grantBatch in-process, measures the peak RSS of a child process
// that runs the 1.000.000-row batch, and — given the klynge binary — times the
// real `klynge grant calc --batch` end to end with its peak RSS.
// Usage:
//   bench_grant [KLYNGE_BINARY] [RUNS]
#include "klynge/grants/grant.hpp"
#include "klynge/grants/batch.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

// A small deterministic generator (no seed from the clock: same files every run).
struct Lcg {
    std::uint64_t state;
    std::uint32_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint32_t>(hi - lo + 1)); }
};

// One row per practice, ydernumre unique: a permutation of 000000..999999
// (7919 is coprime with 10^6), clusters interleaved so that no row can reuse
// the previous row's cluster lookup.
void writePracticeFile(const std::string& path, std::size_t rows, int clusters, bool interleaved) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "klynge;ydernummer;praksis;patienter;kapaciteter;stiftet\n";
    Lcg rng{42};
    char line[160];
    for (std::size_t i = 0; i < rows; ++i) {
        const auto ydernummer = (i * 7919 + 13) % 1'000'000;
        const int cluster = interleaved ? static_cast<int>(rng.next() % static_cast<std::uint32_t>(clusters))
                                        : static_cast<int>(i * static_cast<std::size_t>(clusters) / rows);
        const int patients = rng.between(1000, 9000);
        const int n = std::snprintf(line, sizeof line, "Klynge %s %03d;%06zu;Lægerne Hovedgaden %d;%d;%d;%s\n",
                                    cluster % 2 ? "Nord" : "Syd", cluster, static_cast<std::size_t>(ydernummer),
                                    rng.between(1, 200), patients, 1 + patients / 1800,
                                    cluster == 7 ? "2025-03-12" : "");
        out.write(line, n);
    }
}

double batchMs(const std::string& path, const klynge::GrantRate& rate, std::int64_t& totalOre) {
    std::ifstream in(path, std::ios::binary);
    const auto start = Clock::now();
    auto result = klynge::grantBatch(in, "bench.csv", rate);
    const auto end = Clock::now();
    totalOre = result.total.total.ore();
    return std::chrono::duration<double, std::milli>(end - start).count();
}

struct Spread {
    double median, min, max;
};

Spread timeRuns(int runs, const std::function<double()>& once) {
    once(); // warm the page cache
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) ms.push_back(once());
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

// Peak RSS (MB) of a child that runs the batch in-process.
double childPeakMb(const std::string& path, const klynge::GrantRate& rate) {
    pid_t pid = fork();
    if (pid == 0) {
        std::int64_t total = 0;
        batchMs(path, rate, total);
        _exit(total > 0 ? 0 : 1);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double cpuMs(const rusage& u) {
    auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0; };
    return ms(u.ru_utime) + ms(u.ru_stime);
}

// Runs the real binary; returns wall ms and sets the child's peak RSS and CPU
// time (user + system: what the machine's other load does not inflate).
double runBinary(const std::vector<std::string>& argv, double& peakMb, double& cpu) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    const auto start = Clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ) != 0) {
        std::perror("posix_spawn");
        std::exit(1);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const auto end = Clock::now();
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s failed with status %d\n", argv[0].c_str(), status);
        std::exit(1);
    }
    peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    cpu = cpuMs(usage);
    return std::chrono::duration<double, std::milli>(end - start).count();
}

const char* verdict(bool ok) { return ok ? "ok" : "OVER TARGET"; }

} // namespace

int main(int argc, char** argv) {
    const std::string klynge = argc > 1 ? argv[1] : "";
    const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
    const std::string national = "/tmp/klynge-bench-national.csv";
    const std::string million = "/tmp/klynge-bench-1m.csv";
    writePracticeFile(national, 1800, 116, false);
    writePracticeFile(million, 1'000'000, 116, true);
    std::printf("files: %s (1.800 rows, 116 clusters), %s (1.000.000 rows, 116 clusters, interleaved)\n",
                national.c_str(), million.c_str());

    const auto rates = klynge::RateTable::builtIn();
    const auto& rate = rates.forYear(2025);
    std::int64_t total = 0;

    const auto n = timeRuns(runs, [&] { return batchMs(national, rate, total); });
    std::printf("in-process national   median %8.2f ms  min %8.2f  max %8.2f   target < 20 ms: %s\n", n.median,
                n.min, n.max, verdict(n.median < 20));
    const auto m = timeRuns(std::max(1, runs / 5), [&] { return batchMs(million, rate, total); });
    std::printf("in-process 1.000.000  median %8.2f ms  min %8.2f  max %8.2f   target < 1500 ms: %s\n", m.median,
                m.min, m.max, verdict(m.median < 1500));
    const double peak = childPeakMb(million, rate);
    std::printf("in-process 1.000.000  peak RSS %.1f MB (child process)             target < 64 MB: %s\n", peak,
                verdict(peak < 64));

    if (!klynge.empty()) {
        for (const auto& [label, file, count] :
             {std::tuple{"binary national", national, runs}, std::tuple{"binary 1.000.000", million, std::max(1, runs / 5)}}) {
            std::vector<double> ms, cpus;
            double worstPeak = 0, peakMb = 0, cpu = 0;
            std::vector<std::string> cmd{klynge, "grant", "calc", "--batch", file, "--year", "2025", "--format", "csv",
                                         "-o", "/tmp/klynge-bench-out.csv"};
            runBinary(cmd, peakMb, cpu);
            for (int i = 0; i < count; ++i) {
                ms.push_back(runBinary(cmd, peakMb, cpu));
                cpus.push_back(cpu);
                worstPeak = std::max(worstPeak, peakMb);
            }
            std::sort(ms.begin(), ms.end());
            std::sort(cpus.begin(), cpus.end());
            std::printf("%-20s median %8.2f ms  min %8.2f  max %8.2f  CPU median %8.2f ms  peak RSS %.1f MB (runs %d)\n",
                        label, ms[ms.size() / 2], ms.front(), ms.back(), cpus[cpus.size() / 2], worstPeak, count);
        }
    }
    return 0;
}
