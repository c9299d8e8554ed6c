// Storage of the ledger: the only place that writes ledger rows. Every
// INSERT updates the day totals in the caller's transaction (and the store
// links it in the hash chain at commit), so a record never exists without
// both.
// (Internal to the ledger domain: ledger.cpp, import.cpp.)
#pragma once

#include "klynge/money/ledger.hpp"
#include "klynge/store/chain.hpp"

#include <functional>
#include <future>
#include <memory>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace klynge {

struct EntryRow {
    EntryKind kind = EntryKind::expense;
    Date date;
    Money amount;
    std::string category;
    std::string text;
    std::string payee;
    std::optional<std::int64_t> meetingId;
    std::optional<std::int64_t> reversesId;
    std::string reason;
};

class LedgerWriter {
public:
    // `single` (a command's few records): each row is written at once with
    // its day totals. `bulk` (ledger import): rows are held back and written
    // by multi-row INSERTs, and the day totals are summed in memory; flush()
    // writes whatever is held back and must run before the transaction
    // commits. Either way the store links every row in the hash chain at
    // commit. A bulk writer numbers entries from max(number) + 1: it must be
    // the only writer of ledger rows in its transaction.
    enum class Mode { single, bulk };
    explicit LedgerWriter(Store& store, Mode mode = Mode::single);
    ~LedgerWriter();
    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;

    // Assigns the next voucher number of the entry's year (B-YYYY-NNN).
    // Returns {id, voucher}.
    std::pair<std::int64_t, std::string> insertEntry(const EntryRow& row, Date recordedOn);
    // approved | rejected | paid, with the entry's amount.
    std::int64_t insertEvent(std::int64_t entryId, EntryKind kind, const std::string& category,
                             std::string_view event, Date date, Money amount, const std::string& note,
                             Date recordedOn);
    // Returns false when the same file is already attached to the entry.
    bool insertReceipt(std::int64_t entryId, const StagedReceipt& r, Date addedOn);
    // Bulk mode: writes the rows held back and the day totals (a no-op in
    // single mode).
    void flush();

private:
    struct DaySums {
        Money recorded, rejected, paid;
        std::int64_t entries = 0;
    };
    struct HeldEntry {
        std::int64_t id, number, seq;
        int year;
        std::string voucher, kind, date, recordedOn;
        EntryRow row;
    };
    struct HeldEvent {
        std::int64_t id, entryId;
        std::string event, date, note, recordedOn;
        Money amount;
    };
    void addToDay(Date day, EntryKind kind, const std::string& category, Money recorded, Money rejected, Money paid,
                  int entries);
    void writeDay(Date day, EntryKind kind, const std::string& category, const DaySums& sums);
    void writeHeldRows();
    void handOverDigests();
    void collectDigests();
    SQLite::Statement& batch(std::map<std::size_t, SQLite::Statement>& cache, const char* insert,
                             const char* placeholders, std::size_t rows);
    std::int64_t nextNumber();
    Store& store_;
    Mode mode_;
    std::map<std::tuple<Date, EntryKind, std::string>, DaySums> dayTotals_;
    std::map<int, std::int64_t> lastSeq_;
    std::vector<HeldEntry> heldEntries_;
    std::vector<HeldEvent> heldEvents_;
    std::int64_t nextNumber_ = 0; // bulk: the next entry number, once known
    std::map<std::size_t, SQLite::Statement> entryBatches_, eventBatches_;
    // Bulk: the rows written are digested for the hash chain on a second
    // thread from the values bound (RowText), a batch at a time, while the
    // next rows are written; flush() hands the digests to the store.
    struct Digests {
        std::vector<std::pair<std::int64_t, Sha256>> entries, events;
    };
    std::unique_ptr<RowText> entryText_, eventText_; // null: rows are read back at commit
    std::vector<HeldEntry> writtenEntries_;
    std::vector<HeldEvent> writtenEvents_;
    std::future<Digests> digesting_;
    SQLite::Statement entry_, event_, receipt_, day_, maxSeq_, receiptExists_;
};

// The voucher of year and sequence: B-2026-017 (at least three digits).
std::string voucherName(int year, std::int64_t seq);

// Reads entries with their status. `where` is an SQL condition over the
// entry alias e (with ?1.. bound by `bind`), "" for all.
std::vector<LedgerEntry> readEntries(Store& store, const std::string& where,
                                     const std::function<void(SQLite::Statement&)>& bind);
// The same, one entry at a time (exports of a million entries).
void forEachEntry(Store& store, const std::string& where, const std::function<void(SQLite::Statement&)>& bind,
                  const std::function<void(const LedgerEntry&)>& visit);

} // namespace klynge
