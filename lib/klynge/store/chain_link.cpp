// Writing the hash chain (chain.hpp): ChainLinker appends a link for each
// record a command touched, within the command's transaction. Hot at a
// bulk import's millions of records, hence the forward cursors, the links
// held back for multi-row INSERTs and the raw binds.
#include "klynge/store/chain.hpp"
#include "klynge/store/chain_detail.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace klynge {

using namespace chain_detail;

struct ChainLinker::Statements {
    Raw insert;
    SQLite::Statement clearHeads;
    SQLite::Statement addHead;
    // Multi-row INSERTs of held links, by the number of rows.
    std::map<std::size_t, std::unique_ptr<Raw>> batches;
    explicit Statements(SQLite::Database& db)
        : insert(db, "INSERT INTO chain(id, record_table, record_id, digest, parents, hash) VALUES (?, ?, ?, ?, ?, ?)"),
          clearHeads(db, "DELETE FROM chain_head"),
          addHead(db, "INSERT INTO chain_head(link_id) VALUES (?)") {}
};

// One chained table's rows as the linker reads them: a cursor over
// `WHERE id >= ?` in id order. The records a command touched are linked
// table by table in id order, so after a bulk import the next record is
// almost always the cursor's next row; a record further on is sought.
struct ChainLinker::TableReader {
    std::string table;
    std::vector<std::string> cols;
    Raw rows;
    // The cursor stands on the first row whose id is at least `from`
    // (`current`), or past the last (`atEnd`).
    bool positioned = false;
    bool atEnd = false;
    std::int64_t from = 0;
    std::int64_t current = 0;

    TableReader(SQLite::Database& db, std::string_view name, std::vector<std::string> columns)
        : table(name), cols(std::move(columns)), rows(db, selectRow(name, cols) + " WHERE id >= ? ORDER BY id") {}

    void step() {
        atEnd = !rows.step();
        if (!atEnd) current = sqlite3_column_int64(rows.get(), 0);
    }
    // Whether the row `id` is stored; when it is, the cursor stands on it.
    // `scan`: the table has not changed since the cursor moved (the caller
    // writes no record while linking), so it may walk on instead of seeking.
    bool find(std::int64_t id, bool scan) {
        // A few rows ahead are stepped to; further, a seek is cheaper.
        constexpr int maxSteps = 8;
        if (scan && positioned && id >= from) {
            for (int n = 0; !atEnd && n <= maxSteps; ++n) {
                if (current == id) return true;
                if (current > id) return false; // the first row from `from` on is past it
                from = current + 1;
                step();
            }
        }
        rows.reset();
        rows.bind(1, id);
        from = id;
        positioned = true;
        step();
        return !atEnd && current == id;
    }
    void release() {
        rows.reset();
        positioned = false;
    }
};

struct ChainLinker::HeldLink {
    std::int64_t link = 0;
    const std::string* table = nullptr;
    std::int64_t id = 0;
    bool stored = false;   // else a tombstone
    bool digested = false; // the digest was known (KnownDigests): no text
    std::string text;      // the canonical text, when stored and not digested
    Sha256 digest{};
    Sha256 hash{};
    std::string parents;
};

namespace {
// An INSERT into the chain; a failure is SQLite's (the disk is full, say),
// for the caller to name.
void written(Raw& insert) {
    const int rc = sqlite3_step(insert.get());
    if (rc != SQLITE_DONE) {
        SQLite::Exception e(sqlite3_db_handle(insert.get()), rc);
        insert.reset();
        throw e;
    }
    insert.reset();
}
// Links per multi-row INSERT (6 parameters each, within SQLite's 32,766).
constexpr std::size_t heldLinks = 512;
// Links per batch handed to the hashing thread.
constexpr std::size_t hashedLinks = 8192;
} // namespace

ChainLinker::ChainLinker(SQLite::Database& db, Writes writes)
    : db_(db), writes_(writes), st_(std::make_unique<Statements>(db)) {
    heads_ = readChainHeads(db);
}

ChainLinker::~ChainLinker() = default;

ChainLinker::TableReader& ChainLinker::reader(std::string_view table) {
    if (lastReader_ && lastReader_->table == table) return *lastReader_;
    auto it = readers_.find(table);
    if (it == readers_.end())
        it = readers_.emplace(std::string(table), std::make_unique<TableReader>(db_, table, tableColumns(db_, table)))
                 .first;
    lastReader_ = it->second.get();
    return *lastReader_;
}

void ChainLinker::advanceHead(std::int64_t linkId, const Sha256& hash, std::string_view table, std::int64_t id) {
    if (heads_.size() != 1) heads_.resize(1);
    auto& head = heads_.front();
    head.link = linkId;
    head.hash = hash;
    head.record.assign(table);
    head.record += '#';
    appendInt(head.record, id);
}

void ChainLinker::link(std::string_view table, std::int64_t id, std::int64_t linkId) {
    auto& rows = reader(table);
    dirty_ = true;
    if (writes_ == Writes::held) {
        // Read here (SQLite's connection is this thread's); hashed by the
        // other thread, a batch at a time.
        auto& l = held_.emplace_back();
        l.link = linkId;
        l.table = &rows.table;
        l.id = id;
        if (const Sha256* known = known_ ? known_->find(table, id) : nullptr) {
            l.stored = l.digested = true;
            l.digest = *known;
        } else {
            l.stored = rows.find(id, true);
            if (l.stored) canonicalInto(l.text, table, rows.cols, rows.rows.get());
        }
        if (held_.size() == hashedLinks) handOver();
        return;
    }
    Sha256 digest;
    if (rows.find(id, false)) {
        thread_local std::string text;
        canonicalInto(text, table, rows.cols, rows.rows.get());
        digest = sha256(text);
    } else {
        digest = tombstoneDigest(table, id);
    }
    // Writing at once, the caller may change the table before the next link.
    rows.release();
    thread_local std::vector<const Sha256*> parentHashes;
    parentHashes.clear();
    for (const auto& h : heads_) parentHashes.push_back(&h.hash);
    const Sha256 hash = linkHash(parentHashes, table, id, digest);
    const std::string parents = parentsText(heads_);
    auto* ins = st_->insert.get();
    st_->insert.reset();
    sqlite3_bind_int64(ins, 1, linkId);
    sqlite3_bind_text(ins, 2, rows.table.data(), static_cast<int>(rows.table.size()), SQLITE_STATIC);
    sqlite3_bind_int64(ins, 3, id);
    sqlite3_bind_blob(ins, 4, digest.data(), static_cast<int>(digest.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, parents.data(), static_cast<int>(parents.size()), SQLITE_STATIC);
    sqlite3_bind_blob(ins, 6, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
    written(st_->insert);
    advanceHead(linkId, hash, table, id);
}

// Each link follows the one before it: the batches are hashed in order.
void ChainLinker::hashHeld(std::vector<HeldLink>& links) {
    std::vector<const Sha256*> parentHashes;
    for (auto& l : links) {
        if (!l.digested) l.digest = l.stored ? sha256(l.text) : tombstoneDigest(*l.table, l.id);
        parentHashes.clear();
        for (const auto& h : heads_) parentHashes.push_back(&h.hash);
        l.parents = parentsText(heads_);
        l.hash = linkHash(parentHashes, *l.table, l.id, l.digest);
        advanceHead(l.link, l.hash, *l.table, l.id);
    }
}

// The batch hashed before is written; the one just read goes to be hashed.
void ChainLinker::handOver() {
    if (hashing_.valid()) {
        hashing_.get();
        writeHeld(hashed_);
    }
    std::swap(held_, hashed_);
    held_.clear();
    hashing_ = std::async(std::launch::async, [this] { hashHeld(hashed_); });
}

void ChainLinker::writeHeld(std::vector<HeldLink>& links) {
    for (std::size_t done = 0; done < links.size();) {
        std::size_t n = heldLinks;
        while (n > links.size() - done) n /= 2;
        auto& batch = st_->batches[n];
        if (!batch) {
            // OR ROLLBACK: a failing link ends the command's transaction, so
            // SQLite keeps no statement journal to undo this INSERT alone
            // (a copy of every page it changes).
            std::string sql = "INSERT OR ROLLBACK INTO chain(id, record_table, record_id, digest, parents, hash) VALUES ";
            for (std::size_t i = 0; i < n; ++i) sql += i ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)";
            batch = std::make_unique<Raw>(db_, sql);
        }
        auto* q = batch->get();
        batch->reset();
        for (std::size_t i = 0; i < n; ++i) {
            const HeldLink& l = links[done + i];
            const int p = static_cast<int>(i) * 6;
            sqlite3_bind_int64(q, p + 1, l.link);
            sqlite3_bind_text(q, p + 2, l.table->data(), static_cast<int>(l.table->size()), SQLITE_STATIC);
            sqlite3_bind_int64(q, p + 3, l.id);
            sqlite3_bind_blob(q, p + 4, l.digest.data(), static_cast<int>(l.digest.size()), SQLITE_STATIC);
            sqlite3_bind_text(q, p + 5, l.parents.data(), static_cast<int>(l.parents.size()), SQLITE_STATIC);
            sqlite3_bind_blob(q, p + 6, l.hash.data(), static_cast<int>(l.hash.size()), SQLITE_STATIC);
        }
        written(*batch);
        done += n;
    }
    links.clear();
}

std::vector<ChainHead> ChainLinker::finish() {
    if (hashing_.valid()) {
        hashing_.get();
        writeHeld(hashed_);
    }
    hashHeld(held_);
    writeHeld(held_);
    for (auto& [name, r] : readers_) r->release();
    if (dirty_) {
        st_->clearHeads.reset();
        st_->clearHeads.exec();
        for (const auto& h : heads_) {
            st_->addHead.reset();
            st_->addHead.bind(1, h.link);
            st_->addHead.exec();
        }
        dirty_ = false;
    }
    return heads_;
}

} // namespace klynge
