// The reading half of `klynge ledger` (list, show, balance, report, export,
// claim, categories) and the entry rendering both halves share.
#pragma once

#include "cli.hpp"

#include "klynge/ledger.hpp"

#include <string>
#include <vector>

namespace klynge::cli {

// One entry as labelled fields (show, and the record a write prints in
// --format json/csv). Keys are documented in klynge-ledger(1).
std::vector<out::Field> entryFields(const LedgerEntry& e, FinanceModel model);

void registerLedgerViews(CLI::App* grp, Context& ctx);

// Writes `content` to FILE through FILE.klynge-tmp and a rename (nothing
// with --dry-run).
void writeFileAtomically(const Context& ctx, const std::string& file,
                         const std::function<void(std::ostream&)>& write);

} // namespace klynge::cli
