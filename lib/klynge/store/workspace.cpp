#include "klynge/store/workspace.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"
#include "klynge/store/chain.hpp"
#include "klynge/store/templates.hpp"
#include "klynge/store/temporary.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace klynge {
namespace {

bool isWorkspace(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "klynge.toml", ec);
}

void writeFile(const fs::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush())
        throw StorageError(fmt::format("cannot write {} — check the disk and permissions", path.string()));
}

// Runs a program without a shell (no quoting issues); returns its exit status.
int run(const std::vector<std::string>& argv, const fs::path& cwd) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (chdir(cwd.c_str()) != 0) _exit(127);
        std::vector<char*> args;
        for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        // git's chatter would mix with klynge's output.
        if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

constexpr std::string_view gitignore =
    "# private/ holds CPR numbers and bank details: never versioned (DESIGN.md).\n"
    "/private/\n"
    "# SQLite side files exist only while a command runs.\n"
    "/klynge.db-journal\n"
    "/klynge.db-wal\n"
    "/klynge.db-shm\n"
    "# Temporaries of a command that was interrupted; the next command removes them.\n"
    "*.klynge-tmp\n"
    "*.klynge-tmp-*\n"
    "*.klynge-old\n"
    "# klynge.head as a command writes it, until the command has committed.\n"
    "/klynge.head-pending\n";

// Every line above that is a pattern (klynge check warns when one is missing).
constexpr std::array<std::string_view, 8> gitignorePatterns{
    "/private/",    "/klynge.db-journal", "/klynge.db-wal", "/klynge.db-shm",
    "*.klynge-tmp", "*.klynge-tmp-*",     "*.klynge-old",   "/klynge.head-pending",
};

constexpr std::string_view gitattributes =
    "# klynge.db merges record by record through klynge's merge driver (`klynge git setup` in each clone);\n"
    "# klynge.head keeps both sides' lines.\n"
    "klynge.db diff=klynge merge=klynge\n"
    "klynge.head merge=union\n";

} // namespace

std::span<const std::string_view> requiredGitignorePatterns() {
    return gitignorePatterns;
}

WorkspacePaths locateWorkspace(const std::optional<fs::path>& dirOption) {
    std::error_code ec;
    if (dirOption) {
        if (!fs::is_directory(*dirOption, ec))
            throw ConfigError(fmt::format("-C {}: no such directory — give the cluster's workspace "
                                          "directory",
                                          dirOption->string()));
    } else if (const char* env = std::getenv("KLYNGE_DIR"); env && *env) {
        fs::path dir(env);
        if (!isWorkspace(dir))
            throw ConfigError(fmt::format("KLYNGE_DIR={} is not a klynge workspace (no klynge.toml) — "
                                          "fix or unset KLYNGE_DIR",
                                          dir.string()));
        return {fs::absolute(dir)};
    }
    fs::path start = fs::absolute(dirOption.value_or(fs::current_path()), ec);
    for (fs::path dir = start;; dir = dir.parent_path()) {
        if (isWorkspace(dir)) return {dir};
        if (dir == dir.root_path() || dir.empty()) break;
    }
    throw ConfigError(fmt::format("not a klynge workspace: no klynge.toml in {} or any parent — "
                                  "run `klynge init DIR` to create one, or use -C DIR",
                                  start.string()));
}

Session Session::open(const std::optional<fs::path>& dirOption, [[maybe_unused]] Store::Mode mode, bool dryRun) {
    WorkspacePaths paths = locateWorkspace(dirOption);
    Config config = Config::load(paths.toml());
    // Reading and writing commands open the store alike: read-write when
    // the file allows it (so a hot journal is rolled back), not migrated
    // until the version is known and --dry-run is ruled out.
    Store store = Store::open(paths.database(), Store::Mode::readOnly);
    if (int version = store.schemaVersion(); version < latestSchemaVersion()) {
        if (dryRun)
            throw StorageError(fmt::format("this workspace needs an upgrade from schema {} to schema {}, which "
                                           "--dry-run may not write — run any command without --dry-run",
                                           version, latestSchemaVersion()));
        try {
            store.migrate();
        } catch (const SQLite::Exception& e) {
            throwStorageError(e, fmt::format("upgrading klynge.db from schema {}", version));
        }
    }
    return Session(std::move(paths), std::move(config), std::move(store));
}

InitResult initWorkspace(const InitOptions& options) {
    std::error_code ec;
    fs::path target = fs::absolute(options.dir);
    if (isWorkspace(target))
        throw InvalidValue(fmt::format("{} is already a klynge workspace — use it, or choose another "
                                       "directory",
                                       target.string()));
    if (fs::exists(target, ec) && !fs::is_empty(target, ec))
        throw InvalidValue(fmt::format("{} exists and is not empty — give a new or empty directory",
                                       target.string()));
    if (!fs::is_directory(target.parent_path(), ec))
        throw InvalidValue(fmt::format("{} does not exist — create it first, or choose another place",
                                       target.parent_path().string()));

    // Validate the identity the same way every later run validates klynge.toml.
    const std::string tomlText = initialConfigText(options.identity);
    Config::parse(tomlText, "klynge.toml");

    // Built in a locked ".NAME.<random>.klynge-tmp" beside DIR, removed on any
    // failure; the next command sweeps one a kill -9 left (temporary.hpp).
    TemporaryPath stagingFolder(temporaryNameFor(target.parent_path() / ("." + target.filename().string())),
                                TemporaryPath::Kind::folder, target.string());
    const fs::path& staging = stagingFolder.path();
    InitResult result{target, {}, false};
    try {
        writeFile(staging / "klynge.toml", tomlText);
        result.created.push_back("klynge.toml");
        {
            Store store = Store::create(staging / "klynge.db");
            WriteTransaction tx(store, options.commandLine);
            tx.commit(fmt::format("created the workspace for {}", options.identity.name));
        }
        result.created.push_back("klynge.db");
        fs::create_directory(staging / "templates");
        for (const auto& t : builtinTemplates()) writeFile(staging / "templates" / t.name, t.text);
        result.created.push_back("templates/");
        for (auto dir : {"documents", "receipts"}) {
            fs::create_directory(staging / dir);
            // Empty directories are invisible to git; keep them in the repository.
            writeFile(staging / dir / ".gitkeep", "");
            result.created.push_back(std::string(dir) + "/");
        }
        // The bylaws from the policy just written (klynge meeting bylaws re-generates them).
        writeFile(staging / "documents" / "vedtaegter.md",
                  renderBylaws(Config::parse(tomlText, "klynge.toml"), loadTemplate(staging, "vedtaegter.md.mustache")));
        result.created.push_back("documents/vedtaegter.md");
        fs::create_directory(staging / "private");
        fs::permissions(staging / "private", fs::perms::owner_all, fs::perm_options::replace);
        result.created.push_back("private/ (mode 0700)");
        writeFile(staging / ".gitignore", gitignore);
        writeFile(staging / ".gitattributes", gitattributes);
        result.created.push_back(".gitignore");
        result.created.push_back(".gitattributes");
        if (options.git) {
            if (run({"git", "init", "--quiet"}, staging) != 0)
                throw RuleViolation("`git init` failed — is git installed? Run without --git, or install git");
            result.git = true;
        }
        if (fs::exists(target, ec)) fs::remove(target);
        fs::rename(staging, target);
        stagingFolder.release();
    } catch (const fs::filesystem_error& e) {
        throw StorageError(fmt::format("cannot create the workspace: {} — check the directory's "
                                       "permissions and free space",
                                       e.code().message()));
    }
    return result;
}

} // namespace klynge
