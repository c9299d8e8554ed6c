#include "klynge/merge/git.hpp"

#include "klynge/merge/merge.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace klynge {
namespace {

namespace fs = std::filesystem;

// What a clone's git config must say (git-config(1), gitattributes(5)).
constexpr std::string_view driverName = "klynge: the records of klynge.db, merged one by one";
constexpr std::string_view driverCommand = "klynge merge-driver %O %A %B %P";
constexpr std::string_view textconv = "klynge dump";
constexpr std::array attributeLines{
    std::string_view("klynge.db diff=klynge merge=klynge"),
    std::string_view("klynge.head merge=union"),
};

struct Run {
    int status = -1;
    std::string out;
};

// Runs git without a shell in `dir`; its stdout captured, its stderr dropped.
Run git(const std::vector<std::string>& args, const fs::path& dir) {
    std::vector<std::string> argv{"git", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    int pipefd[2];
    if (::pipe(pipefd) != 0) return {};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
    posix_spawn_file_actions_addclose(&fa, pipefd[0]);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "git", &fa, nullptr, cargs.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(pipefd[1]);
    Run run;
    if (rc != 0) {
        ::close(pipefd[0]);
        return run;
    }
    char buf[4096];
    for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) > 0;) run.out.append(buf, static_cast<std::size_t>(n));
    ::close(pipefd[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string readFile(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Whether a git config file defines merge.klynge.driver.
std::string_view trimmed(std::string_view s) {
    auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool sameLetters(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Whether a git config file sets merge.klynge.driver: a `driver = ...` line
// in a `[merge "klynge"]` section (git's section and key names ignore case,
// the quoted subsection does not). Read on every command that opens the
// workspace, so by hand: std::regex cost a quarter of `member list`.
bool definesDriver(const fs::path& file) {
    const std::string text = readFile(file);
    bool inside = false;
    for (std::string_view rest = text; !rest.empty();) {
        auto end = rest.find('\n');
        auto line = trimmed(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (line.starts_with('[')) {
            inside = false;
            if (!line.ends_with(']')) continue;
            auto header = trimmed(line.substr(1, line.size() - 2));
            auto space = header.find_first_of(" \t");
            inside = space != std::string_view::npos && sameLetters(header.substr(0, space), "merge") &&
                     trimmed(header.substr(space)) == "\"klynge\"";
        } else if (inside && line.size() > 6 && sameLetters(line.substr(0, 6), "driver") &&
                   trimmed(line.substr(6)).starts_with('=')) {
            return true;
        }
    }
    return false;
}

bool driverConfigured(const GitRepo& repo) {
    if (definesDriver(repo.commonDir / "config")) return true;
    if (const char* home = std::getenv("HOME"); home && *home) {
        if (definesDriver(fs::path(home) / ".gitconfig")) return true;
        const char* xdg = std::getenv("XDG_CONFIG_HOME");
        if (definesDriver((xdg && *xdg ? fs::path(xdg) : fs::path(home) / ".config") / "git" / "config")) return true;
    }
    return false;
}

bool attributesAskForDriver(const WorkspacePaths& paths) {
    return readFile(paths.root / ".gitattributes").find("merge=klynge") != std::string::npos;
}

} // namespace

std::optional<GitRepo> findGitRepo(const fs::path& start) {
    std::error_code ec;
    for (fs::path dir = fs::absolute(start, ec);; dir = dir.parent_path()) {
        auto dotgit = dir / ".git";
        if (fs::is_directory(dotgit, ec)) return GitRepo{dotgit, dotgit};
        if (fs::is_regular_file(dotgit, ec)) {
            // A worktree or submodule: "gitdir: PATH", and PATH/commondir.
            auto text = readFile(dotgit);
            if (!text.starts_with("gitdir: ")) return std::nullopt;
            fs::path gitdir = text.substr(8, text.find_last_not_of("\r\n") - 7);
            if (gitdir.is_relative()) gitdir = dir / gitdir;
            fs::path common = gitdir;
            if (auto c = readFile(gitdir / "commondir"); !c.empty()) {
                fs::path rel = c.substr(0, c.find_last_not_of("\r\n") + 1);
                common = rel.is_relative() ? gitdir / rel : rel;
            }
            return GitRepo{gitdir, common};
        }
        if (dir == dir.root_path() || dir.empty()) return std::nullopt;
    }
}

std::vector<std::string> setupGit(const WorkspacePaths& paths) {
    if (!findGitRepo(paths.root))
        throw ConfigError(fmt::format("{} is not in a git repository — run `git init` there first (or create the "
                                      "workspace with `klynge init --git`)",
                                      paths.root.string()));
    for (const auto& [key, value] : {std::pair{"merge.klynge.name", driverName}, std::pair{"merge.klynge.driver", driverCommand},
                                     std::pair{"diff.klynge.textconv", textconv}}) {
        if (git({"config", key, std::string(value)}, paths.root).status != 0)
            throw ConfigError(fmt::format("`git config {}` failed — is git installed, and may this user write the "
                                          "repository's .git/config?",
                                          key));
    }
    std::vector<std::string> notes{fmt::format("git config: merge.klynge.driver = {}", driverCommand),
                                   fmt::format("git config: diff.klynge.textconv = {}", textconv)};
    // .gitattributes is versioned: add what is missing, keep the rest.
    const auto file = paths.root / ".gitattributes";
    std::string text = readFile(file);
    std::vector<std::string> kept;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!(line.starts_with("klynge.db ") || line.starts_with("klynge.head "))) kept.push_back(line);
    std::string out;
    for (const auto& l : kept) out += l + "\n";
    if (out.find("klynge's merge driver") == std::string::npos)
        out += "# klynge.db merges record by record through klynge's merge driver (`klynge git setup` in each clone);\n"
               "# klynge.head keeps both sides' lines.\n";
    for (auto l : attributeLines) out += std::string(l) + "\n";
    if (out != text) {
        std::ofstream o(file, std::ios::trunc);
        o << out;
        if (!o.flush()) throw StorageError("cannot write .gitattributes — check the directory's permissions");
        notes.push_back(".gitattributes: klynge.db diff=klynge merge=klynge; klynge.head merge=union");
    }
    // By name: git runs whatever `klynge` the PATH finds.
    if (git({"--version"}, paths.root).status != 0) notes.push_back("warning: git is not on the PATH");
    bool onPath = false;
    if (const char* path = std::getenv("PATH"))
        for (std::string_view rest = path; !rest.empty();) {
            auto colon = rest.find(':');
            std::error_code ec;
            if (fs::exists(fs::path(rest.substr(0, colon)) / "klynge", ec)) onPath = true;
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    if (!onPath)
        notes.push_back("warning: no `klynge` on the PATH — git runs the merge driver and `git diff` by that name; "
                        "install klynge or put it on the PATH before the next pull");
    return notes;
}

std::optional<std::string> mergeRefusal(const WorkspacePaths& paths, Store& store) {
    auto repo = findGitRepo(paths.root);
    if (!repo) return std::nullopt;
    // A workspace inside a repository that ignores it (the demo's, under the
    // source tree's build/) is not versioned there: nothing to merge. git
    // runs only on this path, never on a clone that is set up.
    if (attributesAskForDriver(paths) && !driverConfigured(*repo) &&
        git({"check-ignore", "-q", "--", "klynge.db"}, paths.root).status != 0)
        return "this clone is not set up for klynge's record-level merge of klynge.db — run `klynge git setup` "
               "(once in each clone) before the next pull";
    auto conflicts = mergeConflicts(store);
    std::size_t open = 0;
    for (const auto& c : conflicts) open += !c.resolved;
    if (open)
        return fmt::format("klynge.db is half-merged: {} conflict{} of the last merge {} open — list them with "
                           "`klynge merge --conflicts`, take a side with `klynge merge --take ours|theirs N`, or undo "
                           "the merge with `git merge --abort`",
                           open, open == 1 ? "" : "s", open == 1 ? "is" : "are");
    std::error_code ec;
    if (!fs::exists(repo->gitDir / "MERGE_HEAD", ec)) return std::nullopt;
    // git is merging: did klynge.db merge record by record, or did git keep
    // our side's file whole (a clone without the driver)?
    auto unmerged = git({"ls-files", "-u", "-s", "--", "klynge.db"}, paths.root);
    if (unmerged.status != 0 || unmerged.out.empty()) return std::nullopt;
    std::string ours;
    std::istringstream lines(unmerged.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream f(line);
        std::string mode, sha, stage;
        f >> mode >> sha >> stage;
        if (stage == "2") ours = sha;
    }
    auto now = git({"hash-object", "--", "klynge.db"}, paths.root);
    if (conflicts.empty() && !ours.empty() && now.out.substr(0, ours.size()) == ours)
        return "git kept our side's klynge.db whole instead of merging its records (klynge's merge driver failed — "
               "its message is above git's — or did not run) — run `git merge --abort`, then `klynge git setup`, and "
               "merge again";
    return std::nullopt;
}

} // namespace klynge
