// The hash chain over every record (DESIGN.md, "Nothing is lost"; issue 11
// "Tamper evidence without gaps").
//
// Every time a command inserts, changes or deletes a record, the store
// appends a *link* for that record's new version (WriteTransaction::commit
// does it for every row the command touched, so no call site can forget):
//
//   digest = SHA-256(canonical text of the row as stored now)
//   hash   = SHA-256(hashes of the parent links ‖ "\n" table "#" id "\n" ‖ digest)
//
// The parents are the chain's heads when the link was written: one link in
// a single clone's history, two or more after git merged two clones' work
// (the chain is a DAG, like git's history; a merge never rewrites a link).
// `klynge check` recomputes every link and every record's digest against
// its latest link, so an edit, insertion or deletion made behind klynge's
// back is named. The heads are also written to klynge.head beside the
// database (versioned in git, merged by git's union driver), so deleting
// the newest records together with their links is caught against it.
//
// Which tables are chained: every table of the schema except those listed
// in chain.cpp as derived (day totals, the chain itself). The canonical
// text names the columns in alphabetical order and leaves NULLs out, so a
// migration that adds a nullable column keeps every digest valid; one that
// changes stored values must re-version the rows (relinkTables).
#pragma once

#include "klynge/store/sha256.hpp"
#include "klynge/store/store.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

namespace chain_detail {
class Raw;
}

Sha256 sha256(std::string_view data);
std::string toHex(const Sha256& digest);
// Lower-case hex SHA-256 (receipts, tests).
std::string sha256Hex(std::string_view data);

// Whether klynge keeps a link for every version of this table's rows.
bool isChainedTable(std::string_view table);
// How messages name a record: "ledger entry B-2026-007", "member 3 (Anne Ærø)".
std::string recordLabel(SQLite::Database& db, std::string_view table, std::int64_t id);

// "ledger_entry #7\namount_ore=i:123400\ncategory=t:forplejning\n…": the
// row's non-NULL columns but id in alphabetical order, each with its
// SQLite type, so "12" and 12 differ. nullopt when the row does not exist.
std::optional<std::string> canonicalText(SQLite::Database& db, std::string_view table, std::int64_t id);

// The digests of records as stored now, table by table, with one prepared
// statement per table (a merge checks thousands of records).
class RecordDigests {
public:
    explicit RecordDigests(SQLite::Database& db);
    ~RecordDigests();
    RecordDigests(const RecordDigests&) = delete;
    RecordDigests& operator=(const RecordDigests&) = delete;
    // nullopt when the record is not there.
    std::optional<Sha256> of(std::string_view table, std::int64_t id);

private:
    SQLite::Database& db_;
    std::map<std::string, std::pair<std::vector<std::string>, std::unique_ptr<chain_detail::Raw>>, std::less<>> tables_;
};

// A column's value as a writer bound it, for the canonical text of a row it
// has just inserted (RowText). Only what klynge binds: NULL, an integer, a
// text.
struct BoundValue {
    enum class Type { null, integer, text } type = Type::null;
    std::int64_t integer = 0;
    std::string_view text;
    static BoundValue null() { return {}; }
    static BoundValue of(std::int64_t v) { return {Type::integer, v, {}}; }
    static BoundValue of(std::string_view t) { return {Type::text, 0, t}; }
    // NULL for an empty text (the writers' bindOptional).
    static BoundValue orNull(std::string_view t) { return t.empty() ? null() : of(t); }
};

// The canonical text of rows of one table built from the values a writer
// bound rather than read back (a bulk import's millions of rows: reading
// each back at commit was 3.4 of its 17 s). `bound` names the columns the
// writer binds, besides id, in the order it gives their values. usable()
// is false unless they are exactly the table's columns — a schema the
// writer does not know: its rows are then read back like any others.
class RowText {
public:
    RowText(SQLite::Database& db, std::string_view table, const std::vector<std::string_view>& bound);
    bool usable() const { return usable_; }
    // The digest of row `id`; values[i] is the value of bound[i]. Pure: a
    // second thread may call it.
    Sha256 digest(std::int64_t id, const std::vector<BoundValue>& values, std::string& scratch) const;

private:
    std::string table_;
    std::vector<std::string> columns_; // the table's, alphabetical (tableColumns)
    std::vector<std::size_t> boundIndex_; // for each of columns_, its index in `bound`
    bool usable_ = false;
};

// The digests a bulk writer computed with RowText for rows it inserted in
// the current write transaction, by table, in id order. The commit links
// those rows with them instead of reading each back; it first reads back a
// few of each table and compares (verify()). A row that is changed or
// deleted after it was digested makes its table's digests void (the store's
// update hook calls forget()).
class KnownDigests {
public:
    // Appends digests of `table`, ids rising.
    void add(std::string_view table, std::vector<std::pair<std::int64_t, Sha256>> digests);
    // The digest of table#id, or nullptr when none is known.
    const Sha256* find(std::string_view table, std::int64_t id);
    void forget(std::string_view table);
    bool has(std::string_view table) const { return tables_.find(table) != tables_.end(); }
    bool empty() const { return tables_.empty(); }
    void clear() { tables_.clear(); }
    // Reads back the first, middle and last row of each table and throws
    // StorageError if its digest differs from the one known.
    void verify(SQLite::Database& db);

private:
    struct Table {
        std::vector<std::pair<std::int64_t, Sha256>> digests;
        std::size_t cursor = 0; // find() goes forward
    };
    std::map<std::string, Table, std::less<>> tables_;
};

// A head of the chain: a link no other link names as its parent.
struct ChainHead {
    std::int64_t link = 0;
    Sha256 hash{};
    std::string record; // "ledger_entry#7"
};

// Appends links within the caller's transaction.
class ChainLinker {
public:
    // `held`: links are held back and written by multi-row INSERTs (a bulk
    // import's millions of links); the chain table then shows them only
    // after finish(), so a caller that reads the chain in between (a merge)
    // leaves it off.
    enum class Writes { atOnce, held };
    explicit ChainLinker(SQLite::Database& db, Writes writes = Writes::atOnce);
    // Records whose digest is known are linked with it (held writes only).
    void useKnownDigests(KnownDigests* known) { known_ = known; }
    ~ChainLinker();
    ChainLinker(const ChainLinker&) = delete;
    ChainLinker& operator=(const ChainLinker&) = delete;

    // Links the record table#id as it is stored now (a tombstone if it was
    // deleted), as link `linkId` (newRecordId() unless the caller must be
    // deterministic: a migration or a merge). Its parents are the current
    // heads; afterwards it is the only head. Records of one table linked
    // in id order are read by one forward scan, not one look-up each.
    void link(std::string_view table, std::int64_t id, std::int64_t linkId);
    // Writes the links held back and the heads back to chain_head; returns them.
    std::vector<ChainHead> finish();

    struct TableReader;
    struct HeldLink;

private:
    struct Statements;
    void writeHeld(std::vector<HeldLink>& links);
    void hashHeld(std::vector<HeldLink>& links);
    void handOver();
    TableReader& reader(std::string_view table);
    void advanceHead(std::int64_t linkId, const Sha256& hash, std::string_view table, std::int64_t id);
    SQLite::Database& db_;
    Writes writes_;
    std::unique_ptr<Statements> st_;
    std::vector<ChainHead> heads_;
    std::map<std::string, std::unique_ptr<TableReader>, std::less<>> readers_;
    TableReader* lastReader_ = nullptr;
    KnownDigests* known_ = nullptr;
    // Held links: read into `held_` while a second thread hashes the batch
    // before it (`hashed_`, which owns heads_ until `hashing_` is done).
    std::vector<HeldLink> held_;
    std::vector<HeldLink> hashed_;
    bool dirty_ = false;
    std::future<void> hashing_; // last: waited for before the batches go
};

// The heads as chain_head records them.
std::vector<ChainHead> readChainHeads(SQLite::Database& db);

// Links every row of `tables`, in table order and id order, with link ids
// nextLink, nextLink + 1, ... (deterministic: a migration on two clones
// gives the same links). Returns the next free link id.
std::int64_t linkEveryRow(SQLite::Database& db, const std::vector<std::string>& tables, std::int64_t nextLink);

struct ChainBreak {
    std::string record; // "ledger entry B-2026-007", or "ledger_entry #7" when it is gone
    std::string what;   // the message, "what — how to fix"
};

struct ChainReport {
    std::int64_t links = 0;             // in the chain
    std::int64_t records = 0;           // chained records stored now
    std::vector<ChainHead> heads;       // computed from the links
    std::vector<ChainBreak> breaks;     // the first few, in the chain's order
    std::int64_t moreBreaks = 0;        // how many more were found
    // What a checkpoint after this walk would name (checkpoint.hpp).
    std::int64_t newestLink = 0;
    Sha256 newestHash{};
    std::uint32_t changeCounter = 0;    // the file's, read within the walk's snapshot
    bool counterKnown = false;
    // Walked from a checkpoint: only the links after it and their records.
    bool fromCheckpoint = false;
    std::int64_t linksWalked = 0;
};

struct ChainCheckpoint;

// Recomputes every link and every chained record's digest. From
// `parallelFrom` links on, the links and each table of at least that many
// rows are read by threads of their own (chain_verify.cpp). With a
// checkpoint that still holds (same links up to it, same hash), only the
// links after it and the records they name are recomputed; otherwise, or
// without one, everything is.
ChainReport verifyChain(Store& store, std::int64_t parallelFrom = 50'000, const ChainCheckpoint* since = nullptr);

// ---- klynge.head: the heads outside the database, where git versions them.

// klynge.db → klynge.head (the same directory and stem).
std::filesystem::path chainAnchorFile(const std::filesystem::path& database);
// The pending copy a command writes before it commits and renames after.
std::filesystem::path pendingChainAnchorFile(const std::filesystem::path& database);

struct AnchoredHead {
    std::int64_t link = 0;
    std::string hashHex;
    std::string record;
};
// nullopt when the file is missing; throws StorageError naming the line
// of a line that is not "LINK HASH RECORD".
std::optional<std::vector<AnchoredHead>> readChainAnchor(const std::filesystem::path& file);
std::string chainAnchorText(const std::vector<ChainHead>& heads);
// Whether `link` is vouched for by the anchored links: it is one of them,
// or a git merge's links lead to it from them. A merge's first link follows
// both sides' heads and records the merge's audit line (klynge
// merge-driver); the links it wrote after that follow it one by one. Until
// the next command rewrites klynge.head, git's union of both sides' files
// anchors the heads the merge followed, not the merge itself.
bool vouchedByAnchor(SQLite::Database& db, std::int64_t link, const std::set<std::int64_t>& anchored);

// Brings klynge.head up to date with the database when a command was killed
// between committing and renaming its pending copy (the pending copy names
// the database's heads: rename it; otherwise it was never committed:
// remove it). Returns whether it changed a file.
bool settlePendingChainAnchor(SQLite::Database& db, const std::filesystem::path& database);
// Writes klynge.head for the database's current heads (restore).
void writeChainAnchor(SQLite::Database& db, const std::filesystem::path& database);
// Writes the pending copy for the heads a transaction is about to commit;
// the caller renames it over klynge.head after COMMIT (finishChainAnchor).
void writePendingChainAnchor(SQLite::Database& db, const std::filesystem::path& database);
// Moves the pending copy over klynge.head. Another klynge that opened the
// workspace just after the COMMIT may have done so already.
void finishChainAnchor(const std::filesystem::path& database);

} // namespace klynge
