// The ledger with a million entries (issue 4): `ledger balance` should
// answer in under 0.2 s and `ledger report --year` in under 0.5 s; beside
// them, on the same books exported, `hledger bal` and `ledger bal`.
//
//   bench_ledger KLYNGE_BINARY [DIR] [ENTRIES] [RUNS]
//
// Builds DIR/bench (a new workspace) and DIR/import.csv: ENTRIES entries
// over 2024–2026, 2 % income, the expenses mostly approved and paid, some
// pending, approved or rejected, paid to 40 suppliers recorded as companies
// with their CVR (bench_suppliers.hpp: an honorar or kørsel row to a person
// would be refused). They are loaded with `klynge ledger import`,
// the documented bulk path: every row passes the rules and every record
// (entry, event) gets its link in the hash chain. Then it times the real
// binary (median of RUNS) and the tools once each, and prints the figures.
// A tool that grows past $KLYNGE_BENCH_MAX_RSS_GB (default 20) is stopped
// and reported as such; KLYNGE_BENCH_TOOLS=0 skips the tools. hledger 1.25
// (Debian 12) peaked at 18 GB on a million entries; ledger at 5 GB.
#include "bench_suppliers.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <string>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

// The largest resident size a child may reach before it is stopped: the
// tools hold a whole journal in memory (hledger about 12 KB a transaction),
// and a shared machine must not run out. $KLYNGE_BENCH_MAX_RSS_GB, default 20.
long maxRssKb() {
    const char* env = std::getenv("KLYNGE_BENCH_MAX_RSS_GB");
    return (env && *env ? std::atol(env) : 20) * 1024 * 1024;
}

long rssKb(pid_t pid, const char* field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string(field).size());
    return 0;
}

struct Run {
    double seconds = 0;
    long peakKb = 0;
    bool stopped = false; // over the memory cap
};

// Runs argv with stdout to `out` (or /dev/null): wall time, and with
// `watch` its peak memory (polling /proc, which costs a little time).
Run timed(const std::vector<std::string>& argv, const std::string& out = "/dev/null", bool watch = false) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ) != 0) {
        std::fprintf(stderr, "cannot run %s\n", args[0]);
        std::exit(1);
    }
    Run run;
    int status = 0;
    for (int polls = 0;; ++polls) {
        if (!watch) {
            waitpid(pid, &status, 0);
            break;
        }
        if (waitpid(pid, &status, WNOHANG) == pid) break;
        run.peakKb = std::max(run.peakKb, rssKb(pid, "VmHWM:"));
        if (run.peakKb > maxRssKb() && !run.stopped) {
            kill(pid, SIGKILL);
            run.stopped = true;
        }
        // Short commands are timed finely; long ones are polled less often.
        usleep(polls < 100 ? 10000 : 50000);
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    posix_spawn_file_actions_destroy(&fa);
    if (!run.stopped && (!WIFEXITED(status) || WEXITSTATUS(status) > 1)) {
        std::fprintf(stderr, "%s %s failed with status %d\n", argv[0].c_str(), argv.size() > 1 ? argv[1].c_str() : "",
                     status);
        std::exit(1);
    }
    return run;
}

void bench(const char* label, const std::vector<std::string>& argv, int runs, double limit) {
    timed(argv); // warm the page cache
    std::vector<double> s;
    for (int i = 0; i < runs; ++i) s.push_back(timed(argv).seconds);
    std::sort(s.begin(), s.end());
    double median = s[s.size() / 2];
    std::printf("%-34s runs %2d  median %7.3f s  min %7.3f  max %7.3f", label, runs, median, s.front(), s.back());
    if (limit > 0) std::printf("   (goal < %.1f s: %s)", limit, median < limit ? "met" : "NOT MET");
    std::printf("\n");
}

void once(const char* label, const std::vector<std::string>& argv, const std::string& out = "/dev/null") {
    auto run = timed(argv, out, true);
    if (run.stopped)
        std::printf("%-34s stopped after %.1f s at %.1f GB resident (cap $KLYNGE_BENCH_MAX_RSS_GB)\n", label,
                    run.seconds, static_cast<double>(run.peakKb) / 1048576);
    else
        std::printf("%-34s %8.3f s   peak %7.0f MB\n", label, run.seconds, static_cast<double>(run.peakKb) / 1024);
    std::fflush(stdout);
}

// A deterministic generator (no <random> distribution differences between libraries).
struct Lcg {
    std::uint64_t state = 42;
    std::uint64_t next(std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    }
};

std::string iso(int days) { // days since 2024-01-01, within 2024–2026
    static const int month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = 2024;
    for (;;) {
        int len = year % 4 == 0 ? 366 : 365;
        if (days < len) break;
        days -= len;
        ++year;
    }
    int m = 0;
    for (;; ++m) {
        int len = month[m] + (m == 1 && year % 4 == 0);
        if (days < len) break;
        days -= len;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m + 1, days + 1);
    return buf;
}

void writeBooks(const fs::path& file, long entries) {
    static const char* categories[] = {"forplejning", "lokaleleje", "mødeudstyr", "software", "oplægsholder",
                                       "konsulent",   "materialer", "konference", "kørsel",   "administration",
                                       "honorar"};
    std::ofstream out(file);
    out << "date,amount,category,text,payee,approved,paid,rejected,reason\n";
    Lcg rng;
    const int lastDay = 3 * 365; // 2026-12-31 is day 1095 (2024 is a leap year)
    for (long i = 0; i < entries; ++i) {
        int day = static_cast<int>(i * (lastDay + 1) / entries);
        long ore = 5000 + static_cast<long>(rng.next(300000));
        char amount[48];
        std::snprintf(amount, sizeof amount, "%ld.%02ld", ore / 100, ore % 100);
        if (i % 50 == 0) { // income: 50 times as much, so the books roughly balance
            std::snprintf(amount, sizeof amount, "%ld.%02ld", ore * 50 / 100, ore * 50 % 100);
            out << iso(day) << ',' << amount << ",driftstilskud,Tilskud " << i << ",Region Hovedstaden,,,,\n";
            continue;
        }
        const char* category = categories[rng.next(11)];
        out << iso(day) << ',' << amount << ',' << category << ",Udgift " << i << ','
            << bench_books::supplierName(static_cast<long>(rng.next(bench_books::suppliers))) << ',';
        auto fate = rng.next(100);
        int approved = std::min(day + 1 + static_cast<int>(rng.next(7)), lastDay);
        int paid = std::min(approved + static_cast<int>(rng.next(20)), lastDay);
        if (fate < 85) out << iso(approved) << ',' << iso(paid) << ",,\n";
        else if (fate < 90) out << iso(approved) << ",,,\n";
        else if (fate < 95) out << ",," << iso(approved) << ",For dyrt\n";
        else out << ",,,\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s KLYNGE_BINARY [DIR] [ENTRIES] [RUNS]\n", argv[0]);
        return 2;
    }
    std::string klynge = fs::absolute(argv[1]).string();
    fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "klynge-bench-ledger";
    long entries = argc > 3 ? std::atol(argv[3]) : 1'000'000;
    int runs = argc > 4 ? std::atoi(argv[4]) : 10;
    setenv("KLYNGE_TODAY", "2026-12-31", 1);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto ws = (dir / "bench").string();

    std::printf("klynge %s, %ld entries in %s\n", klynge.c_str(), entries, ws.c_str());
    writeBooks(dir / "import.csv", entries);
    timed({klynge, "init", ws, "--name", "Benchklyngen", "--cvr", "12345674", "--municipality", "København",
           "--region", "Hovedstaden"});
    bench_books::recordSuppliers(ws);
    once("ledger import (bulk, chained)", {klynge, "-C", ws, "--quiet", "ledger", "import", (dir / "import.csv").string()});
    std::printf("klynge.db: %.0f MB\n\n", static_cast<double>(fs::file_size(fs::path(ws) / "klynge.db")) / 1e6);

    bench("ledger balance", {klynge, "-C", ws, "ledger", "balance"}, runs, 0.2);
    bench("ledger balance --at 2025-06-30", {klynge, "-C", ws, "ledger", "balance", "--at", "2025-06-30"}, runs, 0.2);
    bench("ledger report --year 2025", {klynge, "-C", ws, "ledger", "report", "--year", "2025"}, runs, 0.5);
    bench("ledger report --year 2025 (json)",
          {klynge, "-C", ws, "--format", "json", "ledger", "report", "--year", "2025"}, runs, 0.5);
    bench("budget show --year 2026", {klynge, "-C", ws, "budget", "show", "--year", "2026"}, runs, 0);
    bench("status", {klynge, "-C", ws, "status"}, runs, 0);
    bench("(baseline: klynge --version)", {klynge, "--version"}, runs, 0);
    std::printf("\n");
    // Issue 11 §4: a clean full walk leaves a verified checkpoint; the next
    // check walks only the links after it (and after one more klynge write).
    once("check (first: the whole chain)", {klynge, "-C", ws, "check"}, (dir / "check-1.txt").string());
    once("check (from the checkpoint)", {klynge, "-C", ws, "check"}, (dir / "check-2.txt").string());
    timed({klynge, "-C", ws, "--quiet", "ledger", "add", "--date", "2026-06-01", "--amount", "100", "--category",
           "materialer", "--text", "Kopipapir"});
    once("check (after a write, checkpoint)", {klynge, "-C", ws, "check"}, (dir / "check-3.txt").string());
    once("check --full", {klynge, "-C", ws, "check", "--full"}, (dir / "check-4.txt").string());
    std::printf("(each check's last line is in %s/check-N.txt)\n", dir.c_str());
    const auto journal = (dir / "bench.journal").string(), ledgerFile = (dir / "bench.ledger").string();
    once("ledger export --to hledger", {klynge, "-C", ws, "ledger", "export", "--to", "hledger", "-o", journal});
    once("ledger export --to ledger", {klynge, "-C", ws, "ledger", "export", "--to", "ledger", "-o", ledgerFile});
    std::printf("journal: %.0f MB\n\n", static_cast<double>(fs::file_size(journal)) / 1e6);
    if (const char* tools = std::getenv("KLYNGE_BENCH_TOOLS"); tools && std::string(tools) == "0") return 0;
    once("hledger -f X bal", {"hledger", "-f", journal, "bal"}, (dir / "hledger-bal.txt").string());
    once("ledger -f X bal", {"ledger", "-f", ledgerFile, "bal"}, (dir / "ledger-bal.txt").string());
    once("hledger -f X bal -p 2025", {"hledger", "-f", journal, "bal", "-p", "2025"});
    once("ledger -f X bal -p 2025", {"ledger", "-f", ledgerFile, "bal", "-p", "2025"});
    return 0;
}
