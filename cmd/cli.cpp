#include "cli.hpp"

#include "klynge/store/temporary.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace klynge::cli {

Session Context::open(Store::Mode mode) const {
    std::optional<std::filesystem::path> dir;
    if (globals.dir) dir = *globals.dir;
    auto session = Session::open(dir, mode);
    // A command that writes first removes what an interrupted one left
    // (temporary.hpp); a reading command or a dry run changes nothing.
    if (mode == Store::Mode::readWrite && !globals.dryRun) {
        auto removed = sweepTemporaries(session.paths().root);
        if (!removed.empty())
            warn(fmt::format("removed {} temporar{} an interrupted klynge command left: {}", removed.size(),
                             removed.size() == 1 ? "y" : "ies", fmt::join(removed, ", ")));
    }
    return session;
}

out::Style Context::style() const {
    out::Style s;
    if (globals.format == "json") s.format = out::Format::json;
    else if (globals.format == "csv") s.format = out::Format::csv;
    s.dialect = globals.csvDialect == "excel-da" ? out::CsvDialect::excelDa : out::CsvDialect::rfc4180;
    s.color = !globals.noColor && std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO);
    return s;
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

std::string Context::commandLine() const { return loggedCommandLine(argc, argv); }

void Context::note(const std::string& line) const {
    if (globals.quiet) return;
    if (table()) out << line << '\n';
    else err << line << '\n';
}

void Context::warn(const std::string& line) const { err << "klynge: warning: " << line << '\n'; }


Date parseDate(const std::string& value, std::string_view option) {
    return withOption(option, [&] { return Date::parse(value); });
}

std::optional<Date> parseOptionalDate(const std::string& value, std::string_view option) {
    if (value.empty()) return std::nullopt;
    return parseDate(value, option);
}

Money parseMoney(const std::string& value, std::string_view option) {
    return withOption(option, [&] { return Money::parse(value); });
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
