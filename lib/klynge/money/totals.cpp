// The day totals (schema 3's ledger_day_total, kept by every ledger write)
// recomputed from the records for `klynge check` (money.totals). One pass
// over the entries and one over their events, summed in memory: a million
// entries in well under a second, where SQL's GROUP BY over a UNION sorts
// them all.
#include "klynge/money/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace klynge {
namespace {

struct Sums {
    std::int64_t recorded = 0, rejected = 0, paid = 0;
};

// Day, kind and category, as small numbers: the categories are few.
class Keys {
public:
    // kind and category together: what an event takes from its entry.
    std::uint32_t sort(const std::string& kind, const std::string& category) {
        return (index(kinds_, kind) << 24) | index(categories_, category);
    }
    std::uint64_t key(const std::string& day, std::uint32_t sort) {
        return (static_cast<std::uint64_t>(index(days_, day)) << 32) | sort;
    }
    std::uint64_t key(const std::string& day, const std::string& kind, const std::string& category) {
        return key(day, sort(kind, category));
    }
    std::tuple<std::string, std::string, std::string> names(std::uint64_t k) const {
        return {name(days_, static_cast<std::uint32_t>(k >> 32)), name(kinds_, (k >> 24) & 0xff),
                name(categories_, k & 0xffffff)};
    }

private:
    using Index = std::unordered_map<std::string, std::uint32_t>;
    static std::uint32_t index(Index& idx, const std::string& s) {
        return idx.try_emplace(s, static_cast<std::uint32_t>(idx.size())).first->second;
    }
    static std::string name(const Index& idx, std::uint32_t i) {
        for (const auto& [s, n] : idx)
            if (n == i) return s;
        return {};
    }
    Index days_, kinds_, categories_;
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
    // Each entry's kind and category, for its events.
    std::unordered_map<std::int64_t, std::uint32_t> entries;
    {
        SQLite::Statement q(db, "SELECT id, entry_date, kind, category, amount_ore FROM ledger_entry");
        while (q.executeStep()) {
            const auto sort = keys.sort(q.getColumn(2).getString(), q.getColumn(3).getString());
            computed[keys.key(q.getColumn(1).getString(), sort)].recorded += q.getColumn(4).getInt64();
            entries.emplace(q.getColumn(0).getInt64(), sort);
        }
    }
    {
        SQLite::Statement q(db, "SELECT entry_id, event, event_date, amount_ore FROM ledger_event "
                                "WHERE event IN ('rejected', 'paid')");
        while (q.executeStep()) {
            auto e = entries.find(q.getColumn(0).getInt64());
            if (e == entries.end()) continue; // an event without its entry: store.chain names it
            auto& sums = computed[keys.key(q.getColumn(2).getString(), e->second)];
            (q.getColumn(1).getString() == "paid" ? sums.paid : sums.rejected) += q.getColumn(3).getInt64();
        }
    }
    std::unordered_map<std::uint64_t, Sums> stored;
    {
        SQLite::Statement q(db, "SELECT day, kind, category, recorded_ore, rejected_ore, paid_ore FROM "
                                "ledger_day_total");
        while (q.executeStep())
            stored[keys.key(q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString())] =
                {q.getColumn(3).getInt64(), q.getColumn(4).getInt64(), q.getColumn(5).getInt64()};
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
