// `klynge member import FILE.csv` (importRoster) on a small cluster. An
// accepted roster imported a second time changes nothing (the import is
// idempotent), with and without --leave-missing.
#include "fuzz.hpp"
#include "fuzz_store.hpp"

#include "klynge/people/roster.hpp"

#include <sstream>

namespace {

using namespace klynge;

std::size_t import(Store& store, const std::string& text, const ImportOptions& options) {
    std::istringstream in(text);
    return importRoster(store, in, "roster.csv", options).actions.size();
}

void twice(const std::string& text, const ImportOptions& options) {
    Store& store = fuzz::fixtureStore();
    WriteTransaction tx(store, "fuzz"); // rolled back: every input sees the same cluster
    if (!FUZZ_PARSE(import(store, text, options))) return;
    std::size_t again = 0;
    FUZZ_CHECK(FUZZ_PARSE(again = import(store, text, options)), "the second import was refused");
    FUZZ_CHECK(again == 0, "the second import of the same roster changed something");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(fuzz::text(data, size));
    twice(text, {fuzz::fixtureToday(), std::nullopt});
    twice(text, {fuzz::fixtureToday(), Date::parse("2026-06-01")});
    return 0;
}
