// `klynge ledger import FILE.csv` (importLedger) on a small cluster, with PLO
// and with the cluster's own account. After
// an accepted file every record has its link in the hash chain, the day
// totals agree with the records, and the entries counted are the rows read.
#include "fuzz.hpp"
#include "fuzz_store.hpp"

#include "klynge/money/ledger.hpp"
#include "klynge/store/chain.hpp"

#include <sstream>

namespace {

using namespace klynge;

void importOnce(std::string_view text, const Config& config) {
    Store& store = fuzz::fixtureStore();
    WriteTransaction tx(store, "fuzz"); // rolled back: every input sees the same cluster
    std::istringstream in{std::string(text)};
    LedgerImportReport report;
    if (!FUZZ_PARSE(report = importLedger(store, config, in, "books.csv", fuzz::fixtureToday()))) return;
    FUZZ_CHECK(report.entries >= 0 && report.events >= 0 && report.events <= 2 * report.entries);
    // The chain links come at a WriteTransaction's commit, which this target
    // does not run; test_bulk and test_ledger check them for bulk imports.
    FUZZ_CHECK(verifyDayTotals(store).empty(), "the day totals disagree with the records");
    SQLite::Statement entries(store.db(), "SELECT count(*) FROM ledger_entry");
    entries.executeStep();
    FUZZ_CHECK(entries.getColumn(0).getInt64() == report.entries);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    importOnce(fuzz::text(data, size), fuzz::fixtureConfig());
    importOnce(fuzz::text(data, size), fuzz::ownAccountConfig());
    return 0;
}
