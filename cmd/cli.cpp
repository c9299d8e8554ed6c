#include "cli.hpp"

#include "klynge/merge/git.hpp"
#include "klynge/store/temporary.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/validate.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sys/ioctl.h>
#include <unistd.h>

namespace klynge::cli {

Session Context::open(Store::Mode mode) const {
    std::optional<std::filesystem::path> dir;
    if (globals.dir) dir = *globals.dir;
    auto session = Session::open(dir, mode, globals.dryRun);
    if (!mergeCommand)
        if (auto why = mergeRefusal(session.paths(), session.store())) throw ConfigError(*why);
    if (session.recovered())
        err << "klynge: note: klynge.db was left mid-write by an interrupted command; its unfinished change was "
               "rolled back (nothing that command reported as done is lost)\n";
    // A command that writes first removes what an interrupted one left
    // (temporary.hpp); a reading command or a dry run changes nothing.
    if (mode == Store::Mode::readWrite && !globals.dryRun) {
        auto removed = sweepTemporaries(session.paths().root);
        if (!removed.empty())
            warn(fmt::format("removed {} temporar{} an interrupted klynge command left: {}", removed.size(),
                             removed.size() == 1 ? "y" : "ies", fmt::join(removed, ", ")));
    }
    if (mode == Store::Mode::readOnly) session.store().readOneSnapshot();
    return session;
}

out::Style Context::style() const {
    out::Style s;
    if (globals.format == "json") s.format = out::Format::json;
    else if (globals.format == "csv") s.format = out::Format::csv;
    s.dialect = globals.csvDialect == "excel-da" ? out::CsvDialect::excelDa : out::CsvDialect::rfc4180;
    s.color = !globals.noColor && std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO);
    if (!globals.wide) {
        s.terminal = &out;
        s.columns = terminalColumns();
    }
    return s;
}

std::size_t terminalColumns() {
    if (!isatty(STDOUT_FILENO)) return 0;
    if (const char* given = std::getenv("COLUMNS")) {
        char* end = nullptr;
        const long n = std::strtol(given, &end, 10);
        if (end != given && *end == '\0' && n > 0 && n < 10000) return static_cast<std::size_t>(n);
    }
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

void Context::write(Session& session, const std::function<std::string()>& work,
                    const std::vector<std::string>& redact) const {
    std::string logged = commandLine();
    for (const auto& word : redact)
        for (auto at = logged.find(word); !word.empty() && at != std::string::npos; at = logged.find(word, at))
            logged.replace(at, word.size(), "[glemt]");
    WriteTransaction tx(session.store(), logged);
    std::string summary;
    try {
        summary = work();
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "writing");
    }
    if (globals.dryRun) {
        err << "dry run: nothing was written (" << summary << ")\n";
        return; // the transaction rolls back
    }
    tx.commit(summary);
}

void Context::write(Session& session, const std::function<std::string(WriteTransaction&)>& work) const {
    WriteTransaction tx(session.store(), commandLine());
    std::string summary;
    try {
        summary = work(tx);
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "writing");
    }
    if (globals.dryRun) {
        err << "dry run: nothing was written (" << summary << ")\n";
        return; // the transaction rolls back
    }
    tx.commit(summary);
}

std::string Context::commandLine() const { return loggedCommandLine(argc, argv); }

void Context::note(const std::string& line) const {
    if (globals.quiet) return;
    if (table()) out << line << '\n';
    else err << line << '\n';
}

void Context::warn(const std::string& line) const { err << "klynge: warning: " << line << '\n'; }


Date parseDate(const std::string& value, std::string_view option) {
    return withOption(option, [&] { return Date::parseInput(value); });
}

std::optional<Date> parseOptionalDate(const std::string& value, std::string_view option) {
    if (value.empty()) return std::nullopt;
    return parseDate(value, option);
}

Money parseMoney(const std::string& value, std::string_view option) {
    return withOption(option, [&] { return Money::parse(value); });
}

namespace {

// A whole number within 64 bits, or a message why not.
std::string wholeNumberProblem(const std::string& text, bool negativeAllowed) {
    std::string_view digits = text;
    const bool negative = digits.starts_with('-');
    if (negative || digits.starts_with('+')) digits.remove_prefix(1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return fmt::format("{} is not a whole number — give digits only, e.g. 12", shown(text));
    if (negative && !negativeAllowed && digits.find_first_not_of('0') != std::string_view::npos)
        return fmt::format("{} is negative — give a count of 0 or more", text);
    const auto significant = digits.substr(std::min(digits.find_first_not_of('0'), digits.size()));
    if (significant.size() > 18)
        return fmt::format("{} is too large — give a number of at most 18 digits", shown(text));
    return {};
}

} // namespace

CLI::Validator yearBetween(int first, int last) {
    return CLI::Validator(
        [first, last](std::string& text) -> std::string {
            if (auto problem = wholeNumberProblem(text, true); !problem.empty()) return problem;
            const long long year = std::stoll(text);
            if (year < first || year > last)
                return fmt::format("{} is not a year klynge knows ({}–{}) — give e.g. 2026", year, first, last);
            return {};
        },
        "");
}

CLI::Validator countOrZero(std::string_view meaningOfZero) {
    return CLI::Validator(
        [meaning = std::string(meaningOfZero)](std::string& text) -> std::string {
            auto problem = wholeNumberProblem(text, false);
            return problem.empty() || meaning.empty() ? problem : fmt::format("{} ({})", problem, meaning);
        },
        "");
}

CLI::Validator wholeNumber(std::int64_t most, std::string_view meaning) {
    return CLI::Validator(
        [most, meaning = std::string(meaning)](std::string& text) -> std::string {
            if (auto problem = wholeNumberProblem(text, true); !problem.empty()) return problem;
            if (std::stoll(text) > most)
                return fmt::format("{} is more than {} {} — check the number", text, most, meaning);
            return {};
        },
        "");
}

void checkNumberOptions(CLI::App& app) {
    for (CLI::Option* opt : app.get_options()) {
        const auto type = opt->get_type_name();
        if (type == "INT" || type == "UINT")
            opt->check(wholeNumber());
        else if (type == "Y" || type == "YEAR")
            opt->check(yearBetween(1990, 2100));
    }
    for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) checkNumberOptions(*sub);
}

std::string clearerParseMessage(const std::string& m) {
    static const std::regex twice(R"(^(\S+): At Most (\d+) required but received (\d+)$)");
    static const std::regex notIn(R"(^(\S+): (.*) not in \{(.*)\}$)");
    static const std::regex extra(R"(^The following arguments? (was|were) not expected: (.*)$)");
    static const std::regex convert(R"(^Could not convert: (\S+) = (.*)$)");
    std::smatch g;
    if (std::regex_match(m, g, twice))
        return fmt::format("{} is given {} times — give it {}", g[1].str(), g[3].str(),
                           g[2].str() == "1" ? "once" : "at most " + g[2].str() + " times");
    if (std::regex_match(m, g, notIn)) {
        std::string choices = g[3].str();
        for (auto at = choices.find(','); at != std::string::npos; at = choices.find(',', at + 2)) choices.replace(at, 1, ", ");
        return fmt::format("{}: {} is not one of {}", g[1].str(), shown(g[2].str()), choices);
    }
    if (std::regex_match(m, g, extra)) return fmt::format("unexpected argument {}", shown(g[2].str()));
    if (std::regex_match(m, g, convert))
        return fmt::format("{}: {} is not a whole number — give digits only, e.g. 12", g[1].str(), shown(g[2].str()));
    return m;
}

void checkArguments(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (!textProblem(arg, true)) continue;
        // Name the option: --name=VALUE, or --name VALUE, or the argument's place.
        std::string where = fmt::format("argument {}", i);
        if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos &&
                                     !textProblem(arg.substr(0, eq))) {
            where = std::string(arg.substr(0, eq));
            arg.remove_prefix(eq + 1);
        } else if (i > 1 && std::string_view(argv[i - 1]).starts_with("-") && !textProblem(argv[i - 1])) {
            where = argv[i - 1];
        }
        auto problem = textProblem(arg, true);
        const bool utf8 = problem->starts_with("is not valid UTF-8");
        throw InvalidValue(fmt::format("{} {} {} — {}", where, shown(maskCprNumbers(arg)), *problem,
                                       utf8 ? "klynge reads its arguments as UTF-8; use a UTF-8 terminal or locale "
                                              "(e.g. LANG=da_DK.UTF-8)"
                                            : "remove it; a control character is never part of a value"));
    }
}

std::string loggedCommandLine(int argc, char** argv) {
    // CPR numbers never reach the audit log (DESIGN.md "Private data"): not
    // one digit of them, and the value of --cpr whatever its form.
    std::string line = "klynge";
    for (int i = 1; i < argc; ++i) {
        std::string_view given = argv[i];
        std::string arg = maskCprNumbers(given);
        if (given.starts_with("--cpr=") && given != "--cpr=-") arg = fmt::format("--cpr={}", maskedCpr);
        else if (i > 1 && std::string_view(argv[i - 1]) == "--cpr" && given != "-") arg = maskedCpr;
        bool plain = !arg.empty() && arg.find_first_of(" \t\"'\\$`!*?;&|<>()") == std::string::npos;
        if (plain) {
            line += " " + arg;
        } else {
            std::string q;
            for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
            line += " '" + q + "'";
        }
    }
    return line;
}

std::optional<std::filesystem::path> workspaceIfAny(const Context& ctx) {
    try {
        std::optional<std::filesystem::path> dir;
        if (ctx.globals.dir) dir = *ctx.globals.dir;
        return locateWorkspace(dir).root;
    } catch (const Error&) {
        return std::nullopt;
    }
}

void writeFileAtomically(const Context& ctx, OutputRequest output,
                         const std::function<void(std::ostream&)>& write) {
    if (!output.workspace) output.workspace = workspaceIfAny(ctx);
    const auto target = checkedOutputPath(output);
    if (ctx.globals.dryRun) {
        ctx.err << fmt::format("dry run: would write {}\n", output.given);
        return;
    }
    if (isStreamTarget(target)) {
        std::ofstream out(target, std::ios::binary);
        write(out);
        if (!out.flush())
            throw StorageError(fmt::format("cannot write {} {} — check that it can be written to", output.option,
                                           output.given));
        return;
    }
    AtomicFile file(target, fmt::format("{} {}", output.option, output.given),
                    output.contents == OutputContents::fullCprs ? AtomicFile::privateMode : AtomicFile::defaultMode);
    write(file.stream());
    file.commit();
}

} // namespace klynge::cli
