// What a bulk path (member import, ledger import) asks of the store so that
// it stays linear and holds the write lock only as long as it must.
#pragma once

#include "klynge/store/store.hpp"

namespace klynge {

// A larger page cache for this connection (SQLite's default is 2 MB). The
// transaction's pages then stay in memory until COMMIT instead of spilling
// to klynge.db mid-transaction: a spill syncs the journal each time and
// takes the exclusive lock early, which blocks every reader (`klynge status`
// from cron) until the import commits. 256 MB is an upper bound, not an
// allocation: SQLite takes pages as it needs them. A bigger transaction
// still works; it spills as before. (Temporary storage is in memory on
// every connection: configure() in store.cpp, since SQLite refuses to
// change it inside a transaction, where a bulk path may already be.)
inline void useBulkPageCache(Store& store) { store.db().exec("PRAGMA cache_size = -262144"); }

} // namespace klynge
