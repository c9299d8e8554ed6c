#include "klynge/store/chain_v6.hpp"

#include "klynge/store/chain.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {
namespace {

// Schema 6's registry, as released: never change it.
struct V6Table {
    std::string_view table;
    std::string_view columns;
};
constexpr std::array v6Tables{
    V6Table{"ledger_entry", "voucher, voucher_year, voucher_seq, kind, entry_date, amount_ore, category, text, payee, "
                            "meeting_id, reverses_id, reason, recorded_on"},
    V6Table{"ledger_event", "entry_id, event, event_date, amount_ore, note, recorded_on"},
    V6Table{"ledger_receipt", "entry_id, sha256, extension, file_name, bytes, added_on"},
    V6Table{"payout", "payee_id, contract_id, period, kind, paid_on, amount_ore, vat_ore, ledger_entry_id, recorded_on"},
    V6Table{"b_income", "payout_id, payee_id, month, field, amount_ore, recorded_on"},
    V6Table{"skat_report", "month, reference, reported_on, recorded_on"},
    V6Table{"skat_report_item", "report_id, b_income_id"},
    V6Table{"decision", "meeting_id, kind, subject, eligible_present, yes, no, blank, by_ballot, share_numerator, "
                        "share_denominator, casting_vote, outcome, by_lot, role_assignment_id, succeeded_assignment_id, "
                        "supersedes_id, reason, decided_on, recorded_on"},
    V6Table{"decision_ballot", "decision_id, member_id, choice"},
    V6Table{"election_candidate", "decision_id, member_id, votes, elected"},
    V6Table{"idea", "title, meeting_id, added_on"},
    V6Table{"dot_result", "decision_id, idea_id, dots, chosen"},
    V6Table{"dot_allocation", "decision_id, member_id, idea_id, dots"},
};

std::string escaped(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else out += c;
    }
    return out;
}

// Schema 6's canonical text: "table #id\ncol=t:value…" over its columns in order.
std::string v6Canonical(std::string_view table, SQLite::Statement& row) {
    std::string out = fmt::format("{} #{}", table, row.getColumn(0).getInt64());
    for (int i = 1; i < row.getColumnCount(); ++i) {
        auto col = row.getColumn(i);
        out += '\n';
        out += row.getColumnName(i);
        switch (col.getType()) {
        case SQLITE_NULL: out += "=null"; break;
        case SQLITE_INTEGER: out += fmt::format("=i:{}", col.getInt64()); break;
        case SQLITE_FLOAT: out += fmt::format("=r:{:.17g}", col.getDouble()); break;
        case SQLITE_BLOB: {
            out += "=b:";
            auto* p = static_cast<const unsigned char*>(col.getBlob());
            for (int b = 0; b < col.getBytes(); ++b) out += fmt::format("{:02x}", p[b]);
            break;
        }
        default: out += "=t:" + escaped(col.getString()); break;
        }
    }
    return out;
}

struct OldLink {
    std::string table;
    std::int64_t id;
};

[[noreturn]] void refuse(SQLite::Database& db, std::string_view table, std::int64_t id, std::string_view what) {
    throw StorageError(fmt::format("{} {} in the hash chain of klynge.db, so klynge will not upgrade it to schema 7 — "
                                   "restore klynge.db from git or a dump, then run klynge again",
                                   recordLabel(db, table, id), what));
}

// Verifies the schema-6 chain; returns its links in order.
std::vector<OldLink> verifiedOldChain(SQLite::Database& db) {
    std::map<std::string, std::string, std::less<>> columns;
    for (const auto& t : v6Tables) columns.emplace(std::string(t.table), std::string(t.columns));
    std::vector<OldLink> links;
    std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> reads;
    SQLite::Statement q(db, "SELECT seq, record_table, record_id, hash FROM chain ORDER BY seq");
    std::string previous(64, '0');
    std::map<std::string, std::int64_t, std::less<>> linkCount; // one link per record: UNIQUE in schema 6
    while (q.executeStep()) {
        std::string table = q.getColumn(1).getString();
        const std::int64_t id = q.getColumn(2).getInt64();
        const std::string stored = q.getColumn(3).getString();
        auto cols = columns.find(table);
        if (cols == columns.end()) refuse(db, table, id, "has a link for a table schema 6 did not chain");
        auto& read = reads[table];
        if (!read)
            read = std::make_unique<SQLite::Statement>(
                db, fmt::format("SELECT id, {} FROM {} WHERE id = ?", cols->second, table));
        read->reset();
        read->bind(1, id);
        if (!read->executeStep()) refuse(db, table, id, "is missing but has a link");
        if (sha256Hex(previous + "\n" + v6Canonical(table, *read)) != stored)
            refuse(db, table, id, "does not match its link");
        read->reset();
        previous = stored;
        ++linkCount[table];
        links.push_back({std::move(table), id});
    }
    // Every link names an existing record, once; equal counts leave no
    // record without a link.
    for (const auto& t : v6Tables) {
        auto rows = db.execAndGet(fmt::format("SELECT count(*) FROM {}", t.table)).getInt64();
        auto it = linkCount.find(t.table);
        if (rows != (it == linkCount.end() ? 0 : it->second)) {
            SQLite::Statement first(db, fmt::format("SELECT t.id FROM {} t WHERE NOT EXISTS (SELECT 1 FROM chain c "
                                                    "WHERE c.record_table = '{}' AND c.record_id = t.id) ORDER BY t.id "
                                                    "LIMIT 1",
                                                    t.table, t.table));
            refuse(db, t.table, first.executeStep() ? first.getColumn(0).getInt64() : 0, "has no link");
        }
    }
    return links;
}

constexpr std::string_view newChain = R"sql(
DROP TRIGGER chain_no_update;
DROP TRIGGER chain_no_delete;
DROP TABLE chain;
-- The hash chain (chain.hpp): one link per version of a record. `parents`
-- names the links it follows, "LINK:TABLE#ID ...", whose hashes it covers.
CREATE TABLE chain (
    id            INTEGER PRIMARY KEY,
    record_table  TEXT NOT NULL,
    record_id     INTEGER NOT NULL,
    digest        BLOB NOT NULL CHECK (length(digest) = 32),
    parents       TEXT NOT NULL,
    hash          BLOB NOT NULL CHECK (length(hash) = 32)
);
-- Derived, like an index: the links no other link follows (klynge check
-- recomputes them; klynge.head beside the database holds a copy).
CREATE TABLE chain_head (
    link_id       INTEGER PRIMARY KEY REFERENCES chain(id)
);
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only'); END;
)sql";

} // namespace

void migrateChainToV7(SQLite::Database& db) {
    const auto old = verifiedOldChain(db);
    std::set<std::string> oldTables;
    for (const auto& t : v6Tables) oldTables.emplace(t.table);
    db.exec(std::string(newChain));

    std::int64_t next = 1;
    {
        ChainLinker linker(db);
        for (const auto& l : old) linker.link(l.table, l.id, next++);
        linker.finish();
    }
    std::vector<std::string> newlyChained;
    SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                 "ORDER BY name");
    while (tables.executeStep()) {
        auto name = tables.getColumn(0).getString();
        if (isChainedTable(name) && !oldTables.count(name)) newlyChained.push_back(name);
    }
    linkEveryRow(db, newlyChained, next);
}

} // namespace klynge
