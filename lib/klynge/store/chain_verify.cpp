// `klynge check`'s walk over the hash chain (chain.hpp): every link's hash
// recomputed from its parents and digest, and every chained record's
// digest against its latest link. At a million records this is seconds of
// SQLite reading, so the links and the big tables are read at the same time
// on connections of their own (the machines klynge runs on have two cores
// or more), all within one read transaction's snapshot.
#include "klynge/store/chain.hpp"
#include "klynge/store/chain_detail.hpp"
#include "klynge/store/checkpoint.hpp"
#include "klynge/text/error.hpp"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <future>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>

namespace klynge {

using namespace chain_detail;

namespace {

// The first half of a SHA-256 digest: enough to compare (finding a second
// record with the same 128 bits is out of anyone's reach).
using Half = std::array<unsigned char, 16>;

Half half(const void* digest) {
    Half h;
    std::memcpy(h.data(), digest, h.size());
    return h;
}

// A record's version as the walk over the links saw it.
struct Version {
    std::int64_t record = 0;
    std::int64_t link = 0;
    Half digest{};
};

struct RecordDigest {
    std::int64_t id = 0;
    Half digest{};
};

Sha256 blobAt(sqlite3_stmt* st, int column) {
    Sha256 out{};
    if (sqlite3_column_type(st, column) == SQLITE_BLOB && sqlite3_column_bytes(st, column) == 32)
        std::memcpy(out.data(), sqlite3_column_blob(st, column), out.size());
    return out;
}

// What the walk found wrong, named later (naming needs SQL on the records).
struct RawBreak {
    enum class Kind { parents, missingParent, altered } kind;
    std::string table;
    std::int64_t record = 0;
    std::string parent; // "ledger_entry#7" for a missing parent
};

struct LinkWalk {
    std::int64_t links = 0;
    std::vector<ChainHead> heads;
    std::unordered_map<std::string, std::vector<Version>> byTable;
    std::vector<RawBreak> breaks;
    std::int64_t newestLink = 0; // 0 when no link was walked
    Sha256 newestHash{};
};

// The links after link `after` (all of them from 0), starting from the
// heads `from` (a checkpoint's) when there are earlier links.
LinkWalk walkLinks(SQLite::Database& db, std::int64_t after = 0, const std::vector<ChainHead>* from = nullptr) {
    LinkWalk walk;
    Raw links(db, "SELECT id, record_table, record_id, digest, parents, hash FROM chain WHERE id > ? ORDER BY id");
    links.bind(1, after);
    Raw byId(db, "SELECT hash FROM chain WHERE id = ?");
    std::int64_t previousId = 0;
    Sha256 previousHash{};
    std::vector<ParentRef> parents;
    std::vector<Sha256> parentStore;
    std::vector<const Sha256*> parentHashes;
    // Links no later link names as a parent: the heads at the end (one, but
    // for a stretch after a merge).
    struct Open {
        std::int64_t link;
        Sha256 hash;
        std::string record;
    };
    std::vector<Open> open;
    if (from)
        for (const auto& h : *from) open.push_back({h.link, h.hash, h.record});
    std::string lastTable;
    std::vector<Version>* lastVersions = nullptr;
    auto* st = links.get();
    while (links.step()) {
        ++walk.links;
        const std::int64_t id = sqlite3_column_int64(st, 0);
        const std::string_view table(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                                     sqlite3_column_bytes(st, 1));
        const std::int64_t record = sqlite3_column_int64(st, 2);
        const Sha256 digest = blobAt(st, 3);
        const std::string_view parentsField(reinterpret_cast<const char*>(sqlite3_column_text(st, 4)),
                                            sqlite3_column_bytes(st, 4));
        const Sha256 stored = blobAt(st, 5);
        if (table != lastTable) {
            lastTable.assign(table);
            lastVersions = &walk.byTable[lastTable];
        }
        lastVersions->push_back({record, id, half(digest.data())});
        if (!parseParents(parentsField, parents)) {
            walk.breaks.push_back({RawBreak::Kind::parents, lastTable, record, {}});
            continue;
        }
        parentStore.assign(parents.size(), Sha256{});
        parentHashes.clear();
        bool parentsOk = true;
        for (std::size_t i = 0; i < parents.size(); ++i) {
            const auto& p = parents[i];
            if (p.link == previousId && previousId != 0) {
                parentStore[i] = previousHash;
            } else {
                sqlite3_reset(byId.get());
                sqlite3_bind_int64(byId.get(), 1, p.link);
                if (p.link >= id || !byId.step()) {
                    walk.breaks.push_back({RawBreak::Kind::missingParent, lastTable, record, std::string(p.record)});
                    parentsOk = false;
                    continue;
                }
                parentStore[i] = blobAt(byId.get(), 0);
            }
            parentHashes.push_back(&parentStore[i]);
            std::erase_if(open, [&](const Open& o) { return o.link == p.link; });
        }
        if (parentsOk && linkHash(parentHashes, table, record, digest) != stored)
            walk.breaks.push_back({RawBreak::Kind::altered, lastTable, record, {}});
        std::string name(table);
        name += '#';
        name += std::to_string(record);
        open.push_back({id, stored, std::move(name)});
        previousId = id;
        previousHash = stored;
    }
    for (auto& o : open) walk.heads.push_back({o.link, o.hash, o.record});
    walk.newestLink = previousId;
    walk.newestHash = previousHash;
    return walk;
}

// Every row of `table` with its digest, in id order.
std::vector<RecordDigest> digestTable(SQLite::Database& db, const std::string& table) {
    Raw rows(db, fmt::format("SELECT * FROM \"{}\" ORDER BY id", table));
    const auto order = ColumnOrder::of(rows.get());
    if (order.id < 0) return {}; // no id column: the schema rule names the table
    std::vector<RecordDigest> out;
    std::string text;
    while (rows.step()) {
        canonicalInto(text, table, order, rows.get());
        out.push_back({sqlite3_column_int64(rows.get(), order.id), half(sha256(text).data())});
    }
    return out;
}

// A connection of a worker's own, read-only.
std::unique_ptr<SQLite::Database> connection(const std::filesystem::path& file) {
    auto db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(10'000);
    return db;
}

constexpr std::size_t shownBreaks = 5;

using Broken = std::function<void(std::string, std::string)>;

// What the walk over the links found, and whether chain_head records the
// heads the links end in.
void reportLinks(SQLite::Database& db, LinkWalk& walk, ChainReport& report, const Broken& broken) {
    report.heads = walk.heads;
    if (walk.newestLink) {
        report.newestLink = walk.newestLink;
        report.newestHash = walk.newestHash;
    }
    for (const auto& b : walk.breaks) {
        switch (b.kind) {
        case RawBreak::Kind::parents: {
            auto name = recordLabel(db, b.table, b.record);
            broken(name, fmt::format("the hash chain's link for {} names parents klynge never writes — {}", name,
                                     howToFix));
            break;
        }
        case RawBreak::Kind::missingParent: {
            std::string missing = b.parent;
            if (auto hash = missing.find('#'); hash != std::string::npos) missing.insert(hash, " ");
            broken(missing, fmt::format("{} is missing together with its link in the hash chain (the link of {} "
                                        "follows it): it was deleted behind klynge's back — {}",
                                        missing, recordLabel(db, b.table, b.record), howToFix));
            break;
        }
        case RawBreak::Kind::altered: {
            auto name = recordLabel(db, b.table, b.record);
            broken(name,
                   fmt::format("the hash chain's link for {} was altered behind klynge's back — {}", name, howToFix));
            break;
        }
        }
    }

    // 2. The heads chain_head records are the heads the links give.
    {
        auto recorded = readChainHeads(db);
        bool same = recorded.size() == report.heads.size();
        for (std::size_t i = 0; same && i < recorded.size(); ++i)
            same = recorded[i].link == report.heads[i].link && recorded[i].hash == report.heads[i].hash;
        if (!same)
            broken("the chain's heads",
                   fmt::format("the database records {} head link{} of the hash chain but its links end in {} — "
                               "links were added or removed behind klynge's back — {}",
                               recorded.size(), recorded.size() == 1 ? "" : "s", report.heads.size(), howToFix));
    }
}

// The checkpoint's link is still there with its hash, and no link was
// added before it (a git merge brings links from another clone's past):
// the links up to it are all the links but the few after it (counting
// those up to it would read the chain twice).
bool checkpointHolds(SQLite::Database& db, const ChainCheckpoint& cp, std::int64_t linkCount) {
    Raw at(db, "SELECT hash, (SELECT count(*) FROM chain WHERE id > ?1) FROM chain WHERE id = ?1");
    at.bind(1, cp.link);
    if (!at.step()) return false;
    return blobAt(at.get(), 0) == cp.linkHash && linkCount - sqlite3_column_int64(at.get(), 1) == cp.linksUpTo;
}

// From a checkpoint: the links after it, and each record they name against
// its latest version. Records no link after the checkpoint names were
// verified then, and only klynge wrote the file since (checkpoint.hpp).
void verifySince(SQLite::Database& db, const ChainCheckpoint& cp, const std::vector<std::string>& tables,
                 ChainReport& report, const Broken& broken) {
    report.fromCheckpoint = true;
    report.newestLink = cp.link;
    report.newestHash = cp.linkHash;
    auto walk = walkLinks(db, cp.link, &cp.heads);
    report.linksWalked = walk.links;
    reportLinks(db, walk, report, broken);
    RecordDigests now(db);
    for (const auto& table : tables) {
        report.records += db.execAndGet(fmt::format("SELECT count(*) FROM \"{}\"", table)).getInt64();
        auto found = walk.byTable.find(table);
        if (found == walk.byTable.end()) continue;
        auto& versions = found->second;
        std::stable_sort(versions.begin(), versions.end(),
                         [](const Version& a, const Version& b) { return a.record < b.record; });
        for (std::size_t v = 0; v < versions.size(); ++v) {
            if (v + 1 < versions.size() && versions[v + 1].record == versions[v].record) continue;
            const auto& last = versions[v];
            auto digest = now.of(table, last.record);
            if (!digest) {
                if (last.digest != half(tombstoneDigest(table, last.record).data())) {
                    auto name = fmt::format("{} #{}", table, last.record);
                    broken(name, fmt::format("{} is missing: it was deleted behind klynge's back — {}", name, howToFix));
                }
            } else if (last.digest != half(digest->data())) {
                auto name = recordLabel(db, table, last.record);
                broken(name, fmt::format("{} was changed behind klynge's back: it no longer matches its link in the "
                                         "hash chain — {}",
                                         name, howToFix));
            }
        }
        walk.byTable.erase(found);
    }
    for (const auto& [table, versions] : walk.byTable)
        if (!versions.empty())
            broken(table, fmt::format("the hash chain has links for table {}, which klynge does not have — {}", table,
                                      howToFix));
}

} // namespace

ChainReport verifyChain(Store& store, std::int64_t parallelFrom, const ChainCheckpoint* since) {
    auto& db = store.db();
    ChainReport report;
    auto broken = [&](std::string record, std::string what) {
        if (report.breaks.size() < shownBreaks) report.breaks.push_back({std::move(record), std::move(what)});
        else ++report.moreBreaks;
    };
    // One snapshot for every connection: while this read transaction holds
    // its shared lock, no writer can commit. (A reading command's
    // connection is in one already: Store::readOneSnapshot.)
    std::optional<SQLite::Transaction> snapshot;
    if (sqlite3_get_autocommit(db.getHandle())) snapshot.emplace(db, SQLite::TransactionBehavior::DEFERRED);
    const std::int64_t linkCount = db.execAndGet("SELECT count(*) FROM chain").getInt64();
    // The shared lock is held from that read on: the file's change counter
    // is the one of the snapshot walked.
    if (auto identity = databaseIdentity(store.file())) {
        report.changeCounter = identity->changeCounter;
        report.counterKnown = true;
    }
    const auto tables = chainedTableNames(db);
    report.links = linkCount;
    if (since && checkpointHolds(db, *since, linkCount)) {
        verifySince(db, *since, tables, report, broken);
        return report;
    }
    const bool parallel = linkCount >= parallelFrom;

    std::future<LinkWalk> linksLater;
    LinkWalk walk;
    std::unordered_map<std::string, std::future<std::vector<RecordDigest>>> digestsLater;
    if (parallel) {
        const auto file = store.file();
        linksLater = std::async(std::launch::async, [file] {
            auto own = connection(file);
            SQLite::Transaction t(*own, SQLite::TransactionBehavior::DEFERRED);
            return walkLinks(*own);
        });
        for (const auto& table : tables) {
            SQLite::Statement n(db, fmt::format("SELECT count(*) FROM \"{}\"", table));
            n.executeStep();
            if (n.getColumn(0).getInt64() < parallelFrom) continue;
            digestsLater[table] = std::async(std::launch::async, [file, table] {
                auto own = connection(file);
                SQLite::Transaction t(*own, SQLite::TransactionBehavior::DEFERRED);
                return digestTable(*own, table);
            });
        }
    } else {
        walk = walkLinks(db);
    }
    std::unordered_map<std::string, std::vector<RecordDigest>> digests;
    for (const auto& table : tables)
        if (!digestsLater.count(table)) digests[table] = digestTable(db, table);
    if (parallel) walk = linksLater.get();
    for (auto& [table, later] : digestsLater) digests[table] = later.get();

    // 1. The links, 2. the heads.
    report.linksWalked = walk.links;
    reportLinks(db, walk, report, broken);


    // 3. Every chained record against its latest version.
    for (const auto& table : tables) {
        auto& versions = walk.byTable[table];
        // Appended in link order, which is almost always record order.
        if (!std::is_sorted(versions.begin(), versions.end(),
                            [](const Version& a, const Version& b) { return a.record < b.record; }))
            std::stable_sort(versions.begin(), versions.end(),
                             [](const Version& a, const Version& b) { return a.record < b.record; });
        const auto& rows = digests[table];
        report.records += static_cast<std::int64_t>(rows.size());
        std::size_t v = 0;
        auto lastOf = [&](std::size_t at) {
            while (at + 1 < versions.size() && versions[at + 1].record == versions[at].record) ++at;
            return at;
        };
        auto deletedUpTo = [&](std::int64_t bound) {
            // Versions of records that are gone: only a tombstone may be last.
            while (v < versions.size() && versions[v].record < bound) {
                const std::size_t last = lastOf(v);
                const auto rec = versions[v].record;
                if (versions[last].digest != half(tombstoneDigest(table, rec).data())) {
                    auto name = fmt::format("{} #{}", table, rec);
                    broken(name, fmt::format("{} is missing: it was deleted behind klynge's back — {}", name, howToFix));
                }
                v = last + 1;
            }
        };
        for (const auto& row : rows) {
            deletedUpTo(row.id);
            if (v >= versions.size() || versions[v].record != row.id) {
                auto name = recordLabel(db, table, row.id);
                broken(name, fmt::format("{} is not in the hash chain: it was added behind klynge's back — {}", name,
                                         howToFix));
                continue;
            }
            const std::size_t last = lastOf(v);
            if (versions[last].digest != row.digest) {
                auto name = recordLabel(db, table, row.id);
                broken(name, fmt::format("{} was changed behind klynge's back: it no longer matches its link in the "
                                         "hash chain — {}",
                                         name, howToFix));
            }
            v = last + 1;
        }
        deletedUpTo(std::numeric_limits<std::int64_t>::max());
        walk.byTable.erase(table);
    }
    for (const auto& [table, versions] : walk.byTable)
        if (!versions.empty())
            broken(table, fmt::format("the hash chain has links for table {}, which klynge does not have — {}", table,
                                      howToFix));
    return report;
}

} // namespace klynge
