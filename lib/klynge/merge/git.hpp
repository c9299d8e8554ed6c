// The workspace in git (issue 12): `klynge git setup` registers klynge's
// merge driver and textconv in a clone — by command name, so a clone or a
// moved binary keeps working — and every command first makes sure it is not
// about to run on one side's data.
#pragma once

#include "klynge/store/store.hpp"
#include "klynge/store/workspace.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct GitRepo {
    std::filesystem::path gitDir;    // .git, or a worktree's own directory
    std::filesystem::path commonDir; // where config lives
};
// The repository that holds `dir`, if any (found like git: .git upward).
std::optional<GitRepo> findGitRepo(const std::filesystem::path& dir);

// What `klynge git setup` configured: notes for the user.
std::vector<std::string> setupGit(const WorkspacePaths& paths);

// Why no command may run now, if so: a clone whose .gitattributes name
// klynge's merge driver but whose git config lacks it; a merge that left
// conflicts open; a merge in which git kept one side's klynge.db whole.
std::optional<std::string> mergeRefusal(const WorkspacePaths& paths, Store& store);

} // namespace klynge
