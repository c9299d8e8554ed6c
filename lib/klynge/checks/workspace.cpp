// Rules about the workspace's files (DESIGN.md "The workspace"; issue 11 §1):
// what an interrupted command left behind, and what git must never version.
#include "klynge/checks/check.hpp"
#include "klynge/store/temporary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <fstream>
#include <set>

namespace klynge {
namespace {

// A klynge killed while it wrote (power cut, kill -9) leaves its temporary
// behind; the next command that writes removes it (Context::open), so one
// that is still here was left since the last write.
void leftoverTemporaries(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto found = findTemporaries(ctx.paths.root);
    if (!found.stale.empty())
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("{} temporar{} left by an interrupted klynge command: {} — the next command that "
                                   "writes removes {} (or delete {} yourself)",
                                   found.stale.size(), found.stale.size() == 1 ? "y" : "ies",
                                   fmt::join(found.stale, ", "), found.stale.size() == 1 ? "it" : "them",
                                   found.stale.size() == 1 ? "it" : "them")});
}

// private/ must never reach git, nor a journal or temporary that holds a
// half-written copy of the records. A workspace made before issue 11 lacks
// the newer temporaries' patterns.
void gitignoreComplete(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::ifstream in(ctx.paths.root / ".gitignore", std::ios::binary);
    const bool exists = static_cast<bool>(in);
    std::set<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.insert(line);
    }
    std::vector<std::string_view> missing;
    for (auto pattern : requiredGitignorePatterns())
        if (!lines.count(std::string(pattern))) missing.push_back(pattern);
    if (missing.empty()) return;
    const bool leaksPrivate = !lines.count("/private/") && !lines.count("private/") && !lines.count("/private");
    // An error only where git would take private/ now: the workspace is a repository.
    std::error_code ec;
    const bool repository = std::filesystem::exists(ctx.paths.root / ".git", ec);
    out.push_back({std::string(rule.id), leaksPrivate && repository ? Severity::error : Severity::warning,
                   fmt::format(".gitignore {} {} — add {} so that git never versions {}",
                               exists ? "lacks" : "is missing; it should hold", fmt::join(missing, " "),
                               missing.size() == 1 ? "that line" : "these lines, one a line,",
                               leaksPrivate ? "the CPR numbers in private/" : "klynge's temporaries and journals")});
}

constexpr std::array rules{
    CheckRule{"workspace.temporaries", "no temporaries of an interrupted command are left", "issue 11",
              leftoverTemporaries},
    CheckRule{"workspace.gitignore", ".gitignore keeps private/, journals and temporaries out of git",
              "DESIGN.md \"The workspace\"", gitignoreComplete},
};

} // namespace

std::span<const CheckRule> workspaceRules() { return rules; }

} // namespace klynge
