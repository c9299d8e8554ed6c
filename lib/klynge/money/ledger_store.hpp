// Storage of the ledger: the only place that writes ledger rows. Every
// INSERT updates the day totals in the caller's transaction (and the store
// links it in the hash chain at commit), so a record never exists without
// both.
// (Internal to the ledger domain: ledger.cpp, import.cpp.)
#pragma once

#include "klynge/money/ledger.hpp"

#include <functional>
#include <map>
#include <string>

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
    explicit LedgerWriter(Store& store);

    // Assigns the next voucher number of the entry's year (B-YYYY-NNN).
    // Returns {id, voucher}.
    std::pair<std::int64_t, std::string> insertEntry(const EntryRow& row, Date recordedOn);
    // approved | rejected | paid, with the entry's amount.
    std::int64_t insertEvent(std::int64_t entryId, EntryKind kind, const std::string& category,
                             std::string_view event, Date date, Money amount, const std::string& note,
                             Date recordedOn);
    // Returns false when the same file is already attached to the entry.
    bool insertReceipt(std::int64_t entryId, const StagedReceipt& r, Date addedOn);

private:
    void addToDay(Date day, EntryKind kind, const std::string& category, Money recorded, Money rejected, Money paid,
                  int entries);
    Store& store_;
    std::map<int, std::int64_t> lastSeq_;
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
