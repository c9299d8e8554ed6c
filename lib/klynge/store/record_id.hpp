// Record identity that survives clones (DESIGN.md: several people keep
// clones of one workspace and git merges klynge.db record by record).
//
// Every record's id is a 63-bit number: the milliseconds since 2025-01-01
// in the high 41 bits and, below them, 22 bits that start at a random
// value drawn once per process; ids are strictly increasing within a
// process. Two clones writing in the same millisecond start from different
// random values, so their new records do not collide (the odds that two
// commands' ids meet are about one in four million per millisecond in
// which both write one record); within a clone, ids grow with time, so
// ORDER BY id is the order of writing. Records made before schema 7 keep
// their small ids, which every clone shares.
//
// The numbers people type and quote (member 7, meeting 3, voucher
// B-2026-017) are a separate, short `number` column (below).
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace klynge {

std::int64_t newRecordId();

// Makes newRecordId() available to SQL on this connection as klynge_id(),
// so an INSERT names its id without a round trip.
void registerRecordIdFunction(SQLite::Database& db);

// ---- Numbers ----------------------------------------------------------
// Members, meetings, decisions, contracts and ledger entries also have a
// `number`: 1, 2, 3 ... in the order a clone made them, what every command
// shows and takes. A new record takes the next free number; when a merge
// meets two records of two clones with the same number, the younger one
// (by id) takes the next free number and the merge says so (merge.hpp).

// The record of `table` with that number, if any.
std::optional<std::int64_t> recordIdOfNumber(SQLite::Database& db, std::string_view table, std::int64_t number);
// The number of table#id (0 if the record is missing).
std::int64_t numberOfRecord(SQLite::Database& db, std::string_view table, std::int64_t id);

} // namespace klynge
