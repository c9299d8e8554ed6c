// Verified checkpoints of the hash chain (issue 11: `klynge check` at a
// million records). After `klynge check` has walked the whole chain without
// finding a break, it writes private/chain-checkpoint: how far it verified
// (the newest link, its hash, the number of links up to it, the heads) and
// which file it verified — the database's device and inode and SQLite's
// file change counter (header offset 24), which SQLite increments on every
// write transaction, klynge's own and anyone else's.
//
// Every klynge write carries the checkpoint along: a WriteTransaction that
// begins on exactly the counter the checkpoint names moves the counter on
// after it commits, because it linked every record it touched (links that
// the next check walks). Any other write — sqlite3 behind klynge's back, a
// file copied over klynge.db, a restore, a migration, a git merge — leaves
// the checkpoint naming an old counter or another file, and the next check
// walks everything again. So the next `klynge check` needs to recompute
// only the links after the checkpoint and the records they name; `check
// --full` always walks everything.
//
// Below `checkpointFromLinks()` links a full walk takes well under a second
// and no checkpoint is kept: a normal workspace is always walked in full.
// The checkpoint lives in private/, which git never versions: it vouches
// for one clone's file on one machine.
#pragma once

#include "klynge/store/chain.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace klynge {

// The database file as the checkpoint knows it.
struct DatabaseIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint32_t changeCounter = 0; // SQLite's file change counter
    bool operator==(const DatabaseIdentity&) const = default;
};

// nullopt when the file cannot be read or is not an SQLite database.
std::optional<DatabaseIdentity> databaseIdentity(const std::filesystem::path& database);

struct ChainCheckpoint {
    DatabaseIdentity file;
    std::int64_t link = 0;        // the newest link verified
    Sha256 linkHash{};
    std::int64_t linksUpTo = 0;   // how many links have an id up to `link`
    std::vector<ChainHead> heads; // the chain's heads when it was verified
    std::string verifiedAt;       // UTC, "2026-12-03T06:01:02Z"
};

// klynge.db → private/chain-checkpoint beside it.
std::filesystem::path chainCheckpointFile(const std::filesystem::path& database);
// nullopt when there is none, or it is not one klynge wrote (a walk in full
// follows, so a damaged file costs time, never a missed break).
std::optional<ChainCheckpoint> readChainCheckpoint(const std::filesystem::path& database);
// Written through a temporary and renamed; private/ is made 0700 if needed.
void writeChainCheckpoint(const std::filesystem::path& database, const ChainCheckpoint& checkpoint);
void removeChainCheckpoint(const std::filesystem::path& database);

// The number of links from which `klynge check` keeps a checkpoint:
// 100,000, or $KLYNGE_CHECKPOINT_FROM (the tests lower it).
std::int64_t checkpointFromLinks();

} // namespace klynge
