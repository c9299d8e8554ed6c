// Wall time of `klynge status` and `klynge member list` on the demo workspace
// (issue 2: under 10 ms each). Runs the real binary; prints the median and
// spread of N runs. Usage:
//   bench_status KLYNGE_BINARY [WORKSPACE] [RUNS]
// Without WORKSPACE it builds the demo cluster with examples/demo.sh first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

double runOnce(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ) != 0) {
        std::perror("posix_spawn");
        std::exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    auto end = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
        std::fprintf(stderr, "%s failed with status %d\n", argv[1].c_str(), status);
        std::exit(1);
    }
    return std::chrono::duration<double, std::milli>(end - start).count();
}

void bench(const std::string& label, const std::vector<std::string>& argv, int runs) {
    runOnce(argv); // warm the page cache
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) ms.push_back(runOnce(argv));
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[static_cast<std::size_t>(q * (ms.size() - 1))]; };
    std::printf("%-22s runs %3d  median %6.2f ms  min %6.2f  p90 %6.2f  max %6.2f\n", label.c_str(), runs, at(0.5),
                ms.front(), at(0.9), ms.back());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s KLYNGE_BINARY [WORKSPACE] [RUNS]\n", argv[0]);
        return 2;
    }
    std::string klynge = argv[1];
    std::string workspace = argc > 2 ? argv[2] : "";
    int runs = argc > 3 ? std::atoi(argv[3]) : 50;
    if (workspace.empty()) {
        std::string dir = "/tmp/klynge-bench-demo";
        std::string cmd = "bash " KLYNGE_SOURCE_DIR "/examples/demo.sh '" + klynge + "' " + dir + " >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0) {
            std::fprintf(stderr, "building the demo workspace failed: %s\n", cmd.c_str());
            return 1;
        }
        workspace = dir + "/oesterbro";
    }
    setenv("KLYNGE_TODAY", "2026-01-02", 1);
    std::printf("klynge %s on %s\n", klynge.c_str(), workspace.c_str());
    bench("status", {klynge, "-C", workspace, "status"}, runs);
    bench("member list", {klynge, "-C", workspace, "member", "list"}, runs);
    bench("check", {klynge, "-C", workspace, "check"}, runs);
    bench("member list --format json", {klynge, "-C", workspace, "member", "list", "--format", "json"}, runs);
    bench("(baseline: /bin/true)", {"/bin/true", "x"}, runs);
    return 0;
}
