// The day totals (schema 3's ledger_day_total, kept by every ledger write)
// recomputed from the records for `klynge check` (money.totals). One pass
// over the entries and one over their events, summed in memory: a million
// entries in well under a second, where SQL's GROUP BY over a UNION sorts
// them all.
#include "klynge/money/ledger.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <vector>
#include <tuple>
#include <unordered_map>

namespace klynge {
namespace {

struct Sums {
    std::int64_t recorded = 0, rejected = 0, paid = 0;
};

// A statement on the raw handle: a million rows read without a string
// allocated for each column.
class Rows {
public:
    Rows(SQLite::Database& db, const char* sql) {
        if (sqlite3_prepare_v2(db.getHandle(), sql, -1, &st_, nullptr) != SQLITE_OK)
            throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    }
    ~Rows() { sqlite3_finalize(st_); }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    bool step() {
        const int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw SQLite::Exception(sqlite3_db_handle(st_), rc);
    }
    std::int64_t integer(int c) const { return sqlite3_column_int64(st_, c); }
    std::string_view text(int c) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, c))) : std::string_view();
    }

private:
    sqlite3_stmt* st_ = nullptr;
};

// Day, kind and category, as small numbers: the kinds and categories are
// few, and the entries come day by day, so the last name looked up is
// usually the one asked for again.
class Names {
public:
    std::uint32_t index(std::string_view name) {
        if (last_ < names_.size() && names_[last_] == name) return last_;
        for (std::uint32_t i = 0; i < names_.size(); ++i)
            if (names_[i] == name) return last_ = i;
        names_.emplace_back(name);
        return last_ = static_cast<std::uint32_t>(names_.size() - 1);
    }
    const std::string& name(std::uint32_t i) const { return names_[i]; }

private:
    std::vector<std::string> names_;
    std::uint32_t last_ = 0;
};

class Days {
public:
    std::uint32_t index(std::string_view day) {
        if (!names_.empty() && names_[last_] == day) return last_;
        auto [it, added] = byName_.try_emplace(std::string(day), static_cast<std::uint32_t>(names_.size()));
        if (added) names_.push_back(it->first);
        return last_ = it->second;
    }
    const std::string& name(std::uint32_t i) const { return names_[i]; }

private:
    std::unordered_map<std::string, std::uint32_t> byName_;
    std::vector<std::string> names_;
    std::uint32_t last_ = 0;
};

class Keys {
public:
    // kind and category together: what an event takes from its entry.
    std::uint32_t sort(std::string_view kind, std::string_view category) {
        return (kinds_.index(kind) << 24) | categories_.index(category);
    }
    std::uint64_t key(std::string_view day, std::uint32_t sort) {
        return (static_cast<std::uint64_t>(days_.index(day)) << 32) | sort;
    }
    std::tuple<std::string, std::string, std::string> names(std::uint64_t k) const {
        return {days_.name(static_cast<std::uint32_t>(k >> 32)), kinds_.name((k >> 24) & 0xff),
                categories_.name(k & 0xffffff)};
    }

private:
    Days days_;
    Names kinds_, categories_;
};

} // namespace

void rebuildDayTotals(SQLite::Database& db) {
    db.exec("DELETE FROM main.ledger_day_total");
    db.exec(R"sql(
        INSERT INTO main.ledger_day_total(day, kind, category, recorded_ore, rejected_ore, paid_ore, entries)
        SELECT day, kind, category, sum(rec), sum(rej), sum(paid), sum(n) FROM (
            SELECT entry_date AS day, kind, category, amount_ore AS rec, 0 AS rej, 0 AS paid, 1 AS n
            FROM main.ledger_entry
            UNION ALL
            SELECT v.event_date, e.kind, e.category, 0,
                   CASE WHEN v.event = 'rejected' THEN v.amount_ore ELSE 0 END,
                   CASE WHEN v.event = 'paid' THEN v.amount_ore ELSE 0 END, 0
            FROM main.ledger_event v JOIN main.ledger_entry e ON e.id = v.entry_id
            WHERE v.event IN ('rejected', 'paid'))
        GROUP BY day, kind, category)sql");
}

std::vector<TotalsMismatch> verifyDayTotals(Store& store) {
    auto& db = store.db();
    Keys keys;
    std::unordered_map<std::uint64_t, Sums> computed;
    // Each entry's kind and category, for its events: read in id order, so
    // sorted by id.
    std::vector<std::pair<std::int64_t, std::uint32_t>> entries;
    {
        Rows q(db, "SELECT id, entry_date, kind, category, amount_ore FROM ledger_entry ORDER BY id");
        while (q.step()) {
            const auto sort = keys.sort(q.text(2), q.text(3));
            computed[keys.key(q.text(1), sort)].recorded += q.integer(4);
            entries.emplace_back(q.integer(0), sort);
        }
    }
    {
        Rows q(db, "SELECT entry_id, event, event_date, amount_ore FROM ledger_event WHERE event IN ('rejected', 'paid')");
        // Events are written after their entry, so they come mostly in the
        // entries' order: the entry after the last one is tried first.
        std::size_t hint = 0;
        while (q.step()) {
            const std::int64_t entry = q.integer(0);
            std::size_t at = hint;
            while (at < entries.size() && at < hint + 4 && entries[at].first < entry) ++at;
            if (at >= entries.size() || entries[at].first != entry)
                at = static_cast<std::size_t>(std::lower_bound(entries.begin(), entries.end(), entry,
                                                               [](const auto& x, std::int64_t id) { return x.first < id; }) -
                                              entries.begin());
            if (at >= entries.size() || entries[at].first != entry) continue; // an event without its entry: store.chain names it
            hint = at;
            auto& sums = computed[keys.key(q.text(2), entries[at].second)];
            (q.text(1) == "paid" ? sums.paid : sums.rejected) += q.integer(3);
        }
    }
    std::unordered_map<std::uint64_t, Sums> stored;
    {
        Rows q(db, "SELECT day, kind, category, recorded_ore, rejected_ore, paid_ore FROM ledger_day_total");
        while (q.step())
            stored[keys.key(q.text(0), keys.sort(q.text(1), q.text(2)))] = {q.integer(3), q.integer(4), q.integer(5)};
    }
    // By day, kind and category, as the messages list them.
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<Sums, Sums>> differ;
    auto compare = [&](std::uint64_t k) {
        Sums s = stored.count(k) ? stored.at(k) : Sums{};
        Sums c = computed.count(k) ? computed.at(k) : Sums{};
        if (s.recorded != c.recorded || s.rejected != c.rejected || s.paid != c.paid) differ[keys.names(k)] = {s, c};
    };
    for (const auto& [k, sums] : computed) compare(k);
    for (const auto& [k, sums] : stored)
        if (!computed.count(k)) compare(k);
    std::vector<TotalsMismatch> out;
    for (const auto& entry : differ) {
        const auto& name = entry.first;
        const auto& pair = entry.second;
        const auto& [s, c] = pair;
        // std::get, not a structured binding: clang 14 cannot capture one in a lambda.
        auto add = [&](std::int64_t a, std::int64_t b, const char* column) {
            if (a != b)
                out.push_back({std::get<0>(name), std::get<1>(name), std::get<2>(name), Money::fromOre(a),
                               Money::fromOre(b), column});
        };
        add(s.recorded, c.recorded, "recorded");
        add(s.rejected, c.rejected, "rejected");
        add(s.paid, c.paid, "paid");
    }
    return out;
}

} // namespace klynge
