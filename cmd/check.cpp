// klynge check — every rule of DOMAIN.md marked "check" (klynge-check(1)).
#include "cli.hpp"

#include "klynge/checks/check.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge::cli {

void registerCheck(CLI::App& app, Context& ctx) {
    struct Options {
        std::string at;
        bool rules = false;
        bool full = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("check", "Check every rule; exit 1 if any error (for scripts and cron)");
    cmd->add_option("--at", o->at, "Check as of this date (default: today, or $KLYNGE_TODAY)")->type_name("DATE");
    cmd->add_flag("--rules", o->rules, "List the rules klynge checks, with their sources");
    cmd->add_flag("--full", o->full,
                  "Walk the whole hash chain, even where a verified checkpoint lets a big chain's walk start later");
    cmd->callback([&ctx, o] {
        if (o->rules) {
            out::Table t{{{"rule", "RULE"}, {"description", "WHAT"}, {"source", "SOURCE"}}, {}};
            for (auto* r : allRules())
                t.add({std::string(r->id), std::string(r->description), std::string(r->source)});
            return ctx.print(t);
        }
        auto session = ctx.open(Store::Mode::readOnly);
        Date at = o->at.empty() ? Date::today() : parseDate(o->at, "--at");
        CheckContext cc{session.store(), session.config(), session.paths(), at};
        cc.full = o->full;
        auto findings = runChecks(cc);
        int errors = 0;
        for (auto& f : findings) errors += f.severity == Severity::error;
        out::Table t{{{"severity", "SEVERITY"}, {"rule", "RULE"}, {"message", "MESSAGE"}}, {}};
        for (auto& f : findings) t.add({std::string(severityName(f.severity)), f.rule, f.message});
        if (ctx.table()) {
            bool color = ctx.style().color;
            for (auto& f : findings) {
                auto sev = std::string(severityName(f.severity));
                if (color) sev = (f.severity == Severity::error ? "\033[31m" : "\033[33m") + sev + "\033[0m";
                ctx.out << fmt::format("{}: {} [{}]\n", sev, f.message, f.rule);
            }
            if (!ctx.globals.quiet)
                ctx.out << fmt::format("{} rules checked as of {}: {} error{}, {} warning{}{}\n", allRules().size(),
                                       at.iso(), errors, errors == 1 ? "" : "s", findings.size() - errors,
                                       findings.size() - errors == 1 ? "" : "s",
                                       cc.chainNote.empty() ? "" : "; " + cc.chainNote);
        } else {
            ctx.print(t);
        }
        if (errors) throw Error(ExitCode::rule, fmt::format("{} check{} failed — fix the errors above", errors,
                                                            errors == 1 ? "" : "s"));
    });
}

} // namespace klynge::cli
