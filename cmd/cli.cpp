#include "cli.hpp"

#include "klynge/merge/git.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>
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
    // CPR numbers never reach the audit log (DESIGN.md "Private data").
    static const std::regex cpr(R"((^|[^0-9])([0-3][0-9][01][0-9][0-9]{2})-?[0-9]{4}(?![0-9]))");
    std::string line = "klynge";
    for (int i = 1; i < argc; ++i) {
        std::string arg = std::regex_replace(argv[i], cpr, "$1$2-****");
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

void writeFileAtomically(const Context& ctx, const std::string& file,
                         const std::function<void(std::ostream&)>& write) {
    if (ctx.globals.dryRun) {
        ctx.err << fmt::format("dry run: would write {}\n", file);
        return;
    }
    const std::string tmp = file + ".klynge-tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw InvalidValue(fmt::format("cannot write {} — check the directory and permissions", file));
        try {
            write(out);
        } catch (...) {
            out.close();
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw;
        }
        if (!out.flush()) {
            out.close();
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw StorageError(fmt::format("cannot write {} — the disk may be full", file));
        }
    }
    std::filesystem::rename(tmp, file);
}

} // namespace klynge::cli
