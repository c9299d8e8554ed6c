#include "klynge/store/output_path.hpp"

#include "klynge/store/temporary.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace klynge {
namespace {

constexpr std::array<WorkspaceEntry, 18> ownEntries{{
    {"klynge.db", false, "the workspace's database"},
    {"klynge.db-journal", false, "the database's rollback journal"},
    {"klynge.db-wal", false, "a side file of the database"},
    {"klynge.db-shm", false, "a side file of the database"},
    {"klynge.head", false, "the anchor of the hash chain's heads"},
    {"klynge.head-pending", false, "the chain anchor a running command is writing"},
    {"klynge.toml", false, "the cluster's settings"},
    {"rates.toml", false, "the workspace's grant rates"},
    {".gitignore", false, "git's list of what is never versioned, private/ among it"},
    {".gitattributes", false, "git's diff settings for klynge.db"},
    {"templates", true, "the workspace's document templates"},
    {"receipts", true, "the receipts (bilag), kept unchanged"},
    {".git", true, "the workspace's git repository"},
    // private/ is the place for files with full CPR numbers; only the folder
    // itself and the private store are klynge's own.
    {"private", false, "the folder of CPR numbers and bank details"},
    {"private/cpr.db", false, "the private store of CPR numbers"},
    {"private/cpr.db-journal", false, "the private store's rollback journal"},
    {"private/cpr.db-wal", false, "a side file of the private store"},
    {"private/cpr.db-shm", false, "a side file of the private store"},
}};

bool isWorkspaceRoot(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "klynge.toml", ec);
}

// `inner` is `outer` or lies below it (both normalised, absolute).
bool within(const fs::path& inner, const fs::path& outer) {
    auto rel = inner.lexically_relative(outer);
    return !rel.empty() && *rel.begin() != "..";
}

// The file a write to `p` reaches: through every symbolic link, also one
// whose target does not exist yet (weakly_canonical leaves that one alone).
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path at = fs::absolute(p, ec);
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(at, ec)); ++hops) {
        auto link = fs::read_symlink(at, ec);
        if (ec) break;
        at = link.is_absolute() ? link : at.parent_path() / link;
    }
    auto r = fs::weakly_canonical(at, ec);
    return ec ? at.lexically_normal() : r;
}

const WorkspaceEntry* ownEntryAt(const fs::path& relative) {
    for (const auto& e : ownEntries) {
        fs::path entry(e.path);
        if (relative == entry || (e.tree && within(relative, entry))) return &e;
    }
    return nullptr;
}

} // namespace

std::span<const WorkspaceEntry> workspaceOwnEntries() { return ownEntries; }

bool isStreamTarget(const fs::path& target) {
    std::error_code ec;
    auto s = fs::status(target, ec);
    return !ec && (fs::is_character_file(s) || fs::is_fifo(s));
}

fs::path checkedOutputPath(const OutputRequest& r) {
    auto refuse = [&](std::string_view why, std::string_view fix) {
        return InvalidValue(fmt::format("{} {}: {} — {}", r.option, r.given, why, fix));
    };
    if (r.given.empty())
        throw InvalidValue(fmt::format("{} is empty — give the name of the {} to write", r.option,
                                       r.kind == OutputKind::file ? "file" : "folder"));
    const fs::path given(r.given);
    if (isKlyngeTemporary(given.filename().string()))
        throw refuse("names with .klynge-tmp or .klynge-old are klynge's temporaries, removed after an "
                     "interrupted command",
                     "choose another name");
    std::error_code ec;
    const auto status = fs::status(given, ec);
    const bool exists = !ec && fs::exists(status);
    if (r.kind == OutputKind::file) {
        if (exists && fs::is_directory(status))
            throw refuse("that is a folder", "give the path of a file to write");
        if (exists && (fs::is_block_file(status) || fs::is_socket(status)))
            throw refuse("that is a device or socket, not a file", "give the path of a file to write");
        if (isStreamTarget(given)) return given; // /dev/stdout, a pipe: nothing of the workspace to protect
    } else if (exists && !fs::is_directory(status)) {
        throw refuse("that is a file, not a folder", "give a folder, or move the file aside");
    }

    const fs::path target = resolved(given);
    const fs::path parent = target.parent_path();
    if (!fs::is_directory(parent, ec))
        throw refuse(fmt::format("the folder {} does not exist", parent.string()), "create it first, or choose "
                                                                                    "another place");
    for (const auto& input : r.inputs)
        if (!input.empty() && resolved(input) == target)
            throw refuse("that is the file this command reads", "write the result to another file");

    // Every workspace the target lies in, nearest first, and the command's own.
    std::vector<fs::path> roots;
    for (fs::path dir = parent;; dir = dir.parent_path()) {
        if (isWorkspaceRoot(dir)) roots.push_back(dir);
        if (dir == dir.root_path() || dir.empty()) break;
    }
    if (r.workspace) {
        auto own = resolved(*r.workspace);
        if (within(target, own) && std::find(roots.begin(), roots.end(), own) == roots.end()) roots.push_back(own);
    }
    bool inPrivate = false;
    for (const auto& root : roots) {
        const auto relative = target.lexically_relative(root);
        if (const auto* entry = ownEntryAt(relative)) {
            const bool inside = fs::path(entry->path) != relative;
            throw refuse(inside ? fmt::format("that is inside {}/, {}", entry->path, entry->what)
                                : fmt::format("that is {}, {}", entry->path, entry->what),
                         "write to another file, e.g. in documents/ or outside the workspace");
        }
        if (r.kind == OutputKind::folder && !within(relative, "documents") )
            throw refuse("that folder is inside the workspace, outside documents/",
                         "give a folder in documents/ or outside the workspace");
        inPrivate = inPrivate || within(relative, "private");
    }
    if (r.contents == OutputContents::fullCprs && !r.force && !inPrivate) {
        std::optional<fs::path> versioned = roots.empty() ? std::nullopt : std::optional<fs::path>(roots.front());
        for (fs::path dir = parent; !versioned; dir = dir.parent_path()) {
            if (fs::exists(dir / ".git", ec)) versioned = dir;
            if (dir == dir.root_path() || dir.empty()) break;
        }
        if (versioned)
            throw refuse(fmt::format("the file would hold full CPR numbers inside {} {}, where git versions it",
                                     roots.empty() ? "the git work tree" : "the workspace", versioned->string()),
                         fmt::format("write it into the workspace's private/ (e.g. {} private/{}) or outside; "
                                     "--force writes it there anyway",
                                     r.option, given.filename().string()));
    }
    return target;
}

} // namespace klynge
