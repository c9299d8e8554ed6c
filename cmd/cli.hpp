// What every command group shares: the global options, opening the
// workspace, one transaction per writing command, and option parsing at the
// edge (strings from CLI11 become Date, Money, Email, ...).
#pragma once

#include "output.hpp"

#include "klynge/text/date.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/money.hpp"
#include "klynge/store/output_path.hpp"
#include "klynge/store/store.hpp"
#include "klynge/store/workspace.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <iostream>
#include <optional>
#include <string>

namespace klynge::cli {

struct Globals {
    std::optional<std::string> dir;
    std::string format = "table";
    std::string csvDialect = "rfc4180";
    bool dryRun = false;
    bool quiet = false;
    bool noColor = false;
    bool wide = false; // tables in full on a terminal too
};

class Context {
public:
    Context(std::ostream& stdoutSink, std::ostream& stderrSink) : out(stdoutSink), err(stderrSink) {}

    std::ostream& out;
    std::ostream& err;
    Globals globals;
    int argc = 0;
    char** argv = nullptr;
    // The command line as logged: secrets masked.
    std::string commandLine() const;
    std::filesystem::path executable;
    // `klynge merge` and `klynge git setup` work on a half-merged or
    // not-yet-set-up clone; every other command refuses it (mergeRefusal).
    bool mergeCommand = false;

    Session open(Store::Mode mode = Store::Mode::readWrite) const;
    out::Style style() const;

    // Runs `work` inside one transaction and commits it with the summary it
    // returns, unless --dry-run (then everything is rolled back).
    // `redact` lists words (a forgotten member's e-mail) kept out of the log.
    void write(Session& session, const std::function<std::string()>& work,
               const std::vector<std::string>& redact = {}) const;
    // The same, for work that needs the transaction itself (WriteTransaction::touch).
    void write(Session& session, const std::function<std::string(WriteTransaction&)>& work) const;

    void print(const out::Table& t) const { out::render(out, t, style()); }
    void printRecord(const std::vector<out::Field>& f) const { out::renderRecord(out, f, style()); }
    void printJson(const out::Json& j) const { out::renderJson(out, j); }
    bool json() const { return style().format == out::Format::json; }
    bool table() const { return style().format == out::Format::table; }
    // A human note ("added ...") — on stdout in table format unless --quiet.
    void note(const std::string& line) const;
    void warn(const std::string& line) const;
};

// The width tables are fitted to when standard output is a terminal: $COLUMNS
// if it is a positive number, else the terminal's own, else 80; 0 (do not
// fit) when standard output is not a terminal.
std::size_t terminalColumns();

// Parsing at the edge; errors name the option.
// Runs `parse`; an InvalidValue it throws is prefixed with the option's name.
template <class F>
auto withOption(std::string_view option, F&& parse) {
    try {
        return parse();
    } catch (const InvalidValue& e) {
        throw InvalidValue(fmt::format("{}: {}", option, e.what()));
    }
}
Date parseDate(const std::string& value, std::string_view option);
Money parseMoney(const std::string& value, std::string_view option);
std::optional<Date> parseOptionalDate(const std::string& value, std::string_view option);

// Writes an output file (-o FILE, --ics FILE, --document FILE) after the
// guard of output_path.hpp accepted it, through a temporary and a rename, so
// a failure leaves neither a half file nor the temporary; a pipe or
// /dev/stdout is written directly. With --dry-run it checks the target and
// only says what it would write. The workspace defaults to the one -C or
// the current directory names, if any.
void writeFileAtomically(const Context& ctx, OutputRequest output,
                         const std::function<void(std::ostream&)>& write);
// The workspace -C DIR, $KLYNGE_DIR or the current directory names, if any.
std::optional<std::filesystem::path> workspaceIfAny(const Context& ctx);

// Numbers at the edge, with messages that say what to give (CLI11's own
// say "Value -1 not in range 0.000000 to 1797693…"). A validator's message
// is the part after "OPTION: ".
CLI::Validator yearBetween(int first, int last);
// For an integer option with a type name of its own (ID, N); `most` is the
// largest value that makes sense, with `meaning` saying why.
CLI::Validator wholeNumber(std::int64_t most = INT64_MAX, std::string_view meaning = {});
CLI::Validator countOrZero(std::string_view meaningOfZero);
// Puts a whole-number check on every integer option that has no validator
// of its own (digits, an optional sign, within 64 bits).
void checkNumberOptions(CLI::App& app);
// CLI11's remaining parse messages in klynge's words ("--to is given twice").
std::string clearerParseMessage(const std::string& cli11Message);

// Refuses (InvalidValue) an argument that is not valid UTF-8 or holds a
// control character other than a line break or tab (ESC, NUL, DEL, C1),
// naming the option it belongs to — before any command sees it. Line breaks
// and lengths are each text's own rule (text/validate.hpp).
void checkArguments(int argc, char** argv);

// The command line for the audit log: shell-quoted, CPR numbers masked.
std::string loggedCommandLine(int argc, char** argv);

// Each command group registers itself on the root app (one file each).
void registerInit(CLI::App& app, Context& ctx);
void registerConfig(CLI::App& app, Context& ctx);
void registerStatus(CLI::App& app, Context& ctx);
void registerCheck(CLI::App& app, Context& ctx);
void registerLog(CLI::App& app, Context& ctx);
void registerDump(CLI::App& app, Context& ctx);
void registerPractice(CLI::App& app, Context& ctx);
void registerMember(CLI::App& app, Context& ctx);
void registerRole(CLI::App& app, Context& ctx);
void registerGrant(CLI::App& app, Context& ctx);
void registerCalendar(CLI::App& app, Context& ctx);
void registerLedger(CLI::App& app, Context& ctx);
void registerBudget(CLI::App& app, Context& ctx);
void registerMeeting(CLI::App& app, Context& ctx);
void registerVote(CLI::App& app, Context& ctx);
void registerMerge(CLI::App& app, Context& ctx);
void registerGit(CLI::App& app, Context& ctx);
void registerTheme(CLI::App& app, Context& ctx); // issue 15
void registerTask(CLI::App& app, Context& ctx);
void registerRemind(CLI::App& app, Context& ctx);
void registerReport(CLI::App& app, Context& ctx);
void registerHelp(CLI::App& app, Context& ctx);
void registerCompletion(CLI::App& app, Context& ctx);

// Shell completion (completion.cpp): the words that may follow WORDS (the
// command line after `klynge`, the last one the word being typed), and the
// script for a shell.
std::vector<std::string> completions(const CLI::App& root, const std::vector<std::string>& words);
std::string completionScript(std::string_view shell);

// The command tree (help.cpp).
// "klynge ledger add" for the `add` subcommand of `ledger`.
std::string commandPath(const CLI::App& app);
// The command WORDS name (`ledger add`), or InvalidValue with a did-you-mean.
const CLI::App& commandNamed(const CLI::App& root, const std::vector<std::string>& words);
// Whether the command line names a command that does not exist (with a
// did-you-mean), or a group without one of its subcommands: the message.
std::optional<std::string> commandLineProblem(const CLI::App& root, int argc, char** argv);
// What a bare `klynge` prints: the synopsis and the commands.
void printUsage(std::ostream& out, const CLI::App& root);

} // namespace klynge::cli
