// klynge merge-driver | merge --conflicts | merge --take, and klynge git setup
// (klynge-merge(1), klynge-git(1)).
#include "cli.hpp"

#include "klynge/merge/git.hpp"
#include "klynge/merge/merge.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge::cli {
namespace {

void registerDriver(CLI::App& app, Context& ctx) {
    struct Options {
        std::string base, ours, theirs, path = "klynge.db";
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("merge-driver", "git's merge driver for klynge.db (git runs it; see klynge-merge(1))");
    cmd->add_option("BASE", o->base, "The common ancestor's klynge.db (git's %O)")->required();
    cmd->add_option("OURS", o->ours, "Our klynge.db, replaced by the merged one (git's %A)")->required();
    cmd->add_option("THEIRS", o->theirs, "Their klynge.db (git's %B)")->required();
    cmd->add_option("PATH", o->path, "The file's path in the repository (git's %P)");
    cmd->callback([&ctx, o] {
        // Needs no workspace: git runs it on temporary copies of the blobs.
        auto report = mergeDatabases(o->base, o->ours, o->theirs, o->ours);
        ctx.err << fmt::format("klynge: merged {} record by record: {} from our side, {} from theirs, {} field by field\n",
                               o->path, report.fromOurs, report.fromTheirs, report.merged);
        for (const auto& r : report.renumbered)
            ctx.err << fmt::format("klynge:   renumbered {} {} → {} (the other clone had used {} too)\n", r.record,
                                   r.from, r.to, r.from);
        if (report.conflicts.empty()) return;
        for (const auto& c : report.conflicts) ctx.err << "klynge:   conflict " << c << '\n';
        throw RuleViolation(fmt::format("{} conflict{} in {} — take a side for each with `klynge merge --take "
                                        "ours|theirs N` (`klynge merge --conflicts` lists them), then `git add {}` and "
                                        "commit",
                                        report.conflicts.size(), report.conflicts.size() == 1 ? "" : "s", o->path,
                                        o->path));
    });
}

void registerResolve(CLI::App& app, Context& ctx) {
    struct Options {
        bool conflicts = false, all = false;
        std::string take;
        std::vector<std::int64_t> numbers;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("merge", "The conflicts a git merge of klynge.db left, and taking a side");
    cmd->add_flag("--conflicts", o->conflicts, "List the last merge's conflicts (the default)");
    cmd->add_option("--take", o->take, "Resolve conflict N by taking our side's or their side's records")
        ->check(CLI::IsMember({"ours", "theirs"}))
        ->type_name("ours|theirs");
    cmd->add_option("N", o->numbers, "The conflicts to resolve (with --take)");
    cmd->add_flag("--all", o->all, "With --take: every open conflict");
    cmd->callback([&ctx, o] {
        if (o->take.empty() && (o->all || !o->numbers.empty()))
            throw InvalidValue("N and --all go with --take ours|theirs — e.g. `klynge merge --take ours 2`");
        if (!o->take.empty() && o->numbers.empty() && !o->all)
            throw InvalidValue("--take needs the conflict's number (or --all) — `klynge merge --conflicts` lists them");
        ctx.mergeCommand = true;
        auto session = ctx.open();
        auto list = mergeConflicts(session.store());
        if (o->take.empty()) {
            out::Table t{{{"number", "N"}, {"status", "STATUS"}, {"kind", "KIND"}, {"conflict", "CONFLICT"}}, {}};
            for (const auto& c : list)
                t.add({c.number, c.resolved ? "took " + c.took : std::string("open"), c.kind, c.description});
            if (ctx.table() && list.empty()) {
                ctx.note("No conflicts from the last merge of klynge.db.");
                return;
            }
            return ctx.print(t);
        }
        std::vector<std::int64_t> numbers = o->numbers;
        if (o->all)
            for (const auto& c : list)
                if (!c.resolved) numbers.push_back(c.number);
        const bool ours = o->take == "ours";
        ctx.write(session, std::function<std::string(WriteTransaction&)>([&](WriteTransaction& tx) {
            for (auto n : numbers) takeMergeSide(session.store(), tx, n, ours);
            return fmt::format("merge: took {} side of conflict{} {}", ours ? "our" : "their",
                               numbers.size() == 1 ? "" : "s", fmt::join(numbers, ", "));
        }));
        if (ctx.globals.dryRun) return;
        for (auto n : numbers) ctx.note(fmt::format("Conflict {}: took {} side", n, ours ? "our" : "their"));
        std::size_t open = 0;
        for (const auto& c : mergeConflicts(session.store())) open += !c.resolved;
        if (open) ctx.note(fmt::format("{} conflict{} still open (`klynge merge --conflicts`)", open, open == 1 ? "" : "s"));
        else ctx.note("Every conflict is resolved: `git add klynge.db` and commit the merge.");
    });
}

} // namespace

void registerMerge(CLI::App& app, Context& ctx) {
    registerDriver(app, ctx);
    registerResolve(app, ctx);
}

void registerGit(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("git", "The workspace in git: klynge's merge driver and diff");
    grp->require_subcommand(1);
    auto* setup = grp->add_subcommand("setup", "Register klynge's merge driver and textconv in this clone (once per clone)");
    setup->callback([&ctx] {
        auto paths = locateWorkspace(ctx.globals.dir ? std::optional<std::filesystem::path>(*ctx.globals.dir)
                                                     : std::nullopt);
        if (ctx.globals.dryRun) {
            ctx.err << "dry run: would set merge.klynge.driver and diff.klynge.textconv in git config, and "
                       ".gitattributes\n";
            return;
        }
        for (const auto& n : setupGit(paths)) {
            if (n.starts_with("warning: ")) ctx.warn(n.substr(9));
            else ctx.note(n);
        }
        ctx.note("This clone now merges klynge.db record by record; `git log -p klynge.db` shows records.");
    });
}

} // namespace klynge::cli
