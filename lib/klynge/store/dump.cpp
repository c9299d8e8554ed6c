#include "klynge/store/dump.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <vector>

namespace klynge {
namespace {

constexpr std::string_view header =
    "-- klynge dump: every record of klynge.db, one SQL INSERT a line.\n"
    "-- Rebuild a database from it with `klynge restore FILE`.\n";

// SQL text literal on one line: control characters become char(N) so a
// record never spans lines.
std::string sqlText(std::string_view s) {
    std::string out = "'";
    for (unsigned char c : s) {
        if (c < 0x20) out += fmt::format("'||char({})||'", c);
        else if (c == '\'') out += "''";
        else out += static_cast<char>(c);
    }
    return out + "'";
}

std::string sqlValue(SQLite::Column col) {
    switch (col.getType()) {
    case SQLITE_NULL: return "NULL";
    case SQLITE_INTEGER: return std::to_string(col.getInt64());
    case SQLITE_FLOAT: return fmt::format("{:.17g}", col.getDouble());
    case SQLITE_BLOB: {
        auto* p = static_cast<const unsigned char*>(col.getBlob());
        std::string hex;
        for (int i = 0; i < col.getBytes(); ++i) hex += fmt::format("{:02X}", p[i]);
        return fmt::format("X'{}'", hex);
    }
    default: return sqlText(col.getString());
    }
}

std::vector<std::string> userTables(SQLite::Database& db) {
    std::vector<std::string> names;
    SQLite::Statement q(db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (q.executeStep()) names.push_back(q.getColumn(0).getString());
    return names;
}

std::string orderBy(SQLite::Database& db, const std::string& table) {
    std::vector<std::pair<int, std::string>> pk;
    std::vector<std::string> all;
    SQLite::Statement info(db, fmt::format("PRAGMA table_info(\"{}\")", table));
    while (info.executeStep()) {
        all.push_back(fmt::format("\"{}\"", info.getColumn(1).getString()));
        if (int k = info.getColumn(5).getInt(); k > 0)
            pk.emplace_back(k, fmt::format("\"{}\"", info.getColumn(1).getString()));
    }
    if (pk.empty()) return fmt::format("{}", fmt::join(all, ", "));
    std::sort(pk.begin(), pk.end());
    std::vector<std::string> cols;
    for (auto& [k, c] : pk) cols.push_back(c);
    return fmt::format("{}", fmt::join(cols, ", "));
}

// What a dump line may do while it is prepared (sqlite3_set_authorizer):
// insert into one of the schema's tables, with literal values and char(N) —
// what dumpDatabase writes. A SELECT, a recursive WITH, an UPDATE through ON
// CONFLICT or any other function is refused: a hostile dump must not read
// the database, run forever or fill the disk.
struct LineRules {
    const std::set<std::string>* tables;
    std::string refused; // what was refused (preparing stops there), for the message
};

int authorizeDumpLine(void* rules, int action, const char* a, const char* b, const char* database,
                      const char* trigger) {
    auto& r = *static_cast<LineRules*>(rules);
    if (trigger) return SQLITE_OK; // the schema's own triggers (a dump cannot create one)
    if (action == SQLITE_INSERT && a && database && std::string_view(database) == "main" && r.tables->count(a))
        return SQLITE_OK;
    if (action == SQLITE_FUNCTION && b && std::string_view(b) == "char") return SQLITE_OK;
    switch (action) {
    case SQLITE_RECURSIVE: r.refused = "a recursive WITH"; break;
    case SQLITE_SELECT: r.refused = "a SELECT"; break;
    case SQLITE_UPDATE: r.refused = "an UPDATE (ON CONFLICT DO UPDATE)"; break;
    case SQLITE_INSERT: r.refused = fmt::format("an INSERT into {}", a ? a : "another table"); break;
    case SQLITE_FUNCTION: r.refused = fmt::format("the function {}()", b ? b : "?"); break;
    case SQLITE_READ: r.refused = fmt::format("reading {}", a ? a : "a table"); break;
    default: r.refused = "an operation other than INSERT"; break;
    }
    return SQLITE_DENY;
}

} // namespace

void dumpDatabase(Store& store, std::ostream& out) {
    auto& db = store.db();
    try {
        out << header << fmt::format("PRAGMA user_version = {};\n", store.schemaVersion());
        for (const auto& table : userTables(db)) {
            SQLite::Statement rows(db, fmt::format("SELECT * FROM \"{}\" ORDER BY {}", table,
                                                   orderBy(db, table)));
            std::vector<std::string> cols;
            for (int i = 0; i < rows.getColumnCount(); ++i) cols.push_back(rows.getColumnName(i));
            std::string prefix = fmt::format("INSERT INTO {}({}) VALUES(", table, fmt::join(cols, ","));
            std::string line;
            while (rows.executeStep()) {
                line = prefix;
                for (int i = 0; i < rows.getColumnCount(); ++i) {
                    if (i) line += ',';
                    line += sqlValue(rows.getColumn(i));
                }
                line += ");\n";
                out << line;
            }
        }
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "dumping the database");
    }
}

namespace {

RestoreResult restoreInto(const std::filesystem::path& dumpFile, const std::filesystem::path& target) {
    std::ifstream in(dumpFile, std::ios::binary);
    if (!in)
        throw InvalidValue(fmt::format("cannot read {} — give the path of a file written by `klynge dump`",
                                       dumpFile.string()));
    const std::string name = dumpFile.filename().string();
    std::string line;
    std::size_t lineNo = 0;
    int version = 0;
    while (version == 0 && std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line.starts_with("--")) continue;
        if (std::sscanf(line.c_str(), "PRAGMA user_version = %d;", &version) != 1 || version < 1)
            throw InvalidValue(fmt::format("{}:{}: expected \"PRAGMA user_version = N;\" — this is not "
                                           "a klynge dump",
                                           name, lineNo));
    }
    if (version == 0) throw InvalidValue(fmt::format("{}: empty dump — nothing to restore", name));
    if (version > latestSchemaVersion())
        throw InvalidValue(fmt::format("{} has schema version {}; this klynge knows up to {} — upgrade "
                                       "klynge to restore it",
                                       name, version, latestSchemaVersion()));

    RestoreResult result{0, version};
    Store store = Store::create(target, version);
    auto& db = store.db();
    auto tables = userTables(db);
    std::set<std::string> known(tables.begin(), tables.end());
    try {
        // Rows are inserted in table-name order; references are checked once
        // everything is in.
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("BEGIN");
        while (std::getline(in, line)) {
            ++lineNo;
            if (line.empty() || line.starts_with("--")) continue;
            auto bad = [&](std::string_view why) {
                return InvalidValue(fmt::format("{}:{}: {} — a dump holds only the INSERT lines "
                                                "`klynge dump` writes",
                                                name, lineNo, why));
            };
            if (!line.starts_with("INSERT INTO ")) throw bad("not an INSERT statement");
            auto paren = line.find('(', 12);
            if (paren == std::string::npos || !known.count(line.substr(12, paren - 12)))
                throw bad("INSERT into an unknown table");
            sqlite3_stmt* raw = nullptr;
            const char* tail = nullptr;
            LineRules rules{&known, {}};
            sqlite3_set_authorizer(db.getHandle(), authorizeDumpLine, &rules);
            const int prepared = sqlite3_prepare_v2(db.getHandle(), line.c_str(), static_cast<int>(line.size()),
                                                    &raw, &tail);
            sqlite3_set_authorizer(db.getHandle(), nullptr, nullptr);
            if (prepared != SQLITE_OK) {
                std::string why = rules.refused.empty()
                                      ? std::string(sqlite3_errmsg(db.getHandle()))
                                      : fmt::format("{} is not allowed, only literal values", rules.refused);
                sqlite3_finalize(raw);
                throw bad(why);
            }
            std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, sqlite3_finalize);
            // The rest of the line by its length: a NUL byte does not end it.
            const std::string_view rest =
                tail ? std::string_view(tail, static_cast<std::size_t>(line.data() + line.size() - tail)) : "";
            if (!stmt || rest.find_first_not_of(" \t\r") != std::string_view::npos)
                throw bad("more than one statement on the line");
            if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
                // Say which record is wrong in the dump's words, not SQLite's.
                const std::string why = sqlite3_errmsg(db.getHandle());
                const std::string table = line.substr(12, paren - 12);
                const auto columns = why.substr(std::min(why.find(": "), why.size() - 2) + 2);
                switch (sqlite3_extended_errcode(db.getHandle())) {
                case SQLITE_CONSTRAINT_PRIMARYKEY:
                case SQLITE_CONSTRAINT_UNIQUE:
                    throw InvalidValue(fmt::format("{}:{}: a second {} record with the same {} — a dump holds each "
                                                   "record once; remove the duplicate line (were two dumps joined?)",
                                                   name, lineNo, table, columns));
                case SQLITE_CONSTRAINT_NOTNULL:
                    throw InvalidValue(fmt::format("{}:{}: the {} record has no {} — restore from an unedited dump",
                                                   name, lineNo, table, columns));
                default: throw bad(why);
                }
            }
            // Each line is one record (ON CONFLICT DO NOTHING would drop one silently).
            if (sqlite3_changes(db.getHandle()) != 1) throw bad("the line did not add exactly one record");
            ++result.records;
        }
        SQLite::Statement fk(db, "PRAGMA foreign_key_check");
        if (fk.executeStep())
            throw InvalidValue(fmt::format("{}: a record in table {} refers to a missing record — the "
                                           "dump is incomplete",
                                           name, fk.getColumn(0).getString()));
        db.exec("COMMIT");
        db.exec("PRAGMA foreign_keys = ON");
        store.migrate(0, /*anchorHeads=*/false); // restore anchors the file it renames into place
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "restoring");
    }
    return result;
}

} // namespace

RestoreResult restoreDatabase(const std::filesystem::path& dumpFile, const std::filesystem::path& target) {
    try {
        return restoreInto(dumpFile, target);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(target, ec);
        std::filesystem::remove(target.string() + "-journal", ec);
        throw;
    }
}

} // namespace klynge
