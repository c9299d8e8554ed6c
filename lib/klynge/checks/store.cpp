// Rules about the records themselves (DESIGN.md "Nothing is lost"; issue 11
// "Tamper evidence without gaps"): every record matches the hash chain,
// the chain ends where klynge.head says, and the schema — with its
// append-only triggers — is the one klynge's migrations made.
#include "klynge/checks/check.hpp"
#include "klynge/merge/git.hpp"
#include "klynge/store/chain.hpp"
#include "klynge/store/checkpoint.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <ctime>
#include <fstream>
#include <sstream>
#include <set>

namespace klynge {
namespace {

std::string fullWalkTime() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Every record and every link recomputed.
void chainIntact(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto& file = ctx.store.file();
    std::optional<ChainCheckpoint> since;
    if (!ctx.full) since = readChainCheckpoint(file);
    if (since && databaseIdentity(file) != since->file) since.reset(); // written by someone else since
    auto report = verifyChain(ctx.store, 50'000, since ? &*since : nullptr);
    if (report.fromCheckpoint)
        ctx.chainNote = fmt::format("hash chain: the {} links since its full walk on {} (`klynge check --full` "
                                    "walks all {})",
                                    report.linksWalked, since->verifiedAt.substr(0, 10), report.links);
    // A clean walk of a big chain leaves a checkpoint for the next one; a
    // break removes it, so every check names the break until it is mended.
    if (!report.breaks.empty() || report.links < checkpointFromLinks() || !report.counterKnown) {
        removeChainCheckpoint(file);
    } else if (auto identity = databaseIdentity(file)) {
        ChainCheckpoint next;
        next.file = *identity;
        next.file.changeCounter = report.changeCounter;
        next.link = report.newestLink;
        next.linkHash = report.newestHash;
        next.linksUpTo = report.links;
        next.heads = report.heads;
        next.verifiedAt = since && report.fromCheckpoint ? since->verifiedAt : fullWalkTime();
        try {
            writeChainCheckpoint(file, next);
        } catch (const Error&) {
            // Without a checkpoint the next check walks everything: slower, not weaker.
        }
    }
    for (const auto& b : report.breaks) out.push_back({std::string(rule.id), Severity::error, b.what});
    if (report.moreBreaks)
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("and {} more records or links that do not match the hash chain — restore "
                                   "klynge.db from git or a dump",
                                   report.moreBreaks)});
}

// The chain's heads are anchored in klynge.head, where git versions them:
// deleting the newest records together with their links leaves the file
// naming links the database no longer has.
void anchored(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto file = chainAnchorFile(ctx.store.file());
    const auto name = file.filename().string();
    auto error = [&](std::string message) { out.push_back({std::string(rule.id), Severity::error, std::move(message)}); };
    std::optional<std::vector<AnchoredHead>> anchor;
    try {
        anchor = readChainAnchor(file);
    } catch (const Error& e) {
        return error(e.what());
    }
    auto heads = readChainHeads(ctx.store.db());
    if (!anchor) {
        if (heads.empty()) return;
        return error(fmt::format("{} is missing, so nothing outside the database vouches for its newest records — "
                                 "restore it from git with `git checkout -- {}`",
                                 name, name));
    }
    SQLite::Statement link(ctx.store.db(), "SELECT lower(hex(hash)) FROM chain WHERE id = ?");
    std::vector<std::string> gone, altered;
    for (const auto& a : *anchor) {
        link.reset();
        link.bind(1, a.link);
        if (!link.executeStep()) gone.push_back(a.record);
        else if (link.getColumn(0).getString() != a.hashHex) altered.push_back(a.record);
    }
    if (!gone.empty())
        error(fmt::format("the newest record{} {} names ({}) {} missing from klynge.db together with {} link{} in the "
                          "hash chain: records were deleted behind klynge's back — restore klynge.db from git "
                          "(`git checkout -- klynge.db`) or a dump",
                          gone.size() == 1 ? "" : "s", name, fmt::join(gone, ", "), gone.size() == 1 ? "is" : "are",
                          gone.size() == 1 ? "its" : "their", gone.size() == 1 ? "" : "s"));
    if (!altered.empty())
        error(fmt::format("the hash chain's link for {} differs from the one {} anchors: it was altered behind "
                          "klynge's back — restore klynge.db from git or a dump",
                          fmt::join(altered, ", "), name));
    if (!gone.empty() || !altered.empty()) return;
    std::set<std::int64_t> anchoredLinks;
    for (const auto& a : *anchor) anchoredLinks.insert(a.link);
    std::vector<std::string> beyond;
    for (const auto& h : heads)
        if (!vouchedByAnchor(ctx.store.db(), h.link, anchoredLinks)) beyond.push_back(h.record);
    if (!beyond.empty())
        error(fmt::format("klynge.db's hash chain goes on past {} (its newest link{} {} {} not anchored): records "
                          "were added behind klynge's back, or {} was replaced by an older copy — restore both from "
                          "git",
                          name, beyond.size() == 1 ? "" : "s", fmt::join(beyond, ", "),
                          beyond.size() == 1 ? "is" : "are", name));
}

// The append-only triggers (and every table and index) are as klynge's
// migrations made them: dropping a trigger is the first step of an edit.
void schemaIntact(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto drift = schemaDrift(ctx.store.db());
    if (drift.empty()) return;
    out.push_back({std::string(rule.id), Severity::error,
                   fmt::format("the schema of klynge.db was changed behind klynge's back: {} — restore klynge.db from "
                               "git or a dump",
                               fmt::join(drift, "; "))});
}

// A workspace in git merges record by record only with klynge's driver:
// an older workspace's .gitattributes may not name it yet.
void gitReady(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    if (!findGitRepo(ctx.paths.root)) return;
    std::ifstream in(ctx.paths.root / ".gitattributes");
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("merge=klynge") == std::string::npos)
        out.push_back({std::string(rule.id), Severity::warning,
                       "the workspace is in git, but .gitattributes does not name klynge's merge driver, so a pull "
                       "that meets another clone's changes keeps one side's klynge.db — run `klynge git setup` in "
                       "each clone"});
}

constexpr std::array rules{
    CheckRule{"store.chain", "every record and every link matches the hash chain", "DESIGN.md", chainIntact,
              /*scansHistory=*/true},
    CheckRule{"store.anchor", "the hash chain ends at the links klynge.head anchors", "DESIGN.md", anchored},
    // Builds the expected schema from every migration in memory: a few
    // milliseconds that `klynge status` does not spend.
    CheckRule{"store.schema", "the schema and its append-only triggers are klynge's own", "DESIGN.md",
              schemaIntact, /*scansHistory=*/true},
    CheckRule{"store.git", "a workspace in git merges klynge.db record by record", "DESIGN.md", gitReady},
};

} // namespace

std::span<const CheckRule> storeRules() { return rules; }

} // namespace klynge
