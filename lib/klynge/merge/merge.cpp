// The record-level three-way merge (merge.hpp). The work happens on a copy
// of our side with the base and their side attached: their new and changed
// records are applied to it, numbers that met are given the next free one,
// contested records are taken out into merge_conflict, the derived tables
// are recomputed, and the merge's own changes get their links in the hash
// chain, after one link that joins both sides' heads.
#include "klynge/merge/merge.hpp"

#include "klynge/merge/diff.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/store/chain.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <numeric>
#include <random>
#include <unistd.h>

namespace klynge {

namespace merge_detail {

std::string Value::sql() const {
    switch (type) {
    case SQLITE_INTEGER: return std::to_string(i);
    case SQLITE_FLOAT: return fmt::format("{:.17g}", d);
    case SQLITE_BLOB: {
        std::string hex = "X'";
        for (unsigned char c : s) hex += fmt::format("{:02X}", c);
        return hex + "'";
    }
    case SQLITE_TEXT: {
        // One line, as `klynge dump` writes text: control characters as char(N).
        std::string out = "'";
        for (unsigned char c : s) {
            if (c < 0x20) out += fmt::format("'||char({})||'", c);
            else if (c == '\'') out += "''";
            else out += static_cast<char>(c);
        }
        return out + "'";
    }
    default: return "NULL";
    }
}

int TableDiff::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    return -1;
}

TableDiff* Diff::find(std::string_view table) {
    auto it = tables.find(std::string(table));
    return it == tables.end() ? nullptr : &it->second;
}

std::string sideName(Side s) { return s == Side::ours ? "ours" : "theirs"; }

} // namespace merge_detail

using namespace merge_detail;

namespace {

constexpr int O = 0, T = 1; // the sides, as indexes

// Tables the merge recomputes instead of merging.
bool derived(std::string_view table) {
    return table == "ledger_day_total" || table == "chain_head" || table == "merge_conflict";
}

Value readValue(SQLite::Statement& q, int c) {
    Value v;
    auto col = q.getColumn(c);
    v.type = col.getType();
    switch (v.type) {
    case SQLITE_INTEGER: v.i = col.getInt64(); break;
    case SQLITE_FLOAT: v.d = col.getDouble(); break;
    case SQLITE_TEXT:
    case SQLITE_BLOB: v.s.assign(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes())); break;
    default: break;
    }
    return v;
}

void bindValue(SQLite::Statement& q, int index, const Value& v) {
    switch (v.type) {
    case SQLITE_INTEGER: q.bind(index, static_cast<int64_t>(v.i)); break;
    case SQLITE_FLOAT: q.bind(index, v.d); break;
    case SQLITE_TEXT: q.bind(index, v.s); break;
    case SQLITE_BLOB: q.bind(index, v.s.data(), static_cast<int>(v.s.size())); break;
    default: q.bind(index); break;
    }
}

std::map<std::int64_t, Row> readRows(SQLite::Database& db, const std::string& sql) {
    std::map<std::int64_t, Row> rows;
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
        Row r;
        r.reserve(static_cast<std::size_t>(q.getColumnCount()));
        for (int c = 0; c < q.getColumnCount(); ++c) r.push_back(readValue(q, c));
        rows.emplace(r[0].i, std::move(r));
    }
    return rows;
}

std::vector<std::string> columnsOf(SQLite::Database& db, const std::string& table) {
    std::vector<std::string> cols;
    SQLite::Statement q(db, fmt::format("SELECT name FROM pragma_table_info('{}') ORDER BY cid", table));
    while (q.executeStep()) cols.push_back(q.getColumn(0).getString());
    return cols;
}

TableDiff diffTable(SQLite::Database& db, const std::string& table) {
    TableDiff d;
    d.table = table;
    d.columns = columnsOf(db, table);
    d.appendOnly = db.execAndGet(fmt::format("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = "
                                             "'{}_no_update'",
                                             table))
                       .getInt() > 0;
    const std::string side[2] = {"main", "t"};
    for (int s : {O, T}) {
        d.newOn[s] = readRows(db, fmt::format("SELECT * FROM {0}.\"{1}\" WHERE id NOT IN (SELECT id FROM b.\"{1}\")",
                                              side[s], table));
        if (!d.appendOnly)
            d.changedOn[s] = readRows(db, fmt::format("SELECT * FROM (SELECT * FROM {0}.\"{1}\" EXCEPT SELECT * FROM "
                                                      "b.\"{1}\") WHERE id IN (SELECT id FROM b.\"{1}\")",
                                                      side[s], table));
        SQLite::Statement gone(db, fmt::format("SELECT id FROM b.\"{1}\" WHERE id NOT IN (SELECT id FROM {0}.\"{1}\")",
                                               side[s], table));
        while (gone.executeStep()) d.deletedOn[s].insert(gone.getColumn(0).getInt64());
    }
    std::set<std::int64_t> touched;
    for (int s : {O, T}) {
        for (const auto& [id, row] : d.changedOn[s]) touched.insert(id);
        touched.insert(d.deletedOn[s].begin(), d.deletedOn[s].end());
    }
    if (!touched.empty()) {
        SQLite::Statement one(db, fmt::format("SELECT * FROM b.\"{}\" WHERE id = ?", table));
        for (auto id : touched) {
            one.reset();
            one.bind(1, id);
            if (!one.executeStep()) continue;
            Row r;
            for (int c = 0; c < one.getColumnCount(); ++c) r.push_back(readValue(one, c));
            d.base.emplace(id, std::move(r));
        }
    }
    return d;
}

std::vector<std::string> mergedTables(SQLite::Database& db) {
    std::vector<std::string> names;
    SQLite::Statement q(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                            "ORDER BY name");
    while (q.executeStep()) {
        auto name = q.getColumn(0).getString();
        if (!derived(name)) names.push_back(name);
    }
    return names;
}

// The schema's unique keys of a table beyond its id, as column lists.
std::vector<std::vector<std::string>> uniqueKeys(SQLite::Database& db, const std::string& table) {
    std::vector<std::vector<std::string>> keys;
    SQLite::Statement list(db, fmt::format("SELECT name FROM pragma_index_list('{}') WHERE \"unique\" = 1 AND "
                                           "origin <> 'pk'",
                                           table));
    while (list.executeStep()) {
        std::vector<std::string> cols;
        SQLite::Statement info(db, fmt::format("SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                                               list.getColumn(0).getString()));
        while (info.executeStep()) cols.push_back(info.getColumn(0).getString());
        keys.push_back(std::move(cols));
    }
    return keys;
}

// Numbers and vouchers meet by design; renumbering settles them.
bool renumberedKey(const std::vector<std::string>& cols) {
    return cols == std::vector<std::string>{"number"} || cols == std::vector<std::string>{"voucher"} ||
           cols == std::vector<std::string>{"voucher_year", "voucher_seq"};
}

// The references between records: declared foreign keys, and those klynge
// checks itself.
struct Reference {
    std::string child, column, parent;
};
std::vector<Reference> references(SQLite::Database& db, const std::vector<std::string>& tables) {
    std::vector<Reference> refs{{"ledger_entry", "meeting_id", "meeting"},
                                {"decision", "role_assignment_id", "role_assignment"},
                                {"decision", "succeeded_assignment_id", "role_assignment"}};
    for (const auto& t : tables) {
        SQLite::Statement q(db, fmt::format("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{}')", t));
        while (q.executeStep()) refs.push_back({t, q.getColumn(1).getString(), q.getColumn(0).getString()});
    }
    return refs;
}

// Conflicts that share a record are one conflict.
std::vector<Conflict> joined(std::vector<Conflict> all) {
    for (bool again = true; again;) {
        again = false;
        for (std::size_t i = 0; i < all.size() && !again; ++i)
            for (std::size_t j = i + 1; j < all.size() && !again; ++j) {
                auto shares = [](const std::set<RecordRef>& a, const std::set<RecordRef>& b) {
                    return std::any_of(a.begin(), a.end(), [&](const RecordRef& r) { return b.count(r) > 0; });
                };
                const auto &a = all[i], &b = all[j];
                if (!shares(a.newRecords[O], b.newRecords[O]) && !shares(a.newRecords[T], b.newRecords[T]) &&
                    !shares(a.changedRecords, b.changedRecords))
                    continue;
                for (int s : {O, T}) all[i].newRecords[s].insert(b.newRecords[s].begin(), b.newRecords[s].end());
                all[i].changedRecords.insert(b.changedRecords.begin(), b.changedRecords.end());
                all[i].description += "; " + b.description;
                if (all[i].kind != b.kind) all[i].kind += "+" + b.kind;
                all.erase(all.begin() + static_cast<std::ptrdiff_t>(j));
                again = true;
            }
    }
    return all;
}

std::string insertSql(const TableDiff& t, const Row& row) {
    std::vector<std::string> values;
    for (const auto& v : row) values.push_back(v.sql());
    return fmt::format("INSERT INTO \"{}\"({}) VALUES({});", t.table, fmt::join(t.columns, ","), fmt::join(values, ","));
}

std::string updateSql(const TableDiff& t, const Row& row) {
    std::vector<std::string> sets;
    for (std::size_t c = 1; c < row.size(); ++c) sets.push_back(fmt::format("\"{}\" = {}", t.columns[c], row[c].sql()));
    return fmt::format("UPDATE \"{}\" SET {} WHERE id = {};", t.table, fmt::join(sets, ", "), row[0].i);
}

class Merger {
public:
    Merger(SQLite::Database& db) : db_(db) {}
    MergeReport run();

private:
    void diff();
    void collisions(TableDiff& t);
    void fieldMerges(TableDiff& t);
    void uniqueClashes(TableDiff& t);
    void exclude();
    void renumber();
    void write();
    void writeConflicts();
    void link();
    void recomputeDerived();
    void setRow(const TableDiff& t, const Row& row); // INSERT OR REPLACE as stored
    void deleteRow(const std::string& table, std::int64_t id);
    bool excluded(const std::string& table, std::int64_t id, int side) const {
        return excluded_[side].count({table, id}) > 0;
    }

    SQLite::Database& db_;
    Diff diff_;
    std::set<RecordRef> excluded_[2];
    std::set<RecordRef> held_; // changed on both sides, held at the base in a conflict
    std::map<RecordRef, Row> merged_;        // field-by-field results
    std::map<RecordRef, Row> renumbered_[2]; // new rows with their new numbers
    std::set<RecordRef> written_;
    std::map<std::string, std::pair<std::unique_ptr<SQLite::Statement>, std::unique_ptr<SQLite::Statement>>> writers_;
    MergeReport report_;
    std::string mergedAt_;
};

void Merger::diff() {
    diff_.label = [this](std::string_view table, std::int64_t id) { return recordLabel(db_, table, id); };
    // The chain is a union of both sides' links (write()): its rows are
    // never compared.
    for (const auto& table : mergedTables(db_))
        if (table != "chain") diff_.tables.emplace(table, diffTable(db_, table));
    for (auto& [name, t] : diff_.tables) {
        collisions(t);
        fieldMerges(t);
        uniqueClashes(t);
    }
    findDomainConflicts(diff_);
}

// The same id made on both sides (only records made before schema 7 can
// meet like this): the same record if equal, else a conflict.
void Merger::collisions(TableDiff& t) {
    for (auto it = t.newOn[T].begin(); it != t.newOn[T].end();) {
        auto mine = t.newOn[O].find(it->first);
        if (mine == t.newOn[O].end()) {
            ++it;
            continue;
        }
        if (mine->second == it->second) {
            it = t.newOn[T].erase(it); // already in ours
            continue;
        }
        Conflict c;
        c.kind = "same-id";
        c.description = fmt::format("{} #{} was made on both sides as different records", t.table, it->first);
        c.newRecords[O].insert({t.table, it->first});
        c.newRecords[T].insert({t.table, it->first});
        diff_.conflicts.push_back(std::move(c));
        ++it;
    }
}

// A record changed on both sides: field by field; a field changed
// differently, or a change against a deletion, is a conflict.
void Merger::fieldMerges(TableDiff& t) {
    std::set<std::int64_t> ids;
    for (int s : {O, T})
        for (const auto& [id, row] : t.changedOn[s]) ids.insert(id);
    for (auto id : ids) {
        const bool changed[2] = {t.changedOn[O].count(id) > 0, t.changedOn[T].count(id) > 0};
        const bool deleted[2] = {t.deletedOn[O].count(id) > 0, t.deletedOn[T].count(id) > 0};
        if ((changed[O] && deleted[T]) || (changed[T] && deleted[O])) {
            Conflict c;
            c.kind = "changed-and-deleted";
            c.description = fmt::format("{} was changed on {} side and deleted on the other", diff_.label(t.table, id),
                                        changed[O] ? "our" : "their");
            c.changedRecords.insert({t.table, id});
            diff_.conflicts.push_back(std::move(c));
            continue;
        }
        if (!(changed[O] && changed[T])) continue;
        const Row& base = t.base.at(id);
        const Row& ours = t.changedOn[O].at(id);
        const Row& theirs = t.changedOn[T].at(id);
        Row result = base;
        std::vector<std::string> clashes;
        for (std::size_t c = 1; c < base.size(); ++c) {
            if (ours[c] == base[c]) result[c] = theirs[c];
            else if (theirs[c] == base[c] || theirs[c] == ours[c]) result[c] = ours[c];
            else clashes.push_back(fmt::format("{}: ours {}, theirs {}", t.columns[c], ours[c].sql(), theirs[c].sql()));
        }
        if (clashes.empty()) {
            merged_[{t.table, id}] = std::move(result);
            continue;
        }
        Conflict c;
        c.kind = "changed-differently";
        c.description = fmt::format("{} was changed differently on both sides ({})", diff_.label(t.table, id),
                                    fmt::join(clashes, "; "));
        c.changedRecords.insert({t.table, id});
        diff_.conflicts.push_back(std::move(c));
    }
}

// Two new records that the schema allows once (the same e-mail, the same
// contract period paid twice); numbers and vouchers are renumbered instead.
void Merger::uniqueClashes(TableDiff& t) {
    for (const auto& key : uniqueKeys(db_, t.table)) {
        if (renumberedKey(key)) continue;
        std::vector<int> cols;
        for (const auto& k : key) cols.push_back(t.column(k));
        auto keyOf = [&](const Row& r) {
            std::vector<std::string> parts;
            for (int c : cols) {
                if (c < 0 || r[static_cast<std::size_t>(c)].isNull()) return std::string(); // NULLs never clash
                parts.push_back(r[static_cast<std::size_t>(c)].sql());
            }
            return fmt::format("{}", fmt::join(parts, "\x1f"));
        };
        std::map<std::string, std::vector<std::int64_t>> mine;
        for (const auto& [id, row] : t.newOn[O])
            if (auto k = keyOf(row); !k.empty()) mine[k].push_back(id);
        for (const auto& [id, row] : t.newOn[T]) {
            auto k = keyOf(row);
            auto hit = k.empty() ? mine.end() : mine.find(k);
            if (hit == mine.end()) continue;
            Conflict c;
            c.kind = "added-twice";
            c.description = fmt::format("{} was added on both sides with the same {} ({})", t.table,
                                        fmt::join(key, " and "), k.substr(0, 80));
            for (auto other : hit->second) c.newRecords[O].insert({t.table, other});
            c.newRecords[T].insert({t.table, id});
            diff_.conflicts.push_back(std::move(c));
        }
    }
}

// The contested new records, with every new record of the same side that
// refers to them (and a payout's ledger entry, which the payout owns).
void Merger::exclude() {
    const auto refs = references(db_, mergedTables(db_));
    for (auto& c : diff_.conflicts) {
        for (int s : {O, T}) {
            auto& set = c.newRecords[s];
            for (bool grew = true; grew;) {
                grew = false;
                for (const auto& r : std::set<RecordRef>(set)) {
                    if (r.table != "payout") continue;
                    auto* t = diff_.find("payout");
                    auto row = t->newOn[s].find(r.id);
                    if (row == t->newOn[s].end()) continue;
                    auto entry = row->second[static_cast<std::size_t>(t->column("ledger_entry_id"))].i;
                    if (diff_.find("ledger_entry")->newOn[s].count(entry))
                        grew |= set.insert({"ledger_entry", entry}).second;
                }
                for (const auto& ref : refs) {
                    auto* child = diff_.find(ref.child);
                    if (!child) continue;
                    const int col = child->column(ref.column);
                    if (col < 0) continue;
                    for (const auto& [id, row] : child->newOn[s]) {
                        const auto& v = row[static_cast<std::size_t>(col)];
                        if (v.type == SQLITE_INTEGER && set.count({ref.parent, v.i}))
                            grew |= set.insert({ref.child, id}).second;
                    }
                }
            }
        }
    }
    // Conflicts that now share a record are one (a month's two SKAT marks
    // and their items marking the same B-income twice).
    diff_.conflicts = joined(std::move(diff_.conflicts));
    for (const auto& c : diff_.conflicts) {
        for (int s : {O, T}) excluded_[s].insert(c.newRecords[s].begin(), c.newRecords[s].end());
        held_.insert(c.changedRecords.begin(), c.changedRecords.end());
    }
}

// Numbers (and vouchers) of new records that met: the base keeps its own,
// new records keep theirs in id order while it is free; the others get the
// next free one, in id order.
void Merger::renumber() {
    for (auto& entry : diff_.tables) {
        // Named, not bound: the lambdas below use them (clang 14 cannot capture a structured binding).
        const auto& name = entry.first;
        auto& t = entry.second;
        const int number = t.column("number");
        const bool voucher = name == "ledger_entry";
        if (number < 0) continue;
        // (id, side) of every new record that stays, by id.
        std::vector<std::pair<std::int64_t, int>> fresh;
        // Contested records too: a side taken later then finds its numbers
        // free (at the price of a gap for the side not taken).
        for (int s : {O, T})
            for (const auto& [id, row] : t.newOn[s]) fresh.emplace_back(id, s);
        std::sort(fresh.begin(), fresh.end());
        auto settle = [&](int column, const std::string& baseSql, auto&& scope, auto&& apply) {
            std::map<std::int64_t, std::set<std::int64_t>> used; // scope → numbers
            SQLite::Statement q(db_, baseSql);
            while (q.executeStep()) used[q.getColumn(0).getInt64()].insert(q.getColumn(1).getInt64());
            std::vector<std::pair<std::int64_t, int>> again;
            for (const auto& [id, s] : fresh) {
                const Row& row = t.newOn[s].at(id);
                auto& numbers = used[scope(row)];
                if (!numbers.insert(row[static_cast<std::size_t>(column)].i).second) again.emplace_back(id, s);
            }
            for (const auto& [id, s] : again) {
                const Row& row = t.newOn[s].at(id);
                auto& numbers = used[scope(row)];
                const std::int64_t next = *numbers.rbegin() + 1;
                numbers.insert(next);
                apply(id, s, row, next);
            }
        };
        settle(number, fmt::format("SELECT 0, number FROM b.\"{}\"", name), [](const Row&) { return 0; },
               [&, number](std::int64_t id, int s, const Row& row, std::int64_t next) {
                   Row changed = renumbered_[s].count({name, id}) ? renumbered_[s][{name, id}] : row;
                   changed[static_cast<std::size_t>(number)].i = next;
                   renumbered_[s][{name, id}] = std::move(changed);
               });
        if (!voucher) continue;
        const int year = t.column("voucher_year"), seq = t.column("voucher_seq"), text = t.column("voucher");
        settle(seq, "SELECT voucher_year, voucher_seq FROM b.ledger_entry",
               [year](const Row& r) { return r[static_cast<std::size_t>(year)].i; },
               [&, year, seq, text](std::int64_t id, int s, const Row& row, std::int64_t next) {
                   Row changed = renumbered_[s].count({name, id}) ? renumbered_[s][{name, id}] : row;
                   auto name2 = fmt::format("B-{}-{:03}", row[static_cast<std::size_t>(year)].i, next);
                   changed[static_cast<std::size_t>(seq)].i = next;
                   changed[static_cast<std::size_t>(text)].s = name2;
                   renumbered_[s][{name, id}] = std::move(changed);
               });
    }
}

// The row as given: an UPDATE of the record, or an INSERT if it is not there.
// Never INSERT OR REPLACE: that would delete another record that happens to
// hold the same unique value; a clash must fail the merge, not lose a record.
void Merger::setRow(const TableDiff& t, const Row& row) {
    auto& [update, insert] = writers_[t.table];
    if (!update) {
        std::vector<std::string> sets, marks;
        for (std::size_t c = 1; c < t.columns.size(); ++c) sets.push_back(fmt::format("\"{}\" = ?", t.columns[c]));
        for (std::size_t c = 0; c < t.columns.size(); ++c) marks.push_back("?");
        update = std::make_unique<SQLite::Statement>(
            db_, fmt::format("UPDATE main.\"{}\" SET {} WHERE id = ?", t.table, fmt::join(sets, ", ")));
        insert = std::make_unique<SQLite::Statement>(db_, fmt::format("INSERT INTO main.\"{}\"({}) VALUES({})", t.table,
                                                                      fmt::join(t.columns, ","), fmt::join(marks, ",")));
    }
    update->reset();
    for (std::size_t c = 1; c < row.size(); ++c) bindValue(*update, static_cast<int>(c), row[c]);
    update->bind(static_cast<int>(row.size()), static_cast<int64_t>(row[0].i));
    if (update->exec() == 0) {
        insert->reset();
        for (std::size_t c = 0; c < row.size(); ++c) bindValue(*insert, static_cast<int>(c + 1), row[c]);
        insert->exec();
    }
    written_.insert({t.table, row[0].i});
}

void Merger::deleteRow(const std::string& table, std::int64_t id) {
    SQLite::Statement q(db_, fmt::format("DELETE FROM main.\"{}\" WHERE id = ?", table));
    q.bind(1, id);
    q.exec();
}

void Merger::write() {
    db_.exec("INSERT INTO main.chain SELECT * FROM t.chain WHERE id NOT IN (SELECT id FROM main.chain)");
    for (auto& [name, t] : diff_.tables) {
        // Ours: contested new records out, held records back at the base.
        for (const auto& [id, row] : t.newOn[O])
            if (excluded(name, id, O)) deleteRow(name, id);
        for (const auto& [id, row] : t.base)
            if (held_.count({name, id})) setRow(t, row);
        for (const auto& [ref, row] : merged_)
            if (ref.table == name) setRow(t, row);
        // Theirs: what only they changed, deleted or added.
        for (const auto& [id, row] : t.changedOn[T])
            if (!t.changedOn[O].count(id) && !held_.count({name, id})) setRow(t, row);
        for (auto id : t.deletedOn[T])
            if (!t.changedOn[O].count(id) && !held_.count({name, id})) deleteRow(name, id);
        // Ours renumbered first: their records may come with our old numbers.
        for (const auto& [ref, row] : renumbered_[O])
            if (ref.table == name && !excluded(name, ref.id, O)) setRow(t, row);
        // Their new records as they are, in one statement (their links
        // describe them); the renumbered ones row by row.
        db_.exec("DELETE FROM temp.merge_skip");
        {
            SQLite::Statement skip(db_, "INSERT INTO temp.merge_skip(id) VALUES (?)");
            for (const auto& [id, row] : t.newOn[T])
                if (excluded(name, id, T) || renumbered_[T].count({name, id})) {
                    skip.reset();
                    skip.bind(1, id);
                    skip.exec();
                }
        }
        if (!t.newOn[T].empty())
            db_.exec(fmt::format("INSERT INTO main.\"{0}\"({1}) SELECT {1} FROM t.\"{0}\" WHERE id NOT IN "
                                 "(SELECT id FROM b.\"{0}\") AND id NOT IN (SELECT id FROM temp.merge_skip)",
                                 name, fmt::join(t.columns, ",")));
        for (const auto& [ref, row] : renumbered_[T])
            if (ref.table == name && !excluded(name, ref.id, T)) setRow(t, row);
    }
    for (auto& [name, t] : diff_.tables) {
        if (name == "chain") continue;
        for (const auto& [id, row] : t.newOn[O]) report_.fromOurs += !excluded(name, id, O);
        for (const auto& [id, row] : t.changedOn[O]) report_.fromOurs += !held_.count({name, id}) && !t.changedOn[T].count(id);
        for (const auto& [id, row] : t.newOn[T]) report_.fromTheirs += !excluded(name, id, T);
        for (const auto& [id, row] : t.changedOn[T]) report_.fromTheirs += !held_.count({name, id}) && !t.changedOn[O].count(id);
    }
    report_.merged = static_cast<int>(merged_.size());
}

void Merger::recomputeDerived() {
    // The day totals add up: ours + theirs − base, less what the contested
    // records of each side brought to their side's totals.
    db_.exec(R"sql(
        INSERT INTO temp.merge_totals SELECT day, kind, category, sum(r), sum(j), sum(p), sum(n) FROM (
            SELECT day, kind, category, recorded_ore r, rejected_ore j, paid_ore p, entries n FROM main.ledger_day_total
            UNION ALL
            SELECT day, kind, category, recorded_ore, rejected_ore, paid_ore, entries FROM t.ledger_day_total
            UNION ALL
            SELECT day, kind, category, -recorded_ore, -rejected_ore, -paid_ore, -entries FROM b.ledger_day_total)
        GROUP BY day, kind, category)sql");
    if (auto* entries = diff_.find("ledger_entry")) {
        SQLite::Statement less(db_, "INSERT INTO temp.merge_totals VALUES (?, ?, ?, ?, ?, ?, ?)");
        auto sub = [&](const std::string& day, const Value& kind, const Value& category, std::int64_t r, std::int64_t j,
                       std::int64_t p, std::int64_t n) {
            less.reset();
            less.bind(1, day);
            bindValue(less, 2, kind);
            bindValue(less, 3, category);
            less.bind(4, static_cast<int64_t>(-r));
            less.bind(5, static_cast<int64_t>(-j));
            less.bind(6, static_cast<int64_t>(-p));
            less.bind(7, static_cast<int64_t>(-n));
            less.exec();
        };
        const int date = entries->column("entry_date"), kind = entries->column("kind"),
                  category = entries->column("category"), amount = entries->column("amount_ore");
        auto* events = diff_.find("ledger_event");
        for (int s : {O, T}) {
            for (const auto& r : excluded_[s]) {
                if (r.table == "ledger_entry") {
                    const auto& row = entries->newOn[s].at(r.id);
                    sub(row[static_cast<std::size_t>(date)].s, row[static_cast<std::size_t>(kind)],
                        row[static_cast<std::size_t>(category)], row[static_cast<std::size_t>(amount)].i, 0, 0, 1);
                } else if (r.table == "ledger_event" && events) {
                    const auto& ev = events->newOn[s].at(r.id);
                    const auto what = ev[static_cast<std::size_t>(events->column("event"))].s;
                    if (what != "paid" && what != "rejected") continue;
                    const auto entry = ev[static_cast<std::size_t>(events->column("entry_id"))].i;
                    // The entry's kind and category: from either side or the base.
                    SQLite::Statement e(db_, "SELECT kind, category FROM (SELECT id, kind, category FROM main.ledger_entry "
                                             "UNION ALL SELECT id, kind, category FROM t.ledger_entry) WHERE id = ? LIMIT 1");
                    e.bind(1, entry);
                    if (!e.executeStep()) continue;
                    const auto money = ev[static_cast<std::size_t>(events->column("amount_ore"))].i;
                    sub(ev[static_cast<std::size_t>(events->column("event_date"))].s, readValue(e, 0), readValue(e, 1), 0,
                        what == "rejected" ? money : 0, what == "paid" ? money : 0, 0);
                }
            }
        }
    }
    db_.exec("DELETE FROM main.ledger_day_total");
    db_.exec("INSERT INTO main.ledger_day_total(day, kind, category, recorded_ore, rejected_ore, paid_ore, entries) "
             "SELECT day, kind, category, sum(r), sum(j), sum(p), sum(n) FROM temp.merge_totals "
             "GROUP BY day, kind, category HAVING sum(r) <> 0 OR sum(j) <> 0 OR sum(p) <> 0 OR sum(n) <> 0");
    // The heads: both sides' heads but those a new link of the other side follows.
    std::set<std::int64_t> heads;
    for (const char* side : {"main", "t"}) {
        SQLite::Statement q(db_, fmt::format("SELECT link_id FROM {}.chain_head", side));
        while (q.executeStep()) heads.insert(q.getColumn(0).getInt64());
    }
    // A head of one side that a new link of the other follows is no head
    // (three clones: one side had merged the other's work already).
    std::set<std::int64_t> followed;
    {
        SQLite::Statement q(db_, "SELECT parents FROM main.chain WHERE id NOT IN (SELECT id FROM b.chain)");
        while (q.executeStep()) {
            std::string_view text(q.getColumn(0).getText());
            while (!text.empty()) {
                auto colon = text.find(':');
                followed.insert(std::stoll(std::string(text.substr(0, colon))));
                auto space = text.find(' ');
                if (space == std::string_view::npos) break;
                text.remove_prefix(space + 1);
            }
        }
    }
    db_.exec("DELETE FROM main.chain_head");
    SQLite::Statement add(db_, "INSERT INTO main.chain_head(link_id) VALUES (?)");
    for (auto h : heads)
        if (!followed.count(h) && db_.execAndGet(fmt::format("SELECT count(*) FROM main.chain WHERE id = {}", h)).getInt()) {
            add.reset();
            add.bind(1, h);
            add.exec();
        }
}

// The merge's own records (its audit line, the renumberings) and every
// record whose merged form no link has yet get their links, after one that
// follows both sides' heads.
void Merger::link() {
    mergedAt_ = db_.execAndGet("SELECT coalesce(max(at), '') FROM main.audit").getString();
    std::int64_t next = db_.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM main.chain").getInt64();
    const std::int64_t auditId = db_.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM main.audit").getInt64();
    // One renumbering record per renumbered record that stays (number and
    // voucher together); the contested ones are in their conflict.
    std::map<RecordRef, std::pair<std::vector<std::string>, std::vector<std::string>>> changes;
    for (int s : {O, T})
        for (const auto& [ref, row] : renumbered_[s]) {
            if (excluded(ref.table, ref.id, s)) continue;
            const auto& t = diff_.tables.at(ref.table);
            const Row& before = t.newOn[s].at(ref.id);
            for (const char* column : {"voucher", "number"}) {
                int c = t.column(column);
                if (c < 0 || before[static_cast<std::size_t>(c)] == row[static_cast<std::size_t>(c)]) continue;
                auto text = [](const Value& v) { return v.type == SQLITE_TEXT ? v.s : std::to_string(v.i); };
                changes[ref].first.push_back(text(before[static_cast<std::size_t>(c)]));
                changes[ref].second.push_back(text(row[static_cast<std::size_t>(c)]));
            }
        }
    std::vector<std::string> renumbered;
    for (const auto& [ref, change] : changes) {
        std::string what = ref.table == "ledger_entry" ? "ledger entry" : ref.table;
        report_.renumbered.push_back({what, change.first.front(), change.second.front()});
        renumbered.push_back(fmt::format("{} {} → {}", what, change.first.front(), change.second.front()));
    }
    {
        SQLite::Statement a(db_, "INSERT INTO main.audit(id, at, os_user, command, summary) VALUES (?, ?, ?, ?, ?)");
        a.bind(1, auditId);
        a.bind(2, mergedAt_);
        a.bind(3, "git merge");
        a.bind(4, "klynge merge-driver");
        a.bind(5, fmt::format("merged two clones' records{}{}",
                              renumbered.empty() ? "" : fmt::format("; renumbered {}", fmt::join(renumbered, ", ")),
                              diff_.conflicts.empty() ? "" : fmt::format("; {} conflict(s)", diff_.conflicts.size())));
        a.exec();
    }
    ChainLinker linker(db_);
    linker.link("audit", auditId, next++);
    std::int64_t renumberingId = db_.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM main.renumbering").getInt64();
    for (const auto& [ref, change] : changes) {
        SQLite::Statement q(db_, "INSERT INTO main.renumbering(id, record_table, record_id, old_number, new_number, "
                                 "merged_at) VALUES (?, ?, ?, ?, ?, ?)");
        q.bind(1, renumberingId);
        q.bind(2, ref.table);
        q.bind(3, ref.id);
        q.bind(4, fmt::format("{}", fmt::join(change.first, " ")));
        q.bind(5, fmt::format("{}", fmt::join(change.second, " ")));
        q.bind(6, mergedAt_);
        q.exec();
        linker.link("renumbering", renumberingId++, next++);
    }
    // The latest link of each written record: does it still describe it?
    std::map<RecordRef, Sha256> latest;
    {
        std::map<std::string, std::set<std::int64_t>, std::less<>> ids;
        for (const auto& r : written_) ids[r.table].insert(r.id);
        SQLite::Statement q(db_, "SELECT record_table, record_id, digest FROM main.chain ORDER BY id");
        while (q.executeStep()) {
            auto table = ids.find(std::string_view(q.getColumn(0).getText()));
            if (table == ids.end()) continue;
            const auto id = q.getColumn(1).getInt64();
            if (!table->second.count(id)) continue;
            Sha256 d{};
            std::memcpy(d.data(), q.getColumn(2).getBlob(), d.size());
            latest[{table->first, id}] = d;
        }
    }
    RecordDigests digests(db_);
    for (const auto& r : written_) {
        auto digest = digests.of(r.table, r.id);
        if (!digest) continue; // held out (a conflict): linked when taken
        auto it = latest.find(r);
        if (it != latest.end() && it->second == *digest) continue;
        linker.link(r.table, r.id, next++);
    }
    linker.finish();
}

void Merger::writeConflicts() {
    db_.exec("DELETE FROM main.merge_conflict");
    std::int64_t number = 0;
    for (const auto& c : diff_.conflicts) {
        std::vector<std::string> sql[2], records[2];
        for (int s : {O, T}) {
            // The foreign keys are deferred when a side is taken, so the
            // order of the statements does not matter.
            for (const auto& r : c.newRecords[s]) {
                const auto& t = diff_.tables.at(r.table);
                auto row = t.newOn[s].find(r.id);
                if (row == t.newOn[s].end()) continue;
                auto re = renumbered_[s].find(r);
                sql[s].push_back(insertSql(t, re == renumbered_[s].end() ? row->second : re->second));
                records[s].push_back(fmt::format("{}#{}", r.table, r.id));
            }
            for (const auto& r : c.changedRecords) {
                const auto& t = diff_.tables.at(r.table);
                auto changed = t.changedOn[s].find(r.id);
                if (changed != t.changedOn[s].end()) sql[s].push_back(updateSql(t, changed->second));
                else if (t.deletedOn[s].count(r.id)) sql[s].push_back(fmt::format("DELETE FROM \"{}\" WHERE id = {};", r.table, r.id));
            }
        }
        SQLite::Statement q(db_, "INSERT INTO main.merge_conflict(id, kind, description, ours_sql, theirs_sql, "
                                 "ours_records, theirs_records) VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, ++number);
        q.bind(2, c.kind);
        q.bind(3, c.description);
        q.bind(4, fmt::format("{}", fmt::join(sql[O], "\n")));
        q.bind(5, fmt::format("{}", fmt::join(sql[T], "\n")));
        q.bind(6, fmt::format("{}", fmt::join(records[O], " ")));
        q.bind(7, fmt::format("{}", fmt::join(records[T], " ")));
        q.exec();
        report_.conflicts.push_back(fmt::format("{}: {}", number, c.description));
    }
}

MergeReport Merger::run() {
    diff();
    exclude();
    renumber();
    // Triggers off while the merge rewrites: it is klynge's own writing.
    std::vector<std::string> triggers;
    {
        SQLite::Statement q(db_, "SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' ORDER BY name");
        while (q.executeStep()) triggers.push_back(q.getColumn(0).getString());
        SQLite::Statement n(db_, "SELECT name FROM main.sqlite_schema WHERE type = 'trigger'");
        std::vector<std::string> names;
        while (n.executeStep()) names.push_back(n.getColumn(0).getString());
        for (const auto& name : names) db_.exec(fmt::format("DROP TRIGGER main.\"{}\"", name));
    }
    db_.exec("CREATE TEMP TABLE merge_skip(id INTEGER PRIMARY KEY)");
    db_.exec("CREATE TEMP TABLE merge_totals(day, kind, category, r, j, p, n)");
    write();
    recomputeDerived();
    writeConflicts();
    link();
    for (const auto& sql : triggers) db_.exec(sql);
    return report_;
}

// `from` as the merge reads it: the file itself when it has the latest
// schema, else an upgraded copy beside `dir` (an empty database when there
// is no base). `copies` collects what to remove afterwards.
std::filesystem::path readable(const std::filesystem::path& from, const std::filesystem::path& dir,
                               std::string_view what, bool mustCopy, std::vector<std::filesystem::path>& copies) {
    std::mt19937_64 rng(std::random_device{}());
    auto to = dir / fmt::format(".klynge-merge-{}-{:x}.klynge-tmp", what, rng());
    std::error_code ec;
    if (from.empty() || !std::filesystem::exists(from, ec) || std::filesystem::file_size(from, ec) == 0) {
        copies.push_back(to);
        Store::create(to);
        return to;
    }
    int version = 0;
    try {
        Store s = Store::open(from, Store::Mode::readOnly);
        version = s.schemaVersion();
    } catch (const StorageError& e) {
        throw StorageError(fmt::format("{} side of the merge: {}", what, e.what()));
    }
    if (version == latestSchemaVersion() && !mustCopy) return from;
    copies.push_back(to);
    std::filesystem::copy_file(from, to, ec);
    if (ec)
        throw StorageError(fmt::format("cannot copy {} for the merge: {} — check the disk", from.string(), ec.message()));
    try {
        Store s = Store::open(to, Store::Mode::readOnly);
        s.migrate(0, /*anchorHeads=*/false);
    } catch (const StorageError& e) {
        throw StorageError(fmt::format("{} side of the merge: {}", what, e.what()));
    }
    return to;
}

} // namespace

MergeReport mergeDatabases(const std::filesystem::path& base, const std::filesystem::path& ours,
                           const std::filesystem::path& theirs, const std::filesystem::path& result) {
    const auto dir = std::filesystem::absolute(result).parent_path();
    std::vector<std::filesystem::path> copies;
    auto cleanup = [&] {
        std::error_code ec;
        for (const auto& t : copies) {
            std::filesystem::remove(t, ec);
            std::filesystem::remove(t.string() + "-journal", ec);
        }
    };
    try {
        const auto b = readable(base, dir, "base", false, copies);
        const auto t = readable(theirs, dir, "theirs", false, copies);
        // Ours is merged in place when it is the result (as git runs the
        // driver): one transaction, so a failure leaves it as it was.
        std::error_code ec;
        const bool inPlace = std::filesystem::equivalent(ours, result, ec);
        const auto o = readable(ours, dir, "ours", !inPlace, copies);
        MergeReport report;
        {
            SQLite::Database db(o.string(), SQLite::OPEN_READWRITE);
            db.exec("PRAGMA foreign_keys = OFF");
            SQLite::Statement attachBase(db, "ATTACH DATABASE ? AS b");
            attachBase.bind(1, b.string());
            attachBase.exec();
            SQLite::Statement attachTheirs(db, "ATTACH DATABASE ? AS t");
            attachTheirs.bind(1, t.string());
            attachTheirs.exec();
            db.exec("BEGIN IMMEDIATE");
            try {
                Merger m(db);
                report = m.run();
                SQLite::Statement fk(db, "PRAGMA main.foreign_key_check");
                if (fk.executeStep())
                    throw StorageError(fmt::format("the merged records would leave a record of {} referring to a "
                                                   "missing {} — please report this; `git merge --abort` undoes the "
                                                   "merge",
                                                   fk.getColumn(0).getString(), fk.getColumn(2).getString()));
                db.exec("COMMIT");
            } catch (...) {
                db.exec("ROLLBACK");
                throw;
            }
            db.exec("DETACH DATABASE b");
            db.exec("DETACH DATABASE t");
        }
        if (o != result) {
            std::filesystem::rename(o, result);
            std::erase(copies, o);
        }
        cleanup();
        return report;
    } catch (const SQLite::Exception& e) {
        cleanup();
        throw StorageError(fmt::format("the merge of klynge.db failed: {} — `git merge --abort` undoes the merge",
                                       e.what()));
    } catch (...) {
        cleanup();
        throw;
    }
}

} // namespace klynge
