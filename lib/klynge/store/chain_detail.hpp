// What chain.cpp (writing) and chain_verify.cpp (checking) share; not part
// of the library's interface.
#pragma once

#include "klynge/store/chain.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace klynge::chain_detail {

inline constexpr std::string_view howToFix =
    "restore klynge.db and klynge.head from git (`git checkout -- klynge.db klynge.head`) or from a dump "
    "(`klynge restore`); klynge corrects records only by appending, e.g. `klynge ledger reverse`, "
    "`klynge vote --supersedes`";

void appendInt(std::string& out, std::int64_t v);
// A link's parents as stored: "LINK:TABLE#ID LINK:TABLE#ID", by link id.
std::string parentsText(const std::vector<ChainHead>& parents);

// The digest of a deleted record's last version.
Sha256 tombstoneDigest(std::string_view table, std::int64_t id);

// One parent as a link names it: "LINK:TABLE#ID".
struct ParentRef {
    std::int64_t link = 0;
    std::string_view record;
};
// Parses a link's parents; false for text klynge never writes.
bool parseParents(std::string_view text, std::vector<ParentRef>& out);

Sha256 linkHash(const std::vector<const Sha256*>& parentHashes, std::string_view table, std::int64_t id,
                const Sha256& digest);

// A table's columns but id, alphabetically; "SELECT id, <cols> FROM table".
std::vector<std::string> tableColumns(SQLite::Database& db, std::string_view table);
std::string selectRow(std::string_view table, const std::vector<std::string>& cols);
// The canonical text (chain.hpp) of the row a statement from selectRow stands on.
void canonicalInto(std::string& out, std::string_view table, const std::vector<std::string>& cols, sqlite3_stmt* q);
// The same for a `SELECT * FROM table`: its columns in the canonical order
// read from the statement itself (the names tableColumns would give, without
// a query of pragma_table_info per table — `check` reads every table).
struct ColumnOrder {
    int id = -1;                    // the id column's index
    std::vector<std::string> names; // the others, alphabetically
    std::vector<int> at;            // ... and their indexes
    static ColumnOrder of(sqlite3_stmt* q);
};
void canonicalInto(std::string& out, std::string_view table, const ColumnOrder& order, sqlite3_stmt* q);

// A prepared statement on the raw handle: the hot loops read millions of
// rows, and SQLiteCpp's Column objects cost a reference count each.
class Raw {
public:
    Raw(SQLite::Database& db, const std::string& sql) {
        if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
            fail(sqlite3_errmsg(db.getHandle()));
    }
    ~Raw() { sqlite3_finalize(st_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    bool step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(sqlite3_errstr(rc));
    }
    sqlite3_stmt* get() { return st_; }
    void reset() { sqlite3_reset(st_); }
    void bind(int index, std::int64_t value) { sqlite3_bind_int64(st_, index, value); }

private:
    [[noreturn]] static void fail(const char* why);
    sqlite3_stmt* st_ = nullptr;
};

// The tables whose rows are chained, by name.
std::vector<std::string> chainedTableNames(SQLite::Database& db);

} // namespace klynge::chain_detail
