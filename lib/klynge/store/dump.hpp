// Deterministic text form of a database: every record as one SQL INSERT line,
// tables by name, rows by primary key. Same database → same bytes, so git can
// diff it (textconv) and `klynge restore` can rebuild the file from it.
#pragma once

#include "klynge/store/store.hpp"

#include <filesystem>
#include <ostream>

namespace klynge {

void dumpDatabase(Store& store, std::ostream& out);

// Builds a new database file at `target` from a dump. The dump's statements
// are limited to INSERTs into the schema's tables; the database is created at
// the dump's schema version and then migrated forward. Throws InvalidValue
// naming the dump's line for anything else. `target` must not exist.
struct RestoreResult {
    int records = 0;
    int dumpVersion = 0;
};
RestoreResult restoreDatabase(const std::filesystem::path& dumpFile, const std::filesystem::path& target);

} // namespace klynge
