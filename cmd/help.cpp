// klynge help, the short usage a bare `klynge` prints, and the words of a
// command line that name no command (klynge-help(1)).
#include "cli.hpp"

#include "klynge/text/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace klynge::cli {
namespace {

namespace fs = std::filesystem;

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t prev = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cur = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
            prev = cur;
        }
    }
    return row[b.size()];
}

// The subcommands a user sees (a hidden one, such as __complete, has no group).
std::vector<const CLI::App*> visibleSubcommands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); });
}

const CLI::App* subcommandNamed(const CLI::App& app, const std::string& word) {
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->check_name(word)) return sub;
    return nullptr;
}

// "did you mean" (ninja's ChooseTool habit): the closest name within two
// edits, else the only name that starts with the word.
std::string suggestion(const CLI::App& app, const std::string& word) {
    std::string best;
    std::size_t bestDistance = 3;
    std::vector<std::string> prefixed;
    for (const auto* sub : visibleSubcommands(app)) {
        const auto& name = sub->get_name();
        if (auto d = editDistance(word, name); d < bestDistance) {
            bestDistance = d;
            best = name;
        }
        if (word.size() >= 2 && name.starts_with(word)) prefixed.push_back(name);
    }
    if (best.empty() && prefixed.size() == 1) best = prefixed.front();
    return best;
}

bool hasPositionals(const CLI::App& app) {
    for (const auto* opt : app.get_options())
        if (!opt->nonpositional()) return true;
    return false;
}

// An option of this command or of one above it (global options fall through).
const CLI::Option* optionNamed(const CLI::App* app, const std::string& name) {
    for (; app; app = app->get_parent())
        for (const auto* opt : app->get_options())
            if (opt->nonpositional() && opt->check_name(name)) return opt;
    return nullptr;
}

// A word typed by the user, quoted for a message: cut, never escaped (the
// arguments passed checkArguments, so they hold no control character).
std::string quoted(const std::string& word) {
    return fmt::format("'{}'", out::shortened(word, 40));
}

std::string unknownWord(const CLI::App& parent, const std::string& word) {
    const auto guess = suggestion(parent, word);
    const auto path = commandPath(parent);
    if (!parent.get_parent())
        return guess.empty() ? fmt::format("unknown command {} — `klynge help` lists the commands", shown(word))
                             : fmt::format("unknown command {} — did you mean `klynge {}`?", shown(word), guess);
    const auto group = path.substr(std::string_view("klynge ").size());
    return guess.empty() ? fmt::format("unknown subcommand {} of '{}' — `klynge help {}` lists its subcommands",
                                       quoted(word), group, group)
                         : fmt::format("unknown subcommand {} of '{}' — did you mean `{} {}`?", quoted(word), group,
                                       path, guess);
}

// The manual page of a command: its group's page (restore is in
// klynge-dump(1), merge-driver in klynge-merge(1)).
std::string manPageOf(const CLI::App& root, const CLI::App* target) {
    if (target == &root) return "klynge";
    while (target->get_parent() != &root) target = target->get_parent();
    const auto& group = target->get_name();
    if (group == "restore") return "klynge-dump";
    if (group == "merge-driver") return "klynge-merge";
    return "klynge-" + group;
}

// Where an installed or built klynge finds its own pages first, so that the
// manual matches the binary: PREFIX/share/man beside PREFIX/bin/klynge, then
// the source tree's man/ of a build.
std::optional<fs::path> manPageFile(const Context& ctx, const std::string& page) {
    std::vector<fs::path> candidates;
    if (!ctx.executable.empty()) {
        auto share = ctx.executable.parent_path().parent_path() / "share" / "man" / "man1";
        candidates.push_back(share / (page + ".1.gz"));
        candidates.push_back(share / (page + ".1"));
    }
#ifdef KLYNGE_MAN_DIR
    candidates.push_back(fs::path(KLYNGE_MAN_DIR) / (page + ".1"));
#endif
    std::error_code ec;
    for (const auto& file : candidates)
        if (fs::is_regular_file(file, ec)) return file;
    return std::nullopt;
}

[[noreturn]] void openManPage(const Context& ctx, const std::string& page) {
    const auto file = manPageFile(ctx, page);
    const std::string argument = file ? file->string() : page;
    ctx.out.flush();
    if (file) execlp("man", "man", "-l", argument.c_str(), static_cast<char*>(nullptr));
    else execlp("man", "man", argument.c_str(), static_cast<char*>(nullptr));
    throw ConfigError(fmt::format("cannot run man to show {}: {} — install man-db (apt install man-db), or "
                                  "read `klynge help` instead",
                                  argument, std::strerror(errno)));
}

} // namespace

std::string commandPath(const CLI::App& app) {
    if (!app.get_parent()) return "klynge";
    return commandPath(*app.get_parent()) + " " + app.get_name();
}

const CLI::App& commandNamed(const CLI::App& root, const std::vector<std::string>& words) {
    const CLI::App* at = &root;
    for (const auto& word : words) {
        const auto* sub = subcommandNamed(*at, word);
        if (!sub) {
            if (at->get_subcommands([](const CLI::App*) { return true; }).empty())
                throw InvalidValue(fmt::format("`{}` has no subcommand {} — give a command such as `klynge help {}`",
                                               commandPath(*at), quoted(word), commandPath(*at).substr(7)));
            throw InvalidValue(unknownWord(*at, word));
        }
        at = sub;
    }
    return *at;
}

std::optional<std::string> commandLineProblem(const CLI::App& root, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--") break;
        if (word == "-h" || word == "--help") return std::nullopt; // CLI11 shows the help
    }
    const CLI::App* at = &root;
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--") break;
        if (word.size() > 1 && word.front() == '-') {
            const bool valueAttached = word.find('=') != std::string::npos || (word[1] != '-' && word.size() > 2);
            const auto* opt = valueAttached ? nullptr : optionNamed(at, word);
            if (opt && opt->get_items_expected_min() > 0) ++i;
            continue;
        }
        if (at->get_subcommands([](const CLI::App*) { return true; }).empty()) break; // the command's own words
        if (const auto* sub = subcommandNamed(*at, word)) {
            at = sub;
            continue;
        }
        if (hasPositionals(*at)) break;
        return unknownWord(*at, word);
    }
    if (at != &root && at->get_require_subcommand_min() > 0) {
        std::vector<std::string> names;
        for (const auto* sub : visibleSubcommands(*at)) names.push_back(sub->get_name());
        return fmt::format("`{}` needs a subcommand: {} — `klynge help {}` says what each does", commandPath(*at),
                           fmt::join(names, ", "), commandPath(*at).substr(7));
    }
    return std::nullopt;
}

void printUsage(std::ostream& out, const CLI::App& root) {
    out << "usage: klynge [-C DIR] [--format table|json|csv]\n"
           "              [--csv-dialect rfc4180|excel-da]\n"
           "              [--dry-run] [-q] [--no-color] COMMAND [ARGS...]\n"
           "       klynge help [--man] [COMMAND...]\n"
           "       klynge -V | --version\n\n"
           "Commands:\n";
    std::size_t width = 0;
    const auto commands = visibleSubcommands(root);
    for (const auto* sub : commands) width = std::max(width, sub->get_name().size());
    const std::size_t room = 80 - 2 - width - 2;
    for (const auto* sub : commands)
        out << "  " << sub->get_name() << std::string(width - sub->get_name().size() + 2, ' ')
            << out::shortened(sub->get_description(), room) << '\n';
    out << "\n`klynge help COMMAND` shows the options of a command and\n"
           "`klynge help --man COMMAND` its manual page; klynge(1) describes the workspace,\n"
           "the global options and the exit codes.\n";
}

void registerHelp(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> words;
        bool man = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("help", "Show the help of a command (or with --man its manual page)");
    cmd->add_option("COMMAND", o->words, "The command and its subcommands, e.g. `ledger add`")
        ->type_name("COMMAND...");
    cmd->add_flag("--man", o->man, "Open the command's manual page (man klynge-COMMAND) instead");
    cmd->callback([&app, &ctx, o] {
        const auto& target = commandNamed(app, o->words);
        if (o->man) openManPage(ctx, manPageOf(app, &target));
        // Not target.help(): on the root it would describe the parsed
        // subcommand, `help` itself.
        ctx.out << target.get_formatter()->make_help(&target, commandPath(target), CLI::AppFormatMode::Normal);
    });
}

} // namespace klynge::cli
