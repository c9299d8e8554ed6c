// The bulk paths (issue 11 §3): `member import` must grow linearly (100,000
// roster rows in under 5 s) and `ledger import` of 1,000,000 entries must be
// at least 3× faster than the 30 s the issue measured; while either holds the
// write lock, a small concurrent `klynge member add` must wait (busy timeout)
// and then succeed.
//
//   bench_import KLYNGE_BINARY [DIR] [ENTRIES] [RUNS] [ROSTER_SIZES]
//
// ENTRIES (default 1,000,000) is the ledger file's size; it is also timed at
// a tenth of that, so the growth shows. ROSTER_SIZES defaults to
// 5000,20000,100000. Each size gets a fresh workspace with 20 practices
// ($KLYNGE_BENCH_PRACTICES) and the 40 suppliers the books pay, recorded as
// companies with their CVR (bench_suppliers.hpp: an honorar or kørsel row to
// a person would be refused), set up through the library. Three real-binary
// runs are timed, each the median of RUNS (default 3): the first import (every row added), the
// same file again (idempotent: nothing changes) and a changed file with
// --leave-missing (every 10th member changed, every 20th missing). The
// figures per row show whether the time grows linearly. Then, on the books
// of each size, one `ledger add` and one `payout` (they must not grow with
// the books), `dump` and `restore`, and the concurrency check.
#include "bench_suppliers.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A cluster's practices; $KLYNGE_BENCH_PRACTICES changes it (a region's
// roster has many more, a cluster's 10–30).
int practices = 20;

pid_t spawn(const std::vector<std::string>& argv, const std::string& input = "/dev/null") {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, input.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ) != 0) {
        std::fprintf(stderr, "cannot run %s\n", args[0]);
        std::exit(1);
    }
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

int exitCode(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Wall time of one run of argv; a failure stops the benchmark.
double timed(const std::vector<std::string>& argv, const std::string& input = "/dev/null") {
    auto start = Clock::now();
    int code = exitCode(spawn(argv, input));
    double s = std::chrono::duration<double>(Clock::now() - start).count();
    if (code != 0) {
        std::string line;
        for (auto& a : argv) line += a + " ";
        std::fprintf(stderr, "failed with exit %d: %s\n", code, line.c_str());
        std::exit(1);
    }
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Figure {
    long rows;
    double seconds;
};

void printGrowth(const char* what, const std::vector<Figure>& figures) {
    std::printf("  %s:", what);
    for (auto& f : figures)
        std::printf("  %ld rows %.3f s (%.1f µs/row)", f.rows, f.seconds, f.seconds * 1e6 / static_cast<double>(f.rows));
    if (figures.size() > 1) {
        const auto& a = figures.front();
        const auto& b = figures.back();
        double perRow = (b.seconds / static_cast<double>(b.rows)) / (a.seconds / static_cast<double>(a.rows));
        std::printf("  — time per row ×%.2f from the smallest to the largest (1.00 is linear)", perRow);
    }
    std::printf("\n");
}

// A deterministic generator (no <random> distribution differences between libraries).
struct Lcg {
    std::uint64_t state = 42;
    std::uint64_t next(std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    }
};

std::string ydernummer(int practice) { return std::to_string(100000 + practice); }

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

// A new workspace with `practices` practices, added through the library in
// one transaction (the CLI would take a process per practice).
void makeWorkspace(const std::string& klynge, const fs::path& ws) {
    fs::remove_all(ws);
    timed({klynge, "init", ws.string(), "--name", "Benchklyngen", "--cvr", "12345674", "--municipality",
           "København", "--region", "Hovedstaden"});
    auto store = klynge::Store::open(ws / "klynge.db");
    klynge::WriteTransaction tx(store, "bench_import: practices");
    for (int p = 0; p < practices; ++p)
        klynge::addPractice(store, {klynge::Ydernummer::parse(ydernummer(p)), "Lægehuset " + std::to_string(p),
                                    1000 + p, std::nullopt, klynge::Date::parse("2024-01-01"),
                                    klynge::Date::parse("2024-01-01")});
    tx.commit("bench_import: practices");
    bench_books::recordSuppliers(ws);
}

const char* positions[] = {"ejerlæge", "ansat", "uddannelseslæge", "vikar"};

// `variant` 1: every 10th member moves practice and position, every 20th is missing.
void writeRoster(const fs::path& file, long rows, int variant) {
    std::ofstream out(file);
    out << "name,email,ydernummer,position,joined\n";
    for (long i = 0; i < rows; ++i) {
        bool changed = variant == 1 && i % 10 == 3;
        if (variant == 1 && i % 20 == 7) continue;
        int practice = static_cast<int>(i % practices) + (changed ? 1 : 0);
        out << "Læge " << i << " Ærø,laege" << i << "@example.dk," << ydernummer(practice % practices) << ','
            << positions[(i + (changed ? 1 : 0)) % 4] << ',' << iso(static_cast<int>(i % 700)) << '\n';
    }
}

void writeBooks(const fs::path& file, long entries) {
    static const char* categories[] = {"forplejning", "lokaleleje", "mødeudstyr", "software", "oplægsholder",
                                       "konsulent",   "materialer", "konference", "kørsel",   "administration",
                                       "honorar"};
    std::ofstream out(file);
    out << "date,amount,category,text,payee,approved,paid,rejected,reason\n";
    Lcg rng;
    const int lastDay = 3 * 365;
    for (long i = 0; i < entries; ++i) {
        int day = static_cast<int>(i * (lastDay + 1) / entries);
        long ore = 5000 + static_cast<long>(rng.next(300000));
        char amount[48];
        std::snprintf(amount, sizeof amount, "%ld.%02ld", ore / 100, ore % 100);
        if (i % 50 == 0) {
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

// Runs `bulk` in the background; 0.3 s later a reader (`klynge status`),
// then a small writer (`klynge member add`): how long each waited and
// whether it succeeded.
void concurrentAdd(const std::string& klynge, const fs::path& ws, const char* what,
                   const std::vector<std::string>& bulk, int n) {
    auto start = Clock::now();
    pid_t importer = spawn(bulk);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto readStart = Clock::now();
    int readCode = exitCode(spawn({klynge, "-C", ws.string(), "status"}));
    double read = std::chrono::duration<double>(Clock::now() - readStart).count();
    auto addStart = Clock::now();
    int addCode = exitCode(spawn({klynge, "-C", ws.string(), "member", "add", "Konkurrent " + std::to_string(n),
                                  "--email", "konkurrent" + std::to_string(n) + "@example.dk", "--practice",
                                  ydernummer(0), "--position", "ansat"}));
    double added = std::chrono::duration<double>(Clock::now() - addStart).count();
    int importCode = exitCode(importer);
    double imported = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("  %-28s import %.2f s (exit %d); status at 0.3 s took %.2f s (exit %d); then member add "
                "took %.2f s: exit %d (%s)\n",
                what, imported, importCode, read, readCode, added, addCode, addCode == 0 ? "succeeded" : "FAILED");
}

std::vector<long> sizes(const char* text) {
    std::vector<long> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(std::atol(item.c_str()));
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s KLYNGE_BINARY [DIR] [ENTRIES] [RUNS] [ROSTER_SIZES]\n", argv[0]);
        return 2;
    }
    const std::string klynge = fs::absolute(argv[1]).string();
    const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "klynge-bench-import";
    const long entries = argc > 3 ? std::atol(argv[3]) : 1'000'000;
    const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 3;
    const auto rosterSizes = sizes(argc > 5 ? argv[5] : "5000,20000,100000");
    setenv("KLYNGE_TODAY", "2026-12-31", 1);
    if (const char* p = std::getenv("KLYNGE_BENCH_PRACTICES"); p && std::atoi(p) > 0) practices = std::atoi(p);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path ws = dir / "bench";
    std::printf("klynge %s, in %s; median of %d run%s\n\n", klynge.c_str(), dir.c_str(), runs, runs == 1 ? "" : "s");

    std::printf("member import (%d practices):\n", practices);
    std::vector<Figure> added, again, changed;
    for (long n : rosterSizes) {
        const auto roster = (dir / ("roster-" + std::to_string(n) + ".csv")).string();
        const auto roster2 = (dir / ("roster-" + std::to_string(n) + "-changed.csv")).string();
        writeRoster(roster, n, 0);
        writeRoster(roster2, n, 1);
        makeWorkspace(klynge, ws);
        const fs::path fresh = dir / "fresh.db";
        fs::copy_file(ws / "klynge.db", fresh, fs::copy_options::overwrite_existing);
        std::vector<double> a, b, c;
        for (int r = 0; r < runs; ++r) {
            fs::copy_file(fresh, ws / "klynge.db", fs::copy_options::overwrite_existing);
            a.push_back(timed({klynge, "-C", ws.string(), "--quiet", "member", "import", roster}));
            b.push_back(timed({klynge, "-C", ws.string(), "--quiet", "member", "import", roster}));
            c.push_back(timed({klynge, "-C", ws.string(), "--quiet", "member", "import", roster2, "--leave-missing",
                               "2026-12-01"}));
        }
        added.push_back({n, median(a)});
        again.push_back({n, median(b)});
        changed.push_back({n, median(c)});
        std::printf("  %7ld rows: first %.3f s, again (no change) %.3f s, changed + --leave-missing %.3f s\n", n,
                    median(a), median(b), median(c));
        std::fflush(stdout);
    }
    printGrowth("first import", added);
    printGrowth("again", again);
    printGrowth("changed", changed);
    if (!added.empty() && added.back().rows >= 100'000)
        std::printf("  goal: %ld rows in under 5 s: %s\n", added.back().rows,
                    added.back().seconds < 5 ? "met" : "NOT MET");

    std::printf("\nledger import (bulk, every record chained):\n");
    std::vector<Figure> books;
    for (long n : {entries / 10, entries}) {
        if (n <= 0) continue;
        const auto file = (dir / ("books-" + std::to_string(n) + ".csv")).string();
        writeBooks(file, n);
        makeWorkspace(klynge, ws);
        const fs::path fresh = dir / "fresh.db";
        fs::copy_file(ws / "klynge.db", fresh, fs::copy_options::overwrite_existing);
        std::vector<double> s;
        for (int r = 0; r < runs; ++r) {
            fs::copy_file(fresh, ws / "klynge.db", fs::copy_options::overwrite_existing);
            s.push_back(timed({klynge, "-C", ws.string(), "--quiet", "ledger", "import", file}));
        }
        books.push_back({n, median(s)});
        std::printf("  %8ld entries: %.3f s (klynge.db %.0f MB)\n", n, median(s),
                    static_cast<double>(fs::file_size(ws / "klynge.db")) / 1e6);
        std::fflush(stdout);

        // Single writes on books this size: they must not grow with them.
        const auto cpr = (dir / "cpr.txt").string();
        std::ofstream(cpr) << "150472-1234\n";
        timed({klynge, "-C", ws.string(), "--quiet", "member", "add", "Anne Ærø", "--email", "anne@bench.dk",
               "--practice", ydernummer(0), "--position", "ejerlæge"});
        timed({klynge, "-C", ws.string(), "--quiet", "contract", "add", "anne@bench.dk", "--role", "koordinator",
               "--fee-per-year", "60000", "--schedule", "quarterly", "--from", "2024-01-01", "--cpr", "-"},
              cpr);
        std::vector<double> adds, payouts;
        for (int r = 0; r < std::max(runs, 3); ++r) {
            adds.push_back(timed({klynge, "-C", ws.string(), "--quiet", "ledger", "add", "--date", "2026-12-01",
                                  "--amount", "100", "--category", "forplejning", "--text", "Kaffe"}));
            payouts.push_back(timed({klynge, "-C", ws.string(), "--quiet", "payout", "--person", "anne@bench.dk",
                                     "--amount", "100", "--kind", "honorar", "--date", "2026-12-01"}));
        }
        std::printf("  %8ld entries: then one ledger add %.3f s, one payout %.3f s\n", n, median(adds),
                    median(payouts));

        // dump and restore of the same books.
        const auto dump = (dir / "dump.sql").string();
        double dumped = timed({klynge, "-C", ws.string(), "dump", "-o", dump});
        const fs::path other = dir / "restored";
        makeWorkspace(klynge, other);
        fs::remove(other / "klynge.db");
        double restored = timed({klynge, "-C", other.string(), "--quiet", "restore", dump});
        std::printf("  %8ld entries: dump %.3f s, restore %.3f s (dump %.0f MB)\n", n, dumped, restored,
                    static_cast<double>(fs::file_size(dump)) / 1e6);
        std::fflush(stdout);
    }
    printGrowth("ledger import", books);

    std::printf("\nA concurrent writer (busy timeout $KLYNGE_BUSY_TIMEOUT, default 10 s):\n");
    if (!rosterSizes.empty()) {
        long n = rosterSizes.back();
        makeWorkspace(klynge, ws);
        concurrentAdd(klynge, ws, ("member import " + std::to_string(n)).c_str(),
                      {klynge, "-C", ws.string(), "--quiet", "member", "import",
                       (dir / ("roster-" + std::to_string(n) + ".csv")).string()},
                      1);
    }
    if (entries > 0) {
        makeWorkspace(klynge, ws);
        concurrentAdd(klynge, ws, ("ledger import " + std::to_string(entries)).c_str(),
                      {klynge, "-C", ws.string(), "--quiet", "ledger", "import",
                       (dir / ("books-" + std::to_string(entries) + ".csv")).string()},
                      2);
    }
    return 0;
}
