// The record-level diff of one table between the base and each side, the
// shared vocabulary of merge.cpp (the engine) and rules.cpp (the domain's
// conflicts). Internal to the merge.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace klynge::merge_detail {

// One SQLite value, compared by type and content ("12" is not 12).
struct Value {
    int type = 5; // SQLITE_NULL
    std::int64_t i = 0;
    double d = 0;
    std::string s; // text or blob bytes
    bool operator==(const Value& o) const {
        return type == o.type && i == o.i && (type != 2 || d == o.d) && s == o.s;
    }
    bool isNull() const { return type == 5; }
    std::string sql() const; // a literal: NULL, 42, 'text', X'ABCD'
};

using Row = std::vector<Value>; // in the table's column order; id first

enum class Side { ours, theirs };

// A table's changes on both sides against the base.
struct TableDiff {
    std::string table;
    std::vector<std::string> columns; // id first
    bool appendOnly = false;          // has <table>_no_update: changes are not looked for
    std::map<std::int64_t, Row> newOn[2];     // added on a side
    std::map<std::int64_t, Row> changedOn[2]; // changed on a side (base has the id)
    std::map<std::int64_t, Row> base;         // the base rows of ids changed or deleted on a side
    std::set<std::int64_t> deletedOn[2];
    int column(std::string_view name) const; // -1 if none
};

// A record by table and id: "ledger_entry#7".
struct RecordRef {
    std::string table;
    std::int64_t id = 0;
    auto operator<=>(const RecordRef&) const = default;
};

// What a conflict contests: new records of either side (kept out until
// resolved) and records changed on both sides (held at their base values).
struct Conflict {
    std::string kind;
    std::string description;
    std::set<RecordRef> newRecords[2];
    std::set<RecordRef> changedRecords; // ids changed (or deleted) on both sides
};

struct Diff {
    std::map<std::string, TableDiff> tables;
    std::vector<Conflict> conflicts;
    // How a message names a record of the merged database ("ledger entry B-2026-004").
    std::function<std::string(std::string_view table, std::int64_t id)> label;
    TableDiff* find(std::string_view table);
};

// The domain's clashes (rules.cpp): each adds conflicts to the diff.
void findDomainConflicts(Diff& diff);

std::string sideName(Side s);

} // namespace klynge::merge_detail
