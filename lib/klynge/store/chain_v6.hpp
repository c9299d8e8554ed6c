// The hash chain as schema 6 kept it — one link per money record or
// decision, each hashed over the previous link's hash — and the step that
// turns it into schema 7's chain of versions (chain.hpp). Only the
// migration uses this: an upgrade first verifies the old chain, so it can
// never launder an edit made behind klynge's back.
#pragma once

#include <SQLiteCpp/Database.h>

namespace klynge {

// Migration step 7 (schema.cpp): verifies the schema-6 chain (a StorageError
// naming the first broken record if it does not verify), then rebuilds it:
// every old link becomes the first version of its record, with the same id;
// every record of a table schema 6 did not chain gets its first version
// after them, table by table. No clock, no randomness: two clones upgrading
// the same database get the same chain.
void migrateChainToV7(SQLite::Database& db);

} // namespace klynge
