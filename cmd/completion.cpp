// klynge completion bash|zsh|fish, and the hidden `klynge __complete WORDS`
// the scripts call (klynge-completion(1)). The candidates come from the
// CLI11 command tree at the moment of the tab, so the completion cannot
// drift from the commands; known values (members' e-mails, meeting numbers,
// vouchers, ydernumre, categories, years) come from the workspace.
#include "cli.hpp"

#include "klynge/money/ledger.hpp"

#include <fmt/format.h>

#include <set>

namespace klynge::cli {
namespace {

std::vector<const CLI::App*> allSubcommands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::Option* optionNamed(const CLI::App* app, const std::string& name) {
    for (; app; app = app->get_parent())
        for (const auto* opt : app->get_options())
            if (opt->nonpositional() && opt->check_name(name)) return opt;
    return nullptr;
}

std::vector<const CLI::Option*> positionals(const CLI::App& app) {
    std::vector<const CLI::Option*> found;
    for (const auto* opt : app.get_options())
        if (!opt->nonpositional()) found.push_back(opt);
    return found;
}

// The choices of an IsMember check: CLI11 shows them as "TEXT:{a,b,c}".
std::vector<std::string> choicesOf(const CLI::Option& opt) {
    const auto type = opt.get_type_name();
    const auto open = type.find(":{");
    const auto close = type.rfind('}');
    std::vector<std::string> out;
    if (open == std::string::npos || close == std::string::npos || close < open) return out;
    std::string list = type.substr(open + 2, close - open - 2);
    for (std::size_t at = 0; at <= list.size();) {
        auto comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        if (comma > at) out.push_back(list.substr(at, comma - at));
        at = comma + 1;
    }
    return out;
}

// One column of the workspace's records, for values klynge knows.
std::vector<std::string> column(const std::optional<std::string>& dir, const char* sql) {
    std::vector<std::string> out;
    try {
        std::optional<std::filesystem::path> given;
        if (dir) given = *dir;
        auto session = Session::open(given, Store::Mode::readOnly, true);
        SQLite::Statement q(session.store().db(), sql);
        while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    } catch (...) { // no workspace, or an old one: no values, never an error in the middle of a tab
    }
    return out;
}

bool underGroup(const CLI::App& app, std::string_view group) {
    const CLI::App* at = &app;
    while (at->get_parent() && at->get_parent()->get_parent()) at = at->get_parent();
    return at->get_name() == group;
}

// The values an option or positional takes, where klynge knows them.
std::vector<std::string> valuesOf(const CLI::Option& opt, const CLI::App& app, const std::optional<std::string>& dir) {
    if (auto choices = choicesOf(opt); !choices.empty()) return choices;
    const std::string name = opt.nonpositional() ? (opt.get_lnames().empty() ? "" : opt.get_lnames().front())
                                                 : opt.get_name(true);
    const std::string type = opt.get_type_name();
    if (name == "PERSON" || name == "ID|EMAIL" || name == "person" || name == "by" || name == "owner")
        return column(dir, "SELECT email FROM member WHERE forgotten_on IS NULL AND email IS NOT NULL ORDER BY email");
    if (name == "MEETING" || name == "meeting" || (name == "ID" && underGroup(app, "meeting")))
        return column(dir, "SELECT number FROM meeting ORDER BY number");
    if (name == "ID" && underGroup(app, "ledger"))
        return column(dir, "SELECT voucher FROM ledger_entry ORDER BY voucher");
    if (name == "YDERNR" || name == "practice")
        return column(dir, "SELECT ydernummer FROM practice ORDER BY ydernummer");
    if (name == "category") {
        std::vector<std::string> keys;
        for (const auto& c : expenseCategories()) keys.emplace_back(c.key);
        return keys;
    }
    if (name == "kind" && underGroup(app, "ledger")) {
        std::vector<std::string> keys;
        for (const auto& k : incomeKinds()) keys.emplace_back(k.key);
        return keys;
    }
    if (name == "year" || type == "Y" || type == "YEAR") {
        std::set<std::string> years;
        for (auto& y : column(dir, "SELECT DISTINCT voucher_year FROM ledger_entry")) years.insert(y);
        const auto thisYear = Date::today().year();
        for (int y = thisYear - 1; y <= thisYear + 1; ++y) years.insert(std::to_string(y));
        return {years.begin(), years.end()};
    }
    return {}; // FILE, DIR, DATE, free text: the shell completes file names or nothing
}

} // namespace

std::vector<std::string> completions(const CLI::App& root, const std::vector<std::string>& words) {
    if (words.empty()) return {};
    const std::string& current = words.back();
    const CLI::App* at = &root;
    const CLI::Option* pending = nullptr;
    std::optional<std::string> dir;
    std::size_t positionalCount = 0;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const auto& word = words[i];
        if (pending) {
            if (pending->check_name("-C")) dir = word;
            pending = nullptr;
            continue;
        }
        if (word == "--") continue;
        if (word.size() > 1 && word.front() == '-') {
            if (word.find('=') != std::string::npos) continue;
            const auto* opt = optionNamed(at, word);
            if (opt && opt->get_items_expected_min() > 0) pending = opt;
            continue;
        }
        if (const auto* sub = [&]() -> const CLI::App* {
                for (const auto* s : allSubcommands(*at))
                    if (s->check_name(word)) return s;
                return nullptr;
            }()) {
            at = sub;
            positionalCount = 0;
            continue;
        }
        ++positionalCount;
    }

    std::vector<std::string> candidates;
    if (pending) {
        candidates = valuesOf(*pending, *at, dir);
    } else if (current.size() >= 1 && current.front() == '-') {
        for (const CLI::App* a = at; a; a = a->get_parent())
            for (const auto* opt : a->get_options()) {
                if (!opt->nonpositional()) continue;
                for (const auto& l : opt->get_lnames()) candidates.push_back("--" + l);
                for (const auto& s : opt->get_snames()) candidates.push_back("-" + s);
            }
    } else {
        for (const auto* sub : allSubcommands(*at))
            if (!sub->get_group().empty()) candidates.push_back(sub->get_name());
        const auto args = positionals(*at);
        if (!args.empty()) {
            const auto* arg = positionalCount < args.size() ? args[positionalCount] : args.back();
            if (positionalCount < args.size() || arg->get_expected_max() > 1)
                for (auto& v : valuesOf(*arg, *at, dir)) candidates.push_back(v);
        }
    }
    std::vector<std::string> matching;
    std::set<std::string> seen;
    for (auto& c : candidates)
        if (c.starts_with(current) && seen.insert(c).second) matching.push_back(c);
    return matching;
}

std::string completionScript(std::string_view shell) {
    if (shell == "bash")
        return R"(# bash completion for klynge (generated by `klynge completion bash`).
# Candidates come from `klynge __complete`, the command tree of the klynge
# on the PATH, so they always match the installed version.
_klynge() {
    local IFS=$'\n'
    COMPREPLY=($(klynge __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _klynge klynge
)";
    if (shell == "zsh")
        return R"(#compdef klynge
# zsh completion for klynge (generated by `klynge completion zsh`).
# Candidates come from `klynge __complete`, the command tree of the klynge
# on the PATH, so they always match the installed version.
_klynge() {
    local -a candidates
    candidates=("${(@f)$(klynge __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if (( ${#candidates} )) && [[ -n ${candidates[1]} ]]; then
        compadd -- "${candidates[@]}"
    else
        _files
    fi
}
if [[ $funcstack[1] == _klynge ]]; then
    _klynge "$@"
else
    compdef _klynge klynge
fi
)";
    return R"(# fish completion for klynge (generated by `klynge completion fish`).
# Candidates come from `klynge __complete`, the command tree of the klynge
# on the PATH, so they always match the installed version.
function __klynge_candidates
    set -l words (commandline -opc) (commandline -ct)
    klynge __complete -- $words[2..-1] 2>/dev/null
end
function __klynge_has_candidates
    set -l found (__klynge_candidates)
    test (count $found) -gt 0
end
complete -c klynge -f -n __klynge_has_candidates -a '(__klynge_candidates)'
complete -c klynge -F -n 'not __klynge_has_candidates'
)";
}

void registerCompletion(CLI::App& app, Context& ctx) {
    auto shell = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
    cmd->add_option("SHELL", *shell, "bash, zsh or fish")->check(CLI::IsMember({"bash", "zsh", "fish"}))->required();
    cmd->callback([&ctx, shell] { ctx.out << completionScript(*shell); });
}

} // namespace klynge::cli
