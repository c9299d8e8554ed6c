// The hash chain over money records and decisions (DESIGN.md, "Nothing is
// lost"): every chained record gets a link whose hash is SHA-256 over the
// previous link's hash and the record's canonical text. An edit made behind
// klynge's back — a changed amount, a deleted or inserted row, an altered
// hash — breaks the chain, and `klynge check` names the first broken link.
//
// A domain makes a table chained by adding one ChainedTable row to the
// registry in chain.cpp and calling appendToChain (or a ChainAppender in a
// loop) right after each INSERT. The canonical text is always computed from
// the stored row, so what is hashed is exactly what verifyChain re-reads.
#pragma once

#include "klynge/store/store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace klynge {

// Lower-case hex SHA-256 (OpenSSL EVP).
std::string sha256Hex(std::string_view data);

struct ChainedTable {
    std::string_view table;   // "ledger_entry"
    // The record's canonical fields, in order. Never change them for a
    // released table: old links would no longer verify.
    std::string_view columns; // "voucher, kind, entry_date, amount_ore, ..."
    // An SQL expression over the row that names a record in messages,
    // e.g. "'ledger entry ' || voucher || ' (#' || id || ')'".
    std::string_view label;
};

// Every chained table, domain by domain (the registry).
std::span<const ChainedTable> chainedTables();
const ChainedTable& chainedTable(std::string_view table);

// "ledger_entry #7\nvoucher=t:B-2026-007\namount_ore=i:123400\n..." — the
// current row's columns with their SQLite type, so "12" and 12 differ.
// `row` is a statement selecting the table's columns after a leading id.
std::string canonicalText(std::string_view table, SQLite::Statement& row);

// Appends links; keeps its prepared statements and the last hash, so bulk
// imports do not re-prepare per record. Use within one transaction.
class ChainAppender {
public:
    explicit ChainAppender(Store& store);
    // Links the stored record table#id; returns the new hash.
    std::string append(std::string_view table, std::int64_t id);

private:
    Store& store_;
    std::optional<std::string> last_;
    std::unordered_map<std::string, SQLite::Statement> reads_;
    SQLite::Statement insert_;
};

// One record: the convenient form for a single command.
std::string appendToChain(Store& store, std::string_view table, std::int64_t id);

struct ChainBreak {
    std::int64_t seq = 0;      // the first broken link (0: a record without a link)
    std::string record;        // "ledger entry B-2026-007 (#7)"
    std::string what;          // the message, "what — how to fix"
};

struct ChainReport {
    std::int64_t links = 0;
    std::string head;          // the last link's hash ("" for an empty chain)
    std::optional<ChainBreak> firstBreak;
};

// Recomputes every link in order from the records as they are now.
ChainReport verifyChain(Store& store);

} // namespace klynge
