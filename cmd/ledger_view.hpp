// The reading half of `klynge ledger` (list, show, balance, report, export,
// claim, categories) and the entry rendering both halves share.
#pragma once

#include "cli.hpp"

#include "klynge/money/ledger.hpp"

#include <string>
#include <vector>

namespace klynge::cli {

// One entry as labelled fields (show, and the record a write prints in
// --format json/csv). Keys are documented in klynge-ledger(1).
std::vector<out::Field> entryFields(const LedgerEntry& e, FinanceModel model);

void registerLedgerViews(CLI::App* grp, Context& ctx);

} // namespace klynge::cli
