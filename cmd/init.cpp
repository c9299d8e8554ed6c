// klynge init — create a cluster's workspace (klynge-init(1)).
#include "cli.hpp"

#include "klynge/text/municipalities.hpp"

#include "klynge/merge/git.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

namespace klynge::cli {
void registerInit(CLI::App& app, Context& ctx) {
    struct Options {
        std::string dir = ".";
        std::string name, cvr, municipality, region, founded;
        bool git = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("init", "Create a cluster workspace: klynge.toml, klynge.db, templates/, "
                                           "documents/, receipts/, private/");
    cmd->add_option("DIR", o->dir, "Directory to create (new or empty)")->capture_default_str();
    cmd->add_option("--name", o->name, "The cluster's name, e.g. \"Østerbroklyngen\"")->required();
    auto* cvr = cmd->add_option("--cvr", o->cvr, "The association's CVR number (8 digits); leave it out for a cluster "
                                                  "being founded, and record it later with `klynge config set`");
    cmd->add_option("--municipality", o->municipality, "The municipality, e.g. København")->required();
    cmd->add_option("--region", o->region, "Hovedstaden, Sjælland, Syddanmark, Midtjylland or Nordjylland")
        ->required();
    cmd->add_option("--founded", o->founded, "Date of the founding general assembly")->type_name("DATE");
    cmd->add_flag("--git", o->git, "Also run `git init` and `klynge git setup` (record-level merges, git diff as records)");
    cmd->callback([&ctx, o, cvr] {
        InitOptions opt;
        // Like git -C: DIR is taken relative to -C.
        opt.dir = ctx.globals.dir ? std::filesystem::path(*ctx.globals.dir) / o->dir : std::filesystem::path(o->dir);
        // Checked here, so that a bad value is named as the option, not as klynge.toml's setting.
        opt.identity.name = checkedText(o->name, "--name", text_limit::title);
        // Without --cvr: a cluster being founded, which gets its CVR number
        // after the founding assembly [000]; an empty --cvr '' is a mistake.
        if (cvr->count() > 0) opt.identity.cvr = withOption("--cvr", [&] { return Cvr::parse(o->cvr).str(); });
        opt.identity.municipality = checkedText(o->municipality, "--municipality", text_limit::word);
        // One of the 98 municipalities, kept in klynge.toml by its short name;
        // the documents write the official one ("Københavns Kommune").
        if (auto m = findMunicipality(opt.identity.municipality)) {
            opt.identity.municipality = std::string(m->name);
        } else if (auto near = closestMunicipality(opt.identity.municipality)) {
            throw InvalidValue(fmt::format("--municipality \"{}\" is not a Danish municipality — did you mean {}?",
                                           opt.identity.municipality, *near));
        } else {
            throw InvalidValue(fmt::format("--municipality \"{}\" is not a Danish municipality — give one of the 98 "
                                           "by name, e.g. København, Aarhus or Lyngby-Taarbæk",
                                           opt.identity.municipality));
        }
        opt.identity.region = o->region;
        static const std::vector<std::string> regions{"Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland",
                                                      "Nordjylland"};
        if (std::find(regions.begin(), regions.end(), o->region) == regions.end())
            throw InvalidValue(fmt::format("--region \"{}\" is not a Danish region — use Hovedstaden, Sjælland, "
                                           "Syddanmark, Midtjylland or Nordjylland",
                                           o->region));
        opt.identity.founded = parseOptionalDate(o->founded, "--founded");
        if (opt.identity.founded && *opt.identity.founded > Date::today())
            throw InvalidValue(fmt::format("--founded {} is in the future — give the date of the founding general "
                                           "assembly, once it is held",
                                           opt.identity.founded->iso()));
        opt.git = o->git;
        opt.commandLine = ctx.commandLine();
        if (ctx.globals.dryRun) {
            Config::parse(initialConfigText(opt.identity), "klynge.toml");
            ctx.err << fmt::format("dry run: would create the workspace {} in {}\n", o->name, o->dir);
            return;
        }
        auto result = initWorkspace(opt);
        ctx.note(fmt::format("Created the workspace for {} in {}", o->name, result.root.string()));
        for (auto& c : result.created) ctx.note("  " + c);
        if (result.git) {
            ctx.note("  git repository: klynge.db merges record by record, and git diff shows it as records");
            for (const auto& n : setupGit(WorkspacePaths{result.root})) ctx.note("    " + n);
        }
        if (opt.identity.cvr.empty())
            ctx.note("A cluster being founded: `klynge status` shows the founding checklist; record the CVR number "
                     "with `klynge config set cluster.cvr NNNNNNNN` once virk.dk has registered the association.");
        ctx.note("Next: klynge practice add YDERNR --name ... --patients N, then the members (klynge member add or");
        ctx.note("      import), the coordinator (klynge role assign koordinator ...), and the date of the last");
        ctx.note("      KiAP registration (klynge member registered --date DATE).");
    });
}

} // namespace klynge::cli
