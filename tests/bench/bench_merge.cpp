// Merging two clones (issue 12, "Speed"): a common base of BASE ledger
// entries (default 100,000, with their approvals and payments), each side
// adds SIDE more (default 10,000) — then `klynge merge-driver` merges the
// three databases, as git runs it. The goal: under 2 s.
//
//   bench_merge KLYNGE_BINARY [DIR] [BASE] [SIDE] [RUNS]
//
// It prints the median, minimum and maximum of RUNS merges, and checks that
// the merged workspace holds every entry of both sides and passes
// `klynge check`'s record rules.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

void sh(const std::string& command) {
    if (std::system(command.c_str()) != 0) {
        std::fprintf(stderr, "failed: %s\n", command.c_str());
        std::exit(1);
    }
}

// Entries numbered from `first`, over 2025, most approved and paid.
void writeBooks(const fs::path& file, long first, long count) {
    std::ofstream out(file);
    out << "date,amount,category,text,approved,paid\n";
    for (long i = first; i < first + count; ++i) {
        int day = static_cast<int>(i % 330);
        int month = day / 28 + 1, mday = day % 28 + 1;
        char date[16], later[16];
        std::snprintf(date, sizeof date, "2025-%02d-%02d", month, mday);
        std::snprintf(later, sizeof later, "2025-%02d-%02d", month, std::min(mday + 2, 28));
        out << date << ',' << 100 + i % 4000 << ",forplejning,Udgift " << i << ',';
        if (i % 10 < 8) out << later << ',' << later << '\n';
        else out << ",\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s KLYNGE_BINARY [DIR] [BASE] [SIDE] [RUNS]\n", argv[0]);
        return 2;
    }
    const std::string klynge = fs::absolute(argv[1]).string();
    const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "klynge-bench-merge";
    const long base = argc > 3 ? std::atol(argv[3]) : 100'000;
    const long side = argc > 4 ? std::atol(argv[4]) : 10'000;
    const int runs = argc > 5 ? std::atoi(argv[5]) : 5;
    setenv("KLYNGE_TODAY", "2025-12-31", 1);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string k = quoted(klynge), d = quoted(dir.string());

    std::printf("klynge %s: a base of %ld entries, %ld more on each side\n", klynge.c_str(), base, side);
    std::fflush(stdout);
    sh(k + " init " + d + "/base --name Bench --cvr 12345674 --municipality København --region Hovedstaden >/dev/null");
    writeBooks(dir / "base.csv", 0, base);
    writeBooks(dir / "ours.csv", base, side);
    writeBooks(dir / "theirs.csv", base + side, side);
    sh(k + " -C " + d + "/base ledger import " + d + "/base.csv >/dev/null 2>&1");
    sh("cp -a " + d + "/base " + d + "/ours && cp -a " + d + "/base " + d + "/theirs");
    sh(k + " -C " + d + "/ours ledger import " + d + "/ours.csv >/dev/null 2>&1");
    sh(k + " -C " + d + "/theirs ledger import " + d + "/theirs.csv >/dev/null 2>&1");

    std::vector<double> seconds;
    for (int i = 0; i < runs; ++i) {
        sh("cp " + d + "/ours/klynge.db " + d + "/merged.db");
        auto start = std::chrono::steady_clock::now();
        sh(k + " merge-driver " + d + "/base/klynge.db " + d + "/merged.db " + d + "/theirs/klynge.db 2>/dev/null");
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::printf("merge-driver                       runs %2d  median %7.3f s  min %7.3f  max %7.3f   (goal < 2 s: %s)\n",
                runs, median, seconds.front(), seconds.back(), median < 2 ? "met" : "NOT MET");

    // The merged workspace: every entry, and the records whole.
    sh("cp -a " + d + "/ours " + d + "/check && cp " + d + "/merged.db " + d + "/check/klynge.db && cat " + d +
       "/ours/klynge.head " + d + "/theirs/klynge.head > " + d + "/check/klynge.head");
    sh("test \"$(sqlite3 " + d + "/check/klynge.db 'SELECT count(*) FROM ledger_entry')\" = " +
       std::to_string(base + 2 * side));
    sh(k + " -C " + d + "/check check > " + d + "/check.out 2>&1 || true");
    sh("! grep -E '\\[(store\\.[a-z]+|money\\.totals)\\]' " + d + "/check.out");
    std::printf("merged: %ld entries, klynge check finds the records whole\n", base + 2 * side);
    return 0;
}
