// A cluster is a directory — a workspace — found git-style (DESIGN.md,
// "The workspace"): -C DIR, else $KLYNGE_DIR, else the nearest directory
// upward that holds klynge.toml.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/store/store.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace klynge {

namespace fs = std::filesystem;

struct WorkspacePaths {
    fs::path root;
    fs::path toml() const { return root / "klynge.toml"; }
    fs::path database() const { return root / "klynge.db"; }
    fs::path templates() const { return root / "templates"; }
    fs::path documents() const { return root / "documents"; }
    fs::path receipts() const { return root / "receipts"; }
    fs::path privateDir() const { return root / "private"; }
};

// Throws ConfigError (exit 3) when no workspace is found.
WorkspacePaths locateWorkspace(const std::optional<fs::path>& dirOption);

// An open workspace: the validated klynge.toml and the store.
class Session {
public:
    // An older workspace is migrated forward, even by a reading command —
    // but never under --dry-run (`dryRun`), which must not change a byte:
    // then it is refused with a StorageError that says to run without it.
    // `mode` states the command's intent; both open the store the same way.
    static Session open(const std::optional<fs::path>& dirOption,
                        Store::Mode mode = Store::Mode::readWrite, bool dryRun = false);

    const WorkspacePaths& paths() const { return paths_; }
    const Config& config() const { return config_; }
    Store& store() { return store_; }
    // Whether opening rolled back a command that was killed mid-write.
    bool recovered() const { return store_.recovered(); }

private:
    Session(WorkspacePaths p, Config c, Store s)
        : paths_(std::move(p)), config_(std::move(c)), store_(std::move(s)) {}
    WorkspacePaths paths_;
    Config config_;
    Store store_;
};

struct InitOptions {
    fs::path dir;
    ClusterIdentity identity;
    bool git = false; // `git init` it (the caller then runs setupGit)
    std::string commandLine; // for the first audit record
};

struct InitResult {
    fs::path root;
    std::vector<std::string> created; // relative paths, in creation order
    bool git = false;
};

// The lines .gitignore must hold (written by init): private/, SQLite's side
// files and every temporary klynge can leave after an interruption.
std::span<const std::string_view> requiredGitignorePatterns();

// Creates the workspace atomically: everything is built in a temporary
// directory beside DIR and moved into place at the end, so a failure leaves
// nothing behind. Refuses a directory that already holds a workspace or
// other files.
InitResult initWorkspace(const InitOptions& options);

} // namespace klynge
