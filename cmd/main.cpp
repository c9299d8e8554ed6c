// The klynge executable: parse, dispatch to one command group, and turn a
// failure into one line on stderr and a documented exit code (klynge(1)).
#include "cli.hpp"
#include "honoraria.hpp"

#include "klynge/text/error.hpp"
#include "klynge/store/store.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <unistd.h>

namespace {

using klynge::ExitCode;

struct CommandGroup {
    std::vector<std::string_view> names; // the top-level commands it adds
    void (*add)(CLI::App&, klynge::cli::Context&);
    bool needsAll = false; // works on the whole command tree
};

// Every command group, in the order `klynge --help` lists them.
const std::vector<CommandGroup>& commandGroups() {
    using namespace klynge::cli;
    static const std::vector<CommandGroup> groups = {
        {{"init"}, registerInit},
        {{"status"}, registerStatus},
        {{"check"}, registerCheck},
        {{"config"}, registerConfig},
        {{"log"}, registerLog},
        {{"dump", "restore"}, registerDump},
        {{"practice"}, registerPractice},
        {{"member"}, registerMember},
        {{"role"}, registerRole},
        {{"grant"}, registerGrant},
        {{"ledger"}, registerLedger},
        {{"budget"}, registerBudget},
        {{"calendar"}, registerCalendar},
        {{"meeting"}, registerMeeting},
        {{"contract"}, registerContract},
        {{"hours"}, registerHours},
        {{"payout"}, registerPayout},
        {{"skat"}, registerSkat},
        {{"vote"}, registerVote},
        {{"merge-driver", "merge"}, registerMerge},
        {{"theme"}, registerTheme},
        {{"task"}, registerTask},
        {{"remind"}, registerRemind},
        {{"git"}, registerGit},
        {{"report"}, registerReport},
        {{"help"}, registerHelp, true},
        {{"completion"}, registerCompletion},
    };
    return groups;
}

// The first argument that is not a global option or its value: the command.
std::string firstCommandWord(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") break;
        if (a == "-C" || a == "--format" || a == "--csv-dialect") {
            ++i;
            continue;
        }
        if (a.starts_with("-")) continue;
        return std::string(a);
    }
    return {};
}

// The last guard before the terminal (issue 11 §6): a control character or
// invalid UTF-8 that reached a message is shown escaped, never sent raw, and
// a quoted value longer than text_limit::shown characters is cut with "…".
std::string printable(std::string_view line) {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        if (line[i] != '"') {
            auto close = line.find('"', i);
            auto plain = line.substr(i, close == std::string_view::npos ? std::string_view::npos : close - i);
            out += klynge::printableText(plain);
            i += plain.size();
            continue;
        }
        auto close = line.find('"', i + 1);
        if (close == std::string_view::npos) { // an odd quote: the rest is plain text
            out += klynge::printableText(line.substr(i));
            break;
        }
        out += '"' + klynge::printableText(line.substr(i + 1, close - i - 1), klynge::text_limit::shown) + '"';
        i = close + 1;
    }
    return out;
}

int fail(ExitCode code, const std::string& message) {
    // The first line is the error; further lines (one per bad row) are detail.
    auto nl = message.find('\n');
    std::cerr << "klynge: error: " << printable(std::string_view(message).substr(0, nl)) << '\n';
    if (nl != std::string::npos) {
        std::string_view rest(message);
        rest.remove_prefix(nl + 1);
        while (!rest.empty()) {
            auto end = rest.find('\n');
            std::cerr << "  " << printable(rest.substr(0, end)) << '\n';
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
        }
    }
    return static_cast<int>(code);
}

} // namespace

int main(int argc, char** argv) {
    klynge::configureSqliteLibrary();
    std::ios::sync_with_stdio(false);
    klynge::cli::Context ctx(std::cout, std::cerr);
    ctx.argc = argc;
    ctx.argv = argv;
    std::error_code ec;
    ctx.executable = std::filesystem::read_symlink("/proc/self/exe", ec);

    CLI::App app{"klynge — run a Danish GP quality cluster (kvalitetsklynge) from a workspace directory.\n"
                 "See klynge(1) and `klynge COMMAND --help`.",
                 "klynge"};
    app.fallthrough(); // global options work after the subcommand too
    app.require_subcommand(1);
    app.set_version_flag("-V,--version", fmt::format("klynge {}\nschema version {} (the klynge.db format it writes; "
                                                     "older workspaces are migrated on first write)",
                                                     KLYNGE_VERSION, klynge::latestSchemaVersion()));
    auto& g = ctx.globals;
    app.add_option("-C", g.dir, "Run in the workspace at DIR (else $KLYNGE_DIR, else the nearest klynge.toml upward)")
        ->type_name("DIR");
    app.add_option("--format", g.format, "Output format")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->capture_default_str();
    app.add_option("--csv-dialect", g.csvDialect, "CSV dialect: rfc4180, or excel-da (';', decimal comma, BOM)")
        ->check(CLI::IsMember({"rfc4180", "excel-da"}))
        ->capture_default_str();
    app.add_flag("--dry-run", g.dryRun, "Show what a writing command would do; write nothing");
    app.add_flag("-q,--quiet", g.quiet, "Print only data and errors");
    app.add_flag("--no-color", g.noColor, "No colours (also when NO_COLOR is set)");
    app.add_flag("--wide", g.wide, "Print tables in full on a terminal too (else the widest texts are cut with …)");

    // Only the group the command line names is built (each group's options
    // cost start-up time); the whole tree for the root's help, `klynge help`,
    // completion, and a word that names no group (its did-you-mean).
    using namespace klynge::cli;
    const auto word = firstCommandWord(argc, argv);
    auto given = [&](std::initializer_list<std::string_view> flags) {
        return std::any_of(argv + 1, argv + argc, [&](std::string_view a) {
            return std::find(flags.begin(), flags.end(), a) != flags.end();
        });
    };
    // `klynge --version` needs no command at all.
    bool registered = word.empty() && given({"-V", "--version"}) && !given({"-h", "--help", "--help-all"});
    for (const auto& group : commandGroups())
        if (std::find(group.names.begin(), group.names.end(), word) != group.names.end() && !group.needsAll) {
            group.add(app, ctx);
            registered = true;
        }
    if (!registered)
        for (const auto& group : commandGroups()) group.add(app, ctx);

    checkNumberOptions(app);

    // Subcommand help lists only its own options; point at the global ones.
    std::function<void(CLI::App*)> addFooter = [&](CLI::App* a) {
        for (auto* sub : a->get_subcommands([](const CLI::App*) { return true; })) {
            sub->footer("Global options (-C DIR, --format table|json|csv, --csv-dialect, --dry-run, -q, --no-color)\n"
                        "work here too; see `klynge --help` and man klynge-" +
                        (a == &app ? sub->get_name() : a->get_name()) + ".");
            addFooter(sub);
        }
    };
    addFooter(&app);

    // The shell completion scripts ask here on every tab: print the
    // candidates, one a line, and never an error.
    if (argc >= 2 && std::string_view(argv[1]) == "__complete") {
        std::vector<std::string> words(argv + 2, argv + argc);
        if (!words.empty() && words.front() == "--") words.erase(words.begin());
        for (const auto& candidate : completions(app, words)) std::cout << candidate << '\n';
        return 0;
    }

    // No argument reaches a command, or an error message, with a control
    // character or invalid UTF-8 in it.
    try {
        checkArguments(argc, argv);
    } catch (const klynge::Error& e) {
        return fail(e.code(), e.what());
    }

    // git's habit: a bare `klynge` prints the short usage and succeeds.
    if (argc == 1) {
        printUsage(std::cout, app);
        return 0;
    }
    // A mistyped command or subcommand gets "did you mean" (ninja's
    // ChooseTool habit); a group without its subcommand lists them.
    if (auto problem = commandLineProblem(app, argc, argv)) return fail(ExitCode::usage, *problem);

    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp& e) {
            return app.exit(e);
        } catch (const CLI::CallForAllHelp& e) {
            return app.exit(e);
        } catch (const CLI::CallForVersion& e) {
            return app.exit(e);
        } catch (const CLI::ParseError& e) {
            std::string where = "klynge";
            for (auto* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front(); sub;
                 sub = sub->get_subcommands().empty() ? nullptr : sub->get_subcommands().front())
                where += " " + sub->get_name();
            // A message of klynge's own already says how to fix it.
            auto message = clearerParseMessage(e.what());
            if (message.find(" — ") != std::string::npos) return fail(ExitCode::usage, message);
            return fail(ExitCode::usage, fmt::format("{} — see `{} --help`", message, where));
        }
    } catch (const klynge::Error& e) {
        return fail(e.code(), e.what());
    } catch (const SQLite::Exception& e) {
        try {
            klynge::throwStorageError(e, "running the command");
        } catch (const klynge::Error& mapped) {
            return fail(mapped.code(), mapped.what());
        }
    } catch (const std::filesystem::filesystem_error& e) {
        return fail(ExitCode::storage, fmt::format("{}: {} — check the path and its permissions",
                                                   e.path1().string(), e.code().message()));
    } catch (const std::exception& e) {
        return fail(ExitCode::storage, fmt::format("unexpected failure: {} — please report this", e.what()));
    }
    std::cout.flush();
    return std::cout ? 0 : static_cast<int>(ExitCode::storage);
}
