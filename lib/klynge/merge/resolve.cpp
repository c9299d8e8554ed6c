// Reading and resolving the conflicts a merge left (merge.hpp).
#include "klynge/merge/merge.hpp"

#include "klynge/money/ledger.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace klynge {

std::vector<MergeConflict> mergeConflicts(Store& store) {
    std::vector<MergeConflict> out;
    SQLite::Statement q(store.db(), "SELECT id, kind, description, status FROM merge_conflict ORDER BY id");
    while (q.executeStep()) {
        MergeConflict c;
        c.number = q.getColumn(0).getInt64();
        c.kind = q.getColumn(1).getString();
        c.description = q.getColumn(2).getString();
        auto status = q.getColumn(3).getString();
        c.resolved = status != "open";
        if (c.resolved) c.took = status;
        out.push_back(std::move(c));
    }
    return out;
}

bool hasOpenMergeConflicts(Store& store) {
    try {
        return store.db().execAndGet("SELECT EXISTS (SELECT 1 FROM merge_conflict WHERE status = 'open')").getInt() != 0;
    } catch (const SQLite::Exception&) {
        return false; // a schema before merges
    }
}

void takeMergeSide(Store& store, WriteTransaction& tx, std::int64_t number, bool ours) {
    SQLite::Statement q(store.db(), "SELECT status, ours_sql, theirs_sql, ours_records, theirs_records "
                                    "FROM merge_conflict WHERE id = ?");
    q.bind(1, number);
    if (!q.executeStep())
        throw RuleViolation(fmt::format("there is no merge conflict {} — `klynge merge --conflicts` lists them", number));
    if (auto status = q.getColumn(0).getString(); status != "open")
        throw RuleViolation(fmt::format("merge conflict {} is already resolved (took {}) — nothing to do", number,
                                        status));
    const std::string sql = q.getColumn(ours ? 1 : 2).getString();
    const std::string losers = q.getColumn(ours ? 4 : 3).getString();
    q.reset();
    // The records of a side refer to each other in any order.
    store.db().exec("PRAGMA defer_foreign_keys = ON");
    std::istringstream lines(sql);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) store.db().exec(line);
    // The other side's new records never reach the tables: their links in
    // the chain get a tombstone, so `klynge check` knows they went on purpose.
    std::istringstream records(losers);
    for (std::string r; records >> r;) {
        auto hash = r.find('#');
        std::int64_t id = 0;
        std::from_chars(r.data() + hash + 1, r.data() + r.size(), id);
        SQLite::Statement there(store.db(), fmt::format("SELECT 1 FROM \"{}\" WHERE id = ?", r.substr(0, hash)));
        there.bind(1, id);
        if (!there.executeStep()) tx.touch(r.substr(0, hash), id);
    }
    rebuildDayTotals(store.db());
    SQLite::Statement done(store.db(), "UPDATE merge_conflict SET status = ? WHERE id = ?");
    done.bind(1, ours ? "ours" : "theirs");
    done.bind(2, number);
    done.exec();
}

} // namespace klynge
