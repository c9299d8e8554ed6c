// Start-up latency (issue 16 §3): every read command on a normal workspace
// should take less than half of `ledger -f ten-line.journal bal` — the
// time a small, well-known command-line tool needs to start, read a file
// and answer.
//
//   bench_startup KLYNGE_BINARY [WORKSPACE] [RUNS]
//
// Without WORKSPACE it builds the demo cluster (examples/demo.sh) in a
// temporary directory. It writes a ten-line ledger journal, then runs each
// klynge command and `ledger -f ten-line.journal bal` in turn, RUNS pairs
// (default 41) after three warm-up pairs, each with its output to /dev/null,
// and prints klynge's median, ledger's median and their ratio per command.
// Pairing run by run means a busy moment on a shared machine slows both.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

// Runs argv with stdout and stderr to /dev/null; its wall time in seconds,
// or a negative number if it could not run or failed.
double timed(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    // `check` exits 1 when it finds an error: that is an answer, not a failure.
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) return -1;
    return took.count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Ten lines: three transactions, as a small cluster's first weeks.
void writeJournal(const fs::path& file) {
    std::ofstream out(file);
    out << "2025-02-01 Klyngemidler 2025\n"
           "    Aktiver:Bank                       141941.20 kr\n"
           "    Indtægter:Driftstilskud\n"
           "2025-02-27 Smørrebrød til generalforsamlingen\n"
           "    Udgifter:Forplejning                 2385.00 kr\n"
           "    Aktiver:Bank\n"
           "2025-03-12 Leje af sal 2 og kaffe\n"
           "    Udgifter:Lokaleleje                    950.00 kr\n"
           "    Udgifter:Forplejning                   120.00 kr\n"
           "    Aktiver:Bank\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s KLYNGE_BINARY [WORKSPACE] [RUNS]\n", argv[0]);
        return 2;
    }
    const std::string klynge = fs::absolute(argv[1]).string();
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 41;
    const fs::path scratch = fs::temp_directory_path() / "klynge-bench-startup";
    fs::remove_all(scratch);
    fs::create_directories(scratch);

    std::string workspace = argc > 2 && std::string(argv[2]) != "" ? fs::absolute(argv[2]).string() : "";
    if (workspace.empty()) {
        std::printf("building the demo workspace (examples/demo.sh) ...\n");
        const std::string demo = std::string(KLYNGE_SOURCE_DIR) + "/examples/demo.sh";
        if (timed({"bash", demo, klynge, (scratch / "demo").string()}) < 0) {
            std::fprintf(stderr, "examples/demo.sh failed\n");
            return 1;
        }
        workspace = (scratch / "demo" / "oesterbro").string();
    }
    const auto journal = (scratch / "ten-line.journal").string();
    writeJournal(journal);
    const std::vector<std::string> ledger = {"ledger", "-f", journal, "bal"};
    if (timed(ledger) < 0) {
        std::fprintf(stderr, "`ledger -f %s bal` does not run — install ledger (apt install ledger)\n",
                     journal.c_str());
        return 1;
    }

    struct Command {
        const char* label;
        std::vector<std::string> args;
    };
    const std::vector<Command> commands = {
        {"klynge --version", {"--version"}},
        {"klynge status", {"-C", workspace, "status"}},
        {"klynge member list", {"-C", workspace, "member", "list"}},
        {"klynge ledger balance", {"-C", workspace, "ledger", "balance"}},
        {"klynge check", {"-C", workspace, "check"}},
    };
    std::printf("klynge %s\nworkspace %s\n%d paired runs per command (after 3 warm-up pairs); goal: ratio < 0.50\n\n",
                klynge.c_str(), workspace.c_str(), runs);
    std::printf("%-24s %14s %14s %8s\n", "command", "klynge median", "ledger median", "ratio");
    bool allMet = true;
    for (const auto& c : commands) {
        std::vector<std::string> args = {klynge};
        args.insert(args.end(), c.args.begin(), c.args.end());
        std::vector<double> ours, theirs;
        for (int i = 0; i < runs + 3; ++i) {
            const double a = timed(args), b = timed(ledger);
            if (a < 0) {
                std::fprintf(stderr, "%s failed\n", c.label);
                return 1;
            }
            if (i >= 3) {
                ours.push_back(a);
                theirs.push_back(b);
            }
        }
        const double ratio = median(ours) / median(theirs);
        const bool readCommand = c.args.front() != "--version";
        if (readCommand) allMet = allMet && ratio < 0.5;
        std::printf("%-24s %11.2f ms %11.2f ms %8.2f%s\n", c.label, median(ours) * 1e3, median(theirs) * 1e3, ratio,
                    readCommand ? (ratio < 0.5 ? "" : "  (goal not met)") : "  (baseline)");
    }
    std::printf("\n%s\n", allMet ? "every read command takes less than half of ledger's time"
                                 : "NOT every read command takes less than half of ledger's time");
    return 0;
}
